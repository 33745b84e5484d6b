/**
 * `bfm export`: the answers of a round as CSV, Excel or SPSS files for researchers
 * (docs/exports.md, the variables in docs/codebook.md).
 *
 * The services are imported inside run(), not at the top: the command table is loaded for
 * every `bfm` call, help included (run-cli.ts).
 */
import { defineCommand } from './command.ts';
import { CliUsageError } from './errors.ts';

const FORMATS = ['csv', 'xlsx', 'spss'] as const;

export const exportCommand = defineCommand({
  name: 'export',
  usage: '--round ID --format csv|xlsx|spss --out MAP',
  summary: 'de antwoorden van een meting als CSV, Excel of SPSS',
  details:
    'Eén bestand per vragenlijst, ID-vrijwilligerswerk en ID-mantelzorg: een rij per gemeente ' +
    'die de vragenlijst heeft ingevuld, een kolom per vraag, met de cijfers per basisfunctie. ' +
    'Voor SPSS een syntaxbestand (.sps) met het databestand (.dat) ernaast; voer het uit in ' +
    'die map. De variabelen staan in docs/codebook.md.',
  options: {
    round: {
      type: 'string',
      required: true,
      value: 'ID',
      description: "de meting, bijvoorbeeld demo-2009 (zie 'bfm rounds')",
    },
    format: {
      type: 'string',
      required: true,
      value: 'FORMAAT',
      description: 'csv, xlsx of spss',
    },
    out: {
      type: 'string',
      required: true,
      value: 'MAP',
      description: 'de map voor de bestanden (wordt gemaakt als ze er niet is)',
    },
  },
  run: async ({ options }, context) => {
    const format = FORMATS.find((candidate) => candidate === options.format);
    if (!format) {
      throw new CliUsageError(
        `Onbekend formaat '${options.format ?? ''}'. Kies csv, xlsx of spss.`,
      );
    }
    return context.withDatabase(async ({ db }) => {
      const { exportAnswersToFolder } = await import('../services/export/export-folder.ts');
      const result = await exportAnswersToFolder(
        db,
        options.round ?? '',
        format,
        options.out ?? '',
      );
      const counts = Object.entries(result.rows)
        .map(([questionnaire, rows]) => `${questionnaire} ${rows} gemeenten`)
        .join(', ');
      context.io.stdout(
        [
          `Antwoorden geschreven (${counts})${result.synthetic ? ', synthetische gegevens (demo)' : ''}:`,
          ...result.files.map((file) => `  ${file}`),
        ].join('\n'),
      );
      return 0;
    });
  },
});
