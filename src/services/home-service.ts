/**
 * The home page starts from the work: per role what is going on in the rounds and what needs
 * doing next. Everything is read through the services that check permissions (the round
 * overview, the questionnaire), so each role sees exactly what it may see elsewhere.
 */
import type { Executor } from '../db/client.ts';
import { listRecentSubmissions } from '../db/repositories/response-repository.ts';
import { listRounds } from '../db/repositories/round-repository.ts';
import { listOverdueActions, type ActionSummary } from './advice-action-service.ts';
import type { StaffUser } from './auth-service.ts';
import type { ResponseCategory } from './participation-service.ts';
import { assertCan } from './permissions.ts';
import {
  listMissingItems,
  listSections,
  loadQuestionnaire,
  type ResponseStatus,
} from './questionnaire-service.ts';
import { loadRoundOverview, percentOf, type RoundOverview } from './round-overview-service.ts';
import { loadRound, type RoundStatus } from './round-service.ts';

/** How many recently submitted questionnaires the coordinator sees. */
export const RECENT_SUBMISSIONS = 5;

export interface RoundResponse {
  readonly id: string;
  readonly name: string;
  readonly status: RoundStatus;
  readonly synthetic: boolean;
  readonly categories: Readonly<Record<ResponseCategory, number>>;
  /** What the percentage is counted over (the invited municipalities, when the round invites). */
  readonly base: number;
  readonly invites: boolean;
  /** Municipalities that submitted both questionnaires, as a percentage of `base`. */
  readonly submittedPercent: number | null;
}

export interface RecentSubmission {
  readonly roundId: string;
  readonly roundName: string;
  readonly municipalityCode: string;
  readonly municipality: string;
  readonly questionnaire: string;
  readonly submittedAt: Date;
}

export interface MunicipalityProgress {
  readonly code: string;
  readonly name: string;
  readonly category: ResponseCategory;
  readonly statuses: Readonly<Record<string, ResponseStatus>>;
}

export interface AdvisorRound {
  readonly id: string;
  readonly name: string;
  readonly questionnaires: readonly string[];
  /** Every municipality of the advisor's provinces in the round. */
  readonly municipalities: readonly MunicipalityProgress[];
  /** In the round (invited, or a round that invites nobody) and not begun. */
  readonly notStarted: readonly MunicipalityProgress[];
  readonly inProgress: readonly MunicipalityProgress[];
}

/** What a municipality does next with a questionnaire. */
export type NextStep =
  | { readonly kind: 'begin' | 'continue'; readonly section: { id: string; name: string } }
  | { readonly kind: 'submit' }
  | { readonly kind: 'results' }
  /** The questionnaire cannot be changed by this user now. */
  | { readonly kind: 'none' };

export interface MunicipalityRound {
  readonly id: string;
  readonly name: string;
  readonly municipalityCode: string;
  readonly municipality: string;
  readonly questionnaires: readonly {
    readonly id: string;
    readonly name: string;
    readonly status: ResponseStatus;
    readonly answered: number;
    readonly total: number;
    readonly next: NextStep;
  }[];
}

export type HomeSummary =
  | {
      readonly kind: 'coordinator';
      /** The open rounds with their response. */
      readonly rounds: readonly RoundResponse[];
      readonly recent: readonly RecentSubmission[];
    }
  | {
      readonly kind: 'advisor';
      readonly rounds: readonly AdvisorRound[];
      /** Overdue actions of talks in the advisor's provinces (issue 12). */
      readonly overdue: readonly ActionSummary[];
    }
  | {
      readonly kind: 'municipality';
      readonly rounds: readonly MunicipalityRound[];
      /** The municipality's own overdue actions (issue 12). */
      readonly overdue: readonly ActionSummary[];
    }
  | { readonly kind: 'analyst'; readonly rounds: readonly RoundResponse[] };

function describeResponse(overview: RoundOverview): RoundResponse {
  const { round } = overview.loaded;
  return {
    id: round.id,
    name: round.name,
    status: round.status,
    synthetic: round.synthetic,
    categories: overview.categories,
    base: overview.responseBase,
    invites: overview.invites,
    submittedPercent: percentOf(overview.categories.submitted, overview.responseBase),
  };
}

function toProgress(row: RoundOverview['rows'][number]): MunicipalityProgress {
  return {
    code: row.municipality.code,
    name: row.municipality.name,
    category: row.category,
    statuses: row.statuses,
  };
}

