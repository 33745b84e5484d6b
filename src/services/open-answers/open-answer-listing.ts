/**
 * Every answer to one question at once, for `bfm open-answers`: the command runs with full
 * rights, as the coordinator, so the list names every municipality with its code. The reading
 * page's service does the work (the same filters, search and final themes), page by page.
 */
import type { Executor } from '../../db/client.ts';
import type { FilterProblem } from '../../domain/analysis-filter.ts';
import type { AnswerPart } from '../../domain/open-answers.ts';
import type { StaffUser } from '../auth-service.ts';
import { loadRound } from '../round-service.ts';
import { parseOpenAnswerParams } from './open-answer-query.ts';
import { listProvinces } from '../../domain/register.ts';
import { MAX_PAGE_SIZE, readOpenAnswers } from './open-answer-service.ts';

/** The command acts as the coordinator: it reads the database directly anyway. */
const CLI_COORDINATOR: StaffUser = {
  id: 0,
  email: 'bfm@localhost',
  name: 'bfm open-answers',
  role: 'coordinator',
  municipalityCode: null,
  provinces: [],
};

export interface OpenAnswerListing {
  readonly question: {
    readonly questionnaire: string;
    readonly number: number;
    readonly text: string;
    readonly part: AnswerPart;
  };
  readonly answers: readonly {
    readonly gemeentecode: string;
    readonly gemeente: string;
    readonly text: string;
    /** The province code, e.g. 'PV25'. */
    readonly province: string;
    /** The size class id, e.g. '20000-50000'. */
    readonly sizeClass: string;
    /** The final themes by name (settled, or else the first coder's). */
    readonly themes: readonly string[];
  }[];
}

/**
 * Lists every answer of a source with names and codes, filtered and searched like the page.
 *
 * @throws {NotFoundError} for an unknown round, questionnaire or question
 */
export async function listAllOpenAnswers(
  executor: Executor,
  roundId: string,
  input: {
    questionnaire: string;
    question: number;
    part: AnswerPart;
    search: string;
    grootte: string;
    groep: string;
    provincie: string;
  },
): Promise<{ result: OpenAnswerListing; problems: FilterProblem[] }> {
  const loaded = await loadRound(executor, roundId);
  const params = new URLSearchParams({
    grootte: input.grootte,
    groep: input.groep,
    provincie: input.provincie,
    zoek: input.search,
  });
  const { query, problems } = parseOpenAnswerParams(params, listProvinces(loaded.municipalities));
  const key = { questionnaire: input.questionnaire, question: input.question, part: input.part };
  const answers: OpenAnswerListing['answers'][number][] = [];
  const loadedItem = loaded.instrument.questionnaires
    .find((q) => q.id === key.questionnaire)
    ?.items.find((i) => i.number === key.question);
  const text = loadedItem?.text ?? '';
  for (let page = 1; ; page += 1) {
    const result = await readOpenAnswers(executor, CLI_COORDINATOR, roundId, key, {
      ...query,
      page,
      pageSize: MAX_PAGE_SIZE,
    });
    for (const entry of result.answers) {
      answers.push({
        gemeentecode: entry.municipality?.code ?? '',
        gemeente: entry.municipality?.name ?? entry.origin,
        text: entry.text,
        province: entry.provinceCode ?? '',
        sizeClass: entry.sizeClass ?? '',
        themes: entry.themes.map((theme) => theme.name),
      });
    }
    if (page >= result.pageCount) break;
  }
  return {
    result: {
      question: { questionnaire: key.questionnaire, number: key.question, text, part: key.part },
      answers,
    },
    problems,
  };
}
