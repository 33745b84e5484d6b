/**
 * The municipality report: per questionnaire and basisfunctie the mark with its explanation,
 * what lifts it over the bar, the comparison with the country, its size class, its group, its
 * province, its neighbours and the user's own peer set, offer versus use, and the items that
 * need attention with what other municipalities have in place. The web page, the PDF and the
 * JSON API all show this one object.
 *
 * Group figures of the national breakdowns are taken from the national analysis itself, so
 * they are the figures of `bfm analyse`; the neighbours and peer sets are counted the same way
 * from the members' marks (domain/group-figures.ts). Figures a viewer may not see (the
 * small-group rule) are left out of the object, not just hidden on the page.
 */
import { computeRoundAnalysis, type RoundAnalysis } from '../domain/analysis.ts';
import { mayDisclose, MIN_GROUP_SIZE } from '../domain/disclosure.ts';
import { summarizeMarks } from '../domain/group-figures.ts';
import { listScaleItems, type Basisfunctie, type Questionnaire } from '../domain/instrument.ts';
import { describeLift, findLift } from '../domain/lift.ts';
import { scoreResponses, type QuestionnaireMarks } from '../domain/municipality-marks.ts';
import { analyseOfferUse, type OfferUseVerdict } from '../domain/offer-use.ts';
import { rationalToNumber } from '../domain/rational.ts';
import {
  classifyGroup,
  classifySize,
  GROUPS,
  SIZE_CLASSES,
  type Municipality,
} from '../domain/register.ts';
import type { MarkResult } from '../domain/scoring.ts';
import { roundTo } from '../domain/statistics.ts';
import type { Executor } from '../db/client.ts';
import { readResponseVectors } from '../db/repositories/answer-repository.ts';
import type { StaffUser } from './auth-service.ts';
import { isNamedTo, readNamedConsents } from './consent-service.ts';
import { MUNICIPALITY_NOT_FOUND, NotFoundError } from './errors.ts';
import { loadNeighbours } from './geography.ts';
import { loadPeerSet, PEER_SET_NOT_FOUND } from './peer-set-service.ts';
import { COMBINATION_RULE_LABELS, type CombinationRule } from '../domain/combination.ts';
import { formatMark } from '../domain/trends.ts';
import { loadMunicipalityTrend, type TrendPoint } from './trend-service.ts';
import { assertCan, assertRoleMay, can } from './permissions.ts';
// Issue 12 (helper D): the actions agreed since the previous round.
import { loadFollowUpSection, type FollowUpSection } from './report-follow-up.ts';
import { loadQuestionnaire, type ResponseStatus } from './questionnaire-service.ts';
import { listReportNotes, reportNoteKey, type ReportNote } from './report-note-service.ts';
import { loadRound, type LoadedRound } from './round-service.ts';
import { loadReportWmoPlan, type ReportWmoPlan } from './wmo-plan-service.ts';

export type ComparisonGroupId = 'national' | 'size' | 'group' | 'province' | 'neighbours' | 'peers';

/** One comparison group's figure for one basisfunctie. */
export interface Comparison {
  readonly group: ComparisonGroupId;
  /** For example 'Landelijk', '20.000 – < 50.000 inwoners', 'Provincie Utrecht'. */
  readonly label: string;
  /** Municipalities with a mark in the group. */
  readonly respondents: number;
  /** Null when hidden by the small-group rule (then also percentGoed and meanMark). */
  readonly percentGoed: number | null;
  readonly meanMark: number | null;
  /** Why the figure is not shown, in Dutch; null when it is. */
  readonly hidden: string | null;
}

export interface ExplainedItem {
  readonly question: number;
  readonly text: string;
  /** 1, 2 or 3; null when not answered. */
  readonly points: number | null;
  /** The answer as the questionnaire says it ('Nee', 'Ja, verbetering mogelijk', …). */
  readonly answer: string | null;
  /** The band id of the answer ('aandacht-nodig', …); null when not answered. */
  readonly band: string | null;
  /** The municipality's note with this answer. */
  readonly note: string;
  /** Shares of 1, 2 and 3 points over every municipality that answered the item. */
  readonly nationalPercentages: readonly (number | null)[];
  readonly nationalAnswered: number;
}

