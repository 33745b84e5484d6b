/**
 * The regional view of a round: a municipality and its neighbours, or a region the user
 * composes; per basisfunctie who has it goed voor elkaar, the gaps and who could help whom,
 * with a map. Members the user may read (`questionnaire.read`) or that consented to be named
 * appear by name; the others only in counts.
 */
import { MIN_GROUP_SIZE } from '../domain/disclosure.ts';
import { z } from 'zod';
import type { Executor } from '../db/client.ts';
import { readResponseVectors } from '../db/repositories/answer-repository.ts';
import { scoreResponses } from '../domain/municipality-marks.ts';
import { rationalToNumber } from '../domain/rational.ts';
import type { Municipality } from '../domain/register.ts';
import {
  computeRegion,
  joinDutch,
  type RegionBasisfunctie,
  type RegionMark,
  type RegionView,
} from '../domain/regional.ts';
import { roundTo } from '../domain/statistics.ts';
import type { StaffUser } from './auth-service.ts';
import { isNamedTo, readNamedConsents } from './consent-service.ts';
import { UserInputError } from './errors.ts';
import { findBoundaryRegister, listNeighbours } from './geography.ts';
import { assertRoleMay } from './permissions.ts';
import {
  BAND_COLOURS,
  colourForBand,
  colourForCount,
  NO_ANSWERS_COLOUR,
  REGION_MAP_CLASSES,
  renderRegionMap,
  UNNAMED_COLOUR,
} from './region-map.ts';
import { loadRound } from './round-service.ts';

/** The most members a composed region may have: enough for a province's region, small enough to read. */
export const MAX_REGION_MEMBERS = 60;

const codeSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase().replace(/^GM/, ''))
  .pipe(
    z.string().regex(/^\d{1,4}$/, 'Een gemeentecode bestaat uit vier cijfers, bijvoorbeeld 0363.'),
  )
  .transform((value) => value.padStart(4, '0'));

/** What the user asked for: the centre of a region, or the codes of a composed one. */
/** How the map is coloured: by the number of official basisfuncties goed, or by one basisfunctie. */
export const COLOUR_BY_COUNT = 'aantal';

export const RegionQuerySchema = z.object({
  /** `aantal`, or `questionnaire.basisfunctie` (for example `mantelzorg.informatie`). */
  colour: z.string().optional(),
  around: codeSchema.optional(),
  codes: z
    .array(codeSchema)
    .max(MAX_REGION_MEMBERS, `Kies ten hoogste ${MAX_REGION_MEMBERS} gemeenten.`)
    .optional(),
});
export type RegionQuery = z.input<typeof RegionQuerySchema>;

export interface RegionMemberRow {
  readonly code: string;
  readonly name: string;
  readonly provinceName: string;
  readonly officialGoed: number;
  /** Whether it answered at least one questionnaire. */
  readonly responded: boolean;
  /** What the map shows for it, in words (the legend entry of its colour). */
  readonly mapLabel: string;
}

/** One entry of the map's legend. */
export interface LegendEntry {
  readonly id: string;
  readonly label: string;
  readonly colour: string;
}

export interface RegionResult {
  readonly roundId: string;
  readonly roundName: string;
  /** The centre of a neighbour region, or null for a composed region. */
  readonly centre: Pick<Municipality, 'code' | 'name'> | null;
  readonly memberCount: number;
  /** The members shown by name, in name order. */
  readonly namedMembers: readonly RegionMemberRow[];
  /** How many members appear only in counts. */
  readonly unnamedCount: number;
  readonly view: RegionView;
  /** The map as SVG ('' when no member has boundaries). */
  readonly map: string;
  /** The map in one sentence. */
  readonly mapSummary: string;
  /** The number of official basisfuncties (the maximum a member can have goed). */
  readonly officialTotal: number;
  /** How the map is coloured (`aantal` or `questionnaire.basisfunctie`) and what that means. */
  readonly colour: { readonly value: string; readonly label: string };
  /** The ways the map can be coloured. */
  readonly colourChoices: readonly { readonly value: string; readonly label: string }[];
  readonly legend: readonly LegendEntry[];
}

function describeMap(
  named: readonly RegionMemberRow[],
  unnamed: number,
  officialTotal: number,
): string {
  if (named.length === 0)
    return `De kaart toont de ${unnamed} gemeenten van de regio, geen van alle bij naam.`;
  const best = [...named].sort((a, b) => b.officialGoed - a.officialGoed)[0] as RegionMemberRow;
  const unnamedText =
    unnamed > 0
      ? ` ${unnamed} ${unnamed === 1 ? 'gemeente staat' : 'gemeenten staan'} er grijs op, zonder naam.`
      : '';
  return `De kaart kleurt ${named.length} ${named.length === 1 ? 'gemeente' : 'gemeenten'} naar het aantal officiële basisfuncties dat goed voor elkaar is (van de ${officialTotal}); ${best.name} heeft er de meeste: ${best.officialGoed}.${unnamedText}`;
}

