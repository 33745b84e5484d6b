/**
 * Commands that read: `bfm analyse`, `bfm crosstab`, `bfm rounds` and `bfm instrument`; and
 * `bfm rounds publish` / `unpublish`, which make a round's aggregates public (or not).
 *
 * Services, zod and the instruments are imported inside run(), not at the top: the command
 * table is loaded for every `bfm` call, help included, and must stay light (run-cli.ts).
 */
import { INSTRUMENT_VERSIONS } from '../instruments/versions.ts';
import { defineCommand } from './command.ts';
import { CliUsageError, parseOptions } from './errors.ts';
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

/** The Wmo plan indicator in one line of `bfm analyse` (issue 12). */
function formatWmoPlanLine(wmoPlan: {
  readonly target: number;
  readonly respondents: number;
  readonly included: number;
  readonly percentIncluded: number | null;
}): string {
  const dutch = (value: number) => String(value).replace('.', ',');
  return wmoPlan.percentIncluded === null
    ? `Wmo-beleidsplannen: nog van geen gemeente bekend (doelstelling ${dutch(wmoPlan.target)}%).`
    : `Wmo-beleidsplannen met de basisfuncties: ${dutch(wmoPlan.percentIncluded)}% (${wmoPlan.included} van ${wmoPlan.respondents} gemeenten met een bekende stand); doelstelling ${dutch(wmoPlan.target)}%.`;
}

export const analyseCommand = defineCommand({
  name: 'analyse',
  aliases: ['analyze'],
  usage: '--round ID [--json]',
  summary: 'landelijke analyse van een meting',
  details:
    'De tabellen van het rapport van 2009: per basisfunctie het percentage gemeenten dat het ' +
    'goed voor elkaar heeft, naar grootteklasse, G4/G27 en provincie; en het aandeel ' +
    'Wmo-beleidsplannen dat de basisfuncties opneemt, tegen de doelstelling (wmoPlan). De ' +
    'definities staan in docs/analysis.md.',
  options: { round: ROUND_OPTION, json: JSON_OPTION },
  run: async ({ options }, context) =>
    context.withDatabase(async ({ db }) => {
      const [
        { analyseRound },
        { getInstrument },
        { formatAnalysis },
        talkModules,
        { analyseWmoPlans },
      ] = await Promise.all([
        import('../services/analysis-service.ts'),
        import('../services/instrument-service.ts'),
        import('./format-analysis.ts'),
        // Issue 12 (helper D): the advice talks.
        Promise.all([
          import('../services/talk-statistics-service.ts'),
          import('./format-talks.ts'),
        ]),
        import('../services/wmo-plan-service.ts'),
      ]);
      const analysis = await analyseRound(db, options.round ?? '');
      const instrument = await getInstrument(db, analysis.instrumentVersion);
      const [{ computeTalkStatistics }, { formatTalkStatistics }] = talkModules;
      const talks = await computeTalkStatistics(db, options.round ?? '', {
        rule: context.environment().BFM_COMBINATION_RULE,
      });
      // Issue 12 (helper C): the share of Wmo plans that include the basisfuncties.
      const wmoPlan = await analyseWmoPlans(db, options.round ?? '');
      context.print(
        options.json,
        { ...analysis, wmoPlan, talks },
        () =>
          `${formatAnalysis(analysis, instrument)}\n\n${formatWmoPlanLine(wmoPlan)}\n${formatTalkStatistics(talks)}`,
      );
      return 0;
    }),
});

