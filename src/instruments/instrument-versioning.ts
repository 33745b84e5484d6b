/**
 * Instrument versions against the version they derive from: the mapping checks, the copy that
 * starts a new version, the edits the coordinator makes, and the differences between two
 * versions. Pure: values in, values out; the service stores the result.
 *
 * Why item-level mapping: a trend compares a basisfunctie's mark over rounds, so it may only
 * count items that ask the same thing in both versions (decision 020). Each item of a derived
 * version says which earlier item it continues (`same` or `reworded`) or that it is new
 * (`previous: null`); each basisfunctie names its earlier counterpart.
 */
import type {
  Basisfunctie,
  Instrument,
  Item,
  ItemOption,
  Questionnaire,
} from '../domain/instrument.ts';
import type { InstrumentDefinition } from './instrument-schema.ts';

/** 'vragenlijst 'mantelzorg', vraag 12' — how an issue names its element. */
function where(questionnaire: Questionnaire, item?: Item): string {
  return `vragenlijst '${questionnaire.id}'${item ? `, vraag ${item.number}` : ''}`;
}

/**
 * Checks a definition's mapping against the version it derives from, and returns one Dutch
 * message per problem, naming the element. An empty list means the mapping is consistent.
 *
 * - without `derivedFrom`, no item or basisfunctie may carry a mapping;
 * - with it, every item and basisfunctie must say what it continues (`null` when new);
 * - a mapped item must exist in the earlier version's questionnaire with the same id, be of the
 *   same kind, and no two items may continue the same earlier item;
 * - a mapped basisfunctie must exist in the earlier questionnaire, once.
 *
 * @example checkMapping(v2026, v2009) // [] when every mapping resolves
 */
export function checkMapping(definition: Instrument, earlier: Instrument | undefined): string[] {
  const issues: string[] = [];
  if (!definition.derivedFrom || !earlier) {
    for (const questionnaire of definition.questionnaires) {
      for (const item of questionnaire.items) {
        if (item.previous !== undefined)
          issues.push(
            `${where(questionnaire, item)}: verwijst naar een eerdere vraag, maar de versie heeft geen derivedFrom`,
          );
      }
      for (const basisfunctie of questionnaire.basisfuncties) {
        if (basisfunctie.previous !== undefined)
          issues.push(
            `${where(questionnaire)}, basisfunctie '${basisfunctie.id}': verwijst naar een eerdere basisfunctie, maar de versie heeft geen derivedFrom`,
          );
      }
    }
    return issues;
  }
  for (const questionnaire of definition.questionnaires) {
    const before = earlier.questionnaires.find((q) => q.id === questionnaire.id);
    const usedBasisfuncties = new Map<string, string>();
    for (const basisfunctie of questionnaire.basisfuncties) {
      const label = `${where(questionnaire)}, basisfunctie '${basisfunctie.id}'`;
      if (basisfunctie.previous === undefined) {
        issues.push(
          `${label}: geef aan welke basisfunctie van versie ${earlier.version} dit is (previous), of null als zij nieuw is`,
        );
        continue;
      }
      if (basisfunctie.previous === null) continue;
      if (!before?.basisfuncties.some((b) => b.id === basisfunctie.previous)) {
        issues.push(
          `${label}: verwijst naar onbekende basisfunctie '${basisfunctie.previous}' van versie ${earlier.version}`,
        );
        continue;
      }
      const other = usedBasisfuncties.get(basisfunctie.previous);
      if (other)
        issues.push(
          `${label}: basisfunctie '${other}' verwijst al naar '${basisfunctie.previous}' van versie ${earlier.version}`,
        );
      usedBasisfuncties.set(basisfunctie.previous, basisfunctie.id);
    }
    const usedItems = new Map<number, number>();
    for (const item of questionnaire.items) {
      const label = where(questionnaire, item);
      if (item.previous === undefined) {
        issues.push(
          `${label}: geef aan welke vraag van versie ${earlier.version} dit is (previous), of null als zij nieuw is`,
        );
        continue;
      }
      if (item.previous === null) continue;
      const target = before?.items.find((candidate) => candidate.number === item.previous?.number);
      if (!target) {
        issues.push(
          `${label}: verwijst naar vraag ${item.previous.number}, maar die bestaat niet in vragenlijst '${questionnaire.id}' van versie ${earlier.version}`,
        );
        continue;
      }
      if (target.kind !== item.kind)
        issues.push(
          `${label}: is een ${KIND_LABELS[item.kind]}, maar vraag ${target.number} van versie ${earlier.version} is een ${KIND_LABELS[target.kind]}; een andere soort vraag is een nieuwe vraag (previous: null)`,
        );
      const other = usedItems.get(target.number);
      if (other !== undefined)
        issues.push(
          `${label}: vraag ${other} verwijst al naar vraag ${target.number} van versie ${earlier.version}`,
        );
      usedItems.set(target.number, item.number);
    }
  }
  return issues;
}

