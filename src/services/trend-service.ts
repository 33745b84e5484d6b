/**
 * Trends between rounds: the national (or filtered) comparison of two rounds with transition
 * tables, and one municipality's marks over all rounds. Computed over the later round's
 * register, with predecessors combined by a configurable rule (docs/decisions/019).
 *
 * Who sees what follows decision 015 (the analysis) and the report's rights: the comparison is
 * `analysis.read` with small cells withheld for municipality accounts and the public
 * (`loadComparisonView`); one municipality's trend is `report.read` on that municipality.
 */
import {
  EMPTY_FILTER,
  applyFilter,
  isFilterEmpty,
  type AnalysisFilter,
} from '../domain/analysis-filter.ts';
import { chooseSuppressedCells } from '../domain/disclosure-control.ts';
import { MIN_GROUP_SIZE } from '../domain/disclosure.ts';
import type { ResponseVector } from '../domain/analysis.ts';
import {
  COMBINATION_RULES,
  DEFAULT_COMBINATION_RULE,
  NO_MARK,
  combineMarks,
  type CombinationRule,
} from '../domain/combination.ts';
import type { Instrument } from '../domain/instrument.ts';
import { mapIdentity } from '../domain/lineage.ts';
import { listProvinces, type Municipality } from '../domain/register.ts';
import {
  countTransitions,
  createPointsDecoder,
  describeChange,
  planComparison,
  protectTransitions,
  scoreItems,
  summariseMarks,
  type ComparisonPlan,
  type PointsLookup,
  type TrendMark,
} from '../domain/trends.ts';
import type { Executor } from '../db/client.ts';
import { readResponseVectors } from '../db/repositories/answer-repository.ts';
import { findRound, listRounds } from '../db/repositories/round-repository.ts';
import {
  describeViewerRights,
  type AnalysisViewer,
  type Protection,
} from './analysis-view-service.ts';
import type { StaffUser } from './auth-service.ts';
import { MUNICIPALITY_NOT_FOUND, NotFoundError, UserInputError } from './errors.ts';
import { assertCan, assertRoleMay } from './permissions.ts';
import { getInstrument } from './instrument-service.ts';
import { loadLineage } from './lineage-service.ts';
import { loadRound, type LoadedRound } from './round-service.ts';

export { COMBINATION_RULES, DEFAULT_COMBINATION_RULE, type CombinationRule };

/** A band id of the instrument's scoring rule, or 'geen-cijfer' for a municipality without a mark. */
export type TransitionBand = string;

export interface RoundRef {
  readonly roundId: string;
  readonly name: string;
  readonly registerId: string;
  readonly instrumentVersion: string;
}

export interface BasisfunctieComparison {
  readonly questionnaire: string;
  /** The basisfunctie id in the later ('to') version. */
  readonly basisfunctie: string;
  readonly name: string;
  /** Its counterpart's id in the earlier ('from') version. */
  readonly fromBasisfunctie: string;
  /** Same definitions as `bfm analyse`; `from` over the later register, predecessors combined. */
  readonly from: { readonly respondents: number; readonly percentGoed: number | null };
  readonly to: { readonly respondents: number; readonly percentGoed: number | null };
  /** transitions[fromBand][toBand] = number of municipalities (of the later register). */
  readonly transitions: Readonly<Record<TransitionBand, Readonly<Record<TransitionBand, number>>>>;
}

/** An element of the later version that has no counterpart, so it is not compared. */
export interface NotCompared {
  readonly questionnaire: string;
  readonly kind: 'basisfunctie' | 'item';
  /** Basisfunctie id, or the item number as a string. */
  readonly id: string;
  readonly label: string;
}

export interface RoundComparison {
  readonly from: RoundRef;
  readonly to: RoundRef;
  readonly rule: CombinationRule;
  readonly filter: AnalysisFilter;
  /** Row and column order of the transition tables: the bands, then 'geen-cijfer'. */
  readonly bands: readonly TransitionBand[];
  /** Dutch label of every band id in `bands`. */
  readonly bandLabels: Readonly<Record<TransitionBand, string>>;
  readonly basisfuncties: readonly BasisfunctieComparison[];
  readonly notCompared: readonly NotCompared[];
}

