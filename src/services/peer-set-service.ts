/**
 * Peer sets ('eigen vergelijkingsgroep'), as VNG's gemeentevergelijker offers them: a user
 * composes a group of municipalities to compare a report with, by size class, by province or
 * by hand, and saves it under a name. Every set belongs to one user; nobody else sees it, so
 * another user's set answers 404 like one that does not exist.
 *
 * A set by size class or province stores its criterion only and is resolved against the
 * register of the round it is used in (`loadPeerSet`): the same set then follows the
 * municipalities of each round. A set made by hand stores its codes; codes that a round's
 * register does not have (a municipality that merged) are left out for that round and named.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  classifySize,
  normalizeMunicipalityCode,
  SIZE_CLASSES,
  type Municipality,
  type SizeClassId,
} from '../domain/register.ts';
import type { Database, Executor } from '../db/client.ts';
import { peerSets } from '../db/schema.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { NotFoundError } from './errors.ts';
import { listKnownMunicipalities } from './register-service.ts';
import { assertCan, assertRoleMay } from './permissions.ts';
import { loadRound } from './round-service.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

export const PEER_SET_KINDS = ['size', 'province', 'manual'] as const;
export type PeerSetKind = (typeof PEER_SET_KINDS)[number];
export const PEER_SET_KIND_LABELS: Record<PeerSetKind, string> = {
  size: 'Op grootte (inwonertal)',
  province: 'Op provincie',
  manual: 'Zelf gekozen gemeenten',
};
/** A hand-made set is for comparing with a few municipalities, not a second register. */
export const MAX_MANUAL_MEMBERS = 100;
export const MAX_PEER_SET_NAME = 100;

export const PEER_SET_NOT_FOUND =
  'Deze vergelijkingsgroep bestaat niet (meer), of is van iemand anders. Kies een groep uit uw lijst.';

/** The size classes a set can use: the unknown class is no group anyone compares with. */
const SIZE_CLASS_IDS = SIZE_CLASSES.filter((c) => c.id !== 'onbekend').map((c) => c.id);

/** The form as posted: checkboxes give a list, the rest are strings. */
export const PeerSetFormSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Geef de vergelijkingsgroep een naam, bijvoorbeeld: Buurgemeenten aan de kust.')
      .max(MAX_PEER_SET_NAME, `Een naam mag hoogstens ${MAX_PEER_SET_NAME} tekens lang zijn.`),
    kind: z.enum(PEER_SET_KINDS, {
      error: 'Kies hoe u de groep samenstelt: op grootte, op provincie of zelf gekozen.',
    }),
    sizeClass: z.string().trim().default(''),
    province: z.string().trim().default(''),
    members: z.array(z.string()).default([]),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'size' && !(SIZE_CLASS_IDS as string[]).includes(value.sizeClass))
      ctx.addIssue({ code: 'custom', path: ['sizeClass'], message: 'Kies een grootteklasse.' });
    if (value.kind === 'province' && !/^PV\d{2}$/.test(value.province))
      ctx.addIssue({ code: 'custom', path: ['province'], message: 'Kies een provincie.' });
  });
/** The form as posted, before checking: any string may come in, the schema says what is wrong. */
export interface PeerSetForm {
  readonly name?: string | undefined;
  readonly kind?: string | undefined;
  readonly sizeClass?: string | undefined;
  readonly province?: string | undefined;
  readonly members?: readonly string[] | undefined;
}

export interface PeerSetSummary {
  readonly id: number;
  readonly name: string;
  readonly kind: PeerSetKind;
  readonly criterion: string | null;
  /** For people: 'Gemeenten in Noord-Holland', '12 gekozen gemeenten' … */
  readonly description: string;
  readonly updatedAt: string;
}

/** A set as stored, for its edit form. */
export interface PeerSetDetail extends PeerSetSummary {
  /** The chosen codes of a hand-made set (empty otherwise). */
  readonly members: readonly string[];
}

