/**
 * Sending e-mail. Every message is a row in the outbox table first. Without SMTP_URL it stays
 * there (status `outbox`) and the coordinator reads it in the app, so the demo works offline.
 * With SMTP_URL it is `queued`, and a background job (src/services/jobs.ts) delivers it with
 * retries, outside the request that wrote it.
 */
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Database, Executor } from '../db/client.ts';
import { outboxMessages } from '../db/schema.ts';
import type { StaffUser } from './auth-service.ts';
import { NotFoundError } from './errors.ts';
import { assertCan } from './permissions.ts';

/** A file sent with a message (an iCalendar invitation); text content. */
export interface MailAttachment {
  readonly filename: string;
  /** For example `text/calendar; charset=utf-8; method=REQUEST`. */
  readonly contentType: string;
  readonly content: string;
}

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /** Stored with the row (`outbox_messages.attachments`) and handed to SMTP on delivery. */
  readonly attachments?: readonly MailAttachment[] | undefined;
}

/** The attachments of a stored message; anything unreadable counts as none. */
export function readAttachments(stored: unknown): MailAttachment[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { filename, contentType, content } = item as Record<string, unknown>;
    return typeof filename === 'string' &&
      typeof contentType === 'string' &&
      typeof content === 'string'
      ? [{ filename, contentType, content }]
      : [];
  });
}

/** The row of a message: attachments as JSON, or null when there are none. */
function toRow(message: MailMessage) {
  return {
    to: message.to,
    subject: message.subject,
    body: message.body,
    attachments:
      message.attachments && message.attachments.length > 0
        ? message.attachments.map(({ filename, contentType, content }) => ({
            filename,
            contentType,
            content,
          }))
        : null,
  };
}

export interface Mailer {
  /** 'smtp' or 'outbox'. */
  readonly kind: 'smtp' | 'outbox';
  /**
   * Stores a message, in the caller's transaction when given one: with SMTP it is queued
   * together with its delivery job, so it is delivered only if that transaction commits.
   */
  send(executor: Executor, message: MailMessage): Promise<void>;
}

/** Where queued mail goes to be delivered: the job queue (see jobs.ts). */
export interface MailQueue {
  /** Enqueues the delivery of one outbox row, in the caller's transaction. */
  enqueueMail(executor: Executor, outboxId: number): Promise<void>;
}

/** The part of a nodemailer transport that delivery needs (tests pass a recording sink). */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    attachments?: MailAttachment[];
  }): Promise<unknown>;
}

/** An SMTP transport from SMTP_URL. */
export function createMailTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl);
}

/**
 * The mailer: SMTP delivery through the job queue when one is given, otherwise the outbox
 * the coordinator reads. The sender (MAIL_FROM) is applied by the delivery job (startJobs).
 */
export function createMailer(options: { queue?: MailQueue | undefined } = {}): Mailer {
  const { queue } = options;
  if (queue) {
    return {
      kind: 'smtp',
      send: (executor, message) =>
        // A savepoint inside the caller's transaction, or a transaction of its own: a row is
        // never queued without its job, nor a job without its row.
        executor.transaction(async (tx) => {
          const [row] = await tx
            .insert(outboxMessages)
            .values({ ...toRow(message), status: 'queued' })
            .returning({ id: outboxMessages.id });
          await queue.enqueueMail(tx, row!.id);
        }),
    };
  }
  return {
    kind: 'outbox',
    async send(executor, message) {
      await executor.insert(outboxMessages).values(toRow(message));
    },
  };
}

/** How often delivery of one message is tried before it is marked failed. */
export const MAIL_MAX_ATTEMPTS = 6;
/**
 * How long a worker's claim on a message holds. A worker that died while sending leaves its
 * claim behind; after this the next attempt takes it over (the message may then go out twice,
 * the only case where it can: SMTP offers no way to ask whether a message arrived).
 */
export const MAIL_CLAIM_MINUTES = 10;

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed';

/**
 * Delivers one queued message over SMTP. The row decides, not the job: a worker first claims
 * it with one atomic update (queued → sending), so of two workers running the same job only
 * one sends; the other finds nothing to claim and skips. A failed attempt puts the row back
 * in the queue and throws, so the job is retried with backoff; the last attempt marks it failed.
 *
 * @returns 'sent', 'skipped' (sent or claimed elsewhere) or 'failed' (no attempts left)
 * @throws {Error} the SMTP error of an attempt that may be retried
 */
export async function deliverOutboxMessage(
  db: Database,
  transport: MailTransport,
  options: { outboxId: number; from: string; now?: Date },
): Promise<DeliveryOutcome> {
  const now = options.now ?? new Date();
  const staleClaim = new Date(now.getTime() - MAIL_CLAIM_MINUTES * 60_000);
  const [message] = await db
    .update(outboxMessages)
    .set({ status: 'sending', claimedAt: now, attempts: sql`${outboxMessages.attempts} + 1` })
    .where(
      and(
        eq(outboxMessages.id, options.outboxId),
        or(
          eq(outboxMessages.status, 'queued'),
          and(
            eq(outboxMessages.status, 'sending'),
            or(isNull(outboxMessages.claimedAt), lt(outboxMessages.claimedAt, staleClaim)),
          ),
        ),
      ),
    )
    .returning();
  if (!message) return 'skipped';
  try {
    await transport.sendMail({
      from: options.from,
      to: message.to,
      subject: message.subject,
      text: message.body,
      ...(message.attachments ? { attachments: readAttachments(message.attachments) } : {}),
    });
  } catch (error) {
    const last = message.attempts >= MAIL_MAX_ATTEMPTS;
    await db
      .update(outboxMessages)
      .set({
        status: last ? 'failed' : 'queued',
        claimedAt: null,
        lastError: error instanceof Error ? error.message.slice(0, 500) : 'onbekende fout',
      })
      .where(eq(outboxMessages.id, message.id));
    if (last) return 'failed';
    throw error;
  }
  await db
    .update(outboxMessages)
    .set({ status: 'sent', sentAt: new Date(), claimedAt: null, lastError: null })
    .where(eq(outboxMessages.id, message.id));
  return 'sent';
}

export type OutboxMessage = typeof outboxMessages.$inferSelect;

/**
 * One attachment of a message in the outbox, for its download on the outbox page.
 *
 * @throws {NotFoundError} for a message that is not in the outbox or an unknown attachment
 * @throws {ForbiddenError} for everyone but the coordinator
 */
export async function readOutboxAttachment(
  executor: Executor,
  user: StaffUser,
  messageId: number,
  index: number,
): Promise<MailAttachment> {
  assertCan(user, 'outbox.read');
  const [row] = Number.isSafeInteger(messageId)
    ? await executor
        .select({ attachments: outboxMessages.attachments })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.id, messageId), eq(outboxMessages.status, 'outbox')))
    : [];
  const attachment = row ? readAttachments(row.attachments)[index] : undefined;
  if (!attachment)
    throw new NotFoundError(
      'Deze bijlage staat niet (meer) in het postvak. Ga terug naar het postvak en kies de bijlage daar.',
    );
  return attachment;
}

/**
 * The outbox, newest first: the mail kept in the app because there was no SMTP server
 * (coordinator only: it holds other people's personal links). Mail that went out over SMTP
 * is not shown; it is the mail server's business.
 *
 * @throws {ForbiddenError} for everyone else
 */
export async function listOutbox(
  executor: Executor,
  user: StaffUser,
  limit = 200,
): Promise<OutboxMessage[]> {
  assertCan(user, 'outbox.read');
  return executor
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.status, 'outbox'))
    .orderBy(desc(outboxMessages.id))
    .limit(limit);
}
