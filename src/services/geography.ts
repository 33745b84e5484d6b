/**
 * Geography as reference data: which 2009 municipalities share a boundary, read from the
 * TopoJSON boundaries in data/municipalities (Kadaster / CBS). The file is checked with a
 * schema; the result is kept for the life of the process, as the file does not change while
 * it runs.
 */
import { readFileSync } from 'node:fs';
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

export const TOPOLOGY_2009 = fileURLToPath(
  new URL('../../data/municipalities/municipalities_2009.topojson', import.meta.url),
);

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

export const MunicipalityTopologySchema = z.object({
  type: z.literal('Topology'),
  arcs: z.array(z.unknown()),
  objects: z.object({
    municipalities_2009: z.object({
      type: z.literal('GeometryCollection'),
      geometries: z.array(GeometrySchema).min(1),
    }),
  }),
});

/**
 * Parses the 2009 boundary topology into the domain's minimal topology.
 *
 * @throws {z.ZodError} when the file does not have the expected shape
 */
export function parseMunicipalityTopology(json: unknown): Topology {
  const topology = MunicipalityTopologySchema.parse(json);
  const arcCount = topology.arcs.length;
  const geometries = topology.objects.municipalities_2009.geometries.map((geometry) => {
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

let cached: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * The neighbours of every 2009 municipality (4-digit codes, sorted); an island has none.
 * Read once per process.
 */
export function loadNeighbours(): ReadonlyMap<string, readonly string[]> {
  cached ??= findNeighbours(
    parseMunicipalityTopology(JSON.parse(readFileSync(TOPOLOGY_2009, 'utf8'))),
  );
  return cached;
}

/** The neighbours of one municipality, or an empty list for a code the boundaries lack. */
export function listNeighbours(code: string): readonly string[] {
  return loadNeighbours().get(code) ?? [];
}
