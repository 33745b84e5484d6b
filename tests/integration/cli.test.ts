import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRASH_MESSAGE } from '../../src/cli/errors.ts';
import { DEMO_TALKS } from '../../src/services/demo-improvement.ts';
import { bfm, bfmWithInput } from '../support/cli.ts';
import { createTestEnvironment, type TestEnvironment } from '../support/database.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/bfm.js');

let environment: TestEnvironment;

beforeAll(async () => {
  environment = await createTestEnvironment();
});
afterAll(async () => {
  await environment.dispose();
});

describe('bfm', () => {
  it('start loads the register and the synthetic demo rounds and shows the analysis', async () => {
    const result = await bfm(environment.env, 'start', '--no-serve');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Synthetische demonstratiemeting 'demo-2009' geladen.");
    expect(result.stderr).toContain("Synthetische demonstratiemeting 'demo-2026' geladen.");
    expect(result.stdout).toContain('SYNTHETISCHE GEGEVENS');
    expect(result.stdout).toContain('Landelijke analyse');
    const again = await bfm(environment.env, 'start', '--no-serve');
    expect(again.stderr).not.toContain('geladen');
  });

  // Issue 12 (helper D): after the two starts above, the demo's talks are there once.
  it('start loads the demo advice talks once, and bfm analyse counts them (talks in --json)', async () => {
    const json = await bfm(environment.env, 'analyse', '--round', 'demo-2026', '--json');
    expect(json.code).toBe(0);
    const { talks } = JSON.parse(json.stdout) as {
      talks: {
        totals: { talks: number[] };
        actions: { round: { id: string }; total: number };
        comparison: { overall: { withTalk: { municipalities: number } } } | null;
      };
    };
    expect(talks.totals.talks).toEqual([DEMO_TALKS.length, 0]);
    expect(talks.actions).toMatchObject({
      round: { id: 'demo-2009' },
      total: DEMO_TALKS.reduce((n, t) => n + t.actions.length, 0),
    });
    expect(talks.comparison?.overall.withTalk.municipalities).toBeGreaterThan(0);
    const text = await bfm(environment.env, 'analyse', '--round', 'demo-2026');
    expect(text.stdout).toContain('Adviesgesprekken per provincie en meting');
    expect(text.stdout).toContain('geen bewijs van een effect');
  });

  it('lists rounds, with the demo rounds marked synthetic', async () => {
    const result = await bfm(environment.env, 'rounds', '--json');
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({ id: 'demo-2009', synthetic: true }),
      expect.objectContaining({ id: 'demo-2026', synthetic: true }),
    ]);
  });

  it('publishes a closed round and withdraws it again (bfm rounds publish / unpublish)', async () => {
    const published = await bfm(environment.env, 'rounds', 'publish', 'demo-2009');
    expect(published).toEqual({
      code: 0,
      stdout: 'Meting demo-2009 is gepubliceerd: /openbaar/metingen/demo-2009.',
      stderr: '',
    });
    const again = await bfm(environment.env, 'rounds', 'publish', 'demo-2009', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ roundId: 'demo-2009', changed: false });
    const unknown = await bfm(environment.env, 'rounds', 'publish', '2011');
    expect(unknown).toMatchObject({ code: 2, stderr: "De meting '2011' bestaat niet." });
    const withdrawn = await bfm(environment.env, 'rounds', 'unpublish', 'demo-2009');
    expect(withdrawn.stdout).toBe('De publicatie van meting demo-2009 is ingetrokken.');
    const missing = await bfm(environment.env, 'rounds', 'publish');
    expect(missing.code).toBe(2);
  });

  it('explains an unknown round in Dutch, with the rounds that do exist, and exits 2', async () => {
    const result = await bfm(environment.env, 'analyse', '--round', '2011');
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: "De meting '2011' bestaat niet. Bestaande metingen: demo-2009, demo-2026.",
    });
  });

  it('checks crosstab arguments', async () => {
    const missing = await bfm(
      environment.env,
      'crosstab',
      '--round',
      'demo-2009',
      '--questionnaire',
      'mantelzorg',
      '--row',
      '17',
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      "Geef --column VRAAG op: bfm crosstab --round ID --row VRAAG --column VRAAG [--questionnaire VRAGENLIJST] [--grootte KLASSE] [--groep GROEP] [--provincie PVxx] [--json]. Zie 'bfm crosstab --help'.",
    );
    const notANumber = await bfm(
      environment.env,
      'crosstab',
      '--round',
      'demo-2009',
      '--questionnaire',
      'mantelzorg',
      '--row',
      '17',
      '--column',
      'negentien',
    );
    expect(notANumber).toEqual({
      code: 2,
      stdout: '',
      stderr: '--column moet een vraagnummer zijn, bijvoorbeeld 17',
    });
    const open = await bfm(
      environment.env,
      'crosstab',
      '--round',
      'demo-2009',
      '--questionnaire',
      'mantelzorg',
      '--row',
      '18',
      '--column',
      '19',
    );
    expect(open.code).toBe(2);
    expect(open.stderr).toContain("Vraag 18 is geen driepuntsvraag van 'mantelzorg'");
    const ok = await bfm(
      environment.env,
      'crosstab',
      '--round',
      'demo-2009',
      '--questionnaire',
      'mantelzorg',
      '--row',
      '17',
      '--column',
      '19',
    );
    expect(ok.stdout).toContain('Rijpercentages');
    expect(ok.stdout).toContain('SYNTHETISCHE GEGEVENS');
  });

  it('answers usage errors with exit code 2 and one line', async () => {
    const unknown = await bfm(environment.env, 'exporteer');
    expect(unknown).toEqual({
      code: 2,
      stdout: '',
      stderr: "Onbekende opdracht 'exporteer'. Zie 'bfm help' voor alle opdrachten.",
    });
    const badOption = await bfm(environment.env, 'analyse', '--rond', '2009');
    expect(badOption).toEqual({
      code: 2,
      stdout: '',
      stderr: "Onbekende optie '--rond' bij 'bfm analyse'. Zie 'bfm analyse --help'.",
    });
    const otherCommands = await bfm(environment.env, 'rounds', '--replace');
    expect(otherCommands.stderr).toBe(
      "Onbekende optie '--replace' bij 'bfm rounds'. Zie 'bfm rounds --help'.",
    );
    const extra = await bfm(environment.env, 'rounds', 'extra');
    expect(extra).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "Te veel argumenten: 'extra'; 'bfm rounds' neemt geen argumenten. Zie 'bfm rounds --help'.",
    });
    const noValue = await bfm(environment.env, 'analyse', '--round');
    expect(noValue).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "De optie '--round' bij 'bfm analyse' heeft een waarde nodig, zoals --round ID. Zie 'bfm analyse --help'.",
    });
    expect(await bfm(environment.env, 'import')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "Geef BESTAND op: bfm import BESTAND [--round ID] [--register REGISTER] [--by ADRES] [--override --reason TEKST] [--json]. Zie 'bfm import --help'.",
    });
    const badPort = await bfm(environment.env, 'serve', '--port', 'tachtig');
    expect(badPort).toEqual({
      code: 2,
      stdout: '',
      stderr: "--port moet een poortnummer zijn, niet 'tachtig'.",
    });
  });

  it('refuses a bad import file with exit code 2, listing the bad lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bfm-cli-'));
    try {
      const missing = await bfm(environment.env, 'import', join(dir, 'nergens.csv'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe(
        `Het bestand '${join(dir, 'nergens.csv')}' kan niet worden gelezen. Controleer de naam en de map.`,
      );
      const file = join(dir, 'fout.csv');
      await writeFile(
        file,
        'meting,gemeentecode,vragenlijst,vraag,antwoord\nx,GM9999,mantelzorg,17,3\nx,GM0363,mantelzorgen,17,3\n',
      );
      const rejected = await bfm(environment.env, 'import', file);
      expect(rejected.code).toBe(2);
      expect(rejected.stdout).toBe('');
      const lines = rejected.stderr.split('\n');
      expect(lines[0]).toBe('Import afgebroken: 2 fouten gevonden. Er is niets opgeslagen.');
      expect(lines.slice(1)).toEqual([
        expect.stringMatching(/^ {2}regel 2: onbekende gemeente 'GM9999'/),
        expect.stringMatching(/^ {2}regel 3: onbekende vragenlijst 'mantelzorgen'/),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('creates a round on the 2025 register with bfm import --register 2025', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bfm-cli-'));
    try {
      const file = join(dir, 'vervolg.csv');
      await writeFile(
        file,
        'meting,gemeentecode,vragenlijst,vraag,antwoord\n,GM1979,mantelzorg,17,3\n',
      );
      const imported = await bfm(
        environment.env,
        'import',
        file,
        '--round',
        'cli-2025',
        '--register',
        '2025',
      );
      expect(imported).toMatchObject({ code: 0, stderr: '' });
      expect(imported.stdout).toContain('Meting cli-2025 (nieuw aangemaakt): 1 nieuw');
      const rounds = await bfm(environment.env, 'rounds', '--json');
      expect(JSON.parse(rounds.stdout)).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: 'cli-2025', registerId: '2025' })]),
      );
      // Importing into the round again needs no --register: it keeps its own.
      const again = await bfm(environment.env, 'import', file, '--round', 'cli-2025');
      expect(again.stdout).toContain('Meting cli-2025: 0 nieuw, 0 gewijzigd, 1 ongewijzigd');
      const wrong = await bfm(
        environment.env,
        'import',
        file,
        '--round',
        'nieuw',
        '--register',
        '2030',
      );
      expect(wrong).toEqual({
        code: 2,
        stdout: '',
        stderr: "Het register '2030' bestaat niet. Kies '2009' of '2025'.",
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('changes a closed round only with --override and a reason, and names an unknown --by account', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bfm-cli-'));
    try {
      const header = 'meting,gemeentecode,vragenlijst,vraag,antwoord\n';
      const first = join(dir, 'eerste.csv');
      await writeFile(first, `${header}cli-gesloten,GM0363,mantelzorg,17,3\n`);
      expect((await bfm(environment.env, 'import', first)).code).toBe(0);
      // The round the import created is closed (past data): a change needs the override.
      const second = join(dir, 'tweede.csv');
      await writeFile(second, `${header}cli-gesloten,GM0363,mantelzorg,17,1\n`);
      const refused = await bfm(environment.env, 'import', second);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('meting cli-gesloten is gesloten');
      expect(refused.stderr).toContain('--override --reason');
      const noReason = await bfm(environment.env, 'import', second, '--override');
      expect(noReason.code).toBe(2);
      expect(noReason.stderr).toContain('Geef bij --override ook --reason');
      const unknown = await bfm(environment.env, 'import', second, '--by', 'niemand@example.nl');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain(
        "Er is geen account met het e-mailadres 'niemand@example.nl'",
      );
      const done = await bfm(
        environment.env,
        'import',
        second,
        '--override',
        '--reason',
        'correctie van de gemeente',
      );
      expect(done.code).toBe(0);
      expect(done.stdout).toContain('1 gewijzigd');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('creates an account, and refuses an e-mail address already in use with exit code 2', async () => {
    const created = await bfmWithInput(
      environment.env,
      'een-lang-wachtwoord-voor-de-test\n',
      'user',
      'create',
      '--role',
      'advisor',
      '--email',
      'adviseur@example.invalid',
      '--name',
      'Adviseur Test',
      '--province',
      'PV26',
      '--province',
      'PV27',
      '--password-stdin',
      '--json',
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      email: 'adviseur@example.invalid',
      name: 'Adviseur Test',
      role: 'advisor',
      provinces: ['PV26', 'PV27'],
    });
    const generated = await bfm(
      environment.env,
      'user',
      'create',
      '--role',
      'analyst',
      '--email',
      'analist@example.invalid',
    );
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(
      /^Account aangemaakt: analist@example\.invalid \(analist\)\. Wachtwoord: \S{24}$/,
    );
    const again = await bfm(
      environment.env,
      'user',
      'create',
      '--role',
      'analyst',
      '--email',
      'adviseur@example.invalid',
    );
    expect(again).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Er is al een account met e-mailadres adviseur@example.invalid.',
    });
    const badRole = await bfm(
      environment.env,
      'user',
      'create',
      '--role',
      'baas',
      '--email',
      'baas@example.invalid',
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toBe('Kies een rol: coordinator, advisor, municipality, analyst.');
  });

  it('refuses a weak password from standard input, in Dutch, with exit code 2', async () => {
    const weak = await bfmWithInput(
      environment.env,
      'wachtwoord1234\n',
      'user',
      'create',
      '--role',
      'analyst',
      '--email',
      'zwak@example.invalid',
      '--password-stdin',
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/^Kies een sterker wachtwoord\. Het staat in de lijsten/);
  });

  it('disables and re-enables an account', async () => {
    const disabled = await bfm(environment.env, 'user', 'disable', 'analist@example.invalid');
    expect(disabled).toEqual({
      code: 0,
      stdout:
        'Account analist@example.invalid geblokkeerd: sessies beëindigd, API-sleutels ingetrokken.',
      stderr: '',
    });
    expect((await bfm(environment.env, 'user', 'disable', 'analist@example.invalid')).stdout).toBe(
      'Account analist@example.invalid was al geblokkeerd.',
    );
    expect(await bfm(environment.env, 'user', 'enable', 'analist@example.invalid')).toEqual({
      code: 0,
      stdout: 'Account analist@example.invalid kan weer inloggen.',
      stderr: '',
    });
    expect(await bfm(environment.env, 'user', 'disable', 'niemand@example.invalid')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Er is geen account met e-mailadres niemand@example.invalid.',
    });
  });

  it('rejects an invalid environment with a Dutch message', async () => {
    const result = await bfm({ DATABASE_URL: 'mysql://localhost/x' }, 'rounds');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL moet beginnen met postgres://');
  });

  it('refuses an unknown instrument version in one line with exit code 2', async () => {
    expect(await bfm(environment.env, 'instrument', '--version', '1999')).toEqual({
      code: 2,
      stdout: '',
      stderr: "Onbekende instrumentversie '1999'. Beschikbaar: 2009.",
    });
  });

  it('report asks for one municipality with a file, all with a folder, or the national report, and exits 2', async () => {
    const neither = await bfm(environment.env, 'report', '--round', 'demo-2009');
    expect(neither).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Kies --municipality CODE --pdf BESTAND voor één gemeente, --all --out MAP voor alle gemeenten, of --national --pdf BESTAND voor het landelijk rapport.',
    });
    const noFile = await bfm(
      environment.env,
      'report',
      '--round',
      'demo-2009',
      '--municipality',
      '0363',
    );
    expect(noFile.stderr).toBe('Geef met --pdf BESTAND aan waar de PDF moet komen.');
    const noFolder = await bfm(environment.env, 'report', '--round', 'demo-2009', '--all');
    expect(noFolder.stderr).toBe('Geef met --out MAP aan in welke map de rapporten moeten komen.');
  });

  it('report says when Chromium is missing and how to install it', async () => {
    const result = await bfm(
      { ...environment.env, BFM_CHROMIUM: '/bestaat/niet/chromium' },
      'report',
      '--round',
      'demo-2009',
      '--municipality',
      'GM0363',
      '--pdf',
      join(tmpdir(), 'x.pdf'),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Chromium ontbreekt');
    expect(result.stderr).toContain("'apt-get install chromium'");
  });

  it('shows the instrument', async () => {
    const result = await bfm(environment.env, 'instrument');
    expect(result.stdout).toContain('Basisfuncties lokale ondersteuning mantelzorg (57 vragen)');
    expect(result.stdout).toContain('Informatie: vragen 17, 18, 19, 20, 21');
  });

  it('runs as a command through bin/bfm.js, with its exit codes', () => {
    const result = spawnSync(process.execPath, [BIN, 'help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('bfm – Basisfunctiemonitor');
    const unknown = spawnSync(process.execPath, [BIN, 'exporteer'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(
      "Onbekende opdracht 'exporteer'. Zie 'bfm help' voor alle opdrachten.\n",
    );
  });
});

describe('bfm: a crash', () => {
  // A data folder that is a file makes opening the database fail with a plain Error.
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bfm-crash-'));
    const notAFolder = join(dir, 'data');
    await writeFile(notAFolder, 'geen map\n');
    env = { BFM_DATA_DIR: notAFolder, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one Dutch line, no stack trace, and exits 1', async () => {
    expect(await bfm(env, 'rounds')).toEqual({ code: 1, stdout: '', stderr: CRASH_MESSAGE });
  });

  it('prints the stack trace after --debug', async () => {
    const result = await bfm(env, 'rounds', '--debug');
    expect(result.code).toBe(1);
    const [first, ...details] = result.stderr.split('\n');
    expect(first).toBe(CRASH_MESSAGE);
    expect(details[0]).toMatch(/^Error: EEXIST/);
    expect(details.join('\n')).toMatch(/\n {4}at /);
  });
});

describe('bfm: the import example in README.md', () => {
  let example: TestEnvironment;
  beforeAll(async () => {
    example = await createTestEnvironment();
  });
  afterAll(async () => {
    await example.dispose();
  });

  /** The `npx bfm …` lines of the README's code block that uses the example file. */
  function readmeCommands(): string[][] {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
      .map((match) => match[1] ?? '')
      .find((text) => text.includes('examples/antwoorden-voorbeeld.csv'));
    if (!block) throw new Error('README.md has no sh block with examples/antwoorden-voorbeeld.csv');
    return block
      .trim()
      .split('\n')
      .map((line) => {
        expect(line).toMatch(/^npx bfm /);
        return line.replace(/^npx bfm /, '').split(' ');
      });
  }

  // Two processes that each load the sources and open the database: slow on a busy machine.
  it(
    'imports examples/antwoorden-voorbeeld.csv and analyses it, as the README shows',
    { timeout: 180_000 },
    () => {
      const commands = readmeCommands();
      expect(commands).toEqual([
        ['import', 'examples/antwoorden-voorbeeld.csv', '--round', 'voorbeeld'],
        ['analyse', '--round', 'voorbeeld'],
      ]);
      const results = commands.map((args) =>
        spawnSync(process.execPath, [BIN, ...args], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', ...example.env },
        }),
      );
      const [imported, analysed] = results;
      expect(imported?.stderr).toBe('');
      expect(imported?.status).toBe(0);
      expect(imported?.stdout).toBe(
        '292 regels gelezen.\n' +
          'Meting voorbeeld (nieuw aangemaakt): 292 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 gewist; 8 vragenlijsten.\n',
      );
      expect(analysed?.stderr).toBe('');
      expect(analysed?.status).toBe(0);
      expect(analysed?.stdout).toContain('Landelijke analyse – Meting voorbeeld');
      expect(analysed?.stdout).toMatch(/vragenlijst mantelzorg +4 /);
      expect(analysed?.stdout).not.toContain('SYNTHETISCHE GEGEVENS');
    },
  );
});
