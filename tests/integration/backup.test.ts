/**
 * Backups that come back whole (issue 8, item 6): a populated database (accounts, rounds,
 * answers with their revisions, the audit trail, the reference data) is backed up with
 * `bfm backup`, restored with `bfm restore` into a fresh database, and every table is
 * compared. PGlite writes its own logical format, PostgreSQL pg_dump's.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle } from 'drizzle-orm/pglite';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { MIGRATIONS_FOLDER, type Database, type DatabaseHandle } from '../../src/db/client.ts';
import { readDatabaseContents, type DatabaseContents } from '../../src/db/logical-dump.ts';
import * as schema from '../../src/db/schema.ts';
import { backUpDatabase } from '../../src/services/backup-service.ts';
import { openApplicationDatabase } from '../../src/services/database.ts';
import { saveAnswers } from '../../src/services/questionnaire-service.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { bfm } from '../support/cli.ts';
import {
  createTestEnvironment,
  testDatabaseKind,
  type TestEnvironment,
} from '../support/database.ts';
import { seedCastWithOpenRound } from '../support/factories.ts';

async function withDatabase<T>(
  environment: TestEnvironment,
  run: (handle: DatabaseHandle) => Promise<T>,
) {
  const handle = await openApplicationDatabase(parseEnv(environment.env));
  try {
    return await run(handle);
  } finally {
    await handle.close();
  }
}

const readEverything = (environment: TestEnvironment): Promise<DatabaseContents> =>
  withDatabase(environment, (handle) => readDatabaseContents(handle.db));

/** How many rows each table holds, for messages that say which table differs. */
const rowCounts = (contents: DatabaseContents) =>
  Object.fromEntries(contents.tables.map((table) => [table.name, table.rows.length]));

let dir: string;
let source: TestEnvironment;
let original: DatabaseContents;
const environments: TestEnvironment[] = [];

async function freshEnvironment(): Promise<TestEnvironment> {
  const environment = await createTestEnvironment();
  environments.push(environment);
  return environment;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bfm-backup-'));
  source = await freshEnvironment();
  await withDatabase(source, async ({ db }) => {
    await loadReferenceData(db);
    const { cast, roundId } = await seedCastWithOpenRound(db);
    const mantelzorg = { roundId, municipalityCode: '0363', questionnaire: 'mantelzorg' };
    await saveAnswers(db, cast.municipality, mantelzorg, [
      { question: 17, value: '3', note: 'Via het Wmo-loket', baseRevision: 0 },
      { question: 18, value: ['aanbod', 'ziekten'], note: '', baseRevision: 0 },
    ]);
    await saveAnswers(db, cast.advisor, mantelzorg, [
      {
        question: 17,
        value: '2',
        note: 'Met "aanhalingstekens", een\nnieuwe regel en é',
        baseRevision: 1,
      },
      { question: 18, value: null, note: '', baseRevision: 1 },
    ]);
  });
  original = await readEverything(source);
});

afterAll(async () => {
  for (const environment of environments) await environment.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('bfm backup and bfm restore', () => {
  it('back up a populated database and restore every table, row for row, into a fresh one', async () => {
    // The population reaches the tables a backup must not lose.
    const counts = rowCounts(original);
    for (const table of ['users', 'rounds', 'answers', 'answer_revisions', 'audit_events'])
      expect(counts[table], table).toBeGreaterThan(0);

    const file = join(dir, 'volledig.backup');
    const backup = await bfm(source.env, 'backup', file);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toContain(`Back-up geschreven naar ${file}`);
    const format = (await readFile(file)).subarray(0, 5).toString('latin1');
    expect(format === 'PGDMP').toBe(testDatabaseKind === 'postgres');

    const target = await freshEnvironment();
    expect(await bfm(target.env, 'restore', file)).toEqual({
      code: 0,
      stdout: `Back-up ${file} teruggezet.`,
      stderr: '',
    });
    const restored = await readEverything(target);
    expect(rowCounts(restored)).toEqual(rowCounts(original));
    expect(restored).toEqual(original);
  });

  it('refuses to overwrite a database with data in it unless --force is given', async () => {
    const file = join(dir, 'overschrijven.backup');
    expect((await bfm(source.env, 'backup', file)).code).toBe(0);
    const target = await freshEnvironment();
    await withDatabase(target, ({ db }) => loadReferenceData(db));
    const before = await readEverything(target);

    const refused = await bfm(target.env, 'restore', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^De database is niet leeg \(\d+ rijen\)\..*--force/);
    expect(await readEverything(target)).toEqual(before);

    const forced = await bfm(target.env, 'restore', file, '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/rijen vervangen/);
    expect(await readEverything(target)).toEqual(original);
  });

  it('restores a backup of an older version of the embedded database, also on PostgreSQL, and migrates it to this version', async () => {
    // An embedded database of the version before the latest migration.
    const older = join(dir, 'oudere-migraties');
    await cp(MIGRATIONS_FOLDER, older, { recursive: true });
    const journalPath = join(older, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: unknown[] };
    const all = journal.entries.length;
    await writeFile(
      journalPath,
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }),
    );
    const client = await PGlite.create('memory://');
    const db = drizzle({ client, schema }) as unknown as Database;
    await migratePglite(drizzle({ client }), { migrationsFolder: older });
    const file = join(dir, 'ouder.backup');
    const handle: DatabaseHandle = {
      db,
      kind: 'pglite',
      migrate: async () => {},
      describeHolder: () => {},
      close: () => client.close(),
    };
    await backUpDatabase(handle, file);
    await handle.close();

    const target = await freshEnvironment();
    expect((await bfm(target.env, 'restore', file)).code).toBe(0);
    const restored = await readEverything(target);
    expect(restored.migrations).toHaveLength(all);
  });

  it('refuses a file that is no backup, and a damaged backup, without changing anything', async () => {
    const target = await freshEnvironment();
    const notABackup = join(dir, 'antwoorden.csv');
    await writeFile(notABackup, 'meting;gemeente\n');
    const refused = await bfm(target.env, 'restore', notABackup);
    expect(refused).toMatchObject({ code: 2 });
    expect(refused.stderr).toContain('is geen back-up van Basisfunctiemonitor');

    if (testDatabaseKind === 'pglite') {
      const whole = await readFile(join(dir, 'volledig.backup'));
      const cut = join(dir, 'afgebroken.backup');
      await mkdir(dir, { recursive: true });
      await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
      const damaged = await bfm(target.env, 'restore', cut);
      expect(damaged.code).toBe(2);
      expect(damaged.stderr).toContain('is beschadigd of onvolledig');
      expect((await readEverything(target)).tables.every((table) => table.rows.length === 0)).toBe(
        true,
      );
    }
  });
});
