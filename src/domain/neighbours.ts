/**
 * Which municipalities share a boundary, from a TopoJSON topology. In TopoJSON a boundary
 * between two areas is stored once, as an arc both geometries refer to (the second one
 * reversed, written `~i`, that is `-i - 1`). Two municipalities are neighbours exactly when
 * their geometries use a common arc; no coordinate geometry is needed.
 */

/** An arc reference: `i` is arc i, `~i` (a negative number) is arc i reversed. */
type ArcRef = number;

/** The part of a TopoJSON geometry this module reads. */
export type TopologyGeometry =
  | {
      readonly type: 'Polygon';
      readonly arcs: readonly (readonly ArcRef[])[];
      readonly code: string;
    }
  | {
      readonly type: 'MultiPolygon';
      readonly arcs: readonly (readonly (readonly ArcRef[])[])[];
      readonly code: string;
    };

/** A minimal topology: one geometry per municipality, with its 4-digit CBS code. */
export interface Topology {
  readonly geometries: readonly TopologyGeometry[];
}

function arcIndex(ref: ArcRef): number {
  // ~i === -i - 1, so a reversed reference maps back to its arc.
  return ref < 0 ? ~ref : ref;
}

function listArcs(geometry: TopologyGeometry): number[] {
  const rings = geometry.type === 'Polygon' ? geometry.arcs : geometry.arcs.flat();
  return rings.flat().map(arcIndex);
}

/**
 * The neighbours of every municipality: the codes of the municipalities whose geometry
 * shares at least one arc with its own, sorted. Every municipality of the topology has an
 * entry, an island an empty one. The relation is symmetric by construction.
 *
 * @throws {Error} when a code appears twice
 * @example
 * findNeighbours({ geometries: [
 *   { type: 'Polygon', code: '0001', arcs: [[0, 1]] },
 *   { type: 'Polygon', code: '0002', arcs: [[~0, 2]] },
 *   { type: 'Polygon', code: '0003', arcs: [[3]] },
 * ] }) // Map { '0001' => ['0002'], '0002' => ['0001'], '0003' => [] }
 */
export function findNeighbours(topology: Topology): Map<string, string[]> {
  const owners = new Map<number, Set<string>>();
  const neighbours = new Map<string, Set<string>>();
  for (const geometry of topology.geometries) {
    if (neighbours.has(geometry.code)) {
      throw new Error(`Municipality ${geometry.code} appears twice in the topology`);
    }
    neighbours.set(geometry.code, new Set());
    for (const arc of listArcs(geometry)) {
      const set = owners.get(arc) ?? new Set<string>();
      set.add(geometry.code);
      owners.set(arc, set);
    }
  }
  for (const codes of owners.values()) {
    for (const code of codes) {
      const own = neighbours.get(code) as Set<string>;
      for (const other of codes) if (other !== code) own.add(other);
    }
  }
  return new Map(
    [...neighbours].map(([code, set]) => [code, [...set].sort()] as [string, string[]]),
  );
}
