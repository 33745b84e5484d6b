/**
 * One writer per embedded database. PGlite is a single-process PostgreSQL: a second process
 * on the same data folder (an import while `bfm serve` runs) corrupted it, lost saves or left
 * it unopenable. Every opener of a data folder therefore takes this lock first: a file in the
 * folder, created atomically (O_EXCL), that names its holder. A lock whose holder is gone (a
 * `kill -9`, a power loss) is taken over; a live holder makes the second process refuse.
 */
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

export const LOCK_FILE_NAME = 'bfm.lock';

/** What the lock file says about the process that holds the folder. */
export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** ISO 8601. */
  readonly startedAt: string;
  /** What the holder runs, e.g. `bfm serve op http://127.0.0.1:3000/`. */
  readonly command: string;
  /** Tells this lock apart from a later one of the same process id. */
  readonly token: string;
}

/** A held lock; release it when the database is closed. */
export interface DataFolderLock {
  readonly path: string;
  /** Rewrites what the lock file says the holder runs (e.g. once the server's address is known). */
  describe(command: string): void;
  release(): void;
}

/** Formats a moment as Dutch readers expect it, in the server's time zone. */
function formatMoment(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** The data folder is held by another live process; the message says what to do. */
export class DataFolderLockedError extends Error {
  readonly holder: LockHolder;
  readonly lockPath: string;

  constructor(dataDir: string, lockPath: string, holder: LockHolder) {
    const where =
      holder.hostname === hostname()
        ? `proces ${holder.pid}`
        : `proces ${holder.pid} op ${holder.hostname}`;
    super(
      `De database in ${dataDir} is in gebruik door een ander programma: ${holder.command} ` +
        `(${where}, sinds ${formatMoment(holder.startedAt)}). Er mag maar één programma tegelijk ` +
        `in deze map schrijven, anders raakt de database beschadigd.\n` +
        `Wat u kunt doen:\n` +
        `  - Stop dat programma eerst (Ctrl+C in zijn venster, of kill ${holder.pid}) en voer deze opdracht dan opnieuw uit.\n` +
        `  - Of doe het werk in de webapplicatie terwijl de server draait: een bestand importeren op ` +
        `/metingen/<meting>/importeren, accounts aanmaken op de pagina Accounts.\n` +
        `  - Draait dat programma zeker niet meer (bijvoorbeeld op een andere computer die de map deelt)? ` +
        `Verwijder dan ${lockPath}.`,
    );
    this.name = 'DataFolderLockedError';
    this.holder = holder;
    this.lockPath = lockPath;
  }
}

/** Locks this process holds, by lock file path: released at exit, refused to a second opener. */
const held = new Map<string, { token: string; release: () => void }>();
let exitHooksInstalled = false;

/**
 * Releases every held lock when the process ends. On a signal the lock is released only when
 * nobody else listens: then the signal's default (ending the process) follows; otherwise the
 * other listener (the server's graceful stop) closes the database, which releases the lock.
 */
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const lock of [...held.values()]) lock.release();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return;
      for (const lock of [...held.values()]) lock.release();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Whether a process with this id runs on this machine. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // After a reboot or a container restart the id may belong to another program now; where
  // Linux tells (/proc), a process that is not Node.js is not the holder.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string') return undefined;
    return {
      pid: parsed.pid,
      hostname: parsed.hostname,
      startedAt: typeof parsed.startedAt === 'string' ? parsed.startedAt : '',
      command: typeof parsed.command === 'string' ? parsed.command : 'een onbekend programma',
      token: typeof parsed.token === 'string' ? parsed.token : '',
    };
  } catch {
    // No lock file, or a half-written one (the holder died while writing it): no one holds it.
    return undefined;
  }
}

/** Whether the holder is gone: a dead process on this machine, or a lock that names no one. */
function isStale(holder: LockHolder | undefined, path: string): boolean {
  if (holder === undefined) return true;
  if (holder.hostname !== hostname()) return false;
  if (holder.pid === process.pid) return held.get(path)?.token !== holder.token;
  return !isAlive(holder.pid);
}

function writeExclusive(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a stale lock out of the way. Two processes may find the same stale lock; the rename
 * lets only one of them remove it, and a lock that changed since it was read (the other one
 * already took over) is put back.
 */
function removeStale(path: string, stale: LockHolder | undefined): void {
  const aside = `${path}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  if (stale !== undefined && moved !== undefined && moved.token !== stale.token) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone holds the folder again; their lock stands.
    }
  }
  unlinkSync(aside);
}

/**
 * Takes the exclusive lock on a PGlite data folder.
 *
 * @param onTakeover called when a stale lock (of a process that is gone) is taken over
 * @throws {DataFolderLockedError} when a live process holds the folder (also this process)
 */
export function lockDataFolder(
  dataDir: string,
  command: string,
  onTakeover: (stale: LockHolder | undefined) => void = () => {},
): DataFolderLock {
  const path = join(resolve(dataDir), LOCK_FILE_NAME);
  let holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    command,
    token: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; ; attempt += 1) {
    if (writeExclusive(path, holder)) break;
    const existing = readHolder(path);
    // A second try that still finds a live holder is a real refusal; more tries only race.
    if (!isStale(existing, path) || attempt >= 3) {
      throw new DataFolderLockedError(
        dataDir,
        path,
        existing ?? { ...holder, command: 'een onbekend programma' },
      );
    }
    onTakeover(existing);
    removeStale(path, existing);
  }

  const release = () => {
    if (held.get(path)?.token !== holder.token) return;
    held.delete(path);
    // Remove only our own lock: after a takeover the file may be another process's.
    if (readHolder(path)?.token === holder.token) {
      try {
        unlinkSync(path);
      } catch {
        // Already gone (the folder was removed): nothing to release.
      }
    }
  };
  held.set(path, { token: holder.token, release });
  installExitHooks();
  return {
    path,
    describe(newCommand) {
      if (held.get(path)?.token !== holder.token) return;
      holder = { ...holder, command: newCommand };
      // Write aside and rename, so a reader never sees half a lock.
      const next = `${path}.${holder.token}.next`;
      const fd = openSync(next, 'w', 0o644);
      try {
        writeSync(fd, `${JSON.stringify(holder, null, 2)}\n`);
      } finally {
        closeSync(fd);
      }
      renameSync(next, path);
    },
    release,
  };
}
