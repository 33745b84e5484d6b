/**
 * Cross-tables of any two questions of a round, for the dashboard page, its downloads, the
 * JSON API and `bfm crosstab`. Like the rest of the analysis it follows decision 015: staff
 * see every figure and may filter; municipality accounts (and the public) see the national
 * table under the small-cell rule (`protectCrossTab`) and may not filter.
 */
import { z } from 'zod';
import {
  applyFilter,
  EMPTY_FILTER,
  isFilterEmpty,
  parseFilterParams,
  type AnalysisFilter,
  type FilterProblem,
} from '../domain/analysis-filter.ts';
import {
  exposeCrossTab,
  protectCrossTab,
  type ProtectedCrossTab,
} from '../domain/crosstab-disclosure.ts';
import {
  computeQuestionCrossTab,
  findCrossTabVariable,
  listCrossTabVariables,
  type CrossTabVariable,
  type QuestionCrossTab,
} from '../domain/crosstab.ts';
import type { Executor } from '../db/client.ts';
import { readResponseVectors } from '../db/repositories/answer-repository.ts';
import { describeViewerRights, type AnalysisViewer } from './analysis-view-service.ts';
import { UserInputError } from './errors.ts';
import { assertCan } from './permissions.ts';
import { loadRound, type LoadedRound } from './round-service.ts';
import { listProvinces } from '../domain/register.ts';

/** The two questions to cross, by id: `mantelzorg.17`, `vrijwilligerswerk.aantal-goed`, … */
export const CrossTabQuerySchema = z.object({
  row: z.string().trim().min(1, 'Kies de vraag in de rijen.'),
  column: z.string().trim().min(1, 'Kies de vraag in de kolommen.'),
});
export type CrossTabQuery = z.infer<typeof CrossTabQuerySchema>;

export interface CrossTabRoundInfo {
  readonly round: string;
  readonly roundName: string;
  readonly synthetic: boolean;
  readonly roundStatus: 'concept' | 'open' | 'closed';
}

/** The unprotected cross-table: the reference figures of `bfm crosstab --json`. */
export type QuestionCrossTabResult = QuestionCrossTab &
  CrossTabRoundInfo & { readonly filter: AnalysisFilter };

/** The cross-table as a viewer may see it. */
export interface CrossTabView extends ProtectedCrossTab, CrossTabRoundInfo {
  /** The filter applied: always empty when `filterable` is false. */
  readonly filter: AnalysisFilter;
  readonly filterable: boolean;
  /** True when a filter was asked for but this viewer may not filter, so it was ignored. */
  readonly filterIgnored: boolean;
}

function findVariable(loaded: LoadedRound, id: string, which: 'row' | 'column'): CrossTabVariable {
  const variable = findCrossTabVariable(loaded.instrument, id);
  if (variable) return variable;
  const where = which === 'row' ? 'de rijen' : 'de kolommen';
  throw new UserInputError(
    `Onbekende vraag '${id}' in ${where}. Geef een vraag als vragenlijst.nummer, bijvoorbeeld ` +
      `mantelzorg.17 of vrijwilligerswerk.3; een optie van een meerkeuzevraag als ` +
      `mantelzorg.18.aanbod; of mantelzorg.aantal-goed. 'bfm instrument --json' toont de vragen.`,
  );
}

function roundInfo(loaded: LoadedRound): CrossTabRoundInfo {
  return {
    round: loaded.round.id,
    roundName: loaded.round.name,
    synthetic: loaded.round.synthetic,
    roundStatus: loaded.round.status,
  };
}

async function computeTable(
  executor: Executor,
  loaded: LoadedRound,
  query: CrossTabQuery,
  filter: AnalysisFilter,
): Promise<QuestionCrossTab> {
  const parsed = CrossTabQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new UserInputError(parsed.error.issues.map((issue) => issue.message).join(' '));
  }
  const row = findVariable(loaded, parsed.data.row, 'row');
  const column = findVariable(loaded, parsed.data.column, 'column');
  const questionnaires = new Set([row.questionnaire, column.questionnaire]);
  const responses = (
    await Promise.all(
      [...questionnaires].map((q) => readResponseVectors(executor, loaded.round.id, q)),
    )
  ).flat();
  const include = isFilterEmpty(filter)
    ? undefined
    : (() => {
        const selected = new Set(applyFilter(loaded.municipalities, filter).map((m) => m.code));
        return (code: string) => selected.has(code);
      })();
  return computeQuestionCrossTab(loaded.instrument, row, column, responses, include);
}

/**
 * The cross-table of two questions with every figure: for `bfm crosstab`, which runs on the
 * server, and as the reference the page and the API are tested against.
 *
 * @throws {NotFoundError} when the round does not exist
 * @throws {UserInputError} for an unknown question id
 */
export async function crossTabulateQuestions(
  executor: Executor,
  roundId: string,
  query: CrossTabQuery,
  filter: AnalysisFilter = EMPTY_FILTER,
): Promise<QuestionCrossTabResult> {
  const loaded = await loadRound(executor, roundId);
  const table = await computeTable(executor, loaded, query, filter);
  return { ...roundInfo(loaded), filter, ...table };
}