/**
 * The home page of a signed-in user: for the coordinator the open rounds with their response
 * and what needs action; for an advisor the municipalities of their provinces in the open
 * rounds; for a municipality its questionnaires in the open rounds with the next step; for
 * an analyst every round's response counts.
 *
 * @throws {ForbiddenError} for a user who may not read rounds
 */
export async function loadHome(executor: Executor, user: StaffUser): Promise<HomeSummary> {
  assertCan(user, 'rounds.read');
  const rounds = await listRounds(executor);
  const open = rounds.filter((round) => round.status === 'open');
  switch (user.role) {
    case 'coordinator': {
      const overviews = await Promise.all(
        open.map((round) => loadRoundOverview(executor, user, round.id)),
      );
      // Only municipalities the user may see by name (the overview's rows) are named.
      const names = new Map(
        overviews.flatMap((o) =>
          o.rows.map(
            (row) =>
              [`${o.loaded.round.id}:${row.municipality.code}`, row.municipality.name] as const,
          ),
        ),
      );
      const recent = await listRecentSubmissions(
        executor,
        open.map((round) => round.id),
        RECENT_SUBMISSIONS,
      );
      return {
        kind: 'coordinator',
        rounds: overviews.map(describeResponse),
        recent: recent.flatMap((submission) => {
          const municipality = names.get(`${submission.roundId}:${submission.municipalityCode}`);
          if (!municipality) return [];
          const roundName = open.find((round) => round.id === submission.roundId)?.name ?? '';
          return [{ ...submission, roundName, municipality }];
        }),
      };
    }
    case 'advisor': {
      const result: AdvisorRound[] = [];
      for (const round of open) {
        const overview = await loadRoundOverview(executor, user, round.id);
        const municipalities = overview.rows.map(toProgress);
        result.push({
          id: round.id,
          name: round.name,
          questionnaires: overview.loaded.instrument.questionnaires.map((q) => q.id),
          municipalities,
          notStarted: municipalities.filter(
            (m) => m.category === 'invited' || m.category === 'not-started',
          ),
          inProgress: municipalities.filter((m) => m.category === 'in-progress'),
        });
      }
      return { kind: 'advisor', rounds: result, overdue: await listOverdueActions(executor, user) };
    }
    case 'municipality': {
      const result: MunicipalityRound[] = [];
      for (const round of open) {
        const municipalityRound = await describeMunicipalityRound(executor, user, round.id);
        if (municipalityRound) result.push(municipalityRound);
      }
      return {
        kind: 'municipality',
        rounds: result,
        overdue: await listOverdueActions(executor, user),
      };
    }
    case 'analyst': {
      const overviews = await Promise.all(
        rounds.map((round) => loadRoundOverview(executor, user, round.id)),
      );
      return { kind: 'analyst', rounds: overviews.map(describeResponse) };
    }
  }
}

/** The municipality's questionnaires in a round with the next step, or null when it is not in the round. */
async function describeMunicipalityRound(
  executor: Executor,
  user: StaffUser,
  roundId: string,
): Promise<MunicipalityRound | null> {
  const code = user.municipalityCode;
  if (!code) return null;
  const loaded = await loadRound(executor, roundId);
  // A round on a register without this municipality is not its work.
  if (!loaded.municipalities.some((m) => m.code === code)) return null;
  const questionnaires: MunicipalityRound['questionnaires'][number][] = [];
  let municipality = code;
  for (const { id } of loaded.instrument.questionnaires) {
    const context = await loadQuestionnaire(executor, user, {
      roundId,
      municipalityCode: code,
      questionnaire: id,
    });
    municipality = context.municipality.name;
    const sections = listSections(context.questionnaire);
    const missing = listMissingItems(context);
    const firstMissing = missing[0];
    const section = firstMissing
      ? sections.find((s) => s.items.some((item) => item.number === firstMissing.number))
      : undefined;
    const next: NextStep =
      context.status === 'submitted'
        ? { kind: 'results' }
        : !context.editable
          ? { kind: 'none' }
          : section
            ? {
                kind: context.status === 'not-started' ? 'begin' : 'continue',
                section: { id: section.id, name: section.name },
              }
            : { kind: 'submit' };
    questionnaires.push({
      id,
      name: context.questionnaire.name,
      status: context.status,
      answered: context.progress.reduce((sum, s) => sum + s.answered, 0),
      total: context.progress.reduce((sum, s) => sum + s.total, 0),
      next,
    });
  }
  return {
    id: roundId,
    name: loaded.round.name,
    municipalityCode: code,
    municipality,
    questionnaires,
  };
}
