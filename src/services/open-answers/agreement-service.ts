/**
 * The agreement between two coders of one question (issue 13, decision 029): per theme Cohen's
 * kappa over the answers both coded (did each give the theme, yes or no), the overall observed
 * agreement (the share of answers with exactly the same themes), and the answers on which their
 * theme sets differ, so they can settle them.
 *
 * The pair compared is chosen by the user, or by default the pair of coders with the most
 * answers in common. Coders are staff accounts; their names may be shown to the coordinator and
 * the analysts, the only roles that may open this. Answers are shown as the viewer may read them
 * (`readOpenAnswers`), so an analyst sees no municipality name or code here either.
 */
import { sql } from 'drizzle-orm';
import {
  binaryKappa,
  interpretKappa,
  type BinaryTable,
  type KappaInterpretation,
  type KappaUndefinedReason,
} from '../../domain/cohens-kappa.ts';
import { EMPTY_FILTER } from '../../domain/analysis-filter.ts';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import type { StaffUser } from '../auth-service.ts';
import { UserInputError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { findCodebook, loadSourceScope, type Codebook } from './codebook-service.ts';
import {
  computeAnswerId,
  MAX_PAGE_SIZE,
  readFinalThemes,
  readOpenAnswers,
  type OpenAnswerEntry,
  type OpenAnswerSource,
  type OpenAnswerSourceKey,
} from './open-answer-service.ts';

export interface Coder {
  readonly id: number;
  readonly name: string;
  /** Answers of this question the coder coded. */
  readonly coded: number;
}

export interface ThemeAgreement {
  readonly themeId: number;
  readonly name: string;
  readonly table: BinaryTable;
  readonly kappa: number | null;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly n: number;
  readonly reason: KappaUndefinedReason | null;
  /** Landis & Koch in Dutch, or null when kappa is undefined. */
  readonly interpretation: KappaInterpretation | null;
}

export interface Disagreement {
  /** The answer as the viewer may read it (pseudonym, origin, text). */
  readonly answer: OpenAnswerEntry;
  readonly themesA: readonly number[];
  readonly themesB: readonly number[];
  /** The settled coding, or null when not settled yet. */
  readonly settled: readonly number[] | null;
  /** What counts now: the settlement, else the first coder's coding (`readFinalThemes`). */
  readonly final: readonly number[];
}

export interface AgreementView {
  readonly source: OpenAnswerSource;
  readonly codebook: Codebook | null;
  readonly coders: readonly Coder[];
  /** The pair compared, or null when fewer than two people coded. */
  readonly pair: { readonly a: Coder; readonly b: Coder } | null;
  /** Answers both coded. */
  readonly common: number;
  /** Answers with exactly the same themes from both, as a share of `common` (null if 0). */
  readonly observedAgreement: number | null;
  readonly themes: readonly ThemeAgreement[];
  readonly disagreements: readonly Disagreement[];
}

interface CodingRow {
  readonly coder_id: number;
  readonly municipality_code: string;
  readonly theme_ids: number[];
}

/**
 * The agreement of two coders on a question.
 *
 * @param pair the two coders' account ids, or null for the pair with most answers in common
 * @throws {ForbiddenError} when the role may not code
 * @throws {NotFoundError} for an unknown round or question
 * @throws {UserInputError} when a chosen coder did not code this question, or both are the same
 */
export async function readAgreement(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
  pair: { readonly a: number; readonly b: number } | null = null,
): Promise<AgreementView> {
  assertCan(user, 'openAnswers.code');
  const { loaded, source } = await loadSourceScope(executor, roundId, key);
  const codebook = await findCodebook(executor, roundId, key);
  const empty: AgreementView = {
    source,
    codebook,
    coders: [],
    pair: null,
    common: 0,
    observedAgreement: null,
    themes: [],
    disagreements: [],
  };
  if (!codebook) return empty;

  const rows = await queryRows<CodingRow>(
    executor,
    sql`select c.coder_id, c.municipality_code, c.theme_ids from answer_codings c
        where c.codebook_id = ${codebook.id}`,
  );
  const coderRows = await queryRows<{ id: number; name: string; coded: number | string }>(
    executor,
    sql`select u.id, u.name, count(*) as coded from answer_codings c
        join users u on u.id = c.coder_id
        where c.codebook_id = ${codebook.id}
        group by u.id, u.name order by u.name, u.id`,
  );
  const coders: Coder[] = coderRows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    coded: Number(r.coded),
  }));
  const byCoder = new Map<number, Map<string, number[]>>();
  for (const row of rows) {
    const id = Number(row.coder_id);
    const own = byCoder.get(id) ?? new Map<string, number[]>();
    own.set(row.municipality_code, row.theme_ids.map(Number));
    byCoder.set(id, own);
  }

  const chosen = pair ? checkPair(coders, pair) : choosePair(coders, byCoder);
  if (!chosen) return { ...empty, coders };
  const codingsA = byCoder.get(chosen.a.id) ?? new Map<string, number[]>();
  const codingsB = byCoder.get(chosen.b.id) ?? new Map<string, number[]>();
  const common = [...codingsA.keys()].filter((code) => codingsB.has(code)).sort();

  const themes = codebook.themes.map((theme): ThemeAgreement => {
    const result = binaryKappa(
      common.map((code) => (codingsA.get(code) ?? []).includes(theme.id)),
      common.map((code) => (codingsB.get(code) ?? []).includes(theme.id)),
    );
    return {
      themeId: theme.id,
      name: theme.name,
      ...result,
      interpretation: result.kappa === null ? null : interpretKappa(result.kappa),
    };
  });
  const differing = common.filter(
    (code) => !sameSet(codingsA.get(code) ?? [], codingsB.get(code) ?? []),
  );
  const observedAgreement =
    common.length === 0 ? null : (common.length - differing.length) / common.length;

  const settlements = new Map(
    (
      await queryRows<{ municipality_code: string; theme_ids: number[] }>(
        executor,
        sql`select municipality_code, theme_ids from answer_settlements
            where codebook_id = ${codebook.id}`,
      )
    ).map((row) => [row.municipality_code, row.theme_ids.map(Number)]),
  );
  const final = await readFinalThemes(executor, codebook.id);
  const entries = await readAllEntries(executor, user, roundId, key);
  const salt = loaded.round.answerKeySalt;
  const disagreements: Disagreement[] = [];
  for (const code of differing) {
    const answer = entries.get(computeAnswerId(salt, key, code));
    // An answer the viewer may not read (withheld, or emptied since) is counted, not listed.
    if (!answer) continue;
    disagreements.push({
      answer,
      themesA: codingsA.get(code) ?? [],
      themesB: codingsB.get(code) ?? [],
      settled: settlements.get(code) ?? null,
      final: final.get(code) ?? [],
    });
  }
  return {
    ...empty,
    coders,
    pair: chosen,
    common: common.length,
    observedAgreement,
    themes,
    disagreements,
  };
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

