/**
 * Commands that fill the database: `bfm import`, `bfm reference load`, `bfm demo` and
 * `bfm db migrate`.
 */
import { DEMO_FOLLOW_UP_ROUND_ID, DEMO_ROUND_ID } from '../services/demo-round-id.ts';
import { defineCommand } from './command.ts';
import { CliUsageError } from './errors.ts';

// The services are imported inside run(): the command table is loaded for every `bfm` call,
// help included, and must stay light (run-cli.ts).
const loadReferenceService = () => import('../services/reference-data.ts');

const JSON_OPTION = { type: 'boolean', description: 'het resultaat als JSON tonen' } as const;

export const importCommand = defineCommand({
  name: 'import',
  usage:
    'BESTAND [--round ID] [--register REGISTER] [--by ADRES] [--override --reason TEKST] [--json]',
  summary: 'antwoorden importeren uit CSV of .xlsx (alles of niets)',
  details:
    'Elke regel wordt eerst gecontroleerd; is er één fout, dan wordt niets opgeslagen en staan ' +
    'alle foute regels met hun regelnummer in de melding. Een meting die nog niet bestaat, wordt ' +
    'aangemaakt, op het register van --register (standaard 2009). Een gemeentecode die niet in ' +
    'het register van de meting staat, wordt geweigerd. Antwoorden in een gesloten meting of een ingediende vragenlijst worden alleen ' +
    'gewijzigd met --override en een reden. Elke wijziging komt in het logboek, met het bestand, ' +
    'het aantal regels en wie importeerde. Het formaat staat in docs/import-format.md.',
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
    register: {
      type: 'string',
      value: 'REGISTER',
      description:
        'het register van een nieuwe meting: 2009 (441 gemeenten) of 2025 (342 gemeenten)',
    },
    by: {
      type: 'string',
      value: 'ADRES',
      description:
        'het e-mailadres van de coördinator die importeert; komt in het logboek en bij de antwoorden (zonder: "bfm import")',
    },
    override: {
      type: 'boolean',
      description: 'ook antwoorden in een gesloten meting of een ingediende vragenlijst wijzigen',
    },
    reason: {
      type: 'string',
      value: 'TEKST',
      description: 'waarom --override nodig is; komt in het logboek',
    },
    json: JSON_OPTION,
  },
  run: async ({ options, arguments: [file = ''] }, context) =>
    context.withDatabase(async ({ db }) => {
      if (options.reason !== undefined && options.override !== true)
        throw new CliUsageError('--reason hoort bij --override. Geef beide op, of geen van beide.');
      if (options.override === true && !options.reason?.trim())
        throw new CliUsageError(
          'Geef bij --override ook --reason "…" op: waarom de import vastliggende antwoorden wijzigt.',
        );
      const [
        { ensureReferenceData },
        { importAnswerFile, ImportFailedError },
        { resolveImportActor },
      ] = await Promise.all([
        loadReferenceService(),
        import('../services/import/import-service.ts'),
        import('../services/import/import-workflow.ts'),
      ]);
      await ensureReferenceData(db);
      const actor = options.by === undefined ? undefined : await resolveImportActor(db, options.by);
      const result = await importAnswerFile(db, file, {
        round: options.round,
        register: options.register,
        actor,
        override: options.override === true ? { reason: options.reason ?? '' } : undefined,
      }).catch((error: unknown) => {
        // The database's own message stays in the log (stderr), never in the answer.
        if (error instanceof ImportFailedError)
          context.logger().error({ err: error.cause }, 'import failed while writing');
        throw error;
      });
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
  summary: `synthetische demonstratiemetingen ${DEMO_ROUND_ID} en ${DEMO_FOLLOW_UP_ROUND_ID} laden`,
  details:
    `De demonstratiemeting ${DEMO_ROUND_ID} bevat verzonnen antwoorden van een deel van de gemeenten van 2009; ` +
    `de vervolgmeting ${DEMO_FOLLOW_UP_ROUND_ID} zet die voort op het register 2025, met bekende, vastgelegde veranderingen. ` +
    'Beide zijn overal als synthetisch gemarkeerd.',
  options: {
    replace: {
      type: 'boolean',
      description: 'bestaande demonstratiemetingen weggooien en opnieuw opbouwen',
    },
  },
  run: async ({ options }, context) =>
    context.withDatabase(async ({ db }) => {
      const [{ ensureReferenceData }, { loadDemoRounds }] = await Promise.all([
        loadReferenceService(),
        import('../services/demo-data.ts'),
      ]);
      await ensureReferenceData(db);
      const built = await loadDemoRounds(db, { replace: options.replace === true });
      context.io.stdout(
        built.length > 0
          ? `Synthetische demonstratiemeting${built.length > 1 ? 'en' : ''} ${built.map((id) => `'${id}'`).join(' en ')} geladen.`
          : `De demonstratiemetingen '${DEMO_ROUND_ID}' en '${DEMO_FOLLOW_UP_ROUND_ID}' bestaan al; gebruik --replace om ze opnieuw op te bouwen.`,
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
