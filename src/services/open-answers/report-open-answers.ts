/**
 * The open answers in the national report (issue 13, decision 030): per codebook of the round
 * the number of answers per theme, and the answers marked as quotes, each with where it comes
 * from in the anonymised words of `describeOrigin` ('een gemeente in Gelderland met
 * 20.000–50.000 inwoners').
 *
 * The report is published, so the quotes are ALWAYS anonymised, whoever reads it: no name, no
 * code, the municipality's own name replaced in the text (`redactName`), and the province and
 * size class only where that group holds at least five respondents of the questionnaire.
 *
 * The quotes come from the quote service (`listReportQuotes`), which anonymises them.
 */
import { sql } from 'drizzle-orm';
import { applyFilter, EMPTY_FILTER, type AnalysisFilter } from '../../domain/analysis-filter.ts';
import { MIN_GROUP_SIZE } from '../../domain/disclosure.ts';
import type { Instrument } from '../../domain/instrument.ts';
import type { AnswerPart } from '../../domain/open-answers.ts';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import { loadRound } from '../round-service.ts';
import { readAllRespondents, readFinalThemes } from './open-answer-service.ts';
import { listReportQuotes } from './quote-service.ts';

/** A quote as the national report prints it. */
export interface ReportQuote {
  /** The text, with the municipality's own name replaced by '[gemeente]'. */
  readonly text: string;
  /** 'een gemeente in Gelderland met 20.000–50.000 inwoners', or less where groups are small. */
  readonly origin: string;
}

/** The number of answers coded with one theme. */
export interface ReportThemeCount {
  readonly name: string;
  readonly description: string;
  /** Null when withheld (fewer than five coded answers in a protected report). */
  readonly count: number | null;
  /** Of the coded answers, one decimal; null when withheld. */
  readonly percent: number | null;
}

/** One question (or one item's notes) in the report's section on the open answers. */
export interface ReportOpenAnswerSource {
  readonly questionnaire: string;
  readonly questionnaireName: string;
  readonly question: number;
  readonly part: AnswerPart;
  readonly itemText: string;
  /** The codebook's counts, or null when the question has no codebook with themes. */
  readonly codebook: {
    /** Answers with a (final) coding, in the report's selection. */
    readonly coded: number;
    /** Answers (non-empty texts) in the report's selection: `coded` of them are coded. */
    readonly answers: number;
    readonly suppressed: boolean;
    readonly themes: readonly ReportThemeCount[];
  } | null;
  readonly quotes: readonly ReportQuote[];
}

interface SourceRow {
  questionnaire: string;
  question: number;
  part: AnswerPart;
}

const keyOf = (row: SourceRow) => `${row.questionnaire}|${Number(row.question)}|${row.part}`;

function describeSource(instrument: Instrument, row: SourceRow) {
  const questionnaire = instrument.questionnaires.find((q) => q.id === row.questionnaire);
  const item = questionnaire?.items.find((i) => i.number === Number(row.question));
  return {
    questionnaire: row.questionnaire,
    questionnaireName: questionnaire?.name ?? row.questionnaire,
    question: Number(row.question),
    part: row.part,
    itemText: item?.text ?? '',
    order:
      instrument.questionnaires.findIndex((q) => q.id === row.questionnaire) * 10_000 +
      Number(row.question) * 2 +
      (row.part === 'note' ? 1 : 0),
  };
}

/**
 * The section 'Uit de open antwoorden' of the national report: every question with a codebook
 * or a quote, with the theme counts of the final codings (the settled coding, or else the first
 * coder's; decision 029) and the anonymised quotes. A `filter` narrows both to its
 * municipalities. In a protected report (`small-cells`), counts over fewer than five coded
 * answers are withheld, as the dashboard withholds small groups.
 *
 * @throws {NotFoundError} when the round does not exist
 */
export async function readReportOpenAnswers(
  executor: Executor,
  roundId: string,
  options: { filter?: AnalysisFilter; protection?: 'none' | 'small-cells' } = {},
): Promise<ReportOpenAnswerSource[]> {
  const loaded = await loadRound(executor, roundId);
  const filter = options.filter ?? EMPTY_FILTER;
  const selected = new Set(applyFilter(loaded.municipalities, filter).map((m) => m.code));
  const respondents = await readAllRespondents(
    executor,
    loaded,
    loaded.instrument.questionnaires.map((q) => q.id),
  );
  const quotes = new Map<string, ReportQuote[]>(
    (await listReportQuotes(executor, roundId, filter)).map((source) => [
      keyOf(source),
      source.quotes.map((quote) => ({ text: quote.text, origin: quote.origin })),
    ]),
  );

  const codebookRows = await queryRows<
    SourceRow & { id: number; theme_id: number; name: string; description: string }
  >(
    executor,
    sql`select c.id, c.questionnaire, c.question, c.part, t.id as theme_id, t.name, t.description
        from codebooks c join codebook_themes t on t.codebook_id = c.id
        where c.round_id = ${roundId}
        order by c.id, t.position, t.id`,
  );
  const codebooks = new Map<
    string,
    { id: number; row: SourceRow; themes: { id: number; name: string; description: string }[] }
  >();
  for (const row of codebookRows) {
    const entry = codebooks.get(keyOf(row)) ?? { id: Number(row.id), row, themes: [] };
    entry.themes.push({ id: Number(row.theme_id), name: row.name, description: row.description });
    codebooks.set(keyOf(row), entry);
  }

  const keys = new Set([...codebooks.keys(), ...quotes.keys()]);
  const sources: (ReportOpenAnswerSource & { order: number })[] = [];
  for (const key of keys) {
    const [questionnaire = '', question = '0', part = 'text'] = key.split('|');
    const row: SourceRow = { questionnaire, question: Number(question), part: part as AnswerPart };
    const { order, ...description } = describeSource(loaded.instrument, row);
    const codebook = codebooks.get(key);
    let counts: ReportOpenAnswerSource['codebook'] = null;
    if (codebook) {
      const answered = respondents.get(questionnaire) ?? new Map();
      const final = await readFinalThemes(executor, codebook.id);
      const coded = [...final.entries()].filter(
        ([code]) => selected.has(code) && answered.has(code),
      );
      const written = await queryRows<{ code: string }>(
        executor,
        sql`select municipality_code as code from answers
            where round_id = ${roundId} and questionnaire = ${questionnaire}
              and question = ${Number(question)}
              and coalesce(trim(${part === 'note' ? sql.raw('note') : sql.raw('text')}), '') <> ''`,
      );
      const answers = written.filter((row) => selected.has(row.code) && answered.has(row.code));
      const suppressed = options.protection === 'small-cells' && coded.length < MIN_GROUP_SIZE;
      counts = {
        coded: coded.length,
        answers: answers.length,
        suppressed,
        themes: codebook.themes.map((theme) => {
          const count = coded.filter(([, ids]) => ids.includes(theme.id)).length;
          return {
            name: theme.name,
            description: theme.description,
            count: suppressed ? null : count,
            percent:
              suppressed || coded.length === 0
                ? null
                : Math.round((1000 * count) / coded.length) / 10,
          };
        }),
      };
    }
    sources.push({ ...description, order, codebook: counts, quotes: quotes.get(key) ?? [] });
  }
  return sources.sort((a, b) => a.order - b.order).map(({ order: _order, ...source }) => source);
}
