/**
 * `bfm wmo-plannen import` (issue 12, helper C): the Wmo plan statuses of a round from a
 * spreadsheet, all or nothing. The services are imported inside run(), as in the other command
 * modules, so that the command table stays light.
 */
import { defineCommand } from './command.ts';

export const wmoPlanImportCommand = defineCommand({
  name: 'wmo-plannen import',
  usage: 'BESTAND --round ID [--by ADRES] [--json]',
  summary: 'de stand van de Wmo-beleidsplannen importeren uit CSV of .xlsx (alles of niets)',
  details:
    'Kolommen: gemeentecode,opgenomen,periode,titel,url; opgenomen is ja, gedeeltelijk of nee, ' +
    'periode bijvoorbeeld 2012-2015. Elke regel wordt eerst gecontroleerd; is er één fout, dan ' +
    'wordt niets opgeslagen en staan alle foute regels met hun regelnummer in de melding. ' +
    'Geïmporteerde standen gelden als bevestigd door wie importeert, en komen per gemeente in ' +
    'het logboek. Het formaat staat in docs/wmo-plans.md.',
  arguments: [
    { name: 'BESTAND', required: true, description: 'het bestand: CSV (UTF-8) of Excel (.xlsx)' },
  ],
  options: {
    round: {
      type: 'string',
      required: true,
      value: 'ID',
      description: "de meting waarvoor de stand geldt (zie 'bfm rounds')",
    },
    by: {
      type: 'string',
      value: 'ADRES',
      description:
        'het e-mailadres van de coördinator die importeert; komt in het logboek en als bevestiger (zonder: "bfm wmo-plannen import")',
    },
    json: { type: 'boolean', description: 'het resultaat als JSON tonen' },
  },
  run: async ({ options, arguments: [file = ''] }, context) =>
    context.withDatabase(async ({ db }) => {
      const [{ ensureReferenceData }, { importWmoPlanFile, resolveWmoPlanImporter }, errors] =
        await Promise.all([
          import('../services/reference-data.ts'),
          import('../services/import/wmo-plan-import.ts'),
          import('../services/import/import-errors.ts'),
        ]);
      await ensureReferenceData(db);
      const actor =
        options.by === undefined ? undefined : await resolveWmoPlanImporter(db, options.by);
      const result = await importWmoPlanFile(db, file, {
        roundId: options.round ?? '',
        ...(actor ? { actor } : {}),
      }).catch((error: unknown) => {
        // The database's own message stays in the log (stderr), never in the answer.
        if (error instanceof errors.ImportFailedError)
          context.logger().error({ err: error.cause }, 'wmo plan import failed while writing');
        throw error;
      });
      context.print(
        options.json,
        result,
        () =>
          `${result.rows} regels gelezen. Meting ${result.round}: ${result.inserted} nieuw, ${result.updated} bijgewerkt; ` +
          `${result.included} ja, ${result.partly} gedeeltelijk, ${result.notIncluded} nee. Alle standen gelden als bevestigd.`,
      );
      return 0;
    }),
});
