/**
 * Checks every row of an answer file against the round's instrument and register and turns
 * it into a value to store. All problems are collected, each with its line number and a
 * Dutch reason that says what to fix.
 */
import { getQuestionnaire, type Instrument, type Item } from '../../domain/instrument.ts';
import { normalizeMunicipalityCode } from '../../domain/register.ts';
import type { AnswerKey, AnswerValue } from '../../db/repositories/answer-repository.ts';
import { MAX_LISTED_ERRORS, shortenValue as q } from './import-limits.ts';
import { ANSWER_COLUMNS, type RawAnswerRow } from './read-answer-file.ts';

/** What the validator needs to know about a round. */
export interface RoundContext {
  readonly id: string;
  readonly instrument: Instrument;
  readonly registerName: string;
  /** The register's id ('2009', '2025'), named in the message for an unknown code. */
  readonly registerId?: string;
  readonly municipalityCodes: ReadonlySet<string>;
  /** Synthetic rounds (demo, benchmark) take no imported data. */
  readonly synthetic: boolean;
}

export interface RowError {
  readonly line: number;
  readonly message: string;
}

export interface ValidatedRound {
  readonly roundId: string;
  /** Non-empty answers to store. */
  readonly values: AnswerValue[];
  /** Empty answers: 'not answered', so any stored answer is removed. */
  readonly clears: AnswerKey[];
}

export interface ValidationResult {
  readonly rounds: ValidatedRound[];
  /** The first MAX_LISTED_ERRORS errors. */
  readonly errors: RowError[];
  /** How many errors there are in all, also those not listed. */
  readonly errorCount: number;
}

export const ROUND_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_TEXT_LENGTH = 10_000;

