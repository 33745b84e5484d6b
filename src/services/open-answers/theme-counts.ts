/**
 * How often each theme of a codebook was given (issue 13): per theme the number and the share of
 * the coded answers that have it in their final coding (settled, else the first coder's),
 * nationally and broken down by province, size class or group.
 *
 * The small-cell rule is the dashboard's (decision 015): a municipality account sees no counts
 * that rest on fewer than five coded answers, and within a breakdown the withheld groups are
 * extended (`chooseSuppressedCells`) so none can be recomputed from the national count. The
 * coordinator, advisors and analysts see every count, as on the dashboard. Counts never name a
 * municipality.
 */
import { sql } from 'drizzle-orm';
import { chooseSuppressedCells } from '../../domain/disclosure-control.ts';
import { MIN_GROUP_SIZE } from '../../domain/disclosure.ts';
import {
  classifyGroup,
  classifySize,
  GROUPS,
  listProvinces,
  SIZE_CLASSES,
  type Municipality,
} from '../../domain/register.ts';
import { percentage } from '../../domain/statistics.ts';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import type { StaffUser } from '../auth-service.ts';
import { assertCan } from '../permissions.ts';
import { findCodebook, loadSourceScope, type Codebook } from './codebook-service.ts';
import {
  readFinalThemes,
  type OpenAnswerSource,
  type OpenAnswerSourceKey,
} from './open-answer-service.ts';

export const THEME_BREAKDOWNS = ['province', 'size', 'group'] as const;
export type ThemeBreakdown = (typeof THEME_BREAKDOWNS)[number];

export const THEME_BREAKDOWN_LABELS: Readonly<Record<ThemeBreakdown, string>> = {
  province: 'Provincie',
  size: 'Grootteklasse',
  group: 'Groep (G4, G27, overig)',
};

/** The counts of one group (or the nation): `null` where withheld. */
export interface ThemeCountRow {
  readonly id: string;
  readonly label: string;
  /** Coded answers in the group (who was coded is not an answer, so it is always given). */
  readonly coded: number;
  /** Per theme of the codebook, in its order: answers with the theme, or null if withheld. */
  readonly counts: readonly (number | null)[];
  /** Per theme: 100 × count / coded, one decimal; null when withheld or nothing coded. */
  readonly percents: readonly (number | null)[];
  readonly suppressed: boolean;
}

export interface ThemeCounts {
  readonly round: { readonly id: string; readonly name: string; readonly synthetic: boolean };
  readonly source: OpenAnswerSource;
  readonly codebook: Codebook | null;
  /** Answers with text in the question. */
  readonly answers: number;
  readonly national: ThemeCountRow;
  readonly breakdown: {
    readonly kind: ThemeBreakdown;
    readonly label: string;
    readonly rows: readonly ThemeCountRow[];
  } | null;
  readonly protection: 'none' | 'small-cells';
}

/**
 * Counts the themes of a question's codebook.
 *
 * @throws {ForbiddenError} when the role may not read open answers
 * @throws {NotFoundError} for an unknown round or question
 */
export async function countThemes(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
  breakdown: ThemeBreakdown | null = null,
): Promise<ThemeCounts> {
  assertCan(user, 'openAnswers.read');
  const { loaded, source } = await loadSourceScope(executor, roundId, key);
  const codebook = await findCodebook(executor, roundId, key);
  const protection = user.role === 'municipality' ? 'small-cells' : 'none';
  const column = key.part === 'text' ? sql.raw('text') : sql.raw('note');
  const withText = new Set(
    (
      await queryRows<{ municipality_code: string }>(
        executor,
        sql`select municipality_code from answers
            where round_id = ${roundId} and questionnaire = ${key.questionnaire}
              and question = ${key.question} and coalesce(trim(${column}), '') <> ''`,
      )
    ).map((row) => row.municipality_code),
  );
  const themeIds = codebook?.themes.map((t) => t.id) ?? [];
  const final = codebook
    ? await readFinalThemes(executor, codebook.id)
    : new Map<string, number[]>();
  const coded: { municipality: Municipality; themes: readonly number[] }[] = [];
  for (const municipality of loaded.municipalities) {
    const themes = final.get(municipality.code);
    if (themes && withText.has(municipality.code)) coded.push({ municipality, themes });
  }

  const tally = (id: string, label: string, members: typeof coded): ThemeCountRow => {
    const counts = themeIds.map((t) => members.filter((m) => m.themes.includes(t)).length);
    return {
      id,
      label,
      coded: members.length,
      counts,
      percents: counts.map((count) => percentage(count, members.length)),
      suppressed: false,
    };
  };
  const withhold = (row: ThemeCountRow): ThemeCountRow => ({
    ...row,
    counts: row.counts.map(() => null),
    percents: row.percents.map(() => null),
    suppressed: true,
  });

  let national = tally('nl', 'Nederland', coded);
  if (protection === 'small-cells' && national.coded > 0 && national.coded < MIN_GROUP_SIZE) {
    national = withhold(national);
  }

  let rows: ThemeCountRow[] | null = null;
  if (breakdown === 'province') {
    rows = listProvinces(loaded.municipalities).map((p) =>
      tally(
        p.code,
        p.name,
        coded.filter((c) => c.municipality.provinceCode === p.code),
      ),
    );
  } else if (breakdown === 'size') {
    rows = SIZE_CLASSES.map((s) =>
      tally(
        s.id,
        s.label,
        coded.filter((c) => classifySize(c.municipality.population) === s.id),
      ),
    ).filter((row) => row.id !== 'onbekend' || row.coded > 0);
  } else if (breakdown === 'group') {
    rows = GROUPS.map((g) =>
      tally(
        g.id,
        g.label,
        coded.filter((c) => classifyGroup(c.municipality) === g.id),
      ),
    );
  }
  if (rows && protection === 'small-cells') {
    const withheld = new Set(
      national.suppressed
        ? rows.map((_, i) => i)
        : chooseSuppressedCells(rows.map((row) => row.coded)),
    );
    rows = rows.map((row, i) => (withheld.has(i) && row.coded > 0 ? withhold(row) : row));
  }
  return {
    round: { id: loaded.round.id, name: loaded.round.name, synthetic: loaded.round.synthetic },
    source,
    codebook,
    answers: withText.size,
    national,
    breakdown:
      breakdown && rows
        ? { kind: breakdown, label: THEME_BREAKDOWN_LABELS[breakdown], rows }
        : null,
    protection,
  };
}
