/**
 * The bundled instrument versions. Each is validated by InstrumentSchema when first loaded;
 * an invalid definition stops the application with an error naming the faulty element.
 */
import type { z } from 'zod';
import type { Instrument } from '../domain/instrument.ts';
import instrument2009 from './2009/instrument.json' with { type: 'json' };
import mantelzorg2009 from './2009/mantelzorg.json' with { type: 'json' };
import vrijwilligerswerk2009 from './2009/vrijwilligerswerk.json' with { type: 'json' };
import { InstrumentSchema, toInstrument } from './instrument-schema.ts';

/** Raised when an instrument definition does not pass its schema. */
export class InstrumentDefinitionError extends Error {
  readonly issues: readonly string[];
  constructor(version: string, issues: readonly string[]) {
    super(
      `Instrumentdefinitie '${version}' is ongeldig:\n${issues.map((i) => `  - ${i}`).join('\n')}`,
    );
    this.name = 'InstrumentDefinitionError';
    this.issues = issues;
  }
}

/** Raised when an instrument version is asked for that the application does not bundle. */
export class UnknownInstrumentVersionError extends Error {
  readonly version: string;
  constructor(version: string, available: readonly string[]) {
    super(`Onbekende instrumentversie '${version}'. Beschikbaar: ${available.join(', ')}.`);
    this.name = 'UnknownInstrumentVersionError';
    this.version = version;
  }
}

const rawDefinitions: Record<string, () => unknown> = {
  '2009': () => ({
    ...instrument2009,
    questionnaires: [vrijwilligerswerk2009, mantelzorg2009],
  }),
};

/** Describes where an issue sits, in terms a content editor recognises. */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = raw;
  for (let i = 0; i < path.length; i += 1) {
    const key = path[i];
    const next = (node as Record<PropertyKey, unknown> | undefined)?.[key as string];
    const parent = path[i - 1];
    if (parent === 'questionnaires' && typeof key === 'number') {
      const id = (next as { id?: unknown } | undefined)?.id;
      parts.push(`vragenlijst ${typeof id === 'string' ? `'${id}'` : `#${key + 1}`}`);
    } else if (parent === 'items' && typeof key === 'number') {
      const number = (next as { number?: unknown } | undefined)?.number;
      parts.push(`vraag ${typeof number === 'number' ? number : `op plaats ${key + 1}`}`);
    } else if (parent === 'basisfuncties' && typeof key === 'number') {
      const id = (next as { id?: unknown } | undefined)?.id;
      parts.push(`basisfunctie ${typeof id === 'string' ? `'${id}'` : `#${key + 1}`}`);
    } else if (parent === 'options' && typeof key === 'number') {
      parts.push(`optie ${key + 1}`);
    } else if (
      typeof path[i + 1] !== 'number' ||
      !['questionnaires', 'items', 'basisfuncties', 'options'].includes(String(key))
    ) {
      parts.push(String(key));
    }
    node = next;
  }
  return parts.join(', ') || '(instrument)';
}

/**
 * Validates a raw instrument definition.
 *
 * @throws {InstrumentDefinitionError} listing every issue with the element it concerns
 */
export function parseInstrument(raw: unknown, label = 'onbekend'): Instrument {
  const result = InstrumentSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue: z.core.$ZodIssue) => `${describePath(raw, issue.path)}: ${issue.message}`,
    );
    const version = (raw as { version?: unknown } | null)?.version;
    throw new InstrumentDefinitionError(typeof version === 'string' ? version : label, issues);
  }
  return toInstrument(result.data);
}

const cache = new Map<string, Instrument>();

/** The versions bundled with the application. */
export function listInstrumentVersions(): string[] {
  return Object.keys(rawDefinitions);
}

/**
 * Loads and validates a bundled instrument version.
 *
 * @throws {UnknownInstrumentVersionError} when the version does not exist (message in Dutch)
 * @throws {InstrumentDefinitionError} when its definition is invalid
 */
export function loadInstrument(version: string): Instrument {
  const cached = cache.get(version);
  if (cached) return cached;
  const raw = rawDefinitions[version];
  if (!raw) {
    throw new UnknownInstrumentVersionError(version, listInstrumentVersions());
  }
  const instrument = parseInstrument(raw(), version);
  cache.set(version, instrument);
  return instrument;
}
