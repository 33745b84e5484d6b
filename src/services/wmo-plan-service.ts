/**
 * The Wmo policy plan per municipality and round (issue 12, decision 026): whether the current
 * Wmo plan includes the basisfuncties (ja, gedeeltelijk, nee), its period, a reference and the
 * basisfuncties it names; and the national indicator against the round's target (default 75%,
 * the letter to parliament).
 *
 * - The municipality fills it in (or its advisor, or the coordinator); a save names the version
 *   it started from, and a stale save writes nothing (409), like report notes.
 * - The advisor (or the coordinator) confirms it. Any later change clears the confirmation, so
 *   a confirmed status is always the one the advisor saw. Confirming and every change are in
 *   the audit trail.
 * - The coordinator sets the round's target (0–100).
 * - Imported statuses (wmo-plan-import.ts) count as confirmed by the importer.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  DEFAULT_WMO_PLAN_TARGET,
  WMO_PLAN_INCLUSION_LABELS,
  WMO_PLAN_INCLUSIONS,
  type WmoPlanInclusion,
} from '../domain/improvement.ts';
import type { Municipality } from '../domain/register.ts';
import {
  computeWmoPlanIndicator,
  formatPlanPeriod,
  toWmoPlanAnalysis,
  type WmoPlanAnalysis,
  type WmoPlanIndicator,
} from '../domain/wmo-plan-indicator.ts';
import type { Database, Executor } from '../db/client.ts';
import { findRound } from '../db/repositories/round-repository.ts';
import { rounds, wmoPlans } from '../db/schema.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { formatDutchDate } from './dutch-time.ts';
import { ConflictError, MUNICIPALITY_NOT_FOUND, NotFoundError, UserInputError } from './errors.ts';
import { assertCan, assertRoleMay, can, type Action } from './permissions.ts';
import { loadRound, type LoadedRound } from './round-service.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

export const MAX_WMO_PLAN_TITLE_LENGTH = 300;
export const MAX_WMO_PLAN_URL_LENGTH = 2000;
/** How many earlier rounds the indicator over rounds follows at most. */
const ROUND_CHAIN_LIMIT = 50;

/** A municipality's plan as pages, the API and the report show it. */
export interface WmoPlan {
  readonly included: WmoPlanInclusion;
  readonly includedLabel: string;
  readonly periodFrom: number | null;
  readonly periodTo: number | null;
  /** `2012–2015`, or '' when unknown. */
  readonly period: string;
  readonly title: string;
  readonly url: string | null;
  /** `questionnaire:basisfunctie` keys. */
  readonly basisfuncties: readonly string[];
  readonly source: 'form' | 'import';
  readonly version: number;
  /** ISO timestamp. */
  readonly updatedAt: string;
  readonly updatedByName: string;
  readonly confirmed: { readonly byName: string; readonly at: string } | null;
}

type PlanRow = typeof wmoPlans.$inferSelect;

function toPlan(row: PlanRow): WmoPlan {
  return {
    included: row.included,
    includedLabel: WMO_PLAN_INCLUSION_LABELS[row.included],
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    period: formatPlanPeriod(row.periodFrom, row.periodTo),
    title: row.title,
    url: row.url,
    basisfuncties: row.basisfuncties,
    source: row.source,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: row.updatedByName,
    confirmed:
      row.confirmedAt && row.confirmedByName
        ? { byName: row.confirmedByName, at: row.confirmedAt.toISOString() }
        : null,
  };
}

