/**
 * One writer per embedded database (issue 8, item 1): a second process on a PGlite data
 * folder corrupted it or lost saves. The folder is locked by whoever opens it; a second
 * process is refused with a Dutch message naming the holder, a lock left by a process that
 * is gone is taken over, and a folder PGlite cannot open gives a message instead of a hang.
 * PGlite only: PostgreSQL serves many processes itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../src/db/data-folder-lock.ts';
import { DataFolderLockedError, openDatabase } from '../../src/db/client.ts';
import { countRows } from '../../src/db/logical-dump.ts';
import { openApplicationDatabase } from '../../src/services/database.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { startAppProcess } from '../support/app-process.ts';
import { runBfmProcess } from '../support/bfm-process.ts';
import { seedCastWithOpenRound } from '../support/factories.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/antwoorden-voorbeeld.csv', import.meta.url));

/** Runs `bfm` as its own process on the data folder, as an operator would in a second terminal. */
const runBfm = (dataDir: string, ...args: string[]) =>
  runBfmProcess({ BFM_DATA_DIR: dataDir }, args, 'EenLangGenoegWachtwoord-2026!\n');

describe('the PGlite data folder lock', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bfm-lock-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second process on a held folder with a Dutch message, and the data stays intact', async () => {
    const dataDir = join(dir, 'held');
    const env = { BFM_DATA_DIR: dataDir };
    const first = await openApplicationDatabase(env);
    await loadReferenceData(first.db);
    await seedCastWithOpenRound(first.db);
    const before = await countRows(first.db);

    const imported = await runBfm(dataDir, 'import', EXAMPLE);
    const account = await runBfm(
      dataDir,
      'user',
      'create',
      '--role',
      'analyst',
      '--email',
      'tweede@example.nl',
      '--password-stdin',
    );
    for (const second of [imported, account]) {
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(
        `De database in ${dataDir} is in gebruik door een ander programma`,
      );
      expect(second.stderr).toContain(`proces ${process.pid}`);
      expect(second.stderr).toContain('Stop dat programma eerst');
      expect(second.stderr).toContain('/metingen/<meting>/importeren');
      expect(second.stderr).toContain('de pagina Accounts');
      expect(second.stderr).not.toContain('Aborted');
    }

    // Nothing of the refused processes arrived, and the folder still opens after the holder stops.
    expect(await countRows(first.db)).toBe(before);
    await first.close();
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
    const again = await openApplicationDatabase(env);
    expect(await countRows(again.db)).toBe(before);
    await again.close();
  });

  it('refuses bfm import and bfm backup while bfm serve runs on the folder, naming the server and its address', async () => {
    const dataDir = join(dir, 'served');
    const server = await startAppProcess({ BFM_DATA_DIR: dataDir });
    try {
      const imported = await runBfm(dataDir, 'import', EXAMPLE);
      expect(imported.code).toBe(2);
      expect(imported.stderr).toContain(
        `is in gebruik door een ander programma: bfm serve op ${server.url}/ (proces ${server.child.pid},`,
      );
      expect(imported.stdout).toBe('');
      // A backup would read the live folder: it asks to stop the server for those seconds.
      const backup = await runBfm(dataDir, 'backup', join(dir, 'live.backup'));
      expect(backup.code).toBe(2);
      expect(backup.stderr).toContain(`bfm serve op ${server.url}/`);
      expect(backup.stderr).toContain('Voor een back-up of het terugzetten ervan: stop de server');
      expect(existsSync(join(dir, 'live.backup'))).toBe(false);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
    // The server's data is whole: the import runs once the server has stopped.
    const after = await runBfm(dataDir, 'import', EXAMPLE);
    expect(after.code).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('refuses the same folder twice in one process', async () => {
    const dataDir = join(dir, 'twice');
    const first = await openDatabase({ dataDir, holder: 'eerste opener' });
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataFolderLockedError);
    await expect(openDatabase({ dataDir })).rejects.toThrow('eerste opener');
    await first.close();
    const second = await openDatabase({ dataDir });
    await second.close();
  });

  it('names the holder with its command, process id, host and start in the lock file', async () => {
    const dataDir = join(dir, 'described');
    const handle = await openDatabase({ dataDir, holder: 'bfm serve' });
    handle.describeHolder('bfm serve op http://127.0.0.1:3000/');
    const lock = JSON.parse(await readFile(join(dataDir, LOCK_FILE_NAME), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(lock).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      command: 'bfm serve op http://127.0.0.1:3000/',
    });
    expect(Number.isNaN(Date.parse(String(lock.startedAt)))).toBe(false);
    await handle.close();
  });

  it('takes over the lock of a process that is gone, and says so', async () => {
    const dataDir = join(dir, 'stale');
    await mkdir(dataDir, { recursive: true });
    // The id of a process that has ended: a lock left behind by a kill -9.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const stale = {
      pid: gone,
      hostname: hostname(),
      startedAt: '2026-01-01T00:00:00Z',
      command: 'bfm serve',
      token: 'oud',
    };
    await writeFile(join(dataDir, LOCK_FILE_NAME), JSON.stringify(stale));
    const takenOver: unknown[] = [];
    const handle = await openDatabase({ dataDir, onStaleLock: (holder) => takenOver.push(holder) });
    expect(takenOver).toEqual([stale]);
    await handle.close();
  });

  it('takes over a lock whose process id now belongs to another program (after a reboot)', async () => {
    const dataDir = join(dir, 'reused');
    await mkdir(dataDir, { recursive: true });
    const other = spawn('sleep', ['30']);
    try {
      const stale = {
        pid: other.pid,
        hostname: hostname(),
        startedAt: '2026-01-01T00:00:00Z',
        command: 'bfm serve',
        token: 'oud',
      };
      await writeFile(join(dataDir, LOCK_FILE_NAME), JSON.stringify(stale));
      const takenOver: unknown[] = [];
      const handle = await openDatabase({
        dataDir,
        onStaleLock: (holder) => takenOver.push(holder),
      });
      expect(takenOver).toEqual([stale]);
      await handle.close();
    } finally {
      other.kill();
    }
  });

  it('leaves an in-memory database unlocked', async () => {
    const first = await openDatabase({ dataDir: 'memory://' });
    const second = await openDatabase({ dataDir: 'memory://' });
    await Promise.all([first.close(), second.close()]);
  });
});

describe('bfm serve on a folder PGlite cannot open', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bfm-damaged-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['a damaged database', 'PG_VERSION', 'rommel\n', 'de map is beschadigd'],
    [
      'a folder of other files',
      'notities.txt',
      'geen database\n',
      'de map bevat andere bestanden (notities.txt)',
    ],
  ])(
    'exits with a Dutch message for %s, not a hang or Aborted()',
    async (_, name, content, why) => {
      const dataDir = join(dir, name);
      await mkdir(dataDir);
      await writeFile(join(dataDir, name), content);
      const result = await runBfm(dataDir, 'serve', '--port', '0');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`De database in ${dataDir} kan niet worden geopend: ${why}`);
      expect(result.stderr).not.toContain('Aborted');
      expect(result.stdout).toBe('');
      // The refused start leaves no lock behind.
      expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
    },
  );
});
