/**
 * zod's messages in Dutch. Every schema that users meet gives its own message; this map is the
 * safety net for those that do not, so no English default ever reaches a user. Importing this
 * module installs it for the whole process (env parsing, services, the web app and the CLI).
 */
import { z } from 'zod';

const SIZE_UNITS: Record<string, [string, string]> = {
  string: ['teken', 'tekens'],
  array: ['keuze', 'keuzes'],
  set: ['keuze', 'keuzes'],
  file: ['byte', 'bytes'],
};

function unit(origin: string, count: number | bigint): string {
  const [one, many] = SIZE_UNITS[origin] ?? ['', ''];
  return `${count}${one ? ` ${Number(count) === 1 ? one : many}` : ''}`;
}

/**
 * zod's messages in Dutch, for schemas that give no message of their own. The messages say
 * what to fix; the field they belong to is shown next to them.
 */
export function dutchErrorMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? 'Vul dit veld in.'
        : issue.expected === 'number' || issue.expected === 'int'
          ? 'Vul een getal in.'
          : issue.expected === 'array'
            ? 'Geef een lijst.'
            : issue.expected === 'boolean'
              ? 'Geef ja of nee (true of false).'
              : issue.expected === 'object'
                ? 'Geef een object met velden.'
                : 'Vul tekst in.';
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'Vul dit veld in.';
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return 'Kies minstens één.';
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return `Vul een getal in van minstens ${issue.minimum}.`;
      return `Vul minstens ${unit(issue.origin, issue.minimum)} in.`;
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return `Vul een getal in van hoogstens ${issue.maximum}.`;
      return `Dit mag hoogstens ${unit(issue.origin, issue.maximum)} lang zijn.`;
    case 'invalid_format':
      switch (issue.format) {
        case 'email':
          return 'Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.';
        case 'url':
          return 'Vul een volledig webadres in, bijvoorbeeld https://example.nl.';
        case 'date':
          return 'Vul een geldige datum in (jjjj-mm-dd).';
        case 'regex':
          return 'Deze waarde heeft niet de juiste vorm.';
        default:
          return 'Deze waarde heeft niet de juiste vorm.';
      }
    case 'not_multiple_of':
      return `Vul een veelvoud van ${issue.divisor} in.`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `Vul ${JSON.stringify(issue.values[0])} in.`
        : `Kies een van: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'unrecognized_keys':
      return `Onbekend veld: ${issue.keys.join(', ')}.`;
    case 'invalid_union':
      return 'Deze waarde is ongeldig.';
    case 'invalid_key':
    case 'invalid_element':
      return 'Deze waarde is ongeldig.';
    case 'custom':
    default:
      return 'Deze waarde is ongeldig.';
  }
}

z.config({ localeError: (issue) => dutchErrorMessage(issue) });