export interface BasisfunctieReport {
  readonly id: string;
  readonly name: string;
  readonly official: boolean;
  readonly definition: string;
  readonly mark: number | null;
  readonly band: { readonly id: string; readonly label: string } | null;
  readonly goed: boolean;
  readonly answered: number;
  readonly total: number;
  readonly sum: number;
  readonly items: readonly ExplainedItem[];
  /** The answers to the basisfunctie's open question ('Wilt u … toelichten?'). */
  readonly explanations: readonly string[];
  readonly lift: LiftView;
  readonly comparisons: readonly Comparison[];
  /** The marks of every municipality with a mark (the distribution the own mark is set against). */
  readonly nationalMarks: readonly number[];
  readonly note: {
    readonly text: string;
    readonly version: number;
    readonly updatedAt: string;
    readonly updatedBy: string | null;
  } | null;
}

/** What lifts a basisfunctie over the bar (domain/lift.ts), as plain data. */
export interface LiftView {
  readonly status: 'goed' | 'insufficient' | 'reachable' | 'unreachable';
  readonly sentence: string;
  /** The smallest set of answers that, moved to 'Ja, goed voor elkaar', gives a 6 or more. */
  readonly changes: readonly { readonly question: number; readonly from: 1 | 2; readonly to: 3 }[];
  /** The mark after those changes, one decimal. */
  readonly markAfter: number | null;
  /** How many more items must be answered for a mark at all. */
  readonly needed: number | null;
}

/** Offer versus use of one function (mantelzorg), from domain/offer-use.ts. */
export interface OfferUseView {
  readonly basisfunctie: string;
  readonly name: string;
  readonly offerQuestion: number;
  readonly useQuestion: number;
  readonly offer: number | null;
  readonly use: number | null;
  readonly verdict: OfferUseVerdict;
  readonly sentence: string;
  readonly national: {
    readonly respondents: number;
    readonly offerGoed: number | null;
    readonly useGoed: number | null;
    readonly useLags: number | null;
  };
  /** Of the others that answered the use item: how many answered lower, the same, higher. */
  readonly position: {
    readonly compared: number;
    readonly percentLower: number | null;
    readonly percentEqual: number | null;
    readonly percentHigher: number | null;
  } | null;
}

export interface AttentionItem {
  readonly question: number;
  readonly text: string;
  readonly basisfunctie: string;
  readonly basisfunctieName: string;
  readonly points: 1 | 2;
  readonly band: string;
  /** The basisfunctie's concrete activities or forms of support (seed 004). */
  readonly activities: readonly string[];
  /** Comparable municipalities (same size class, not this one) that answered the item. */
  readonly comparable: {
    readonly label: string;
    readonly answered: number;
    /** Null when hidden by the small-group rule. */
    readonly goed: number | null;
    /** Those with it goed that may be named to the viewer. */
    readonly named: readonly { readonly code: string; readonly name: string }[];
    readonly hidden: string | null;
  };
}

export interface QuestionnaireReport {
  readonly id: string;
  readonly name: string;
  readonly status: ResponseStatus;
  readonly basisfuncties: readonly BasisfunctieReport[];
  readonly summary: BandSummary;
  readonly attention: readonly AttentionItem[];
}

/** How many basisfuncties fall in each band, the municipality against the average one. */
export interface BandSummary {
  readonly own: BandCounts;
  /** The expected counts of an average municipality that answered, one decimal. */
  readonly national: BandCounts;
  readonly sentence: string;
}

export interface BandCounts {
  readonly goed: number;
  readonly weg: number;
  readonly aandacht: number;
  readonly geen: number;
}