/** Lowercases and strips punctuation so 'Ja, goed voor elkaar' and 'ja goed voor elkaar' match. */
function normalizeLabel(value: string): string {
  return value
    .toLowerCase()
    .replace(/[.,;:!?'"’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

type ParsedValue =
  | { ok: true; points: number | null; options: string[] | null; text: string | null }
  | { ok: false; message: string };

function parseValue(
  item: Item,
  instrument: Instrument,
  raw: string,
  questionnaire: string,
): ParsedValue {
  const where = `vraag ${item.number} (${questionnaire})`;
  switch (item.kind) {
    case 'scale': {
      const byNumber = instrument.scale.find((point) => String(point.points) === raw);
      const byLabel = instrument.scale.find(
        (point) => normalizeLabel(point.label) === normalizeLabel(raw),
      );
      const point = byNumber ?? byLabel;
      if (!point) {
        const allowed = instrument.scale
          .map((p) => `${p.points} of '${p.label.toLowerCase()}'`)
          .join(', ');
        return {
          ok: false,
          message: `antwoord '${q(raw)}' op ${where} is ongeldig. Geef ${allowed}.`,
        };
      }
      return { ok: true, points: point.points, options: null, text: null };
    }
    case 'multiple':
    case 'single': {
      const codes = [
        ...new Set(
          raw
            .split(';')
            .map((code) => code.trim().toLowerCase())
            .filter(Boolean),
        ),
      ];
      const known = new Set((item.options ?? []).map((option) => option.code));
      const unknown = codes.filter((code) => !known.has(code));
      if (unknown.length > 0) {
        const list = unknown
          .slice(0, 5)
          .map((code) => `'${q(code)}'`)
          .join(', ');
        return {
          ok: false,
          message: `${unknown.length === 1 ? 'onbekende optie' : 'onbekende opties'} ${list} bij ${where}. Geldige opties: ${[...known].join(', ')}.`,
        };
      }
      if (item.kind === 'single' && codes.length > 1) {
        return {
          ok: false,
          message: `bij ${where} hoort één optie, maar er staan er ${codes.length}: ${q(codes.join(';'))}. Kies er één.`,
        };
      }
      const order = new Map((item.options ?? []).map((option, index) => [option.code, index]));
      codes.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      return { ok: true, points: null, options: codes, text: null };
    }
    case 'open': {
      if (raw.length > MAX_TEXT_LENGTH) {
        return {
          ok: false,
          message: `het antwoord op ${where} is ${raw.length} tekens lang; het maximum is ${MAX_TEXT_LENGTH}. Kort het in.`,
        };
      }
      return { ok: true, points: null, options: null, text: raw };
    }
  }
}

function describeValue(value: Pick<AnswerValue, 'points' | 'options' | 'text'>): string {
  if (value.points !== null) return String(value.points);
  if (value.options !== null) return value.options.join(';');
  return `'${q((value.text ?? '').slice(0, 40))}'`;
}

/**
 * Validates raw rows. `roundOverride` is the --round option: rows must then name that round
 * (or leave 'meting' empty).
 */
export function validateAnswerRows(
  rows: readonly RawAnswerRow[],
  resolveRound: (id: string) => RoundContext,
  roundOverride?: string,
): ValidationResult {
  const errors: RowError[] = [];
  let errorCount = 0;
  const byRound = new Map<string, ValidatedRound>();
  const seen = new Map<string, { line: number; value: AnswerValue | null }>();

  for (const { line, values, problem } of rows) {
    // Past the first MAX_LISTED_ERRORS only the count grows: a file of a million bad rows
    // must not build a million messages.
    const fail = (message: string) => {
      errorCount += 1;
      if (errors.length < MAX_LISTED_ERRORS) errors.push({ line, message });
    };
    if (problem) {
      fail(problem);
      continue;
    }
    // PostgreSQL cannot store a NUL character in text; saying so here keeps the database's
    // own error (with its SQL) out of the message.
    const withNul = ANSWER_COLUMNS.find((column) => values[column].includes('\u0000'));
    if (withNul) {
      fail(
        `de kolom '${withNul}' bevat een NUL-teken (een onzichtbaar teken dat niet in tekst hoort). Verwijder het en probeer het opnieuw.`,
      );
      continue;
    }
    const roundId = values.meting || roundOverride || '';
    if (!roundId) {
      fail("de kolom 'meting' is leeg. Vul de meting in (bijvoorbeeld 2009) of geef --round op.");
      continue;
    }
    if (roundOverride && values.meting && values.meting !== roundOverride) {
      fail(
        `meting '${q(values.meting)}' wijkt af van --round ${roundOverride}. Pas de kolom 'meting' aan of laat --round weg.`,
      );
      continue;
    }
    if (!ROUND_ID_PATTERN.test(roundId)) {
      fail(
        `meting '${q(roundId)}' is geen geldige naam. Gebruik letters, cijfers, '.', '_' of '-' (bijvoorbeeld 2009).`,
      );
      continue;
    }
    const round = resolveRound(roundId);
    if (round.synthetic) {
      fail(
        `meting '${roundId}' is een synthetische demonstratiemeting en neemt geen geïmporteerde antwoorden aan. Kies een andere meting.`,
      );
      continue;
    }

    const code = normalizeMunicipalityCode(values.gemeentecode);
    if (code === null) {
      fail(
        `gemeentecode '${q(values.gemeentecode)}' is geen CBS-code. Gebruik bijvoorbeeld GM0363 of 0363.`,
      );
    } else if (!round.municipalityCodes.has(code)) {
      fail(
        `onbekende gemeente '${q(values.gemeentecode)}': gemeentecode ${code} staat niet in het register '${round.registerName}'${round.registerId ? ` (${round.registerId})` : ''} van meting '${roundId}'. Controleer de code; een gemeente uit een ander register hoort in een meting op dat register.`,
      );
    }

    const questionnaireId = values.vragenlijst.toLowerCase();
    const questionnaire = round.instrument.questionnaires.find((q) => q.id === questionnaireId);
    if (!questionnaire) {
      const ids = round.instrument.questionnaires.map((q) => `'${q.id}'`).join(' of ');
      fail(`onbekende vragenlijst '${q(values.vragenlijst)}'. Kies ${ids}.`);
      continue;
    }
    const count = getQuestionnaire(round.instrument, questionnaire.id).items.length;
    const number = /^\d+$/.test(values.vraag) ? Number(values.vraag) : NaN;
    const item = questionnaire.items.find((candidate) => candidate.number === number);
    if (!item) {
      fail(
        `onbekende vraag '${q(values.vraag)}' in vragenlijst '${questionnaire.id}'. Geef een vraagnummer van 1 tot en met ${count}.`,
      );
      continue;
    }
    if (code === null || !round.municipalityCodes.has(code)) continue;

    let value: AnswerValue | null = null;
    if (values.antwoord !== '') {
      const parsed = parseValue(item, round.instrument, values.antwoord, questionnaire.id);
      if (!parsed.ok) {
        fail(parsed.message);
        continue;
      }
      value = {
        municipalityCode: code,
        questionnaire: questionnaire.id,
        question: item.number,
        points: parsed.points,
        options: parsed.options,
        text: parsed.text,
      };
    }

    const key = `${roundId}\u0000${code}\u0000${questionnaire.id}\u0000${item.number}`;
    const earlier = seen.get(key);
    if (earlier) {
      const same =
        (earlier.value === null && value === null) ||
        (earlier.value !== null &&
          value !== null &&
          describeValue(earlier.value) === describeValue(value));
      if (!same) {
        fail(
          `vraag ${item.number} (${questionnaire.id}) van gemeente GM${code} staat ook op regel ${earlier.line}, met een ander antwoord ` +
            `(${earlier.value ? describeValue(earlier.value) : 'leeg'} tegenover ${value ? describeValue(value) : 'leeg'}). Houd één antwoord over.`,
        );
      }
      continue;
    }
    seen.set(key, { line, value });

    let target = byRound.get(roundId);
    if (!target) {
      target = { roundId, values: [], clears: [] };
      byRound.set(roundId, target);
    }
    if (value) target.values.push(value);
    else
      target.clears.push({
        municipalityCode: code,
        questionnaire: questionnaire.id,
        question: item.number,
      });
  }
  return { rounds: [...byRound.values()], errors, errorCount };
}
