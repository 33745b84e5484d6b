/**
 * The addresses of the open-answer pages (issue 13), in one place for every page that links to
 * them. A source is one open question (`antwoord`) or the notes on one item (`toelichting`).
 */
import { PART_SLUGS, type AnswerPart } from '../../src/domain/open-answers.ts';

export interface SourceRef {
  readonly questionnaire: string;
  readonly question: number;
  readonly part: AnswerPart;
}

/** The sub-pages of a source, in the order of its navigation. */
export const SOURCE_PAGES = {
  answers: { path: '', label: 'Antwoorden' },
  coding: { path: 'coderen', label: 'Coderen' },
  codebook: { path: 'codeboek', label: 'Codeboek en aantallen' },
  agreement: { path: 'overeenstemming', label: 'Overeenstemming' },
} as const;

export type SourcePage = keyof typeof SOURCE_PAGES;

/** The overview as a page of the analysis (its breadcrumb, `analysisTrail`). */
export const OPEN_ANSWERS_PAGE = { label: 'Open antwoorden', path: 'open-antwoorden' } as const;

/** `/metingen/:roundId/analyse/open-antwoorden`: the overview and the search of the round. */
export function openAnswersPath(roundId: string): string {
  return `/metingen/${encodeURIComponent(roundId)}/analyse/open-antwoorden`;
}

/** The page of one source, or one of its sub-pages. */
export function sourcePath(
  roundId: string,
  source: SourceRef,
  page: SourcePage = 'answers',
): string {
  const base = `${openAnswersPath(roundId)}/${encodeURIComponent(source.questionnaire)}/${source.question}/${PART_SLUGS[source.part]}`;
  const sub = SOURCE_PAGES[page].path;
  return sub === '' ? base : `${base}/${sub}`;
}

/** The coded answers of a source as a file ('csv' or 'xlsx'). */
export function sourceExportPath(
  roundId: string,
  source: SourceRef,
  format: 'csv' | 'xlsx',
): string {
  return `${sourcePath(roundId, source)}/export.${format}`;
}
