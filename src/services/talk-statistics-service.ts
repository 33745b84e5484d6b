/**
 * The national view of the advice talks (issue 12, decision 027): talks per province and
 * round, the agreed actions by basisfunctie and status, and the descriptive comparison of the
 * municipalities with and without a talk (the share whose mark rose since the previous round).
 *
 * Reads the talk tables directly (helper A's service records them). Only counts leave this
 * module, never a municipality's name or code, so analysts may see it (`analysis.read`);
 * for municipality accounts a share over fewer than `MIN_GROUP_SIZE` municipalities is
 * withheld, as everywhere in the analysis (decision 015).
 */
import { eq, inArray } from 'drizzle-orm';
import { DEFAULT_COMBINATION_RULE, type CombinationRule } from '../domain/combination.ts';
import { MIN_GROUP_SIZE } from '../domain/disclosure.ts';
import { ACTION_STATUSES, VISION_AND_POLICY, type ActionStatus } from '../domain/improvement.ts';
import type { Instrument } from '../domain/instrument.ts';
import {
  averagePairs,
  compareRises,
  countActionsByBasisfunctie,
  countTalksByProvince,
  type ActionCountRow,
  type MarkPair,
  protectRises,
  type ProvinceTalkRow,
  type ShownRiseComparison,
  type ShownRiseGroup,
} from '../domain/talk-statistics.ts';
import type { Executor } from '../db/client.ts';
import { findRound } from '../db/repositories/round-repository.ts';
import { adviceActions, adviceTalks } from '../db/schema.ts';
import {
  describeViewerRights,
  type AnalysisViewer,
  type Protection,
} from './analysis-view-service.ts';
import { toDutchIsoDate } from './dutch-time.ts';
import { UserInputError } from './errors.ts';
import { loadLineage } from './lineage-service.ts';
import { assertCan } from './permissions.ts';
import { loadRound, type LoadedRound } from './round-service.ts';
import { loadMarkPairs } from './trend-service.ts';

/** The Dutch name of the pseudo-basisfunctie for talks about vision and policy as a whole. */
export const VISION_AND_POLICY_NAME = 'Visie en beleid';

/** How far back the chain of rounds is followed (as the trends do). */
const ROUND_CHAIN_LIMIT = 50;

export type { ShownRiseComparison, ShownRiseGroup };

export interface TalkStatistics {
  readonly round: { readonly id: string; readonly name: string; readonly synthetic: boolean };
  /** The round and the rounds it follows, oldest first: the columns of `byProvince`. */
  readonly rounds: readonly { readonly id: string; readonly name: string }[];
  /** Talks that discussed each round, by the province of the municipality. */
  readonly byProvince: readonly ProvinceTalkRow[];
  readonly totals: {
    readonly talks: readonly number[];
    readonly municipalities: readonly number[];
  };
  /**
   * The actions agreed in talks about `actions.round`: the previous round when this round
   * follows one (what was agreed since), otherwise this round itself.
   */
  readonly actions: {
    readonly round: { readonly id: string; readonly name: string };
    /** The Dutch calendar day the overdue actions were counted on. */
    readonly today: string;
    readonly rows: readonly ActionCountRow[];
    readonly byStatus: Readonly<Record<ActionStatus, number>>;
    readonly total: number;
    readonly overdue: number;
  };
  /**
   * Municipalities of this round's register with a mark in both rounds: whose mark rose, with
   * and without a talk about the previous round (predecessors combined by `rule`). Null when
   * the round follows no round or the two cannot be compared (`problem` says why).
   */
  readonly comparison: {
    readonly from: { readonly id: string; readonly name: string };
    readonly rule: CombinationRule;
    /** The mean over the basisfuncties marked in both rounds. */
    readonly overall: ShownRiseComparison;
    readonly basisfuncties: readonly ({
      readonly questionnaire: string;
      readonly basisfunctie: string;
      readonly name: string;
    } & ShownRiseComparison)[];
  } | null;
  readonly problem: string | null;
  readonly protection: Protection;
  readonly minGroupSize: number;
}

