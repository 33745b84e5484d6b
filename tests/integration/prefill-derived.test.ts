/**
 * Prefill across instrument versions (issue 11, decision 021): a round on a version derived
 * from the previous round's version is prefilled through the item mapping; new items stay
 * empty, reworded items take the answer of the item they continue. The derived version is
 * stored through the instrument service, as the coordinator would add it.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers } from '../../src/db/schema.ts';
import { loadInstrument } from '../../src/instruments/index.ts';
import { storeAnswers } from '../../src/services/answer-store.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import { addInstrumentVersion } from '../../src/services/instrument-service.ts';
import { setRoundPrefill } from '../../src/services/prefill-service.ts';
import { changeRoundStatus, createRound, loadRound } from '../../src/services/round-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedAccounts } from '../support/factories.ts';

const DERIVED = 'test-2026';

/** Mantelzorg: items 1 and 4 swap places (reworded), item 2 is new, the rest the same. */
function defineDerivedVersion(): unknown {
  const base = loadInstrument('2009');
  const previousOf = (questionnaire: string, number: number) => {
    if (questionnaire !== 'mantelzorg') return { number, change: 'same' };
    if (number === 1) return { number: 4, change: 'reworded' };
    if (number === 4) return { number: 1, change: 'reworded' };
    if (number === 2) return null;
    return { number, change: 'same' };
  };
  return {
    ...base,
    version: DERIVED,
    name: 'Afgeleide testversie',
    derivedFrom: '2009',
    questionnaires: base.questionnaires.map((q) => ({
      ...q,
      items: q.items.map((item) => ({ ...item, previous: previousOf(q.id, item.number) })),
      basisfuncties: q.basisfuncties.map((b) => ({ ...b, previous: b.id })),
    })),
  };
}

let database: TestDatabase;
let coordinator: StaffUser;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ coordinator } = await seedAccounts(database.db, ['coordinator']));
  await addInstrumentVersion(
    database.db,
    { kind: 'user', user: coordinator },
    defineDerivedVersion(),
  );
  await createRound(database.db, { id: 'eerder', status: 'closed' });
  await database.db.transaction(async (tx) => {
    await storeAnswers(
      tx,
      await loadRound(tx, 'eerder'),
      [
        [1, 3],
        [2, 2],
        [4, 1],
        [5, 2],
      ].map(([question, points]) => ({
        municipalityCode: '0363',
        questionnaire: 'mantelzorg',
        question: question as number,
        points: points as number,
        options: null,
        text: null,
      })),
      [],
    );
  });
  await createRound(database.db, { id: 'nieuw', status: 'concept', instrumentVersion: DERIVED });
});

afterAll(async () => {
  await database.dispose();
});

describe('prefill into a derived instrument version', () => {
  it('follows the item mapping and leaves new items empty', async () => {
    await setRoundPrefill(database.db, coordinator, 'nieuw', { vorige: 'eerder', vooraf: 'ja' });
    await changeRoundStatus(database.db, coordinator, 'nieuw', 'open');
    const rows = await database.db
      .select()
      .from(answers)
      .where(and(eq(answers.roundId, 'nieuw'), eq(answers.municipalityCode, '0363')))
      .orderBy(answers.question);
    // Item 1 continues item 4 (1 point) and item 4 item 1 (3 points); item 2 is new; item 5
    // is the same question.
    expect(rows.map((r) => [r.question, r.points, r.prefilledFrom])).toEqual([
      [1, 1, 'eerder'],
      [4, 3, 'eerder'],
      [5, 2, 'eerder'],
    ]);
  });

  it('refuses prefill from a round whose version the new one does not derive from', async () => {
    await createRound(database.db, { id: 'los', status: 'closed', instrumentVersion: DERIVED });
    await createRound(database.db, { id: 'terug', status: 'concept' });
    await expect(
      setRoundPrefill(database.db, coordinator, 'terug', { vorige: 'los', vooraf: 'ja' }),
    ).rejects.toThrow('zijn niet afgeleid van die van');
  });
});
