/**
 * Background jobs, with pg-boss. The queue lives in the application's own database (PGlite or
 * PostgreSQL), never in one process's memory: a job enqueued by one app instance may run on
 * another, each job runs on one worker at a time, a failed job is retried with backoff, and a
 * scheduled job runs once per slot however many instances are running.
 *
 * Workers run in `bfm serve` and `bfm start` only; one-shot commands start nothing.
 */
import { sql } from 'drizzle-orm';
import { fromDrizzle, PgBoss, type DrizzleTransactionLike } from 'pg-boss';
import type { Logger } from 'pino';
import type { DatabaseHandle, Executor } from '../db/client.ts';
import { readJobConnection } from '../db/job-connection.ts';
import { DIGEST_CRON, sendWeeklyDigest } from './action-digest-service.ts';
import { DUTCH_TIME_ZONE } from './dutch-time.ts';
import { deleteExpiredRows } from './housekeeping.ts';
import type { Links } from './links.ts';
import {
  createMailer,
  deliverOutboxMessage,
  type MailQueue,
  type MailTransport,
} from './mail-service.ts';
import {
  ABANDONED_RUN_MS,
  executeReportRun,
  type ReportRunQueue,
  type ReportSource,
} from './report-files-service.ts';

export const MAIL_QUEUE = 'mail-delivery';
export const HOUSEKEEPING_QUEUE = 'housekeeping';
export const REPORT_QUEUE = 'report-run';
/** The weekly digest of overdue actions (issue 12, decision 025). */
export const DIGEST_QUEUE = 'weekly-digest';
/** Every hour, at a minute off the hour so it does not meet other hourly work. */
export const HOUSEKEEPING_CRON = '17 * * * *';

export interface JobRunner extends MailQueue, ReportRunQueue {
  /** Runs housekeeping now, through the queue (for tests and operators). */
  requestHousekeeping(): Promise<void>;
  /** Runs the weekly digest now, through the queue (for tests and operators). */
  requestDigest(): Promise<void>;
  /** Stops the workers, letting running jobs finish (up to timeoutMs). */
  stop(timeoutMs?: number): Promise<void>;
}

export interface JobOptions {
  readonly handle: DatabaseHandle;
  readonly logger?: Logger | undefined;
  /** SMTP delivery: without it, mail stays in the outbox and no mail worker runs. */
  readonly mail?: { readonly transport: MailTransport; readonly from: string } | undefined;
  /**
   * Renders reports for the bulk run (src/web/report-pdf.ts, which needs the built app and
   * Chromium, so it is opened only when a run starts, and closed after it); without it, no
   * report worker runs on this instance.
   */
  readonly reports?: (() => Promise<ReportSource & { close(): Promise<void> }>) | undefined;
  /**
   * The links in the weekly digest, under the public address; without them no digest worker
   * runs and nothing is scheduled on this instance.
   */
  readonly links?: Links | undefined;
  /** How often idle workers look for work; default 2 s. */
  readonly pollingIntervalSeconds?: number;
}

/**
 * Starts the queue and its workers: mail delivery (with SMTP) and hourly housekeeping.
 * Installs pg-boss's own schema (`pgboss`) on first use.
 */
