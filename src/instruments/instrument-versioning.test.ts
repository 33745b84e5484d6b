/* eslint-disable @typescript-eslint/no-explicit-any -- the tests break raw JSON definitions on purpose, which no type describes */
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../domain/instrument.ts';
import example2026 from '../../examples/instrument-2026.json' with { type: 'json' };
import { InstrumentDefinitionError, loadInstrument, parseInstrument } from './index.ts';
import {
  checkMapping,
  deriveDefinition,
  diffInstruments,
  insertItem,
  removeItem,
  replaceBasisfunctie,
  replaceItem,
} from './instrument-versioning.ts';

const v2009 = loadInstrument('2009');
const copy = () => deriveDefinition(v2009, '2026', 'Vervolgmeting 2026') as Instrument;

/** A copy with one change to the raw JSON, as a coordinator's upload would have it. */
function edited(change: (raw: Record<string, any>) => void): Record<string, any> {
  const raw = structuredClone(copy()) as Record<string, any>;
  change(raw);
  return raw;
}

function schemaIssues(raw: unknown): readonly string[] {
  try {
    parseInstrument(raw);
    return [];
  } catch (error) {
    if (error instanceof InstrumentDefinitionError) return error.issues;
    throw error;
  }
}

describe('a copy of a version', () => {
  it('maps every item and basisfunctie to itself and passes the checks', () => {
    const derived = copy();
    expect(derived.derivedFrom).toBe('2009');
    expect(schemaIssues(derived)).toEqual([]);
    expect(checkMapping(derived, v2009)).toEqual([]);
    const mantelzorg = derived.questionnaires.find((q) => q.id === 'mantelzorg');
    expect(mantelzorg?.items[11]?.previous).toEqual({ number: 12, change: 'same' });
    expect(mantelzorg?.basisfuncties[0]?.previous).toBe('visie-en-beleid');
    expect(diffInstruments(v2009, derived).every((q) => q.items.length === 0)).toBe(true);
  });

  it('the example 2026 passes the schema and the mapping against 2009', () => {
    const instrument = parseInstrument(example2026);
    expect(checkMapping(instrument, v2009)).toEqual([]);
  });
});

describe('bad definitions are refused with a message naming the element', () => {
  it('an unknown basisfunctie on an item', () => {
    const raw = edited((r) => {
      r.questionnaires[1].items[11].basisfunctie = 'bestaat-niet';
    });
    expect(schemaIssues(raw)).toContain(
      "vragenlijst 'mantelzorg', vraag 12, basisfunctie: vraag 12 verwijst naar onbekende basisfunctie 'bestaat-niet'",
    );
  });

  it('a duplicate item number', () => {
    const raw = edited((r) => {
      r.questionnaires[0].items[2].number = 2;
    });
    expect(schemaIssues(raw)).toContain(
      "vragenlijst 'vrijwilligerswerk', vraag 2, number: vraagnummer 2 komt twee keer voor",
    );
  });

  it('scale points other than 1..3, and a band outside 0..10', () => {
    const raw = edited((r) => {
      r.scale[2].points = 4;
      r.scoring.bands[2].from = 11;
    });
    const issues = schemaIssues(raw);
    expect(issues).toContain(
      'scale: de antwoordschaal moet de punten 1, 2 en 3 hebben (nu: 1,2,4)',
    );
    expect(issues).toContain(
      'scoring, bands, 2, from: een band begint op of onder 10 (cijfers lopen van 0 tot 10)',
    );
  });

  it('an item mapped to an item that does not exist in the earlier version', () => {
    const instrument = parseInstrument(
      edited((r) => {
        r.questionnaires[1].items[11].previous = { number: 99, change: 'same' };
      }),
    );
    expect(checkMapping(instrument, v2009)).toEqual([
      "vragenlijst 'mantelzorg', vraag 12: verwijst naar vraag 99, maar die bestaat niet in vragenlijst 'mantelzorg' van versie 2009",
    ]);
  });

  it('a basisfunctie mapped to an unknown earlier basisfunctie', () => {
    const instrument = parseInstrument(
      edited((r) => {
        r.questionnaires[1].basisfuncties[6].previous = 'oppas';
      }),
    );
    expect(checkMapping(instrument, v2009)).toEqual([
      "vragenlijst 'mantelzorg', basisfunctie 'respijtzorg': verwijst naar onbekende basisfunctie 'oppas' van versie 2009",
    ]);
  });

  it('two items continuing the same earlier item, and a mapping to another kind', () => {
    const instrument = parseInstrument(
      edited((r) => {
        r.questionnaires[0].items[1].previous = { number: 1, change: 'reworded' };
        r.questionnaires[0].items[5].previous = { number: 5, change: 'same' };
      }),
    );
    expect(checkMapping(instrument, v2009)).toEqual([
      "vragenlijst 'vrijwilligerswerk', vraag 2: vraag 1 verwijst al naar vraag 1 van versie 2009",
      "vragenlijst 'vrijwilligerswerk', vraag 6: is een meerkeuzevraag, maar vraag 5 van versie 2009 is een driepuntsvraag; een andere soort vraag is een nieuwe vraag (previous: null)",
      "vragenlijst 'vrijwilligerswerk', vraag 6: vraag 5 verwijst al naar vraag 5 van versie 2009",
    ]);
  });

  it('a derived item without a mapping, and a mapping without derivedFrom', () => {
    const missing = parseInstrument(
      edited((r) => {
        delete r.questionnaires[0].items[0].previous;
      }),
    );
    expect(checkMapping(missing, v2009)).toEqual([
      "vragenlijst 'vrijwilligerswerk', vraag 1: geef aan welke vraag van versie 2009 dit is (previous), of null als zij nieuw is",
    ]);
    const orphan = parseInstrument(
      edited((r) => {
        delete r.derivedFrom;
        for (const q of r.questionnaires) {
          for (const b of q.basisfuncties) delete b.previous;
          for (const i of q.items) delete i.previous;
        }
        r.questionnaires[0].items[0].previous = null;
      }),
    );
    expect(checkMapping(orphan, undefined)).toEqual([
      "vragenlijst 'vrijwilligerswerk', vraag 1: verwijst naar een eerdere vraag, maar de versie heeft geen derivedFrom",
    ]);
  });
});

