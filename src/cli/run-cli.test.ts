/**
 * How the runner turns errors into output and exit codes: user errors (by class) exit 2 with
 * their message, anything else is a crash that exits 1 and shows its stack only with --debug.
 * The commands here are stand-ins passed as the table, so the errors are exactly the ones
 * under test.
 */
import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../config/env.ts';
import { UnknownInstrumentVersionError } from '../instruments/index.ts';
import { AnswerFileError } from '../services/import/read-answer-file.ts';
import { ImportRejectedError } from '../services/import/import-service.ts';
import { UserInputError } from '../services/errors.ts';
import { defineCommand, type CliCommand } from './command.ts';
import { CliUsageError, CRASH_MESSAGE, describeCrash } from './errors.ts';
import { runCli } from './run-cli.ts';

function throwing(error: unknown): CliCommand {
  return defineCommand({
    name: 'fail',
    usage: '',
    summary: 'faalt',
    options: {},
    run: async () => {
      throw error;
    },
  });
}

const environmentReader = defineCommand({
  name: 'env',
  usage: '[--json]',
  summary: 'leest de omgeving',
  options: { json: { type: 'boolean', description: 'als JSON' } },
  run: async ({ options }, context) => {
    const env = context.environment();
    context.print(options.json, { port: env.PORT }, () => `poort ${env.PORT}`);
    return 0;
  },
});

async function run(
  commands: readonly CliCommand[],
  args: readonly string[],
  env: Record<string, string> = {},
) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(
    args,
    { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), env },
    commands,
  );
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('user errors', () => {
  it.each([
    ['CliUsageError', new CliUsageError('Geef een getal.')],
    ['UserInputError', new UserInputError("De meting '2011' bestaat niet.")],
    ['AnswerFileError', new AnswerFileError('Het bestand is leeg.')],
    ['UnknownInstrumentVersionError', new UnknownInstrumentVersionError('1999', ['2009'])],
    ['EnvironmentError', new EnvironmentError('Ongeldige omgevingsvariabelen.')],
  ])('%s: prints its message and exits 2, also with --debug', async (_, error) => {
    for (const args of [['fail'], ['fail', '--debug']]) {
      expect(await run([throwing(error)], args)).toEqual({
        code: 2,
        stdout: '',
        stderr: error.message,
      });
    }
  });

  it("prints an import's list of bad lines as it is", async () => {
    const error = new ImportRejectedError([
      { line: 2, message: "onbekende gemeente 'GM9999'" },
      { line: 3, message: "onbekende vragenlijst 'x'" },
    ]);
    const result = await run([throwing(error)], ['fail']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([
      'Import afgebroken: 2 fouten gevonden. Er is niets opgeslagen.',
      "  regel 2: onbekende gemeente 'GM9999'",
      "  regel 3: onbekende vragenlijst 'x'",
    ]);
  });

  it('reports an invalid environment when a command reads it, with exit code 2', async () => {
    const result = await run([environmentReader], ['env'], { PORT: 'tachtig' });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Ongeldige omgevingsvariabelen:\n  - PORT: PORT moet een poortnummer zijn, van 1 tot en met 65535',
    });
    expect(await run([environmentReader], ['env', '--json'], { PORT: '8080' })).toEqual({
      code: 0,
      stdout: JSON.stringify({ port: 8080 }, null, 2),
      stderr: '',
    });
  });

  it('shows help even when the environment is invalid', async () => {
    const result = await run([environmentReader], ['env', '--help'], { PORT: 'tachtig' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Gebruik: bfm env [--json]');
  });
});

describe('crashes', () => {
  it('prints one Dutch line without a stack trace and exits 1', async () => {
    const result = await run([throwing(new Error('connection reset'))], ['fail']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: CRASH_MESSAGE });
    expect(CRASH_MESSAGE).toContain('--debug');
  });

  it('treats a plain Error as a crash whatever its message says', async () => {
    const result = await run([throwing(new Error("De meting '2011' bestaat niet."))], ['fail']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: CRASH_MESSAGE });
    expect((await run([throwing('a string')], ['fail'])).code).toBe(1);
  });

  it('adds the stack trace, with causes, after --debug', async () => {
    const error = new Error('connection reset', { cause: new Error('socket closed') });
    for (const args of [
      ['fail', '--debug'],
      ['--debug', 'fail'],
    ]) {
      const result = await run([throwing(error)], args);
      expect(result.code).toBe(1);
      const [first, ...details] = result.stderr.split('\n');
      expect(first).toBe(CRASH_MESSAGE);
      expect(details[0]).toBe('Error: connection reset');
      expect(details.join('\n')).toMatch(/\n {4}at .*run-cli\.test\.ts/);
      expect(details).toContain('Oorzaak:');
      expect(details).toContain('Error: socket closed');
    }
  });

  it('describes non-Error values and aggregate errors', () => {
    expect(describeCrash('kapot')).toBe('kapot');
    const aggregate = new AggregateError([new Error('IPv4 refused'), 'IPv6 refused'], 'all failed');
    const text = describeCrash(aggregate);
    expect(text).toMatch(/^AggregateError: all failed\n/);
    expect(text).toContain('Error: IPv4 refused');
    expect(text).toContain('IPv6 refused');
  });
});
