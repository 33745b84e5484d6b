/**
 * The national indicator of the Wmo policy plans (issue 12, decision 026): the share of
 * municipalities whose current Wmo plan includes the basisfuncties, against the target of the
 * round (75% from 2012, the letter to parliament). Pure: plan statuses and municipalities in,
 * figures out.
 *
 * Definitions:
 * - `respondents` = municipalities of the round's register with a status (ja, gedeeltelijk or
 *   nee); municipalities without one are not counted, in neither part of the share.
 * - `included` = those with 'ja'; `partly` = those with 'gedeeltelijk' (not in the share).
 * - `percentIncluded` = 100 × included / respondents, rounded half away from zero to one
 *   decimal; null when there are no respondents.
 * - `meetsTarget` = percentIncluded ≥ target (null without respondents).
 */
import {
  classifyGroup,
  classifySize,
  GROUPS,
  SIZE_CLASSES,
  type Municipality,
} from './register.ts';
import { MIN_GROUP_SIZE } from './disclosure.ts';
import { percentage } from './statistics.ts';
import type { WmoPlanInclusion } from './improvement.ts';

/** One municipality's status, as the indicator needs it. */
export interface WmoPlanStatus {
  readonly municipalityCode: string;
  readonly included: WmoPlanInclusion;
}

/** The counts of one group of municipalities (the whole register, a province, a class). */
export interface WmoPlanShare {
  /** Municipalities of the group in the register. */
  readonly municipalities: number;
  /** Municipalities with a status. */
  readonly respondents: number;
  /** With 'ja'; null when withheld. */
  readonly included: number | null;
  /** With 'gedeeltelijk'; null when withheld. */
  readonly partly: number | null;
  /** 100 × included / respondents, one decimal; null without respondents or when withheld. */
  readonly percentIncluded: number | null;
  /** Withheld under the small-cell rule (decision 015); only for protected viewers. */
  readonly suppressed: boolean;
}

export interface WmoPlanBreakdownRow extends WmoPlanShare {
  /** The province code (`PV27`), the size class id or the group id. */
  readonly id: string;
  readonly label: string;
}

export interface WmoPlanIndicator extends WmoPlanShare {
  /** The round's target in percent (0–100). */
  readonly target: number;
  /** Whether the national share reaches the target; null without respondents. */
  readonly meetsTarget: boolean | null;
  readonly byProvince: readonly WmoPlanBreakdownRow[];
  readonly bySizeClass: readonly WmoPlanBreakdownRow[];
  readonly byGroup: readonly WmoPlanBreakdownRow[];
}

interface Counts {
  municipalities: number;
  respondents: number;
  included: number;
  partly: number;
}

function share(counts: Counts): WmoPlanShare {
  return {
    municipalities: counts.municipalities,
    respondents: counts.respondents,
    included: counts.included,
    partly: counts.partly,
    percentIncluded: percentage(counts.included, counts.respondents),
    suppressed: false,
  };
}

function withheld(row: WmoPlanBreakdownRow): WmoPlanBreakdownRow {
  return { ...row, included: null, partly: null, percentIncluded: null, suppressed: true };
}

/**
 * Withholds the rows of one breakdown over fewer than 5 respondents (primary suppression), and
 * more rows, smallest first, until at least two are withheld that together rest on at least 5
 * (secondary suppression): the national figure is shown, so one withheld row could otherwise be
 * recomputed from it and the others (decision 015).
 *
 * @example protectBreakdown([{respondents: 3, …}, {respondents: 40, …}, {respondents: 50, …}])
 * // the first two withheld (3 + 40 ≥ 5, and two rows)
 */
export function protectBreakdown(rows: readonly WmoPlanBreakdownRow[]): WmoPlanBreakdownRow[] {
  const small = new Set(
    rows.filter((row) => row.respondents > 0 && row.respondents < MIN_GROUP_SIZE).map((r) => r.id),
  );
  if (small.size > 0) {
    const candidates = rows
      .filter((row) => row.respondents > 0 && !small.has(row.id))
      .sort((a, b) => a.respondents - b.respondents || a.id.localeCompare(b.id));
    const total = () =>
      rows.filter((row) => small.has(row.id)).reduce((sum, row) => sum + row.respondents, 0);
    while ((small.size < 2 || total() < MIN_GROUP_SIZE) && candidates.length > 0) {
      small.add((candidates.shift() as WmoPlanBreakdownRow).id);
    }
  }
  return rows.map((row) => (small.has(row.id) ? withheld(row) : row));
}

/**
 * Computes the indicator over the municipalities of a round's register.
 *
 * Statuses of codes that are not in `municipalities` are ignored (a register changes only with
 * a new round, so this happens only for hand-made data). With `protect`, every breakdown is
 * protected with `protectBreakdown`, and the national figure over fewer than 5 respondents is
 * withheld too.
 *
 * @throws {RangeError} when the target is outside 0–100
 * @example
 * computeWmoPlanIndicator({ target: 75, municipalities, statuses: [
 *   { municipalityCode: '0363', included: 'ja' }, { municipalityCode: '0014', included: 'nee' },
 * ] }); // respondents 2, included 1, percentIncluded 50, meetsTarget false
 */