export const crosstabCommand = defineCommand({
  name: 'crosstab',
  usage:
    '--round ID --row VRAAG --column VRAAG [--questionnaire VRAGENLIJST] [--grootte KLASSE] [--groep GROEP] [--provincie PVxx] [--json]',
  summary: 'kruistabel van twee vragen, met chi-kwadraat en Cramérs V',
  details:
    'Een vraag is vragenlijst.nummer (mantelzorg.17, vrijwilligerswerk.3), één optie van een ' +
    'meerkeuzevraag (mantelzorg.18.aanbod), het aantal basisfuncties goed ' +
    '(mantelzorg.aantal-goed) of de klasse van het cijfer van een basisfunctie ' +
    '(mantelzorg.band.informatie). De vragen mogen uit twee vragenlijsten komen; ze worden per ' +
    'gemeente gekoppeld. Met --questionnaire en twee vraagnummers: de kruistabel van twee ' +
    'driepuntsvragen zoals in de bijlagen van het rapport (rijpercentages). Zie docs/analysis.md.',
  options: {
    round: ROUND_OPTION,
    row: {
      type: 'string',
      required: true,
      value: 'VRAAG',
      description: 'de vraag in de rijen, bijvoorbeeld mantelzorg.17',
    },
    column: {
      type: 'string',
      required: true,
      value: 'VRAAG',
      description: 'de vraag in de kolommen, bijvoorbeeld vrijwilligerswerk.3',
    },
    questionnaire: {
      type: 'string',
      value: 'VRAGENLIJST',
      description:
        'de vragenlijst van vraagnummers zonder vragenlijst: vrijwilligerswerk of mantelzorg',
    },
    grootte: {
      type: 'string',
      value: 'KLASSE',
      description: 'alleen gemeenten van deze grootteklasse (lt-20000, 20000-50000, …)',
    },
    groep: { type: 'string', value: 'GROEP', description: 'alleen G4, G27 of overig' },
    provincie: {
      type: 'string',
      value: 'PVxx',
      description: 'alleen gemeenten in deze provincie, bijvoorbeeld PV24',
    },
    json: JSON_OPTION,
  },
  run: async ({ options }, context) => {
    const row = options.row ?? '';
    const column = options.column ?? '';
    const numeric = /^\d+$/;
    const filtered = Boolean(options.grootte || options.groep || options.provincie);
    // The old form: two 3-point items of one questionnaire, as in the report's appendices.
    // A value without a dot next to --questionnaire is a question number, as it always was.
    const isNumber = (value: string) => !value.includes('.');
    if (options.questionnaire && isNumber(row) && isNumber(column) && !filtered) {
      const request = {
        round: options.round ?? '',
        questionnaire: options.questionnaire,
        row: await parseQuestionNumber('--row', row),
        column: await parseQuestionNumber('--column', column),
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
    }
    const qualify = (flag: string, value: string) => {
      if (!numeric.test(value)) {
        if (options.questionnaire && isNumber(value)) {
          throw new CliUsageError(`${flag} moet een vraagnummer zijn, bijvoorbeeld 17`);
        }
        return value;
      }
      if (!options.questionnaire) {
        throw new CliUsageError(
          `${flag} ${value} noemt geen vragenlijst. Schrijf bijvoorbeeld mantelzorg.${value}, of geef --questionnaire op.`,
        );
      }
      return `${options.questionnaire}.${value}`;
    };
    const query = { row: qualify('--row', row), column: qualify('--column', column) };
    return context.withDatabase(async ({ db }) => {
      const [{ crossTabulateQuestions }, { loadRound }, { parseFilterParams }, format] =
        await Promise.all([
          import('../services/crosstab-service.ts'),
          import('../services/round-service.ts'),
          import('../domain/analysis-filter.ts'),
          import('./format-crosstab.ts'),
        ]);
      const loaded = await loadRound(db, options.round ?? '');
      const provinces = [
        ...new Map(loaded.municipalities.map((m) => [m.provinceCode, m.provinceName])),
      ].map(([code, name]) => ({ code, name }));
      const params = new URLSearchParams();
      if (options.grootte) params.set('grootte', options.grootte);
      if (options.groep) params.set('groep', options.groep);
      if (options.provincie) params.set('provincie', options.provincie);
      const { filter, problems } = parseFilterParams(params, provinces);
      if (problems.length > 0) {
        throw new CliUsageError(problems.map((p) => `--${p.param}: ${p.message}`).join(' '));
      }
      const result = await crossTabulateQuestions(db, loaded.round.id, query, filter);
      context.print(options.json, result, () => format.formatQuestionCrossTab(result, provinces));
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

/** `bfm rounds follow ID --previous PREV [--prefill]`: the round a round follows (decision 021). */
export const roundsFollowCommand = defineCommand({
  name: 'rounds follow',
  usage: 'ID --previous VORIGE [--prefill] [--json]',
  summary: 'de vorige meting van een meting kiezen (basis voor ontwikkeling en vooraf invullen)',
  details:
    'De vorige meting is de basis van de ontwikkeling per gemeente en landelijk (bfm compare). ' +
    'Met --prefill beginnen de vragenlijsten bij het openen van de meting met de antwoorden ' +
    'uit de vorige meting; dat kan alleen zolang de meting in voorbereiding is. De vorige ' +
    'meting van een gesloten (bijvoorbeeld geïmporteerde) meting kan ook later worden gekozen. ' +
    'Dit komt in het logboek. Zie docs/decisions/021-prefilled-follow-up.md.',
  arguments: [{ name: 'ID', required: true, description: "de meting (zie 'bfm rounds')" }],
  options: {
    previous: {
      type: 'string',
      value: 'VORIGE',
      description: 'de meting waar deze meting op volgt',
    },
    prefill: {
      type: 'boolean',
      description: 'vragenlijsten bij het openen vooraf invullen met de vorige meting',
    },
    json: JSON_OPTION,
  },
  run: async ({ options, arguments: [roundId = ''] }, context) =>
    context.withDatabase(async ({ db }) => {
      const { setRoundPrefill } = await import('../services/prefill-service.ts');
      const round = await setRoundPrefill(
        db,
        { kind: 'cli', label: 'bfm rounds follow' },
        roundId,
        {
          vorige: options.previous ?? '',
          vooraf: options.prefill === true,
        },
      );
      context.print(
        options.json,
        { roundId: round.id, previousRoundId: round.previousRoundId, prefill: round.prefill },
        () =>
          round.previousRoundId
            ? `Meting ${round.id} volgt op meting ${round.previousRoundId}${round.prefill ? '; de vragenlijsten worden bij het openen vooraf ingevuld' : ''}.`
            : `Meting ${round.id} volgt op geen eerdere meting.`,
      );
      return 0;
    }),
});

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
      description: `de instrumentversie: een meegeleverde (${INSTRUMENT_VERSIONS.join(', ')}; standaard de eerste) of een opgeslagen (zie 'bfm instrument list')`,
    },
    json: { type: 'boolean', description: 'het hele instrument als JSON tonen' },
  },
  run: async ({ options }, context) => {
    const version = options.version ?? INSTRUMENT_VERSIONS[0] ?? '2009';
    // A bundled version needs no database; a version defined in the app is read from it.
    const instrument = INSTRUMENT_VERSIONS.includes(version)
      ? (await import('../instruments/index.ts')).loadInstrument(version)
      : await context.withDatabase(async ({ db }) =>
          (await import('../services/instrument-service.ts')).getInstrument(db, version),
        );
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

const CLI_INSTRUMENT_ACTOR = { kind: 'cli', label: 'bfm instrument add' } as const;

/** `bfm instrument add FILE`: a new version from its JSON definition (docs/instruments.md). */
export const instrumentAddCommand = defineCommand({
  name: 'instrument add',
  usage: 'BESTAND [--json]',
  summary: 'een nieuwe instrumentversie toevoegen uit een JSON-definitie',
  details:
    'Het bestand wordt gecontroleerd met het schema en tegen de versie waarvan het is afgeleid ' +
    '(derivedFrom): elke vraag en basisfunctie moet naar een bestaande vraag of basisfunctie ' +
    'verwijzen, of nieuw zijn (previous: null). Bij een fout wordt niets opgeslagen en noemt ' +
    'de melding elk onderdeel. De versie blijft een concept tot een meting met deze versie ' +
    'opent; daarna is zij bevroren. Zie docs/instruments.md en examples/instrument-2026.json.',
  arguments: [{ name: 'BESTAND', required: true, description: 'de JSON-definitie' }],
  options: { json: JSON_OPTION },
  run: async ({ options, arguments: [file = ''] }, context) => {
    const { readFile } = await import('node:fs/promises');
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliUsageError(
        code === 'ENOENT'
          ? `Het bestand '${file}' bestaat niet.`
          : code
            ? `Het bestand '${file}' kan niet worden gelezen (${code}).`
            : `Het bestand '${file}' is geen geldige JSON: ${(error as Error).message}`,
      );
    }
    return context.withDatabase(async ({ db }) => {
      const { addInstrumentVersion } = await import('../services/instrument-service.ts');
      const summary = await addInstrumentVersion(db, CLI_INSTRUMENT_ACTOR, raw);
      context.print(
        options.json,
        summary,
        () =>
          `Instrumentversie ${summary.version} (${summary.name}) toegevoegd` +
          (summary.derivedFrom ? `, afgeleid van ${summary.derivedFrom}` : '') +
          '. Zij blijft een concept tot een meting met deze versie opent.',
      );
      return 0;
    });
  },
});

/** `bfm instrument list`: every version, bundled and stored, with its status. */
export const instrumentListCommand = defineCommand({
  name: 'instrument list',
  usage: '[--json]',
  summary: 'alle instrumentversies: meegeleverd of toegevoegd, concept of bevroren',
  details: 'Een bevroren versie wordt door een geopende meting gebruikt en kan niet meer wijzigen.',
  options: { json: JSON_OPTION },
  run: async ({ options }, context) =>
    context.withDatabase(async ({ db }) => {
      const { listInstrumentSummaries } = await import('../services/instrument-service.ts');
      const summaries = await listInstrumentSummaries(db);
      context.print(options.json, summaries, () =>
        renderTable(
          ['versie', 'naam', 'afgeleid van', 'status'],
          summaries.map((s) => [
            s.version,
            s.name,
            s.derivedFrom ?? '–',
            s.bundled ? 'meegeleverd' : s.frozen ? 'bevroren' : 'concept',
          ]),
          { alignRight: [] },
        ),
      );
      return 0;
    }),
});

/** `bfm instrument show VERSION`: the definition, to edit and add again as a new version. */
export const instrumentShowCommand = defineCommand({
  name: 'instrument show',
  usage: 'VERSIE [--json]',
  summary: 'de JSON-definitie van een instrumentversie',
  details:
    'Zonder --json een overzicht per vragenlijst; met --json de volledige definitie, die u kunt ' +
    "aanpassen (nieuw versienummer, derivedFrom) en met 'bfm instrument add' toevoegen.",
  arguments: [{ name: 'VERSIE', required: true, description: "zie 'bfm instrument list'" }],
  options: { json: JSON_OPTION },
  run: async ({ options, arguments: [version = ''] }, context) =>
    context.withDatabase(async ({ db }) => {
      const { readInstrumentVersion } = await import('../services/instrument-service.ts');
      const { summary, instrument } = await readInstrumentVersion(db, null, version);
      context.print(options.json, instrument, () =>
        [
          `${instrument.name} (versie ${instrument.version}${summary.derivedFrom ? `, afgeleid van ${summary.derivedFrom}` : ''}; ${summary.bundled ? 'meegeleverd' : summary.frozen ? 'bevroren' : 'concept'})`,
          ...instrument.questionnaires.map((questionnaire) => {
            const added = questionnaire.items.filter((item) => item.previous === null).length;
            const reworded = questionnaire.items.filter(
              (item) => item.previous?.change === 'reworded',
            ).length;
            return (
              `${questionnaire.name}: ${questionnaire.items.length} vragen, ${questionnaire.basisfuncties.length} basisfuncties` +
              (summary.derivedFrom ? ` (${added} nieuw, ${reworded} anders geformuleerd)` : '')
            );
          }),
        ].join('\n'),
      );
      return 0;
    }),
});
