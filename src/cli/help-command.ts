/**
 * `bfm help [OPDRACHT]`: the general help, or the help of one command or group.
 */
import { defineCommand } from './command.ts';
import { CliUsageError } from './errors.ts';
import { formatCommandHelp, formatGeneralHelp, formatGroupHelp } from './help.ts';
import { findCommand } from './parse-command-line.ts';

export const helpCommand = defineCommand({
  name: 'help',
  usage: '[OPDRACHT [SUBOPDRACHT]]',
  summary: 'deze hulp, of de hulp bij één opdracht',
  arguments: [
    { name: 'OPDRACHT', required: false, description: 'de opdracht, bijvoorbeeld import' },
    {
      name: 'SUBOPDRACHT',
      required: false,
      description: 'het tweede woord van een opdracht als user create',
    },
  ],
  options: {},
  run: async ({ arguments: words }, { io, commands }) => {
    const topic = words.filter((word) => word !== undefined);
    if (topic.length === 0) {
      io.stdout(formatGeneralHelp(commands));
      return 0;
    }
    const found = findCommand(commands, topic);
    if ('group' in found) {
      io.stdout(formatGroupHelp(commands, found.group));
      return 0;
    }
    if (found.length < topic.length) {
      throw new CliUsageError(
        `Onbekende opdracht '${topic.join(' ')}'. Zie 'bfm help' voor alle opdrachten.`,
      );
    }
    io.stdout(formatCommandHelp(found.command));
    return 0;
  },
});