export interface CompareOptions {
  readonly rule?: CombinationRule | undefined;
  readonly filter?: AnalysisFilter | undefined;
}

const ROUND_CHAIN_LIMIT = 50;

function refOf(loaded: LoadedRound): RoundRef {
  return {
    roundId: loaded.round.id,
    name: loaded.round.name,
    registerId: loaded.round.registerId,
    instrumentVersion: loaded.round.instrumentVersion,
  };
}

/**
 * The instruments from `fromVersion` to `toVersion`, earliest first, following `derivedFrom`
 * back from the later version. Equal versions give one instrument twice (a pair of rounds).
 *
 * @throws {UserInputError} when the later version does not derive from the earlier one
 */
async function resolveVersionChain(
  executor: Executor,
  fromVersion: string,
  toVersion: string,
): Promise<Instrument[]> {
  const to = await getInstrument(executor, toVersion);
  if (fromVersion === toVersion) return [to, to];
  const chain: Instrument[] = [to];
  let current = to;
  while (current.derivedFrom !== undefined && chain.length <= ROUND_CHAIN_LIMIT) {
    current = await getInstrument(executor, current.derivedFrom);
    chain.unshift(current);
    if (current.version === fromVersion) return chain;
  }
  throw new UserInputError(
    `Vragenlijstversie '${toVersion}' is niet afgeleid van versie '${fromVersion}', dus de metingen zijn niet te vergelijken. Kies een eerdere meting met een versie waarvan '${toVersion}' is afgeleid.`,
  );
}

/** Per municipality and questionnaire, the decoded 3-point answers of a round's respondents. */
type PointsByMunicipality = Map<string, Map<string, PointsLookup>>;

function decodeResponses(
  instrument: Instrument,
  responses: readonly ResponseVector[],
): PointsByMunicipality {
  const decoders = new Map(instrument.questionnaires.map((q) => [q.id, createPointsDecoder(q)]));
  const result: PointsByMunicipality = new Map();
  for (const response of responses) {
    if (response.answerCount === 0) continue;
    const decode = decoders.get(response.questionnaire);
    if (!decode) continue;
    let byQuestionnaire = result.get(response.municipalityCode);
    if (!byQuestionnaire) {
      byQuestionnaire = new Map();
      result.set(response.municipalityCode, byQuestionnaire);
    }
    byQuestionnaire.set(response.questionnaire, decode(response.scaleVector));
  }
  return result;
}

/** The bands of both scoring rules (later first), then 'geen-cijfer', with Dutch labels. */
function collectBands(
  earlier: Instrument,
  later: Instrument,
): { bands: string[]; labels: Record<string, string> } {
  const labels: Record<string, string> = {};
  for (const band of [...later.scoring.bands, ...earlier.scoring.bands]) {
    labels[band.id] ??= band.label;
  }
  labels[NO_MARK] = 'geen cijfer';
  return { bands: Object.keys(labels).filter((id) => id !== NO_MARK), labels };
}

/** What the comparison computes from, for the pure computation and the benchmark. */
export interface ComparisonInput {
  readonly from: {
    readonly ref: RoundRef;
    readonly instrument: Instrument;
    readonly municipalities: readonly Municipality[];
    readonly responses: readonly ResponseVector[];
  };
  readonly to: {
    readonly ref: RoundRef;
    readonly instrument: Instrument;
    readonly municipalities: readonly Municipality[];
    readonly responses: readonly ResponseVector[];
  };
  /** The instruments from the earlier to the later version (`resolveVersionChain`). */
  readonly chain: readonly Instrument[];
  readonly predecessors: ReadonlyMap<
    string,
    readonly { readonly code: string; readonly share: number }[]
  >;
  readonly rule: CombinationRule;
  readonly filter: AnalysisFilter;
}

