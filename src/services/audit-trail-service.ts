/**
 * Reading the audit trail (logboek) of a municipality: the coordinator for every
 * municipality, an advisor for the municipalities of their provinces; downloading it as CSV
 * is for the coordinator. The web page, the CSV download and the API all ask here, and get
 * every event described in words through the round's instrument (src/services/audit-text.ts).
 */
import { z } from 'zod';
import type { Municipality } from '../domain/register.ts';
import type { Executor } from '../db/client.ts';
import { auditCsvFileName, writeAuditCsv } from './audit-csv.ts';
import { listAuditActors, listAuditEvents } from './audit-service.ts';
import {
  describeAuditEvents,
  questionnaireLabel,
  type AuditTextContext,
  type DescribedAuditEvent,
} from './audit-text.ts';
import type { StaffUser } from './auth-service.ts';
import { nextDay, parseDutchDate, startOfDutchDay, toDutchIsoDate } from './dutch-time.ts';
import { MUNICIPALITY_NOT_FOUND, NotFoundError, UserInputError } from './errors.ts';
import { assertCan, assertRoleMay, type Action } from './permissions.ts';
import { loadRound, type LoadedRound } from './round-service.ts';
import { checkInput, type FieldIssue } from './validation.ts';

/** Changes per page of the logboek. */
export const AUDIT_PAGE_SIZE = 50;

/** An empty field of a GET form arrives as ''; it means 'no filter'. */
function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** A Dutch date; the message names the field, as both date fields may be wrong at once. */
function dutchDateSchema(label: string, example: string) {
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      const iso = parseDutchDate(text);
      if (iso === null)
        ctx.addIssue({
          code: 'custom',
          message: `Vul bij '${label}' een bestaande datum in als dag-maand-jaar, bijvoorbeeld ${example}.`,
        });
      return iso ?? '';
    });
}

/**
 * The filters of the logboek, as query parameters of its GET form: `wie` (an account id),
 * `vragenlijst` (a questionnaire id), `van` and `tot` (Dutch dates, both days included) and
 * `pagina`. A page number that is not one simply shows the first page.
 */
export const AuditFilterSchema = z
  .object({
    wie: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^[1-9]\d{0,9}$/, 'Kies een persoon uit de lijst.')
        .transform(Number)
        .optional(),
    ),
    vragenlijst: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^[a-z][a-z0-9-]{0,63}$/, 'Kies een vragenlijst uit de lijst.')
        .optional(),
    ),
    van: z.preprocess(blankToUndefined, dutchDateSchema('vanaf', '1-3-2026').optional()),
    tot: z.preprocess(blankToUndefined, dutchDateSchema('tot en met', '31-3-2026').optional()),
    pagina: z.preprocess(
      blankToUndefined,
      z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.van && value.tot && value.tot < value.van)
      ctx.addIssue({
        code: 'custom',
        path: ['tot'],
        message: "De datum bij 'tot en met' moet op of na de datum bij 'vanaf' liggen.",
      });
  })
  .transform((value) => ({
    actorId: value.wie,
    questionnaire: value.vragenlijst,
    /** ISO date, included. */
    from: value.van,
    /** ISO date, included. */
    to: value.tot,
    page: value.pagina,
  }));
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

/** The query parameters of the filter form, as typed (to show them again). */
export interface AuditQuery {
  readonly wie: string;
  readonly vragenlijst: string;
  readonly van: string;
  readonly tot: string;
}

/** The logboek page: one page of described changes, the filter and what it can choose from. */
export interface AuditTrailView {
  readonly municipality: Municipality;
  readonly roundName: string;
  /** The accounts that changed something here, for the 'wie' filter. */
  readonly persons: readonly { readonly id: number; readonly name: string }[];
  readonly questionnaires: readonly { readonly id: string; readonly name: string }[];
  readonly query: AuditQuery;
  /** Whether any filter is set. */
  readonly filtered: boolean;
  /** Problems with the filters, per field; there are no events then. */
  readonly issues: readonly FieldIssue[];
  /** The changes on this page, newest first. */
  readonly events: readonly DescribedAuditEvent[];
  /** The number of changes that pass the filters, on all pages. */
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
}

interface Trail {
  readonly loaded: LoadedRound;
  readonly municipality: Municipality;
  readonly context: AuditTextContext;
}

/** The round, the municipality and the describing context, after the permission check. */
async function openTrail(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  municipalityCode: string,
  action: Extract<Action, 'audit.read' | 'audit.export'>,
): Promise<Trail> {
  // A role that may never do this hears 403 whatever it asks for.
  assertRoleMay(user, action);
  const loaded = await loadRound(executor, roundId);
  const municipality = loaded.municipalities.find((m) => m.code === municipalityCode);
  if (!municipality) throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
  assertCan(user, action, municipality);
  return {
    loaded,
    municipality,
    context: {
      instrument: loaded.instrument,
      provinceNames: new Map(loaded.municipalities.map((m) => [m.provinceCode, m.provinceName])),
      municipalityNames: new Map(loaded.municipalities.map((m) => [m.code, m.name])),
    },
  };
}

/** The filter's values as the query parameters a form or link sends (strings, blank for none). */
function readQuery(input: unknown): AuditQuery {
  const record = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const text = (key: string) => (typeof record[key] === 'string' ? record[key].trim() : '');
  return { wie: text('wie'), vragenlijst: text('vragenlijst'), van: text('van'), tot: text('tot') };
}

