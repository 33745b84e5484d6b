/**
 * Reading the open answers and notes of a round (issue 13): every answer to one open question,
 * or every note on one item, with the dashboard's filters, a band filter, Dutch full-text
 * search and paging; and one search over every open answer and note of the round.
 *
 * Who sees what (decision 028):
 * - the coordinator sees every municipality by name; an advisor those of their provinces;
 * - a municipality account sees only its own answers;
 * - everyone else's answers are anonymised (`describeOrigin`): no name and no code, the
 *   municipality's own name replaced in the text, and the province and size class only where
 *   that group holds at least five respondents. Every answer has a pseudonym (`id`) instead,
 *   derived from a secret of the round, by which it is coded and quoted.
 * - A selection of fewer than five respondents shows no anonymised answers: a filter on a
 *   small group would otherwise say whose answers they are.
 */
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { applyFilter, type AnalysisFilter } from '../../domain/analysis-filter.ts';
import type { Instrument, Item, Questionnaire } from '../../domain/instrument.ts';
import { scoreScaleVector } from '../../domain/municipality-marks.ts';
import {
  countOrigins,
  describeOrigin,
  HIGHLIGHT_START,
  HIGHLIGHT_STOP,
  redactName,
  splitHighlights,
  stripControlCharacters,
  type AnswerPart,
  type OriginCounts,
  type TextSegment,
} from '../../domain/open-answers.ts';
import { MIN_GROUP_SIZE } from '../../domain/disclosure.ts';
import {
  classifyGroup,
  classifySize,
  listProvinces,
  type GroupId,
  type Municipality,
  type SizeClassId,
} from '../../domain/register.ts';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import type { StaffUser } from '../auth-service.ts';
import { NotFoundError, UserInputError } from '../errors.ts';
import { assertCan, can } from '../permissions.ts';
import { loadRound, type LoadedRound } from '../round-service.ts';

/** One question (or one item's notes) whose free text is read: the unit of a codebook. */
export interface OpenAnswerSourceKey {
  readonly questionnaire: string;
  readonly question: number;
  readonly part: AnswerPart;
}

export interface OpenAnswerSource extends OpenAnswerSourceKey {
  readonly questionnaireName: string;
  readonly itemText: string;
  readonly itemKind: Item['kind'];
  /** The basisfunctie the item belongs to (its bands can filter), or null. */
  readonly basisfunctie: { readonly id: string; readonly name: string } | null;
}

