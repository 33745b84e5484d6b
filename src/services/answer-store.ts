/**
 * The write path of answers, shared by everything that changes them: imports and the demo
 * round (in bulk) and editors saving a page (one answer at a time). Each write keeps the new
 * revision in the history and rewrites the summaries that analyses read, in the caller's
 * transaction.
 */
import type { AnswerParts } from '../domain/answer.ts';
import { getQuestionnaire } from '../domain/instrument.ts';
import { encodeChoiceVector, encodeScaleVector } from '../domain/response-vectors.ts';
import type { Transaction } from '../db/client.ts';
import {
  clearAnswers,
  ensureResponses,
  readResponseStates,
  upsertAnswers,
  writeResponseSummaries,
  type AnswerKey,
  type AnswerValue,
  type ResponseKey,
} from '../db/repositories/answer-repository.ts';
import { writeAnswerRevision } from '../db/repositories/response-repository.ts';
import type { LoadedRound } from './round-service.ts';

type RoundOf = Pick<LoadedRound, 'round' | 'instrument'>;

function keyOf(key: ResponseKey): string {
  return `${key.municipalityCode}\u0000${key.questionnaire}`;
}

/**
 * Rewrites the analysis summaries of the given responses from their stored answers.
 * Call it in the transaction that changed the answers.
 */
export async function refreshResponseSummaries(
  tx: Transaction,
  loaded: RoundOf,
  keys: readonly ResponseKey[],
): Promise<number> {
  const states = await readResponseStates(tx, loaded.round.id, keys);
  return writeResponseSummaries(
    tx,
    loaded.round.id,
    states.map((state) => {
      const questionnaire = getQuestionnaire(loaded.instrument, state.questionnaire);
      return {
        municipalityCode: state.municipalityCode,
        questionnaire: state.questionnaire,
        answerCount: state.answerCount,
        scaleVector: encodeScaleVector(questionnaire, state.points),
        choiceVector: encodeChoiceVector(questionnaire, state.options),
      };
    }),
  );
}

export interface BulkWriteResult {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly cleared: number;
  readonly responses: number;
}

/**
 * Writes validated answers of one round in bulk (imports, the demo round) inside the caller's
 * transaction, and refreshes the summaries of the responses they touch. Notes are left alone.
 */
export async function storeAnswers(
  tx: Transaction,
  loaded: RoundOf,
  values: readonly AnswerValue[],
  clears: readonly AnswerKey[],
): Promise<BulkWriteResult> {
  const keys = new Map<string, ResponseKey>();
  for (const { municipalityCode, questionnaire } of [...values, ...clears]) {
    keys.set(keyOf({ municipalityCode, questionnaire }), { municipalityCode, questionnaire });
  }
  const responseKeys = [...keys.values()];
  await ensureResponses(tx, loaded.round.id, responseKeys);
  const { inserted, updated } = await upsertAnswers(tx, loaded.round.id, values);
  const cleared = await clearAnswers(tx, loaded.round.id, clears);
  await refreshResponseSummaries(tx, loaded, responseKeys);
  return {
    inserted,
    updated,
    cleared,
    unchanged: values.length - inserted - updated,
    responses: responseKeys.length,
  };
}

/**
 * Writes answers an editor saved on one questionnaire, each as its next revision, and
 * refreshes that questionnaire's summary. The caller holds the questionnaire's lock.
 *
 * @returns the new revision of each written answer
 */
export async function storeEditedAnswers(
  tx: Transaction,
  loaded: RoundOf,
  key: { municipalityCode: string; questionnaire: string },
  writes: readonly {
    question: number;
    answer: AnswerParts;
    /** Confirms a prefilled answer ('vorige meting'): unchanged, or by changing it. */
    confirm?: 'unchanged' | 'changed' | null;
  }[],
  userId: number,
): Promise<Map<number, { revision: number; updatedAt: Date }>> {
  const written = new Map<number, { revision: number; updatedAt: Date }>();
  for (const { question, answer, confirm } of writes) {
    written.set(
      question,
      await writeAnswerRevision(
        tx,
        { roundId: loaded.round.id, ...key },
        { question, ...answer },
        userId,
        { confirm: confirm != null, unchanged: confirm === 'unchanged' },
      ),
    );
  }
  if (written.size > 0) await refreshResponseSummaries(tx, loaded, [key]);
  return written;
}
