/**
 * From argv to a command and its typed input. The command is found by its words (`bfm user
 * create …`); then its own options are parsed with node:util's parseArgs in strict mode.
 * Every mistake becomes a CliUsageError with a Dutch message that names the option and the
 * command, never parseArgs's English text.
 */
import { parseArgs } from 'node:util';
import {
  GLOBAL_OPTIONS,
  optionSignature,
  type CliCommand,
  type CliOption,
  type CliOptions,
  type CommandInput,
} from './command.ts';
import { CliUsageError } from './errors.ts';

/** The global flags, which may also stand before the command's name. */
const GLOBAL_FLAGS = new Set(['--help', '-h', '--debug']);

export type Invocation =
  | { readonly kind: 'general-help' }
  | { readonly kind: 'group-help'; readonly group: string }
  | { readonly kind: 'command'; readonly command: CliCommand; readonly args: readonly string[] };

/** The names a command answers to, as words. */
function namesOf(command: CliCommand): string[][] {
  return [command.name, ...command.aliases].map((name) => name.split(' '));
}

/** The commands of a group such as 'user' (the first word of 'user create'). */
export function commandsInGroup(commands: readonly CliCommand[], group: string): CliCommand[] {
  return commands.filter((command) => command.name.startsWith(`${group} `));
}