/** A plan in one line for the audit trail: `Ja, opgenomen; 2012–2015; “Titel”; https://…`. */
export function describePlanForAudit(plan: {
  readonly included: WmoPlanInclusion;
  readonly periodFrom: number | null;
  readonly periodTo: number | null;
  readonly title: string;
  readonly url: string | null;
  readonly basisfuncties?: readonly string[];
}): string {
  const period = formatPlanPeriod(plan.periodFrom, plan.periodTo);
  return [
    WMO_PLAN_INCLUSION_LABELS[plan.included],
    period ? `periode ${period}` : '',
    plan.title ? `“${plan.title}”` : '',
    plan.url ?? '',
    plan.basisfuncties && plan.basisfuncties.length > 0
      ? `${plan.basisfuncties.length} basisfuncties genoemd`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
}

async function findMunicipalityFor(
  executor: Executor,
  user: StaffUser,
  action: Action,
  roundId: string,
  code: string,
): Promise<{ loaded: LoadedRound; municipality: Municipality }> {
  // A role that may never do this hears 403 before anything is loaded.
  assertRoleMay(user, action);
  const loaded = await loadRound(executor, roundId);
  const municipality = loaded.municipalities.find((m) => m.code === code);
  if (!municipality) throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
  assertCan(user, action, municipality);
  return { loaded, municipality };
}

async function findPlanRow(
  executor: Executor,
  roundId: string,
  code: string,
): Promise<PlanRow | undefined> {
  const [row] = await executor
    .select()
    .from(wmoPlans)
    .where(and(eq(wmoPlans.roundId, roundId), eq(wmoPlans.municipalityCode, code)));
  return row;
}

/** The basisfuncties a plan may name, per questionnaire of the round's instrument. */
export interface BasisfunctieChoice {
  readonly questionnaire: string;
  readonly questionnaireName: string;
  readonly basisfuncties: readonly { readonly key: string; readonly name: string }[];
}

function listBasisfunctieChoices(loaded: LoadedRound): BasisfunctieChoice[] {
  return loaded.instrument.questionnaires.map((questionnaire) => ({
    questionnaire: questionnaire.id,
    questionnaireName: questionnaire.name,
    basisfuncties: questionnaire.basisfuncties.map((b) => ({
      key: `${questionnaire.id}:${b.id}`,
      name: b.name,
    })),
  }));
}

/** What the plan page needs. */
export interface WmoPlanEditor {
  readonly round: { readonly id: string; readonly name: string; readonly target: number };
  readonly municipality: { readonly code: string; readonly name: string };
  readonly plan: WmoPlan | null;
  /** The version a save starts from (0 when there is no plan yet). */
  readonly version: number;
  readonly choices: readonly BasisfunctieChoice[];
  readonly canEdit: boolean;
  readonly canConfirm: boolean;
}

/**
 * A municipality's plan for its page or the API.
 *
 * @throws {NotFoundError} for an unknown round or municipality, or one outside the user's scope
 * @throws {ForbiddenError} for a role that may not read plans (the analyst)
 */
export async function readWmoPlan(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  code: string,
): Promise<WmoPlanEditor> {
  const { loaded, municipality } = await findMunicipalityFor(
    executor,
    user,
    'wmoPlan.read',
    roundId,
    code,
  );
  const row = await findPlanRow(executor, roundId, code);
  return {
    round: { id: loaded.round.id, name: loaded.round.name, target: loaded.round.wmoPlanTarget },
    municipality: { code: municipality.code, name: municipality.name },
    plan: row ? toPlan(row) : null,
    version: row?.version ?? 0,
    choices: listBasisfunctieChoices(loaded),
    canEdit: can(user, 'wmoPlan.edit', municipality),
    canConfirm: can(user, 'wmoPlan.confirm', municipality),
  };
}

const VERSION_MISSING = 'Laad de pagina opnieuw: de versie van het Wmo-beleidsplan ontbreekt.';

const optionalYear = (field: string) =>
  z.preprocess(
    (value) => (value === '' || value === null || value === undefined ? null : value),
    z.coerce
      .number({ error: `Vul bij ${field} een jaartal in, bijvoorbeeld 2012, of laat het leeg.` })
      .int(`Vul bij ${field} een jaartal in, bijvoorbeeld 2012, of laat het leeg.`)
      .min(1990, `Vul bij ${field} een jaartal vanaf 1990 in.`)
      .max(2100, `Vul bij ${field} een jaartal tot en met 2100 in.`)
      .nullable(),
  );

/** A web address people can open: http or https, as typed. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

export const WmoPlanInputSchema = z.object({
  roundId: z.string().min(1),
  code: z.string().min(1),
  included: z.enum(WMO_PLAN_INCLUSIONS, {
    error: 'Kies of het Wmo-beleidsplan de basisfuncties opneemt: ja, gedeeltelijk of nee.',
  }),
  periodFrom: optionalYear('‘periode van’'),
  periodTo: optionalYear('‘periode tot en met’'),
  title: z
    .string()
    .default('')
    .transform((text) => text.trim())
    .pipe(
      z
        .string()
        .max(
          MAX_WMO_PLAN_TITLE_LENGTH,
          `De titel mag hoogstens ${MAX_WMO_PLAN_TITLE_LENGTH} tekens lang zijn. Maak hem korter.`,
        ),
    ),
  url: z
    .string()
    .default('')
    .transform((text) => text.trim())
    .pipe(
      z
        .string()
        .max(MAX_WMO_PLAN_URL_LENGTH, 'De link is te lang. Geef het adres van het plan zelf.')
        .refine(
          (text) => text === '' || isWebAddress(text),
          'Geef een volledige link die begint met https:// (of http://), of laat het veld leeg.',
        ),
    )
    .transform((text) => (text === '' ? null : text)),
  basisfuncties: z
    .array(z.string().max(100))
    .max(100)
    .default([])
    .transform((keys) => [...new Set(keys)]),
  baseVersion: z.coerce
    .number({ error: VERSION_MISSING })
    .int(VERSION_MISSING)
    .min(0, VERSION_MISSING),
});
export type WmoPlanInput = z.input<typeof WmoPlanInputSchema>;

/**
 * A period that ends before it begins, as a field issue on `periodTo`. Checked apart from the
 * schema so that it is reported together with problems in other fields (a zod refinement of
 * the object runs only when every field is valid).
 */
function checkPeriod(input: WmoPlanInput): FieldIssue[] {
  const from = optionalYear('').safeParse(input.periodFrom);
  const to = optionalYear('').safeParse(input.periodTo);
  if (!from.success || !to.success || from.data === null || to.data === null) return [];
  if (from.data <= to.data) return [];
  return [
    {
      field: 'periodTo',
      message: `Het plan loopt tot een jaar vóór het begin (${from.data}). Vul bij ‘periode tot en met’ ${from.data} of later in.`,
    },
  ];
}

/** Someone else saved the plan after the editor opened it; `current` is what is stored now. */
export class WmoPlanConflictError extends ConflictError {
  readonly current: WmoPlan;
  constructor(current: WmoPlan) {
    super(
      `${current.updatedByName} heeft het Wmo-beleidsplan intussen gewijzigd (${formatDutchDate(current.updatedAt)}): nu staat er ‘${describePlanForAudit(current)}’. Uw invoer staat nog in het formulier: controleer hem en sla opnieuw op.`,
    );
    this.name = 'WmoPlanConflictError';
    this.current = current;
  }
}

export type SaveWmoPlanResult =
  | { readonly ok: true; readonly outcome: 'saved' | 'unchanged'; readonly plan: WmoPlan }
  | { readonly ok: false; readonly issues: FieldIssue[] };

function samePlan(row: PlanRow, value: z.output<typeof WmoPlanInputSchema>): boolean {
  return (
    row.included === value.included &&
    row.periodFrom === value.periodFrom &&
    row.periodTo === value.periodTo &&
    row.title === value.title &&
    (row.url ?? null) === value.url &&
    [...row.basisfuncties].sort().join(',') === [...value.basisfuncties].sort().join(',')
  );
}

/**
 * Saves a municipality's plan status. A change clears the advisor's confirmation.
 *
 * @returns the outcome, or the problems per field (nothing is stored then)
 * @throws {WmoPlanConflictError} when someone else saved since `baseVersion` (409); saving what
 *   is stored already is no conflict
 * @throws {NotFoundError} for an unknown round or municipality, or one outside the user's scope
 * @throws {ForbiddenError} for a role that may not fill in plans
 */
export async function saveWmoPlan(
  db: Database,
  user: StaffUser,
  input: WmoPlanInput,
): Promise<SaveWmoPlanResult> {
  assertRoleMay(user, 'wmoPlan.edit');
  const { loaded } = await findMunicipalityFor(db, user, 'wmoPlan.edit', input.roundId, input.code);
  const parsed = WmoPlanInputSchema.safeParse(input);
  const period = checkPeriod(input);
  if (!parsed.success || period.length > 0)
    return {
      ok: false,
      issues: [...(parsed.success ? [] : toFieldIssues(parsed.error, { flat: true })), ...period],
    };
  const value = parsed.data;
  const known = new Set(
    listBasisfunctieChoices(loaded).flatMap((c) => c.basisfuncties.map((b) => b.key)),
  );
  const unknown = value.basisfuncties.filter((key) => !known.has(key));
  if (unknown.length > 0)
    return {
      ok: false,
      issues: [
        {
          field: 'basisfuncties',
          message: `Onbekende basisfunctie ${unknown.map((k) => `‘${k}’`).join(', ')}. Kies uit de basisfuncties van de vragenlijsten van deze meting.`,
        },
      ],
    };
  return db.transaction(async (tx) => {
    const current = await findPlanRow(tx, value.roundId, value.code);
    if (current && samePlan(current, value))
      return { ok: true as const, outcome: 'unchanged' as const, plan: toPlan(current) };
    if (current && current.version !== value.baseVersion)
      throw new WmoPlanConflictError(toPlan(current));
    const fields = {
      included: value.included,
      periodFrom: value.periodFrom,
      periodTo: value.periodTo,
      title: value.title,
      url: value.url,
      basisfuncties: value.basisfuncties,
      source: 'form' as const,
      updatedBy: user.id,
      updatedByName: user.name,
      updatedAt: new Date(),
      // A change makes the status one the advisor has not seen.
      confirmedBy: null,
      confirmedByName: null,
      confirmedAt: null,
    };
    // One statement that only succeeds from the version the editor saw.
    const [row] = !current
      ? await tx
          .insert(wmoPlans)
          .values({ roundId: value.roundId, municipalityCode: value.code, version: 1, ...fields })
          .onConflictDoNothing()
          .returning()
      : await tx
          .update(wmoPlans)
          .set({ ...fields, version: sql`${wmoPlans.version} + 1` })
          .where(
            and(
              eq(wmoPlans.roundId, value.roundId),
              eq(wmoPlans.municipalityCode, value.code),
              eq(wmoPlans.version, current.version),
            ),
          )
          .returning();
    if (!row) {
      const stored = await findPlanRow(tx, value.roundId, value.code);
      if (!stored) throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
      throw new WmoPlanConflictError(toPlan(stored));
    }
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'wmo-plan.saved',
      roundId: value.roundId,
      municipalityCode: value.code,
      subject: 'Wmo-beleidsplan',
      oldValue: current ? describePlanForAudit(current) : null,
      newValue: describePlanForAudit(row),
    });
    return { ok: true as const, outcome: 'saved' as const, plan: toPlan(row) };
  });
}

