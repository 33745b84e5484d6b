import { describe, expect, it } from 'vitest';
import { listScaleItems } from '../domain/instrument.ts';
import {
  InstrumentDefinitionError,
  listInstrumentVersions,
  loadInstrument,
  parseInstrument,
  UnknownInstrumentVersionError,
} from './index.ts';
import { INSTRUMENT_VERSIONS } from './versions.ts';
import instrumentJson from './2009/instrument.json' with { type: 'json' };
import mantelzorgJson from './2009/mantelzorg.json' with { type: 'json' };
import vrijwilligerswerkJson from './2009/vrijwilligerswerk.json' with { type: 'json' };

const instrument = loadInstrument('2009');
const byId = (id: string) => {
  const questionnaire = instrument.questionnaires.find((q) => q.id === id);
  if (!questionnaire) throw new Error(id);
  return questionnaire;
};
const numbers = (id: string, basisfunctie: string | null, kinds: string[]) =>
  byId(id)
    .items.filter((item) => item.basisfunctie === basisfunctie && kinds.includes(item.kind))
    .map((item) => item.number);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('instrument 2009', () => {
  it('is bundled and has both questionnaires with 47 and 57 questions', () => {
    expect(listInstrumentVersions()).toContain('2009');
    // The CLI's help names the versions from versions.ts without loading the definitions.
    expect(listInstrumentVersions()).toEqual(INSTRUMENT_VERSIONS);
    expect(instrument.questionnaires.map((q) => [q.id, q.items.length])).toEqual([
      ['vrijwilligerswerk', 47],
      ['mantelzorg', 57],
    ]);
  });

  it.each([
    ['vertalen', [1, 2, 3, 4, 5, 7, 9, 10], [6, 8], [11]],
    ['verbinden-en-makelen', range(12, 17), [], [18]],
    ['versterken', [19, 20, 22, 24, 26, 28, 29, 30], [21, 23, 25, 27], [31]],
    ['verbreiden', [32, 33, 35, 36, 37], [34], [38]],
    ['verankeren', range(39, 45), [], [46]],
  ])('vrijwilligerswerk %s has the structure of the report', (id, scale, choice, open) => {
    expect(numbers('vrijwilligerswerk', id, ['scale'])).toEqual(scale);
    expect(numbers('vrijwilligerswerk', id, ['multiple', 'single'])).toEqual(choice);
    expect(numbers('vrijwilligerswerk', id, ['open'])).toEqual(open);
  });

  it.each([
    ['visie-en-beleid', [1, 2, 4, 5, 6, 7, 9, 10, 11, 12], [3, 8, 13, 14, 15], [16]],
    ['informatie', [17, 19, 20], [18], [21]],
    ['advies-en-begeleiding', [22, 24, 25], [23], [26]],
    ['emotionele-steun', [27, 29, 30], [28], [31]],
    ['educatie', [32, 34, 35], [33], [36]],
    ['praktische-hulp', [37, 39, 40], [38], [41]],
    ['respijtzorg', [42, 44, 45], [43], [46]],
    ['financiele-tegemoetkoming', [47, 49, 50], [48], [51]],
    ['materiele-hulp', [52, 54, 55], [53], [56]],
  ])('mantelzorg %s has the structure of the report', (id, scale, choice, open) => {
    expect(numbers('mantelzorg', id, ['scale'])).toEqual(scale);
    expect(numbers('mantelzorg', id, ['multiple', 'single'])).toEqual(choice);
    expect(numbers('mantelzorg', id, ['open'])).toEqual(open);
  });

  it('has one general open question at the end of each questionnaire', () => {
    expect(numbers('vrijwilligerswerk', null, ['open'])).toEqual([47]);
    expect(numbers('mantelzorg', null, ['open'])).toEqual([57]);
  });

  it('counts 5 and 8 official basisfuncties; Visie en beleid is not one of them', () => {
    expect(byId('vrijwilligerswerk').basisfuncties.filter((b) => b.official)).toHaveLength(5);
    const mantelzorg = byId('mantelzorg').basisfuncties;
    expect(mantelzorg.filter((b) => b.official)).toHaveLength(8);
    expect(mantelzorg.find((b) => b.id === 'visie-en-beleid')?.official).toBe(false);
  });

  it('makes mantelzorg 15 a single choice of budget band', () => {
    const item = byId('mantelzorg').items[14];
    expect(item?.kind).toBe('single');
    expect(item?.options?.map((o) => o.label)).toEqual([
      '0 euro',
      '< 1.000 euro',
      '1.000 – 10.000 euro',
      '10.000 – 50.000 euro',
      '50.000 – 100.000 euro',
      '> 100.000 euro',
    ]);
  });

  it('marks the texts the report does not print as reconstructed', () => {
    const reconstructed = byId('mantelzorg')
      .items.filter((item) => item.kind === 'scale' && item.textSource === 'reconstructed')
      .map((item) => item.number);
    expect(reconstructed).toEqual([4, 5, 6, 7, 9, 10, 11, 12, 20]);
    expect(
      byId('vrijwilligerswerk').items.filter(
        (i) => i.kind !== 'open' && i.textSource === 'reconstructed',
      ),
    ).toEqual([]);
  });

  it('takes options from the report tables (tabel 4 for mantelzorg 18)', () => {
    expect(byId('mantelzorg').items[17]?.options?.map((o) => o.code)).toEqual([
      'aanbod',
      'mantelzorg',
      'mantelzorgcompliment',
      'wet-en-regelgeving',
      'ziekten',
      'nulurenindicatie',
    ]);
    expect(byId('vrijwilligerswerk').items[5]?.options).toHaveLength(6);
    expect(byId('vrijwilligerswerk').items[7]?.options).toHaveLength(5);
  });

  it('gives every basisfunctie a definition, a description and activities', () => {
    for (const questionnaire of instrument.questionnaires) {
      for (const basisfunctie of questionnaire.basisfuncties) {
        expect(basisfunctie.definition.length).toBeGreaterThan(20);
        expect(basisfunctie.description.length).toBeGreaterThan(50);
        expect(basisfunctie.activities.length).toBeGreaterThan(0);
        expect(listScaleItems(questionnaire, basisfunctie.id).length).toBeGreaterThan(0);
      }
    }
  });

  it('uses the 1/2/3 scale and the 2009 bands', () => {
    expect(instrument.scale.map((p) => [p.points, p.label])).toEqual([
      [1, 'Nee'],
      [2, 'Ja, verbetering mogelijk'],
      [3, 'Ja, goed voor elkaar'],
    ]);
    expect(instrument.scoring.bands.map((b) => [b.id, b.from])).toEqual([
      ['aandacht-nodig', 0],
      ['op-de-goede-weg', 5],
      ['goed-voor-elkaar', 6],
    ]);
  });

  it('refuses an unknown version with a Dutch message', () => {
    expect(() => loadInstrument('1999')).toThrow(UnknownInstrumentVersionError);
    expect(() => loadInstrument('1999')).toThrow(
      "Onbekende instrumentversie '1999'. Beschikbaar: 2009.",
    );
  });
});

