import { describe, expect, it } from 'vitest';
import {
  fitLabel,
  findShareColour,
  renderBarChart,
  renderCountGoedChart,
  renderItemStackChart,
  renderMunicipalityChoropleth,
  renderProvinceChoropleth,
  renderShareChart,
  SUPPRESSED_TEXT,
  summarizeBars,
  summarizeItems,
} from './analysis-charts.ts';
import { ANSWER_COLOURS, BAND_COLOURS } from './report-charts.ts';

const rows = [
  { label: 'Informatie', percent: 62.5, respondents: 300 },
  { label: 'Vervoer', percent: 21, respondents: 280 },
  { label: 'Klein', percent: null, respondents: 3, suppressed: true },
];

describe('renderShareChart', () => {
  it('makes every row focusable with its figure as its name, under a group root', () => {
    const svg = renderShareChart({ rows, alt: 'Percentage goed' });
    expect(svg).toMatch(/^<svg role="group" [^>]*aria-label="Percentage goed"/);
    // The font stack once, on the root, not on every text (page weight).
    expect(svg.match(/font-family=/g)).toHaveLength(1);
    const focusable = [...svg.matchAll(/tabindex="0" role="img" aria-label="([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(focusable).toEqual([
      'Informatie: 62,5% goed voor elkaar (300 gemeenten)',
      'Vervoer: 21% goed voor elkaar (280 gemeenten)',
      `Klein: ${SUPPRESSED_TEXT} (minder dan 5 gemeenten)`,
    ]);
  });

  it('writes "onderdrukt" for a withheld row rather than a bar of zero', () => {
    const svg = renderBarChart({ rows: [rows[2]!], alt: 'x', valueLabel: 'goed' });
    expect(svg).toContain(`>${SUPPRESSED_TEXT}<`);
    // No bar is drawn for it (the bars are the only fill in the goed colour).
    expect(svg).not.toContain(`fill="${BAND_COLOURS.goed}"`);
  });

  it('is deterministic and has no style attributes or scripts', () => {
    const a = renderShareChart({ rows, alt: 'A' });
    expect(renderShareChart({ rows, alt: 'A' })).toBe(a);
    expect(a).not.toMatch(/ style="|<script|<style/);
  });
});

describe('renderItemStackChart', () => {
  it('draws the answers in the answer colours and names each item with its three shares', () => {
    const svg = renderItemStackChart({
      items: [{ label: 'Vraag 17', percentages: [20, 30, 50], answered: 400 }],
      alt: 'Items',
    });
    for (const colour of ANSWER_COLOURS) expect(svg.toLowerCase()).toContain(colour);
    expect(svg).toContain(
      'aria-label="Vraag 17: Nee 20%, Ja, verbetering mogelijk 30%, Ja, goed voor elkaar 50% (400 gemeenten)"',
    );
  });
});

describe('renderCountGoedChart', () => {
  it('gives each count its share of the respondents', () => {
    const svg = renderCountGoedChart({ counts: [1, 3], respondents: 4, alt: 'Tabel C' });
    expect(svg).toContain('0 basisfuncties: 25% van de gemeenten (1 van 4 gemeenten)');
    expect(svg).toContain('1 basisfunctie: 75% van de gemeenten (3 van 4 gemeenten)');
  });
});

describe('renderProvinceChoropleth', () => {
  it('draws the 12 provinces, focusable ones with their figure, withheld ones in grey', () => {
    const svg = renderProvinceChoropleth({
      provinces: [
        { code: 'PV27', name: 'Noord-Holland', percent: 85, respondents: 60 },
        { code: 'PV24', name: 'Flevoland', percent: null, respondents: 4, suppressed: true },
      ],
      alt: 'Kaart',
      valueLabel: 'goed voor elkaar',
    });
    expect(svg.match(/<path /g)).toHaveLength(12);
    expect(svg.match(/tabindex="0"/g)).toHaveLength(2);
    expect(svg).toContain('aria-label="Noord-Holland: 85% goed voor elkaar (60 gemeenten)"');
    expect(svg).toContain(`fill="${findShareColour(85)}"`);
    expect(svg).toContain(`aria-label="Flevoland: ${SUPPRESSED_TEXT} (minder dan 5 gemeenten)"`);
  });
});

describe('renderMunicipalityChoropleth', () => {
  it('draws all 441 municipalities and names only those listed, without tab stops', () => {
    const svg = renderMunicipalityChoropleth({
      municipalities: [{ code: '0363', name: 'Amsterdam', band: 'goed' }],
      alt: 'Kaart',
    });
    expect(svg.match(/<path /g)).toHaveLength(441);
    expect(svg).toContain('<title>Amsterdam: goed voor elkaar</title>');
    expect(svg).not.toContain('tabindex');
  });
});

describe('findShareColour', () => {
  it.each([
    [0, '#edf8e9'],
    [19.9, '#edf8e9'],
    [20, '#bae4b3'],
    [80, '#006d2c'],
    [100, '#006d2c'],
  ])('%s%% is %s', (percent, colour) => {
    expect(findShareColour(percent)).toBe(colour);
  });
});

describe('summaries', () => {
  it('names the highest and lowest and counts the withheld', () => {
    expect(summarizeBars(rows, 'goed voor elkaar')).toBe(
      'Het hoogst: Informatie (62,5% goed voor elkaar); het laagst: Vervoer (21%). 1 cijfer is onderdrukt omdat het op minder dan 5 gemeenten rust of anders te herleiden is.',
    );
    expect(summarizeBars([], 'x')).toBe('Er zijn geen cijfers te tonen.');
  });

  it('names the item most often goed and most often nee', () => {
    expect(
      summarizeItems([
        { label: 'A', percentages: [10, 20, 70], answered: 5 },
        { label: 'B', percentages: [60, 20, 20], answered: 5 },
      ]),
    ).toBe("Het vaakst 'Ja, goed voor elkaar' is A (70%), het vaakst 'Nee' B (60%).");
  });
});

describe('fitLabel', () => {
  it.each([
    ['Versterken', 178, 'Versterken'],
    // 218 / 7 = 31 characters a line: two lines, broken between words.
    [
      'Vertalen van maatschappelijke ontwikkelingen',
      218,
      'Vertalen van maatschappelijke\nontwikkelingen',
    ],
    // 178 / 7 = 25: the second line does not hold the rest either.
    ['Vertalen van maatschappelijke ontwikkelingen', 178, 'Vertalen van\nmaatschappelijke…'],
    ['Verbinden en makelen', 100, 'Verbinden en\nmakelen'],
    ['Onuitspreekbaarlangwoord', 70, 'Onuitspre…'],
  ])('fits %j in %i units as %j', (label, width, expected) => {
    expect(fitLabel(label, width)).toBe(expected);
  });
});
