/**
 * The naming consent: whether a municipality agrees to be shown by name to other
 * municipalities where it has a basisfunctie 'goed voor elkaar', so they can contact it. Off
 * unless the municipality itself turns it on; only its own account may, and every change is
 * in the audit trail. Reports and the regional view read it to decide who is named.
 */
import { eq } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.ts';
import { municipalitySettings } from '../db/schema.ts';
import type { Municipality } from '../domain/register.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { MUNICIPALITY_NOT_FOUND, NotFoundError } from './errors.ts';
import { assertCan, assertRoleMay, can, type Actor, type Resource } from './permissions.ts';
import { loadRound } from './round-service.ts';

/** The codes of the municipalities that have consented to be named. */
export async function readNamedConsents(executor: Executor): Promise<Set<string>> {
  const rows = await executor
    .select({ code: municipalitySettings.municipalityCode })
    .from(municipalitySettings)
    .where(eq(municipalitySettings.namedConsent, true));
  return new Set(rows.map((row) => row.code));
}

/**
 * Whether a municipality is shown by name to the user: when the user may read its answers
 * (`questionnaire.read`), or when it has consented to be named (`consents`, from
 * readNamedConsents). The one rule for the report and the regional view.
 *
 * @example isNamedTo(gouda, amsterdam, new Set(['0363'])) // true: Amsterdam consented
 */
export function isNamedTo(
  user: Actor,
  municipality: Resource,
  consents: ReadonlySet<string>,
): boolean {
  return can(user, 'questionnaire.read', municipality) || consents.has(municipality.code);
}

/** Whether one municipality has consented to be named (false when it never chose). */
export async function readConsent(executor: Executor, code: string): Promise<boolean> {
  const [row] = await executor
    .select({ consent: municipalitySettings.namedConsent })
    .from(municipalitySettings)
    .where(eq(municipalitySettings.municipalityCode, code));
  return row?.consent ?? false;
}

/** Where a consent change was made, so the audit trail of that round shows it. */
export interface ConsentContext {
  /** The round whose page the change was made on, if any. */
  readonly roundId?: string | undefined;
}

/**
 * Turns the naming consent of a municipality on or off, for its own account only, and
 * records the change in the audit trail (also when it stays the same, as the user did
 * confirm it). Returns the new value.
 *
 * @throws {ForbiddenError} for roles that may not set it (coordinator, advisor, analyst)
 * @throws {NotFoundError} for another municipality than the account's own
 */
export async function setNamedConsent(
  db: Database,
  user: StaffUser,
  code: string,
  consent: boolean,
  context: ConsentContext = {},
): Promise<boolean> {
  assertRoleMay(user, 'consent.set');
  const municipality: Pick<Municipality, 'code' | 'provinceCode'> = {
    code,
    // The scope of consent.set is 'own', which compares codes only.
    provinceCode: '',
  };
  assertCan(user, 'consent.set', municipality);
  await db.transaction(async (tx) => {
    const old = await readConsent(tx, code);
    const row = { namedConsent: consent, updatedAt: new Date(), updatedBy: user.id };
    await tx
      .insert(municipalitySettings)
      .values({ municipalityCode: code, ...row })
      .onConflictDoUpdate({ target: municipalitySettings.municipalityCode, set: row });
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'consent.named',
      subject: 'toestemming naam tonen',
      roundId: context.roundId ?? null,
      municipalityCode: code,
      oldValue: { namedConsent: old },
      newValue: { namedConsent: consent },
    });
  });
  return consent;
}

/** What the settings page shows. */
export interface ConsentPage {
  readonly municipality: Municipality;
  readonly roundName: string;
  readonly namedConsent: boolean;
  readonly canSet: boolean;
}

/**
 * The consent setting of a municipality in a round, for the settings page: its own account
 * may see and change it.
 *
 * @throws {NotFoundError} for an unknown round or municipality, or another municipality
 * @throws {ForbiddenError} for roles that may not set it
 */
export async function loadConsentPage(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  code: string,
): Promise<ConsentPage> {
  assertRoleMay(user, 'consent.set');
  const loaded = await loadRound(executor, roundId);
  const municipality = loaded.municipalities.find((m) => m.code === code);
  if (!municipality) throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
  assertCan(user, 'consent.set', municipality);
  return {
    municipality,
    roundName: loaded.round.name,
    namedConsent: await readConsent(executor, code),
    canSet: true,
  };
}
