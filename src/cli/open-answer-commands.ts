/**
 * `bfm open-answers` (issue 13, helper A): every answer to one open question, or every note on
 * one item, of a round. The command runs with full rights, as the coordinator, so it shows the
 * municipalities by name and code (decision 028). Services are imported inside run(), as in
 * the other command modules, so that the command table stays light.
 */
import { defineCommand } from './command.ts';
import { CliUsageError } from './errors.ts';

export const openAnswersCommand = defineCommand({
  name: 'open-answers',
  usage:
    '--round ID --questionnaire VRAGENLIJST --question N [--toelichting] [--search WOORDEN] [--grootte KLASSE] [--groep GROEP] [--provincie PVxx] [--json]',
  summary: 'de open antwoorden (of toelichtingen) op één vraag van een meting tonen',
  details:
    'Alle antwoorden op een open vraag, of met --toelichting alle toelichtingen bij een vraag, ' +
    'met de gemeente, provincie, grootteklasse en de thema’s waarmee het antwoord is gecodeerd. ' +
    'De opdracht werkt met volledige rechten, als de coördinator, en toont dus namen en ' +
    'gemeentecodes. --search zoekt met Nederlandse woordstammen: "vrijwilligers" vindt ook ' +
    '"vrijwilliger"; "een zin" tussen aanhalingstekens, or en -woord werken ook. Zie ' +
    'docs/open-answers.md.',
  options: {
    round: {
      type: 'string',
      required: true,
      value: 'ID',
      description: "de meting (zie 'bfm rounds')",
    },
    questionnaire: {
      type: 'string',
      required: true,
      value: 'VRAGENLIJST',
      description: 'de vragenlijst: vrijwilligerswerk of mantelzorg',
    },
    question: { type: 'string', required: true, value: 'N', description: 'het vraagnummer' },
    toelichting: {
      type: 'boolean',
      description: 'de toelichtingen bij de vraag in plaats van de open antwoorden',
    },
    search: { type: 'string', value: 'WOORDEN', description: 'alleen antwoorden met deze woorden' },
    grootte: {
      type: 'string',
      value: 'KLASSE',
      description: 'alleen gemeenten van deze grootteklasse (lt-20000, 20000-50000, …)',
    },
    groep: { type: 'string', value: 'GROEP', description: 'alleen G4, G27 of overig' },
    provincie: {
      type: 'string',
      value: 'PVxx',
      description: 'alleen gemeenten in deze provincie, bijvoorbeeld PV25',
    },
    json: { type: 'boolean', description: 'het resultaat als JSON tonen' },
  },
  run: async ({ options }, context) => {
    const questionText = options.question ?? '';
    if (!/^\d{1,3}$/.test(questionText)) {
      throw new CliUsageError(
        `--question '${questionText}' is geen vraagnummer. Geef een geheel getal, bijvoorbeeld --question 23.`,
      );
    }
    return context.withDatabase(async ({ db }) => {
      const [{ listAllOpenAnswers }, { formatOpenAnswers }] = await Promise.all([
        import('../services/open-answers/open-answer-listing.ts'),
        import('./format-open-answers.ts'),
      ]);
      const listing = await listAllOpenAnswers(db, options.round ?? '', {
        questionnaire: options.questionnaire ?? '',
        question: Number(questionText),
        part: options.toelichting ? 'note' : 'text',
        search: options.search ?? '',
        grootte: options.grootte ?? '',
        groep: options.groep ?? '',
        provincie: options.provincie ?? '',
      });
      if (listing.problems.length > 0) {
        throw new CliUsageError(
          listing.problems.map((p) => `--${p.param}: ${p.message}`).join(' '),
        );
      }
      context.print(options.json, listing.result, () => formatOpenAnswers(listing.result));
      return 0;
    });
  },
});