export async function startJobs(options: JobOptions): Promise<JobRunner> {
  const { handle, logger } = options;
  const boss = new PgBoss({
    ...readJobConnection(handle),
    schema: 'pgboss',
    // pg-boss reports its own failures (a lost connection, a failed maintenance run) as events;
    // they must be logged, not thrown, or one hiccup would end the process.
    supervise: true,
    schedule: true,
  });
  boss.on('error', (error) => logger?.error({ err: error }, 'job queue error'));
  await boss.start();
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };

  await boss.createQueue(MAIL_QUEUE, {
    // Six attempts over about half an hour: a mail server that is briefly away is waited for.
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    retryDelayMax: 900,
    expireInSeconds: 300,
  });
  await boss.createQueue(HOUSEKEEPING_QUEUE, { retryLimit: 1, expireInSeconds: 600 });
  // A failed digest run is retried; people who got theirs already are skipped by the database.
  await boss.createQueue(DIGEST_QUEUE, { retryLimit: 3, retryDelay: 60, expireInSeconds: 900 });
  await boss.createQueue(REPORT_QUEUE, {
    // One job per round queued or active at a time (its singleton key is the round), across
    // every instance on the database: a second start, or a second instance, never runs it twice.
    policy: 'exclusive',
    // A worker that dies (a restart, a crash) stops its heartbeat; the job is then retried,
    // by this instance after its restart or by another, and skips what was already rendered.
    heartbeatSeconds: 30,
    expireInSeconds: ABANDONED_RUN_MS / 1000,
    retryLimit: 3,
    retryDelay: 10,
  });

  const { mail } = options;
  if (mail) {
    // Two at a time per instance: a slow mail server must not hold up the rest of the queue.
    const mailWork = { ...polling, localConcurrency: 2 };
    await boss.work<{ outboxId: number }>(MAIL_QUEUE, mailWork, async ([job]) => {
      const outcome = await deliverOutboxMessage(handle.db, mail.transport, {
        outboxId: job!.data.outboxId,
        from: mail.from,
      });
      if (outcome === 'failed') logger?.warn({ outboxId: job!.data.outboxId }, 'mail failed');
    });
  }
  await boss.work(HOUSEKEEPING_QUEUE, polling, async () => {
    const deleted = await deleteExpiredRows(handle.db);
    logger?.info({ deleted }, 'housekeeping');
  });
  const { reports } = options;
  if (reports) {
    await boss.work<{ roundId: string; runId: number }>(REPORT_QUEUE, polling, async ([job]) => {
      const source = await reports();
      try {
        const result = await executeReportRun(handle.db, { ...job!.data, source });
        logger?.info({ ...job!.data, ...result, failures: undefined }, 'report run done');
      } finally {
        await source.close();
      }
    });
  }
  // Stored in the database and claimed by one instance per slot, so two instances do not
  // both run it.
  await boss.schedule(HOUSEKEEPING_QUEUE, HOUSEKEEPING_CRON);

  const runner: JobRunner = {
    async enqueueMail(executor: Executor, outboxId: number) {
      // Through the caller's transaction: the job exists exactly when the outbox row does.
      await boss.send(
        MAIL_QUEUE,
        { outboxId },
        {
          // Drizzle's execute() is typed loosely; it returns the driver's result with `rows`.
          db: fromDrizzle(executor as unknown as DrizzleTransactionLike, sql),
        },
      );
    },
    async enqueueReportRun(roundId: string, runId: number) {
      await boss.send(REPORT_QUEUE, { roundId, runId }, { singletonKey: roundId });
    },
    async requestHousekeeping() {
      await boss.send(HOUSEKEEPING_QUEUE, {});
    },
    async requestDigest() {
      await boss.send(DIGEST_QUEUE, {});
    },
    stop: (timeoutMs = 20_000) => boss.stop({ graceful: true, timeout: timeoutMs, close: true }),
  };

  const { links } = options;
  if (links) {
    // The digest's mail goes the way all mail goes: queued for SMTP when this instance
    // delivers mail, otherwise into the outbox.
    const mailer = createMailer({ queue: mail ? runner : undefined });
    await boss.work(DIGEST_QUEUE, polling, async () => {
      const run = await sendWeeklyDigest(handle.db, { mailer, links });
      logger?.info(run, 'weekly digest');
    });
    // Monday 07:00 in Dutch time, summer and winter; once per slot across instances, and
    // each person at most once per week whatever runs (action-digest-service.ts).
    await boss.schedule(DIGEST_QUEUE, DIGEST_CRON, null, { tz: DUTCH_TIME_ZONE });
  }
  return runner;
}