export interface TalkStatisticsOptions {
  readonly rule?: CombinationRule | undefined;
  /** The day overdue actions are counted on; default today in the Netherlands. */
  readonly today?: string | undefined;
}

/** The round, then the rounds it follows (`previous_round_id`), oldest first. */
async function collectChain(executor: Executor, latest: LoadedRound): Promise<LoadedRound[]> {
  const chain = [latest];
  const seen = new Set([latest.round.id]);
  let current = latest;
  while (current.round.previousRoundId && chain.length < ROUND_CHAIN_LIMIT) {
    const previousId = current.round.previousRoundId;
    if (seen.has(previousId) || !(await findRound(executor, previousId))) break;
    seen.add(previousId);
    current = await loadRound(executor, previousId);
    chain.unshift(current);
  }
  return chain;
}

/**
 * Every basisfunctie of an instrument a talk may be about: per questionnaire 'Visie en beleid'
 * first (a basisfunctie of its own in mantelzorg 2009, the general questions elsewhere), then
 * the questionnaire's basisfuncties.
 */
export function listTalkBasisfuncties(instrument: Instrument): {
  questionnaire: string;
  basisfunctie: string;
  name: string;
}[] {
  return instrument.questionnaires.flatMap((q) => {
    const own = q.basisfuncties.map((b) => ({
      questionnaire: q.id,
      basisfunctie: b.id,
      name: b.name,
    }));
    const vision = own.find((b) => b.basisfunctie === VISION_AND_POLICY) ?? {
      questionnaire: q.id,
      basisfunctie: VISION_AND_POLICY,
      name: VISION_AND_POLICY_NAME,
    };
    return [vision, ...own.filter((b) => b.basisfunctie !== VISION_AND_POLICY)];
  });
}

/**
 * The talk statistics of a round, unprotected: for `bfm analyse --json`, which runs on the
 * server and gives every figure.
 *
 * @throws {NotFoundError} for an unknown round
 */
