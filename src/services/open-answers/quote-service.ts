/**
 * Quotes for the national report (issue 13): a researcher marks an answer as a quote by its
 * pseudonym, and the national report lists the quoted answers, always anonymised, whoever
 * reads the report (decision 028).
 */
import { and, eq, sql } from 'drizzle-orm';
import { applyFilter, EMPTY_FILTER, type AnalysisFilter } from '../../domain/analysis-filter.ts';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import { answerQuotes } from '../../db/schema.ts';
import {
  describeOrigin,
  PART_LABELS,
  redactName,
  stripControlCharacters,
  type AnswerPart,
} from '../../domain/open-answers.ts';
import { recordAudit } from '../audit-service.ts';
import type { StaffUser } from '../auth-service.ts';
import { NotFoundError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { loadRound } from '../round-service.ts';
import {
  countRespondentOrigins,
  readRespondents,
  resolveAnswerId,
  resolveSource,
  type OpenAnswerSource,
  type OpenAnswerSourceKey,
} from './open-answer-service.ts';

/** The longest excerpt of an answer the audit trail keeps: enough to recognise it. */
export const AUDIT_EXCERPT_LENGTH = 120;

/**
 * Shortens a text for the audit trail, on a word boundary, with '…'.
 *
 * @example excerptOf('een korte tekst') // 'een korte tekst'
 */
export function excerptOf(text: string, length: number = AUDIT_EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface QuoteOutcome {
  readonly id: string;
  readonly quote: boolean;
  /** False when the answer already had this state (nothing written, nothing audited). */
  readonly changed: boolean;
}

/**
 * Marks an answer as a quote for the national report, or removes the mark. The answer is named
 * by its pseudonym, never by a municipality code, so an analyst never sends one. Setting the
 * state it already has changes nothing and is not audited.
 *
 * @throws {ForbiddenError} when the role may not choose quotes
 * @throws {NotFoundError} for an unknown round, question or pseudonym, or an answer without
 *   text in this part
 */
export async function setQuote(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
  answerId: string,
  quoted: boolean,
): Promise<QuoteOutcome> {
  assertCan(user, 'openAnswers.quote');
  const loaded = await loadRound(executor, roundId);
  const { source } = resolveSource(loaded.instrument, key);
  const municipality = resolveAnswerId(loaded, key, answerId);
  const [answer] = await queryRows<{ value: string | null }>(
    executor,
    sql`select ${sql.raw(key.part === 'text' ? 'text' : 'note')} as value from answers
        where round_id = ${roundId} and municipality_code = ${municipality.code}
          and questionnaire = ${key.questionnaire} and question = ${key.question}`,
  );
  const text = stripControlCharacters(answer?.value ?? '').trim();
  if (text === '') {
    throw new NotFoundError(
      `Bij dit antwoord staat geen ${key.part === 'text' ? 'tekst' : 'toelichting'} (meer), dus het kan geen citaat zijn. Open de vraag opnieuw.`,
    );
  }
  const where = and(
    eq(answerQuotes.roundId, roundId),
    eq(answerQuotes.questionnaire, key.questionnaire),
    eq(answerQuotes.question, key.question),
    eq(answerQuotes.part, key.part),
    eq(answerQuotes.municipalityCode, municipality.code),
  );
  return executor.transaction(async (tx) => {
    let changed: boolean;
    if (quoted) {
      const inserted = await tx
        .insert(answerQuotes)
        .values({
          roundId,
          questionnaire: key.questionnaire,
          question: key.question,
          part: key.part,
          municipalityCode: municipality.code,
          markedBy: user.id,
        })
        .onConflictDoNothing()
        .returning({ code: answerQuotes.municipalityCode });
      changed = inserted.length > 0;
    } else {
      const deleted = await tx
        .delete(answerQuotes)
        .where(where)
        .returning({ code: answerQuotes.municipalityCode });
      changed = deleted.length > 0;
    }
    if (changed) {
      // The municipality is recorded with the event, for the coordinator's and advisors' trail;
      // the text only as a short excerpt, since the answer itself stays in the answers.
      const excerpt = excerptOf(redactName(text, municipality.name), AUDIT_EXCERPT_LENGTH);
      await recordAudit(tx, {
        actorId: user.id,
        actorLabel: user.name,
        action: quoted ? 'open-answer.quoted' : 'open-answer.unquoted',
        roundId,
        municipalityCode: municipality.code,
        subject: `${PART_LABELS[key.part]} bij vraag ${key.question} van ${source.questionnaireName}`,
        oldValue: quoted ? null : `Citaat: ‘${excerpt}’`,
        newValue: quoted ? `Citaat: ‘${excerpt}’` : null,
      });
    }
    return { id: answerId, quote: quoted, changed };
  });
}

/** One quote as the national report prints it: never with a name. */
export interface ReportQuote {
  /** 'een gemeente in Gelderland met 20.000–50.000 inwoners', or less (decision 028). */
  readonly origin: string;
  /** The text with the municipality's own name replaced by '[gemeente]'. */
  readonly text: string;
}

export interface ReportQuoteSource extends OpenAnswerSource {
  readonly quotes: readonly ReportQuote[];
}

/**
 * The quotes of a round for the national report, per source in the order of the instrument
 * (questionnaire, question, open answer before note), ALWAYS anonymised by the rule of
 * `describeOrigin` over the questionnaire's respondents, whoever reads the report. Quotes whose
 * text was cleared since are left out, and so are those of municipalities outside `filter`
 * (the report of a selection).
 *
 * @throws {NotFoundError} for an unknown round
 */
export async function listReportQuotes(
  executor: Executor,
  roundId: string,
  filter: AnalysisFilter = EMPTY_FILTER,
): Promise<ReportQuoteSource[]> {
  const loaded = await loadRound(executor, roundId);
  const selected = new Set(applyFilter(loaded.municipalities, filter).map((m) => m.code));
  const rows = await queryRows<{
    questionnaire: string;
    question: number;
    part: AnswerPart;
    municipality_code: string;
    value: string | null;
  }>(
    executor,
    sql`select q.questionnaire, q.question, q.part, q.municipality_code,
               case when q.part = 'text' then a.text else a.note end as value
        from answer_quotes q
        join answers a on a.round_id = q.round_id and a.municipality_code = q.municipality_code
          and a.questionnaire = q.questionnaire and a.question = q.question
        where q.round_id = ${roundId}`,
  );
  const result: ReportQuoteSource[] = [];
  for (const questionnaire of loaded.instrument.questionnaires) {
    const ofQuestionnaire = rows.filter((row) => row.questionnaire === questionnaire.id);
    if (ofQuestionnaire.length === 0) continue;
    const respondents = await readRespondents(executor, loaded, questionnaire.id);
    const counts = countRespondentOrigins(respondents);
    for (const item of questionnaire.items) {
      for (const part of ['text', 'note'] as const) {
        const quotes: { origin: string; text: string }[] = [];
        for (const row of ofQuestionnaire) {
          if (Number(row.question) !== item.number || row.part !== part) continue;
          const respondent = respondents.get(row.municipality_code);
          const text = stripControlCharacters(row.value ?? '').trim();
          if (!respondent || text === '' || !selected.has(row.municipality_code)) continue;
          const origin = describeOrigin(
            { provinceCode: respondent.municipality.provinceCode, sizeClass: respondent.sizeClass },
            respondent.municipality.provinceName,
            counts,
          );
          quotes.push({
            origin: origin.label,
            text: redactName(text, respondent.municipality.name),
          });
        }
        if (quotes.length === 0) continue;
        // A stable order that says nothing about who wrote what: by the text itself.
        quotes.sort((a, b) => a.text.localeCompare(b.text, 'nl'));
        const { source } = resolveSource(loaded.instrument, {
          questionnaire: questionnaire.id,
          question: item.number,
          part,
        });
        result.push({ ...source, quotes });
      }
    }
  }
  return result;
}