export interface MunicipalityReport {
  readonly round: { readonly id: string; readonly name: string; readonly synthetic: boolean };
  readonly municipality: Municipality & {
    readonly sizeClass: string;
    readonly group: string;
  };
  /** Whether the viewer sees figures of groups under the minimum size. */
  readonly smallGroups: boolean;
  readonly minGroupSize: number;
  readonly neighbours: readonly {
    readonly code: string;
    readonly name: string;
    readonly named: boolean;
  }[];
  readonly peerSet: { readonly id: number; readonly name: string; readonly members: number } | null;
  readonly questionnaires: readonly QuestionnaireReport[];
  readonly offerUse: readonly OfferUseView[];
  readonly bands: readonly { readonly id: string; readonly label: string; readonly from: number }[];
  readonly scale: readonly { readonly points: number; readonly label: string }[];
  /**
   * Issue 11: for a municipality that continues other municipalities (a merger, a split) in
   * the round this one follows, their marks side by side and the combined baseline; null
   * otherwise.
   */
  readonly predecessors: PredecessorSection | null;
  /**
   * Issue 12 (helper D): in a round that follows another, the actions agreed in advice talks
   * about the previous round per basisfunctie, with the change of the mark; null when there
   * was no talk, or for a reader who may not read the municipality's talks.
   */
  readonly followUp: FollowUpSection | null;
  /** Issue 12 (helper C): the municipality's Wmo plan against the national target. */
  readonly wmoPlan: ReportWmoPlan;
}

/** The predecessors' marks in the previous round, side by side, with the combined baseline. */
export interface PredecessorSection {
  readonly roundName: string;
  readonly ruleLabel: string;
  readonly municipalities: readonly {
    readonly code: string;
    readonly name: string;
    readonly share: string;
  }[];
  readonly rows: readonly {
    readonly questionnaire: string;
    readonly basisfunctie: string;
    readonly name: string;
    /** Per predecessor, in the order of `municipalities`: '6,7 (goed voor elkaar)', 'geen cijfer'. */
    readonly marks: readonly string[];
    readonly combined: string;
  }[];
}

export interface ReportOptions {
  /** The id of one of the user's peer sets to compare with. */
  readonly peerSetId?: string | undefined;
  /** How predecessors are combined (decision 019); default the configured rule. */
  readonly rule?: CombinationRule | undefined;
}

/**
 * The predecessor section of a report: only when the round follows another and the
 * municipality continues other municipalities there (not just itself).
 */
async function loadPredecessorSection(
  executor: Executor,
  roundId: string,
  code: string,
  rule: CombinationRule | undefined,
): Promise<PredecessorSection | null> {
  const trend = await loadMunicipalityTrend(executor, roundId, code, { rule });
  if (trend.rounds.length < 2) return null;
  const before = (points: readonly TrendPoint[]) => points[points.length - 2];
  const first = trend.basisfuncties.find((bf) => before(bf.points)?.predecessors);
  const list = first ? before(first.points)?.predecessors : null;
  if (!first || !list) return null;
  const label = (band: string) => trend.bandLabels[band] ?? band;
  const show = (mark: number | null, band: string) =>
    mark === null ? 'geen cijfer' : `${formatMark(mark)} (${label(band)})`;
  return {
    roundName: trend.rounds[trend.rounds.length - 2]?.name ?? '',
    ruleLabel: COMBINATION_RULE_LABELS[trend.rule],
    municipalities: list.map((p) => ({
      code: p.code,
      name: p.name,
      share: p.share === 1 ? 'geheel' : `${Math.round(p.share * 100)}% van het gebied`,
    })),
    rows: trend.basisfuncties.map((bf) => {
      const point = before(bf.points);
      const marks = new Map((point?.predecessors ?? []).map((p) => [p.code, p]));
      return {
        questionnaire: bf.questionnaire,
        basisfunctie: bf.basisfunctie,
        name: bf.name,
        marks: list.map((p) => {
          const found = marks.get(p.code);
          return found ? show(found.mark, found.band) : 'geen cijfer';
        }),
        combined: point ? show(point.mark, point.band) : 'geen cijfer',
      };
    }),
  };
}

const SMALL_GROUP = `Niet getoond: minder dan ${MIN_GROUP_SIZE} gemeenten met een cijfer.`;

/**
 * Loads the report of one municipality in one round, as the user may see it.
 *
 * @throws {ForbiddenError} for roles that see no reports by name (analysts)
 * @throws {NotFoundError} for an unknown round or municipality, one the user may not see, or
 *   a peer set that is not the user's
 */
