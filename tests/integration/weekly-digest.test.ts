/**
 * The weekly digest of overdue actions (issue 12, helper B, decision 025): one mail per week
 * and person with the overdue actions they may read, none for someone who switched it off or
 * has none, and once however often it runs: also with two app instances (two job runners) on
 * one database, each asked to run it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/query.ts';
import { digestDeliveries, outboxMessages } from '../../src/db/schema.ts';
import {
  readDigestSetting,
  sendWeeklyDigest,
  setWeeklyDigest,
} from '../../src/services/action-digest-service.ts';
import { toDutchIsoDate } from '../../src/services/dutch-time.ts';
import { ForbiddenError } from '../../src/services/errors.ts';
import { DIGEST_QUEUE, startJobs, type JobRunner } from '../../src/services/jobs.ts';
import { createMailer } from '../../src/services/mail-service.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import {
  createTestEnvironment,
  testDatabaseKind,
  type TestEnvironment,
} from '../support/database.ts';
import {
  CAST_EMAILS,
  readOutbox,
  seedCastWithOpenRound,
  TEST_LINKS,
  type Cast,
} from '../support/factories.ts';
import { createTalk } from '../support/talk-factories.ts';

let environment: TestEnvironment;
let a: DatabaseHandle;
/** The second instance's own connection (PostgreSQL), or the same handle (PGlite, one process). */
let b: DatabaseHandle;
let cast: Cast;

/** A Dutch calendar day relative to today, so 'overdue' holds whenever the test runs. */
function daysFromToday(days: number): string {
  return toDutchIsoDate(new Date(Date.now() + days * 86_400_000));
}

beforeAll(async () => {
  environment = await createTestEnvironment();
  const url = environment.env.DATABASE_URL;
  a = url
    ? await openDatabase({ databaseUrl: url })
    : await openDatabase({ dataDir: environment.env.BFM_DATA_DIR, durable: false });
  await a.migrate();
  await loadReferenceData(a.db);
  b = url ? await openDatabase({ databaseUrl: url }) : a;
  ({ cast } = (await seedCastWithOpenRound(a.db, { roundId: 'r' })) as { cast: Cast });
  await createTalk(a.db, {
    roundId: 'r',
    municipalityCode: '0363',
    by: cast.advisor,
    actions: [
      { description: 'Respijtzorg via vrijwillige thuishulp', dueOn: daysFromToday(-20) },
      { description: 'Nog niet verlopen', dueOn: daysFromToday(30) },
      { description: 'Verlopen maar gedaan', dueOn: daysFromToday(-20), status: 'done' },
    ],
  });
  await createTalk(a.db, {
    roundId: 'r',
    municipalityCode: '0014',
    by: cast.otherAdvisor,
    actions: [{ description: 'Vrijwilligerscentrale versterken', dueOn: daysFromToday(-3) }],
  });
}, 120_000);

afterAll(async () => {
  if (b && b !== a) await b.close();
  await a?.close();
  await environment?.dispose();
});

describe('the weekly digest setting', () => {
  it('is on by default, switched off per person (audited), and not for the analyst', async () => {
    expect(await readDigestSetting(a.db, cast.otherMunicipality)).toBe(true);
    expect(await setWeeklyDigest(a.db, cast.otherMunicipality, false)).toBe(true);
    expect(await setWeeklyDigest(a.db, cast.otherMunicipality, false)).toBe(false);
    expect(await readDigestSetting(a.db, cast.otherMunicipality)).toBe(false);
    const [event] = await queryRows<{ action: string; old_value: unknown; new_value: unknown }>(
      a.db,
      sql`select action, old_value, new_value from audit_events where action = 'account.weekly-digest'`,
    );
    expect(event).toEqual({ action: 'account.weekly-digest', old_value: true, new_value: false });
    await expect(readDigestSetting(a.db, cast.analyst)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('sending the digest', () => {
  it('runs once with two app instances on one database, each asked to run it', async () => {
    const start = (handle: DatabaseHandle) =>
      startJobs({ handle, links: TEST_LINKS, pollingIntervalSeconds: 0.5 });
    const first: JobRunner = await start(a);
    let second: JobRunner | undefined;
    try {
      second = await start(b);
      await Promise.all([first.requestDigest(), second.requestDigest(), first.requestDigest()]);
      await expect
        .poll(
          async () =>
            (
              await queryRows<{ n: number }>(
                a.db,
                sql`select count(*)::int as n from pgboss.job where name = ${DIGEST_QUEUE} and state = 'completed'`,
              )
            )[0]?.n,
          { timeout: 60_000, interval: 250 },
        )
        .toBe(3);
    } finally {
      await second?.stop();
      await first.stop();
    }
    const mails = await readOutbox(a.db);
    // The coordinator (both), Noord-Holland's advisor and Amsterdam (Amsterdam's), Groningen's
    // advisor (Groningen's); Groningen switched it off; the analyst gets none.
    expect(mails.map((m) => m.to).sort()).toEqual(
      [
        CAST_EMAILS.coordinator,
        CAST_EMAILS.advisor,
        CAST_EMAILS.otherAdvisor,
        CAST_EMAILS.municipality,
      ].sort(),
    );
    expect(await a.db.select().from(digestDeliveries)).toHaveLength(4);
    const amsterdam = mails.find((m) => m.to === CAST_EMAILS.municipality);
    expect(amsterdam?.subject).toBe('Verlopen acties: 1 actie uit adviesgesprekken');
    expect(amsterdam?.body).toContain(
      'Respijtzorg via vrijwillige thuishulp (Amsterdam, Respijtzorg)',
    );
    expect(amsterdam?.body).toMatch(/https:\/\/bfm\.example\/acties\/\d+/);
    expect(amsterdam?.body).toContain('https://bfm.example/instellingen');
    expect(amsterdam?.body).not.toContain('Nog niet verlopen');
    expect(amsterdam?.body).not.toContain('Verlopen maar gedaan');
    const coordinator = mails.find((m) => m.to === CAST_EMAILS.coordinator);
    expect(coordinator?.subject).toBe('Verlopen acties: 2 acties uit adviesgesprekken');
  }, 120_000);

  it('sends nothing more in the same week, and again the next week', async () => {
    const mailer = createMailer();
    const again = await sendWeeklyDigest(a.db, { mailer, links: TEST_LINKS });
    expect(again).toMatchObject({ sent: 0, alreadySent: 4 });
    const nextWeek = await sendWeeklyDigest(a.db, {
      mailer,
      links: TEST_LINKS,
      now: new Date(Date.now() + 7 * 86_400_000),
    });
    expect(nextWeek).toMatchObject({ sent: 4, alreadySent: 0 });
    expect(await a.db.select().from(outboxMessages)).toHaveLength(8);
  });

  it('writes each digest once when two runs race on two connections', async () => {
    const mailer = createMailer();
    const later = new Date(Date.now() + 14 * 86_400_000);
    const runs = await Promise.all([
      sendWeeklyDigest(a.db, { mailer, links: TEST_LINKS, now: later }),
      sendWeeklyDigest(b.db, { mailer, links: TEST_LINKS, now: later }),
    ]);
    expect(runs[0].sent + runs[1].sent).toBe(4);
    expect(runs[0].alreadySent + runs[1].alreadySent).toBe(4);
    expect(testDatabaseKind === 'postgres' ? b !== a : b === a).toBe(true);
  });
});
