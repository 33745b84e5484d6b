/**
 * Every command of the table: its help, and the refusal of unknown options, options of other
 * commands, extra arguments and missing option values. These run no command (the mistakes are
 * found before), so they need no database; a new command is covered by being in the table.
 */
import { describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS, optionSignature } from './command.ts';
import { COMMANDS } from './commands.ts';
import { describeOption } from './help.ts';
import { runCli } from './run-cli.ts';

async function bfm(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(args, {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    env: {},
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** Collapses the wrapping of help texts, so descriptions can be found whole. */
function unwrap(text: string): string {
  return text.replace(/\s+/g, ' ');
}

const words = (name: string) => name.split(' ');
const allOptionNames = new Set(COMMANDS.flatMap((command) => Object.keys(command.options)));

describe('the command table', () => {
  it('has unique names and aliases, and no command redefines a global option', () => {
    const names = COMMANDS.flatMap((command) => [command.name, ...command.aliases]);
    expect(new Set(names).size).toBe(names.length);
    for (const command of COMMANDS) {
      for (const global of Object.keys(GLOBAL_OPTIONS)) {
        expect(Object.keys(command.options), command.name).not.toContain(global);
      }
    }
  });

  it("mentions every option and argument in each command's usage, and nothing else", () => {
    for (const command of COMMANDS) {
      const mentioned = [...command.usage.matchAll(/--([a-z-]+)/g)].map((match) => match[1]);
      expect(mentioned.sort(), command.name).toEqual(Object.keys(command.options).sort());
      for (const argument of command.arguments) {
        expect(command.usage, command.name).toContain(argument.name);
      }
    }
  });
});

describe.each(COMMANDS.map((command) => [command.name, command] as const))(
  'bfm %s',
  (name, command) => {
    it('--help prints usage, summary and every option to stdout and exits 0', async () => {
      const result = await bfm(...words(name), '--help');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const text = unwrap(result.stdout);
      expect(text).toContain(unwrap(`bfm ${name} ${command.usage}`.trim()));
      expect(text).toContain(unwrap(command.summary));
      for (const [option, spec] of Object.entries({ ...command.options, ...GLOBAL_OPTIONS })) {
        expect(text).toContain(`${optionSignature(option, spec)} ${unwrap(describeOption(spec))}`);
      }
      for (const argument of command.arguments) {
        expect(text).toContain(`${argument.name} ${unwrap(argument.description)}`);
      }
      // The same text through -h and through 'bfm help NAME'.
      expect((await bfm(...words(name), '-h')).stdout).toBe(result.stdout);
      expect(await bfm('help', ...words(name))).toEqual(result);
    });

    it('refuses an unknown option in one Dutch line, with exit code 2', async () => {
      expect(await bfm(...words(name), '--foo')).toEqual({
        code: 2,
        stdout: '',
        stderr: `Onbekende optie '--foo' bij 'bfm ${name}'. Zie 'bfm ${name} --help'.`,
      });
      expect((await bfm(...words(name), '--foo=1')).stderr).toBe(
        `Onbekende optie '--foo' bij 'bfm ${name}'. Zie 'bfm ${name} --help'.`,
      );
    });

    it('refuses the options of other commands', async () => {
      const foreign = [...allOptionNames].filter((option) => !(option in command.options));
      expect(foreign.length).toBeGreaterThan(0);
      for (const option of foreign) {
        const result = await bfm(...words(name), `--${option}`);
        expect(result.code, option).toBe(2);
        expect(result.stderr).toBe(
          `Onbekende optie '--${option}' bij 'bfm ${name}'. Zie 'bfm ${name} --help'.`,
        );
      }
    });

    it('refuses an extra argument', async () => {
      const given = command.arguments.map((argument) => `x-${argument.name}`);
      const result = await bfm(...words(name), ...given, 'extra');
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        new RegExp(
          `^Te veel argumenten: 'extra'; 'bfm ${name}' neemt .*Zie 'bfm ${name} --help'\\.$`,
        ),
      );
      expect(result.stderr.split('\n')).toHaveLength(1);
    });

    it('asks for the value of each option that takes one', async () => {
      for (const [option, spec] of Object.entries(command.options)) {
        if (spec.type !== 'string') continue;
        for (const args of [[`--${option}`], [`--${option}`, '--debug']]) {
          const result = await bfm(...words(name), ...args);
          expect(result.code, option).toBe(2);
          expect(result.stderr).toBe(
            `De optie '--${option}' bij 'bfm ${name}' heeft een waarde nodig, zoals ${optionSignature(option, spec)}. Zie 'bfm ${name} --help'.`,
          );
        }
      }
    });

    it('refuses a value for an option that takes none', async () => {
      for (const [option, spec] of Object.entries(command.options)) {
        if (spec.type !== 'boolean') continue;
        const result = await bfm(...words(name), `--${option}=ja`);
        expect(result).toMatchObject({ code: 2, stdout: '' });
        expect(result.stderr).toBe(
          `De optie '--${option}' bij 'bfm ${name}' neemt geen waarde. Zie 'bfm ${name} --help'.`,
        );
      }
    });
  },
);

describe('finding the command', () => {
  it('shows the general help for bfm, bfm help and bfm --help, listing every command', async () => {
    const general = await bfm();
    expect(general.code).toBe(0);
    expect(general.stdout).toMatch(/^bfm – Basisfunctiemonitor\n/);
    for (const command of COMMANDS) expect(general.stdout).toContain(`bfm ${command.name}`);
    expect(await bfm('help')).toEqual(general);
    expect(await bfm('--help')).toEqual(general);
    expect(await bfm('-h')).toEqual(general);
  });

  it('refuses an unknown command in one line', async () => {
    expect(await bfm('exporteer')).toEqual({
      code: 2,
      stdout: '',
      stderr: "Onbekende opdracht 'exporteer'. Zie 'bfm help' voor alle opdrachten.",
    });
    expect((await bfm('help', 'exporteer')).stderr).toBe(
      "Onbekende opdracht 'exporteer'. Zie 'bfm help' voor alle opdrachten.",
    );
    expect((await bfm('help', 'import', 'x')).code).toBe(2);
  });

  it('names the subcommands of a group', async () => {
    expect(await bfm('user')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "Onvolledige opdracht 'bfm user'. Bedoelt u: bfm user create, bfm user disable of bfm user enable?",
    });
    expect((await bfm('db', 'reset')).stderr).toBe(
      "Onbekende opdracht 'bfm db reset'. Bedoelt u: bfm db migrate?",
    );
    const help = await bfm('user', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('bfm user create --role ROL --email ADRES');
    expect(await bfm('help', 'user')).toEqual(help);
  });

  it('accepts the alias analyze and the global flags before the command', async () => {
    expect((await bfm('analyze', '--help')).stdout).toBe((await bfm('analyse', '--help')).stdout);
    expect((await bfm('--debug', 'import', '--help')).stdout).toBe(
      (await bfm('import', '--help')).stdout,
    );
  });

  it('refuses any other option before the command', async () => {
    expect(await bfm('--json', 'rounds')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "Onbekende optie '--json' bij 'bfm': vóór de opdracht staan alleen --help en --debug. Zie 'bfm help'.",
    });
  });

  it('names what was typed for a single-dash option, and refuses a repeated one', async () => {
    expect((await bfm('analyse', '-round', '2009')).stderr).toBe(
      "Onbekende optie '-round' bij 'bfm analyse'. Zie 'bfm analyse --help'.",
    );
    expect((await bfm('analyse', '--round', 'a', '--round', 'b')).stderr).toBe(
      "De optie '--round' mag bij 'bfm analyse' maar één keer worden gegeven. Zie 'bfm analyse --help'.",
    );
  });

  it('asks for a missing required option or argument', async () => {
    expect(await bfm('analyse')).toEqual({
      code: 2,
      stdout: '',
      stderr: "Geef --round ID op: bfm analyse --round ID [--json]. Zie 'bfm analyse --help'.",
    });
    expect((await bfm('import')).stderr).toBe(
      "Geef BESTAND op: bfm import BESTAND [--round ID] [--register REGISTER] [--by ADRES] [--override --reason TEKST] [--json]. Zie 'bfm import --help'.",
    );
  });

  it('lets --help win over other mistakes, and reads options after -- as arguments', async () => {
    expect((await bfm('rounds', 'extra', '--foo', '--help')).code).toBe(0);
    const terminated = await bfm('rounds', '--', '--help');
    expect(terminated.code).toBe(2);
    expect(terminated.stderr).toContain("Te veel argumenten: '--help'");
  });
});
