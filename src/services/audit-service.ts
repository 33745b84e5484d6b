/**
 * The audit trail: every change to an answer, a status, a role or an invitation, with who,
 * when, the old and the new value. Written in the transaction of the change itself.
 */
import { and, desc, eq, gte, lt, max } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { auditEvents } from '../db/schema.ts';

export interface AuditInput {
  readonly actorId: number | null;
  readonly actorLabel: string;
  readonly action: string;
  readonly subject: string;
  readonly roundId?: string | null;
  readonly municipalityCode?: string | null;
  readonly oldValue?: unknown;
  readonly newValue?: unknown;
}

export type AuditEvent = typeof auditEvents.$inferSelect;

export async function recordAudit(executor: Executor, event: AuditInput): Promise<void> {
  await executor.insert(auditEvents).values({
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    action: event.action,
    subject: event.subject,
    roundId: event.roundId ?? null,
    municipalityCode: event.municipalityCode ?? null,
    oldValue: event.oldValue ?? null,
    newValue: event.newValue ?? null,
  });
}

/** Which events of a municipality's trail to read; every part is optional. */
export interface AuditEventFilter {
  /** Only the changes of this account. */
  readonly actorId?: number | undefined;
  /** Only changes at or after this instant. */
  readonly from?: Date | undefined;
  /** Only changes before this instant. */
  readonly before?: Date | undefined;
}

/** The audit trail of one municipality in one round, newest first. */
export async function listAuditEvents(
  executor: Executor,
  roundId: string,
  municipalityCode: string,
  filter: AuditEventFilter = {},
): Promise<AuditEvent[]> {
  return executor
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.roundId, roundId),
        eq(auditEvents.municipalityCode, municipalityCode),
        filter.actorId === undefined ? undefined : eq(auditEvents.actorId, filter.actorId),
        filter.from ? gte(auditEvents.at, filter.from) : undefined,
        filter.before ? lt(auditEvents.at, filter.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id));
}

/**
 * The accounts that changed something in a municipality's trail, each with the name it had
 * at its latest change, in name order. Changes made from the command line (no account) are
 * not among them.
 */
export async function listAuditActors(
  executor: Executor,
  roundId: string,
  municipalityCode: string,
): Promise<{ id: number; name: string }[]> {
  const latest = max(auditEvents.at);
  const rows = await executor
    .select({ id: auditEvents.actorId, name: auditEvents.actorLabel, latest })
    .from(auditEvents)
    .where(
      and(eq(auditEvents.roundId, roundId), eq(auditEvents.municipalityCode, municipalityCode)),
    )
    .groupBy(auditEvents.actorId, auditEvents.actorLabel)
    .orderBy(desc(latest));
  const byId = new Map<number, string>();
  for (const row of rows) if (row.id !== null && !byId.has(row.id)) byId.set(row.id, row.name);
  return [...byId]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id - b.id);
}

/** Rows per insert: 8 parameters each stays far below PostgreSQL's 65,535 per statement. */
const AUDIT_BATCH = 2_000;

/** Records many events at once (an import), in batches, in the caller's transaction. */
export async function recordAuditEvents(
  executor: Executor,
  events: readonly AuditInput[],
): Promise<void> {
  for (let start = 0; start < events.length; start += AUDIT_BATCH) {
    await executor.insert(auditEvents).values(
      events.slice(start, start + AUDIT_BATCH).map((event) => ({
        actorId: event.actorId,
        actorLabel: event.actorLabel,
        action: event.action,
        subject: event.subject,
        roundId: event.roundId ?? null,
        municipalityCode: event.municipalityCode ?? null,
        oldValue: event.oldValue ?? null,
        newValue: event.newValue ?? null,
      })),
    );
  }
}