/** The filters of the reading page: the dashboard's, and the band of the item's basisfunctie. */
export interface OpenAnswerQuery {
  readonly filter: AnalysisFilter;
  /** A band id of the instrument's scoring rule; only for items with a basisfunctie. */
  readonly band: string | null;
  /** Words to search for (PostgreSQL's web search syntax: "phrase", or, -not); '' for all. */
  readonly search: string;
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 200;

/** One answer as this viewer may see it. */
export interface OpenAnswerEntry {
  /** The answer's pseudonym: stable, and meaningless without the round's secret. */
  readonly id: string;
  /** The municipality, only when the viewer may see it by name. */
  readonly municipality: { readonly code: string; readonly name: string } | null;
  /** The municipality's name, or the anonymised description. */
  readonly origin: string;
  readonly provinceCode: string | null;
  readonly provinceName: string | null;
  readonly sizeClass: SizeClassId | null;
  /** G4, G27 or overig: only for a municipality shown by name. */
  readonly group: GroupId | null;
  /** The band of the item's basisfunctie for this municipality, or null (none, or no mark). */
  readonly band: { readonly id: string; readonly label: string } | null;
  /** The text as the viewer may read it (the own name replaced when anonymised). */
  readonly text: string;
  /** The text in pieces, with the search words marked. */
  readonly segments: readonly TextSegment[];
  /** The themes it was coded with (the settled coding, or else the first coder's). */
  readonly themes: readonly { readonly id: number; readonly name: string }[];
  /** Whether it is marked as a quote for the national report. */
  readonly quote: boolean;
}

export interface OpenAnswerPage {
  readonly round: { readonly id: string; readonly name: string; readonly synthetic: boolean };
  readonly source: OpenAnswerSource;
  readonly query: OpenAnswerQuery;
  /** The bands the band filter offers (empty for an item without a basisfunctie). */
  readonly bands: readonly { readonly id: string; readonly label: string }[];
  /** The provinces of the round's register, for the filter form. */
  readonly provinces: readonly { readonly code: string; readonly name: string }[];
  /** Respondents of the questionnaire in the selection (filters, not search). */
  readonly respondents: number;
  /** Answers that match, before paging (withheld ones not counted). */
  readonly total: number;
  readonly pageCount: number;
  readonly answers: readonly OpenAnswerEntry[];
  /** Anonymised answers not shown because the selection is under five respondents. */
  readonly withheld: number;
  /** Which municipalities the viewer sees by name. */
  readonly namedScope: 'all' | 'province' | 'own' | 'none';
  /** The codebook of this question, if there is one. */
  readonly codebook: { readonly id: number; readonly themes: number } | null;
}

const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;

/**
 * The pseudonym of an answer: a hash of the round's secret and the answer's place. Different for
 * every question, so answers cannot be linked across questions by it.
 */
export function computeAnswerId(
  salt: string,
  key: OpenAnswerSourceKey,
  municipalityCode: string,
): string {
  return createHash('sha256')
    .update(`${salt}|${key.questionnaire}|${key.question}|${key.part}|${municipalityCode}`)
    .digest('hex')
    .slice(0, 16);
}

/**
 * The municipality behind a pseudonym, for the services that code or quote by it.
 *
 * @throws {NotFoundError} when no municipality of the register has this pseudonym
 */
export function resolveAnswerId(
  loaded: LoadedRound,
  key: OpenAnswerSourceKey,
  id: string,
): Municipality {
  const found = loaded.municipalities.find(
    (m) => computeAnswerId(loaded.round.answerKeySalt, key, m.code) === id,
  );
  if (!found) {
    throw new NotFoundError(
      `Het antwoord '${id}' bestaat niet bij deze vraag. Open de vraag opnieuw en kies het antwoord uit de lijst.`,
    );
  }
  return found;
}

/**
 * Finds the question a source is about.
 *
 * @throws {NotFoundError} for an unknown questionnaire or question, or the open answers of an
 *   item that is not an open question (its notes can be read)
 */
export function resolveSource(
  instrument: Instrument,
  key: OpenAnswerSourceKey,
): { questionnaire: Questionnaire; item: Item; source: OpenAnswerSource } {
  const questionnaire = instrument.questionnaires.find((q) => q.id === key.questionnaire);
  if (!questionnaire) {
    throw new NotFoundError(
      `De vragenlijst '${key.questionnaire}' bestaat niet. Kies uit: ${instrument.questionnaires.map((q) => q.id).join(', ')}.`,
    );
  }
  const item = questionnaire.items.find((i) => i.number === key.question);
  if (!item) {
    throw new NotFoundError(
      `Vraag ${key.question} bestaat niet in de vragenlijst ${questionnaire.name}; die heeft vragen 1 tot en met ${questionnaire.items.length}.`,
    );
  }
  if (key.part === 'text' && item.kind !== 'open') {
    throw new NotFoundError(
      `Vraag ${key.question} van ${questionnaire.name} is geen open vraag. U kunt wel de toelichtingen bij deze vraag lezen.`,
    );
  }
  const basisfunctie = questionnaire.basisfuncties.find((b) => b.id === item.basisfunctie);
  return {
    questionnaire,
    item,
    source: {
      ...key,
      questionnaireName: questionnaire.name,
      itemText: item.text,
      itemKind: item.kind,
      basisfunctie: basisfunctie ? { id: basisfunctie.id, name: basisfunctie.name } : null,
    },
  };
}

/** How the viewer sees a municipality: by name, or anonymised. */
function seesByName(user: StaffUser, municipality: Municipality): boolean {
  return user.role === 'municipality'
    ? user.municipalityCode === municipality.code
    : can(user, 'analysis.namedMunicipalities', municipality);
}

function namedScopeOf(user: StaffUser): OpenAnswerPage['namedScope'] {
  if (user.role === 'municipality') return 'own';
  if (can(user, 'analysis.namedMunicipalities')) return 'all';
  return user.role === 'advisor' ? 'province' : 'none';
}

export interface Respondent {
  readonly municipality: Municipality;
  readonly sizeClass: SizeClassId;
  readonly scaleVector: string;
}

/** The respondents of a questionnaire (at least one answer), with their scale answers. */
export async function readRespondents(
  executor: Executor,
  loaded: LoadedRound,
  questionnaire: string,
): Promise<Map<string, Respondent>> {
  return (
    (await readAllRespondents(executor, loaded, [questionnaire])).get(questionnaire) ?? new Map()
  );
}

/** The groups the anonymisation rule measures, over a questionnaire's respondents. */
export function countRespondentOrigins(respondents: ReadonlyMap<string, Respondent>): OriginCounts {
  return countOrigins(
    [...respondents.values()].map((r) => ({
      provinceCode: r.municipality.provinceCode,
      sizeClass: r.sizeClass,
    })),
  );
}

/**
 * The respondents of several questionnaires in one query (the round search reads both), per
 * questionnaire.
 */
export async function readAllRespondents(
  executor: Executor,
  loaded: LoadedRound,
  questionnaires: readonly string[],
): Promise<Map<string, Map<string, Respondent>>> {
  const result = new Map<string, Map<string, Respondent>>(
    questionnaires.map((q) => [q, new Map<string, Respondent>()]),
  );
  if (questionnaires.length === 0) return result;
  // One row holding every respondent as JSON: on PGlite each row of a result costs more
  // than the whole array parsed at once.
  const [aggregate] = await queryRows<{ rows: string | null }>(
    executor,
    sql`select json_agg(json_build_array(questionnaire, municipality_code, scale_vector))::text
               as rows
        from responses
        where round_id = ${loaded.round.id} and answer_count > 0
          and questionnaire in (${sql.join(
            questionnaires.map((q) => sql`${q}`),
            sql`, `,
          )})`,
  );
  const rows = (JSON.parse(aggregate?.rows ?? '[]') as [string, string, string][]).map(
    ([questionnaire, code, vector]) => ({
      questionnaire,
      municipality_code: code,
      scale_vector: vector,
    }),
  );
  const byCode = new Map(loaded.municipalities.map((m) => [m.code, m]));
  for (const row of rows) {
    const municipality = byCode.get(row.municipality_code);
    if (!municipality) continue;
    result.get(row.questionnaire)?.set(municipality.code, {
      municipality,
      sizeClass: classifySize(municipality.population),
      scaleVector: row.scale_vector,
    });
  }
  return result;
}

/** The column of a part, and of its full-text document. */
function columnsOf(part: AnswerPart): { value: SQL; document: SQL } {
  return part === 'text'
    ? { value: sql.raw('a.text'), document: sql.raw('a.text_search') }
    : { value: sql.raw('a.note'), document: sql.raw('a.note_search') };
}

const searchQuery = (search: string) => sql`websearch_to_tsquery('dutch', ${search})`;

/**
 * Marks the search words in texts, in one statement. Texts are highlighted as the viewer reads
 * them (with the own name replaced), and only those still matching count as a match.
 */
async function highlightTexts(
  executor: Executor,
  texts: readonly string[],
  search: string,
): Promise<{ marked: string; match: boolean }[]> {
  if (texts.length === 0) return [];
  const rows = await queryRows<{ ord: number | string; marked: string; match: boolean }>(
    executor,
    sql`select x.ord,
               ts_headline('dutch', x.t, ${searchQuery(search)}, ${HEADLINE_OPTIONS}) as marked,
               to_tsvector('dutch', x.t) @@ ${searchQuery(search)} as match
        from jsonb_array_elements_text(${JSON.stringify(texts)}::jsonb) with ordinality as x(t, ord)
        order by x.ord`,
  );
  return rows.map((row) => ({ marked: row.marked, match: row.match }));
}

const textKey = (key: OpenAnswerSourceKey, code: string) =>
  `${key.questionnaire}|${key.question}|${key.part}|${code}`;

/** The stored texts of some answers (one part each), in one query, by `textKey`. */
async function readTexts(
  executor: Executor,
  roundId: string,
  wanted: readonly { key: OpenAnswerSourceKey; respondent: { municipality: Municipality } }[],
): Promise<Map<string, string>> {
  if (wanted.length === 0) return new Map();
  const keys = wanted.map((w) => ({
    code: w.respondent.municipality.code,
    questionnaire: w.key.questionnaire,
    question: w.key.question,
    part: w.key.part,
  }));
  const rows = await queryRows<{
    municipality_code: string;
    questionnaire: string;
    question: number;
    part: AnswerPart;
    value: string | null;
  }>(
    executor,
    sql`select a.municipality_code, a.questionnaire, a.question, k.part,
               case when k.part = 'text' then a.text else a.note end as value
        from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb)
               as k(code text, questionnaire text, question int, part text)
        join answers a on a.round_id = ${roundId} and a.municipality_code = k.code
          and a.questionnaire = k.questionnaire and a.question = k.question`,
  );
  return new Map(
    rows.map((row) => [
      textKey(
        { questionnaire: row.questionnaire, question: Number(row.question), part: row.part },
        row.municipality_code,
      ),
      row.value ?? '',
    ]),
  );
}

/** Whether a search has words the Dutch configuration keeps (not only stop words). */
async function isSearchable(executor: Executor, search: string): Promise<boolean> {
  const [row] = await queryRows<{ words: string }>(
    executor,
    sql`select ${searchQuery(search)}::text as words`,
  );
  return (row?.words ?? '') !== '';
}

/** The final coding of each answer of a source: settled, or else the first coder's. */
export async function readFinalThemes(
  executor: Executor,
  codebookId: number,
): Promise<Map<string, number[]>> {
  const rows = await queryRows<{ municipality_code: string; theme_ids: number[] }>(
    executor,
    sql`select distinct on (municipality_code) municipality_code, theme_ids from (
          select municipality_code, theme_ids, 0 as rank, settled_at as at
          from answer_settlements where codebook_id = ${codebookId}
          union all
          select municipality_code, theme_ids, 1 as rank, coded_at as at
          from answer_codings where codebook_id = ${codebookId}
        ) c
        order by municipality_code, rank, at, theme_ids`,
  );
  return new Map(rows.map((row) => [row.municipality_code, row.theme_ids.map(Number)]));
}

async function readCodebook(
  executor: Executor,
  roundId: string,
  key: OpenAnswerSourceKey,
): Promise<{ id: number; themes: Map<number, string>; order: number[] } | null> {
  const rows = await queryRows<{ id: number; theme_id: number | null; name: string | null }>(
    executor,
    sql`select c.id, t.id as theme_id, t.name from codebooks c
        left join codebook_themes t on t.codebook_id = c.id
        where c.round_id = ${roundId} and c.questionnaire = ${key.questionnaire}
          and c.question = ${key.question} and c.part = ${key.part}
        order by t.position, t.id`,
  );
  const first = rows[0];
  if (!first) return null;
  const themes = new Map<number, string>();
  for (const row of rows) if (row.theme_id !== null) themes.set(row.theme_id, row.name ?? '');
  return { id: Number(first.id), themes, order: [...themes.keys()] };
}

/** The final themes of one answer, in the codebook's order. */
function themesOf(
  codebook: { themes: Map<number, string>; order: number[] } | null,
  finalThemes: ReadonlyMap<string, readonly number[]>,
  municipalityCode: string,
): { id: number; name: string }[] {
  if (!codebook) return [];
  return (finalThemes.get(municipalityCode) ?? [])
    .filter((id) => codebook.themes.has(id))
    .sort((a, b) => codebook.order.indexOf(a) - codebook.order.indexOf(b))
    .map((id) => ({ id, name: codebook.themes.get(id) ?? '' }));
}

async function readQuotedCodes(
  executor: Executor,
  roundId: string,
  key: OpenAnswerSourceKey,
): Promise<Set<string>> {
  const rows = await queryRows<{ municipality_code: string }>(
    executor,
    sql`select municipality_code from answer_quotes
        where round_id = ${roundId} and questionnaire = ${key.questionnaire}
          and question = ${key.question} and part = ${key.part}`,
  );
  return new Set(rows.map((row) => row.municipality_code));
}

/**
 * Checks the page and the page size.
 *
 * @throws {UserInputError} for a page below 1 or a page size outside 1–`MAX_PAGE_SIZE`
 */
function checkPaging(query: Pick<OpenAnswerQuery, 'page' | 'pageSize'>): void {
  if (!Number.isInteger(query.page) || query.page < 1) {
    throw new UserInputError(`Pagina ${query.page} bestaat niet; de eerste pagina is 1.`);
  }
  if (!Number.isInteger(query.pageSize) || query.pageSize < 1 || query.pageSize > MAX_PAGE_SIZE) {
    throw new UserInputError(
      `Kies een paginagrootte van 1 tot en met ${MAX_PAGE_SIZE} antwoorden.`,
    );
  }
}

/**
 * Checks the query and reads the band filter.
 *
 * @throws {UserInputError} for a band the scoring rule does not have, a band filter on an
 *   item without a basisfunctie, or a page or page size out of range
 */
function checkQuery(instrument: Instrument, source: OpenAnswerSource, query: OpenAnswerQuery) {
  checkPaging(query);
  if (query.band === null) return;
  if (!source.basisfunctie) {
    throw new UserInputError(
      'Deze vraag hoort niet bij een basisfunctie, dus er is geen cijfer om op te filteren. Laat het filter op de score leeg.',
    );
  }
  const bands = instrument.scoring.bands;
  if (!bands.some((band) => band.id === query.band)) {
    throw new UserInputError(
      `De score '${query.band}' bestaat niet. Kies uit: ${bands.map((b) => `${b.id} (${b.label})`).join(', ')}.`,
    );
  }
}

/** The band of a respondent's mark for a basisfunctie of the questionnaire, or null. */
function bandOf(
  instrument: Instrument,
  questionnaire: Questionnaire,
  basisfunctieId: string | undefined,
  scaleVector: string,
): { id: string; label: string } | null {
  if (!basisfunctieId) return null;
  const index = questionnaire.basisfuncties.findIndex((b) => b.id === basisfunctieId);
  const mark = scoreScaleVector(instrument, questionnaire, scaleVector).marks[index];
  return mark && mark.status === 'scored' ? { id: mark.band.id, label: mark.band.label } : null;
}

interface Candidate {
  readonly respondent: Respondent;
  readonly text: string;
  readonly rank: number;
  readonly named: boolean;
  readonly id: string;
  readonly band: { id: string; label: string } | null;
}

/**
 * Every answer to one open question (or every note on one item) as the viewer may read it,
 * filtered, searched and paged.
 *
 * @throws {ForbiddenError} when the role may not read open answers
 * @throws {NotFoundError} for an unknown round, questionnaire or question
 * @throws {UserInputError} for an invalid band, page or page size
 */
export async function readOpenAnswers(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
  query: OpenAnswerQuery,
): Promise<OpenAnswerPage> {
  assertCan(user, 'openAnswers.read');
  const loaded = await loadRound(executor, roundId);
  const { questionnaire, source } = resolveSource(loaded.instrument, key);
  checkQuery(loaded.instrument, source, query);
  const search = query.search.trim();
  const searching = search !== '' && (await isSearchable(executor, search));
  const respondents = await readRespondents(executor, loaded, key.questionnaire);

  const { value, document } = columnsOf(key.part);
  const rows = await queryRows<{ municipality_code: string; value: string; rank: number | null }>(
    executor,
    sql`select a.municipality_code, ${value} as value,
               ${searching ? sql`ts_rank(${document}, ${searchQuery(search)})` : sql`null`} as rank
        from answers a
        where a.round_id = ${roundId} and a.questionnaire = ${key.questionnaire}
          and a.question = ${key.question} and coalesce(trim(${value}), '') <> ''
          ${searching ? sql`and ${document} @@ ${searchQuery(search)}` : sql``}`,
  );

  // The selection: the respondents that pass the filters (search aside).
  const selected = new Map<string, Respondent>();
  const filtered = applyFilter(
    [...respondents.values()].map((r) => r.municipality),
    query.filter,
  );
  for (const municipality of filtered) {
    const respondent = respondents.get(municipality.code);
    if (!respondent) continue;
    if (query.band !== null) {
      const band = bandOf(
        loaded.instrument,
        questionnaire,
        source.basisfunctie?.id,
        respondent.scaleVector,
      );
      if (band?.id !== query.band) continue;
    }
    selected.set(municipality.code, respondent);
  }
  if (user.role === 'municipality') {
    for (const code of selected.keys()) if (code !== user.municipalityCode) selected.delete(code);
  }

  const salt = loaded.round.answerKeySalt;
  // The band of a respondent, scored once and only when needed: for the band filter above, or
  // for the answers of the page below.
  const bands = new Map<string, Candidate['band']>();
  const bandFor = (respondent: Respondent) => {
    const code = respondent.municipality.code;
    if (!bands.has(code)) {
      bands.set(
        code,
        bandOf(loaded.instrument, questionnaire, source.basisfunctie?.id, respondent.scaleVector),
      );
    }
    return bands.get(code) ?? null;
  };
  let candidates: Candidate[] = [];
  for (const row of rows) {
    const respondent = selected.get(row.municipality_code);
    if (!respondent) continue;
    const named = seesByName(user, respondent.municipality);
    const clean = stripControlCharacters(row.value);
    candidates.push({
      respondent,
      text: named ? clean : redactName(clean, respondent.municipality.name),
      rank: Number(row.rank ?? 0),
      named,
      id: computeAnswerId(salt, key, respondent.municipality.code),
      band: null,
    });
  }

  // A small selection shows no anonymised answers (a municipality's own answer is named).
  let withheld = 0;
  if (selected.size < MIN_GROUP_SIZE) {
    withheld = candidates.filter((c) => !c.named).length;
    candidates = candidates.filter((c) => c.named);
  }

  // A search must still match the text as the viewer reads it: an analyst who searches for a
  // municipality's name must not find its answers through the name that was replaced. Only the
  // texts whose name was replaced can have changed.
  if (searching) {
    const changed = candidates.filter((c) => !c.named && c.text.includes('[gemeente]'));
    if (changed.length > 0) {
      const rechecked = await highlightTexts(
        executor,
        changed.map((c) => c.text),
        search,
      );
      const dropped = new Set(changed.filter((_, i) => !rechecked[i]?.match));
      candidates = candidates.filter((c) => !dropped.has(c));
    }
  }

  const allNamed = candidates.every((c) => c.named);
  candidates.sort(
    (a, b) =>
      b.rank - a.rank ||
      (allNamed
        ? a.respondent.municipality.name.localeCompare(b.respondent.municipality.name, 'nl')
        : Number(b.named) - Number(a.named) ||
          (a.named && b.named
            ? a.respondent.municipality.name.localeCompare(b.respondent.municipality.name, 'nl')
            : a.id.localeCompare(b.id))),
  );

  const total = candidates.length;
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const pageItems = candidates
    .slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
    .map((candidate) => ({ ...candidate, band: bandFor(candidate.respondent) }));
  const marked = new Map<Candidate, string>();
  if (searching) {
    const highlighted = await highlightTexts(
      executor,
      pageItems.map((c) => c.text),
      search,
    );
    pageItems.forEach((c, i) => marked.set(c, highlighted[i]?.marked ?? c.text));
  }

  const counts = countRespondentOrigins(respondents);
  const codebook = await readCodebook(executor, roundId, key);
  const finalThemes = codebook ? await readFinalThemes(executor, codebook.id) : new Map();
  const quoted = await readQuotedCodes(executor, roundId, key);

  const answers = pageItems.map((candidate) =>
    toEntry(candidate, marked.get(candidate) ?? candidate.text, counts, {
      themes: themesOf(codebook, finalThemes, candidate.respondent.municipality.code),
      quote: quoted.has(candidate.respondent.municipality.code),
    }),
  );

  return {
    round: { id: loaded.round.id, name: loaded.round.name, synthetic: loaded.round.synthetic },
    source,
    query: { ...query, search },
    bands: source.basisfunctie
      ? loaded.instrument.scoring.bands.map((b) => ({ id: b.id, label: b.label }))
      : [],
    provinces: listProvinces(loaded.municipalities),
    respondents: selected.size,
    total,
    pageCount,
    answers,
    withheld,
    namedScope: namedScopeOf(user),
    codebook: codebook ? { id: codebook.id, themes: codebook.themes.size } : null,
  };
}

function toEntry(
  candidate: Candidate,
  marked: string,
  counts: OriginCounts,
  extra: Pick<OpenAnswerEntry, 'themes' | 'quote'>,
): OpenAnswerEntry {
  const { municipality, sizeClass } = candidate.respondent;
  const common = {
    id: candidate.id,
    band: candidate.band,
    text: candidate.text,
    segments: splitHighlights(marked),
    ...extra,
  };
  if (candidate.named) {
    return {
      ...common,
      municipality: { code: municipality.code, name: municipality.name },
      origin: municipality.name,
      provinceCode: municipality.provinceCode,
      provinceName: municipality.provinceName,
      sizeClass,
      group: classifyGroup(municipality),
    };
  }
  const origin = describeOrigin(
    { provinceCode: municipality.provinceCode, sizeClass },
    municipality.provinceName,
    counts,
  );
  return {
    ...common,
    municipality: null,
    origin: origin.label,
    provinceCode: origin.provinceCode,
    provinceName: origin.provinceCode ? municipality.provinceName : null,
    sizeClass: origin.sizeClass,
    group: null,
  };
}

/** One question or item with free text in the round. */
export interface OpenAnswerSourceSummary extends OpenAnswerSource {
  /** Respondents who wrote something in this part (the viewer's own only, for a municipality). */
  readonly answers: number;
  readonly codebook: { readonly id: number; readonly themes: number } | null;
}

/**
 * The open questions and the items with notes of a round, per questionnaire: the overview of
 * what there is to read. Open questions are listed even when nobody answered them; items only
 * when they carry at least one note.
 *
 * @throws {ForbiddenError} when the role may not read open answers
 * @throws {NotFoundError} for an unknown round
 */
export async function listOpenAnswerSources(
  executor: Executor,
  user: StaffUser,
  roundId: string,
): Promise<{
  round: OpenAnswerPage['round'];
  questionnaires: { id: string; name: string; sources: OpenAnswerSourceSummary[] }[];
}> {
  assertCan(user, 'openAnswers.read');
  const loaded = await loadRound(executor, roundId);
  const own = user.role === 'municipality' ? (user.municipalityCode ?? '') : null;
  const counts = await queryRows<{
    questionnaire: string;
    question: number;
    texts: number | string;
    notes: number | string;
  }>(
    executor,
    sql`select questionnaire, question,
               count(*) filter (where coalesce(trim(text), '') <> '') as texts,
               count(*) filter (where coalesce(trim(note), '') <> '') as notes
        from answers
        where round_id = ${roundId} ${own !== null ? sql`and municipality_code = ${own}` : sql``}
        group by questionnaire, question`,
  );
  const codebookRows = await queryRows<{
    id: number;
    questionnaire: string;
    question: number;
    part: AnswerPart;
    themes: number | string;
  }>(
    executor,
    sql`select c.id, c.questionnaire, c.question, c.part,
               (select count(*) from codebook_themes t where t.codebook_id = c.id) as themes
        from codebooks c where c.round_id = ${roundId}`,
  );
  const count = (questionnaire: string, question: number, part: AnswerPart) => {
    const row = counts.find(
      (r) => r.questionnaire === questionnaire && Number(r.question) === question,
    );
    return row ? Number(part === 'text' ? row.texts : row.notes) : 0;
  };
  const codebookOf = (questionnaire: string, question: number, part: AnswerPart) => {
    const row = codebookRows.find(
      (r) =>
        r.questionnaire === questionnaire && Number(r.question) === question && r.part === part,
    );
    return row ? { id: Number(row.id), themes: Number(row.themes) } : null;
  };
  return {
    round: { id: loaded.round.id, name: loaded.round.name, synthetic: loaded.round.synthetic },
    questionnaires: loaded.instrument.questionnaires.map((questionnaire) => {
      const sources: OpenAnswerSourceSummary[] = [];
      for (const item of questionnaire.items) {
        for (const part of ['text', 'note'] as const) {
          if (part === 'text' && item.kind !== 'open') continue;
          const answers = count(questionnaire.id, item.number, part);
          if (part === 'note' && answers === 0) continue;
          const { source } = resolveSource(loaded.instrument, {
            questionnaire: questionnaire.id,
            question: item.number,
            part,
          });
          sources.push({
            ...source,
            answers,
            codebook: codebookOf(questionnaire.id, item.number, part),
          });
        }
      }
      return { id: questionnaire.id, name: questionnaire.name, sources };
    }),
  };
}

/** One hit of a search over the whole round. */
export interface RoundSearchHit extends OpenAnswerEntry {
  readonly source: OpenAnswerSource;
}

export interface RoundSearchResult {
  readonly round: OpenAnswerPage['round'];
  readonly search: string;
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
  readonly hits: readonly RoundSearchHit[];
  /** Anonymised hits not shown because the selection is under five respondents. */
  readonly withheld: number;
}

/**
 * Searches every open answer and every note of a round at once (Dutch stemming), best match
 * first, as the viewer may read them. The dashboard's filters narrow it; the band filter,
 * which belongs to one basisfunctie, does not apply.
 *
 * @throws {ForbiddenError} when the role may not read open answers
 * @throws {NotFoundError} for an unknown round
 * @throws {UserInputError} for an empty search, or a page or page size out of range
 */
export async function searchRoundOpenAnswers(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  query: Omit<OpenAnswerQuery, 'band'>,
): Promise<RoundSearchResult> {
  assertCan(user, 'openAnswers.read');
  const search = query.search.trim();
  if (search === '') throw new UserInputError('Vul een of meer woorden in om op te zoeken.');
  checkPaging(query);
  const loaded = await loadRound(executor, roundId);
  const own = user.role === 'municipality' ? (user.municipalityCode ?? '') : null;
  const empty: RoundSearchResult = {
    round: { id: loaded.round.id, name: loaded.round.name, synthetic: loaded.round.synthetic },
    search,
    total: 0,
    page: query.page,
    pageCount: 1,
    hits: [],
    withheld: 0,
  };
  if (!(await isSearchable(executor, search))) return empty;

  // Respondents of both questionnaires in one query, for the filter and the anonymisation rule.
  const respondentsBy = await readAllRespondents(
    executor,
    loaded,
    loaded.instrument.questionnaires.map((q) => q.id),
  );
  const countsBy = new Map<string, OriginCounts>();
  // The selection, decided here and handed to the statement: per questionnaire the respondents
  // that pass the filter, whether their answers are shown (named, or a selection of at least
  // five) and, for those read without names, the name the statement looks for in the text.
  const selection: { q: string; code: string; shown: boolean; name: string | null }[] = [];
  const named = new Map<string, boolean>();
  for (const [questionnaire, respondents] of respondentsBy) {
    countsBy.set(questionnaire, countRespondentOrigins(respondents));
    const passed = applyFilter(
      [...respondents.values()].map((r) => r.municipality),
      query.filter,
    );
    for (const municipality of passed) {
      if (own !== null && municipality.code !== own) continue;
      let byName = named.get(municipality.code);
      if (byName === undefined) {
        byName = seesByName(user, municipality);
        named.set(municipality.code, byName);
      }
      selection.push({
        q: questionnaire,
        code: municipality.code,
        shown: byName || passed.length >= MIN_GROUP_SIZE,
        name: byName ? null : municipality.name,
      });
    }
  }

  const salt = loaded.round.answerKeySalt;
  const keyOfLine = (line: string) => {
    const [code = '', questionnaire = '', question = '0', part = 't', rank = '0'] = line.split(',');
    return {
      code,
      key: {
        questionnaire,
        question: Number(question),
        part: (part === 't' ? 'text' : 'note') as AnswerPart,
      },
      rank: Number(rank),
    };
  };
  /**
   * One statement: the count of shown and withheld hits, the hits whose text holds the
   * municipality's own name (to be checked again once it is replaced), and the keys of the
   * page, best match first, ties in an order that says nothing about who wrote them (a hash of
   * the round's secret and the answer's place). Each part is read through its partial index
   * (`answers_round_texts`, `answers_round_notes`), so the round's scale answers are never
   * scanned; the lists come back as text, since
   * on PGlite each row of a result costs more than the search itself (bench/open-answers.ts).
   */
  const run = async (excluded: readonly string[]) => {
    const [row] = await queryRows<{
      total: number | string;
      withheld: number | string;
      suspects: string | null;
      page: string | null;
    }>(
      executor,
      sql`with sel as (
            select * from jsonb_to_recordset(${JSON.stringify(selection)}::jsonb)
              as s(q text, code text, shown boolean, name text)
          ), raw as (
            select municipality_code as code, questionnaire as q, question, 't' as part,
                   ts_rank(text_search, ${searchQuery(search)}) as rank, text as value
            from answers
            where round_id = ${roundId} and text is not null
              and text_search @@ ${searchQuery(search)}
            union all
            select municipality_code, questionnaire, question, 'n',
                   ts_rank(note_search, ${searchQuery(search)}), note
            from answers
            where round_id = ${roundId} and note is not null
              and note_search @@ ${searchQuery(search)}
          ), hits as (
            select r.code, r.q, r.question, r.part, r.rank, s.shown,
                   (s.name is not null and strpos(r.value, s.name) > 0) as suspect
            from raw r
            join sel s on s.q = r.q and s.code = r.code
            where true ${
              excluded.length > 0
                ? sql`and concat_ws(',', r.code, r.q, r.question, r.part) not in (${sql.join(
                    excluded.map((key) => sql`${key}`),
                    sql`, `,
                  )})`
                : sql``
            }
          )
          select (select count(*) from hits where shown) as total,
                 (select count(*) from hits where not shown) as withheld,
                 (select string_agg(concat_ws(',', code, q, question, part), ';')
                    from hits where shown and suspect) as suspects,
                 (select string_agg(concat_ws(',', code, q, question, part, rank), ';')
                    from (select * from hits where shown
                          order by rank desc, q collate "C", question, part collate "C",
                                   hashtext(${salt} || code || q || question || part)
                          limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}) p)
                   as page`,
    );
    return row;
  };

  let result = await run([]);
  // A search must still match the text as the viewer reads it: an analyst who searches for a
  // municipality's name must not find its answers through the name that was replaced. Only the
  // texts that held the name can have changed; those that no longer match are left out.
  const suspects = (result?.suspects ? result.suspects.split(';') : []).map((line) => ({
    line,
    ...keyOfLine(line),
  }));
  if (suspects.length > 0) {
    const respondentOf = (s: { code: string; key: OpenAnswerSourceKey }) =>
      respondentsBy.get(s.key.questionnaire)?.get(s.code);
    const texts = await readTexts(
      executor,
      roundId,
      suspects.flatMap((s) => {
        const respondent = respondentOf(s);
        return respondent ? [{ key: s.key, respondent }] : [];
      }),
    );
    const redacted = suspects.map((s) =>
      redactName(
        stripControlCharacters(texts.get(textKey(s.key, s.code)) ?? ''),
        respondentOf(s)?.municipality.name ?? '',
      ),
    );
    const rechecked = await highlightTexts(executor, redacted, search);
    const dropped = suspects.filter((_, i) => !rechecked[i]?.match).map((s) => s.line);
    if (dropped.length > 0) result = await run(dropped);
  }
  const total = Number(result?.total ?? 0);
  const withheld = Number(result?.withheld ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const idOf = (hit: { key: OpenAnswerSourceKey; respondent: Respondent }) =>
    computeAnswerId(salt, hit.key, hit.respondent.municipality.code);
  const pageHits = (result?.page ? result.page.split(';') : []).flatMap((line) => {
    const { code, key, rank } = keyOfLine(line);
    const respondent = respondentsBy.get(key.questionnaire)?.get(code);
    if (!respondent) return [];
    return [
      { key, respondent, rank, named: named.get(code) ?? false, text: null as string | null },
    ];
  });

  // The texts of the page only, as the viewer reads them, then marked.
  const pageTexts = await readTexts(
    executor,
    roundId,
    pageHits.filter((hit) => hit.text === null),
  );
  const readable = pageHits.map((hit) => {
    if (hit.text !== null) return hit.text;
    const clean = stripControlCharacters(
      pageTexts.get(textKey(hit.key, hit.respondent.municipality.code)) ?? '',
    );
    return hit.named ? clean : redactName(clean, hit.respondent.municipality.name);
  });
  const highlighted = await highlightTexts(executor, readable, search);
  const quoted = new Set(
    (
      await queryRows<{ key: string }>(
        executor,
        sql`select questionnaire || '|' || question || '|' || part || '|' || municipality_code as key
            from answer_quotes where round_id = ${roundId}`,
      )
    ).map((row) => row.key),
  );
  // The final themes of the page's hits, from the codebooks of the few questions they are in.
  const codings = new Map<
    string,
    { codebook: Awaited<ReturnType<typeof readCodebook>>; final: Map<string, number[]> }
  >();
  for (const hit of pageHits) {
    const sourceKey = `${hit.key.questionnaire}|${hit.key.question}|${hit.key.part}`;
    if (codings.has(sourceKey)) continue;
    const codebook = await readCodebook(executor, roundId, hit.key);
    codings.set(sourceKey, {
      codebook,
      final: codebook ? await readFinalThemes(executor, codebook.id) : new Map(),
    });
  }
  return {
    ...empty,
    total,
    pageCount,
    withheld,
    hits: pageHits.map((hit, index) => {
      const { source, questionnaire } = resolveSource(loaded.instrument, hit.key);
      const text = readable[index] ?? '';
      const candidate: Candidate = {
        respondent: hit.respondent,
        text,
        rank: hit.rank,
        named: hit.named,
        id: idOf(hit),
        band: bandOf(
          loaded.instrument,
          questionnaire,
          source.basisfunctie?.id,
          hit.respondent.scaleVector,
        ),
      };
      const entry = toEntry(
        candidate,
        highlighted[index]?.marked ?? text,
        countsBy.get(hit.key.questionnaire) ?? countOrigins([]),
        {
          themes: (() => {
            const coding = codings.get(
              `${hit.key.questionnaire}|${hit.key.question}|${hit.key.part}`,
            );
            return coding
              ? themesOf(coding.codebook, coding.final, hit.respondent.municipality.code)
              : [];
          })(),
          quote: quoted.has(
            `${hit.key.questionnaire}|${hit.key.question}|${hit.key.part}|${hit.respondent.municipality.code}`,
          ),
        },
      );
      return { ...entry, source };
    }),
  };
}
