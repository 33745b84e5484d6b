import { describe, expect, it } from 'vitest';
import { findNeighbours, type Topology } from './neighbours.ts';

describe('findNeighbours', () => {
  it('links the municipalities whose geometries share an arc, either way round', () => {
    const topology: Topology = {
      geometries: [
        { type: 'Polygon', code: '0001', arcs: [[0, 1]] },
        { type: 'Polygon', code: '0002', arcs: [[~0, 2]] },
        // A multipolygon whose second part touches 0001 through arc 1, reversed.
        { type: 'MultiPolygon', code: '0003', arcs: [[[3]], [[~1, 4]]] },
        { type: 'Polygon', code: '0004', arcs: [[5]] },
      ],
    };
    expect(findNeighbours(topology)).toEqual(
      new Map([
        ['0001', ['0002', '0003']],
        ['0002', ['0001']],
        ['0003', ['0001']],
        ['0004', []],
      ]),
    );
  });

  it('counts the arc at index 0 and its reverse ~0 as the same boundary', () => {
    const topology: Topology = {
      geometries: [
        { type: 'Polygon', code: '0010', arcs: [[0]] },
        { type: 'Polygon', code: '0020', arcs: [[-1]] },
      ],
    };
    expect(findNeighbours(topology).get('0010')).toEqual(['0020']);
  });

  it('refuses a topology with a code twice', () => {
    expect(() =>
      findNeighbours({
        geometries: [
          { type: 'Polygon', code: '0001', arcs: [[0]] },
          { type: 'Polygon', code: '0001', arcs: [[1]] },
        ],
      }),
    ).toThrow(/0001/);
  });

  it('gives an empty map for an empty topology', () => {
    expect(findNeighbours({ geometries: [] })).toEqual(new Map());
  });
});
