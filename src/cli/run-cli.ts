/**
 * The runner of the `bfm` command: finds the command in the table, parses its arguments,
 * runs it, and turns errors into exit codes. It holds no business logic; commands call
 * services.
 *
 * Exit codes: 0 done, 1 crash (an unexpected error), 2 user error (the message says what to
 * change).
 */
import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import type { DatabaseHandle } from '../services/database.ts';
import type { CliCommand, CliIo, CommandContext } from './command.ts';
import { COMMANDS } from './commands.ts';
import {
  CliUsageError,
  CRASH_MESSAGE,
  describeCrash,
  EXIT_CRASH,
  EXIT_OK,
  EXIT_USER_ERROR,
} from './errors.ts';
import { formatCommandHelp, formatGeneralHelp, formatGroupHelp } from './help.ts';
import { parseCommandArguments, resolveInvocation } from './parse-command-line.ts';

export type { CliIo } from './command.ts';

/** Whether --debug stands among the options (before any `--`). */
function wantsDebug(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--debug');
}

/**
 * The modules a command needs besides its own: loaded only when a command runs, so that help
 * and usage errors start in a fraction of the time (zod, pino and the database client are
 * most of the start-up cost). A command's own services are imported inside its run().
 */
async function loadRuntime() {
  const [{ parseEnv }, { createLogger }, { openApplicationDatabase }] = await Promise.all([
    import('../config/env.ts'),
    import('../config/logger.ts'),
    import('../services/database.ts'),
  ]);
  return { parseEnv, createLogger, openApplicationDatabase };
}

type Runtime = Awaited<ReturnType<typeof loadRuntime>>;

function createContext(
  io: CliIo,
  commands: readonly CliCommand[],
  runtime: Runtime,
): CommandContext {
  let env: Env | undefined;
  let logger: Logger | undefined;
  const environment = (): Env => (env ??= runtime.parseEnv(io.env));
  const getLogger = (): Logger => (logger ??= runtime.createLogger(environment().LOG_LEVEL));
  return {
    io,
    commands,
    environment,
    logger: getLogger,
    async withDatabase<T>(run: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
      const handle = await runtime.openApplicationDatabase(environment(), {
        // A kill -9 or power loss leaves the lock behind; say so when it is taken over.
        onStaleLock: (stale) =>
          getLogger().warn({ stale }, 'took over the data folder lock of a process that is gone'),
      });
      try {
        return await run(handle);
      } finally {
        await handle.close();
      }
    },
    print(json, data, text) {
      io.stdout(json === true ? JSON.stringify(data, null, 2) : text());
    },
  };
}

/**
 * Runs `bfm` with the arguments after the program name and returns the exit code.
 *
 * @param commands the command table; tests may pass another one
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CliCommand[] = COMMANDS,
): Promise<number> {
  try {
    const invocation = resolveInvocation(commands, argv);
    if (invocation.kind === 'general-help') {
      io.stdout(formatGeneralHelp(commands));
      return EXIT_OK;
    }
    if (invocation.kind === 'group-help') {
      io.stdout(formatGroupHelp(commands, invocation.group));
      return EXIT_OK;
    }
    const { command } = invocation;
    const parsed = parseCommandArguments(command, invocation.args);
    if (parsed.help) {
      io.stdout(formatCommandHelp(command));
      return EXIT_OK;
    }
    // The environment is parsed when a command first needs it (help does not).
    return await command.run(parsed.input, createContext(io, commands, await loadRuntime()));
  } catch (error) {
    // Usage errors come before anything heavy is loaded; the other user errors' classes live
    // in modules a command has loaded by then.
    if (error instanceof CliUsageError || (await import('./user-error.ts')).isUserError(error)) {
      io.stderr(error.message);
      return EXIT_USER_ERROR;
    }
    io.stderr(CRASH_MESSAGE);
    if (wantsDebug(argv)) io.stderr(describeCrash(error));
    return EXIT_CRASH;
  }
}
