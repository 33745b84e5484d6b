import { describe, expect, it } from 'vitest';
import {
  findBoundaryRegister,
  loadNeighbours,
  loadProvinceBorders,
  parseMunicipalityTopology,
} from './geography.ts';
import { readRegister2009, readRegister2025 } from './reference-data.ts';

describe('loadNeighbours (2009 boundaries)', () => {
  const neighbours = loadNeighbours();

  it('has every municipality of the 2009 register, and nothing else', () => {
    const codes = readRegister2009().map((m) => m.code);
    expect([...neighbours.keys()].sort()).toEqual([...codes].sort());
  });

  it('is symmetric: if A borders B, B borders A', () => {
    for (const [code, list] of neighbours) {
      for (const other of list) expect(neighbours.get(other), `${other}→${code}`).toContain(code);
      expect(list).not.toContain(code);
    }
  });

  it('gives Amsterdam the municipalities that border it in 2009', () => {
    // Checked against the 2009 map: Amstelveen, Diemen, Ouder-Amstel, Haarlemmermeer,
    // Zaanstad, Landsmeer, Waterland, Oostzaan, Weesp, Muiden, Abcoude and
    // Haarlemmerliede en Spaarnwoude.
    expect(neighbours.get('0363')).toEqual([
      '0305',
      '0362',
      '0384',
      '0393',
      '0394',
      '0415',
      '0424',
      '0431',
      '0437',
      '0457',
      '0479',
      '0852',
    ]);
    expect(neighbours.get('0362')).toContain('0363');
  });

  it('gives the Wadden islands no neighbours, and only them', () => {
    const islands = [...neighbours].filter(([, list]) => list.length === 0).map(([c]) => c);
    // Ameland, Schiermonnikoog, Terschelling, Vlieland, Texel.
    expect(islands.sort()).toEqual(['0060', '0088', '0093', '0096', '0448']);
  });

  it('refuses a topology that refers to an arc it does not have', () => {
    expect(() =>
      parseMunicipalityTopology({
        type: 'Topology',
        arcs: [[[0, 0]]],
        objects: {
          municipalities_2009: {
            type: 'GeometryCollection',
            geometries: [{ type: 'Polygon', arcs: [[~3]], properties: { code: '0001' } }],
          },
        },
      }),
    ).toThrow(/arc -4/);
  });
});

describe('loadNeighbours (2025 boundaries)', () => {
  const neighbours = loadNeighbours('2025');

  it('has every municipality of the 2025 register, is symmetric, and only the islands have none', () => {
    const codes = readRegister2025().map((m) => m.code);
    expect([...neighbours.keys()].sort()).toEqual([...codes].sort());
    for (const [code, list] of neighbours)
      for (const other of list) expect(neighbours.get(other), `${other}→${code}`).toContain(code);
    const islands = [...neighbours].filter(([, list]) => list.length === 0).map(([c]) => c);
    expect(islands.sort()).toEqual(['0060', '0088', '0093', '0096', '0448']);
  });

  it('gives Amsterdam its 2025 neighbours: Weesp is part of it since 2022', () => {
    expect(neighbours.get('0363')).not.toContain('0457');
    expect(loadNeighbours('2009').get('0363')).toContain('0457');
  });
});

describe('findBoundaryRegister', () => {
  it("draws a register with its own boundaries, and any other on 2009's", () => {
    expect(findBoundaryRegister('2009')).toBe('2009');
    expect(findBoundaryRegister('2025')).toBe('2025');
    expect(findBoundaryRegister('bench-441')).toBe('2009');
  });
});

describe('loadProvinceBorders', () => {
  it('keeps the arcs between two provinces and drops those inside one', () => {
    const lines = loadProvinceBorders('2025');
    // 348 of the 1,080 arcs the municipalities use: the others lie inside a province.
    expect(lines).toHaveLength(348);
    // Every point lies within the Netherlands' bounding box.
    for (const line of lines)
      for (const [lon, lat] of line) {
        expect(lon).toBeGreaterThan(3.3);
        expect(lon).toBeLessThan(7.3);
        expect(lat).toBeGreaterThan(50.7);
        expect(lat).toBeLessThan(53.6);
      }
  });
});