/** Per comparable basisfunctie, every selected later municipality's mark in both rounds. */
export interface BasisfunctieMarkPairs {
  readonly questionnaire: string;
  /** The basisfunctie id in the later ('to') version. */
  readonly basisfunctie: string;
  readonly name: string;
  /** Its counterpart's id in the earlier ('from') version. */
  readonly fromBasisfunctie: string;
  /** In the order of the later register (filtered); `from` combines the predecessors. */
  readonly pairs: readonly {
    readonly code: string;
    readonly from: TrendMark;
    readonly to: TrendMark;
  }[];
}

/**
 * The marks both sides of a comparison, per municipality of the later register (predecessors
 * combined by the rule), without I/O. The comparison counts them; the talk statistics
 * (issue 12) compare the municipalities with and without an advice talk on them.
 */
export function pairMarks(input: ComparisonInput): {
  plan: ComparisonPlan;
  basisfuncties: BasisfunctieMarkPairs[];
} {
  const plan: ComparisonPlan = planComparison(input.chain);
  const earlier = input.from.instrument;
  const later = input.to.instrument;
  const fromPoints = decodeResponses(earlier, input.from.responses);
  const toPoints = decodeResponses(later, input.to.responses);
  const population = new Map(input.from.municipalities.map((m) => [m.code, m.population]));
  const selected = applyFilter(input.to.municipalities, input.filter);
  const last = plan.versions.length - 1;
  const basisfuncties = plan.basisfuncties.map((bf): BasisfunctieMarkPairs => {
    const fromItems = bf.items[0] ?? [];
    const toItems = bf.items[last] ?? [];
    const earlierMarks = new Map<string, TrendMark>();
    const markOf = (code: string): TrendMark => {
      let mark = earlierMarks.get(code);
      if (!mark) {
        mark = scoreItems(earlier, fromPoints.get(code)?.get(bf.questionnaire), fromItems);
        earlierMarks.set(code, mark);
      }
      return mark;
    };
    const pairs = selected.map((municipality) => {
      const toMark = scoreItems(
        later,
        toPoints.get(municipality.code)?.get(bf.questionnaire),
        toItems,
      );
      const predecessors = input.predecessors.get(municipality.code) ?? [];
      const fromMark = combineMarks(
        predecessors.map((p) => {
          const mark = markOf(p.code);
          return {
            mark: mark.mark,
            band: mark.mark === null ? null : mark.band,
            population: population.get(p.code) ?? null,
            share: p.share,
          };
        }),
        input.rule,
        earlier.scoring,
      );
      return { code: municipality.code, from: fromMark, to: toMark };
    });
    return {
      questionnaire: bf.questionnaire,
      basisfunctie: bf.basisfunctie,
      name: bf.name,
      fromBasisfunctie: bf.ids[0] ?? bf.basisfunctie,
      pairs,
    };
  });
  return { plan, basisfuncties };
}

/**
 * The comparison itself, without I/O: per comparable basisfunctie the respondents and share
 * 'goed voor elkaar' in both rounds over the later register (predecessors combined) and the
 * transition table.
 */
export function computeComparison(input: ComparisonInput): RoundComparison {
  const earlier = input.from.instrument;
  const later = input.to.instrument;
  const { bands, labels } = collectBands(earlier, later);
  const { plan, basisfuncties: paired } = pairMarks(input);
  const basisfuncties = paired.map((bf): BasisfunctieComparison => {
    const fromSummary = summariseMarks(
      bf.pairs.map((p) => p.from),
      earlier.scoring.goedBand,
    );
    const toSummary = summariseMarks(
      bf.pairs.map((p) => p.to),
      later.scoring.goedBand,
    );
    return {
      questionnaire: bf.questionnaire,
      basisfunctie: bf.basisfunctie,
      name: bf.name,
      fromBasisfunctie: bf.fromBasisfunctie,
      from: { respondents: fromSummary.respondents, percentGoed: fromSummary.percentGoed },
      to: { respondents: toSummary.respondents, percentGoed: toSummary.percentGoed },
      transitions: countTransitions(
        bf.pairs.map((p) => ({ from: p.from.band, to: p.to.band })),
        bands,
      ),
    };
  });
  return {
    from: input.from.ref,
    to: input.to.ref,
    rule: input.rule,
    filter: input.filter,
    bands: [...bands, NO_MARK],
    bandLabels: labels,
    basisfuncties,
    notCompared: plan.notCompared,
  };
}

