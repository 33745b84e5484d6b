/**
 * Prefill across instrument versions (issue 11, decision 021): a round on a version derived
 * from the previous round's version is prefilled through the item mapping; new items stay
 * empty, reworded items take the answer of the item they continue.
 *
 * The derived version is served by the instrument service here, because storing versions is
 * helper B's part of issue 11 (instrument_versions). Once merged, this test can store the
 * version through that service instead; the database itself is real.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Instrument } from '../../src/domain/instrument.ts';
import type * as InstrumentService from '../../src/services/instrument-service.ts';
import { answers } from '../../src/db/schema.ts';
import { storeAnswers } from '../../src/services/answer-store.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import { setRoundPrefill } from '../../src/services/prefill-service.ts';
import { changeRoundStatus, createRound, loadRound } from '../../src/services/round-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedAccounts } from '../support/factories.ts';

const { DERIVED } = vi.hoisted(() => ({ DERIVED: 'test-2026' }));

vi.mock('../../src/services/instrument-service.ts', async (importOriginal) => {
  const original = await importOriginal<typeof InstrumentService>();
  const { loadInstrument } = await import('../../src/instruments/index.ts');
  const base = loadInstrument('2009');
  // Mantelzorg: item 1 now continues item 4 (reworded), item 2 is new, the rest the same.
  const derived: Instrument = {
    ...base,
    version: DERIVED,
    derivedFrom: '2009',
    questionnaires: base.questionnaires.map((q) => ({
      ...q,
      items: q.items.map((item) => ({
        ...item,
        previous:
          q.id !== 'mantelzorg'
            ? { number: item.number, change: 'same' as const }
            : item.number === 1
              ? { number: 4, change: 'reworded' as const }
              : item.number === 2
                ? null
                : { number: item.number, change: 'same' as const },
      })),
      basisfuncties: q.basisfuncties.map((b) => ({ ...b, previous: b.id })),
    })),
  };
  return {
    ...original,
    getInstrument: (executor: Parameters<typeof original.getInstrument>[0], version: string) =>
      version === DERIVED ? Promise.resolve(derived) : original.getInstrument(executor, version),
  };
});

let database: TestDatabase;
let coordinator: StaffUser;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ coordinator } = await seedAccounts(database.db, ['coordinator']));
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
    // Item 1 continues item 4 (1 point); item 2 is new; items 4 and 5 are the same questions.
    expect(rows.map((r) => [r.question, r.points, r.prefilledFrom])).toEqual([
      [1, 1, 'eerder'],
      [4, 1, 'eerder'],
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
