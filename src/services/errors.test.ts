import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  httpStatusOf,
  NotFoundError,
  UserInputError,
} from './errors.ts';

describe('httpStatusOf', () => {
  it.each([
    [new UserInputError('x'), 400],
    [new ForbiddenError(), 403],
    [new NotFoundError(), 404],
    [new ConflictError('x'), 409],
    [new Error('boom'), undefined],
    ['a string', undefined],
    [null, undefined],
  ])('%o → %s', (error, status) => {
    expect(httpStatusOf(error)).toBe(status);
  });

  it('has Dutch default messages', () => {
    expect(new ForbiddenError().message).toBe('U heeft geen toegang tot deze pagina.');
    expect(new NotFoundError().message).toBe('Deze pagina bestaat niet.');
  });
});
