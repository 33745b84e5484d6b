/**
 * Geography as reference data: which municipalities of a register share a boundary, read from
 * the register's TopoJSON boundaries in data/municipalities (Kadaster / CBS). The file is
 * checked with a schema; the result is kept for the life of the process, as the file does not
 * change while it runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { findNeighbours, type Topology } from '../domain/neighbours.ts';

/**
 * The folder of the boundary files. Resolved here, two folders below the root as the built
 * server is (build/server/index.js), so the same relative path works in both.
 */
export const BOUNDARY_FOLDER = fileURLToPath(
  new URL('../../data/municipalities/', import.meta.url),
);

/** The registers whose boundaries are shipped; every other register is drawn on 2009's. */
const BOUNDARY_REGISTERS = ['2009', '2025'] as const;
export type BoundaryRegister = (typeof BOUNDARY_REGISTERS)[number];

/**
 * The register whose boundaries a round on `registerId` is drawn with: its own when shipped,
 * else those of 2009 (registers made for tests and synthetic data reuse the 2009 codes).
 */
export function findBoundaryRegister(registerId: string): BoundaryRegister {
  return (BOUNDARY_REGISTERS as readonly string[]).includes(registerId)
    ? (registerId as BoundaryRegister)
    : '2009';
}

/** The path of a boundary file of a register, e.g. `municipalities_2025.geojson`. */
export function locateBoundaryFile(registerId: string, kind: 'topojson' | 'geojson'): string {
  const path = `${BOUNDARY_FOLDER}municipalities_${findBoundaryRegister(registerId)}.${kind}`;
  if (!existsSync(path)) throw new Error(`Boundary file ${path} is missing`);
  return path;
}

const ArcRefSchema = z.number().int();
const RingSchema = z.array(ArcRefSchema).min(1);
const PropertiesSchema = z.object({ code: z.string().regex(/^\d{4}$/) });

const GeometrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('Polygon'),
    arcs: z.array(RingSchema).min(1),
    properties: PropertiesSchema,
  }),
  z.object({
    type: z.literal('MultiPolygon'),
    arcs: z.array(z.array(RingSchema).min(1)).min(1),
    properties: PropertiesSchema,
  }),
]);

const GeometryCollectionSchema = z.object({
  type: z.literal('GeometryCollection'),
  geometries: z.array(GeometrySchema).min(1),
});

export const MunicipalityTopologySchema = z.object({
  type: z.literal('Topology'),
  arcs: z.array(z.unknown()),
  objects: z.record(z.string(), z.unknown()),
});

/**
 * Parses a register's boundary topology (object `municipalities_<register>`) into the
 * domain's minimal topology.
 *
 * @throws {z.ZodError} when the file does not have the expected shape
 */
export function parseMunicipalityTopology(json: unknown, registerId = '2009'): Topology {
  const topology = MunicipalityTopologySchema.parse(json);
  const collection = GeometryCollectionSchema.parse(
    topology.objects[`municipalities_${registerId}`],
  );
  const arcCount = topology.arcs.length;
  const geometries = collection.geometries.map((geometry) => {
    const refs = geometry.type === 'Polygon' ? geometry.arcs.flat() : geometry.arcs.flat(2);
    const outOfRange = refs.find((ref) => (ref < 0 ? ~ref : ref) >= arcCount);
    if (outOfRange !== undefined) {
      throw new Error(
        `Municipality ${geometry.properties.code} refers to arc ${outOfRange}, which the topology does not have`,
      );
    }
    return geometry.type === 'Polygon'
      ? { type: 'Polygon' as const, arcs: geometry.arcs, code: geometry.properties.code }
      : { type: 'MultiPolygon' as const, arcs: geometry.arcs, code: geometry.properties.code };
  });
  return { geometries };
}

const cached = new Map<BoundaryRegister, ReadonlyMap<string, readonly string[]>>();

/**
 * The neighbours of every municipality of a register (4-digit codes, sorted), from that
 * register's own boundaries; an island has none. Read once per process and register.
 */
export function loadNeighbours(registerId = '2009'): ReadonlyMap<string, readonly string[]> {
  const boundaryRegister = findBoundaryRegister(registerId);
  let neighbours = cached.get(boundaryRegister);
  if (!neighbours) {
    const json: unknown = JSON.parse(
      readFileSync(locateBoundaryFile(boundaryRegister, 'topojson'), 'utf8'),
    );
    neighbours = findNeighbours(parseMunicipalityTopology(json, boundaryRegister));
    cached.set(boundaryRegister, neighbours);
  }
  return neighbours;
}

/** The neighbours of one municipality, or an empty list for a code the boundaries lack. */
export function listNeighbours(code: string, registerId = '2009'): readonly string[] {
  return loadNeighbours(registerId).get(code) ?? [];
}

const ProvinceTopologySchema = z.object({
  arcs: z.array(z.array(z.tuple([z.number(), z.number()]))),
  transform: z
    .object({
      scale: z.tuple([z.number(), z.number()]),
      translate: z.tuple([z.number(), z.number()]),
    })
    .optional(),
  objects: z.record(
    z.string(),
    z.object({
      geometries: z.array(
        z.object({
          type: z.enum(['Polygon', 'MultiPolygon']),
          arcs: z.array(z.unknown()),
          properties: z.object({ province_code: z.string().regex(/^PV\d{2}$/) }),
        }),
      ),
    }),
  ),
});

const provinceBorders = new Map<BoundaryRegister, readonly (readonly [number, number])[][]>();

/**
 * The province borders of a register as lines in longitude/latitude: the arcs of its
 * municipalities' topology that lie between two provinces or on the outline of the country.
 * Later registers ship no province boundaries of their own (Vijfheerenlanden moved from
 * Zuid-Holland to Utrecht in 2019, so those of 2009 no longer fit); their provinces are
 * drawn as their municipalities' areas with these lines over them.
 */
export function loadProvinceBorders(registerId: string): readonly (readonly [number, number])[][] {
  const boundaryRegister = findBoundaryRegister(registerId);
  const known = provinceBorders.get(boundaryRegister);
  if (known) return known;
  const topology = ProvinceTopologySchema.parse(
    JSON.parse(readFileSync(locateBoundaryFile(boundaryRegister, 'topojson'), 'utf8')),
  );
  const collection = topology.objects[`municipalities_${boundaryRegister}`];
  if (!collection) throw new Error(`Topology of ${boundaryRegister} has no municipalities`);
  const users = new Map<number, string[]>();
  for (const geometry of collection.geometries) {
    for (const ref of (geometry.arcs as unknown[]).flat(3) as number[]) {
      const index = ref < 0 ? ~ref : ref;
      users.set(index, [...(users.get(index) ?? []), geometry.properties.province_code]);
    }
  }
  const [sx, sy] = topology.transform?.scale ?? [1, 1];
  const [tx, ty] = topology.transform?.translate ?? [0, 0];
  const lines: (readonly [number, number])[][] = [];
  for (const [index, provinces] of users) {
    if (provinces.length === 2 && provinces[0] === provinces[1]) continue;
    let x = 0;
    let y = 0;
    const line: (readonly [number, number])[] = [];
    for (const [dx, dy] of topology.arcs[index] ?? []) {
      // Quantized topologies store each point as the difference from the previous one.
      if (topology.transform) {
        x += dx;
        y += dy;
      } else {
        x = dx;
        y = dy;
      }
      line.push([x * sx + tx, y * sy + ty]);
    }
    lines.push(line);
  }
  provinceBorders.set(boundaryRegister, lines);
  return lines;
}
