/**
 * 'What lifts it over the bar' on real stored data: for every municipality and every
 * basisfunctie of the demo round, findLift is the minimum of a brute force over all item
 * changes, and its changes make the basisfunctie goed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listScaleItems } from '../../src/domain/instrument.ts';
import { findBasisfunctieLift, type LiftItem } from '../../src/domain/lift.ts';
import { scoreResponses } from '../../src/domain/municipality-marks.ts';
import { createScorer, sumPoints } from '../../src/domain/scoring.ts';
import { readResponseVectors } from '../../src/db/repositories/answer-repository.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import { loadRound, type LoadedRound } from '../../src/services/round-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { bruteForceLift } from '../support/lift-brute-force.ts';

let database: TestDatabase;
let round: LoadedRound;
let marks: ReturnType<typeof scoreResponses>;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoRound(database.db);
  round = await loadRound(database.db, DEMO_ROUND_ID);
  marks = scoreResponses(round.instrument, await readResponseVectors(database.db, DEMO_ROUND_ID));
});

afterAll(async () => {
  await database.dispose();
});

describe('findLift on the demo round', () => {
  it('covers every respondent of both questionnaires, with at most 10 items per basisfunctie', () => {
    // The brute force tries up to 3^n changes per basisfunctie; the largest, visie en beleid,
    // has 10 items (59,049 at most), so the whole round stays well within a few seconds.
    const sizes = round.instrument.questionnaires.flatMap((q) =>
      q.basisfuncties.map((b) => listScaleItems(q, b.id).length),
    );
    expect(Math.max(...sizes)).toBe(10);
    const municipalities = new Set(marks.map((m) => m.municipalityCode));
    expect(municipalities.size).toBeGreaterThan(300);
    expect(marks.length).toBeGreaterThan(2 * 300);
  });

  it('equals the brute-force minimum for every municipality and basisfunctie, and its changes make it goed', () => {
    const { instrument } = round;
    const scorer = createScorer(instrument.scoring);
    const seen = { goed: 0, reachable: 0, insufficient: 0, unreachable: 0 };
    for (const response of marks) {
      const questionnaire = instrument.questionnaires.find((q) => q.id === response.questionnaire);
      if (!questionnaire) throw new Error(`Unknown questionnaire ${response.questionnaire}`);
      questionnaire.basisfuncties.forEach((basisfunctie, index) => {
        const where = `${response.municipalityCode} ${questionnaire.id} ${basisfunctie.id}`;
        const items: LiftItem[] = listScaleItems(questionnaire, basisfunctie.id).map((item) => ({
          question: item.number,
          points: response.points.get(item.number) ?? null,
        }));
        const lift = findBasisfunctieLift(
          questionnaire,
          basisfunctie.id,
          response.points,
          instrument.scoring,
        );
        const brute = bruteForceLift(items, instrument.scoring);
        seen[lift.status] += 1;
        // The lift starts from the same mark as the municipality's own marks.
        const mark = response.marks[index];
        expect(mark?.status === 'scored' ? mark.mark : null, where).toEqual(
          lift.status === 'insufficient' ? null : lift.mark,
        );
        if (lift.status === 'insufficient') {
          expect(brute.minChanges, where).toBeNull();
          return;
        }
        if (lift.status === 'goed') {
          expect(brute.minChanges, where).toBe(0);
          return;
        }
        // The 2009 rule's goed band is the highest: a scored basisfunctie can always get there.
        expect(lift.status, where).toBe('reachable');
        if (lift.status !== 'reachable') return;
        expect(lift.changes.length, where).toBe(brute.minChanges);
        const changed = new Map(lift.changes.map((change) => [change.question, change.to]));
        const after = scorer(sumPoints(items.map((i) => changed.get(i.question) ?? i.points)));
        expect(after.goed, where).toBe(true);
        expect(after.mark, where).toEqual(lift.markAfter);
        expect(after.totals.sum, where).toBe(brute.maxSumAtMin);
      });
    }
    // The demo round has basisfuncties on both sides of the bar, so both paths are exercised.
    expect(seen.goed).toBeGreaterThan(100);
    expect(seen.reachable).toBeGreaterThan(100);
    expect(seen.unreachable).toBe(0);
  });
});