export const ConfirmWmoPlanInputSchema = z.object({
  roundId: z.string().min(1),
  code: z.string().min(1),
  baseVersion: z.coerce.number({ error: VERSION_MISSING }).int(VERSION_MISSING).min(0),
});
export type ConfirmWmoPlanInput = z.input<typeof ConfirmWmoPlanInputSchema>;

/**
 * The advisor (or the coordinator) confirms the plan status as it is at `baseVersion`.
 * Confirming does not change the version: it is about the content, which stays as it was.
 *
 * @returns `confirmed`, or `unchanged` when it was confirmed already
 * @throws {UserInputError} when there is no plan status to confirm yet, or the version is missing
 * @throws {WmoPlanConflictError} when the plan changed since `baseVersion`
 * @throws {NotFoundError} for an unknown round or municipality, or one outside the advisor's provinces
 * @throws {ForbiddenError} for a role that may not confirm (the municipality, the analyst)
 */
export async function confirmWmoPlan(
  db: Database,
  user: StaffUser,
  input: ConfirmWmoPlanInput,
): Promise<{ readonly outcome: 'confirmed' | 'unchanged'; readonly plan: WmoPlan }> {
  assertRoleMay(user, 'wmoPlan.confirm');
  const parsed = ConfirmWmoPlanInputSchema.safeParse(input);
  if (!parsed.success) throw new UserInputError(VERSION_MISSING);
  const value = parsed.data;
  await findMunicipalityFor(db, user, 'wmoPlan.confirm', value.roundId, value.code);
  return db.transaction(async (tx) => {
    const current = await findPlanRow(tx, value.roundId, value.code);
    if (!current)
      throw new UserInputError(
        'Er is nog geen Wmo-beleidsplan ingevuld om te bevestigen. Vul eerst in of het plan de basisfuncties opneemt.',
      );
    if (current.version !== value.baseVersion) throw new WmoPlanConflictError(toPlan(current));
    if (current.confirmedAt) return { outcome: 'unchanged' as const, plan: toPlan(current) };
    const [row] = await tx
      .update(wmoPlans)
      .set({ confirmedBy: user.id, confirmedByName: user.name, confirmedAt: new Date() })
      .where(
        and(
          eq(wmoPlans.roundId, value.roundId),
          eq(wmoPlans.municipalityCode, value.code),
          eq(wmoPlans.version, current.version),
        ),
      )
      .returning();
    if (!row) {
      const stored = await findPlanRow(tx, value.roundId, value.code);
      throw new WmoPlanConflictError(toPlan(stored ?? current));
    }
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'wmo-plan.confirmed',
      roundId: value.roundId,
      municipalityCode: value.code,
      subject: 'Wmo-beleidsplan bevestigd',
      oldValue: 'niet bevestigd',
      newValue: describePlanForAudit(row),
    });
    return { outcome: 'confirmed' as const, plan: toPlan(row) };
  });
}

