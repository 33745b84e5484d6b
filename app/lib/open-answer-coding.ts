/**
 * How the coding pages of an open-answer source name it and their breadcrumbs (issue 13, helper
 * B). Not server-only: `meta` and `handle` use it in the browser too.
 */
import type { Params } from 'react-router';
import { parsePart, PART_LABELS, type AnswerPart } from '../../src/domain/open-answers.ts';
import { OPEN_ANSWERS_PAGE, sourcePath, SOURCE_PAGES, type SourcePage } from './open-answer-paths';
import { analysisTrail, type Trail } from './navigation';

/** `Vraag 47 (open antwoord)`: how the pages name a source. */
export function sourceLabel(key: { readonly question: number; readonly part: AnswerPart }): string {
  return `Vraag ${key.question} (${PART_LABELS[key.part].toLowerCase()})`;
}

/**
 * The short name of a questionnaire from its id (`mantelzorg` → `Mantelzorg`), as the audit
 * trail names it (src/services/audit-text.ts `questionnaireLabel`, which is server-side).
 */
export function questionnaireName(id: string): string {
  const words = id.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Home › Metingen › round › Analyse › Open antwoorden › source › page. */
export function sourceTrail(
  params: Params,
  roundName: string | undefined,
  page: SourcePage,
): Trail {
  const roundId = params.roundId ?? '';
  const part = parsePart(params.part) ?? 'text';
  const source = {
    questionnaire: params.questionnaire ?? '',
    question: Number(params.question),
    part,
  };
  return [
    ...analysisTrail(params, roundName, OPEN_ANSWERS_PAGE),
    // The questionnaire's name, not its id: both questionnaires have a question 46, so the
    // question number alone does not say which one the trail leads back to.
    {
      label: `${questionnaireName(source.questionnaire)} · ${sourceLabel(source).toLowerCase()}`,
      to: sourcePath(roundId, source),
    },
    { label: SOURCE_PAGES[page].label, to: sourcePath(roundId, source, page) },
  ];
}
