/**
 * Measurement rounds: creating them and describing them to the other services.
 */
import { eq } from 'drizzle-orm';
import type { Instrument } from '../domain/instrument.ts';
import type { Municipality } from '../domain/register.ts';
import type { Database, Executor } from '../db/client.ts';
import { findRegister, listMunicipalities } from '../db/repositories/register-repository.ts';
import {
  deleteRound,
  findRound,
  insertRound,
  listRounds,
  type RoundRow,
} from '../db/repositories/round-repository.ts';
import { rounds } from '../db/schema.ts';
import { freezeInstrumentVersion, getInstrument } from './instrument-service.ts';
import { recordAudit } from './audit-service.ts';
import { prefillRound } from './prefill-service.ts';
import type { StaffUser } from './auth-service.ts';
import { ConflictError, NotFoundError, UserInputError } from './errors.ts';
import { assertCan } from './permissions.ts';
import { ROUND_ID_PATTERN } from './import/validate-answer-rows.ts';
import { REGISTER_2009 } from './reference-data.ts';

export interface NewRoundInput {
  readonly id: string;
  readonly name?: string | undefined;
  readonly instrumentVersion?: string | undefined;
  readonly registerId?: string | undefined;
  readonly synthetic?: boolean | undefined;
  /** Default 'closed': imported rounds are finished measurements. */
  readonly status?: RoundStatus | undefined;
  readonly opensOn?: string | null | undefined;
  readonly closesOn?: string | null | undefined;
}

export type RoundStatus = 'concept' | 'open' | 'closed';

export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  concept: 'in voorbereiding',
  open: 'open',
  closed: 'gesloten',
};

/** A round with everything needed to read or write its answers. */
export interface LoadedRound {
  readonly round: RoundRow;
  readonly instrument: Instrument;
  readonly registerName: string;
  readonly municipalities: readonly Municipality[];
}

/**
 * Creates a round (default: instrument 2009 on the 2009 register).
 *
 * @throws {UserInputError} for an invalid id, an existing id, or an unknown instrument or register
 */
export async function createRound(executor: Executor, input: NewRoundInput): Promise<RoundRow> {
  if (!ROUND_ID_PATTERN.test(input.id)) {
    throw new UserInputError(
      `'${input.id}' is geen geldige naam voor een meting. Gebruik letters, cijfers, '.', '_' of '-'.`,
    );
  }
  if (await findRound(executor, input.id)) {
    throw new UserInputError(`De meting '${input.id}' bestaat al.`);
  }
  const instrumentVersion = input.instrumentVersion ?? '2009';
  try {
    await getInstrument(executor, instrumentVersion);
  } catch (error) {
    throw new UserInputError((error as Error).message);
  }
  const registerId = input.registerId ?? REGISTER_2009;
  if (!(await findRegister(executor, registerId))) {
    throw new UserInputError(
      `Het register '${registerId}' is niet geladen. Voer eerst 'bfm reference load' uit.`,
    );
  }
  const status = input.status ?? 'closed';
  const round = await insertRound(executor, {
    id: input.id,
    name: input.name ?? `Meting ${input.id}`,
    instrumentVersion,
    registerId,
    synthetic: input.synthetic ?? false,
    status,
    opensOn: input.opensOn ?? null,
    closesOn: input.closesOn ?? null,
  });
  // A round that is open, or closed with imported answers, is scored by this version: from now
  // on it may not change (decision 020). A round in preparation freezes it when it opens.
  if (status !== 'concept') await freezeInstrumentVersion(executor, instrumentVersion);
  return round;
}

/**
 * Loads a round with its instrument and register.
 *
 * @throws {NotFoundError} when the round does not exist (the message names the rounds there are)
 */
export async function loadRound(executor: Executor, id: string): Promise<LoadedRound> {
  const round = await findRound(executor, id);
  if (!round) {
    const known = (await listRounds(executor)).map((r) => r.id);
    throw new NotFoundError(
      `De meting '${id}' bestaat niet.${known.length ? ` Bestaande metingen: ${known.join(', ')}.` : ' Er zijn nog geen metingen; importeer eerst antwoorden.'}`,
    );
  }
  const register = await readRegisterCached(executor, round.registerId);
  return {
    round,
    instrument: await getInstrument(executor, round.instrumentVersion),
    registerName: register.name,
    municipalities: register.municipalities,
  };
}

// Registers are reference data that hardly ever change, while every page and save needs one;
// a short-lived cache saves a query per request. `bfm reference load` in this process clears it.
const REGISTER_TTL_MS = 60_000;
const registerCache = new Map<
  string,
  { at: number; name: string; municipalities: readonly Municipality[] }
>();

export function clearRegisterCache(): void {
  registerCache.clear();
}

async function readRegisterCached(executor: Executor, registerId: string) {
  const cached = registerCache.get(registerId);
  if (cached && Date.now() - cached.at < REGISTER_TTL_MS) return cached;
  const register = await findRegister(executor, registerId);
  const entry = {
    at: Date.now(),
    name: register?.name ?? registerId,
    municipalities: await listMunicipalities(executor, registerId),
  };
  // Only complete registers are cached: a register being (re)loaded inside a transaction is not.
  if (register && entry.municipalities.length > 0) registerCache.set(registerId, entry);
  return entry;
}

export { listRounds };

/** Removes a round and all its answers. */
export async function removeRound(db: Database, id: string): Promise<boolean> {
  return deleteRound(db, id);
}

/**
 * Opens or closes a round (coordinator only). Synthetic rounds stay closed. With `from`, the
 * change is only made from that status: the page that opens a round in preparation without
 * asking must not reopen a round that someone closed in the meantime.
 *
 * @throws {NotFoundError} for an unknown round
 * @throws {UserInputError} for a synthetic round
 * @throws {ConflictError} when the round is neither in `from` nor in `status` already
 */
export async function changeRoundStatus(
  db: Database,
  actor: StaffUser,
  id: string,
  status: RoundStatus,
  options: { readonly from?: RoundStatus } = {},
): Promise<RoundRow> {
  assertCan(actor, 'round.changeStatus');
  const round = await findRound(db, id);
  if (!round) throw new NotFoundError(`De meting '${id}' bestaat niet.`);
  if (round.synthetic && status === 'open') {
    throw new UserInputError('Een synthetische demonstratiemeting kan niet worden geopend.');
  }
  if (round.status === status) return round;
  if (options.from && round.status !== options.from)
    throw new ConflictError(
      `De meting is intussen ${ROUND_STATUS_LABELS[round.status]}. Laad de pagina opnieuw.`,
    );
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(rounds).set({ status }).where(eq(rounds.id, id)).returning();
    // Opening a round freezes its instrument version in the same transaction (decision 020).
    if (status === 'open') await freezeInstrumentVersion(tx, round.instrumentVersion);
    await recordAudit(tx, {
      actorId: actor.id,
      actorLabel: actor.name,
      action: 'round.status',
      roundId: id,
      subject: `meting ${id}: status`,
      oldValue: round.status,
      newValue: status,
    });
    // Opening starts the questionnaires from the previous round when the round asks for it, in
    // the same transaction: a round is never open with half of its prefill (decision 021).
    // Existing answers are never overwritten, so reopening a closed round adds nothing twice.
    if (status === 'open') await prefillRound(tx, actor, updated as RoundRow);
    return updated as RoundRow;
  });
}