function describeBandMap(name: string, named: readonly RegionMemberRow[], unnamed: number): string {
  const goed = named.filter((m) => m.mapLabel === 'goed voor elkaar').map((m) => m.name);
  const who =
    goed.length === 0
      ? named.length === 1
        ? `de enige gemeente met naam heeft ‘${name}’ niet goed voor elkaar`
        : `geen van de ${named.length} gemeenten met naam heeft ‘${name}’ goed voor elkaar`
      : `${joinDutch(goed)} ${goed.length === 1 ? 'heeft' : 'hebben'} ‘${name}’ goed voor elkaar`;
  const unnamedText =
    unnamed > 0
      ? ` ${unnamed} ${unnamed === 1 ? 'gemeente staat' : 'gemeenten staan'} er grijs op, zonder naam.`
      : '';
  return `De kaart kleurt de gemeenten naar hun oordeel over ‘${name}’: ${who}.${unnamedText}`;
}

/**
 * The regional view for a user.
 *
 * @throws {ForbiddenError} for analysts, who see no municipality by name
 * @throws {NotFoundError} for an unknown round
 * @throws {UserInputError} for an unknown code, a region without members or one that is too large
 */
export async function loadRegion(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  query: RegionQuery,
): Promise<RegionResult> {
  assertRoleMay(user, 'region.read');
  const parsed = RegionQuerySchema.safeParse(query);
  if (!parsed.success)
    throw new UserInputError(parsed.error.issues[0]?.message ?? 'Ongeldige keuze.');
  const loaded = await loadRound(executor, roundId);
  const byCode = new Map(loaded.municipalities.map((m) => [m.code, m]));
  const unknown = (code: string) =>
    new UserInputError(
      `De gemeente met code ${code} hoort niet bij deze meting. Kies een gemeente uit de lijst.`,
    );

  let centre: Municipality | null = null;
  let memberCodes: string[];
  if (parsed.data.codes && parsed.data.codes.length > 0) {
    const missing = parsed.data.codes.find((code) => !byCode.has(code));
    if (missing) throw unknown(missing);
    memberCodes = [...new Set(parsed.data.codes)];
  } else if (parsed.data.around) {
    centre = byCode.get(parsed.data.around) ?? null;
    if (!centre) throw unknown(parsed.data.around);
    // Neighbours come from the boundaries of the round's own register.
    memberCodes = [
      centre.code,
      ...listNeighbours(centre.code, loaded.round.registerId).filter((c) => byCode.has(c)),
    ];
  } else {
    throw new UserInputError('Kies een gemeente of stel een regio samen.');
  }
  const members = memberCodes.map((code) => byCode.get(code) as Municipality);

  const consents = await readNamedConsents(executor);
  const isNamed = (m: Municipality) => isNamedTo(user, m, consents);
  const memberSet = new Set(memberCodes);
  const vectors = (await readResponseVectors(executor, roundId)).filter((v) =>
    memberSet.has(v.municipalityCode),
  );
  const marksByCode = new Map<string, RegionMark[]>();
  for (const scored of scoreResponses(loaded.instrument, vectors)) {
    const questionnaire = loaded.instrument.questionnaires.find(
      (q) => q.id === scored.questionnaire,
    );
    if (!questionnaire) continue;
    const list = marksByCode.get(scored.municipalityCode) ?? [];
    scored.marks.forEach((mark, index) => {
      const basisfunctie = questionnaire.basisfuncties[index];
      if (!basisfunctie) return;
      list.push({
        questionnaire: questionnaire.id,
        basisfunctie: basisfunctie.id,
        mark: mark.mark === null ? null : roundTo(rationalToNumber(mark.mark), 1),
        band: mark.band?.id ?? null,
        goed: mark.goed,
      });
    });
    marksByCode.set(scored.municipalityCode, list);
  }

  const basisfuncties: RegionBasisfunctie[] = loaded.instrument.questionnaires.flatMap((q) =>
    q.basisfuncties.map((b) => ({
      questionnaire: q.id,
      id: b.id,
      name: b.name,
      official: b.official,
    })),
  );
  const view = computeRegion({
    basisfuncties,
    members: members.map((m) => ({
      code: m.code,
      name: m.name,
      named: isNamed(m),
      marks: marksByCode.get(m.code) ?? [],
    })),
    // The small-group rule is for municipality accounts: coordinators and advisors may see
    // group figures over any number of municipalities.
    // The small-group rule of the report: counts of unnamed members only over five or more.
    minUnnamed: user.role === 'municipality' ? MIN_GROUP_SIZE : 0,
  });

  const officialTotal = basisfuncties.filter((b) => b.official).length;
  const colourChoices = [
    { value: COLOUR_BY_COUNT, label: 'aantal officiële basisfuncties goed voor elkaar' },
    ...basisfuncties.map((b) => ({
      value: `${b.questionnaire}.${b.id}`,
      label: `${b.name} (${b.questionnaire})`,
    })),
  ];
  // An unknown choice falls back to the default, like the round page's filters.
  const colour =
    colourChoices.find((choice) => choice.value === parsed.data.colour) ??
    (colourChoices[0] as { value: string; label: string });
  const chosen = basisfuncties.find((b) => `${b.questionnaire}.${b.id}` === colour.value);
  const bands = loaded.instrument.scoring.bands;
  const legend: LegendEntry[] = chosen
    ? [
        ...[...bands].reverse().map((band) => ({
          id: band.id,
          label: band.label,
          colour: BAND_COLOURS[band.id] ?? NO_ANSWERS_COLOUR,
        })),
        { id: 'geen-cijfer', label: 'geen cijfer', colour: NO_ANSWERS_COLOUR },
        { id: 'zonder-naam', label: 'gemeente zonder naam', colour: UNNAMED_COLOUR },
      ]
    : [
        ...REGION_MAP_CLASSES.map((c) => ({ id: c.id, label: c.label, colour: c.colour })),
        { id: 'geen-antwoorden', label: 'geen antwoorden', colour: NO_ANSWERS_COLOUR },
        { id: 'zonder-naam', label: 'gemeente zonder naam', colour: UNNAMED_COLOUR },
      ];
  const bandOf = (code: string) =>
    chosen
      ? ((marksByCode.get(code) ?? []).find(
          (mark) => mark.questionnaire === chosen.questionnaire && mark.basisfunctie === chosen.id,
        )?.band ?? null)
      : null;
  const colourOf = (m: Municipality): string => {
    if (chosen) return colourForBand(bandOf(m.code), isNamed(m));
    if (!isNamed(m)) return colourForCount(null);
    return colourForCount(
      marksByCode.has(m.code) ? (view.officialGoed.get(m.code) ?? 0) : 'no-answers',
    );
  };
  const labelOf = (m: Municipality): string => {
    if (chosen) {
      const band = bandOf(m.code);
      return bands.find((b) => b.id === band)?.label ?? 'geen cijfer';
    }
    return marksByCode.has(m.code) ? String(view.officialGoed.get(m.code) ?? 0) : 'geen antwoorden';
  };

  const namedMembers = members
    .filter(isNamed)
    .map((m) => ({
      code: m.code,
      name: m.name,
      provinceName: m.provinceName,
      officialGoed: view.officialGoed.get(m.code) ?? 0,
      responded: marksByCode.has(m.code),
      mapLabel: labelOf(m),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const unnamedCount = members.length - namedMembers.length;
  return {
    roundId,
    roundName: loaded.round.name,
    centre: centre ? { code: centre.code, name: centre.name } : null,
    memberCount: members.length,
    namedMembers,
    unnamedCount,
    view,
    map: renderRegionMap(
      members.map((m) => ({ code: m.code, colour: colourOf(m), centre: m.code === centre?.code })),
      { registerId: loaded.round.registerId },
    ),
    mapSummary: chosen
      ? describeBandMap(chosen.name, namedMembers, unnamedCount)
      : describeMap(namedMembers, unnamedCount, officialTotal),
    officialTotal,
    colour,
    colourChoices,
    legend,
  };
}

/** The municipalities of a round to choose from, by province, in name order. */
export async function listRegionChoices(
  executor: Executor,
  user: StaffUser,
  roundId: string,
): Promise<{
  readonly roundName: string;
  readonly municipalities: readonly Pick<
    Municipality,
    'code' | 'name' | 'provinceCode' | 'provinceName'
  >[];
  readonly own: string | null;
  /** The year of the boundaries the map and the neighbours come from: the round's register. */
  readonly boundaryYear: string;
}> {
  assertRoleMay(user, 'region.read');
  const loaded = await loadRound(executor, roundId);
  return {
    roundName: loaded.round.name,
    boundaryYear: findBoundaryRegister(loaded.round.registerId),
    municipalities: [...loaded.municipalities]
      .map((m) => ({
        code: m.code,
        name: m.name,
        provinceCode: m.provinceCode,
        provinceName: m.provinceName,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    own: user.municipalityCode,
  };
}
