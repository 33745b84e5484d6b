/**
 * Backups and restores (`bfm backup`, `bfm restore`).
 *
 * - PGlite: a logical dump made by the process that holds the data folder (the lock keeps
 *   every other process out), read in one snapshot: never a copy of a live folder. The file
 *   is gzipped JSON lines, every value in PostgreSQL's text form, so it also restores into
 *   PostgreSQL (moving from the embedded database to a server).
 * - PostgreSQL: the standard `pg_dump` custom format, restored with `pg_restore`.
 *
 * A restore replaces the whole database, refuses a database with data in it unless forced,
 * and leaves the schema at the backup's migration: the caller migrates afterwards, so an
 * older backup comes up to this version.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/client.ts';
import {
  countRows,
  dropApplicationSchemas,
  readDatabaseContents,
  replaceDatabaseContents,
  UnknownMigrationsError,
  type DatabaseContents,
  type TableContents,
} from '../db/logical-dump.ts';
import { ConflictError, UserInputError } from './errors.ts';

export const BACKUP_FORMAT = 'basisfunctiemonitor-backup';

const HeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  source: z.enum(['pglite', 'postgres']),
  migrations: z.array(z.object({ hash: z.string(), createdAt: z.number() })),
});
const TableHeaderSchema = z.object({
  table: z.string().min(1),
  columns: z.array(z.string().min(1)),
  rows: z.number().int().nonnegative(),
});
const RowSchema = z.array(z.string().nullable());
const SequencesSchema = z.object({
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string().nullable() })),
});
const EndSchema = z.object({ end: z.literal(true), tables: z.number().int() });

export interface BackupResult {
  readonly file: string;
  readonly format: 'bfm' | 'pg_dump';
  /** Rows per table (the bfm format only; pg_dump keeps its own count). */
  readonly tables: Readonly<Record<string, number>>;
}

export interface RestoreResult {
  readonly file: string;
  readonly format: 'bfm' | 'pg_dump';
  /** Rows in the database before it was replaced (0 unless forced). */
  readonly replacedRows: number;
}

/** The first bytes of a file: gzip (our format) or PGDMP (pg_dump's custom format). */
async function detectFormat(file: string): Promise<'bfm' | 'pg_dump'> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    throw new UserInputError(`Het bestand ${file} bestaat niet of kan niet worden gelezen.`);
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    const start = buffer.subarray(0, bytesRead);
    if (start.toString('latin1') === 'PGDMP') return 'pg_dump';
    if (start[0] === 0x1f && start[1] === 0x8b) return 'bfm';
  } finally {
    await handle.close();
  }
  throw new UserInputError(
    `${file} is geen back-up van Basisfunctiemonitor: maak er een met bfm backup BESTAND.`,
  );
}

// ---------------------------------------------------------------------------------------
// The bfm format

function* backupLines(contents: DatabaseContents, source: 'pglite' | 'postgres') {
  yield {
    format: BACKUP_FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    source,
    migrations: contents.migrations,
  };
  for (const table of contents.tables) {
    yield { table: table.name, columns: table.columns, rows: table.rows.length };
    for (const row of table.rows) yield row;
  }
  yield { sequences: contents.sequences };
  // A backup cut short (a full disk) lacks this line and is refused on restore.
  yield { end: true, tables: contents.tables.length };
}

async function writeBfmBackup(handle: DatabaseHandle, file: string): Promise<BackupResult> {
  const contents = await readDatabaseContents(handle.db);
  const lines = Readable.from(
    (function* () {
      for (const line of backupLines(contents, handle.kind)) yield `${JSON.stringify(line)}\n`;
    })(),
  );
  // Written aside and renamed, so FILE is either the old backup or a whole new one.
  const partial = `${file}.deels`;
  try {
    await pipeline(lines, createGzip(), createWriteStream(partial));
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw new UserInputError(
      `De back-up kan niet naar ${file} worden geschreven (${(error as NodeJS.ErrnoException).code ?? 'fout'}). Controleer de map en de vrije schijfruimte.`,
    );
  }
  return {
    file,
    format: 'bfm',
    tables: Object.fromEntries(contents.tables.map((table) => [table.name, table.rows.length])),
  };
}

const damaged = (file: string, detail: string) =>
  new UserInputError(
    `De back-up ${file} is beschadigd of onvolledig (${detail}); er is niets teruggezet.`,
  );

async function readBfmBackup(file: string): Promise<DatabaseContents> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  const iterator = lines[Symbol.asyncIterator]();
  let lineNumber = 0;
  const next = async (): Promise<unknown> => {
    const { value, done } = await iterator.next();
    if (done) throw damaged(file, `het bestand houdt op na regel ${lineNumber}`);
    lineNumber += 1;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw damaged(file, `regel ${lineNumber} is geen JSON`);
    }
  };
  const expect = <T extends z.ZodType>(schema: T, value: unknown): z.infer<T> => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw damaged(file, `regel ${lineNumber} is niet wat er hoort te staan`);
    return parsed.data;
  };
  try {
    const header = expect(HeaderSchema, await next());
    const tables: TableContents[] = [];
    for (;;) {
      const line = await next();
      const sequences = SequencesSchema.safeParse(line);
      if (sequences.success) {
        const end = expect(EndSchema, await next());
        if (end.tables !== tables.length) throw damaged(file, 'er ontbreken tabellen');
        return { migrations: header.migrations, tables, sequences: sequences.data.sequences };
      }
      const table = expect(TableHeaderSchema, line);
      const rows: (string | null)[][] = [];
      for (let i = 0; i < table.rows; i += 1) {
        const row = expect(RowSchema, await next());
        if (row.length !== table.columns.length)
          throw damaged(file, `regel ${lineNumber} heeft te weinig of te veel waarden`);
        rows.push(row);
      }
      tables.push({ name: table.table, columns: table.columns, rows });
    }
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    throw damaged(file, 'het is geen leesbaar gzip-bestand');
  } finally {
    lines.close();
  }
}