/**
 * Compares two rounds over the later round's register.
 *
 * @throws {NotFoundError} for an unknown round
 * @throws {UserInputError} when the rounds cannot be compared (no lineage, no mapped version)
 */
export async function compareRounds(
  executor: Executor,
  fromRoundId: string,
  toRoundId: string,
  options: CompareOptions = {},
): Promise<RoundComparison> {
  if (fromRoundId === toRoundId) {
    throw new UserInputError(
      `Kies twee verschillende metingen om te vergelijken; '${toRoundId}' is twee keer gekozen.`,
    );
  }
  const [from, to] = await Promise.all([
    loadSource(executor, fromRoundId),
    loadSource(executor, toRoundId),
  ]);
  return compareSources(executor, from, to, options);
}

interface ComparisonSource {
  readonly loaded: LoadedRound;
  readonly responses: readonly ResponseVector[];
}

async function loadSource(executor: Executor, roundId: string): Promise<ComparisonSource> {
  const [loaded, responses] = await Promise.all([
    loadRound(executor, roundId),
    readResponseVectors(executor, roundId),
  ]);
  return { loaded, responses };
}

async function compareSources(
  executor: Executor,
  from: ComparisonSource,
  to: ComparisonSource,
  options: CompareOptions,
): Promise<RoundComparison> {
  return computeComparison(await prepareComparison(executor, from, to, options));
}

/**
 * Every later municipality's marks in two rounds, per comparable basisfunctie (`pairMarks`),
 * read from the database: for the talk statistics of issue 12.
 *
 * @throws {NotFoundError} for an unknown round
 * @throws {UserInputError} when the rounds cannot be compared
 */
export async function loadMarkPairs(
  executor: Executor,
  fromRoundId: string,
  toRoundId: string,
  options: CompareOptions = {},
): Promise<BasisfunctieMarkPairs[]> {
  const [from, to] = await Promise.all([
    loadSource(executor, fromRoundId),
    loadSource(executor, toRoundId),
  ]);
  return pairMarks(await prepareComparison(executor, from, to, options)).basisfuncties;
}

async function prepareComparison(
  executor: Executor,
  from: ComparisonSource,
  to: ComparisonSource,
  options: CompareOptions,
): Promise<ComparisonInput> {
  const sameRegister = from.loaded.round.registerId === to.loaded.round.registerId;
  const [chain, predecessors] = await Promise.all([
    resolveVersionChain(
      executor,
      from.loaded.round.instrumentVersion,
      to.loaded.round.instrumentVersion,
    ),
    // On one register the lineage is the identity of the register the round already holds.
    sameRegister
      ? mapIdentity(to.loaded.municipalities.map((m) => m.code))
      : loadLineage(executor, from.loaded.round.registerId, to.loaded.round.registerId).then(
          (lineage) => lineage.predecessors,
        ),
  ]);
  const side = (source: ComparisonSource) => ({
    ref: refOf(source.loaded),
    instrument: source.loaded.instrument,
    municipalities: source.loaded.municipalities,
    responses: source.responses,
  });
  return {
    from: side(from),
    to: side(to),
    chain,
    predecessors,
    rule: options.rule ?? DEFAULT_COMBINATION_RULE,
    filter: options.filter ?? EMPTY_FILTER,
  };
}

/**
 * The national trend over a series of rounds: the comparison of each round with the one
 * before it in the list, each round read once.
 *
 * @throws {NotFoundError} for an unknown round
 * @throws {UserInputError} when two consecutive rounds cannot be compared
 */
export async function compareRoundSeries(
  executor: Executor,
  roundIds: readonly string[],
  options: CompareOptions = {},
): Promise<RoundComparison[]> {
  const sources = await Promise.all(roundIds.map((id) => loadSource(executor, id)));
  return Promise.all(
    sources.slice(1).map((to, i) => {
      const from = sources[i];
      if (!from) throw new Error('unreachable');
      return compareSources(executor, from, to, options);
    }),
  );
}

/**
 * The round a round follows (`previous_round_id`), or null.
 *
 * @throws {NotFoundError} for an unknown round
 */
