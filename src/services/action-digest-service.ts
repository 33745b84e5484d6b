/**
 * The weekly digest of overdue actions (issue 12, helper B, decision 025): on Monday morning
 * every active advisor, municipality account and the coordinator with the digest switched on
 * gets one mail listing the overdue actions they may read. Someone without overdue actions
 * gets nothing.
 *
 * Sent by a scheduled job (src/services/jobs.ts) that may run on several app instances, or
 * twice after a retry. What makes it once per week and person is the database: a row in
 * `digest_deliveries` (week, user) is inserted with ON CONFLICT DO NOTHING, and the mail is
 * written only when that insert returned the row, in the same transaction. A second run
 * finds the row (or waits for the first run's transaction and then finds it) and writes
 * nothing.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { isoWeek } from '../domain/icalendar.ts';
import type { Database, Executor } from '../db/client.ts';
import { digestDeliveries, users } from '../db/schema.ts';
import { describeActionLine, listOverdueActions } from './advice-action-service.ts';
import { recordAudit } from './audit-service.ts';
import { toStaffUser, type StaffUser } from './auth-service.ts';
import { toDutchIsoDate } from './dutch-time.ts';
import type { Links } from './links.ts';
import type { Mailer } from './mail-service.ts';
import { assertCan } from './permissions.ts';

/** Monday 07:00 Dutch time. */
export const DIGEST_CRON = '0 7 * * 1';
/** How many actions one digest names; the rest is on the actions page. */
export const DIGEST_MAX_LINES = 50;

/**
 * Whether the user gets the weekly digest.
 *
 * @throws {ForbiddenError} for the analyst, who follows no actions
 */
export async function readDigestSetting(executor: Executor, user: StaffUser): Promise<boolean> {
  assertCan(user, 'digest.manage');
  const [row] = await executor
    .select({ weeklyDigest: users.weeklyDigest })
    .from(users)
    .where(eq(users.id, user.id));
  return row?.weeklyDigest ?? false;
}

/**
 * Switches the user's own weekly digest on or off (audited).
 *
 * @returns whether it changed
 * @throws {ForbiddenError} for the analyst
 */
export async function setWeeklyDigest(
  db: Database,
  user: StaffUser,
  enabled: boolean,
): Promise<boolean> {
  assertCan(user, 'digest.manage');
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ weeklyDigest: users.weeklyDigest })
      .from(users)
      .where(eq(users.id, user.id));
    if (!before || before.weeklyDigest === enabled) return false;
    await tx.update(users).set({ weeklyDigest: enabled }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'account.weekly-digest',
      subject: user.email,
      oldValue: before.weeklyDigest,
      newValue: enabled,
    });
    return true;
  });
}

export interface DigestRun {
  readonly week: string;
  /** Mails written in this run. */
  readonly sent: number;
  /** People with overdue actions who had their digest of this week already. */
  readonly alreadySent: number;
}

/**
 * Writes this week's digest for everyone who should get one and has not had it yet.
 *
 * @param options.now the moment of the run (its Dutch day decides 'overdue' and the week)
 */
export async function sendWeeklyDigest(
  db: Database,
  options: { readonly mailer: Mailer; readonly links: Links; readonly now?: Date },
): Promise<DigestRun> {
  const now = options.now ?? new Date();
  const today = toDutchIsoDate(now);
  const week = isoWeek(today);
  const accounts = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.weeklyDigest, true),
        isNull(users.disabledAt),
        inArray(users.role, ['coordinator', 'advisor', 'municipality']),
      ),
    )
    .orderBy(users.id);
  let sent = 0;
  let alreadySent = 0;
  // Who had this week's digest already is skipped before their actions are read, so a second
  // run in the same week (a retry, another instance) costs one query; the insert below still
  // decides when two runs race.
  const done = new Set(
    (
      await db
        .select({ userId: digestDeliveries.userId })
        .from(digestDeliveries)
        .where(eq(digestDeliveries.week, week))
    ).map((row) => row.userId),
  );
  for (const account of accounts) {
    if (done.has(account.id)) {
      alreadySent += 1;
      continue;
    }
    const user = await toStaffUser(db, account);
    const overdue = await listOverdueActions(db, user, today);
    if (overdue.length === 0) continue;
    const wrote = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(digestDeliveries)
        .values({ week, userId: user.id, actions: overdue.length, sentAt: now })
        .onConflictDoNothing()
        .returning({ userId: digestDeliveries.userId });
      if (!claimed) return false;
      await options.mailer.send(tx, {
        to: user.email,
        subject: `Verlopen acties: ${overdue.length === 1 ? '1 actie' : `${overdue.length} acties`} uit adviesgesprekken`,
        body: composeDigest(user, overdue, options.links),
      });
      return true;
    });
    if (wrote) sent += 1;
    else alreadySent += 1;
  }
  return { week, sent, alreadySent };
}

function composeDigest(
  user: StaffUser,
  overdue: Awaited<ReturnType<typeof listOverdueActions>>,
  links: Links,
): string {
  const shown = overdue.slice(0, DIGEST_MAX_LINES);
  return [
    `Beste ${user.name},`,
    '',
    overdue.length === 1
      ? 'Deze actie uit een adviesgesprek is over haar streefdatum en nog niet afgerond:'
      : `Deze ${overdue.length} acties uit adviesgesprekken zijn over hun streefdatum en nog niet afgerond:`,
    '',
    ...shown.flatMap((action) => [
      `- ${describeActionLine(action)}`,
      `  ${links.action(action.id)}`,
    ]),
    ...(overdue.length > shown.length
      ? ['', `En nog ${overdue.length - shown.length} meer: ${links.actions()}`]
      : []),
    '',
    'Werk de status bij (in uitvoering, gedaan, of vervallen met een reden) of spreek een nieuwe datum af.',
    `Alle open acties: ${links.actions()}`,
    '',
    `Dit overzicht komt elke maandag. U zet het uit bij uw instellingen: ${links.settings()}`,
  ].join('\n');
}
