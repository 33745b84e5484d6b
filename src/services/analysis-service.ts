/**
 * The national analysis and item cross-tables of a round. The same functions serve the
 * CLI, the web application and the JSON API.
 */
import {
  computeCrossTab,
  computeRoundAnalysis,
  type CrossTabResult,
  type ResponseVector,
  type RoundAnalysis,
} from '../domain/analysis.ts';
import { applyFilter, EMPTY_FILTER, type AnalysisFilter } from '../domain/analysis-filter.ts';
import { getQuestionnaire } from '../domain/instrument.ts';
import type { Executor } from '../db/client.ts';
import { readResponseVectors } from '../db/repositories/answer-repository.ts';
import { findRegister } from '../db/repositories/register-repository.ts';
import { UserInputError } from './errors.ts';
import { loadRound, type LoadedRound } from './round-service.ts';

export interface NationalAnalysis extends RoundAnalysis {
  readonly roundName: string;
  /** Synthetic rounds (demo data) are labelled wherever they show. */
  readonly synthetic: boolean;
  readonly register: {
    readonly id: string;
    readonly name: string;
    readonly referenceDate: string;
    /** The date of the population figures behind the size classes. */
    readonly populationDate: string | null;
    readonly source: string;
  };
}

/**
 * Computes the national analysis of a round, or with a filter the analysis of the
 * municipalities that pass it (computed the same way, as if they were the whole register).
 * Unprotected: the reference figures of `bfm analyse --json`; what a viewer may see is
 * `loadAnalysisView` (analysis-view-service.ts).
 *
 * @throws {NotFoundError} when the round does not exist
 */
export async function analyseRound(
  executor: Executor,
  roundId: string,
  filter: AnalysisFilter = EMPTY_FILTER,
): Promise<NationalAnalysis> {
  return analyseLoadedRound(executor, await loadRound(executor, roundId), filter);
}

/** `analyseRound` for a round its caller has loaded already (one read of the round, not two). */
export async function analyseLoadedRound(
  executor: Executor,
  loaded: LoadedRound,
  filter: AnalysisFilter = EMPTY_FILTER,
): Promise<NationalAnalysis> {
  const roundId = loaded.round.id;
  const [allResponses, register] = await Promise.all([
    readResponseVectors(executor, roundId),
    findRegister(executor, loaded.round.registerId),
  ]);
  const computed = computeCached(roundId, loaded, filter, allResponses);
  return {
    ...computed,
    roundName: loaded.round.name,
    synthetic: loaded.round.synthetic,
    register: {
      id: loaded.round.registerId,
      name: register?.name ?? loaded.round.registerId,
      referenceDate: register?.referenceDate ?? '',
      populationDate: register?.populationDate ?? null,
      source: register?.source ?? '',
    },
  };
}

/**
 * The analyses computed last, keyed by round, register, instrument and filter, with the
 * response vectors they were computed from. Every dashboard page, download and API call needs
 * the analysis; the vectors are read on every call anyway (a few milliseconds), so comparing
 * them is exact on any instance and the cache never serves stale figures, while the
 * computation (tens of milliseconds for 441 municipalities) is done once per change.
 */
const analysisCache = new Map<
  string,
  { readonly fingerprint: string; readonly analysis: RoundAnalysis }
>();
const ANALYSIS_CACHE_SIZE = 64;

/** Forgets the cached analyses (benchmarks that time the computation itself). */
export function clearAnalysisCache(): void {
  analysisCache.clear();
}

function computeCached(
  roundId: string,
  loaded: LoadedRound,
  filter: AnalysisFilter,
  allResponses: readonly ResponseVector[],
): RoundAnalysis {
  const key = [
    roundId,
    loaded.round.registerId,
    loaded.round.instrumentVersion,
    identifyRegister(loaded.municipalities),
    filter.sizeClass,
    filter.group,
    filter.province,
  ].join('\u0000');
  const fingerprint = allResponses
    .map(
      (r) =>
        `${r.municipalityCode} ${r.questionnaire} ${r.answerCount} ${r.scaleVector} ${r.choiceVector}`,
    )
    .join('\n');
  const cached = analysisCache.get(key);
  if (cached?.fingerprint === fingerprint) return cached.analysis;
  const analysis = computeFiltered(roundId, loaded, filter, allResponses);
  analysisCache.delete(key);
  analysisCache.set(key, { fingerprint, analysis });
  while (analysisCache.size > ANALYSIS_CACHE_SIZE) {
    const oldest = analysisCache.keys().next().value;
    if (oldest === undefined) break;
    analysisCache.delete(oldest);
  }
  return analysis;
}

// A register read anew (after `bfm reference load`, or when its short cache expires) is a new
// array: its analyses are computed afresh, so a corrected population moves the size classes.
const registerIds = new WeakMap<readonly unknown[], number>();
let nextRegisterId = 0;
function identifyRegister(municipalities: readonly unknown[]): number {
  let id = registerIds.get(municipalities);
  if (id === undefined) {
    nextRegisterId += 1;
    id = nextRegisterId;
    registerIds.set(municipalities, id);
  }
  return id;
}

function computeFiltered(
  roundId: string,
  loaded: LoadedRound,
  filter: AnalysisFilter,
  allResponses: readonly ResponseVector[],
): RoundAnalysis {
  const municipalities = applyFilter(loaded.municipalities, filter);
  const selected = new Set(municipalities.map((m) => m.code));
  const responses =
    municipalities.length === loaded.municipalities.length
      ? allResponses
      : allResponses.filter((response) => selected.has(response.municipalityCode));
  return computeRoundAnalysis({
    round: roundId,
    instrument: loaded.instrument,
    municipalities,
    responses,
  });
}

export interface CrossTabRequest {
  readonly round: string;
  readonly questionnaire: string;
  readonly row: number;
  readonly column: number;
}

/**
 * Cross-tabulates two 3-point items of a questionnaire, as in the report's appendices.
 *
 * @throws {UserInputError} for an unknown round, questionnaire or item
 */
export async function crossTabulateItems(
  executor: Executor,
  request: CrossTabRequest,
): Promise<CrossTabResult & { readonly round: string; readonly synthetic: boolean }> {
  const loaded = await loadRound(executor, request.round);
  const questionnaire = loaded.instrument.questionnaires.find(
    (q) => q.id === request.questionnaire,
  );
  if (!questionnaire) {
    const ids = loaded.instrument.questionnaires.map((q) => `'${q.id}'`).join(' of ');
    throw new UserInputError(`Onbekende vragenlijst '${request.questionnaire}'. Kies ${ids}.`);
  }
  for (const number of [request.row, request.column]) {
    const item = getQuestionnaire(loaded.instrument, questionnaire.id).items.find(
      (candidate) => candidate.number === number,
    );
    if (!item || item.kind !== 'scale') {
      const scale = questionnaire.items.filter((i) => i.kind === 'scale').map((i) => i.number);
      throw new UserInputError(
        `Vraag ${number} is geen driepuntsvraag van '${questionnaire.id}'. Kies uit: ${scale.join(', ')}.`,
      );
    }
  }
  const vectors = (await readResponseVectors(executor, request.round, questionnaire.id))
    .filter((response) => response.answerCount > 0)
    .map((response) => response.scaleVector);
  return {
    round: request.round,
    synthetic: loaded.round.synthetic,
    ...computeCrossTab(questionnaire, vectors, request.row, request.column),
  };
}
