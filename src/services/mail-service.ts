/**
 * Sending e-mail: over SMTP when SMTP_URL is set, otherwise into the outbox table, which the
 * coordinator reads in the app (so the demo works offline).
 */
import { desc } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Executor } from '../db/client.ts';
import { outboxMessages } from '../db/schema.ts';
import type { StaffUser } from './auth-service.ts';
import { assertCan } from './permissions.ts';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

export interface Mailer {
  /** 'smtp' or 'outbox'. */
  readonly kind: 'smtp' | 'outbox';
  /**
   * Sends a message. The outbox write joins the caller's transaction; SMTP delivery happens
   * right away, so callers send after their own writes have succeeded.
   */
  send(executor: Executor, message: MailMessage): Promise<void>;
}

export function createMailer(options: { smtpUrl?: string | undefined; from: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      kind: 'smtp',
      async send(_executor, message) {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.body,
        });
      },
    };
  }
  return {
    kind: 'outbox',
    async send(executor, message) {
      await executor.insert(outboxMessages).values(message);
    },
  };
}

export type OutboxMessage = typeof outboxMessages.$inferSelect;

/**
 * The outbox, newest first (coordinator only: it holds other people's personal links).
 *
 * @throws {ForbiddenError} for everyone else
 */
export async function listOutbox(
  executor: Executor,
  user: StaffUser,
  limit = 200,
): Promise<OutboxMessage[]> {
  assertCan(user, 'outbox.read');
  return executor.select().from(outboxMessages).orderBy(desc(outboxMessages.id)).limit(limit);
}
