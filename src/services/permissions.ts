/**
 * Who may do what: one table, read by every service (which asserts it), by the pages (which
 * get its answers as flags) and by the JSON API (which documents and checks the roles).
 *
 * A permission gives each role a scope:
 * - `all`: everywhere;
 * - `province`: for the municipalities of the advisor's provinces;
 * - `own`: for the user's own municipality.
 * A role without an entry may not do it at all.
 *
 * A municipality account that may do something for its own municipality and reaches for
 * another one gets 404, not 403, so it cannot probe another municipality's data. What a role
 * may not do anywhere is 403, whatever it is about.
 */
import type { Municipality } from '../domain/register.ts';
import type { Role, StaffUser } from './auth-service.ts';
import { ForbiddenError, MUNICIPALITY_NOT_FOUND, NotFoundError } from './errors.ts';

export type Scope = 'all' | 'province' | 'own';

interface Permission {
  readonly scopes: Readonly<Partial<Record<Role, Scope>>>;
  /** Why it is refused, in Dutch. */
  readonly denied: string;
  /**
   * An advisor outside their provinces gets 404 rather than 403: the record (a talk, a plan)
   * does not exist for them, as it does not for another municipality (issue 12).
   */
  readonly hiddenOutsideScope?: boolean;
}

const EVERY_ROLE = {
  coordinator: 'all',
  advisor: 'all',
  municipality: 'all',
  analyst: 'all',
} as const;
const WORKS_ON_MUNICIPALITY = {
  coordinator: 'all',
  advisor: 'province',
  municipality: 'own',
} as const;
const COORDINATOR = { coordinator: 'all' } as const;