export async function findPreviousRound(
  executor: Executor,
  roundId: string,
): Promise<string | null> {
  const round = await findRound(executor, roundId);
  if (!round) throw new NotFoundError(`De meting '${roundId}' bestaat niet.`);
  return round.previousRoundId;
}

export interface PredecessorMark {
  readonly code: string;
  readonly name: string;
  readonly share: number;
  readonly mark: number | null;
  readonly band: TransitionBand;
}

export interface TrendPoint {
  readonly round: RoundRef;
  /** The mark over the items comparable with the latest round; null without a mark. */
  readonly mark: number | null;
  readonly band: TransitionBand;
  /** Set when the point combines several predecessors (or one under another code). */
  readonly predecessors: readonly PredecessorMark[] | null;
  /**
   * False when no predecessor (or the municipality itself) answered the questionnaire in this
   * round: 'geen eerdere meting'. True with a null mark: answered, but too few items.
   */
  readonly measured: boolean;
}

export interface BasisfunctieTrend {
  readonly questionnaire: string;
  readonly basisfunctie: string;
  readonly name: string;
  /** Oldest round first. */
  readonly points: readonly TrendPoint[];
  /** "Respijtzorg ging van 3,3 (aandacht nodig) naar 6,7 (goed voor elkaar)", or 'geen eerdere meting'. */
  readonly change: string;
}

export interface MunicipalityTrend {
  readonly code: string;
  readonly name: string;
  readonly rule: CombinationRule;
  readonly rounds: readonly RoundRef[];
  readonly bandLabels: Readonly<Record<TransitionBand, string>>;
  readonly basisfuncties: readonly BasisfunctieTrend[];
  readonly notCompared: readonly NotCompared[];
}

/**
 * The rounds a round follows, oldest first, ending with the round itself. The chain stops at a
 * round that cannot be compared (an unrelated instrument version or register), at a cycle, or
 * after `ROUND_CHAIN_LIMIT` rounds.
 */
async function collectRoundChain(
  executor: Executor,
  latest: LoadedRound,
): Promise<{ rounds: LoadedRound[]; instruments: Instrument[]; positions: number[] }> {
  const rounds: LoadedRound[] = [latest];
  let instruments: Instrument[] = [latest.instrument];
  const seen = new Set([latest.round.id]);
  let current = latest;
  while (current.round.previousRoundId && rounds.length < ROUND_CHAIN_LIMIT) {
    const previousId = current.round.previousRoundId;
    if (seen.has(previousId)) break;
    seen.add(previousId);
    const found = await findRound(executor, previousId);
    if (!found) break;
    const previous = await loadRound(executor, previousId);
    let between: Instrument[];
    try {
      between = await resolveVersionChain(
        executor,
        previous.round.instrumentVersion,
        current.round.instrumentVersion,
      );
      await loadLineage(executor, previous.round.registerId, latest.round.registerId);
    } catch (error) {
      if (error instanceof UserInputError) break;
      throw error;
    }
    // `between` ends with the current round's version, which is already the chain's head.
    instruments = [...between.slice(0, -1), ...instruments];
    rounds.unshift(previous);
    current = previous;
  }
  // Position of each round's instrument in the instrument chain.
  const positions: number[] = [];
  let position = 0;
  for (let k = 0; k < rounds.length; k += 1) {
    if (k > 0) {
      const round = rounds[k];
      position += 1;
      while (
        position < instruments.length - 1 &&
        instruments[position]?.version !== round?.round.instrumentVersion
      ) {
        position += 1;
      }
    }
    positions.push(position);
  }
  return { rounds, instruments, positions };
}

/**
 * One municipality's marks per basisfunctie over the round and the rounds before it
 * (following `previousRoundId`).
 *
 * @throws {NotFoundError} for an unknown round or municipality
 */