export const KIND_LABELS: Record<Item['kind'], string> = {
  scale: 'driepuntsvraag',
  multiple: 'meerkeuzevraag',
  single: 'keuzevraag (één antwoord)',
  open: 'open vraag',
};

export const CHANGE_LABELS = {
  same: 'zelfde vraag',
  reworded: 'anders geformuleerd',
  new: 'nieuw',
} as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A new concept version copied from `from`: every item continues its original unchanged
 * (`same`) and every basisfunctie maps to itself. Items, bands, scale and scoring rule are
 * copied, so the copy scores exactly like its original until it is edited.
 */
export function deriveDefinition(
  from: Instrument,
  version: string,
  name: string,
): InstrumentDefinition {
  const copy = structuredClone(from) as Mutable<InstrumentDefinition>;
  copy.version = version;
  copy.name = name;
  copy.derivedFrom = from.version;
  copy.questionnaires = copy.questionnaires.map((questionnaire) => ({
    ...questionnaire,
    basisfuncties: questionnaire.basisfuncties.map((b) => ({ ...b, previous: b.id })),
    items: questionnaire.items.map((item) => ({
      ...item,
      previous: { number: item.number, change: 'same' as const },
    })),
  }));
  return copy;
}

/** What the editor's item form gives: everything of an item but its number. */
export interface ItemInput {
  readonly kind: Item['kind'];
  readonly text: string;
  readonly help?: string | undefined;
  readonly basisfunctie: string | null;
  readonly options?: readonly ItemOption[] | undefined;
  readonly previous?: Item['previous'];
}

function mapQuestionnaire(
  definition: Instrument,
  questionnaireId: string,
  change: (questionnaire: Questionnaire) => Questionnaire,
): Instrument {
  if (!definition.questionnaires.some((q) => q.id === questionnaireId))
    throw new RangeError(`Vragenlijst '${questionnaireId}' bestaat niet in deze versie.`);
  return {
    ...definition,
    questionnaires: definition.questionnaires.map((q) =>
      q.id === questionnaireId ? change(q) : q,
    ),
  };
}

function toItem(number: number, input: ItemInput, textSource: Item['textSource']): Item {
  return {
    number,
    kind: input.kind,
    basisfunctie: input.basisfunctie,
    text: input.text,
    ...(input.help ? { help: input.help } : {}),
    textSource,
    ...(input.kind === 'multiple' || input.kind === 'single'
      ? { options: input.options ?? [] }
      : {}),
    ...(input.previous !== undefined ? { previous: input.previous } : {}),
  };
}

/**
 * Replaces item `number` of a questionnaire with the form's values.
 *
 * @throws {RangeError} when the questionnaire or item does not exist
 */
