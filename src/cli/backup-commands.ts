/**
 * `bfm backup` and `bfm restore`: the whole database to a file and back
 * (src/services/backup-service.ts, docs/operations.md).
 */
import type { DatabaseHandle } from '../services/database.ts';
import { defineCommand, type CommandContext } from './command.ts';
import { CliUsageError } from './errors.ts';

/**
 * Runs with the database; a running embedded server holds its folder, and for a backup or
 * restore the way out is to stop it for the few seconds this takes.
 */
async function withDatabaseOrAdvice(
  context: CommandContext,
  run: (handle: DatabaseHandle) => Promise<number>,
): Promise<number> {
  try {
    return await context.withDatabase(run);
  } catch (error) {
    // Loaded here, not at the top: the command table must stay light for help (run-cli.ts).
    const { DataFolderLockedError } = await import('../services/database.ts');
    if (!(error instanceof DataFolderLockedError)) throw error;
    throw new CliUsageError(
      `${error.message}\nVoor een back-up of het terugzetten ervan: stop de server, voer de ` +
        `opdracht uit en start de server weer; dat duurt seconden (docs/operations.md). Met ` +
        `PostgreSQL (DATABASE_URL) kan een back-up terwijl de server draait.`,
    );
  }
}

export const backupCommand = defineCommand({
  name: 'backup',
  usage: 'BESTAND',
  summary: 'een back-up van de hele database naar een bestand schrijven',
  details:
    'Met de ingebouwde database (PGlite) een eigen formaat, gelezen in één moment en ook terug ' +
    'te zetten op PostgreSQL; de server moet dan gestopt zijn, want maar één programma mag de ' +
    'map gebruiken. Met DATABASE_URL het standaardformaat van pg_dump (custom), terwijl de ' +
    'server gewoon draait. Zie docs/operations.md.',
  arguments: [{ name: 'BESTAND', required: true, description: 'het bestand voor de back-up' }],
  options: {},
  run: async ({ arguments: [file = ''] }, context) =>
    withDatabaseOrAdvice(context, async (handle) => {
      const { backUpDatabase } = await import('../services/backup-service.ts');
      const result = await backUpDatabase(handle, file, context.environment().DATABASE_URL);
      const rows = Object.values(result.tables).reduce((sum, count) => sum + count, 0);
      context.io.stdout(
        result.format === 'pg_dump'
          ? `Back-up geschreven naar ${result.file} (formaat pg_dump).`
          : `Back-up geschreven naar ${result.file}: ${Object.keys(result.tables).length} tabellen, ${rows} rijen.`,
      );
      return 0;
    }),
});

export const restoreCommand = defineCommand({
  name: 'restore',
  usage: 'BESTAND [--force]',
  summary: 'de database vervangen door een back-up (daarna bijgewerkt naar deze versie)',
  details:
    'Weigert een database waar al gegevens in staan, tenzij --force. Een back-up van een ' +
    'oudere versie wordt na het terugzetten bijgewerkt met de migraties van deze versie. Een ' +
    'back-up van de ingebouwde database kan ook op PostgreSQL worden teruggezet.',
  arguments: [{ name: 'BESTAND', required: true, description: 'de back-up (van bfm backup)' }],
  options: {
    force: {
      type: 'boolean',
      description: 'ook een database met gegevens vervangen (alles wat erin staat, gaat verloren)',
    },
  },
  run: async ({ options, arguments: [file = ''] }, context) =>
    withDatabaseOrAdvice(context, async (handle) => {
      const { restoreDatabase } = await import('../services/backup-service.ts');
      const result = await restoreDatabase(handle, file, {
        force: options.force,
        databaseUrl: context.environment().DATABASE_URL,
      });
      // The backup may be of an older version: bring its schema up to this one.
      await handle.migrate();
      context.io.stdout(
        `Back-up ${result.file} teruggezet${result.replacedRows > 0 ? ` (${result.replacedRows} rijen vervangen)` : ''}.`,
      );
      return 0;
    }),
});
