import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from './errors.ts';
import {
  ACTIONS,
  assertCan,
  assertRoleMay,
  can,
  filterAllowed,
  PERMISSIONS,
  rolesAllowed,
  type Actor,
} from './permissions.ts';

const coordinator: Actor = { role: 'coordinator', provinces: [], municipalityCode: null };
const advisorNH: Actor = { role: 'advisor', provinces: ['PV27'], municipalityCode: null };
const amsterdamUser: Actor = { role: 'municipality', provinces: [], municipalityCode: '0363' };
const analyst: Actor = { role: 'analyst', provinces: [], municipalityCode: null };
const amsterdam = { code: '0363', provinceCode: 'PV27' };
const groningen = { code: '0014', provinceCode: 'PV20' };

describe('can', () => {
  it.each([
    // who, action, about, expected
    [coordinator, 'questionnaire.edit', groningen, true],
    [advisorNH, 'questionnaire.edit', amsterdam, true],
    [advisorNH, 'questionnaire.edit', groningen, false],
    [advisorNH, 'questionnaire.edit', undefined, false],
    [amsterdamUser, 'questionnaire.edit', amsterdam, true],
    [amsterdamUser, 'questionnaire.edit', groningen, false],
    [analyst, 'questionnaire.read', amsterdam, false],
    [analyst, 'analysis.read', undefined, true],
    [advisorNH, 'audit.read', amsterdam, true],
    [amsterdamUser, 'audit.read', amsterdam, false],
    [coordinator, 'round.create', undefined, true],
    [advisorNH, 'round.create', undefined, false],
    [coordinator, 'outbox.read', undefined, true],
    [analyst, 'round.viewMap', undefined, false],
  ] as const)('%o may %s about %o: %s', (user, action, about, expected) => {
    expect(can(user, action, about)).toBe(expected);
  });

  it('gives every permission a Dutch refusal and at least one role', () => {
    for (const action of ACTIONS) {
      expect(rolesAllowed(action).length, action).toBeGreaterThan(0);
      expect(PERMISSIONS[action].denied, action).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('assertCan', () => {
  it('answers 404 when a municipality reaches for another municipality it could act for', () => {
    expect(() => assertCan(amsterdamUser, 'questionnaire.read', groningen)).toThrow(NotFoundError);
  });
  it('answers 403 when the role may not do it anywhere', () => {
    expect(() => assertCan(amsterdamUser, 'audit.read', groningen)).toThrow(ForbiddenError);
    expect(() => assertCan(analyst, 'questionnaire.read', amsterdam)).toThrow(
      'U heeft geen toegang tot de vragenlijsten van deze gemeente.',
    );
  });
  it('answers 403 to an advisor outside their provinces', () => {
    expect(() => assertCan(advisorNH, 'questionnaire.edit', groningen)).toThrow(ForbiddenError);
  });
  it('lets allowed users pass', () => {
    expect(() => assertCan(advisorNH, 'participation.set', amsterdam)).not.toThrow();
  });
});

describe('assertRoleMay', () => {
  it('checks the role only', () => {
    expect(() => assertRoleMay(coordinator, 'questionnaire.reopen')).not.toThrow();
    expect(() => assertRoleMay(advisorNH, 'questionnaire.reopen')).toThrow(
      'Alleen de landelijk coördinator heropent een ingediende vragenlijst.',
    );
  });
});

describe('rolesAllowed and filterAllowed', () => {
  it('lists the roles of a permission', () => {
    expect(rolesAllowed('questionnaire.edit')).toEqual(['advisor', 'coordinator', 'municipality']);
    expect(rolesAllowed('round.invite')).toEqual(['coordinator']);
  });
  it('keeps the municipalities the user may act on', () => {
    expect(filterAllowed(advisorNH, 'questionnaire.read', [amsterdam, groningen])).toEqual([
      amsterdam,
    ]);
    expect(filterAllowed(analyst, 'questionnaire.read', [amsterdam, groningen])).toEqual([]);
    expect(filterAllowed(coordinator, 'questionnaire.read', [])).toEqual([]);
  });
});

describe('hidden outside scope (issue 12)', () => {
  it('answers 404 to an advisor outside their provinces for talks and plans', () => {
    expect(() => assertCan(advisorNH, 'talks.read', groningen)).toThrow(NotFoundError);
    expect(() => assertCan(advisorNH, 'wmoPlan.confirm', groningen)).toThrow(NotFoundError);
    expect(() => assertCan(advisorNH, 'talks.record', amsterdam)).not.toThrow();
  });
  it('still answers 403 to a role that may not do it at all', () => {
    expect(() => assertCan(analyst, 'talks.read', amsterdam)).toThrow(ForbiddenError);
    expect(() => assertCan(amsterdamUser, 'talks.record', amsterdam)).toThrow(ForbiddenError);
  });
});
