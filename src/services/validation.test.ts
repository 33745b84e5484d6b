import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkInput, toFieldIssues } from './validation.ts';

describe('zod messages in Dutch', () => {
  it.each([
    [z.object({ naam: z.string() }), {}, 'Vul dit veld in.'],
    [z.object({ naam: z.string().min(1) }), { naam: '' }, 'Vul dit veld in.'],
    [z.object({ naam: z.string().min(3) }), { naam: 'ab' }, 'Vul minstens 3 tekens in.'],
    [z.object({ naam: z.string().max(1) }), { naam: 'ab' }, 'Dit mag hoogstens 1 teken lang zijn.'],
    [z.object({ n: z.number() }), { n: 'x' }, 'Vul een getal in.'],
    [z.object({ n: z.number().max(5) }), { n: 6 }, 'Vul een getal in van hoogstens 5.'],
    [z.object({ n: z.number().int().min(1) }), { n: 0 }, 'Vul een getal in van minstens 1.'],
    [
      z.object({ mail: z.email() }),
      { mail: 'geen adres' },
      'Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.',
    ],
    [z.object({ d: z.iso.date() }), { d: '1-1-2026' }, 'Vul een geldige datum in (jjjj-mm-dd).'],
    [z.object({ k: z.enum(['a', 'b']) }), { k: 'c' }, 'Kies een van: "a", "b".'],
    [z.object({ l: z.array(z.string()) }), { l: 'x' }, 'Geef een lijst.'],
    [z.strictObject({}), { extra: 1 }, 'Onbekend veld: extra.'],
  ])('%#: %o', (schema, input, message) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it('keeps a schema’s own message', () => {
    const result = z.string().min(1, 'Vul uw naam in.').safeParse('');
    expect(result.error?.issues[0]?.message).toBe('Vul uw naam in.');
  });
});

describe('toFieldIssues', () => {
  const Schema = z.object({
    email: z.string().min(1, 'Vul uw e-mailadres in.').email('Vul een geldig e-mailadres in.'),
    tags: z.array(z.string().regex(/^PV\d\d$/, 'Kies een provincie.')),
  });

  it('gives one message per field, in the order of the fields', () => {
    const error = Schema.safeParse({ email: '', tags: ['x', 'y'] }).error as z.ZodError;
    expect(toFieldIssues(error)).toEqual([
      { field: 'email', message: 'Vul uw e-mailadres in.' },
      { field: 'tags.0', message: 'Kies een provincie.' },
      { field: 'tags.1', message: 'Kies een provincie.' },
    ]);
    expect(toFieldIssues(error, { flat: true })).toEqual([
      { field: 'email', message: 'Vul uw e-mailadres in.' },
      { field: 'tags', message: 'Kies een provincie.' },
    ]);
  });

  it('prefixes and names issues about the whole input', () => {
    const error = z.string().safeParse(3).error as z.ZodError;
    expect(toFieldIssues(error, { fallbackField: '(body)' })).toEqual([
      { field: '(body)', message: 'Vul tekst in.' },
    ]);
    expect(toFieldIssues(error, { prefix: 'answers' })).toEqual([
      { field: 'answers', message: 'Vul tekst in.' },
    ]);
  });

  it('is empty for an error without issues', () => {
    expect(toFieldIssues(new z.ZodError([]))).toEqual([]);
  });
});

describe('checkInput', () => {
  it('returns the value or the issues', () => {
    const Schema = z.object({ n: z.coerce.number().int() });
    expect(checkInput(Schema, { n: '4' })).toEqual({ ok: true, value: { n: 4 } });
    expect(checkInput(Schema, { n: 'vier' })).toEqual({
      ok: false,
      issues: [{ field: 'n', message: 'Vul een getal in.' }],
    });
  });
});
