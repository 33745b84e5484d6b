/**
 * Keeping what someone typed when their session expired: the posted form is stored under a
 * random id (in their cookie), and handed back once, on the same page, after they log in as
 * the same account.
 *
 * Only a request that carries a real session that ended recently keeps a form (see
 * `findRecentlyEndedSession`); anything anonymous writes nothing. Per account there is one
 * kept form per page, at most MAX_CHARACTERS_PER_ACCOUNT in all (the oldest go first), and at
 * most FORM_KEEPS_PER_WINDOW keeps an hour.
 */
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { pendingForms } from '../db/schema.ts';
import { countFormKeep } from './login-limiter.ts';
import { generateSecretToken } from './secret-token.ts';

export const PENDING_FORM_HOURS = 24;
/** A questionnaire page with every note filled in stays well under this. */
export const MAX_PAYLOAD_CHARACTERS = 100_000;
export const MAX_CHARACTERS_PER_ACCOUNT = 300_000;

/** Form fields as posted: each name with its values (checkboxes have several). */
export type FormEntries = Record<string, string[]>;

export function toEntries(form: FormData): FormEntries {
  const entries: FormEntries = {};
  for (const [name, value] of form.entries()) {
    if (name === 'csrf' || typeof value !== 'string') continue;
    (entries[name] ??= []).push(value);
  }
  return entries;
}

/**
 * Stores a posted form for the account of a recently ended session, replacing an earlier one
 * for the same page; returns its id, or null when it is too large or too frequent to keep.
 */
export async function keepPendingForm(
  db: Database,
  input: { userId: number; path: string; entries: FormEntries },
  now = new Date(),
): Promise<string | null> {
  const size = JSON.stringify(input.entries).length;
  if (size > MAX_PAYLOAD_CHARACTERS) return null;
  if (!(await countFormKeep(db, input.userId, now))) return null;
  const id = generateSecretToken(24);
  await db.transaction(async (tx) => {
    await tx
      .delete(pendingForms)
      .where(lt(pendingForms.createdAt, new Date(now.getTime() - PENDING_FORM_HOURS * 3_600_000)));
    await tx
      .insert(pendingForms)
      .values({
        id,
        userId: input.userId,
        path: input.path,
        payload: input.entries,
        size,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [pendingForms.userId, pendingForms.path],
        set: { id, payload: input.entries, size, createdAt: now },
      });
    // The newest forms of the account first; whatever goes beyond the cap is dropped.
    const kept = await tx
      .select({ id: pendingForms.id, size: pendingForms.size })
      .from(pendingForms)
      .where(eq(pendingForms.userId, input.userId))
      .orderBy(desc(pendingForms.createdAt));
    let total = 0;
    const dropped: string[] = [];
    for (const row of kept) {
      total += row.size;
      if (total > MAX_CHARACTERS_PER_ACCOUNT && row.id !== id) dropped.push(row.id);
    }
    if (dropped.length > 0) await tx.delete(pendingForms).where(inArray(pendingForms.id, dropped));
  });
  return id;
}

/**
 * Takes a kept form back (once) when it belongs to this account and page and has not
 * expired.
 */
export async function takePendingForm(
  db: Database,
  input: { id: string; userId: number; path: string },
  now = new Date(),
): Promise<FormEntries | null> {
  const rows = await db
    .delete(pendingForms)
    .where(
      and(
        eq(pendingForms.id, input.id),
        eq(pendingForms.userId, input.userId),
        eq(pendingForms.path, input.path),
      ),
    )
    .returning();
  const row = rows[0];
  if (!row) return null;
  if (row.createdAt.getTime() < now.getTime() - PENDING_FORM_HOURS * 3_600_000) return null;
  return row.payload as FormEntries;
}