/**
 * The cross-table of two questions as the viewer may see it (decision 015).
 *
 * @throws {ForbiddenError} when the user's role may not read the analysis
 * @throws {NotFoundError} when the round does not exist
 * @throws {UserInputError} for an unknown question id
 */
export async function loadCrossTabView(
  executor: Executor,
  viewer: AnalysisViewer,
  roundId: string,
  query: CrossTabQuery,
  requested: AnalysisFilter = EMPTY_FILTER,
): Promise<CrossTabView> {
  if (viewer.kind === 'user') assertCan(viewer.user, 'analysis.read');
  const rights = describeViewerRights(viewer);
  const filter = rights.filterable ? requested : EMPTY_FILTER;
  const loaded = await loadRound(executor, roundId);
  const table = await computeTable(executor, loaded, query, filter);
  const shown =
    rights.protection === 'small-cells' ? protectCrossTab(table) : exposeCrossTab(table);
  return {
    ...shown,
    ...roundInfo(loaded),
    filter,
    filterable: rights.filterable,
    filterIgnored: !rights.filterable && !isFilterEmpty(requested),
  };
}

export interface CrossTabChoiceGroup {
  readonly questionnaire: string;
  readonly label: string;
  readonly variables: readonly { readonly id: string; readonly label: string }[];
}

/**
 * The questions a viewer may cross, grouped for a form's `<optgroup>`s: per questionnaire its
 * questions and derived variables, then the options of its multiple-choice questions.
 * Viewers under the small-cell rule get no whole multiple-choice questions (such a table is
 * withheld for them), only their options one at a time.
 *
 * @throws {ForbiddenError} when the user's role may not read the analysis
 * @throws {NotFoundError} when the round does not exist
 */
export async function listCrossTabChoices(
  executor: Executor,
  viewer: AnalysisViewer,
  roundId: string,
): Promise<{
  readonly round: CrossTabRoundInfo;
  readonly groups: readonly CrossTabChoiceGroup[];
  readonly provinces: readonly { readonly code: string; readonly name: string }[];
}> {
  if (viewer.kind === 'user') assertCan(viewer.user, 'analysis.read');
  const rights = describeViewerRights(viewer);
  const loaded = await loadRound(executor, roundId);
  const variables = listCrossTabVariables(loaded.instrument).filter(
    (variable) => rights.protection === 'none' || !variable.multipleResponse,
  );
  const groups = loaded.instrument.questionnaires.flatMap((questionnaire) => {
    const own = variables.filter((v) => v.questionnaire === questionnaire.id);
    const label = (v: CrossTabVariable) =>
      v.question === null ? capitalise(v.text) : `${v.question}. ${shorten(v.text, 90)}`;
    // The option first: every option of a question shares its (long) text.
    const optionLabel = (v: CrossTabVariable) => {
      const item = questionnaire.items.find((i) => i.number === v.question);
      const option = item?.options?.find((o) => o.code === v.part);
      return `${v.question}. ${option?.label ?? v.part} (${shorten(item?.text ?? '', 50)})`;
    };
    return [
      {
        questionnaire: questionnaire.id,
        label: capitalise(questionnaire.id),
        variables: own
          .filter((v) => v.kind !== 'option')
          .map((v) => ({ id: v.id, label: label(v) })),
      },
      {
        questionnaire: questionnaire.id,
        label: `${capitalise(questionnaire.id)}: één optie van een meerkeuzevraag`,
        variables: own
          .filter((v) => v.kind === 'option')
          .map((v) => ({ id: v.id, label: optionLabel(v) })),
      },
    ].filter((group) => group.variables.length > 0);
  });
  const provinces = listProvinces(loaded.municipalities);
  return { round: roundInfo(loaded), groups, provinces };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Keeps a long question text readable in a select; the whole text is on the page. */
function shorten(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), length - 15))} …`;
}

/**
 * Reads the two questions and the dashboard filter from query parameters: `rij`/`kolom` on
 * the page, `row`/`column` in the API; `grootte`, `groep` and `provincie` in both. The
 * questions are null until both are given.
 */
export function parseCrossTabParams(
  params: URLSearchParams,
  provinces: readonly { readonly code: string; readonly name: string }[],
  names: { readonly row: string; readonly column: string } = { row: 'rij', column: 'kolom' },
): { query: CrossTabQuery | null; filter: AnalysisFilter; problems: FilterProblem[] } {
  const { filter, problems } = parseFilterParams(params, provinces);
  const row = params.get(names.row)?.trim() ?? '';
  const column = params.get(names.column)?.trim() ?? '';
  if (row === '' && column === '') return { query: null, filter, problems };
  if (row === '') problems.push({ param: names.row, message: 'Kies de vraag in de rijen.' });
  if (column === '') {
    problems.push({ param: names.column, message: 'Kies de vraag in de kolommen.' });
  }
  return { query: row && column ? { row, column } : null, filter, problems };
}

/** The provinces of a round's register, sorted by code (for filters and their labels). */
export async function listRoundProvinces(
  executor: Executor,
  roundId: string,
): Promise<{ readonly code: string; readonly name: string }[]> {
  const loaded = await loadRound(executor, roundId);
  return listProvinces(loaded.municipalities);
}
