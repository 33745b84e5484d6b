/**
 * `bfm compare`: the trend between two rounds (issue 11). Services are imported inside run(),
 * as in analysis-commands.ts, so that the command table stays light.
 */
import { defineCommand } from './command.ts';
import { CliUsageError } from './errors.ts';

const RULES = ['gewogen-gemiddelde', 'aandeel-goed', 'grootste-voorganger'] as const;

export const compareCommand = defineCommand({
  name: 'compare',
  usage:
    '--to ID [--from ID] [--rule REGEL] [--grootte KLASSE] [--groep GROEP] [--provincie PVxx] [--json]',
  summary: 'ontwikkeling tussen twee metingen, met overgangstabellen',
  details:
    "Per basisfunctie het percentage gemeenten 'goed voor elkaar' in beide metingen en hoeveel " +
    'gemeenten van elke klasse naar elke klasse gingen, over het register van de latere meting. ' +
    'Voorgangers van samengevoegde of gesplitste gemeenten worden gecombineerd volgens --rule ' +
    '(besluit 019). Alleen vragen en basisfuncties die tussen de versies gekoppeld zijn, tellen mee. ' +
    'Zonder --from: de meting waar --to op volgt.',
  options: {
    from: {
      type: 'string',
      value: 'ID',
      description: 'de eerdere meting (standaard: de meting waar --to op volgt)',
    },
    to: { type: 'string', required: true, value: 'ID', description: 'de latere meting' },
    rule: {
      type: 'string',
      value: 'REGEL',
      description: `hoe voorgangers worden gecombineerd: ${RULES.join(', ')} (standaard BFM_COMBINATION_RULE)`,
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
    json: { type: 'boolean', description: 'het resultaat als JSON tonen' },
  },
  run: async ({ options }, context) => {
    const rule = options.rule;
    if (rule !== undefined && !(RULES as readonly string[]).includes(rule)) {
      throw new CliUsageError(`--rule '${rule}' bestaat niet. Kies uit: ${RULES.join(', ')}.`);
    }
    return context.withDatabase(async ({ db }) => {
      const [trends, { loadRound }, { parseFilterParams }, { formatComparison }] =
        await Promise.all([
          import('../services/trend-service.ts'),
          import('../services/round-service.ts'),
          import('../domain/analysis-filter.ts'),
          import('./format-trends.ts'),
        ]);
      const to = options.to ?? '';
      const loaded = await loadRound(db, to);
      const from = options.from ?? loaded.round.previousRoundId;
      if (!from) {
        throw new CliUsageError(
          `De meting '${to}' volgt niet op een eerdere meting. Geef de eerdere meting op met --from.`,
        );
      }
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
      const comparison = await trends.compareRounds(db, from, to, {
        rule:
          (rule as (typeof RULES)[number] | undefined) ??
          context.environment().BFM_COMBINATION_RULE,
        filter,
      });
      context.print(options.json, comparison, () => formatComparison(comparison));
      return 0;
    });
  },
});
