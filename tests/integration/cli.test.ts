import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bfm } from '../support/cli.ts';
import { createTestEnvironment, type TestEnvironment } from '../support/database.ts';

let environment: TestEnvironment;

beforeAll(async () => {
  environment = await createTestEnvironment();
});
afterAll(async () => {
  await environment.dispose();
});

describe('bfm', () => {
  it('start loads the register and the synthetic demo round and shows its analysis', async () => {
    const result = await bfm(environment.env, 'start', '--no-serve');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Synthetische demonstratiemeting 'demo-2009' geladen.");
    expect(result.stdout).toContain('SYNTHETISCHE GEGEVENS');
    expect(result.stdout).toContain('Landelijke analyse');
    const again = await bfm(environment.env, 'start', '--no-serve');
    expect(again.stderr).not.toContain('geladen');
  });

  it('lists rounds, with the demo round marked synthetic', async () => {
    const result = await bfm(environment.env, 'rounds', '--json');
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({ id: 'demo-2009', synthetic: true }),
    ]);
  });

  it('explains an unknown round in Dutch, with the rounds that do exist', async () => {
    const result = await bfm(environment.env, 'analyse', '--round', '2011');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("De meting '2011' bestaat niet. Bestaande metingen: demo-2009.");
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
    expect(missing.stderr).toBe('geef --column op met een vraagnummer');
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
    expect(open.code).toBe(1);
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

  it('answers usage errors with exit code 2 and the help text', async () => {
    const unknown = await bfm(environment.env, 'exporteer');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Onbekende opdracht 'exporteer'");
    const badOption = await bfm(environment.env, 'analyse', '--rond', '2009');
    expect(badOption.code).toBe(2);
    expect((await bfm(environment.env, 'import')).stderr).toContain('Geef het bestand op');
  });

  it('rejects an invalid environment with a Dutch message', async () => {
    const result = await bfm({ DATABASE_URL: 'mysql://localhost/x' }, 'rounds');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL moet beginnen met postgres://');
  });

  it('shows the instrument', async () => {
    const result = await bfm(environment.env, 'instrument');
    expect(result.stdout).toContain('Basisfuncties lokale ondersteuning mantelzorg (57 vragen)');
    expect(result.stdout).toContain('Informatie: vragen 17, 18, 19, 20, 21');
  });

  it('runs as a command through bin/bfm.js', () => {
    const bin = fileURLToPath(new URL('../../bin/bfm.js', import.meta.url));
    const result = spawnSync(process.execPath, [bin, 'help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('bfm – Basisfunctiemonitor');
  });
});
