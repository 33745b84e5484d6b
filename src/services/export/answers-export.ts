/**
 * The answers of a round as data for researchers: one row per municipality that answered a
 * questionnaire (at least one answer), a column per variable of answer-variables.ts. The
 * formats (CSV, Excel, SPSS, JSON) are written from this one dataset (answer-formats.ts).
 *
 * The 3-point and choice answers come from the response summaries the analysis reads, and
 * the marks from `scoreResponses`, the scorer of the analysis and the reports: an export's
 * tallies are the analysis's figures by construction.
 */
import {
  applyFilter,
  describeFilter,
  EMPTY_FILTER,
  type AnalysisFilter,
} from '../../domain/analysis-filter.ts';
import {
  classifyGroup,
  classifySize,
  GROUPS,
  listProvinces,
  SIZE_CLASSES,
} from '../../domain/register.ts';
import type { Municipality } from '../../domain/register.ts';
import type { Questionnaire } from '../../domain/instrument.ts';
import { scoreResponses } from '../../domain/municipality-marks.ts';
import type { Rational } from '../../domain/rational.ts';
import {
  decodeChoiceVector,
  decodeScaleVector,
  listChoiceItems,
} from '../../domain/response-vectors.ts';
import { listAllScaleItems } from '../../domain/instrument.ts';
import type { Executor } from '../../db/client.ts';
import { readResponseVectors } from '../../db/repositories/answer-repository.ts';
import { readOpenAnswers } from '../../db/repositories/open-answer-repository.ts';
import type { StaffUser } from '../auth-service.ts';
import { UserInputError } from '../errors.ts';
import { assertRoleMay, can, filterAllowed } from '../permissions.ts';
import { loadRound } from '../round-service.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import { readFinalThemes } from '../open-answers/open-answer-service.ts';
import {
  listExportVariables,
  listThemeVariables,
  type ExportCodebook,
  listProvinceLabels,
  provinceValue,
  type ExportVariable,
} from './answer-variables.ts';

/** A cell: a number, a text, or null for 'no answer' (empty in CSV, system-missing in SPSS). */
export type ExportValue = number | string | null;

export interface AnswersDataset {
  readonly roundId: string;
  readonly roundName: string;
  /** Demo data: every format says so. */
  readonly synthetic: boolean;
  readonly instrumentVersion: string;
  readonly questionnaire: { readonly id: string; readonly name: string };
  /** Which municipalities the rows may cover: all of the register, or an advisor's provinces. */
  readonly scope: 'all' | 'provinces';
  /** The filter of the rows in words (`describeFilter`), or null for none. */
  readonly filter: string | null;
  readonly variables: readonly ExportVariable[];
  /** One row per respondent, ordered by municipality code; cells in the order of `variables`. */
  readonly rows: readonly (readonly ExportValue[])[];
}

/**
 * A mark rounded to two decimals, halves away from zero, from the exact fraction (so 6.125
 * becomes 6.13 whatever binary floating point makes of it).
 *
 * @example roundMark({ num: 20, den: 3 }) // 6.67
 */
export function roundMark(mark: Rational): number {
  const hundredths = Math.floor((200 * Math.abs(mark.num) + mark.den) / (2 * mark.den));
  return (Math.sign(mark.num) * hundredths) / 100;
}

function findQuestionnaire(questionnaires: readonly Questionnaire[], id: string): Questionnaire {
  const found = questionnaires.find((q) => q.id === id);
  if (!found) {
    const ids = questionnaires.map((q) => `'${q.id}'`).join(' of ');
    throw new UserInputError(`Onbekende vragenlijst '${id}'. Kies ${ids}.`);
  }
  return found;
}

/** The codebooks of a questionnaire in a round, with their themes in order (issue 13). */
async function readExportCodebooks(
  executor: Executor,
  roundId: string,
  questionnaireId: string,
): Promise<ExportCodebook[]> {
  const rows = await queryRows<{
    id: number;
    question: number;
    part: 'text' | 'note';
    theme_id: number;
    name: string;
  }>(
    executor,
    sql`select c.id, c.question, c.part, t.id as theme_id, t.name
        from codebooks c join codebook_themes t on t.codebook_id = c.id
        where c.round_id = ${roundId} and c.questionnaire = ${questionnaireId}
        order by c.question, c.part, t.position, t.id`,
  );
  const byId = new Map<number, ExportCodebook & { themes: { id: number; name: string }[] }>();
  for (const row of rows) {
    const id = Number(row.id);
    const codebook = byId.get(id) ?? {
      id,
      question: Number(row.question),
      part: row.part,
      themes: [],
    };
    codebook.themes.push({ id: Number(row.theme_id), name: row.name });
    byId.set(id, codebook);
  }
  return [...byId.values()];
}

