/**
 * Rounds as the web app shows them: the list, a new round from the form, and per round the
 * status of each municipality's questionnaires that the user may see.
 */
import { z } from 'zod';
import type { Municipality } from '../domain/register.ts';
import type { Database, Executor } from '../db/client.ts';
import { listLastChanges, listResponses } from '../db/repositories/response-repository.ts';
import { listMunicipalities, listRegisters } from '../db/repositories/register-repository.ts';
import { recordAudit } from './audit-service.ts';
import { UserInputError } from './errors.ts';
import { listAvailableInstrumentVersions, listInstrumentSummaries } from './instrument-service.ts';
import { assertCan, filterAllowed, rolesAllowed } from './permissions.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';
import type { StaffUser } from './auth-service.ts';
import type { ResponseStatus } from './questionnaire-service.ts';
import {
  categorize,
  countsTowardsResponse,
  readParticipations,
  RESPONSE_CATEGORIES,
  type InvitationState,
  type Participation,
  type ResponseCategory,
} from './participation-service.ts';
import { readInvitationStates } from './invitation-service.ts';
import {
  createRound,
  listRounds,
  loadRound,
  type LoadedRound,
  type RoundStatus,
} from './round-service.ts';
import { ROUND_ID_PATTERN } from './import/validate-answer-rows.ts';

// The fields in the order of the form, so that its error summary follows the form.
export const NewRoundFormSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Vul de naam van de meting in, bijvoorbeeld Nulmeting 2009.')
      .max(200, 'Een naam mag hoogstens 200 tekens lang zijn.'),
    id: z
      .string()
      .trim()
      .min(1, 'Vul een korte naam voor de meting in, bijvoorbeeld 2026.')
      .regex(ROUND_ID_PATTERN, "Gebruik alleen letters, cijfers, '.', '_' of '-', zonder spaties."),
    // Which versions exist is checked against the database in createRoundFromForm.
    instrumentVersion: z.string().min(1, 'Kies een instrumentversie.'),
    registerId: z.string().min(1, 'Kies het register van gemeenten.'),
    opensOn: z.iso.date('Vul een geldige openingsdatum in.'),
    closesOn: z.iso.date('Vul een geldige sluitingsdatum in.'),
  })
  .refine((value) => value.closesOn >= value.opensOn, {
    path: ['closesOn'],
    message: 'De sluitingsdatum moet op of na de openingsdatum liggen.',
  });
export type NewRoundForm = z.input<typeof NewRoundFormSchema>;

/**
 * Creates a round from the coordinator's form.
 *
 * @returns the new round's id, or the problems per field (nothing is created then)
 */
export async function createRoundFromForm(
  db: Database,
  user: StaffUser,
  form: NewRoundForm,
): Promise<{ ok: true; id: string } | { ok: false; issues: FieldIssue[] }> {
  assertCan(user, 'round.create');
  const parsed = NewRoundFormSchema.safeParse(form);
  if (!parsed.success)
    return { ok: false, issues: toFieldIssues(parsed.error, { flat: true, fallbackField: 'id' }) };
  if (!(await listAvailableInstrumentVersions(db)).includes(parsed.data.instrumentVersion))
    return {
      ok: false,
      issues: [{ field: 'instrumentVersion', message: 'Kies een instrumentversie.' }],
    };
  try {
    await db.transaction(async (tx) => {
      await createRound(tx, { ...parsed.data, status: 'concept' });
      await recordAudit(tx, {
        actorId: user.id,
        actorLabel: user.name,
        action: 'round.created',
        roundId: parsed.data.id,
        subject: `meting ${parsed.data.id}`,
        newValue: parsed.data,
      });
    });
  } catch (error) {
    if (error instanceof UserInputError)
      return {
        ok: false,
        issues: [
          {
            field: error.message.startsWith('Het register') ? 'registerId' : 'id',
            message: error.message,
          },
        ],
      };
    throw error;
  }
  return { ok: true, id: parsed.data.id };
}

export async function listRoundChoices(executor: Executor) {
  return {
    instrumentVersions: (await listInstrumentSummaries(executor)).map((summary) => ({
      version: summary.version,
      name: summary.name,
    })),
    registers: await Promise.all(
      (await listRegisters(executor))
        .filter((r) => !r.synthetic)
        .map(async (r) => ({
          id: r.id,
          name: r.name,
          municipalityCount: (await listMunicipalities(executor, r.id)).length,
        })),
    ),
  };
}

/**
 * Every round, newest first as stored; all staff may see which rounds there are.
 *
 * @throws {ForbiddenError} for a role the permission table does not allow
 */
export async function listVisibleRounds(executor: Executor, user: StaffUser) {
  assertCan(user, 'rounds.read');
  return listRounds(executor);
}

export interface MunicipalityStatus {
  readonly municipality: Municipality;
  readonly statuses: Readonly<Record<string, ResponseStatus>>;
  readonly category: ResponseCategory;
  readonly participation: Participation | null;
  /** Null when the round invites nobody. */
  readonly invitation: InvitationState | null;
  /** The latest change to its answers or statuses, or null when nothing happened yet. */
  readonly lastChange: Date | null;
}