/** The pair with the most answers in common; ties go to the coders listed first. */
function choosePair(
  coders: readonly Coder[],
  byCoder: ReadonlyMap<number, ReadonlyMap<string, number[]>>,
): { a: Coder; b: Coder } | null {
  let best: { a: Coder; b: Coder; common: number } | null = null;
  for (let i = 0; i < coders.length; i += 1) {
    for (let j = i + 1; j < coders.length; j += 1) {
      const a = coders[i] as Coder;
      const b = coders[j] as Coder;
      const codesB = byCoder.get(b.id);
      const common = [...(byCoder.get(a.id)?.keys() ?? [])].filter((c) => codesB?.has(c)).length;
      if (!best || common > best.common) best = { a, b, common };
    }
  }
  return best ? { a: best.a, b: best.b } : null;
}

function checkPair(
  coders: readonly Coder[],
  pair: { readonly a: number; readonly b: number },
): { a: Coder; b: Coder } {
  if (pair.a === pair.b) {
    throw new UserInputError('Kies twee verschillende codeurs om te vergelijken.');
  }
  const a = coders.find((c) => c.id === pair.a);
  const b = coders.find((c) => c.id === pair.b);
  if (!a || !b) {
    throw new UserInputError(
      'Een van de gekozen codeurs heeft deze vraag niet gecodeerd. Kies uit de codeurs in de lijst.',
    );
  }
  return { a, b };
}

/** Every answer of the question as the viewer may read it, by pseudonym. */
export async function readAllEntries(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
): Promise<Map<string, OpenAnswerEntry>> {
  const entries = new Map<string, OpenAnswerEntry>();
  for (let page = 1; ; page += 1) {
    const result = await readOpenAnswers(executor, user, roundId, key, {
      filter: EMPTY_FILTER,
      band: null,
      search: '',
      page,
      pageSize: MAX_PAGE_SIZE,
    });
    for (const answer of result.answers) entries.set(answer.id, answer);
    if (page >= result.pageCount) break;
  }
  return entries;
}
