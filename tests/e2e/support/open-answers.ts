/**
 * Issue 13 (helper A): one open answer in a round, for the cases that quote it: Zutphen's
 * answer to vrijwilligerswerk 47 (a municipality no persona belongs to).
 */
import type { Database } from '../../../src/db/client.ts';
import { storeAnswers } from '../../../src/services/answer-store.ts';
import { computeAnswerId } from '../../../src/services/open-answers/open-answer-service.ts';
import { loadRound } from '../../../src/services/round-service.ts';

export const QUOTABLE = { questionnaire: 'vrijwilligerswerk', question: 47, part: 'text' } as const;

/** Stores the answer and returns its pseudonym. */
export async function seedQuotableAnswer(db: Database, roundId: string): Promise<string> {
  const loaded = await loadRound(db, roundId);
  await db.transaction(async (tx) => {
    await storeAnswers(
      tx,
      loaded,
      [
        {
          municipalityCode: '0301',
          questionnaire: QUOTABLE.questionnaire,
          question: QUOTABLE.question,
          points: null,
          options: null,
          text: 'Een goede interne structuur voor vrijwilligers.',
        },
      ],
      [],
    );
  });
  return computeAnswerId(loaded.round.answerKeySalt, QUOTABLE, '0301');
}