/** A set resolved against one round's register. */
export interface ResolvedPeerSet {
  readonly id: number;
  readonly name: string;
  readonly kind: PeerSetKind;
  readonly criterion: string | null;
  readonly description: string;
  /** The members in the round's register, in code order. */
  readonly memberCodes: string[];
  /** Chosen codes the round's register does not have (hand-made sets only). */
  readonly missingCodes: string[];
}

/**
 * Every municipality a set can name: those of every loaded register, by code, the newest
 * register's name and province winning. Rounds run on the 2009 register or a later one, so a
 * set must be able to hold municipalities of both.
 */
export async function listPeerSetCandidates(executor: Executor): Promise<Municipality[]> {
  return (await listKnownMunicipalities(executor)).sort((a, b) =>
    a.name.localeCompare(b.name, 'nl'),
  );
}

function describe(
  row: { kind: PeerSetKind; criterion: string | null; members: readonly string[] },
  provinceNames: ReadonlyMap<string, string>,
): string {
  switch (row.kind) {
    case 'size': {
      const label = SIZE_CLASSES.find((c) => c.id === row.criterion)?.label ?? row.criterion;
      return `Gemeenten met ${label}`;
    }
    case 'province':
      return `Gemeenten in ${provinceNames.get(row.criterion ?? '') ?? row.criterion}`;
    case 'manual':
      return row.members.length === 1
        ? '1 gekozen gemeente'
        : `${row.members.length} gekozen gemeenten`;
  }
}

function provinceNamesOf(municipalities: readonly Municipality[]): Map<string, string> {
  return new Map(municipalities.map((m) => [m.provinceCode, m.provinceName]));
}

type PeerSetRow = typeof peerSets.$inferSelect;

function toDetail(row: PeerSetRow, provinceNames: ReadonlyMap<string, string>): PeerSetDetail {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    criterion: row.criterion,
    description: describe(row, provinceNames),
    updatedAt: row.updatedAt.toISOString(),
    members: row.members,
  };
}

async function findOwnSet(executor: Executor, user: StaffUser, id: number): Promise<PeerSetRow> {
  if (!Number.isSafeInteger(id)) throw new NotFoundError(PEER_SET_NOT_FOUND);
  const [row] = await executor
    .select()
    .from(peerSets)
    .where(and(eq(peerSets.id, id), eq(peerSets.ownerUserId, user.id)));
  if (!row) throw new NotFoundError(PEER_SET_NOT_FOUND);
  return row;
}

/** The user's own sets, by name. */
export async function listPeerSets(executor: Executor, user: StaffUser): Promise<PeerSetSummary[]> {
  assertCan(user, 'peerSets.manage');
  const rows = await executor
    .select()
    .from(peerSets)
    .where(eq(peerSets.ownerUserId, user.id))
    .orderBy(asc(peerSets.name), asc(peerSets.id));
  const provinceNames = provinceNamesOf(await listPeerSetCandidates(executor));
  return rows.map((row) => {
    const detail = toDetail(row, provinceNames);
    return {
      id: detail.id,
      name: detail.name,
      kind: detail.kind,
      criterion: detail.criterion,
      description: detail.description,
      updatedAt: detail.updatedAt,
    };
  });
}

/**
 * One of the user's own sets as stored (for its edit form).
 *
 * @throws {NotFoundError} for a set that does not exist or is someone else's
 */
export async function readPeerSet(
  executor: Executor,
  user: StaffUser,
  id: number,
): Promise<PeerSetDetail> {
  assertRoleMay(user, 'peerSets.manage');
  const row = await findOwnSet(executor, user, id);
  return toDetail(row, provinceNamesOf(await listPeerSetCandidates(executor)));
}

/** What the form for a new or changed set offers. */
export interface PeerSetFormOptions {
  /** The set being changed, or null for a new one. */
  readonly set: PeerSetDetail | null;
  readonly sizeClasses: readonly { readonly id: string; readonly label: string }[];
  /** The provinces, each with the municipalities a set by hand can choose from, by name. */
  readonly provinces: readonly {
    readonly code: string;
    readonly name: string;
    readonly municipalities: readonly { readonly code: string; readonly name: string }[];
  }[];
}

