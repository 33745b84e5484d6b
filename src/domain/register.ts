/**
 * Municipalities, their size classes and their group (G4 / G27 / overig).
 */

export interface Municipality {
  /** CBS code without prefix, four digits, for example `0363`. */
  readonly code: string;
  readonly name: string;
  readonly provinceCode: string;
  readonly provinceName: string;
  /** Population used as the size basis, or null when unknown. */
  readonly population: number | null;
  readonly g4: boolean;
  readonly g27: boolean;
}

export type SizeClassId =
  'lt-20000' | '20000-50000' | '50000-100000' | '100000-250000' | 'ge-250000' | 'onbekend';

export interface SizeClass {
  readonly id: SizeClassId;
  readonly label: string;
  /** Inclusive lower bound, or null for the unknown class. */
  readonly min: number | null;
}

/** The size classes of the 2009 report, in ascending order, followed by 'onbekend'. */
export const SIZE_CLASSES: readonly SizeClass[] = [
  { id: 'lt-20000', label: '< 20.000 inwoners', min: 0 },
  { id: '20000-50000', label: '20.000 – < 50.000 inwoners', min: 20_000 },
  { id: '50000-100000', label: '50.000 – < 100.000 inwoners', min: 50_000 },
  { id: '100000-250000', label: '100.000 – < 250.000 inwoners', min: 100_000 },
  { id: 'ge-250000', label: '≥ 250.000 inwoners', min: 250_000 },
  { id: 'onbekend', label: 'grootte onbekend', min: null },
];

export type GroupId = 'G4' | 'G27' | 'overig';

export const GROUPS: readonly { readonly id: GroupId; readonly label: string }[] = [
  { id: 'G4', label: 'G4' },
  { id: 'G27', label: 'G27' },
  { id: 'overig', label: 'overige gemeenten' },
];

/**
 * The size class of a population; an unknown population has the class 'onbekend', never a guess.
 *
 * @throws {RangeError} when the population is negative or not an integer
 * @example classifySize(49_999) // '20000-50000'
 */
export function classifySize(population: number | null): SizeClassId {
  if (population === null) return 'onbekend';
  if (!Number.isInteger(population) || population < 0) {
    throw new RangeError(`Population must be a non-negative integer, got ${population}`);
  }
  let found: SizeClassId = 'lt-20000';
  for (const sizeClass of SIZE_CLASSES) {
    if (sizeClass.min !== null && population >= sizeClass.min) found = sizeClass.id;
  }
  return found;
}

/**
 * The provinces of a register as code and name, by code: for filter forms and their checks.
 *
 * @example listProvinces([{ provinceCode: 'PV27', provinceName: 'Noord-Holland', … }]) // [{ code: 'PV27', name: 'Noord-Holland' }]
 */
export function listProvinces(
  municipalities: readonly Pick<Municipality, 'provinceCode' | 'provinceName'>[],
): { code: string; name: string }[] {
  return [...new Map(municipalities.map((m) => [m.provinceCode, m.provinceName]))]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The group of a municipality: G4, G27 or overig.
 *
 * @example classifyGroup({ g4: false, g27: true }) // 'G27'
 */
export function classifyGroup(municipality: Pick<Municipality, 'g4' | 'g27'>): GroupId {
  if (municipality.g4) return 'G4';
  if (municipality.g27) return 'G27';
  return 'overig';
}

/**
 * Normalises a municipality code as people type it: `GM0363`, `gm0363`, `0363`, and also `363`
 * (spreadsheet programs drop leading zeros). Returns null when it is not a code.
 *
 * @example normalizeMunicipalityCode('GM0363') // '0363'
 */
export function normalizeMunicipalityCode(input: string): string | null {
  const match = /^(?:GM)?(\d{1,4})$/i.exec(input.trim());
  if (!match) return null;
  return (match[1] as string).padStart(4, '0');
}
