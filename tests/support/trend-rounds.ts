/**
 * Small hand-built rounds for the trend tests: only the answers a test names, so every
 * expected mark can be computed by hand.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import type { AnswerValue } from '../../src/db/repositories/answer-repository.ts';
import { rounds } from '../../src/db/schema.ts';
import { storeAnswers } from '../../src/services/answer-store.ts';
import { createRound, loadRound } from '../../src/services/round-service.ts';

/** Points per question number of one questionnaire of one municipality. */
export type PointsByQuestion = Readonly<Record<number, 1 | 2 | 3>>;

export interface HandBuiltRound {
  readonly id: string;
  readonly registerId: string;
  readonly previousRoundId?: string | undefined;
  /** municipality code → questionnaire → points per question. */
  readonly answers: Readonly<Record<string, Readonly<Record<string, PointsByQuestion>>>>;
}

/** Creates a closed round on a register, links it to its previous round and stores the answers. */
export async function createHandBuiltRound(db: Database, spec: HandBuiltRound): Promise<void> {
  await db.transaction(async (tx) => {
    await createRound(tx, { id: spec.id, registerId: spec.registerId, name: `Meting ${spec.id}` });
    if (spec.previousRoundId) {
      await tx
        .update(rounds)
        .set({ previousRoundId: spec.previousRoundId })
        .where(eq(rounds.id, spec.id));
    }
    const loaded = await loadRound(tx, spec.id);
    const values: AnswerValue[] = [];
    for (const [municipalityCode, byQuestionnaire] of Object.entries(spec.answers)) {
      for (const [questionnaire, points] of Object.entries(byQuestionnaire)) {
        for (const [question, value] of Object.entries(points)) {
          values.push({
            municipalityCode,
            questionnaire,
            question: Number(question),
            points: value,
            options: null,
            text: null,
          });
        }
      }
    }
    await storeAnswers(tx, loaded, values, []);
  });
}

/** Respijtzorg (mantelzorg, items 42, 44 and 45 of version 2009) with the given points. */
export function respijtzorg(
  a: 1 | 2 | 3,
  b: 1 | 2 | 3,
  c: 1 | 2 | 3,
): Record<string, PointsByQuestion> {
  return { mantelzorg: { 42: a, 44: b, 45: c } };
}