/**
 * The choices of the form for a new set (`id` null) or for one of the user's own sets.
 *
 * @throws {NotFoundError} for a set that does not exist or is someone else's
 * @throws {ForbiddenError} for a role that has no sets
 */
export async function preparePeerSetForm(
  executor: Executor,
  user: StaffUser,
  id: number | null,
): Promise<PeerSetFormOptions> {
  assertCan(user, 'peerSets.manage');
  const candidates = await listPeerSetCandidates(executor);
  const provinceNames = provinceNamesOf(candidates);
  const set = id === null ? null : toDetail(await findOwnSet(executor, user, id), provinceNames);
  const provinces = [...provinceNames]
    .map(([code, name]) => ({
      code,
      name,
      municipalities: candidates
        .filter((m) => m.provinceCode === code)
        .map((m) => ({ code: m.code, name: m.name })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  return {
    set,
    sizeClasses: SIZE_CLASSES.filter((c) => c.id !== 'onbekend').map(({ id, label }) => ({
      id,
      label,
    })),
    provinces,
  };
}

/**
 * One of the user's own sets with its members in the given round's register.
 *
 * @throws {NotFoundError} for a set that does not exist or is someone else's, or an unknown round
 */
export async function loadPeerSet(
  executor: Executor,
  user: StaffUser,
  id: number,
  roundId: string,
): Promise<ResolvedPeerSet> {
  assertRoleMay(user, 'peerSets.manage');
  const row = await findOwnSet(executor, user, id);
  const { municipalities } = await loadRound(executor, roundId);
  let memberCodes: string[];
  let missingCodes: string[] = [];
  switch (row.kind) {
    case 'size':
      memberCodes = municipalities
        .filter((m) => classifySize(m.population) === (row.criterion as SizeClassId))
        .map((m) => m.code);
      break;
    case 'province':
      memberCodes = municipalities
        .filter((m) => m.provinceCode === row.criterion)
        .map((m) => m.code);
      break;
    case 'manual': {
      const chosen = new Set(row.members);
      memberCodes = municipalities.filter((m) => chosen.has(m.code)).map((m) => m.code);
      const present = new Set(memberCodes);
      missingCodes = row.members.filter((code) => !present.has(code)).sort();
      break;
    }
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    criterion: row.criterion,
    description: describe(row, provinceNamesOf(municipalities)),
    memberCodes,
    missingCodes,
  };
}

/**
 * The codes of a set by hand, normalised (`GM0363`, `363` → `0363`), without duplicates, in
 * code order; or the problem with them: unknown codes (named), none, or too many.
 */
function checkMembers(
  raw: readonly string[],
  known: ReadonlyMap<string, Municipality>,
): { ok: true; codes: string[] } | { ok: false; issue: FieldIssue } {
  const unknown: string[] = [];
  const codes = new Set<string>();
  for (const entry of raw) {
    if (entry.trim() === '') continue;
    const code = normalizeMunicipalityCode(entry);
    if (code && known.has(code)) codes.add(code);
    else unknown.push(entry.trim());
  }
  const problem = (message: string) => ({
    ok: false as const,
    issue: { field: 'members', message },
  });
  if (unknown.length > 0)
    return problem(
      `Deze gemeentecodes kennen we niet: ${unknown.join(', ')}. Kies de gemeenten uit de lijst.`,
    );
  if (codes.size === 0) return problem('Kies minstens 1 gemeente voor de groep.');
  if (codes.size > MAX_MANUAL_MEMBERS)
    return problem(
      `Kies hoogstens ${MAX_MANUAL_MEMBERS} gemeenten; u koos er ${codes.size}. Voor grotere groepen: kies op grootte of op provincie.`,
    );
  return { ok: true, codes: [...codes].sort() };
}

/**
 * Creates a set (no `id`) or changes one of the user's own sets.
 *
 * @returns the set's id, or the problems per field (nothing is stored then)
 * @throws {NotFoundError} when `id` is not one of the user's own sets
 */
export async function savePeerSetFromForm(
  db: Database,
  user: StaffUser,
  form: PeerSetForm & { readonly id?: number | undefined },
): Promise<{ ok: true; id: number; created: boolean } | { ok: false; issues: FieldIssue[] }> {
  assertCan(user, 'peerSets.manage');
  // Someone else's set is not there, however the form is filled in.
  if (form.id !== undefined) await findOwnSet(db, user, form.id);
  const candidates = await listPeerSetCandidates(db);
  const known = new Map(candidates.map((m) => [m.code, m]));
  const parsed = PeerSetFormSchema.safeParse(form);
  // The municipalities are checked also when another field is wrong, so every problem of a
  // set by hand is named at once.
  const chosen = form.kind === 'manual' ? checkMembers(form.members ?? [], known) : null;
  if (!parsed.success || (chosen && !chosen.ok)) {
    const issues = parsed.success ? [] : toFieldIssues(parsed.error, { flat: true });
    if (chosen && !chosen.ok) issues.push(chosen.issue);
    return { ok: false, issues };
  }
  const value = parsed.data;
  let criterion: string | null = null;
  if (value.kind === 'size') criterion = value.sizeClass;
  if (value.kind === 'province') {
    if (!candidates.some((m) => m.provinceCode === value.province))
      return {
        ok: false,
        issues: [{ field: 'province', message: 'Kies een provincie uit de lijst.' }],
      };
    criterion = value.province;
  }
  const members = chosen?.ok ? chosen.codes : [];
  const stored = { name: value.name, kind: value.kind, criterion, members };
  const describeFor = (row: typeof stored) =>
    row.kind === 'manual'
      ? row.members.map((code) => `${known.get(code)?.name ?? code} (${code})`).join(', ')
      : describe(row, provinceNamesOf(candidates));
  return db.transaction(async (tx) => {
    const now = new Date();
    if (form.id === undefined) {
      const [row] = await tx
        .insert(peerSets)
        .values({ ownerUserId: user.id, ...stored, createdAt: now, updatedAt: now })
        .returning({ id: peerSets.id });
      await recordAudit(tx, {
        actorId: user.id,
        actorLabel: user.name,
        action: 'peer-set.created',
        subject: `Vergelijkingsgroep '${stored.name}'`,
        newValue: { ...stored, description: describeFor(stored) },
      });
      return { ok: true as const, id: (row as { id: number }).id, created: true };
    }
    const old = await findOwnSet(tx, user, form.id);
    await tx
      .update(peerSets)
      .set({ ...stored, updatedAt: now })
      .where(eq(peerSets.id, old.id));
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'peer-set.changed',
      subject: `Vergelijkingsgroep '${stored.name}'`,
      oldValue: {
        name: old.name,
        kind: old.kind,
        criterion: old.criterion,
        members: old.members,
        description: describeFor(old),
      },
      newValue: { ...stored, description: describeFor(stored) },
    });
    return { ok: true as const, id: old.id, created: false };
  });
}

/**
 * Deletes one of the user's own sets.
 *
 * @returns the name of the deleted set
 * @throws {NotFoundError} for a set that does not exist or is someone else's
 */
export async function deletePeerSet(db: Database, user: StaffUser, id: number): Promise<string> {
  assertCan(user, 'peerSets.manage');
  return db.transaction(async (tx) => {
    const old = await findOwnSet(tx, user, id);
    await tx.delete(peerSets).where(eq(peerSets.id, old.id));
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'peer-set.deleted',
      subject: `Vergelijkingsgroep '${old.name}'`,
      oldValue: { name: old.name, kind: old.kind, criterion: old.criterion, members: old.members },
    });
    return old.name;
  });
}