export interface RoundOverview {
  readonly loaded: LoadedRound;
  readonly rows: readonly MunicipalityStatus[];
  /** Counts per questionnaire and status over the rows. */
  readonly counts: Readonly<Record<string, Readonly<Record<ResponseStatus, number>>>>;
  /** Municipalities per response category (figure 1), over the municipalities the user may see. */
  readonly categories: Readonly<Record<ResponseCategory, number>>;
  /** Reasons given for 'later' and 'declined'. */
  readonly reasons: Readonly<Record<string, number>>;
  /** The municipalities the user may see (or, for analysts, all of them). */
  readonly total: number;
  /** Whether the round invites municipalities (it has at least one invitation). */
  readonly invites: boolean;
  /**
   * What the percentages of the response are counted over: in a round that invites, the
   * municipalities that were invited or took part without an invitation (every category but
   * 'not-invited'); otherwise every municipality (`total`).
   */
  readonly responseBase: number;
  /** The municipalities with an invitation to the round (0 when it invites nobody). */
  readonly invitedCount: number;
}

/** A share of the response base as a whole percentage, or null when the base is empty. */
export function percentOf(count: number, base: number): number | null {
  return base > 0 ? Math.round((100 * count) / base) : null;
}

/**
 * The round with the status of every municipality the user may see. Analysts see only the
 * counts, not which municipality is where.
 *
 * @throws {NotFoundError} for an unknown round
 */
export async function loadRoundOverview(
  executor: Executor,
  user: StaffUser,
  roundId: string,
): Promise<RoundOverview> {
  assertCan(user, 'rounds.read');
  const loaded = await loadRound(executor, roundId);
  const responses = await listResponses(executor, roundId);
  const participationByCode = await readParticipations(executor, roundId);
  const invitationByCode = await readInvitationStates(executor, roundId);
  const lastChanges = await listLastChanges(executor, roundId);
  // A round without a single invitation (imported, demonstration, not yet invited) counts
  // every municipality; once it invites, the ones it did not invite are left out.
  const invites = invitationByCode.size > 0;
  const byKey = new Map(responses.map((r) => [`${r.municipalityCode}:${r.questionnaire}`, r]));
  const questionnaires = loaded.instrument.questionnaires.map((q) => q.id);
  // Roles that see municipalities by name count those they see; the others (analysts) get the
  // counts over every municipality and no names.
  const named = rolesAllowed('round.listMunicipalities').includes(user.role);
  const visible = named
    ? filterAllowed(user, 'round.listMunicipalities', loaded.municipalities)
    : loaded.municipalities;
  const counts: Record<string, Record<ResponseStatus, number>> = Object.fromEntries(
    questionnaires.map((q) => [q, { 'not-started': 0, 'in-progress': 0, submitted: 0 }]),
  );
  const rows = visible.map((municipality) => {
    const statuses: Record<string, ResponseStatus> = {};
    for (const q of questionnaires) {
      const response = byKey.get(`${municipality.code}:${q}`);
      const status: ResponseStatus = response?.submittedAt
        ? 'submitted'
        : response && response.answerCount > 0
          ? 'in-progress'
          : 'not-started';
      statuses[q] = status;
      (counts[q] as Record<ResponseStatus, number>)[status] += 1;
    }
    const participation = participationByCode.get(municipality.code) ?? null;
    const invitation: InvitationState | null = invites
      ? (invitationByCode.get(municipality.code) ?? 'none')
      : null;
    return {
      municipality,
      statuses,
      participation,
      invitation,
      lastChange: lastChanges.get(municipality.code) ?? null,
      category: categorize(participation ?? undefined, statuses, invitation ?? undefined),
    };
  });
  const categories = Object.fromEntries(RESPONSE_CATEGORIES.map((c) => [c, 0])) as Record<
    ResponseCategory,
    number
  >;
  const reasons: Record<string, number> = {};
  for (const row of rows) {
    categories[row.category] += 1;
    if (row.participation)
      reasons[row.participation.reason] = (reasons[row.participation.reason] ?? 0) + 1;
  }
  return {
    loaded,
    rows: named ? rows : [],
    counts,
    categories,
    reasons,
    total: rows.length,
    invites,
    responseBase: rows.filter((row) => countsTowardsResponse(row.category)).length,
    invitedCount: rows.filter((row) => row.invitation === 'unused' || row.invitation === 'used')
      .length,
  };
}

/** What closing or reopening a round would do, for the confirmation step. */
export interface StatusChangePreview {
  readonly round: { readonly id: string; readonly name: string; readonly status: RoundStatus };
  /** Whether the change applies now: closing an open round, reopening a closed one. */
  readonly applies: boolean;
  /** Municipalities that have started but not submitted both questionnaires. */
  readonly inProgress: number;
}

/**
 * Describes closing (`closed`) or reopening (`open`) a round before it is done.
 *
 * @throws {ForbiddenError} unless the user may change the round's status
 * @throws {NotFoundError} for an unknown round
 */
export async function previewStatusChange(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  status: 'open' | 'closed',
): Promise<StatusChangePreview> {
  assertCan(user, 'round.changeStatus');
  const overview = await loadRoundOverview(executor, user, roundId);
  const { round } = overview.loaded;
  return {
    round: { id: round.id, name: round.name, status: round.status },
    applies: !round.synthetic && round.status === (status === 'closed' ? 'open' : 'closed'),
    inProgress: overview.categories['in-progress'],
  };
}