export async function loadMunicipalityTrend(
  executor: Executor,
  roundId: string,
  code: string,
  options: { readonly rule?: CombinationRule | undefined } = {},
): Promise<MunicipalityTrend> {
  const latest = await loadRound(executor, roundId);
  const municipality = latest.municipalities.find((m) => m.code === code);
  if (!municipality) {
    throw new NotFoundError(
      `Gemeente ${code} staat niet in het register '${latest.round.registerId}' van meting '${roundId}'.`,
    );
  }
  const rule = options.rule ?? DEFAULT_COMBINATION_RULE;
  const { rounds, instruments, positions } = await collectRoundChain(executor, latest);
  const plan = planComparison(instruments);
  const labels: Record<string, string> = {};
  for (const round of rounds)
    for (const band of round.instrument.scoring.bands) labels[band.id] ??= band.label;
  labels[NO_MARK] = 'geen cijfer';
  const perRound = await Promise.all(
    rounds.map(async (round) => {
      const lineage = await loadLineage(executor, round.round.registerId, latest.round.registerId);
      const predecessors = lineage.predecessors.get(code) ?? [];
      const codes = new Set(predecessors.map((p) => p.code));
      const responses = (await readResponseVectors(executor, round.round.id)).filter((r) =>
        codes.has(r.municipalityCode),
      );
      return {
        round,
        predecessors,
        points: decodeResponses(round.instrument, responses),
        names: new Map(round.municipalities.map((m) => [m.code, m])),
      };
    }),
  );
  const last = rounds.length - 1;
  const basisfuncties = plan.basisfuncties.map((bf): BasisfunctieTrend => {
    const points = perRound.map((entry, k): TrendPoint => {
      const items = bf.items[positions[k] ?? 0] ?? [];
      const marks = entry.predecessors.map((p) => ({
        predecessor: p,
        mark: scoreItems(
          entry.round.instrument,
          entry.points.get(p.code)?.get(bf.questionnaire),
          items,
        ),
      }));
      const combined = combineMarks(
        marks.map(({ predecessor, mark }) => ({
          mark: mark.mark,
          band: mark.mark === null ? null : mark.band,
          population: entry.names.get(predecessor.code)?.population ?? null,
          share: predecessor.share,
        })),
        rule,
        entry.round.instrument.scoring,
      );
      const onlyItself = marks.length === 1 && marks[0]?.predecessor.code === code;
      return {
        round: refOf(entry.round),
        mark: combined.mark,
        band: combined.band,
        // 'Geen eerdere meting': none of its predecessors answered this questionnaire then.
        measured: marks.some(({ predecessor }) =>
          entry.points.get(predecessor.code)?.has(bf.questionnaire),
        ),
        predecessors:
          k === last || onlyItself || marks.length === 0
            ? null
            : marks.map(({ predecessor, mark }) => ({
                code: predecessor.code,
                name: entry.names.get(predecessor.code)?.name ?? predecessor.code,
                share: predecessor.share,
                mark: mark.mark,
                band: mark.band,
              })),
      };
    });
    const current = points[last];
    const previous = last > 0 ? points[last - 1] : undefined;
    const change = describeChange(
      bf.name,
      previous?.measured ? previous : null,
      current ?? { mark: null, band: NO_MARK },
      labels,
    );
    return {
      questionnaire: bf.questionnaire,
      basisfunctie: bf.basisfunctie,
      name: bf.name,
      points,
      change,
    };
  });
  return {
    code,
    name: municipality.name,
    rule,
    rounds: rounds.map(refOf),
    bandLabels: labels,
    basisfuncties,
    notCompared: plan.notCompared,
  };
}

/** A basisfunctie's comparison as a viewer may see it: withheld figures are null. */
export interface ProtectedBasisfunctieComparison extends Omit<
  BasisfunctieComparison,
  'from' | 'to' | 'transitions'
> {
  readonly from: { readonly respondents: number; readonly percentGoed: number | null };
  readonly to: { readonly respondents: number; readonly percentGoed: number | null };
  readonly transitions: Readonly<
    Record<TransitionBand, Readonly<Record<TransitionBand, number | null>>>
  >;
  /** Whether any figure of this basisfunctie was withheld. */
  readonly suppressed: boolean;
}

export interface ComparisonView extends Omit<RoundComparison, 'basisfuncties'> {
  readonly basisfuncties: readonly ProtectedBasisfunctieComparison[];
  readonly protection: Protection;
  readonly filterable: boolean;
  /** True when a filter was asked for but this viewer may not filter, so it was ignored. */
  readonly filterIgnored: boolean;
  readonly synthetic: boolean;
}

