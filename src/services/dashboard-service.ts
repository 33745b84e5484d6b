/**
 * The analysis dashboard of a round (/metingen/:roundId/analyse/…): the analysis view of the
 * viewer with the filter read from the address, the tables of every page, and the marks per
 * municipality behind the map by municipality for viewers who may see municipalities by name.
 */
import {
  applyFilter,
  describeFilter,
  EMPTY_FILTER,
  isFilterEmpty,
  parseFilterParams,
  writeFilterParams,
  type AnalysisFilter,
  type FilterProblem,
} from '../domain/analysis-filter.ts';
import { scoreResponses } from '../domain/municipality-marks.ts';
import type { Executor } from '../db/client.ts';
import { readResponseVectors } from '../db/repositories/answer-repository.ts';
import { loadAnalysisView, type AnalysisView } from './analysis-view-service.ts';
import type { StaffUser } from './auth-service.ts';
import { buildDashboardTables, type DataTable, type TableSource } from './dashboard-tables.ts';
import { NotFoundError } from './errors.ts';
import { assertCan, can, rolesAllowed } from './permissions.ts';
import { loadRound } from './round-service.ts';

export interface Dashboard {
  readonly view: AnalysisView;
  /** Unknown filter values in the address, in Dutch (the rest of the filter applies). */
  readonly filterProblems: readonly FilterProblem[];
  /** The applied filter in words, or null. */
  readonly filterText: string | null;
  /** The applied filter as a query string ('' or '?groep=G4'), for links between pages. */
  readonly query: string;
  readonly tableSource: TableSource;
}

/**
 * The analysis of a round for the dashboard, filtered by the address's query parameters
 * when the viewer may filter.
 *
 * @throws {ForbiddenError} when the user may not read the analysis
 * @throws {NotFoundError} for an unknown round
 */
export async function loadDashboard(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  params: URLSearchParams,
): Promise<Dashboard> {
  assertCan(user, 'analysis.read');
  const loaded = await loadRound(executor, roundId);
  const provinces = [
    ...new Map(loaded.municipalities.map((m) => [m.provinceCode, m.provinceName])).entries(),
  ].map(([code, name]) => ({ code, name }));
  const { filter, problems } = parseFilterParams(params, provinces);
  const view = await loadAnalysisView(executor, { kind: 'user', user }, roundId, filter);
  const filterText = describeFilter(view.filter, view.provinces);
  const query = isFilterEmpty(view.filter) ? '' : `?${writeFilterParams(view.filter).toString()}`;
  return {
    view,
    filterProblems: view.filterable ? problems : [],
    filterText,
    query,
    tableSource: { ...view, filterText },
  };
}

/**
 * Every table of the dashboard for the downloads.
 *
 * @throws {ForbiddenError} when the user may not download the tables
 */
export async function loadDashboardTables(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  params: URLSearchParams,
): Promise<{ readonly tables: DataTable[]; readonly dashboard: Dashboard }> {
  assertCan(user, 'analysis.exportTables');
  const dashboard = await loadDashboard(executor, user, roundId, params);
  return { tables: buildDashboardTables(dashboard.tableSource), dashboard };
}

/**
 * One table of the dashboard by id.
 *
 * @throws {NotFoundError} for an unknown table id
 */
export async function loadDashboardTable(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  tableId: string,
  params: URLSearchParams,
): Promise<{ readonly table: DataTable; readonly dashboard: Dashboard }> {
  const { tables, dashboard } = await loadDashboardTables(executor, user, roundId, params);
  const table = tables.find((candidate) => candidate.id === tableId);
  if (!table) {
    throw new NotFoundError(
      `De tabel '${tableId}' bestaat niet. Kies een tabel via de downloadlinks op de pagina's van de analyse.`,
    );
  }
  return { table, dashboard };
}

export interface MunicipalityMark {
  readonly code: string;
  readonly name: string;
  readonly provinceName: string;
  /** The mark with one decimal, or null: too few items answered, or no answers. */
  readonly mark: number | null;
  readonly band: 'goed' | 'weg' | 'aandacht' | null;
}

const BAND_KEYS: Readonly<Record<string, MunicipalityMark['band']>> = {
  'goed-voor-elkaar': 'goed',
  'op-de-goede-weg': 'weg',
  'aandacht-nodig': 'aandacht',
};

/**
 * The mark of every respondent for one basisfunctie, for the map by municipality: only the
 * municipalities the user may see by name (coordinator all, an advisor those of their
 * provinces) and that pass the filter; null for users who see none by name.
 *
 * @throws {NotFoundError} for an unknown round, questionnaire or basisfunctie
 */
export async function loadMunicipalityMarks(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  questionnaireId: string,
  basisfunctieId: string,
  filter: AnalysisFilter = EMPTY_FILTER,
): Promise<MunicipalityMark[] | null> {
  assertCan(user, 'analysis.read');
  const loaded = await loadRound(executor, roundId);
  if (!rolesAllowed('analysis.namedMunicipalities').includes(user.role)) return null;
  const visible = applyFilter(loaded.municipalities, filter).filter((m) =>
    can(user, 'analysis.namedMunicipalities', m),
  );
  const questionnaire = loaded.instrument.questionnaires.find((q) => q.id === questionnaireId);
  const index = questionnaire?.basisfuncties.findIndex((b) => b.id === basisfunctieId) ?? -1;
  if (!questionnaire || index < 0) {
    throw new NotFoundError(
      `Onbekende basisfunctie '${basisfunctieId}' van vragenlijst '${questionnaireId}'.`,
    );
  }
  const codes = new Set(visible.map((m) => m.code));
  const responses = (await readResponseVectors(executor, roundId, questionnaire.id)).filter(
    (response) => codes.has(response.municipalityCode),
  );
  const marks = new Map(
    scoreResponses(loaded.instrument, responses).map((scored) => [
      scored.municipalityCode,
      scored.marks[index],
    ]),
  );
  return visible.flatMap((m) => {
    if (!marks.has(m.code)) return [];
    const result = marks.get(m.code);
    const scored = result?.status === 'scored' ? result : null;
    return [
      {
        code: m.code,
        name: m.name,
        provinceName: m.provinceName,
        mark: scored ? Math.round((10 * scored.mark.num) / scored.mark.den) / 10 : null,
        band: scored ? (BAND_KEYS[scored.band.id] ?? null) : null,
      },
    ];
  });
}
