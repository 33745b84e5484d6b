/**
 * Commands that read: `bfm analyse`, `bfm crosstab`, `bfm rounds` and `bfm instrument`; and
 * `bfm rounds publish` / `unpublish`, which make a round's aggregates public (or not).
 *
 * Services, zod and the instruments are imported inside run(), not at the top: the command
 * table is loaded for every `bfm` call, help included, and must stay light (run-cli.ts).
 */
import { INSTRUMENT_VERSIONS } from '../instruments/versions.ts';
import { defineCommand } from './command.ts';
import { parseOptions } from './errors.ts';
import { renderTable } from './text-table.ts';

const JSON_OPTION = { type: 'boolean', description: 'het resultaat als JSON tonen' } as const;
const ROUND_OPTION = {
  type: 'string',
  required: true,
  value: 'ID',
  description: "de meting, bijvoorbeeld 2009 of demo-2009 (zie 'bfm rounds')",
} as const;

async function parseQuestionNumber(flag: string, value: string | undefined): Promise<number> {
  const { z } = await import('zod');
  const schema = z
    .string()
    .regex(/^\d+$/, `${flag} moet een vraagnummer zijn, bijvoorbeeld 17`)
    .transform(Number);
  return parseOptions(schema, value);
}

export const analyseCommand = defineCommand({
  name: 'analyse',
  aliases: ['analyze'],
  usage: '--round ID [--json]',
  summary: 'landelijke analyse van een meting',
  details:
    'De tabellen van het rapport van 2009: per basisfunctie het percentage gemeenten dat het ' +
    'goed voor elkaar heeft, naar grootteklasse, G4/G27 en provincie. De definities staan in ' +
    'docs/analysis.md.',
  options: { round: ROUND_OPTION, json: JSON_OPTION },
  run: async ({ options }, context) =>
    context.withDatabase(async ({ db }) => {
      const [{ analyseRound }, { loadInstrument }, { formatAnalysis }] = await Promise.all([
        import('../services/analysis-service.ts'),
        import('../instruments/index.ts'),
        import('./format-analysis.ts'),
      ]);
      const analysis = await analyseRound(db, options.round ?? '');
      context.print(options.json, analysis, () =>
        formatAnalysis(analysis, loadInstrument(analysis.instrumentVersion)),
      );
      return 0;
    }),
});

export const crosstabCommand = defineCommand({
  name: 'crosstab',
  usage: '--round ID --questionnaire VRAGENLIJST --row VRAAG --column VRAAG [--json]',
  summary: 'kruistabel van twee driepuntsvragen met rijpercentages',
  options: {
    round: ROUND_OPTION,
    questionnaire: {
      type: 'string',
      required: true,
      value: 'VRAGENLIJST',
      description: 'de vragenlijst: vrijwilligerswerk of mantelzorg',
    },
    row: {
      type: 'string',
      required: true,
      value: 'VRAAG',
      description: 'het nummer van de driepuntsvraag in de rijen',
    },
    column: {
      type: 'string',
      required: true,
      value: 'VRAAG',
      description: 'het nummer van de driepuntsvraag in de kolommen',
    },
    json: JSON_OPTION,
  },
  run: async ({ options }, context) => {
    const request = {
      round: options.round ?? '',
      questionnaire: options.questionnaire ?? '',
      row: await parseQuestionNumber('--row', options.row),
      column: await parseQuestionNumber('--column', options.column),
    };
    return context.withDatabase(async ({ db }) => {
      const [{ crossTabulateItems }, { loadRound }, { formatCrossTab }] = await Promise.all([
        import('../services/analysis-service.ts'),
        import('../services/round-service.ts'),
        import('./format-analysis.ts'),
      ]);
      const result = await crossTabulateItems(db, request);
      const loaded = await loadRound(db, request.round);
      context.print(options.json, result, () => formatCrossTab(result, loaded.instrument));
      return 0;
    });
  },
});