/**
 * Checks the filter, also against what this trail has: the person must have changed
 * something here and the questionnaire must be in the round's instrument.
 */
async function checkFilter(
  executor: Executor,
  trail: Trail,
  input: unknown,
): Promise<{
  filter: AuditFilter | null;
  issues: FieldIssue[];
  persons: { id: number; name: string }[];
}> {
  const persons = await listAuditActors(executor, trail.loaded.round.id, trail.municipality.code);
  const checked = checkInput(AuditFilterSchema, input, { flat: true });
  if (!checked.ok) return { filter: null, issues: checked.issues, persons };
  const filter = checked.value;
  const issues: FieldIssue[] = [];
  if (filter.actorId !== undefined && !persons.some((p) => p.id === filter.actorId))
    issues.push({ field: 'wie', message: 'Kies een persoon uit de lijst.' });
  if (
    filter.questionnaire !== undefined &&
    !trail.loaded.instrument.questionnaires.some((q) => q.id === filter.questionnaire)
  )
    issues.push({ field: 'vragenlijst', message: 'Kies een vragenlijst uit de lijst.' });
  return issues.length > 0 ? { filter: null, issues, persons } : { filter, issues, persons };
}

/** Every change that passes the filter, described, newest first. */
async function selectEvents(
  executor: Executor,
  trail: Trail,
  filter: Partial<Omit<AuditFilter, 'page'>>,
): Promise<DescribedAuditEvent[]> {
  const events = await listAuditEvents(executor, trail.loaded.round.id, trail.municipality.code, {
    actorId: filter.actorId,
    // Both days are included, in Dutch time: from the start of 'van' to the start of the
    // day after 'tot'.
    from: filter.from ? startOfDutchDay(filter.from) : undefined,
    before: filter.to ? startOfDutchDay(nextDay(filter.to)) : undefined,
  });
  const described = describeAuditEvents(events, trail.context);
  // The questionnaire is read from each event's description rather than from its subject in
  // SQL, so the filter does not depend on how a service words its subjects.
  return filter.questionnaire === undefined
    ? described
    : described.filter((event) => event.questionnaire === filter.questionnaire);
}

/**
 * The whole audit trail of one municipality in one round, described, newest first (the API).
 *
 * @throws {NotFoundError} for an unknown round or municipality
 * @throws {ForbiddenError} for analysts, municipalities and advisors of other provinces
 */
export async function readAuditTrail(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  municipalityCode: string,
): Promise<{ municipality: string; events: DescribedAuditEvent[] }> {
  const trail = await openTrail(executor, user, roundId, municipalityCode, 'audit.read');
  return { municipality: trail.municipality.name, events: await selectEvents(executor, trail, {}) };
}

/**
 * One page of the logboek with the filters of its form (`wie`, `vragenlijst`, `van`, `tot`,
 * `pagina`; raw query parameters, checked here). Invalid filters come back as issues per
 * field, with no events; a page number past the end shows the last page.
 *
 * @throws {NotFoundError} for an unknown round or municipality
 * @throws {ForbiddenError} for analysts, municipalities and advisors of other provinces
 */
export async function searchAuditTrail(
  executor: Executor,
  user: StaffUser,
  input: { roundId: string; municipalityCode: string; query: unknown },
): Promise<AuditTrailView> {
  const trail = await openTrail(
    executor,
    user,
    input.roundId,
    input.municipalityCode,
    'audit.read',
  );
  const query = readQuery(input.query);
  const { filter, issues, persons } = await checkFilter(executor, trail, input.query);
  const base = {
    municipality: trail.municipality,
    roundName: trail.loaded.round.name,
    persons,
    questionnaires: trail.loaded.instrument.questionnaires.map((q) => ({
      id: q.id,
      name: questionnaireLabel(q.id),
    })),
    query,
    filtered: Object.values(query).some((value) => value !== ''),
  };
  if (!filter) return { ...base, issues, events: [], total: 0, page: 1, pageCount: 1 };
  const events = await selectEvents(executor, trail, filter);
  const pageCount = Math.max(1, Math.ceil(events.length / AUDIT_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  return {
    ...base,
    issues: [],
    events: events.slice((page - 1) * AUDIT_PAGE_SIZE, page * AUDIT_PAGE_SIZE),
    total: events.length,
    page,
    pageCount,
  };
}

/**
 * The filtered logboek as a CSV file (coordinator only); every change that passes the
 * filters, not one page.
 *
 * @throws {UserInputError} for invalid filters, naming the problems
 * @throws {NotFoundError} for an unknown round or municipality
 * @throws {ForbiddenError} for everyone but the coordinator
 */
export async function exportAuditTrail(
  executor: Executor,
  user: StaffUser,
  input: { roundId: string; municipalityCode: string; query: unknown },
  now = new Date(),
): Promise<{ fileName: string; content: string }> {
  const trail = await openTrail(
    executor,
    user,
    input.roundId,
    input.municipalityCode,
    'audit.export',
  );
  const { filter, issues } = await checkFilter(executor, trail, input.query);
  if (!filter) throw new UserInputError(issues.map((issue) => issue.message).join(' '));
  return {
    fileName: auditCsvFileName(trail.municipality.name, trail.loaded.round.id, toDutchIsoDate(now)),
    content: writeAuditCsv(await selectEvents(executor, trail, filter)),
  };
}
