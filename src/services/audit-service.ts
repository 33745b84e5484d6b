/**
 * The audit trail: every change to an answer, a status, a role or an invitation, with who,
 * when, the old and the new value. Written in the transaction of the change itself.
 */
import { and, desc, eq, gte, lt, max, sql } from 'drizzle-orm';
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

/**
 * Records many events of one actor and one action at once (an import's changes), in the
 * caller's transaction: one statement over unnest(), whatever the number, because a
 * multi-row insert with a parameter per value costs more than the import's own writes.
 */
export async function recordAuditEvents(
  executor: Executor,
  common: Pick<AuditInput, 'actorId' | 'actorLabel' | 'action'>,
  events: readonly Omit<AuditInput, 'actorId' | 'actorLabel' | 'action'>[],
): Promise<void> {
  if (events.length === 0) return;
  const json = (value: unknown) =>
    value === undefined || value === null ? null : JSON.stringify(value);
  await executor.execute(sql`
    insert into audit_events
      (actor_id, actor_label, action, subject, round_id, municipality_code, old_value, new_value)
    select ${common.actorId}::int, ${common.actorLabel}::text, ${common.action}::text,
           e.subject, e.round_id, e.municipality_code, e.old_value::jsonb, e.new_value::jsonb
    from unnest(${sql.param(events.map((e) => e.subject))}::text[],
                ${sql.param(events.map((e) => e.roundId ?? null))}::text[],
                ${sql.param(events.map((e) => e.municipalityCode ?? null))}::text[],
                ${sql.param(events.map((e) => json(e.oldValue)))}::text[],
                ${sql.param(events.map((e) => json(e.newValue)))}::text[])
      as e(subject, round_id, municipality_code, old_value, new_value)`);
}