/** Who sets a target: an account, or the command line. */
export type WmoPlanActor = StaffUser | { readonly kind: 'cli'; readonly label: string };

const TARGET_MESSAGE =
  'De doelstelling is een percentage van 0 tot en met 100, bijvoorbeeld 75. Vul een getal in dat daartussen ligt.';

export const WmoPlanTargetSchema = z.object({
  target: z.preprocess(
    (value) =>
      typeof value === 'string' ? value.trim().replace(',', '.').replace(/%$/, '') : value,
    z
      .union(
        [
          z.number(),
          z
            .string()
            .regex(/^-?\d+(\.\d+)?$/, TARGET_MESSAGE)
            .transform(Number),
        ],
        {
          error: TARGET_MESSAGE,
        },
      )
      .pipe(z.number().min(0, TARGET_MESSAGE).max(100, TARGET_MESSAGE)),
  ),
});

/**
 * Sets the round's target for the share of plans that include the basisfuncties.
 *
 * @returns the target now, or the problem with the field `target` (nothing is stored then)
 * @throws {NotFoundError} for an unknown round
 * @throws {ForbiddenError} for anyone but the coordinator
 */
export async function setWmoPlanTarget(
  db: Database,
  actor: WmoPlanActor,
  input: { readonly roundId: string; readonly target: unknown },
): Promise<
  | { readonly ok: true; readonly target: number; readonly changed: boolean }
  | { readonly ok: false; readonly issues: FieldIssue[] }
