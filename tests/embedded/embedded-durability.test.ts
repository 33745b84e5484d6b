/**
 * A saved answer on the embedded database reaches the disk before it is acknowledged
 * (issue 8, item 5; decision 011): PGlite started with fsync off, and its file system could
 * not sync at all. PGlite only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { countDiskSyncs } from '../../src/db/durable-pglite.ts';
import { queryRows } from '../../src/db/query.ts';
import { saveAnswers } from '../../src/services/questionnaire-service.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { seedCastWithOpenRound } from '../support/factories.ts';

describe('the embedded database on disk', () => {
  let dir: string;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bfm-fsync-'));
    handle = await openDatabase({ dataDir: join(dir, 'data') });
    await handle.migrate();
    await loadReferenceData(handle.db);
  });
  afterAll(async () => {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs with fsync on and a WAL sync method that really syncs', async () => {
    const [settings] = await queryRows<{ fsync: string; method: string }>(
      handle.db,
      sql`select current_setting('fsync') as fsync, current_setting('wal_sync_method') as method`,
    );
    expect(settings).toEqual({ fsync: 'on', method: 'fsync' });
  });

  it('syncs the disk before a save is acknowledged', async () => {
    const { cast, roundId } = await seedCastWithOpenRound(handle.db);
    const before = countDiskSyncs();
    await saveAnswers(
      handle.db,
      cast.municipality,
      { roundId, municipalityCode: '0363', questionnaire: 'mantelzorg' },
      [{ question: 17, value: '3', note: '', baseRevision: 0 }],
    );
    expect(countDiskSyncs()).toBeGreaterThan(before);
  });

  it('keeps PGlite fast and unsynced in memory', async () => {
    const memory = await openDatabase({ dataDir: 'memory://' });
    const [row] = await queryRows<{ fsync: string }>(
      memory.db,
      sql`select current_setting('fsync') as fsync`,
    );
    await memory.close();
    expect(row?.fsync).toBe('off');
  });
});
