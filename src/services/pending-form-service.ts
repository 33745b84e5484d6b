/**
 * Keeping what someone typed when their session expired: the posted form is stored under a
 * random id (in their cookie), and handed back once, on the same page, after they log in.
 */
import { eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { pendingForms } from '../db/schema.ts';
import { generateSecretToken } from './secret-token.ts';

export const PENDING_FORM_HOURS = 24;
const MAX_PAYLOAD_CHARACTERS = 200_000;

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

/** Stores a posted form; returns its id, or null when it is too large to keep. */
export async function keepPendingForm(
  db: Database,
  path: string,
  entries: FormEntries,
  now = new Date(),
): Promise<string | null> {
  if (JSON.stringify(entries).length > MAX_PAYLOAD_CHARACTERS) return null;
  await db
    .delete(pendingForms)
    .where(lt(pendingForms.createdAt, new Date(now.getTime() - PENDING_FORM_HOURS * 3_600_000)));
  const id = generateSecretToken(24);
  await db.insert(pendingForms).values({ id, path, payload: entries, createdAt: now });
  return id;
}

/** Takes a kept form back (once) when it belongs to this page and has not expired. */
export async function takePendingForm(
  db: Database,
  id: string,
  path: string,
  now = new Date(),
): Promise<FormEntries | null> {
  const rows = await db.select().from(pendingForms).where(eq(pendingForms.id, id));
  const row = rows[0];
  if (!row || row.path !== path) return null;
  await db.delete(pendingForms).where(eq(pendingForms.id, id));
  if (row.createdAt.getTime() < now.getTime() - PENDING_FORM_HOURS * 3_600_000) return null;
  return row.payload as FormEntries;
}