// ---------------------------------------------------------------------------------------
// pg_dump and pg_restore

/** A PostgreSQL client program: on the PATH, or in Debian's versioned folders. */
function findPostgresProgram(name: 'pg_dump' | 'pg_restore'): string {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder && existsSync(join(folder, name))) return join(folder, name);
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((version) => /^\d+$/.test(version))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const path = join(debian, version, 'bin', name);
      if (existsSync(path)) return path;
    }
  }
  throw new UserInputError(
    `${name} is niet gevonden. Een back-up van PostgreSQL gebruikt de programma's pg_dump en ` +
      `pg_restore: installeer ze (Debian en Ubuntu: apt-get install postgresql-client, van ` +
      `dezelfde of een nieuwere versie dan de server) of zet hun map in PATH.`,
  );
}

/**
 * The connection as libpq's variables, so the password never appears on a command line
 * (where `ps` shows it to every user of the machine).
 */
function connectionEnvironment(databaseUrl: string): NodeJS.ProcessEnv {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.hostname) env.PGHOST = decodeURIComponent(url.hostname);
  if (url.port) env.PGPORT = url.port;
  if (url.username) env.PGUSER = decodeURIComponent(url.username);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database) env.PGDATABASE = database;
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** Runs a PostgreSQL client program; its error output becomes part of a Dutch message. */
async function runPostgresProgram(
  name: 'pg_dump' | 'pg_restore',
  args: readonly string[],
  databaseUrl: string,
): Promise<void> {
  const program = findPostgresProgram(name);
  const stderr: Buffer[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(program, args, {
      env: connectionEnvironment(databaseUrl),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve(status ?? 1));
  });
  if (code !== 0) {
    const detail = Buffer.concat(stderr).toString('utf8').trim().split('\n').slice(0, 5).join('\n');
    throw new UserInputError(`${name} is mislukt (afsluitcode ${code}):\n${detail}`);
  }
}

/** Empties a PostgreSQL database: the application's schema and drizzle's bookkeeping. */
async function dropSchemas(handle: DatabaseHandle): Promise<void> {
  await handle.db.transaction((tx) => dropApplicationSchemas(tx));
}

// ---------------------------------------------------------------------------------------
// The use cases

/**
 * Writes a backup of the whole database to `file`.
 *
 * @param databaseUrl the PostgreSQL connection string (required when handle.kind is postgres)
 * @throws {UserInputError} when the file cannot be written or pg_dump fails or is missing
 */
export async function backUpDatabase(
  handle: DatabaseHandle,
  file: string,
  databaseUrl?: string,
): Promise<BackupResult> {
  if (handle.kind === 'pglite') return writeBfmBackup(handle, file);
  if (!databaseUrl) throw new Error('backUpDatabase: a PostgreSQL handle needs its URL');
  const partial = `${file}.deels`;
  try {
    await runPostgresProgram(
      'pg_dump',
      ['--format=custom', '--no-owner', `--file=${partial}`],
      databaseUrl,
    );
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  return { file, format: 'pg_dump', tables: {} };
}

/**
 * Replaces the database by a backup. The schema is left at the backup's migration: migrate
 * afterwards (handle.migrate()).
 *
 * @throws {ConflictError} when the database has data and `force` is not set
 * @throws {UserInputError} when the file is no backup, is damaged, comes from a newer version,
 *   or is a pg_dump file while the database is PGlite
 */
export async function restoreDatabase(
  handle: DatabaseHandle,
  file: string,
  options: { readonly force?: boolean; readonly databaseUrl?: string | undefined } = {},
): Promise<RestoreResult> {
  const format = await detectFormat(file);
  if (format === 'pg_dump' && handle.kind === 'pglite') {
    throw new UserInputError(
      `${file} is een back-up van PostgreSQL (pg_dump). Zet die terug op een PostgreSQL-server ` +
        `(DATABASE_URL), niet in de ingebouwde database.`,
    );
  }
  // Read and check the whole file before anything is replaced.
  const contents = format === 'bfm' ? await readBfmBackup(file) : undefined;
  const replacedRows = await countRows(handle.db);
  if (replacedRows > 0 && options.force !== true) {
    throw new ConflictError(
      `De database is niet leeg (${replacedRows} rijen). Terugzetten vervangt alles wat erin ` +
        `staat; maak eerst een back-up met bfm backup en geef dan --force, of zet terug in een lege database.`,
    );
  }
  if (contents) {
    try {
      await replaceDatabaseContents(handle.db, contents);
    } catch (error) {
      if (error instanceof UnknownMigrationsError) {
        throw new UserInputError(
          error.newer
            ? `De back-up ${file} komt van een nieuwere versie van Basisfunctiemonitor. Zet hem terug met die versie (of een nieuwere).`
            : `De back-up ${file} past niet bij deze versie van Basisfunctiemonitor (andere migraties). Zet hem terug met de versie waarmee hij is gemaakt.`,
        );
      }
      throw error;
    }
    return { file, format, replacedRows };
  }
  if (!options.databaseUrl) throw new Error('restoreDatabase: a PostgreSQL handle needs its URL');
  await dropSchemas(handle);
  // pg_restore writes a script to stdout unless it has --dbname; the name is no secret, the
  // rest of the connection comes from the environment.
  const database = decodeURIComponent(new URL(options.databaseUrl).pathname.replace(/^\//, ''));
  await runPostgresProgram(
    'pg_restore',
    [
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${database || 'postgres'}`,
      file,
    ],
    options.databaseUrl,
  );
  return { file, format, replacedRows };
}