export async function computeTalkStatistics(
  executor: Executor,
  roundId: string,
  options: TalkStatisticsOptions & { readonly protection?: Protection } = {},
): Promise<TalkStatistics> {
  const protection = options.protection ?? 'none';
  const withhold = protection === 'small-cells';
  const rule = options.rule ?? DEFAULT_COMBINATION_RULE;
  const today = options.today ?? toDutchIsoDate(new Date());
  const latest = await loadRound(executor, roundId);
  const chain = await collectChain(executor, latest);
  const roundIds = chain.map((r) => r.round.id);

  const talks = await executor
    .select({
      id: adviceTalks.id,
      roundId: adviceTalks.roundId,
      municipalityCode: adviceTalks.municipalityCode,
    })
    .from(adviceTalks)
    .where(inArray(adviceTalks.roundId, roundIds));
  const provinceOf = new Map(
    chain.map((r) => [r.round.id, new Map(r.municipalities.map((m) => [m.code, m.provinceCode]))]),
  );
  const provinces = [
    ...new Map(
      chain.flatMap((r) => r.municipalities.map((m) => [m.provinceCode, m.provinceName] as const)),
    ).entries(),
  ]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, name]) => ({ code, name }));
  const records = talks.map((t) => ({
    roundId: t.roundId,
    municipalityCode: t.municipalityCode,
    provinceCode: provinceOf.get(t.roundId)?.get(t.municipalityCode) ?? '',
  }));
  const byProvince = countTalksByProvince(records, roundIds, provinces);
  const totals = {
    talks: roundIds.map((id) => records.filter((t) => t.roundId === id).length),
    municipalities: roundIds.map(
      (id) => new Set(records.filter((t) => t.roundId === id).map((t) => t.municipalityCode)).size,
    ),
  };

  // What was agreed since the previous round; a first round shows what was agreed about it.
  const previous = chain.length > 1 ? (chain[chain.length - 2] as LoadedRound) : null;
  const discussed = previous ?? latest;
  const actionRows = await executor
    .select({
      questionnaire: adviceActions.questionnaire,
      basisfunctie: adviceActions.basisfunctie,
      status: adviceActions.status,
      dueOn: adviceActions.dueOn,
    })
    .from(adviceActions)
    .innerJoin(adviceTalks, eq(adviceTalks.id, adviceActions.talkId))
    .where(eq(adviceTalks.roundId, discussed.round.id));
  const rows = countActionsByBasisfunctie(
    actionRows,
    listTalkBasisfuncties(discussed.instrument),
    today,
  );
  const byStatus = Object.fromEntries(
    ACTION_STATUSES.map((s) => [s, actionRows.filter((a) => a.status === s).length]),
  ) as Record<ActionStatus, number>;

  let comparison: TalkStatistics['comparison'] = null;
  let problem: string | null = null;
  if (!previous) {
    problem = `${latest.round.name} volgt geen eerdere meting, dus er is nog geen ontwikkeling van de cijfers na een gesprek te tonen.`;
  } else {
    try {
      const paired = await loadMarkPairs(executor, previous.round.id, latest.round.id, { rule });
      const lineage = await loadLineage(
        executor,
        previous.round.registerId,
        latest.round.registerId,
      );
      const talked = new Set(
        records.filter((t) => t.roundId === previous.round.id).map((t) => t.municipalityCode),
      );
      // A later municipality had a talk when it, or one of its predecessors, had one.
      const withTalk = new Set(
        latest.municipalities
          .filter((m) => (lineage.predecessors.get(m.code) ?? []).some((p) => talked.has(p.code)))
          .map((m) => m.code),
      );
      const perBasisfunctie = paired.map((bf) => ({
        bf,
        pairs: bf.pairs.map((p): MarkPair => ({ code: p.code, from: p.from.mark, to: p.to.mark })),
      }));
      comparison = {
        from: { id: previous.round.id, name: previous.round.name },
        rule,
        overall: protectRises(
          compareRises(averagePairs(perBasisfunctie.map((e) => e.pairs)), withTalk),
          MIN_GROUP_SIZE,
          withhold,
        ),
        basisfuncties: perBasisfunctie.map(({ bf, pairs }) => ({
          questionnaire: bf.questionnaire,
          basisfunctie: bf.basisfunctie,
          name: bf.name,
          ...protectRises(compareRises(pairs, withTalk), MIN_GROUP_SIZE, withhold),
        })),
      };
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error;
      problem = error.message;
    }
  }

  return {
    round: { id: latest.round.id, name: latest.round.name, synthetic: latest.round.synthetic },
    rounds: chain.map((r) => ({ id: r.round.id, name: r.round.name })),
    byProvince,
    totals,
    actions: {
      round: { id: discussed.round.id, name: discussed.round.name },
      today,
      rows,
      byStatus,
      total: actionRows.length,
      overdue: rows.reduce((sum, row) => sum + row.overdue, 0),
    },
    comparison,
    problem,
    protection,
    minGroupSize: MIN_GROUP_SIZE,
  };
}

/**
 * The talk statistics as the viewer may see them (the page and the API).
 *
 * @throws {ForbiddenError} when the user's role may not read the analysis
 * @throws {NotFoundError} for an unknown round
 */
export async function loadTalkStatistics(
  executor: Executor,
  viewer: AnalysisViewer,
  roundId: string,
  options: TalkStatisticsOptions = {},
): Promise<TalkStatistics> {
  if (viewer.kind === 'user') assertCan(viewer.user, 'analysis.read');
  const { protection } = describeViewerRights(viewer);
  return computeTalkStatistics(executor, roundId, { ...options, protection });
}
