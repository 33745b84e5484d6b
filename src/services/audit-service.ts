/**
 * The audit trail: every change to an answer, a status, a role or an invitation, with who,
 * when, the old and the new value. Written in the transaction of the change itself.
 */
import { and, desc, eq } from 'drizzle-orm';
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

/** The audit trail of one municipality in one round, newest first. */
export async function listAuditEvents(
  executor: Executor,
  roundId: string,
  municipalityCode: string,
): Promise<AuditEvent[]> {
  return executor
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.roundId, roundId), eq(auditEvents.municipalityCode, municipalityCode)),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id));
}