export const PERMISSIONS = {
  // Rounds and their response.
  'rounds.read': { scopes: EVERY_ROLE, denied: 'U heeft geen toegang tot de metingen.' },
  'round.create': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator maakt een meting aan.',
  },
  'round.changeStatus': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator mag een meting openen of sluiten.',
  },
  /** Prefilling a round from the previous one ('vorige meting', issue 11, decision 021). */
  'round.prefill': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator stelt in of een meting vooraf wordt ingevuld.',
  },
  'round.invite': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator nodigt gemeenten uit.',
  },
  'round.remind': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator stuurt herinneringen.',
  },
  /** Importing answers from a file (the web page and the API; the CLI runs on the server). */
  'round.import': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator importeert antwoorden.',
  },
  /** The map colours every municipality by its response. */
  'round.viewMap': {
    scopes: { coordinator: 'all', advisor: 'all' },
    denied: 'De kaart met de respons per gemeente is voor de coördinator en de adviseurs.',
  },
  /** Which municipalities appear by name in the round's table. */
  'round.listMunicipalities': {
    scopes: WORKS_ON_MUNICIPALITY,
    denied: 'U ziet alleen de aantallen, niet de stand per gemeente.',
  },
  'analysis.read': { scopes: EVERY_ROLE, denied: 'U heeft geen toegang tot de analyse.' },
  /**
   * Municipalities by name in the analysis (the map per municipality, lists): the coordinator
   * everywhere, an advisor in their provinces. Analysts see every figure but no municipality
   * by name; municipality accounts see aggregates only (issue 10).
   */
  'analysis.namedMunicipalities': {
    scopes: { coordinator: 'all', advisor: 'province' },
    denied: 'Alleen de coördinator en de adviseurs zien gemeenten bij naam in de analyse.',
  },
  /** The answers per municipality as a data file (CSV, Excel, SPSS). */
  'analysis.exportAnswers': {
    scopes: { coordinator: 'all', advisor: 'province' },
    denied:
      'Alleen de coördinator en de adviseurs downloaden de antwoorden per gemeente. U kunt de tabellen van de analyse downloaden.',
  },
  /** The dashboard's tables as CSV and Excel, with what the viewer may see in them. */
  'analysis.exportTables': {
    scopes: EVERY_ROLE,
    denied: 'U heeft geen toegang tot de tabellen van de analyse.',
  },
  'round.publish': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator publiceert de resultaten van een meting.',
  },

  // One municipality's questionnaires.
  'questionnaire.read': {
    scopes: WORKS_ON_MUNICIPALITY,
    denied: 'U heeft geen toegang tot de vragenlijsten van deze gemeente.',
  },
  'questionnaire.edit': {
    scopes: WORKS_ON_MUNICIPALITY,
    denied: 'U mag de antwoorden van deze gemeente niet wijzigen.',
  },
  'questionnaire.submit': {
    scopes: WORKS_ON_MUNICIPALITY,
    denied: 'U mag de vragenlijsten van deze gemeente niet indienen.',
  },
  'questionnaire.reopen': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator heropent een ingediende vragenlijst.',
  },
  'participation.set': {
    scopes: { coordinator: 'all', advisor: 'province' },
    denied: 'Alleen de coördinator of de adviseur legt de deelname vast.',
  },
  'audit.read': {
    scopes: { coordinator: 'all', advisor: 'province' },
    denied: 'Het logboek is voor de coördinator en de provinciaal adviseur.',
  },
  'audit.export': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator downloadt het logboek.',
  },

  // The municipality report (issue 9). The analyst sees no report by name.
  /** Reading a municipality's report, and the notes written in it. */
  'report.read': {
    scopes: WORKS_ON_MUNICIPALITY,
    denied: 'U heeft geen toegang tot het rapport van deze gemeente.',
  },
  /** A short note per basisfunctie in the report, by the municipality or its advisor. */
  'notes.write': {
    scopes: WORKS_ON_MUNICIPALITY,
    denied:
      'Alleen de gemeente, haar adviseur en de coördinator schrijven notities in het rapport.',
  },
  /**
   * Composing one's own comparison groups. Every role that reads reports has them; each user
   * sees and changes only their own sets (the service answers 404 for another user's set).
   */
  'peerSets.manage': {
    scopes: { coordinator: 'all', advisor: 'all', municipality: 'all' },
    denied: 'Vergelijkingsgroepen zijn er voor wie rapporten van gemeenten leest.',
  },
  'report.bulkRun': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator maakt de rapporten van alle gemeenten.',
  },
  // Issue 9 (helper B): naming consent and the regional view.
  /** A municipality agrees (or not) to be named to other municipalities; only itself. */
  'consent.set': {
    scopes: { municipality: 'own' },
    denied: 'Alleen de gemeente zelf kiest of andere gemeenten haar naam mogen zien.',
  },
  /**
   * The regional view. Every role but the analyst may open it; the service decides which
   * members appear by name (those the user may read, and those that consented).
   */
  'region.read': {
    scopes: { coordinator: 'all', advisor: 'all', municipality: 'all' },
    denied:
      'De regionale vergelijking is niet beschikbaar voor analisten: die zien geen gemeenten bij naam.',
  },

  // Instrument versions (issue 11): everyone who works with the figures may read them; only
  // the coordinator defines and edits them, since a version decides how every round is scored.
  'instrument.view': {
    scopes: { coordinator: 'all', advisor: 'all', analyst: 'all' },
    denied: 'De instrumentversies zijn voor de coördinator, de adviseurs en de analisten.',
  },
  'instrument.edit': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator maakt en wijzigt instrumentversies.',
  },

  // The improvement loop (issue 12): advice talks, agreed actions and the Wmo plan. Talks
  // and plans name a municipality, so the analyst sees only their national counts
  // ('analysis.read').
  /** Reading a municipality's talks and actions (and the comments on them). */
  'talks.read': {
    scopes: WORKS_ON_MUNICIPALITY,
    denied: 'U heeft geen toegang tot de adviesgesprekken van deze gemeente.',
    hiddenOutsideScope: true,
  },
  /** Recording or planning a talk, its points and agreed actions, and inviting to it. */
  'talks.record': {
    scopes: { coordinator: 'all', advisor: 'province' },
    denied: 'Alleen de provinciaal adviseur en de coördinator leggen adviesgesprekken vast.',
    hiddenOutsideScope: true,
  },
  /** Changing an action's status and commenting on it. */
  'actions.update': {
    scopes: WORKS_ON_MUNICIPALITY,
    denied: 'U mag de acties van deze gemeente niet bijwerken.',
    hiddenOutsideScope: true,
  },
  /** The weekly digest of overdue actions, switched on or off for one's own account. */
  'digest.manage': {
    scopes: { coordinator: 'all', advisor: 'all', municipality: 'all' },
    denied: 'Het wekelijkse overzicht van verlopen acties is er voor adviseurs en gemeenten.',
  },
  'wmoPlan.read': {
    scopes: WORKS_ON_MUNICIPALITY,
    denied: 'U heeft geen toegang tot het Wmo-beleidsplan van deze gemeente.',
    hiddenOutsideScope: true,
  },
  /** Filling in the plan status; the municipality itself, its advisor or the coordinator. */
  'wmoPlan.edit': {
    scopes: WORKS_ON_MUNICIPALITY,
    denied: 'U mag het Wmo-beleidsplan van deze gemeente niet invullen.',
    hiddenOutsideScope: true,
  },
  'wmoPlan.confirm': {
    scopes: { coordinator: 'all', advisor: 'province' },
    denied: 'Alleen de provinciaal adviseur en de coördinator bevestigen het Wmo-beleidsplan.',
    hiddenOutsideScope: true,
  },
  'wmoPlan.import': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator importeert de stand van de Wmo-beleidsplannen.',
  },
  'wmoPlan.setTarget': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator stelt de landelijke doelstelling in.',
  },

  // Open answers as research material (issue 13). Everyone reads the open answers and notes of
  // a round, each as far as they may: the coordinator by name, an advisor by name in their
  // provinces, an analyst without names (src/domain/open-answers.ts describes the rule), a
  // municipality only its own. Coding, codebooks and quotes are the researchers' work.
  'openAnswers.read': {
    scopes: EVERY_ROLE,
    denied: 'U heeft geen toegang tot de open antwoorden.',
  },
  /** Making codebooks (themes), coding answers and settling the coders' differences. */
  'openAnswers.code': {
    scopes: { coordinator: 'all', analyst: 'all' },
    denied: 'Alleen de coördinator en de analisten coderen de open antwoorden.',
  },
  /** Marking an answer as a quote for the national report. */
  'openAnswers.quote': {
    scopes: { coordinator: 'all', analyst: 'all' },
    denied: 'Alleen de coördinator en de analisten kiezen citaten voor het landelijk rapport.',
  },
  /** The coded answers as CSV and Excel (anonymised as the viewer reads them). */
  'openAnswers.export': {
    scopes: { coordinator: 'all', advisor: 'all', analyst: 'all' },
    denied:
      'Alleen de coördinator, de adviseurs en de analisten downloaden de gecodeerde antwoorden.',
  },

  // Administration.
  'outbox.read': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator ziet de verstuurde e-mail.',
  },
  'accounts.manage': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator beheert accounts.',
  },
  'apiTokens.manage': {
    scopes: COORDINATOR,
    denied: 'Alleen de landelijk coördinator beheert API-sleutels.',
  },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** The user as far as permissions go. */
