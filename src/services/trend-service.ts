/**
 * Trends between rounds: the national (or filtered) comparison of two rounds with transition
 * tables, and one municipality's marks over all rounds. Computed over the later round's
 * register, with predecessors combined by a configurable rule (see docs/decisions/019).
 *
 * INTERFACE ONLY (issue 11 foundation): the trend helper implements these functions; the
 * pages, CLI, API and demo tests are written against these types.
 */
import type { AnalysisFilter } from '../domain/analysis-filter.ts';
import type { Executor } from '../db/client.ts';

/** How the marks of several predecessors become one baseline (decision 019). */
export const COMBINATION_RULES = [
  'gewogen-gemiddelde',
  'aandeel-goed',
  'grootste-voorganger',
] as const;
export type CombinationRule = (typeof COMBINATION_RULES)[number];

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
  readonly bands: readonly TransitionBand[];
  readonly basisfuncties: readonly BasisfunctieComparison[];
  readonly notCompared: readonly NotCompared[];
}

export interface CompareOptions {
  readonly rule?: CombinationRule | undefined;
  readonly filter?: AnalysisFilter | undefined;
}

/**
 * Compares two rounds over the later round's register.
 *
 * @throws {NotFoundError} for an unknown round
 * @throws {UserInputError} when the rounds cannot be compared (no lineage, no mapped version)
 */
export async function compareRounds(
  _executor: Executor,
  _fromRoundId: string,
  _toRoundId: string,
  _options: CompareOptions = {},
): Promise<RoundComparison> {
  return Promise.reject(new Error('compareRounds: implemented by the trend helper'));
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
  readonly basisfuncties: readonly BasisfunctieTrend[];
  readonly notCompared: readonly NotCompared[];
}

/**
 * One municipality's marks per basisfunctie over the round and the rounds before it
 * (following `previousRoundId`).
 *
 * @throws {NotFoundError} for an unknown round or municipality
 */
export async function loadMunicipalityTrend(
  _executor: Executor,
  _roundId: string,
  _code: string,
  _options: { readonly rule?: CombinationRule | undefined } = {},
): Promise<MunicipalityTrend> {
  return Promise.reject(new Error('loadMunicipalityTrend: implemented by the trend helper'));
}
