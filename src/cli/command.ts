/**
 * The shape of a `bfm` command. Every command is one object in the table (commands.ts): its
 * options are parsed per command, and the help texts and the README reference are generated
 * from it.
 */
import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import type { DatabaseHandle } from '../services/database.ts';

/** Where the CLI reads and writes; bin/bfm.js passes the process's streams, tests capture. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Record<string, string | undefined>;
  /** Standard input, for `--password-stdin`; process.stdin when not given. */
  readonly stdin?: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
  /**
   * Shows a line that replaces the previous one (a progress bar); given only when standard
   * output is a terminal, so logs and pipes get plain lines instead.
   */
  readonly progress?: (line: string) => void;
}

/** An option of a command, as `--name` on the command line. */
export interface CliOption {
  readonly type: 'string' | 'boolean';
  /** May be given more than once; the values are collected in order. */
  readonly multiple?: boolean;
  /** A one-letter alias, e.g. 'h' for -h. */
  readonly short?: string;
  /** The command refuses to run without it. */
  readonly required?: boolean;
  /** Placeholder for the value in help texts, e.g. 'ID' (string options only). */
  readonly value?: string;
  /** What the option does, in Dutch. */
  readonly description: string;
}

/** A positional argument, e.g. the file of `bfm import FILE`. */
export interface CliArgument {
  readonly name: string;
  readonly required: boolean;
  /** In Dutch. */
  readonly description: string;
}

export type CliOptions = Readonly<Record<string, CliOption>>;

/** The parsed values of a command's options; absent options are undefined. */
export type OptionValues<O extends CliOptions> = {
  readonly [K in keyof O]?: O[K] extends { readonly type: 'boolean' }
    ? boolean
    : O[K] extends { readonly multiple: true }
      ? string[]
      : string;
};

/** What a command receives from the command line. */
export interface CommandInput<O extends CliOptions> {
  readonly options: OptionValues<O>;
  /** The positional arguments, one per declared argument (undefined when not given). */
  readonly arguments: readonly (string | undefined)[];
}

/** What the runner gives a command to do its work with. */
export interface CommandContext {
  readonly io: CliIo;
  /** Every command of the table (for `bfm help`). */
  readonly commands: readonly CliCommand[];
  /**
   * The parsed environment.
   *
   * @throws {EnvironmentError} when a variable is invalid
   */
  environment(): Env;
  logger(): Logger;
  /** Opens (and migrates) the database for the duration of `run`. */
  withDatabase<T>(run: (handle: DatabaseHandle) => Promise<T>): Promise<T>;
  /** Prints `data` as JSON when `json` is set, otherwise the text. */
  print(json: boolean | undefined, data: unknown, text: () => string): void;
}

/** One command of the table. */
export interface CliCommand {
  /** The words after `bfm`, e.g. 'import' or 'user create'. */
  readonly name: string;
  /** Other names for the same command, e.g. 'analyze'. */
  readonly aliases: readonly string[];
  /** Arguments and options after the name, as in help texts: 'BESTAND [--round ID] [--json]'. */
  readonly usage: string;
  /** One sentence in Dutch. */
  readonly summary: string;
  /** Further explanation in Dutch, shown in the command's help. */
  readonly details?: string;
  readonly arguments: readonly CliArgument[];
  readonly options: CliOptions;
  readonly run: (input: CommandInput<CliOptions>, context: CommandContext) => Promise<number>;
}

export interface CommandDefinition<O extends CliOptions> {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly details?: string;
  readonly arguments?: readonly CliArgument[];
  readonly options: O;
  /** Does the work and returns the exit code (0). User errors are thrown, see errors.ts. */
  readonly run: (input: CommandInput<O>, context: CommandContext) => Promise<number>;
}

/** Declares a command, with its option values typed by its option table. */
export function defineCommand<const O extends CliOptions>(
  definition: CommandDefinition<O>,
): CliCommand {
  return {
    ...definition,
    aliases: definition.aliases ?? [],
    arguments: definition.arguments ?? [],
    run: definition.run as CliCommand['run'],
  };
}

/** The options every command accepts, besides its own. */
export const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h', description: 'de hulp bij de opdracht tonen' },
  debug: {
    type: 'boolean',
    description: 'bij een onverwachte fout de technische details (stack trace) tonen',
  },
} as const satisfies CliOptions;

/** Writes an option as in help texts: '--round ID', '--json', '-h, --help'. */
export function optionSignature(name: string, option: CliOption): string {
  const long = option.type === 'string' ? `--${name} ${option.value ?? 'WAARDE'}` : `--${name}`;
  return option.short ? `-${option.short}, ${long}` : long;
}
