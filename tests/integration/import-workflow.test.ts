/**
 * Imports respect the workflow: answers of a closed round or of a submitted questionnaire are
 * only changed with an override and a reason; every imported change is in the audit trail as
 * an import (file, who, row count) and the importer is the answers' last editor; a database
 * error never shows its SQL.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/query.ts';
import { listAuditEvents } from '../../src/services/audit-service.ts';
import { describeAuditEvent } from '../../src/services/audit-text.ts';
import { ConflictError, ForbiddenError, UserInputError } from '../../src/services/errors.ts';
import { ImportFailedError } from '../../src/services/import/import-errors.ts';
import { importAnswerFile, planAnswerRows } from '../../src/services/import/import-service.ts';
import {
  ImportBlockedError,
  resolveImportActor,
} from '../../src/services/import/import-workflow.ts';
import { parseAnswerCsv } from '../../src/services/import/read-answer-file.ts';
import { loadInstrument } from '../../src/instruments/index.ts';
import { changeRoundStatus } from '../../src/services/round-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedCastWithOpenRound, type Cast } from '../support/factories.ts';
import { snapshotDatabase } from '../support/snapshot.ts';

const HEADER = 'meting,gemeentecode,vragenlijst,vraag,antwoord';
let database: TestDatabase;
let dir: string;
let cast: Pick<Cast, 'coordinator' | 'advisor'>;
let roundId: string;
let counter = 0;

async function file(lines: string[]): Promise<string> {
  counter += 1;
  const path = join(dir, `aanlevering-${counter}.csv`);
  await writeFile(path, `${[HEADER, ...lines].join('\n')}\n`);
  return path;
}

async function answerRow(code: string, questionnaire: string, question: number) {
  const rows = await queryRows<{
    points: number | null;
    revision: number;
    updated_by: number | null;
  }>(
    database.db,
    sql`select points, revision, updated_by from answers
        where round_id = ${roundId} and municipality_code = ${code}
          and questionnaire = ${questionnaire} and question = ${question}`,
  );
  return rows[0];
}

beforeAll(async () => {
  database = await createTestDatabase({ reference: true });
  dir = await mkdtemp(join(tmpdir(), 'bfm-import-workflow-'));
  ({ cast, roundId } = await seedCastWithOpenRound(database.db, {
    members: ['coordinator', 'advisor'],
  }));
});

afterAll(async () => {
  await database.dispose();
});

describe('imports record who changed what', () => {
  it('records every imported change in the audit trail as an import, with file, importer and row count', async () => {
    const actor = await resolveImportActor(database.db, cast.coordinator.email);
    await importAnswerFile(
      database.db,
      await file([`${roundId},GM0363,mantelzorg,17,3`, `${roundId},GM0363,mantelzorg,19,2`]),
      { actor },
    );
    const events = await listAuditEvents(database.db, roundId, '0363');
    const imported = events.filter((event) => event.action === 'answer.imported');
    expect(imported).toHaveLength(2);
    for (const event of imported) {
      expect(event.actorId).toBe(cast.coordinator.id);
      expect(event.actorLabel).toBe(cast.coordinator.name);
      expect(event.newValue).toMatchObject({
        import: { file: `aanlevering-${counter}.csv`, rows: 2 },
      });
    }
    const described = describeAuditEvent(
      imported.find((event) => event.subject === 'mantelzorg vraag 17')!,
      {
        instrument: loadInstrument('2009'),
        provinceNames: new Map(),
        municipalityNames: new Map(),
      },
    );
    expect(described.kind).toBe('Import');
    expect(described.description).toContain('vraag 17');
    expect(described.description).toContain(
      `Geïmporteerd uit ‘aanlevering-${counter}.csv’ (2 regels)`,
    );
    expect(described.oldText).toBe('geen antwoord');
    expect(described.newText).toBe('Ja, goed voor elkaar');
  });

  it('sets the importer as the last editor of the answer and of its revision', async () => {
    const before = await answerRow('0363', 'mantelzorg', 17);
    expect(before?.updated_by).toBe(cast.coordinator.id);
    await importAnswerFile(database.db, await file([`${roundId},GM0363,mantelzorg,17,1`]), {
      actor: { id: cast.coordinator.id, name: cast.coordinator.name },
    });
    const after = await answerRow('0363', 'mantelzorg', 17);
    expect(after).toEqual({
      points: 1,
      revision: (before?.revision ?? 0) + 1,
      updated_by: cast.coordinator.id,
    });
    const revisions = await queryRows<{ revision: number; updated_by: number | null }>(
      database.db,
      sql`select revision, updated_by from answer_revisions
          where round_id = ${roundId} and municipality_code = '0363'
            and questionnaire = 'mantelzorg' and question = 17 order by revision`,
    );
    expect(revisions.map((r) => r.updated_by)).toEqual(revisions.map(() => cast.coordinator.id));
  });

  it('from the command line without an account, records the import as "bfm import"', async () => {
    await importAnswerFile(database.db, await file([`${roundId},GM0363,mantelzorg,20,3`]));
    const [event] = await listAuditEvents(database.db, roundId, '0363');
    expect(event).toMatchObject({
      action: 'answer.imported',
      actorId: null,
      actorLabel: 'bfm import',
    });
  });

  it('refuses an account that may not import, or does not exist', async () => {
    await expect(resolveImportActor(database.db, cast.advisor.email)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(resolveImportActor(database.db, 'niemand@example.nl')).rejects.toThrow(
      "Er is geen account met het e-mailadres 'niemand@example.nl'.",
    );
  });
});

describe('imports respect the workflow', () => {
  it('refuses to change a submitted questionnaire without an override, naming it, and writes nothing', async () => {
    await importAnswerFile(database.db, await file([`${roundId},GM0014,mantelzorg,17,3`]));
    await database.db.execute(
      sql`update responses set submitted_at = now()
          where round_id = ${roundId} and municipality_code = '0014' and questionnaire = 'mantelzorg'`,
    );
    const before = await snapshotDatabase(database.db);
    const path = await file([`${roundId},GM0014,mantelzorg,17,1`]);
    const error = await importAnswerFile(database.db, path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportBlockedError);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain(
      `in meting ${roundId} is deze vragenlijst al ingediend: GM0014 mantelzorg`,
    );
    expect(await snapshotDatabase(database.db)).toBe(before);
  });

  it('accepts an unchanged answer in a submitted questionnaire: nothing would change', async () => {
    const result = await importAnswerFile(
      database.db,
      await file([`${roundId},GM0014,mantelzorg,17,3`]),
    );
    expect(result.rounds[0]).toMatchObject({ unchanged: 1, updated: 0 });
  });

  it('changes a submitted questionnaire with an override, and keeps the reason in the audit trail', async () => {
    await expect(
      importAnswerFile(database.db, await file([`${roundId},GM0014,mantelzorg,17,1`]), {
        override: { reason: '  ' },
      }),
    ).rejects.toBeInstanceOf(UserInputError);
    await importAnswerFile(database.db, await file([`${roundId},GM0014,mantelzorg,17,1`]), {
      override: { reason: 'gemeente leverde een correctie' },
    });
    expect((await answerRow('0014', 'mantelzorg', 17))?.points).toBe(1);
    const [event] = await listAuditEvents(database.db, roundId, '0014');
    expect(event?.newValue).toMatchObject({
      import: { reason: 'gemeente leverde een correctie' },
    });
  });

  it('refuses to change a closed round without an override', async () => {
    await changeRoundStatus(database.db, cast.coordinator, roundId, 'closed');
    const before = await snapshotDatabase(database.db);
    await expect(
      importAnswerFile(database.db, await file([`${roundId},GM0363,mantelzorg,19,3`])),
    ).rejects.toThrow(`meting ${roundId} is gesloten`);
    expect(await snapshotDatabase(database.db)).toBe(before);
    await importAnswerFile(database.db, await file([`${roundId},GM0363,mantelzorg,19,3`]), {
      override: { reason: 'nagekomen antwoord' },
    });
    expect((await answerRow('0363', 'mantelzorg', 19))?.points).toBe(3);
    await changeRoundStatus(database.db, cast.coordinator, roundId, 'open');
  });

  it('imports only what was previewed: a change in between is a conflict', async () => {
    const rows = parseAnswerCsv(`${HEADER}\n${roundId},GM0363,vrijwilligerswerk,1,2\n`);
    const plan = await planAnswerRows(database.db, rows, undefined);
    await importAnswerFile(database.db, await file([`${roundId},GM0363,vrijwilligerswerk,1,3`]));
    const path = await file([`${roundId},GM0363,vrijwilligerswerk,1,2`]);
    await expect(
      importAnswerFile(database.db, path, { expectedFingerprint: plan.fingerprint }),
    ).rejects.toThrow('De gegevens zijn veranderd sinds de voorvertoning');
  });
});

describe('import errors never show SQL', () => {
  it('turns a database error into a Dutch message without the statement or the values', async () => {
    // A trigger stands in for any failure of the database during the write.
    await database.db.execute(sql`
      create function refuse_import() returns trigger language plpgsql as $$
      begin raise exception 'geweigerd %', new.text; end $$`);
    await database.db.execute(sql`
      create trigger refuse_import before insert or update on answers
      for each row when (new.text = 'geheime-waarde') execute function refuse_import()`);
    try {
      const before = await snapshotDatabase(database.db);
      const error = await importAnswerFile(
        database.db,
        await file([`${roundId},GM0363,mantelzorg,21,geheime-waarde`]),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportFailedError);
      const message = (error as Error).message;
      expect(message).toContain('De import is mislukt door een fout bij het opslaan.');
      expect(message).not.toMatch(/insert|select|update|geheime-waarde|params/i);
      expect(await snapshotDatabase(database.db)).toBe(before);
    } finally {
      await database.db.execute(sql`drop trigger refuse_import on answers`);
      await database.db.execute(sql`drop function refuse_import`);
    }
  });
});