export const roundsCommand = defineCommand({
  name: 'rounds',
  usage: '[--json]',
  summary: 'metingen tonen',
  options: { json: JSON_OPTION },
  run: async ({ options }, context) =>
    context.withDatabase(async ({ db }) => {
      const { listRounds } = await import('../services/round-service.ts');
      const rounds = await listRounds(db);
      context.print(options.json, rounds, () =>
        rounds.length === 0
          ? 'Er zijn nog geen metingen.'
          : renderTable(
              ['meting', 'naam', 'instrument', 'register', 'synthetisch'],
              rounds.map((r) => [
                r.id,
                r.name,
                r.instrumentVersion,
                r.registerId,
                r.synthetic ? 'ja' : 'nee',
              ]),
              { alignRight: [] },
            ),
      );
      return 0;
    }),
});

/** `bfm rounds publish ID` and `bfm rounds unpublish ID`: the CLI acts as the coordinator. */
function publicationCommand(publish: boolean) {
  return defineCommand({
    name: publish ? 'rounds publish' : 'rounds unpublish',
    usage: 'ID [--json]',
    summary: publish
      ? 'een gesloten meting openbaar publiceren als open data'
      : 'de openbare publicatie van een meting intrekken',
    details: publish
      ? 'De totalen van de meting verschijnen dan zonder inloggen onder /openbaar/metingen/ID, ' +
        'met data.json en data.csv (CC0). Cellen met minder dan 5 gemeenten worden onderdrukt; ' +
        'antwoorden van afzonderlijke gemeenten worden nooit getoond. Alleen een gesloten ' +
        'meting kan worden gepubliceerd. Dit komt in het logboek. Zie docs/open-data.md.'
      : 'De meting verdwijnt dan uit /openbaar; wie de bestanden al heeft, houdt ze. Dit komt ' +
        'in het logboek.',
    arguments: [{ name: 'ID', required: true, description: "de meting (zie 'bfm rounds')" }],
    options: { json: JSON_OPTION },
    run: async ({ options, arguments: [roundId = ''] }, context) =>
      context.withDatabase(async ({ db }) => {
        const { publishRound, unpublishRound } = await import('../services/publication-service.ts');
        const actor = {
          kind: 'cli',
          label: `bfm rounds ${publish ? 'publish' : 'unpublish'}`,
        } as const;
        if (publish) {
          const { publication, changed } = await publishRound(db, actor, roundId);
          context.print(options.json, { ...publication, changed }, () =>
            changed
              ? `Meting ${roundId} is gepubliceerd: /openbaar/metingen/${roundId}.`
              : `Meting ${roundId} was al gepubliceerd (op ${publication.publishedAt.toISOString()}).`,
          );
        } else {
          const { changed } = await unpublishRound(db, actor, roundId);
          context.print(options.json, { roundId, changed }, () =>
            changed
              ? `De publicatie van meting ${roundId} is ingetrokken.`
              : `Meting ${roundId} was niet gepubliceerd.`,
          );
        }
        return 0;
      }),
  });
}

export const roundsPublishCommand = publicationCommand(true);
export const roundsUnpublishCommand = publicationCommand(false);

export const instrumentCommand = defineCommand({
  name: 'instrument',
  usage: '[--version V] [--json]',
  summary: 'vragenlijsten en basisfuncties tonen',
  details:
    'Met --json ook elke vraag met haar soort en antwoordopties, zoals de import ze verwacht.',
  options: {
    version: {
      type: 'string',
      value: 'V',
      description: `de instrumentversie (beschikbaar: ${INSTRUMENT_VERSIONS.join(', ')}; standaard de eerste)`,
    },
    json: { type: 'boolean', description: 'het hele instrument als JSON tonen' },
  },
  run: async ({ options }, context) => {
    const { listInstrumentVersions, loadInstrument } = await import('../instruments/index.ts');
    const instrument = loadInstrument(options.version ?? listInstrumentVersions()[0] ?? '2009');
    context.print(options.json, instrument, () =>
      instrument.questionnaires
        .map(
          (questionnaire) =>
            `${questionnaire.name} (${questionnaire.items.length} vragen)\n` +
            questionnaire.basisfuncties
              .map((b) => {
                const numbers = questionnaire.items
                  .filter((i) => i.basisfunctie === b.id)
                  .map((i) => i.number);
                return `  ${b.name}: vragen ${numbers.join(', ')}`;
              })
              .join('\n'),
        )
        .join('\n\n'),
    );
    return 0;
  },
});