export async function loadMunicipalityReport(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  code: string,
  options: ReportOptions = {},
): Promise<MunicipalityReport> {
  assertRoleMay(user, 'report.read');
  const loaded = await loadRound(executor, roundId);
  const municipality = loaded.municipalities.find((m) => m.code === code);
  if (!municipality) throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
  assertCan(user, 'report.read', municipality);

  const responses = await readResponseVectors(executor, roundId);
  const analysis = computeRoundAnalysis({
    round: roundId,
    instrument: loaded.instrument,
    municipalities: loaded.municipalities,
    responses,
  });
  const scored = scoreResponses(loaded.instrument, responses);
  const marksByKey = new Map(scored.map((s) => [`${s.municipalityCode}:${s.questionnaire}`, s]));
  const byCode = new Map(loaded.municipalities.map((m) => [m.code, m]));

  const [consents, notes, peerSet, contexts] = await Promise.all([
    readNamedConsents(executor),
    listReportNotes(executor, user, roundId, code),
    options.peerSetId
      ? loadPeerSet(executor, user, parsePeerSetId(options.peerSetId), roundId)
      : null,
    Promise.all(
      loaded.instrument.questionnaires.map((q) =>
        loadQuestionnaire(executor, user, {
          roundId,
          municipalityCode: code,
          questionnaire: q.id,
        }),
      ),
    ),
  ]);
  const named = (m: Municipality) => isNamedTo(user, m, consents);
  const smallGroups = user.role !== 'municipality';
  const audience = { smallGroups };

  const neighbourCodes = (loadNeighbours(loaded.round.registerId).get(code) ?? []).filter((c) =>
    byCode.has(c),
  );
  const peerCodes = (peerSet?.memberCodes ?? []).filter((c) => c !== code && byCode.has(c));
  const sizeClass = classifySize(municipality.population);
  const group = classifyGroup(municipality);
  const sizeLabel = SIZE_CLASSES.find((s) => s.id === sizeClass)?.label ?? sizeClass;
  const groupLabel = GROUPS.find((g) => g.id === group)?.label ?? group;
  const comparable = loaded.municipalities.filter(
    (m) => m.code !== code && classifySize(m.population) === sizeClass,
  );

  const questionnaires = loaded.instrument.questionnaires.map((questionnaire, q) => {
    const context = contexts[q];
    if (!context) throw new Error(`Questionnaire ${questionnaire.id} was not loaded`);
    const own = marksByKey.get(`${code}:${questionnaire.id}`);
    const memberMarks = (codes: readonly string[], b: number): MarkResult[] =>
      codes.flatMap((c) => {
        const found = marksByKey.get(`${c}:${questionnaire.id}`)?.marks[b];
        return found ? [found] : [];
      });
    const basisfuncties = questionnaire.basisfuncties.map((basisfunctie, b) =>
      reportBasisfunctie({
        loaded,
        analysis,
        questionnaire,
        basisfunctie,
        index: b,
        answers: context.answers,
        own,
        scored,
        comparisons: compareBasisfunctie({
          analysis,
          questionnaire: questionnaire.id,
          basisfunctie: basisfunctie.id,
          municipality,
          sizeClass,
          sizeLabel,
          group,
          groupLabel,
          neighbours:
            neighbourCodes.length > 0 ? summarizeMarks(memberMarks(neighbourCodes, b)) : null,
          peers: peerSet
            ? { name: peerSet.name, figure: summarizeMarks(memberMarks(peerCodes, b)) }
            : null,
          audience,
        }),
        note: toNoteView(notes.get(reportNoteKey(questionnaire.id, basisfunctie.id))),
      }),
    );
    return {
      id: questionnaire.id,
      name: questionnaire.name,
      status: context.status,
      basisfuncties,
      summary: summarizeBands(loaded, analysis, questionnaire, basisfuncties),
      attention: listAttention({
        loaded,
        questionnaire,
        basisfuncties,
        comparable,
        others: loaded.municipalities.filter((m) => m.code !== code),
        sizeLabel,
        marksByKey,
        named,
        audience,
      }),
    };
  });

  const offerUse = loaded.instrument.questionnaires.flatMap((questionnaire) =>
    (questionnaire.offerUse?.length ?? 0) === 0
      ? []
      : analyseOfferUse(
          questionnaire,
          code,
          marksByKey.get(`${code}:${questionnaire.id}`)?.points ?? new Map(),
          scored.filter((s) => s.questionnaire === questionnaire.id),
        ).map((row): OfferUseView => ({
          basisfunctie: row.pair.basisfunctie,
          name: row.basisfunctieName,
          offerQuestion: row.pair.offer,
          useQuestion: row.pair.use,
          offer: row.own.offer,
          use: row.own.use,
          verdict: row.verdict,
          sentence: row.sentence,
          national: {
            respondents: row.national.respondents,
            offerGoed: row.national.percentOfferGoed,
            useGoed: row.national.percentUseGoed,
            useLags: row.national.percentUseLags,
          },
          position: row.position
            ? {
                compared: row.position.compared,
                percentLower: row.position.percentLower,
                percentEqual: row.position.percentEqual,
                percentHigher: row.position.percentHigher,
              }
            : null,
        })),
  );

  return {
    round: { id: loaded.round.id, name: loaded.round.name, synthetic: loaded.round.synthetic },
    municipality: { ...municipality, sizeClass: sizeLabel, group: groupLabel },
    smallGroups,
    minGroupSize: MIN_GROUP_SIZE,
    neighbours: neighbourCodes.map((c) => {
      const m = byCode.get(c) as Municipality;
      return { code: c, name: m.name, named: named(m) };
    }),
    peerSet: peerSet ? { id: peerSet.id, name: peerSet.name, members: peerCodes.length } : null,
    questionnaires,
    offerUse,
    // Only a round that follows another can have predecessors to show (and costs the reads).
    predecessors: loaded.round.previousRoundId
      ? await loadPredecessorSection(executor, roundId, code, options.rule)
      : null,
    followUp:
      loaded.round.previousRoundId && can(user, 'talks.read', municipality)
        ? await loadFollowUpSection(executor, roundId, code, options.rule)
        : null,
    // Issue 12 (helper C): the Wmo plan section.
    wmoPlan: await loadReportWmoPlan(executor, loaded, municipality),
    bands: loaded.instrument.scoring.bands.map((b) => ({ id: b.id, label: b.label, from: b.from })),
    scale: loaded.instrument.scale.map((s) => ({ points: s.points, label: s.label })),
  };
}