describe('parseInstrument: an invalid definition names the faulty element', () => {
  const clone = () =>
    structuredClone({
      ...instrumentJson,
      questionnaires: [vrijwilligerswerkJson, mantelzorgJson],
    }) as {
      questionnaires: {
        id: string;
        items: Record<string, unknown>[];
        basisfuncties: Record<string, unknown>[];
        offerUse?: Record<string, unknown>[];
      }[];
      scoring: { bands: { from: number }[]; goedBand: string };
      scale: { points: number }[];
    };
  const issuesOf = (raw: unknown): string[] => {
    try {
      parseInstrument(raw);
    } catch (error) {
      expect(error).toBeInstanceOf(InstrumentDefinitionError);
      return [...(error as InstrumentDefinitionError).issues];
    }
    throw new Error('expected the definition to be rejected');
  };

  it('accepts the bundled definition', () => {
    expect(() => parseInstrument(clone())).not.toThrow();
  });

  it('reports a question pointing to an unknown basisfunctie', () => {
    const raw = clone();
    (raw.questionnaires[1]?.items[16] as Record<string, unknown>).basisfunctie = 'informatiee';
    expect(issuesOf(raw)).toContain(
      "vragenlijst 'mantelzorg', vraag 17, basisfunctie: vraag 17 verwijst naar onbekende basisfunctie 'informatiee'",
    );
  });

  it('reports a gap in the numbering', () => {
    const raw = clone();
    (raw.questionnaires[0]?.items[2] as Record<string, unknown>).number = 33;
    expect(issuesOf(raw).join('\n')).toContain(
      "vragenlijst 'vrijwilligerswerk', vraag 33, number: vraag 33 staat op plaats 3",
    );
  });

  it('reports a choice question without options and a missing text', () => {
    const raw = clone();
    delete (raw.questionnaires[1]?.items[17] as Record<string, unknown>).options;
    (raw.questionnaires[1]?.items[0] as Record<string, unknown>).text = '';
    const issues = issuesOf(raw).join('\n');
    expect(issues).toContain(
      "vragenlijst 'mantelzorg', vraag 18, options: vraag 18 is een keuzevraag",
    );
    expect(issues).toContain("vragenlijst 'mantelzorg', vraag 1, text: vraagtekst ontbreekt");
  });

  it('reports bands out of order and an unknown goed band', () => {
    const raw = clone();
    raw.scoring.bands[2] = { ...raw.scoring.bands[2], from: 4 } as { from: number };
    raw.scoring.goedBand = 'prima';
    const issues = issuesOf(raw).join('\n');
    expect(issues).toContain(
      "scoring, bands, 2, from: band 'goed-voor-elkaar' moet hoger beginnen dan band 'op-de-goede-weg'",
    );
    expect(issues).toContain("scoring, goedBand: goedBand 'prima' is geen van de banden");
  });

  it('reports a basisfunctie without 3-point items', () => {
    const raw = clone();
    raw.questionnaires[0]?.items.forEach((item) => {
      if (item.basisfunctie === 'verankeren' && item.kind === 'scale') item.kind = 'open';
    });
    expect(issuesOf(raw).join('\n')).toContain(
      "basisfunctie 'verankeren' heeft geen driepuntsvragen",
    );
  });

  it('reports an offer/use pair whose items are not 3-point items of its basisfunctie', () => {
    const raw = clone();
    const pairs = raw.questionnaires[1]?.offerUse ?? [];
    // 18 is the multiple choice 'Welke soort informatie…'; 24 belongs to advies en begeleiding.
    pairs[0] = { ...pairs[0], offer: 18, use: 24 };
    const issues = issuesOf(raw).join('\n');
    expect(issues).toContain(
      "vraag 18 (aanbod) moet een driepuntsvraag van basisfunctie 'informatie' zijn",
    );
    expect(issues).toContain(
      "vraag 24 (gebruik) moet een driepuntsvraag van basisfunctie 'informatie' zijn",
    );
  });

  it('accepts a questionnaire without offer/use pairs', () => {
    const raw = clone();
    delete raw.questionnaires[1]?.offerUse;
    expect(() => parseInstrument(raw)).not.toThrow();
  });
});

describe('offer and use pairs (mantelzorg 2009)', () => {
  it('pairs "Zorgt de gemeente voor …" with "Maken mantelzorgers gebruik van …" for the 8 functions', () => {
    const mantelzorg = byId('mantelzorg');
    const pairs = mantelzorg.offerUse ?? [];
    expect(pairs.map((pair) => pair.basisfunctie)).toEqual(
      mantelzorg.basisfuncties.filter((b) => b.official).map((b) => b.id),
    );
    for (const pair of pairs) {
      const text = (number: number) =>
        mantelzorg.items.find((item) => item.number === number)?.text ?? '';
      expect(text(pair.offer)).toMatch(/^Zorgt de gemeente voor /);
      expect(text(pair.use)).toMatch(/^Maken mantelzorgers( en zorgvrijwilligers)? gebruik van /);
    }
    expect(byId('vrijwilligerswerk').offerUse).toBeUndefined();
  });
});