/** The Dutch hint 'bfm user create' or 'bfm db migrate of bfm db reset'. */
function groupHint(members: readonly CliCommand[]): string {
  const names = members.map((command) => `bfm ${command.name}`);
  // 'a', 'a of b', 'a, b of c': the Dutch list.
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} of ${names[names.length - 1] ?? ''}`;
}

/**
 * Finds the command that `words` name, e.g. ['user', 'create'] or ['analyze'].
 *
 * @throws {CliUsageError} for an unknown command or an incomplete group
 */
export function findCommand(
  commands: readonly CliCommand[],
  words: readonly string[],
): { command: CliCommand; length: number } | { group: string } {
  let best: { command: CliCommand; length: number } | undefined;
  for (const command of commands) {
    for (const name of namesOf(command)) {
      if (name.every((word, index) => words[index] === word)) {
        if (!best || name.length > best.length) best = { command, length: name.length };
      }
    }
  }
  if (best) return best;
  const [first = '', second] = words;
  const members = commandsInGroup(commands, first);
  if (members.length > 0) {
    if (second === undefined) return { group: first };
    throw new CliUsageError(
      `Onbekende opdracht 'bfm ${first} ${second}'. Bedoelt u: ${groupHint(members)}?`,
    );
  }
  throw new CliUsageError(`Onbekende opdracht '${first}'. Zie 'bfm help' voor alle opdrachten.`);
}

/**
 * Splits argv into the command and the arguments that belong to it. Only the global flags
 * may stand before the command's name.
 *
 * @throws {CliUsageError} for an unknown command, an incomplete group or an option before the
 * command
 */
export function resolveInvocation(
  commands: readonly CliCommand[],
  argv: readonly string[],
): Invocation {
  const maxWords = Math.max(
    ...commands.flatMap((command) => namesOf(command).map((n) => n.length)),
  );
  const wordIndexes: number[] = [];
  let stray: string | undefined;
  for (const [index, arg] of argv.entries()) {
    if (GLOBAL_FLAGS.has(arg)) continue;
    if (arg.startsWith('-')) {
      if (wordIndexes.length === 0) stray = arg;
      break;
    }
    wordIndexes.push(index);
    if (wordIndexes.length === maxWords) break;
  }
  const words = wordIndexes.map((index) => argv[index] as string);
  const help = argv.some((arg) => arg === '--help' || arg === '-h');
  if (words.length === 0) {
    if (stray !== undefined) {
      throw new CliUsageError(
        `Onbekende optie '${stray.split('=')[0]}' bij 'bfm': vóór de opdracht staan alleen --help en --debug. Zie 'bfm help'.`,
      );
    }
    return { kind: 'general-help' };
  }
  const found = findCommand(commands, words);
  if ('group' in found) {
    if (help) return { kind: 'group-help', group: found.group };
    throw new CliUsageError(
      `Onvolledige opdracht 'bfm ${found.group}'. Bedoelt u: ${groupHint(commandsInGroup(commands, found.group))}?`,
    );
  }
  const consumed = new Set(wordIndexes.slice(0, found.length));
  return {
    kind: 'command',
    command: found.command,
    args: argv.filter((_, index) => !consumed.has(index)),
  };
}

/** What parseCommandArguments finds: a request for help, or the command's input. */
export type ParsedCommandLine =
  { readonly help: true } | { readonly help: false; readonly input: CommandInput<CliOptions> };

/** '--round ID', without the short form. */
function longSignature(name: string, option: CliOption): string {
  return optionSignature(name, { ...option, short: undefined });
}

/** Whether the arguments ask for help (`--help` or `-h` before any `--`). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  return options.some((arg) => arg === '--help' || arg === '-h');
}

/**
 * Parses the arguments of one command: its own options and the global ones, its positional
 * arguments, and the options it requires. `--help` wins over every other mistake.
 *
 * @throws {CliUsageError} naming the option or argument and the command
 */
export function parseCommandArguments(
  command: CliCommand,
  args: readonly string[],
): ParsedCommandLine {
  if (asksForHelp(args)) return { help: true };
  const all: CliOptions = { ...command.options, ...GLOBAL_OPTIONS };
  const config = Object.fromEntries(
    Object.entries(all).map(([name, option]) => [
      name,
      {
        type: option.type,
        multiple: option.multiple === true,
        ...(option.short ? { short: option.short } : {}),
      },
    ]),
  );
  const label = `'bfm ${command.name}'`;
  const see = `Zie 'bfm ${command.name} --help'.`;

  // A lenient pass for the tokens, to name each mistake precisely.
  const { tokens } = parseArgs({
    args: [...args],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const seen = new Set<string>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(all, token.name) ? all[token.name] : undefined;
    if (
      !option ||
      (token.rawName !== `--${token.name}` && token.rawName !== `-${option.short ?? ''}`)
    ) {
      // '-round' is read as the short options -r -o …: name what was typed.
      const typed = token.rawName.startsWith('--') ? token.rawName : (args[token.index] ?? '');
      throw new CliUsageError(`Onbekende optie '${typed}' bij ${label}. ${see}`);
    }
    if (option.type === 'string') {
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
        throw new CliUsageError(
          `De optie '${token.rawName}' bij ${label} heeft een waarde nodig, zoals ${longSignature(token.name, option)}. ${see}`,
        );
      }
    } else if (token.value !== undefined) {
      throw new CliUsageError(`De optie '${token.rawName}' bij ${label} neemt geen waarde. ${see}`);
    }
    if (seen.has(token.name) && option.multiple !== true) {
      throw new CliUsageError(
        `De optie '--${token.name}' mag bij ${label} maar één keer worden gegeven. ${see}`,
      );
    }
    seen.add(token.name);
  }

  // The strict pass gives the values; after the checks above it does not fail.
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: [...args],
      options: config,
      strict: true,
      allowPositionals: true,
    }).values;
  } catch {
    throw new CliUsageError(`Ongeldige aanroep van ${label}. ${see}`);
  }

  const declared = command.arguments;
  if (positionals.length > declared.length) {
    const extra = positionals
      .slice(declared.length)
      .map((value) => `'${value}'`)
      .join(', ');
    const expected =
      declared.length === 0
        ? `${label} neemt geen argumenten`
        : `${label} neemt alleen ${declared.map((argument) => argument.name).join(' ')}`;
    throw new CliUsageError(`Te veel argumenten: ${extra}; ${expected}. ${see}`);
  }
  for (const [index, argument] of declared.entries()) {
    if (argument.required && positionals[index] === undefined) {
      throw new CliUsageError(
        `Geef ${argument.name} op: bfm ${command.name} ${command.usage}. ${see}`,
      );
    }
  }
  for (const [key, option] of Object.entries(command.options)) {
    if (option.required && values[key] === undefined) {
      throw new CliUsageError(
        `Geef ${longSignature(key, option)} op: bfm ${command.name} ${command.usage}. ${see}`,
      );
    }
  }
  return {
    help: false,
    input: {
      options: values as CommandInput<CliOptions>['options'],
      arguments: declared.map((_, index) => positionals[index]),
    },
  };
}