interface BasisfunctieInput {
  readonly loaded: LoadedRound;
  readonly analysis: RoundAnalysis;
  readonly questionnaire: Questionnaire;
  readonly basisfunctie: Basisfunctie;
  readonly index: number;
  readonly answers: ReadonlyMap<number, { points: number | null; note: string; text: string }>;
  readonly own: QuestionnaireMarks | undefined;
  readonly scored: readonly QuestionnaireMarks[];
  readonly comparisons: readonly Comparison[];
  readonly note: BasisfunctieReport['note'];
}

function reportBasisfunctie(input: BasisfunctieInput): BasisfunctieReport {
  const { loaded, analysis, questionnaire, basisfunctie } = input;
  const { instrument } = loaded;
  const scaleItems = listScaleItems(questionnaire, basisfunctie.id);
  const items: ExplainedItem[] = scaleItems.map((item) => {
    const answer = input.answers.get(item.number);
    const points = answer?.points ?? null;
    const scalePoint = instrument.scale.find((s) => s.points === points);
    const national = analysis.items.find(
      (i) => i.questionnaire === questionnaire.id && i.question === item.number,
    );
    return {
      question: item.number,
      text: item.text,
      points,
      answer: scalePoint?.label ?? null,
      band: scalePoint?.band ?? null,
      note: answer?.note ?? '',
      nationalPercentages: national?.percentages ?? [null, null, null],
      nationalAnswered: national?.answered ?? 0,
    };
  });
  const mark = input.own?.marks[input.index];
  const lift = findLift(
    items.map((item) => ({ question: item.question, points: item.points })),
    instrument.scoring,
  );
  const liftView: LiftView = {
    status: lift.status,
    sentence: describeLift(lift, instrument.scale),
    changes: lift.status === 'reachable' ? lift.changes : [],
    markAfter: lift.status === 'reachable' ? roundTo(rationalToNumber(lift.markAfter), 1) : null,
    needed: lift.status === 'insufficient' ? lift.needed : null,
  };
  const explanations = questionnaire.items
    .filter((item) => item.kind === 'open' && item.basisfunctie === basisfunctie.id)
    .map((item) => input.answers.get(item.number)?.text.trim() ?? '')
    .filter((text) => text !== '');
  return {
    id: basisfunctie.id,
    name: basisfunctie.name,
    official: basisfunctie.official,
    definition: basisfunctie.definition,
    mark: mark?.mark ? roundTo(rationalToNumber(mark.mark), 1) : null,
    band: mark?.band ? { id: mark.band.id, label: mark.band.label } : null,
    goed: mark?.goed ?? false,
    answered: items.filter((i) => i.points !== null).length,
    total: items.length,
    sum: items.reduce((sum, i) => sum + (i.points ?? 0), 0),
    items,
    explanations,
    lift: liftView,
    comparisons: input.comparisons,
    nationalMarks: input.scored.flatMap((s) => {
      const m = s.questionnaire === questionnaire.id ? s.marks[input.index] : undefined;
      return m?.mark ? [roundTo(rationalToNumber(m.mark), 1)] : [];
    }),
    note: input.note,
  };
}