async function buildDataset(
  executor: Executor,
  loaded: Awaited<ReturnType<typeof loadRound>>,
  questionnaire: Questionnaire,
  municipalities: readonly Municipality[],
  scope: AnswersDataset['scope'],
  filter: AnalysisFilter = EMPTY_FILTER,
): Promise<AnswersDataset> {
  const { round, instrument } = loaded;
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  const [vectors, texts] = await Promise.all([
    readResponseVectors(executor, round.id, questionnaire.id),
    readOpenAnswers(executor, round.id, questionnaire.id),
  ]);
  const responses = vectors
    .filter((response) => response.answerCount > 0 && byCode.has(response.municipalityCode))
    .sort((a, b) => a.municipalityCode.localeCompare(b.municipalityCode));
  const marks = scoreResponses(instrument, responses);
  const textByKey = new Map(texts.map((t) => [`${t.municipalityCode}:${t.question}`, t.text]));
  const codebooks = await readExportCodebooks(executor, round.id, questionnaire.id);
  const finalThemes = new Map<number, Map<string, number[]>>();
  for (const codebook of codebooks) {
    finalThemes.set(codebook.id, await readFinalThemes(executor, codebook.id));
  }
  const variables = [
    ...listExportVariables(instrument, questionnaire, listProvinceLabels(loaded.municipalities)),
    ...listThemeVariables(codebooks),
  ];
  const scaleLength = listAllScaleItems(questionnaire).length;
  const choiceCount = listChoiceItems(questionnaire).length;
  const official = questionnaire.basisfuncties.map((b) => b.official);

  const rows = responses.map((response, index) => {
    const municipality = byCode.get(response.municipalityCode) as Municipality;
    const points = decodeScaleVector(response.scaleVector, scaleLength);
    const masks = decodeChoiceVector(response.choiceVector, choiceCount);
    const ownMarks = marks[index]?.marks ?? [];
    return variables.map((variable): ExportValue => {
      const source = variable.source;
      switch (source.kind) {
        case 'code':
          return municipality.code;
        case 'name':
          return municipality.name;
        case 'province':
          return provinceValue(municipality.provinceCode);
        case 'sizeClass':
          return SIZE_CLASSES.findIndex((c) => c.id === classifySize(municipality.population)) + 1;
        case 'group':
          return GROUPS.findIndex((g) => g.id === classifyGroup(municipality)) + 1;
        case 'scale':
          return points[source.position] ?? null;
        case 'single': {
          const mask = masks[source.choice] ?? 0;
          // One option is stored for a single-choice item; its position is the lowest set bit.
          return mask === 0 ? null : Math.log2(mask & -mask) + 1;
        }
        case 'option': {
          const mask = masks[source.choice] ?? 0;
          return mask === 0 ? null : (mask >> source.option) & 1;
        }
        case 'text':
          return textByKey.get(`${municipality.code}:${source.question}`) ?? null;
        case 'mark': {
          const mark = ownMarks[source.basisfunctie]?.mark;
          return mark ? roundMark(mark) : null;
        }
        case 'countGoed':
          return ownMarks.filter((mark, b) => mark.goed && official[b]).length;
        case 'theme': {
          const coded = finalThemes.get(source.codebook)?.get(municipality.code);
          return coded === undefined ? null : coded.includes(source.theme) ? 1 : 0;
        }
      }
    });
  });
  return {
    roundId: round.id,
    roundName: round.name,
    synthetic: round.synthetic,
    instrumentVersion: instrument.version,
    questionnaire: { id: questionnaire.id, name: questionnaire.name },
    scope,
    filter: describeFilter(filter, listProvinces(loaded.municipalities)),
    variables,
    rows,
  };
}

/**
 * The answers of every municipality of a round, one dataset per questionnaire (or only the one
 * named): for `bfm export`, which runs on the server with the operator's full access.
 *
 * @throws {NotFoundError} for an unknown round
 * @throws {UserInputError} for an unknown questionnaire
 */
export async function exportRoundAnswers(
  executor: Executor,
  roundId: string,
  questionnaireId?: string,
): Promise<AnswersDataset[]> {
  const loaded = await loadRound(executor, roundId);
  const questionnaires =
    questionnaireId === undefined
      ? loaded.instrument.questionnaires
      : [findQuestionnaire(loaded.instrument.questionnaires, questionnaireId)];
  return Promise.all(
    questionnaires.map((q) => buildDataset(executor, loaded, q, loaded.municipalities, 'all')),
  );
}

/**
 * The answers one user may export (`analysis.exportAnswers`): the coordinator every
 * municipality, an advisor those of their provinces; narrowed further by the analysis filter
 * of the dashboard (size class, group, province), if given. Other roles hear 403 before anything is
 * read: the analyst sees no municipality by name, a municipality no other's answers.
 *
 * @throws {ForbiddenError} for a role that may not export answers
 * @throws {NotFoundError} for an unknown round
 * @throws {UserInputError} for an unknown questionnaire
 */
export async function exportAnswersForUser(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  questionnaireId: string,
  filter: AnalysisFilter = EMPTY_FILTER,
): Promise<AnswersDataset> {
  assertRoleMay(user, 'analysis.exportAnswers');
  const loaded = await loadRound(executor, roundId);
  const questionnaire = findQuestionnaire(loaded.instrument.questionnaires, questionnaireId);
  const allowed = applyFilter(
    filterAllowed(user, 'analysis.exportAnswers', loaded.municipalities),
    filter,
  );
  // Without a municipality, `can` answers true only for a role that may export everywhere.
  const scope = can(user, 'analysis.exportAnswers') ? 'all' : 'provinces';
  return buildDataset(executor, loaded, questionnaire, allowed, scope, filter);
}