describe('editing a version', () => {
  it('inserting and removing an item renumbers the others and keeps their mapping', () => {
    const input = {
      kind: 'scale' as const,
      text: 'Nieuwe vraag?',
      basisfunctie: 'informatie',
      previous: null,
    };
    const inserted = insertItem(copy(), 'mantelzorg', 17, input);
    const mantelzorg = inserted.questionnaires[1];
    expect(mantelzorg?.items[17]).toMatchObject({
      number: 18,
      text: 'Nieuwe vraag?',
      previous: null,
    });
    expect(mantelzorg?.items[18]).toMatchObject({ number: 19, previous: { number: 18 } });
    // The offer/use pair of informatie (17, 19) follows its use item to 20.
    expect(mantelzorg?.offerUse?.[0]).toMatchObject({ offer: 17, use: 20 });
    expect(checkMapping(parseInstrument(inserted), v2009)).toEqual([]);

    const removed = removeItem(inserted, 'mantelzorg', 18);
    expect(removed).toEqual(copy());
  });

  it('replacing an item and a basisfunctie shows in the diff', () => {
    let changed = replaceItem(copy(), 'mantelzorg', 42, {
      kind: 'scale',
      text: 'Biedt uw gemeente respijtzorg aan?',
      help: 'Respijtzorg: tijdelijke overname van de zorg.',
      basisfunctie: 'respijtzorg',
      previous: { number: 42, change: 'reworded' },
    });
    changed = replaceBasisfunctie(changed, 'mantelzorg', 'respijtzorg', {
      name: 'Respijtzorg en logeeropvang',
      definition: 'Gemeenten bieden respijtzorg.',
      description: 'Beschrijving.',
      activities: ['Logeerhuis'],
      previous: 'respijtzorg',
    });
    changed = removeItem(changed, 'vrijwilligerswerk', 47);
    const [vrijwilligerswerk, mantelzorg] = diffInstruments(v2009, changed);
    expect(vrijwilligerswerk?.items).toMatchObject([{ kind: 'removed', item: { number: 47 } }]);
    expect(mantelzorg?.items).toMatchObject([
      { kind: 'changed', item: { number: 42 }, changes: ['tekst', 'toelichting'] },
    ]);
    expect(mantelzorg?.basisfuncties).toMatchObject([
      {
        kind: 'changed',
        changes: ['naam', 'definitie', 'beschrijving', 'activiteiten'],
      },
    ]);
    expect(mantelzorg?.unchanged).toBe(56);
  });
});