export function computeWmoPlanIndicator(input: {
  readonly target: number;
  readonly municipalities: readonly Municipality[];
  readonly statuses: readonly WmoPlanStatus[];
  readonly protect?: boolean;
}): WmoPlanIndicator {
  if (!(input.target >= 0 && input.target <= 100))
    throw new RangeError(`The target must be from 0 to 100, got ${input.target}`);
  const byCode = new Map(input.statuses.map((s) => [s.municipalityCode, s.included]));
  const empty = (): Counts => ({ municipalities: 0, respondents: 0, included: 0, partly: 0 });
  const national = empty();
  const provinces = new Map<string, { name: string; counts: Counts }>();
  const sizes = new Map(SIZE_CLASSES.map((c) => [c.id as string, empty()]));
  const groups = new Map(GROUPS.map((g) => [g.id as string, empty()]));
  for (const m of input.municipalities) {
    let province = provinces.get(m.provinceCode);
    if (!province) {
      province = { name: m.provinceName, counts: empty() };
      provinces.set(m.provinceCode, province);
    }
    const buckets = [
      national,
      province.counts,
      sizes.get(classifySize(m.population)) as Counts,
      groups.get(classifyGroup(m)) as Counts,
    ];
    const status = byCode.get(m.code);
    for (const counts of buckets) {
      counts.municipalities += 1;
      if (status === undefined) continue;
      counts.respondents += 1;
      if (status === 'ja') counts.included += 1;
      if (status === 'gedeeltelijk') counts.partly += 1;
    }
  }
  const guard = (rows: WmoPlanBreakdownRow[]) => (input.protect ? protectBreakdown(rows) : rows);
  const byProvince = guard(
    [...provinces.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, { name, counts }]) => ({ id, label: name, ...share(counts) })),
  );
  const bySizeClass = guard(
    SIZE_CLASSES.map((c) => ({ id: c.id, label: c.label, ...share(sizes.get(c.id) as Counts) }))
      // The unknown class only when it has members: the registers give every population.
      .filter((row) => row.id !== 'onbekend' || row.municipalities > 0),
  );
  const byGroup = guard(
    GROUPS.map((g) => ({ id: g.id, label: g.label, ...share(groups.get(g.id) as Counts) })),
  );
  const nationalShare = share(national);
  const shown =
    input.protect && national.respondents > 0 && national.respondents < MIN_GROUP_SIZE
      ? {
          ...nationalShare,
          included: null,
          partly: null,
          percentIncluded: null,
          suppressed: true,
        }
      : nationalShare;
  return {
    ...shown,
    target: input.target,
    meetsTarget: shown.percentIncluded === null ? null : shown.percentIncluded >= input.target,
    byProvince,
    bySizeClass,
    byGroup,
  };
}

/**
 * The indicator in the shape of `bfm analyse --json` (`wmoPlan`, issue 12): the national
 * counts and per province, without the breakdowns by size class and group.
 */
export interface WmoPlanAnalysis {
  readonly target: number;
  readonly respondents: number;
  readonly included: number;
  readonly partly: number;
  readonly percentIncluded: number | null;
  readonly byProvince: readonly {
    readonly province: string;
    readonly respondents: number;
    readonly included: number;
    readonly percentIncluded: number | null;
  }[];
}

/**
 * Projects an unprotected indicator onto the `wmoPlan` block of `bfm analyse --json`.
 *
 * @example toWmoPlanAnalysis(indicator).byProvince[0] // { province: 'PV20', respondents: 12, … }
 */
export function toWmoPlanAnalysis(indicator: WmoPlanIndicator): WmoPlanAnalysis {
  return {
    target: indicator.target,
    respondents: indicator.respondents,
    included: indicator.included ?? 0,
    partly: indicator.partly ?? 0,
    percentIncluded: indicator.percentIncluded,
    byProvince: indicator.byProvince.map((row) => ({
      province: row.id,
      respondents: row.respondents,
      included: row.included ?? 0,
      percentIncluded: row.percentIncluded,
    })),
  };
}

/** A period as the import and the form write it: `2012-2015`, `2012–2015` or `2012`. */
export function parsePlanPeriod(
  text: string,
): { readonly from: number; readonly to: number } | null | 'invalid' {
  const value = text.trim();
  if (value === '') return null;
  const match = /^(\d{4})\s*(?:[-–—]|t\/m|tot)?\s*(\d{4})?$/.exec(value);
  if (!match) return 'invalid';
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (from < 1990 || to > 2100 || from > to) return 'invalid';
  return { from, to };
}

/** A period for people: `2012–2015`, `2012`, or '' when unknown. */
export function formatPlanPeriod(from: number | null, to: number | null): string {
  if (from === null && to === null) return '';
  if (from === null) return `tot ${to}`;
  if (to === null) return `vanaf ${from}`;
  return from === to ? String(from) : `${from}–${to}`;
}