export function replaceItem(
  definition: Instrument,
  questionnaireId: string,
  number: number,
  input: ItemInput,
): Instrument {
  return mapQuestionnaire(definition, questionnaireId, (questionnaire) => {
    const current = questionnaire.items.find((item) => item.number === number);
    if (!current) throw new RangeError(`Vraag ${number} bestaat niet in '${questionnaireId}'.`);
    return {
      ...questionnaire,
      items: questionnaire.items.map((item) =>
        item.number === number
          ? { ...toItem(number, input, current.textSource), ...keep(current) }
          : item,
      ),
    };
  });
}

/** What an edit keeps of the item it replaces: its source reference. */
function keep(item: Item): Partial<Item> {
  return item.source ? { source: item.source } : {};
}

/**
 * Adds an item after item `after` (0 = at the start) and renumbers those behind it. Offer/use
 * pairs follow their items; the mapping refers to the earlier version's numbers, which do not
 * change.
 */
export function insertItem(
  definition: Instrument,
  questionnaireId: string,
  after: number,
  input: ItemInput,
): Instrument {
  return mapQuestionnaire(definition, questionnaireId, (questionnaire) => {
    const position = Math.max(0, Math.min(after, questionnaire.items.length));
    const shift = (n: number) => (n > position ? n + 1 : n);
    const items = questionnaire.items.map((item) => ({ ...item, number: shift(item.number) }));
    items.splice(position, 0, toItem(position + 1, input, 'reconstructed'));
    return {
      ...questionnaire,
      items,
      ...(questionnaire.offerUse
        ? {
            offerUse: questionnaire.offerUse.map((pair) => ({
              ...pair,
              offer: shift(pair.offer),
              use: shift(pair.use),
            })),
          }
        : {}),
    };
  });
}

/**
 * Removes item `number` and renumbers those behind it. An offer/use pair that used the item is
 * dropped with it. The other items keep their mapping to the earlier version.
 *
 * @throws {RangeError} when the item does not exist
 */
export function removeItem(
  definition: Instrument,
  questionnaireId: string,
  number: number,
): Instrument {
  return mapQuestionnaire(definition, questionnaireId, (questionnaire) => {
    if (!questionnaire.items.some((item) => item.number === number))
      throw new RangeError(`Vraag ${number} bestaat niet in '${questionnaireId}'.`);
    const shift = (n: number) => (n > number ? n - 1 : n);
    return {
      ...questionnaire,
      items: questionnaire.items
        .filter((item) => item.number !== number)
        .map((item) => ({ ...item, number: shift(item.number) })),
      ...(questionnaire.offerUse
        ? {
            offerUse: questionnaire.offerUse
              .filter((pair) => pair.offer !== number && pair.use !== number)
              .map((pair) => ({ ...pair, offer: shift(pair.offer), use: shift(pair.use) })),
          }
        : {}),
    };
  });
}

/** What the editor's basisfunctie form gives. Its id does not change (items refer to it). */
export interface BasisfunctieInput {
  readonly name: string;
  readonly definition: string;
  readonly description: string;
  readonly activities: readonly string[];
  readonly previous?: string | null | undefined;
}

/**
 * Replaces a basisfunctie's texts and mapping.
 *
 * @throws {RangeError} when the basisfunctie does not exist
 */
export function replaceBasisfunctie(
  definition: Instrument,
  questionnaireId: string,
  id: string,
  input: BasisfunctieInput,
): Instrument {
  return mapQuestionnaire(definition, questionnaireId, (questionnaire) => {
    if (!questionnaire.basisfuncties.some((b) => b.id === id))
      throw new RangeError(`Basisfunctie '${id}' bestaat niet in '${questionnaireId}'.`);
    return {
      ...questionnaire,
      basisfuncties: questionnaire.basisfuncties.map((b): Basisfunctie =>
        b.id === id
          ? {
              ...b,
              name: input.name,
              definition: input.definition,
              description: input.description,
              activities: input.activities,
              ...(input.previous !== undefined ? { previous: input.previous } : {}),
            }
          : b,
      ),
    };
  });
}