export interface TrendPage {
  readonly round: RoundRef;
  readonly synthetic: boolean;
  /** Rounds the viewer may compare this round with (every other round), newest first. */
  readonly choices: readonly RoundRef[];
  /** The earlier round compared with; null when none is known yet. */
  readonly fromRoundId: string | null;
  readonly rule: CombinationRule;
  readonly comparison: ComparisonView | null;
  /** Why there is no comparison (no earlier round, not comparable), in Dutch. */
  readonly problem: string | null;
  readonly filterable: boolean;
  readonly provinces: readonly { readonly code: string; readonly name: string }[];
  /**
   * The share 'goed voor elkaar' per basisfunctie in every round this one follows (oldest
   * first, then this round), over this round's register with predecessors combined; null
   * when the round follows fewer than two rounds.
   */
  readonly series: TrendSeries | null;
}

export interface TrendSeries {
  readonly rounds: readonly RoundRef[];
  readonly basisfuncties: readonly {
    readonly questionnaire: string;
    readonly basisfunctie: string;
    readonly name: string;
    /** Per round of `rounds`; null where the basisfunctie is not comparable with that round. */
    readonly values: readonly ({
      readonly respondents: number;
      readonly percentGoed: number | null;
    } | null)[];
  }[];
}

/**
 * The national trend over the rounds a round follows: each earlier round compared with this
 * one (over this round's register), and this round itself. Stops at a round that cannot be
 * compared.
 */
async function loadTrendSeries(
  executor: Executor,
  latest: LoadedRound,
  options: CompareOptions,
  protection: Protection,
): Promise<TrendSeries | null> {
  const earlier: string[] = [];
  const seen = new Set([latest.round.id]);
  let previous = latest.round.previousRoundId;
  while (previous && !seen.has(previous) && earlier.length < ROUND_CHAIN_LIMIT) {
    seen.add(previous);
    const round = await findRound(executor, previous);
    if (!round) break;
    earlier.unshift(previous);
    previous = round.previousRoundId;
  }
  if (earlier.length < 2) return null;
  const comparisons: RoundComparison[] = [];
  for (const id of earlier.reverse()) {
    try {
      comparisons.unshift(await compareRounds(executor, id, latest.round.id, options));
    } catch (error) {
      if (error instanceof UserInputError) break;
      throw error;
    }
  }
  const last = comparisons.at(-1);
  if (comparisons.length < 2 || !last) return null;
  const protect = (share: { respondents: number; percentGoed: number | null }) =>
    protection === 'small-cells' && share.respondents > 0 && share.respondents < MIN_GROUP_SIZE
      ? { respondents: share.respondents, percentGoed: null }
      : share;
  return {
    rounds: [...comparisons.map((c) => c.from), last.to],
    basisfuncties: last.basisfuncties.map((bf) => {
      const find = (c: RoundComparison) =>
        c.basisfuncties.find(
          (x) => x.questionnaire === bf.questionnaire && x.basisfunctie === bf.basisfunctie,
        );
      return {
        questionnaire: bf.questionnaire,
        basisfunctie: bf.basisfunctie,
        name: bf.name,
        values: [
          ...comparisons.map((c) => {
            const found = find(c);
            return found ? protect(found.from) : null;
          }),
          protect(bf.to),
        ],
      };
    }),
  };
}

/**
 * The comparison as the viewer may see it (decision 015, as the analysis): the coordinator,
 * advisors and analysts see every figure and may filter; municipality accounts and the public
 * may not filter and get small cells withheld — a percentage over fewer than 5 municipalities
 * and the transition cells `protectTransitions` chooses.
 */