> {
  if (!('kind' in actor)) assertCan(actor, 'wmoPlan.setTarget');
  const round = await findRound(db, input.roundId);
  if (!round) throw new NotFoundError('Deze meting bestaat niet.');
  const parsed = WmoPlanTargetSchema.safeParse({ target: input.target });
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error, { flat: true }) };
  const target = parsed.data.target;
  if (round.wmoPlanTarget === target) return { ok: true, target, changed: false };
  await db.transaction(async (tx) => {
    await tx.update(rounds).set({ wmoPlanTarget: target }).where(eq(rounds.id, round.id));
    await recordAudit(tx, {
      actorId: 'kind' in actor ? null : actor.id,
      actorLabel: 'kind' in actor ? actor.label : actor.name,
      action: 'wmo-plan.target-set',
      roundId: round.id,
      subject: 'Doelstelling Wmo-beleidsplannen',
      oldValue: `${round.wmoPlanTarget}%`,
      newValue: `${target}%`,
    });
  });
  return { ok: true, target, changed: true };
}

async function readStatuses(executor: Executor, roundId: string) {
  return executor
    .select({ municipalityCode: wmoPlans.municipalityCode, included: wmoPlans.included })
    .from(wmoPlans)
    .where(eq(wmoPlans.roundId, roundId));
}