export type Actor = Pick<StaffUser, 'role' | 'provinces' | 'municipalityCode'>;
/** The municipality an action is about. */
export type Resource = Pick<Municipality, 'code' | 'provinceCode'>;

function scopeOf(role: Role, action: Action): Scope | undefined {
  return (PERMISSIONS[action].scopes as Partial<Record<Role, Scope>>)[role];
}

/**
 * Whether the user may do the action, on the given municipality when the permission is scoped.
 * Without a municipality only an `all` scope allows.
 *
 * @example
 * can(advisorOfNoordHolland, 'questionnaire.edit', amsterdam); // true
 * can(advisorOfNoordHolland, 'questionnaire.edit');            // false: which municipality?
 * can(analyst, 'analysis.read');                               // true
 */
export function can(user: Actor, action: Action, resource?: Resource): boolean {
  const scope = scopeOf(user.role, action);
  switch (scope) {
    case 'all':
      return true;
    case 'province':
      return !!resource && user.provinces.includes(resource.provinceCode);
    case 'own':
      return !!resource && user.municipalityCode === resource.code;
    case undefined:
      return false;
  }
}

/**
 * Whether a refusal is a 404: a municipality that may do this for itself reaching for another
 * one, or an advisor outside their provinces for a permission that hides its records.
 */
export function isHiddenFrom(user: Actor, action: Action, resource?: Resource): boolean {
  if (!resource) return false;
  const scope = scopeOf(user.role, action);
  if (scope === 'own') return resource.code !== user.municipalityCode;
  const permission: Permission = PERMISSIONS[action];
  return (
    scope === 'province' &&
    permission.hiddenOutsideScope === true &&
    !user.provinces.includes(resource.provinceCode)
  );
}

/**
 * Throws unless `can(user, action, resource)`.
 *
 * @throws {NotFoundError} when a municipality account that may do this for its own
 *   municipality reaches for another one, or an advisor for a municipality outside their
 *   provinces where the permission hides its records (`hiddenOutsideScope`)
 * @throws {ForbiddenError} otherwise, with the permission's own message
 */
export function assertCan(user: Actor, action: Action, resource?: Resource): void {
  if (can(user, action, resource)) return;
  if (isHiddenFrom(user, action, resource)) throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
  throw new ForbiddenError(PERMISSIONS[action].denied);
}

/**
 * Throws unless the user's role may do the action somewhere: the check before loading what
 * the action is about, so a role that may never do it hears 403 whatever it asked for.
 *
 * @throws {ForbiddenError} with the permission's own message
 */
export function assertRoleMay(user: Actor, action: Action): void {
  if (scopeOf(user.role, action) === undefined)
    throw new ForbiddenError(PERMISSIONS[action].denied);
}

/** The roles that may do the action somewhere (for the API's role check and its documentation). */
export function rolesAllowed(action: Action): Role[] {
  return (Object.keys(PERMISSIONS[action].scopes) as Role[]).sort();
}

/** The municipalities of a register the user may do the action on. */
export function filterAllowed<T extends Resource>(
  user: Actor,
  action: Action,
  municipalities: readonly T[],
): T[] {
  return municipalities.filter((municipality) => can(user, action, municipality));
}