/** One line of the difference between a version and the version it derives from. */
export type ItemDifference =
  | { readonly kind: 'added'; readonly item: Item }
  | { readonly kind: 'removed'; readonly item: Item }
  | {
      readonly kind: 'changed';
      readonly item: Item;
      readonly before: Item;
      /** What differs, in Dutch: 'tekst', 'opties', 'basisfunctie', 'soort', 'toelichting'. */
      readonly changes: readonly string[];
    };

export interface BasisfunctieDifference {
  readonly kind: 'added' | 'removed' | 'changed';
  readonly basisfunctie: Basisfunctie;
  readonly before?: Basisfunctie | undefined;
  readonly changes: readonly string[];
}

export interface QuestionnaireDifference {
  readonly id: string;
  readonly name: string;
  readonly items: readonly ItemDifference[];
  readonly basisfuncties: readonly BasisfunctieDifference[];
  /** Items that continue an earlier item unchanged: counted, not listed. */
  readonly unchanged: number;
}

function sameOptions(a: readonly ItemOption[] | undefined, b: readonly ItemOption[] | undefined) {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/**
 * The differences between `later` and `earlier` (the version it derives from), per
 * questionnaire: items added (no mapping), removed (no later item maps to them), and changed
 * (mapped, with a different text, help, options, kind or basisfunctie); basisfuncties likewise.
 * Items are matched by their mapping, never by number, so renumbering alone is no change.
 */
export function diffInstruments(earlier: Instrument, later: Instrument): QuestionnaireDifference[] {
  return later.questionnaires.map((questionnaire) => {
    const before = earlier.questionnaires.find((q) => q.id === questionnaire.id);
    const items: ItemDifference[] = [];
    let unchanged = 0;
    const continued = new Set<number>();
    for (const item of questionnaire.items) {
      const target = item.previous
        ? before?.items.find((candidate) => candidate.number === item.previous?.number)
        : undefined;
      if (!target) {
        items.push({ kind: 'added', item });
        continue;
      }
      continued.add(target.number);
      const changes: string[] = [];
      if (target.text !== item.text) changes.push('tekst');
      if ((target.help ?? '') !== (item.help ?? '')) changes.push('toelichting');
      if (target.kind !== item.kind) changes.push('soort');
      if (!sameOptions(target.options, item.options)) changes.push('opties');
      if (target.basisfunctie !== item.basisfunctie) changes.push('basisfunctie');
      if (changes.length === 0) unchanged += 1;
      else items.push({ kind: 'changed', item, before: target, changes });
    }
    for (const item of before?.items ?? []) {
      if (!continued.has(item.number)) items.push({ kind: 'removed', item });
    }
    const basisfuncties: BasisfunctieDifference[] = [];
    const mapped = new Set<string>();
    for (const basisfunctie of questionnaire.basisfuncties) {
      const target = basisfunctie.previous
        ? before?.basisfuncties.find((b) => b.id === basisfunctie.previous)
        : undefined;
      if (!target) {
        basisfuncties.push({ kind: 'added', basisfunctie, changes: [] });
        continue;
      }
      mapped.add(target.id);
      const changes: string[] = [];
      if (target.id !== basisfunctie.id) changes.push('id');
      if (target.name !== basisfunctie.name) changes.push('naam');
      if (target.definition !== basisfunctie.definition) changes.push('definitie');
      if (target.description !== basisfunctie.description) changes.push('beschrijving');
      if (JSON.stringify(target.activities) !== JSON.stringify(basisfunctie.activities))
        changes.push('activiteiten');
      if (changes.length > 0)
        basisfuncties.push({ kind: 'changed', basisfunctie, before: target, changes });
    }
    for (const basisfunctie of before?.basisfuncties ?? []) {
      if (!mapped.has(basisfunctie.id))
        basisfuncties.push({ kind: 'removed', basisfunctie, changes: [] });
    }
    return { id: questionnaire.id, name: questionnaire.name, items, basisfuncties, unchanged };
  });
}