/** The indicator of a loaded round, unprotected. */
async function computeFor(
  executor: Executor,
  loaded: LoadedRound,
  protect: boolean,
): Promise<WmoPlanIndicator> {
  return computeWmoPlanIndicator({
    target: loaded.round.wmoPlanTarget,
    municipalities: loaded.municipalities,
    statuses: await readStatuses(executor, loaded.round.id),
    protect,
  });
}

/**
 * The `wmoPlan` block of `bfm analyse --json`: unprotected, as the analysis there.
 *
 * @throws {NotFoundError} for an unknown round
 */
export async function analyseWmoPlans(
  executor: Executor,
  roundId: string,
): Promise<WmoPlanAnalysis> {
  return toWmoPlanAnalysis(await computeFor(executor, await loadRound(executor, roundId), false));
}

/** One round of the indicator over rounds. */
export interface WmoPlanHistoryPoint {
  readonly roundId: string;
  readonly name: string;
  readonly target: number;
  readonly respondents: number;
  readonly included: number | null;
  readonly partly: number | null;
  readonly percentIncluded: number | null;
  readonly meetsTarget: boolean | null;
  readonly suppressed: boolean;
}

/** The national page of the indicator (and the API). */
export interface WmoPlanIndicatorView {
  readonly round: {
    readonly id: string;
    readonly name: string;
    readonly synthetic: boolean;
    readonly status: 'concept' | 'open' | 'closed';
  };
  readonly indicator: WmoPlanIndicator;
  /** This round and the rounds it follows (`previous_round_id`), oldest first. */
  readonly history: readonly WmoPlanHistoryPoint[];
  readonly protection: 'none' | 'small-cells';
  readonly defaultTarget: number;
}

/**
 * The indicator of a round as the viewer may see it, with the rounds before it. Municipality
 * accounts get small cells withheld, as in the analysis (decision 015).
 *
 * @throws {NotFoundError} for an unknown round
 * @throws {ForbiddenError} for a role that may not read the analysis
 */