export function protectComparison(
  comparison: RoundComparison,
  protection: Protection,
): Omit<ComparisonView, 'filterable' | 'filterIgnored' | 'synthetic' | 'protection'> {
  if (protection === 'none') {
    return {
      ...comparison,
      basisfuncties: comparison.basisfuncties.map((bf) => ({ ...bf, suppressed: false })),
    };
  }
  const small = (respondents: number) => respondents > 0 && respondents < MIN_GROUP_SIZE;
  return {
    ...comparison,
    basisfuncties: comparison.basisfuncties.map((bf) => {
      const { table, withheld } = protectTransitions(bf.transitions, comparison.bands, (cells) =>
        chooseSuppressedCells(cells, MIN_GROUP_SIZE),
      );
      const from = small(bf.from.respondents)
        ? { respondents: bf.from.respondents, percentGoed: null }
        : bf.from;
      const to = small(bf.to.respondents)
        ? { respondents: bf.to.respondents, percentGoed: null }
        : bf.to;
      return {
        ...bf,
        from,
        to,
        transitions: table,
        suppressed: withheld > 0 || from !== bf.from || to !== bf.to,
      };
    }),
  };
}

/**
 * The trend page of a round: the comparison with an earlier round (default: the round it
 * follows) under a rule, as the viewer may see it, with the rounds to choose from.
 *
 * @throws {ForbiddenError} when a user's role may not read the analysis
 * @throws {NotFoundError} for an unknown round (also an unknown `from`)
 */
export async function loadTrendPage(
  executor: Executor,
  viewer: AnalysisViewer,
  roundId: string,
  request: {
    readonly from?: string | null | undefined;
    readonly rule?: CombinationRule | undefined;
    readonly filter?: AnalysisFilter | undefined;
  } = {},
): Promise<TrendPage> {
  if (viewer.kind === 'user') assertCan(viewer.user, 'analysis.read');
  const rights = describeViewerRights(viewer);
  const requested = request.filter ?? EMPTY_FILTER;
  const filter = rights.filterable ? requested : EMPTY_FILTER;
  const loaded = await loadRound(executor, roundId);
  const all = await listRounds(executor);
  const choices = all
    .filter((r) => r.id !== roundId)
    .reverse()
    .map((r) => ({
      roundId: r.id,
      name: r.name,
      registerId: r.registerId,
      instrumentVersion: r.instrumentVersion,
    }));
  const fromRoundId = request.from ?? loaded.round.previousRoundId ?? null;
  const rule = request.rule ?? DEFAULT_COMBINATION_RULE;
  const provinces = listProvinces(loaded.municipalities);
  const base = {
    round: refOf(loaded),
    synthetic: loaded.round.synthetic,
    choices,
    fromRoundId,
    rule,
    filterable: rights.filterable,
    provinces,
    series: await loadTrendSeries(executor, loaded, { rule, filter }, rights.protection),
  };
  if (fromRoundId === null) {
    return {
      ...base,
      comparison: null,
      problem: `Meting '${loaded.round.name}' volgt niet op een eerdere meting. Kies hieronder de meting om mee te vergelijken.`,
    };
  }
  let comparison: RoundComparison;
  try {
    comparison = await compareRounds(executor, fromRoundId, roundId, { rule, filter });
  } catch (error) {
    if (error instanceof UserInputError)
      return { ...base, comparison: null, problem: error.message };
    throw error;
  }
  return {
    ...base,
    comparison: {
      ...protectComparison(comparison, rights.protection),
      protection: rights.protection,
      filterable: rights.filterable,
      filterIgnored: !rights.filterable && !isFilterEmpty(requested),
      synthetic: loaded.round.synthetic,
    },
    problem: null,
  };
}

/**
 * One municipality's trend for a user who may read its report (the same rights as the report:
 * the municipality itself, its advisor, the coordinator).
 *
 * @throws {ForbiddenError} or {NotFoundError} as the report does
 */
export async function loadMunicipalityTrendFor(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  code: string,
  options: { readonly rule?: CombinationRule | undefined } = {},
): Promise<MunicipalityTrend & { readonly synthetic: boolean }> {
  assertRoleMay(user, 'report.read');
  const loaded = await loadRound(executor, roundId);
  const municipality = loaded.municipalities.find((m) => m.code === code);
  if (!municipality) throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
  assertCan(user, 'report.read', municipality);
  const trend = await loadMunicipalityTrend(executor, roundId, code, options);
  return { ...trend, synthetic: loaded.round.synthetic };
}
