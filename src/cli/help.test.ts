/**
 * Help texts generated from a small stand-in table, checked line by line.
 */
import { describe, expect, it } from 'vitest';
import { defineCommand } from './command.ts';
import { formatCommandHelp, formatGeneralHelp, formatGroupHelp, wrap, wrapUsage } from './help.ts';

const noop = async () => 0;
const exportCommand = defineCommand({
  name: 'export',
  aliases: ['uitvoer'],
  usage: 'BESTAND --round ID [--tag LABEL …] [--json]',
  summary: 'antwoorden uitvoeren',
  details: 'Schrijft een CSV-bestand.',
  arguments: [{ name: 'BESTAND', required: true, description: 'waarheen' }],
  options: {
    round: { type: 'string', required: true, value: 'ID', description: 'de meting' },
    tag: { type: 'string', multiple: true, value: 'LABEL', description: 'een label' },
    json: { type: 'boolean', description: 'als JSON' },
  },
  run: noop,
});
const userAdd = defineCommand({
  name: 'user add',
  usage: '',
  summary: 'een account toevoegen',
  options: {},
  run: noop,
});
const userRemove = defineCommand({
  name: 'user remove',
  usage: '[--force]',
  summary: 'een account verwijderen',
  options: { force: { type: 'boolean', description: 'zonder vragen' } },
  run: noop,
});

describe('wrap', () => {
  it('breaks between words and keeps a longer word whole', () => {
    expect(wrap('een twee drie vier', 9)).toEqual(['een twee', 'drie vier']);
    expect(wrap('aaaaaaaaaaaa b', 5)).toEqual(['aaaaaaaaaaaa', 'b']);
    expect(wrap('', 10)).toEqual([]);
  });

  it('keeps bracketed groups of a usage line together', () => {
    expect(wrapUsage('bfm x', '--a A [--bb BB …] [--c]', 20, 6)).toEqual([
      'bfm x --a A',
      '      [--bb BB …]',
      '      [--c]',
    ]);
    expect(wrapUsage('bfm x', '', 20, 6)).toEqual(['bfm x']);
  });
});

describe('help texts', () => {
  it("a command's help: usage, alias, details, arguments, options and global options", () => {
    expect(formatCommandHelp(exportCommand).split('\n')).toEqual([
      'bfm export – antwoorden uitvoeren',
      '',
      'Gebruik: bfm export BESTAND --round ID [--tag LABEL …] [--json]',
      'Ook:     bfm uitvoer',
      '',
      'Schrijft een CSV-bestand.',
      '',
      'Argumenten:',
      '  BESTAND  waarheen',
      '',
      'Opties:',
      '  --round ID   de meting; verplicht',
      '  --tag LABEL  een label; mag vaker',
      '  --json       als JSON',
      '',
      'Algemene opties:',
      '  -h, --help  de hulp bij de opdracht tonen',
      '  --debug     bij een onverwachte fout de technische details (stack trace) tonen',
    ]);
  });

  it('the general help lists each command with its usage and summary', () => {
    const text = formatGeneralHelp([exportCommand, userAdd, userRemove]);
    expect(text).toContain(
      `  ${'bfm export BESTAND --round ID [--tag LABEL …] [--json]'}\n${' '.repeat(37)}antwoorden uitvoeren (ook: bfm uitvoer)`,
    );
    expect(text).toContain(`  ${'bfm user add'.padEnd(35)}een account toevoegen\n`);
    expect(text).toContain(`  ${'bfm user remove [--force]'.padEnd(35)}een account verwijderen\n`);
    expect(text).toContain("Meer over een opdracht: 'bfm help OPDRACHT' of 'bfm OPDRACHT --help'.");
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(110);
  });

  it("a group's help lists its commands", () => {
    expect(formatGroupHelp([exportCommand, userAdd, userRemove], 'user').split('\n')).toEqual([
      'bfm user – opdrachten:',
      '',
      `  ${'bfm user add'.padEnd(35)}een account toevoegen`,
      `  ${'bfm user remove [--force]'.padEnd(35)}een account verwijderen`,
      '',
      "Meer over een opdracht: 'bfm user add --help', 'bfm user remove --help'.",
    ]);
  });
});
