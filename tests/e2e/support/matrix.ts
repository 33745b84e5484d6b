/**
 * The authorization matrices' expectations, derived from the permission table
 * (src/services/permissions.ts) rather than written out per case: a change to the table
 * changes what the matrices expect, and a route, form intent or API operation without a case
 * fails its matrix.
 */
import {
  can,
  isHiddenFrom,
  rolesAllowed,
  type Action,
  type Actor,
} from '../../../src/services/permissions.ts';
import type { Cast } from '../../support/factories.ts';

export const PERSONAS = [
  'anonymous',
  'coordinator',
  'advisor',
  'otherAdvisor',
  'municipality',
  'otherMunicipality',
  'analyst',
] as const;
export type Persona = (typeof PERSONAS)[number];

/** What the personas are, as far as permissions go (see seedAccounts in tests/support/factories.ts). */
export const ACTORS: Record<Exclude<Persona, 'anonymous'>, Actor> = {
  coordinator: { role: 'coordinator', provinces: [], municipalityCode: null },
  advisor: { role: 'advisor', provinces: ['PV27'], municipalityCode: null },
  otherAdvisor: { role: 'advisor', provinces: ['PV20'], municipalityCode: null },
  municipality: { role: 'municipality', provinces: [], municipalityCode: '0363' },
  otherMunicipality: { role: 'municipality', provinces: [], municipalityCode: '0014' },
  analyst: { role: 'analyst', provinces: [], municipalityCode: null },
} satisfies Record<keyof Cast, Actor>;

/** The municipality the cases are about: Amsterdam, in Noord-Holland. */
export const AMSTERDAM = { code: '0363', provinceCode: 'PV27' };

export type Need = Action | 'signed-in' | 'public';
export type Outcome = number | 'login';

/**
 * What a persona gets: `allowed` when the table allows it, otherwise 403, or 404 where the
 * table hides the record (`isHiddenFrom`: a municipality reaching for another one, an advisor
 * outside their provinces for talks and plans). Anonymous callers of anything not public
 * get `anonymous` (the login page for pages, 401 for the API).
 */
export function expectedOutcome(
  persona: Persona,
  need: Need,
  options: {
    allowed: Outcome;
    about?: typeof AMSTERDAM;
    anonymous?: Outcome;
    /**
     * The service narrows what a scoped role gets instead of refusing it (an advisor's export
     * holds their provinces' rows): every role with a scope is allowed.
     */
    narrowed?: boolean;
  },
): Outcome {
  if (need === 'public') return options.allowed;
  if (persona === 'anonymous') return options.anonymous ?? 'login';
  if (need === 'signed-in') return options.allowed;
  const actor = ACTORS[persona];
  if (options.narrowed && rolesAllowed(need).includes(actor.role)) return options.allowed;
  if (can(actor, need, options.about)) return options.allowed;
  if (isHiddenFrom(actor, need, options.about)) return 404;
  return 403;
}
