/**
 * Commands that fill the database: `bfm import`, `bfm reference load`, `bfm demo` and
 * `bfm db migrate`.
 */
import { DEMO_ROUND_ID } from '../services/demo-round-id.ts';
import { defineCommand } from './command.ts';

// The services are imported inside run(): the command table is loaded for every `bfm` call,
// help included, and must stay light (run-cli.ts).
const loadReferenceService = () => import('../services/reference-data.ts');

const JSON_OPTION = { type: 'boolean', description: 'het resultaat als JSON tonen' } as const;

export const importCommand = defineCommand({
  name: 'import',
  usage: 'BESTAND [--round ID] [--json]',
  summary: 'antwoorden importeren uit CSV of .xlsx (alles of niets)',
  details:
    'Elke regel wordt eerst gecontroleerd; is er één fout, dan wordt niets opgeslagen en staan ' +
    'alle foute regels met hun regelnummer in de melding. Een meting die nog niet bestaat, wordt ' +
    'aangemaakt. Het formaat staat in docs/import-format.md.',
  arguments: [
    {
      name: 'BESTAND',
      required: true,
      description: 'het antwoordbestand: CSV (UTF-8) of Excel (.xlsx)',
    },
  ],
  options: {
    round: {
      type: 'string',
      value: 'ID',
      description:
        "alle regels in deze meting importeren; de kolom 'meting' moet dan leeg zijn of gelijk",
    },
    json: JSON_OPTION,
  },
  run: async ({ options, arguments: [file = ''] }, context) =>
    context.withDatabase(async ({ db }) => {
      const [{ ensureReferenceData }, { importAnswerFile }] = await Promise.all([
        loadReferenceService(),
        import('../services/import/import-service.ts'),
      ]);
      await ensureReferenceData(db);
      const result = await importAnswerFile(db, file, { round: options.round });
      context.logger().info({ result }, 'import finished');
      context.print(options.json, result, () =>
        [
          `${result.rows} regels gelezen.`,
          ...result.rounds.map(
            (r) =>
              `Meting ${r.round}${r.created ? ' (nieuw aangemaakt)' : ''}: ${r.inserted} nieuw, ${r.updated} gewijzigd, ` +
              `${r.unchanged} ongewijzigd, ${r.cleared} gewist; ${r.responses} vragenlijsten.`,
          ),
        ].join('\n'),
      );
      return 0;
    }),
});

export const referenceLoadCommand = defineCommand({
  name: 'reference load',
  usage: '[--json]',
  summary: 'register 2009, register 2025 en opvolgers (her)laden',
  options: { json: JSON_OPTION },
  run: async ({ options }, context) =>
    context.withDatabase(async ({ db }) => {
      const { loadReferenceData } = await loadReferenceService();
      const summary = await loadReferenceData(db);
      context.print(
        options.json,
        summary,
        () =>
          `Geladen: register 2009 (${summary.registers['2009']} gemeenten), register 2025 (${summary.registers['2025']} gemeenten), ${summary.successors} opvolgers.`,
      );
      return 0;
    }),
});

export const demoCommand = defineCommand({
  name: 'demo',
  usage: '[--replace]',
  summary: `synthetische demonstratiemeting ${DEMO_ROUND_ID} laden`,
  details:
    'De demonstratiemeting bevat verzonnen antwoorden van een deel van de gemeenten van 2009 en ' +
    'is overal als synthetisch gemarkeerd.',
  options: {
    replace: {
      type: 'boolean',
      description: 'een bestaande demonstratiemeting weggooien en opnieuw opbouwen',
    },
  },
  run: async ({ options }, context) =>
    context.withDatabase(async ({ db }) => {
      const [{ ensureReferenceData }, { loadDemoRound }] = await Promise.all([
        loadReferenceService(),
        import('../services/demo-data.ts'),
      ]);
      await ensureReferenceData(db);
      const built = await loadDemoRound(db, { replace: options.replace === true });
      context.io.stdout(
        built
          ? `Synthetische demonstratiemeting '${DEMO_ROUND_ID}' geladen.`
          : `De demonstratiemeting '${DEMO_ROUND_ID}' bestaat al; gebruik --replace om haar opnieuw op te bouwen.`,
      );
      return 0;
    }),
});

export const dbMigrateCommand = defineCommand({
  name: 'db migrate',
  usage: '',
  summary: 'databasemigraties uitvoeren',
  details:
    'Elke opdracht die de database opent, voert ontbrekende migraties ook zelf uit; deze ' +
    'opdracht doet alleen dat.',
  options: {},
  run: async (_input, context) =>
    context.withDatabase(async (handle) => {
      context.io.stdout(`Database (${handle.kind}) is bijgewerkt.`);
      return 0;
    }),
});