interface CompareInput {
  readonly analysis: RoundAnalysis;
  readonly questionnaire: string;
  readonly basisfunctie: string;
  readonly municipality: Municipality;
  readonly sizeClass: string;
  readonly sizeLabel: string;
  readonly group: string;
  readonly groupLabel: string;
  readonly neighbours: ReturnType<typeof summarizeMarks> | null;
  readonly peers: {
    readonly name: string;
    readonly figure: ReturnType<typeof summarizeMarks>;
  } | null;
  readonly audience: { readonly smallGroups: boolean };
}

function compareBasisfunctie(input: CompareInput): Comparison[] {
  const { analysis } = input;
  const pick = (shares: readonly { questionnaire: string; basisfunctie: string }[] | undefined) =>
    shares?.find(
      (s) => s.questionnaire === input.questionnaire && s.basisfunctie === input.basisfunctie,
    ) as { respondents: number; percentGoed: number | null; meanMark: number | null } | undefined;
  const comparison = (
    group: ComparisonGroupId,
    label: string,
    figure:
      { respondents: number; percentGoed: number | null; meanMark: number | null } | undefined,
  ): Comparison => {
    const respondents = figure?.respondents ?? 0;
    const shown = mayDisclose(respondents, input.audience);
    return {
      group,
      label,
      respondents,
      percentGoed: shown ? (figure?.percentGoed ?? null) : null,
      meanMark: shown ? (figure?.meanMark ?? null) : null,
      hidden: shown ? null : SMALL_GROUP,
    };
  };
  const rows = [
    comparison('national', 'Alle gemeenten', pick(analysis.basisfuncties)),
    comparison(
      'size',
      `Gemeenten met ${input.sizeLabel}`,
      pick(analysis.bySizeClass.find((g) => g.id === input.sizeClass)?.basisfuncties),
    ),
    comparison(
      'group',
      input.group === 'overig' ? 'Overige gemeenten (niet G4 of G27)' : input.groupLabel,
      pick(analysis.byGroup.find((g) => g.id === input.group)?.basisfuncties),
    ),
    comparison(
      'province',
      `Provincie ${input.municipality.provinceName}`,
      pick(
        analysis.byProvince.find((g) => g.id === input.municipality.provinceCode)?.basisfuncties,
      ),
    ),
  ];
  if (input.neighbours) rows.push(comparison('neighbours', 'Buurgemeenten', input.neighbours));
  if (input.peers)
    rows.push(comparison('peers', `Vergelijkingsgroep ${input.peers.name}`, input.peers.figure));
  return rows;
}

const BAND_KEYS = ['aandacht', 'weg', 'goed'] as const;

