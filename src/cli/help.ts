/**
 * Help texts, generated from the command table: the general help (`bfm help`), a command's
 * help (`bfm import --help`, `bfm help import`) and a group's (`bfm user --help`).
 */
import { GLOBAL_OPTIONS, optionSignature, type CliCommand, type CliOption } from './command.ts';
import { commandsInGroup } from './parse-command-line.ts';

const WIDTH = 100;
/** Where descriptions start in the general help. */
const SUMMARY_COLUMN = 37;

/** Wraps text at word boundaries to lines of at most `width` characters. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Splits a usage text into its parts, keeping each bracketed group whole. */
function usageParts(usage: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let part = '';
  for (const character of usage) {
    if (character === '[') depth += 1;
    if (character === ']') depth -= 1;
    if (character === ' ' && depth === 0) {
      if (part !== '') parts.push(part);
      part = '';
    } else {
      part += character;
    }
  }
  if (part !== '') parts.push(part);
  return parts;
}

/**
 * A usage line such as 'bfm user create --role ROL …', wrapped between its parts; the
 * continuation lines are indented by `indent` spaces.
 */
export function wrapUsage(head: string, usage: string, width: number, indent: number): string[] {
  const lines: string[] = [];
  let line = head;
  for (const part of usageParts(usage)) {
    if (line.trim() !== '' && line.length + 1 + part.length > width) {
      lines.push(line);
      line = `${' '.repeat(indent)}${part}`;
    } else {
      line = `${line} ${part}`;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Two columns: the term, then its description, wrapped with a hanging indent. A term that
 * does not fit puts its description on the next line.
 */
function definitionList(rows: readonly (readonly [string, string])[], column?: number): string {
  const indent = '  ';
  const start =
    column ??
    Math.min(SUMMARY_COLUMN, Math.max(...rows.map(([term]) => indent.length + term.length + 2)));
  const pad = ' '.repeat(start);
  return rows
    .map(([term, description]) => {
      const body = wrap(description, WIDTH - start);
      const head = `${indent}${term}`;
      if (head.length + 2 <= start) {
        const [first = '', ...rest] = body;
        return [head.padEnd(start) + first, ...rest.map((line) => pad + line)].join('\n');
      }
      return [head, ...body.map((line) => pad + line)].join('\n');
    })
    .join('\n');
}

/** The description of an option with its remarks: required, repeatable. */
export function describeOption(option: CliOption): string {
  const remarks = [
    option.required ? 'verplicht' : undefined,
    option.multiple ? 'mag vaker' : undefined,
  ].filter((remark) => remark !== undefined);
  return [option.description, ...remarks].join('; ');
}

function globalOptionsSection(title: string): string {
  return `${title}:\n${definitionList(
    Object.entries(GLOBAL_OPTIONS).map(([name, option]) => [
      optionSignature(name, option),
      describeOption(option),
    ]),
  )}`;
}

/** `bfm help`, `bfm --help` and `bfm` alone. */
export function formatGeneralHelp(commands: readonly CliCommand[]): string {
  const rows = commands.map(
    (command) =>
      [
        wrapUsage(`bfm ${command.name}`, command.usage, WIDTH - 2, 6).join('\n  '),
        command.aliases.length > 0
          ? `${command.summary} (ook: ${command.aliases.map((alias) => `bfm ${alias}`).join(', ')})`
          : command.summary,
      ] as const,
  );
  return [
    'bfm – Basisfunctiemonitor',
    'Gebruik: bfm OPDRACHT [ARGUMENTEN] [OPTIES]',
    `Opdrachten:\n${definitionList(rows, SUMMARY_COLUMN)}`,
    globalOptionsSection('Algemene opties, bij elke opdracht'),
    [
      "Meer over een opdracht: 'bfm help OPDRACHT' of 'bfm OPDRACHT --help'.",
      'Omgeving: BFM_DATA_DIR (standaard ./.data) voor de ingebouwde database, of DATABASE_URL voor PostgreSQL;',
      'alle variabelen staan in README.md. Het importformaat staat in docs/import-format.md.',
    ].join('\n'),
  ].join('\n\n');
}

/** `bfm import --help` and `bfm help import`. */
export function formatCommandHelp(command: CliCommand): string {
  const sections = [
    `bfm ${command.name} – ${command.summary}`,
    [
      ...wrapUsage(
        `Gebruik: bfm ${command.name}`,
        command.usage,
        WIDTH,
        `Gebruik: bfm ${command.name} `.length,
      ),
      ...command.aliases.map((alias) => `Ook:     bfm ${alias}`),
    ].join('\n'),
  ];
  if (command.details) sections.push(wrap(command.details, WIDTH).join('\n'));
  if (command.arguments.length > 0) {
    sections.push(
      `Argumenten:\n${definitionList(
        command.arguments.map((argument) => [
          argument.name,
          argument.required ? argument.description : `${argument.description}; niet verplicht`,
        ]),
      )}`,
    );
  }
  const options = Object.entries(command.options);
  if (options.length > 0) {
    sections.push(
      `Opties:\n${definitionList(
        options.map(([name, option]) => [optionSignature(name, option), describeOption(option)]),
      )}`,
    );
  }
  sections.push(globalOptionsSection('Algemene opties'));
  return sections.join('\n\n');
}

/** `bfm user --help`: the commands of a group. */
export function formatGroupHelp(commands: readonly CliCommand[], group: string): string {
  const members = commandsInGroup(commands, group);
  return [
    `bfm ${group} – opdrachten:`,
    definitionList(
      members.map((command) => [
        wrapUsage(`bfm ${command.name}`, command.usage, WIDTH - 2, 6).join('\n  '),
        command.summary,
      ]),
      SUMMARY_COLUMN,
    ),
    `Meer over een opdracht: ${members.map((command) => `'bfm ${command.name} --help'`).join(', ')}.`,
  ].join('\n\n');
}