export async function loadWmoPlanIndicator(
  executor: Executor,
  user: StaffUser,
  roundId: string,
): Promise<WmoPlanIndicatorView> {
  assertCan(user, 'analysis.read');
  const protect = user.role === 'municipality';
  const loaded = await loadRound(executor, roundId);
  const indicator = await computeFor(executor, loaded, protect);
  const chain: { loaded: LoadedRound; indicator: WmoPlanIndicator }[] = [{ loaded, indicator }];
  const seen = new Set([loaded.round.id]);
  let previousId = loaded.round.previousRoundId;
  while (previousId && !seen.has(previousId) && chain.length < ROUND_CHAIN_LIMIT) {
    seen.add(previousId);
    if (!(await findRound(executor, previousId))) break;
    const previous = await loadRound(executor, previousId);
    chain.push({ loaded: previous, indicator: await computeFor(executor, previous, protect) });
    previousId = previous.round.previousRoundId;
  }
  return {
    round: {
      id: loaded.round.id,
      name: loaded.round.name,
      synthetic: loaded.round.synthetic,
      status: loaded.round.status,
    },
    indicator,
    history: chain.reverse().map((point) => ({
      roundId: point.loaded.round.id,
      name: point.loaded.round.name,
      target: point.indicator.target,
      respondents: point.indicator.respondents,
      included: point.indicator.included,
      partly: point.indicator.partly,
      percentIncluded: point.indicator.percentIncluded,
      meetsTarget: point.indicator.meetsTarget,
      suppressed: point.indicator.suppressed,
    })),
    protection: protect ? 'small-cells' : 'none',
    defaultTarget: DEFAULT_WMO_PLAN_TARGET,
  };
}

/** The Wmo plan section of the municipality report: its own status against the target. */
export interface ReportWmoPlan {
  readonly plan: WmoPlan | null;
  readonly target: number;
  /** The national share of plans that include the basisfuncties; null without statuses. */
  readonly nationalPercent: number | null;
  readonly nationalRespondents: number;
  /** Names of the basisfuncties the plan names, in the instrument's order. */
  readonly namedBasisfuncties: readonly string[];
  readonly sentence: string;
}

/**
 * The report's Wmo plan section for a municipality whose report the caller may read (the
 * report service checks `report.read`, which has the scopes of `wmoPlan.read`).
 */
export async function loadReportWmoPlan(
  executor: Executor,
  loaded: LoadedRound,
  municipality: Pick<Municipality, 'code' | 'name'>,
): Promise<ReportWmoPlan> {
  const row = await findPlanRow(executor, loaded.round.id, municipality.code);
  const national = await computeFor(executor, loaded, false);
  const target = loaded.round.wmoPlanTarget;
  const plan = row ? toPlan(row) : null;
  const names = new Map(
    listBasisfunctieChoices(loaded).flatMap((c) => c.basisfuncties.map((b) => [b.key, b.name])),
  );
  const targetText = `${String(target).replace('.', ',')}%`;
  const nationalText =
    national.percentIncluded === null
      ? ''
      : ` Landelijk neemt nu ${String(national.percentIncluded).replace('.', ',')}% van de ${national.respondents} gemeenten met een bekende stand de basisfuncties op.`;
  const own = !plan
    ? `Van ${municipality.name} is nog niet bekend of het Wmo-beleidsplan de basisfuncties opneemt.`
    : plan.included === 'ja'
      ? `Het Wmo-beleidsplan van ${municipality.name} neemt de basisfuncties op: ${municipality.name} draagt bij aan de landelijke doelstelling.`
      : plan.included === 'gedeeltelijk'
        ? `Het Wmo-beleidsplan van ${municipality.name} neemt de basisfuncties gedeeltelijk op; voor de landelijke doelstelling telt alleen een plan dat ze opneemt.`
        : `Het Wmo-beleidsplan van ${municipality.name} neemt de basisfuncties niet op.`;
  return {
    plan,
    target,
    nationalPercent: national.percentIncluded,
    nationalRespondents: national.respondents,
    namedBasisfuncties: (plan?.basisfuncties ?? []).flatMap((key) => names.get(key) ?? []),
    sentence: `${own} De landelijke doelstelling is dat ${targetText} van de Wmo-beleidsplannen de basisfuncties opneemt.${nationalText}`,
  };
}
