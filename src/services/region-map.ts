/**
 * The map of a region: only its members' areas, zoomed to them, each named member coloured by
 * how many official basisfuncties it has goed voor elkaar. Members the viewer may not see by
 * name are drawn in one neutral colour, so their shape reveals no result. Rendered on the
 * server by ECharts as SVG, like the response map; pages show the same numbers as a table.
 */
import * as echarts from 'echarts';
import { finishSvg, readMunicipalityGeometry } from './map-service.ts';

/** A colour class of the map: members with `min` to `max` official basisfuncties goed. */
export interface RegionMapClass {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly colour: string;
}

/**
 * Classes over the 13 official basisfuncties (5 volunteer work, 8 informal care). A
 * sequential green scale, darker for more; the steps differ in lightness (CIE L* about 92,
 * 81, 67, 52, 29), so it reads in grey and for colour-blind readers too.
 */
export const REGION_MAP_CLASSES: readonly RegionMapClass[] = [
  { id: 'geen', label: 'geen', min: 0, max: 0, colour: '#dcedc8' },
  { id: '1-3', label: '1 tot 3', min: 1, max: 3, colour: '#aed581' },
  { id: '4-6', label: '4 tot 6', min: 4, max: 6, colour: '#7cb342' },
  { id: '7-9', label: '7 tot 9', min: 7, max: 9, colour: '#558b2f' },
  { id: '10-13', label: '10 of meer', min: 10, max: Number.POSITIVE_INFINITY, colour: '#2e4d1a' },
];

/** The colour of members shown only as counts. */
export const UNNAMED_COLOUR = '#9e9e9e';
/** The colour of named members without answers: white, apart from 'none goed'. */
export const NO_ANSWERS_COLOUR = '#ffffff';

/** The class of a number of official basisfuncties goed. */
export function classifyOfficialGoed(count: number): RegionMapClass {
  return (
    REGION_MAP_CLASSES.find((c) => count >= c.min && count <= c.max) ??
    (REGION_MAP_CLASSES[0] as RegionMapClass)
  );
}

/**
 * The map's colour for a number of official basisfuncties goed: null for a member shown only
 * as a count, 'no-answers' for one that did not respond.
 */
export function colourForCount(officialGoed: number | 'no-answers' | null): string {
  if (officialGoed === null) return UNNAMED_COLOUR;
  if (officialGoed === 'no-answers') return NO_ANSWERS_COLOUR;
  return classifyOfficialGoed(officialGoed).colour;
}

/**
 * Colours per band when the map shows one basisfunctie, in the traffic-light order of the
 * 2009 report; lightness steps (CIE L* about 35, 50, 80, and 65 for unnamed, 100 without a
 * mark) keep them apart in grey too.
 */
export const BAND_COLOURS: Readonly<Record<string, string>> = {
  'goed-voor-elkaar': '#1b5e20',
  'op-de-goede-weg': '#ffb74d',
  'aandacht-nodig': '#d84315',
};

/** The map's colour for a member's band of one basisfunctie (null band: no mark). */
export function colourForBand(band: string | null, named: boolean): string {
  if (!named) return UNNAMED_COLOUR;
  return band === null ? NO_ANSWERS_COLOUR : (BAND_COLOURS[band] ?? NO_ANSWERS_COLOUR);
}

export interface RegionMapMember {
  readonly code: string;
  /** Its fill (colourForCount or colourForBand). */
  readonly colour: string;
  /** The centre of a neighbour region gets a heavy outline. */
  readonly centre?: boolean;
}

const REGION_MAP = 'bfm-regio';

/**
 * Renders the members of a region, zoomed to them. ECharts zooms a map series to the bounding
 * box of its registered geometry, so the members' features are registered as a map of their
 * own just before drawing (rendering is synchronous, so no other drawing sees it).
 */
export function renderRegionMap(
  members: readonly RegionMapMember[],
  options: {
    readonly width?: number;
    readonly height?: number;
    /** The register whose boundaries are drawn: the round's (default 2009). */
    readonly registerId?: string;
  } = {},
): string {
  const codes = new Set(members.map((m) => `GM${m.code}`));
  const all = readMunicipalityGeometry(options.registerId);
  // The centre last, so that its heavy outline is drawn over its neighbours' borders.
  const centre = members.find((m) => m.centre)?.code;
  const features = all.features
    .filter((f) => codes.has(f.properties.gm_code))
    .sort((a, b) => Number(a.properties.code === centre) - Number(b.properties.code === centre));
  if (features.length === 0) return '';
  echarts.registerMap(REGION_MAP, { type: 'FeatureCollection', features } as never);
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: options.width ?? 480,
    height: options.height ?? 400,
  });
  try {
    chart.setOption({
      animation: false,
      series: [
        {
          type: 'map',
          map: REGION_MAP,
          nameProperty: 'gm_code',
          left: 8,
          right: 8,
          top: 8,
          bottom: 8,
          label: { show: false },
          emphasis: { disabled: true },
          select: { disabled: true },
          itemStyle: { areaColor: UNNAMED_COLOUR, borderColor: '#424242', borderWidth: 0.6 },
          data: members.map((member) => ({
            name: `GM${member.code}`,
            value: 1,
            itemStyle: {
              areaColor: member.colour,
              ...(member.centre ? { borderColor: '#000000', borderWidth: 2.5 } : {}),
            },
          })),
        },
      ],
    });
    return finishSvg(chart.renderToSVGString(), members, undefined);
  } finally {
    chart.dispose();
  }
}
