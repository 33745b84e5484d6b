import { describe, expect, it } from 'vitest';
import { loadNeighbours, parseMunicipalityTopology } from './geography.ts';
import { readRegister2009 } from './reference-data.ts';

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
