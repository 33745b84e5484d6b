import { describe, expect, it } from 'vitest';
import {
  BAND_COLOURS,
  classifyOfficialGoed,
  colourForBand,
  colourForCount,
  NO_ANSWERS_COLOUR,
  REGION_MAP_CLASSES,
  renderRegionMap,
  UNNAMED_COLOUR,
} from './region-map.ts';

describe('region map', () => {
  it('puts every number of official basisfuncties from 0 to 13 in exactly one class', () => {
    for (let count = 0; count <= 13; count += 1) {
      expect(REGION_MAP_CLASSES.filter((c) => count >= c.min && count <= c.max)).toHaveLength(1);
    }
    expect(classifyOfficialGoed(0).id).toBe('geen');
    expect(classifyOfficialGoed(13).id).toBe('10-13');
  });

  it('draws only the members, coloured by class, unnamed and unanswered apart', () => {
    const svg = renderRegionMap([
      { code: '0363', colour: colourForCount(8), centre: true },
      { code: '0362', colour: colourForCount(null) },
      { code: '0384', colour: colourForCount('no-answers') },
    ]);
    expect(svg).toMatch(/^<svg/);
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThanOrEqual(3);
    // The whole country has 441 areas; the region only its own.
    expect((svg.match(/<path /g) ?? []).length).toBeLessThan(20);
    expect(svg).toContain(classifyOfficialGoed(8).colour);
    expect(svg).toContain(UNNAMED_COLOUR);
    expect(svg).toContain(NO_ANSWERS_COLOUR);
    expect(svg).not.toContain('<style');
  });

  it('colours by band for one basisfunctie, never an unnamed member by its band', () => {
    expect(colourForBand('goed-voor-elkaar', true)).toBe(BAND_COLOURS['goed-voor-elkaar']);
    expect(colourForBand('goed-voor-elkaar', false)).toBe(UNNAMED_COLOUR);
    expect(colourForBand(null, true)).toBe(NO_ANSWERS_COLOUR);
  });

  it('draws nothing for codes without boundaries', () => {
    expect(renderRegionMap([{ code: '9999', colour: colourForCount(1) }])).toBe('');
  });
});
