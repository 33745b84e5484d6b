/**
 * Joint entry: the municipality and its advisor fill in the same questionnaire at the same
 * time. Saving merges per part of an answer (value and note) against the revision the editor
 * started from, so no part of a colleague's answer is ever lost; only a part both changed is
 * a conflict, which the editor settles by keeping theirs or taking the other answer over.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/services/audit-service.ts';
import { importAnswerRows } from '../../src/services/import/import-service.ts';
import {
  loadQuestionnaire,
  saveAnswers,
  type QuestionnaireKey,
  type SubmittedItem,
} from '../../src/services/questionnaire-service.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openRound, seedAccounts, type Cast } from '../support/factories.ts';

let database: TestDatabase;
let cast: Cast;
const key: QuestionnaireKey = {
  roundId: 'samen',
  municipalityCode: '0363',
  questionnaire: 'mantelzorg',
};

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
  await openRound(database.db, cast.coordinator, key.roundId, 'Samen invullen');
});

afterAll(async () => {
  await database.dispose();
});

async function stored(question: number) {
  return (await loadQuestionnaire(database.db, cast.coordinator, key)).answers.get(question);
}

function save(user: StaffUser, items: SubmittedItem[]) {
  return saveAnswers(database.db, user, key, items);
}

describe('three-way merge per part of an answer', () => {
  it('keeps the colleague’s note when they changed only the note', async () => {
    await save(cast.municipality, [{ question: 17, value: '1', note: '', baseRevision: 0 }]);
    // Both have revision 1 on screen.
    const base = (await stored(17))?.revision ?? -1;
    // The municipality adds a note.
    await save(cast.municipality, [
      { question: 17, value: '1', note: 'Zie de beleidsnota 2009.', baseRevision: base },
    ]);
    // The advisor, from the old page, changes the points and leaves the (empty) note alone.
    const result = await save(cast.advisor, [
      { question: 17, value: '3', note: '', baseRevision: base },
    ]);
    expect(result).toMatchObject({ ok: true, saved: 1, conflicts: [] });
    expect(await stored(17)).toMatchObject({
      points: 3,
      note: 'Zie de beleidsnota 2009.',
      revision: base + 2,
      updatedBy: 'Ada Adviseur',
    });
    // The audit trail shows the merged answer: the note survived.
    const [latest] = await listAuditEvents(database.db, key.roundId, key.municipalityCode);
    expect(latest?.newValue).toMatchObject({ points: 3, note: 'Zie de beleidsnota 2009.' });
  });

  it('reports a conflict when both changed the points, and writes nothing of that item yet', async () => {
    const base = (await stored(17))?.revision ?? -1;
    await save(cast.municipality, [
      { question: 17, value: '2', note: 'Zie de beleidsnota 2009.', baseRevision: base },
    ]);
    const result = await save(cast.advisor, [
      { question: 17, value: '1', note: 'Ook de website.', baseRevision: base },
      { question: 19, value: '2', note: '', baseRevision: 0 },
    ]);
    expect(result).toMatchObject({
      ok: true,
      saved: 1,
      conflicts: [
        {
          question: 17,
          // Only the points: the note only the advisor changed.
          parts: ['points'],
          theirs: { points: 2, note: 'Zie de beleidsnota 2009.', updatedBy: 'Anna Amsterdam' },
          mine: { points: 1, note: 'Ook de website.' },
        },
      ],
    });
    expect(await stored(17)).toMatchObject({ points: 2, note: 'Zie de beleidsnota 2009.' });
    expect((await stored(19))?.points).toBe(2);
  });

  it('keeps my answer for what both changed when I choose to, and theirs for the rest', async () => {
    await save(cast.municipality, [{ question: 22, value: '1', note: '', baseRevision: 0 }]);
    const base = (await stored(22))?.revision ?? -1;
    await save(cast.municipality, [
      { question: 22, value: '2', note: 'Loket in het gemeentehuis.', baseRevision: base },
    ]);
    const first = await save(cast.advisor, [
      { question: 22, value: '3', note: '', baseRevision: base },
    ]);
    expect(first).toMatchObject({ conflicts: [{ question: 22, parts: ['points'] }] });
    const seen = first.ok ? (first.conflicts[0]?.theirs.revision ?? -1) : -1;
    const second = await save(cast.advisor, [
      {
        question: 22,
        value: '3',
        note: '',
        baseRevision: base,
        resolution: { choice: 'mine', seenRevision: seen },
      },
    ]);
    expect(second).toMatchObject({ ok: true, saved: 1, conflicts: [] });
    expect(await stored(22)).toMatchObject({ points: 3, note: 'Loket in het gemeentehuis.' });
  });

  it('takes the other answer over, and keeps my changes to what they did not touch', async () => {
    await save(cast.municipality, [{ question: 24, value: '1', note: '', baseRevision: 0 }]);
    const base = (await stored(24))?.revision ?? -1;
    await save(cast.municipality, [{ question: 24, value: '2', note: '', baseRevision: base }]);
    const mine: SubmittedItem = {
      question: 24,
      value: '3',
      note: 'Wachtlijst bij de GGZ.',
      baseRevision: base,
    };
    const first = await save(cast.advisor, [mine]);
    expect(first).toMatchObject({ conflicts: [{ question: 24, parts: ['points'] }] });
    const seen = first.ok ? (first.conflicts[0]?.theirs.revision ?? -1) : -1;
    const taken = await save(cast.advisor, [
      { ...mine, resolution: { choice: 'theirs', seenRevision: seen } },
    ]);
    expect(taken).toMatchObject({ ok: true, saved: 1, conflicts: [] });
    expect(await stored(24)).toMatchObject({ points: 2, note: 'Wachtlijst bij de GGZ.' });
  });

  it('asks again when the other answer changed once more after it was shown', async () => {
    await save(cast.municipality, [{ question: 25, value: '1', note: '', baseRevision: 0 }]);
    const base = (await stored(25))?.revision ?? -1;
    await save(cast.municipality, [{ question: 25, value: '2', note: '', baseRevision: base }]);
    const first = await save(cast.advisor, [
      { question: 25, value: '3', note: '', baseRevision: base },
    ]);
    const seen = first.ok ? (first.conflicts[0]?.theirs.revision ?? -1) : -1;
    // Meanwhile the municipality changes it again (a note with the same points).
    await save(cast.municipality, [
      { question: 25, value: '2', note: 'Nog in overleg.', baseRevision: seen },
    ]);
    const second = await save(cast.advisor, [
      {
        question: 25,
        value: '3',
        note: '',
        baseRevision: base,
        resolution: { choice: 'mine', seenRevision: seen },
      },
    ]);
    expect(second).toMatchObject({
      ok: true,
      saved: 0,
      conflicts: [
        { question: 25, parts: ['points'], theirs: { points: 2, note: 'Nog in overleg.' } },
      ],
    });
    expect((await stored(25))?.points).toBe(2);
  });

  it('keeps the note when a caller sends only a value (the API may leave parts out)', async () => {
    await save(cast.municipality, [
      { question: 27, value: '2', note: 'Mantelzorgconsulent.', baseRevision: 0 },
    ]);
    const revision = (await stored(27))?.revision ?? -1;
    await save(cast.advisor, [{ question: 27, value: '3', baseRevision: revision }]);
    expect(await stored(27)).toMatchObject({ points: 3, note: 'Mantelzorgconsulent.' });
  });
});

describe('revisions never go back', () => {
  it('makes a save from before a clear a conflict (A reads r1; B clears; C writes Y; A saves Z)', async () => {
    await save(cast.municipality, [{ question: 29, value: '1', note: '', baseRevision: 0 }]);
    const readByA = (await stored(29))?.revision ?? -1;
    expect(readByA).toBe(1);
    // B clears the answer.
    await save(cast.advisor, [{ question: 29, value: null, note: '', baseRevision: readByA }]);
    expect((await stored(29))?.points).toBeNull();
    // C writes Y from a fresh read.
    const afterClear = (await stored(29))?.revision ?? -1;
    expect(afterClear).toBe(2);
    await save(cast.coordinator, [
      { question: 29, value: '2', note: '', baseRevision: afterClear },
    ]);
    expect((await stored(29))?.revision).toBe(3);
    // A saves Z against revision 1: a conflict, not a silent overwrite.
    const result = await save(cast.municipality, [
      { question: 29, value: '3', note: '', baseRevision: readByA },
    ]);
    expect(result).toMatchObject({
      ok: true,
      saved: 0,
      conflicts: [{ question: 29, parts: ['points'], theirs: { points: 2, revision: 3 } }],
    });
    expect((await stored(29))?.points).toBe(2);
  });

  it('keeps counting after an import clears an answer', async () => {
    await save(cast.municipality, [{ question: 30, value: '3', note: '', baseRevision: 0 }]);
    await importAnswerRows(database.db, [
      {
        line: 2,
        values: {
          meting: 'samen',
          gemeentecode: 'GM0363',
          vragenlijst: 'mantelzorg',
          vraag: '30',
          antwoord: '',
        },
      },
    ]);
    const cleared = await stored(30);
    expect(cleared).toMatchObject({ points: null, revision: 2 });
    await save(cast.municipality, [{ question: 30, value: '1', note: '', baseRevision: 2 }]);
    expect((await stored(30))?.revision).toBe(3);
  });

  it('keeps every revision in the history', async () => {
    const rows = (await database.db.execute(
      sql`select revision, points from answer_revisions
          where round_id = 'samen' and municipality_code = '0363' and question = 29
          order by revision`,
    )) as unknown as { rows: { revision: number; points: number | null }[] };
    expect(rows.rows).toEqual([
      { revision: 1, points: 1 },
      { revision: 2, points: null },
      { revision: 3, points: 2 },
    ]);
  });
});