function summarizeBands(
  loaded: LoadedRound,
  analysis: RoundAnalysis,
  questionnaire: Questionnaire,
  basisfuncties: readonly BasisfunctieReport[],
): BandSummary {
  const bandIds = loaded.instrument.scoring.bands.map((b) => b.id);
  const keyOf = (bandId: string | undefined) =>
    bandId === undefined ? 'geen' : (BAND_KEYS[bandIds.indexOf(bandId)] ?? 'geen');
  const own: Record<keyof BandCounts, number> = { goed: 0, weg: 0, aandacht: 0, geen: 0 };
  for (const b of basisfuncties) own[keyOf(b.band?.id)] += 1;
  const national: Record<keyof BandCounts, number> = { goed: 0, weg: 0, aandacht: 0, geen: 0 };
  const respondents = analysis.respondents[questionnaire.id] ?? 0;
  for (const result of analysis.basisfuncties) {
    if (result.questionnaire !== questionnaire.id || respondents === 0) continue;
    for (const [bandId, count] of Object.entries(result.bands)) {
      national[keyOf(bandId)] += count / respondents;
    }
    national.geen += result.insufficient / respondents;
  }
  for (const key of Object.keys(national) as (keyof BandCounts)[]) {
    national[key] = roundTo(national[key], 1);
  }
  const total = basisfuncties.length;
  const parts = [
    `${own.goed} goed voor elkaar`,
    `${own.weg} op de goede weg`,
    `${own.aandacht} aandacht nodig`,
  ];
  if (own.geen > 0) parts.push(`${own.geen} zonder cijfer`);
  const average = String(national.goed).replace('.', ',');
  const field = questionnaire.id;
  const base = `De ${total} basisfuncties voor ${field}: ${parts.join(', ')}`;
  const sentence =
    respondents === 0
      ? `${base}.`
      : `${base}. Landelijk heeft een gemeente er gemiddeld ${average} goed voor elkaar.`;
  return { own, national, sentence };
}

interface AttentionInput {
  readonly loaded: LoadedRound;
  readonly questionnaire: Questionnaire;
  readonly basisfuncties: readonly BasisfunctieReport[];
  readonly comparable: readonly Municipality[];
  /** Every municipality but this one, when the size class is too small to show. */
  readonly others: readonly Municipality[];
  readonly sizeLabel: string;
  readonly marksByKey: ReadonlyMap<string, QuestionnaireMarks>;
  readonly named: (m: Municipality) => boolean;
  readonly audience: { readonly smallGroups: boolean };
}

/** Of the municipalities that answered the item, those with 'Ja, goed voor elkaar'. */
function countGoed(
  municipalities: readonly Municipality[],
  questionnaire: string,
  question: number,
  marksByKey: ReadonlyMap<string, QuestionnaireMarks>,
): { answered: number; goed: Municipality[] } {
  let answered = 0;
  const goed: Municipality[] = [];
  for (const m of municipalities) {
    const points = marksByKey.get(`${m.code}:${questionnaire}`)?.points.get(question);
    if (points == null) continue;
    answered += 1;
    if (points === 3) goed.push(m);
  }
  return { answered, goed };
}

function listAttention(input: AttentionInput): AttentionItem[] {
  const { questionnaire } = input;
  return input.basisfuncties.flatMap((basisfunctie) => {
    const definition = questionnaire.basisfuncties.find((b) => b.id === basisfunctie.id);
    return basisfunctie.items.flatMap((item): AttentionItem[] => {
      if (item.points !== 1 && item.points !== 2) return [];
      // Comparable: the same size class; when that group is too small to show, all others.
      let group = countGoed(input.comparable, questionnaire.id, item.question, input.marksByKey);
      let label = `gemeenten met ${input.sizeLabel}`;
      if (!mayDisclose(group.answered, input.audience)) {
        group = countGoed(input.others, questionnaire.id, item.question, input.marksByKey);
        label = 'gemeenten';
      }
      const { answered, goed } = group;
      const shown = mayDisclose(answered, input.audience);
      return [
        {
          question: item.question,
          text: item.text,
          basisfunctie: basisfunctie.id,
          basisfunctieName: basisfunctie.name,
          points: item.points,
          band: item.band ?? '',
          activities: definition?.activities ?? [],
          comparable: {
            label,
            answered,
            goed: shown ? goed.length : null,
            named: shown
              ? goed.filter(input.named).map((m) => ({ code: m.code, name: m.name }))
              : [],
            hidden: shown ? null : SMALL_GROUP,
          },
        },
      ];
    });
  });
}

function toNoteView(note: ReportNote | undefined): BasisfunctieReport['note'] {
  return note
    ? {
        text: note.text,
        version: note.version,
        updatedAt: note.updatedAt,
        updatedBy: note.updatedByName,
      }
    : null;
}

function parsePeerSetId(id: string): number {
  if (!/^\d{1,9}$/.test(id)) throw new NotFoundError(PEER_SET_NOT_FOUND);
  return Number(id);
}
