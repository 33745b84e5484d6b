/**
 * Following up agreed actions (issue 12, helper B): status changes by the municipality, its
 * advisor and the coordinator, comments, the scope (another province or municipality: 404;
 * the analyst: 403), version conflicts, the audit trail, the list of open actions with the
 * overdue ones first, and the invitation to a talk with its iCalendar file.
 */
import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceActions, adviceTalks } from '../../src/db/schema.ts';
import {
  ActionConflictError,
  addActionComment,
  listOpenActions,
  listOverdueActions,
  readAction,
  updateActionStatus,
} from '../../src/services/advice-action-service.ts';
import { listAuditEvents } from '../../src/services/audit-service.ts';
import { describeAuditEvent } from '../../src/services/audit-text.ts';
import { ForbiddenError, NotFoundError } from '../../src/services/errors.ts';
import {
  createMailer,
  deliverOutboxMessage,
  readAttachments,
  type MailTransport,
} from '../../src/services/mail-service.ts';
import {
  readTalkCalendar,
  readTalkForInvitation,
  sendTalkInvitation,
} from '../../src/services/talk-invitation-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  CAST_EMAILS,
  openRound,
  readOutbox,
  seedAccounts,
  TEST_LINKS,
  type Cast,
} from '../support/factories.ts';
import { createTalk, type TestTalk } from '../support/talk-factories.ts';

let database: TestDatabase;
let cast: Cast;
let amsterdam: TestTalk;
let groningen: TestTalk;

const TODAY = '2026-11-26';

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
  await openRound(database.db, cast.coordinator, 'r', 'Meting 2026');
  amsterdam = await createTalk(database.db, {
    roundId: 'r',
    municipalityCode: '0363',
    by: cast.advisor,
    heldOn: '2026-10-01',
    actions: [
      { description: 'Respijtzorg via vrijwillige thuishulp', dueOn: '2026-11-01' },
      {
        description: 'Informatiepunt mantelzorg op de website',
        basisfunctie: 'informatie',
        dueOn: '2027-03-01',
        status: 'in_progress',
      },
      { description: 'Visie op vrijwilligerswerk', basisfunctie: 'visie-en-beleid', dueOn: null },
      { description: 'Al gedaan', dueOn: '2026-10-15', status: 'done' },
    ],
  });
  groningen = await createTalk(database.db, {
    roundId: 'r',
    municipalityCode: '0014',
    by: cast.otherAdvisor,
    actions: [
      {
        description: 'Vrijwilligerscentrale versterken',
        questionnaire: 'vrijwilligerswerk',
        basisfunctie: 'ondersteuning',
        dueOn: '2026-09-01',
      },
    ],
  });
});
afterAll(async () => {
  await database?.dispose();
});

const status = (actionId: number, value: string, baseVersion: number, reason?: string) => ({
  actionId,
  status: value as 'planned',
  baseVersion,
  ...(reason === undefined ? {} : { reason }),
});

describe('reading actions', () => {
  it('lists the open actions a user may read, overdue first, then by date, none last', async () => {
    const own = await listOpenActions(database.db, cast.municipality, TODAY);
    expect(own.map((a) => [a.description, a.overdue, a.statusLabel])).toEqual([
      ['Respijtzorg via vrijwillige thuishulp', true, 'gepland'],
      ['Informatiepunt mantelzorg op de website', false, 'in uitvoering'],
      ['Visie op vrijwilligerswerk', false, 'gepland'],
    ]);
    expect(own[2]?.basisfunctie.name).toBe('Visie en beleid');
    expect(own[0]).toMatchObject({
      municipality: { code: '0363', name: 'Amsterdam' },
      talkId: amsterdam.id,
    });
    // The advisor of Noord-Holland sees Amsterdam only; the coordinator both, the overdue ones first.
    expect(
      (await listOpenActions(database.db, cast.advisor, TODAY)).map((a) => a.municipality.code),
    ).toEqual(['0363', '0363', '0363']);
    expect(
      (await listOverdueActions(database.db, cast.coordinator, TODAY)).map((a) => a.description),
    ).toEqual(['Vrijwilligerscentrale versterken', 'Respijtzorg via vrijwillige thuishulp']);
    await expect(listOpenActions(database.db, cast.analyst, TODAY)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('hides an action outside the user scope as not found (404), and refuses the analyst (403)', async () => {
    const id = amsterdam.actionIds[0]!;
    expect((await readAction(database.db, cast.municipality, id, TODAY)).canUpdate).toBe(true);
    await expect(readAction(database.db, cast.otherMunicipality, id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(readAction(database.db, cast.otherAdvisor, id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(readAction(database.db, cast.analyst, id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(readAction(database.db, cast.coordinator, 999_999)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      updateActionStatus(database.db, cast.otherAdvisor, status(id, 'done', 1)),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      addActionComment(database.db, cast.otherMunicipality, { actionId: id, text: 'x' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      updateActionStatus(database.db, cast.analyst, status(id, 'done', 1)),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('status changes by the municipality', () => {
  it('moves an action from planned to in progress to done, each change audited in the round trail', async () => {
    const id = amsterdam.actionIds[0]!;
    const first = await updateActionStatus(
      database.db,
      cast.municipality,
      status(id, 'in_progress', 1),
    );
    expect(first).toMatchObject({
      ok: true,
      outcome: 'saved',
      action: { status: 'in_progress', version: 2 },
    });
    const second = await updateActionStatus(
      database.db,
      cast.municipality,
      status(id, 'done', 2, 'Drie vrijwilligers ingewerkt.'),
    );
    expect(second).toMatchObject({
      ok: true,
      action: { status: 'done', version: 3, statusReason: 'Drie vrijwilligers ingewerkt.' },
    });
    const action = await readAction(database.db, cast.advisor, id, TODAY);
    expect(action).toMatchObject({
      status: 'done',
      overdue: false,
      updatedByName: cast.municipality.name,
    });
    expect(await listOverdueActions(database.db, cast.municipality, TODAY)).toEqual([]);

    const events = (await listAuditEvents(database.db, 'r', '0363')).filter(
      (e) => e.action === 'advice-action.status',
    );
    expect(events.map((e) => [e.oldValue, e.newValue])).toEqual([
      [
        { status: 'in_progress', reason: null },
        { status: 'done', reason: 'Drie vrijwilligers ingewerkt.' },
      ],
      [
        { status: 'planned', reason: null },
        { status: 'in_progress', reason: null },
      ],
    ]);
    expect(events[0]?.subject).toBe(
      'Actie “Respijtzorg via vrijwillige thuishulp” (Respijtzorg, Mantelzorg)',
    );
    const text = describeAuditEvent(events[0]!, {
      provinceNames: new Map(),
      municipalityNames: new Map(),
    });
    expect(text).toMatchObject({
      kind: 'Actie uit adviesgesprek',
      oldText: 'in uitvoering',
      newText: 'gedaan: Drie vrijwilligers ingewerkt.',
    });
  });

  it('refuses dropping an action without a reason, tied to the field, and saves nothing', async () => {
    const id = amsterdam.actionIds[2]!;
    const result = await updateActionStatus(
      database.db,
      cast.municipality,
      status(id, 'dropped', 1, '  '),
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          field: 'reason',
          message:
            'Geef aan waarom de actie vervalt, bijvoorbeeld dat een andere aanpak is gekozen.',
        },
      ],
    });
    const [row] = await database.db.select().from(adviceActions).where(eq(adviceActions.id, id));
    expect(row).toMatchObject({ status: 'planned', version: 1 });
    expect(
      await updateActionStatus(database.db, cast.municipality, status(id, 'kapot', 1)),
    ).toMatchObject({ ok: false, issues: [{ field: 'status' }] });
    const dropped = await updateActionStatus(
      database.db,
      cast.municipality,
      status(id, 'dropped', 1, 'Opgenomen in het beleidsplan.'),
    );
    expect(dropped).toMatchObject({ ok: true, action: { status: 'dropped' } });
  });

  it('refuses a change made from an old version (409) and keeps the other change', async () => {
    const id = amsterdam.actionIds[1]!;
    // Stored 'in_progress' at version 1: the advisor sets it done first.
    await updateActionStatus(database.db, cast.advisor, status(id, 'done', 1));
    const late = updateActionStatus(database.db, cast.municipality, status(id, 'planned', 1));
    await expect(late).rejects.toBeInstanceOf(ActionConflictError);
    await expect(late).rejects.toMatchObject({
      status: 409,
      current: { status: 'done', version: 2, updatedByName: cast.advisor.name },
    });
    // The same choice as stored is no conflict, from whatever version.
    expect(
      await updateActionStatus(database.db, cast.municipality, status(id, 'done', 1)),
    ).toMatchObject({ ok: true, outcome: 'unchanged' });
  });

  it('adds comments by the municipality and the advisor, in order, audited; an empty one is refused', async () => {
    const id = groningen.actionIds[0]!;
    expect(
      await addActionComment(database.db, cast.otherMunicipality, { actionId: id, text: '  ' }),
    ).toEqual({
      ok: false,
      issues: [{ field: 'text', message: 'Schrijf een opmerking voordat u haar plaatst.' }],
    });
    await addActionComment(database.db, cast.otherMunicipality, {
      actionId: id,
      text: 'Loopt vertraging op door de verbouwing.',
    });
    await addActionComment(database.db, cast.otherAdvisor, {
      actionId: id,
      text: 'Nieuwe datum: maart.',
    });
    const action = await readAction(database.db, cast.coordinator, id);
    expect(action.comments.map((c) => [c.authorName, c.text])).toEqual([
      [cast.otherMunicipality.name, 'Loopt vertraging op door de verbouwing.'],
      [cast.otherAdvisor.name, 'Nieuwe datum: maart.'],
    ]);
    const events = (await listAuditEvents(database.db, 'r', '0014')).filter(
      (e) => e.action === 'advice-action.commented',
    );
    expect(events).toHaveLength(2);
  });
});

describe('the invitation to a talk', () => {
  it('sends one mail per address with the iCalendar file, which a calendar library reads', async () => {
    const mailer = createMailer();
    const before = (await readOutbox(database.db)).length;
    const sent = await sendTalkInvitation(
      database.db,
      cast.advisor,
      { mailer, links: TEST_LINKS },
      {
        talkId: amsterdam.id,
        recipients: 'Anna@Example.nl, beleid@amsterdam.example\nanna@example.nl',
        message: 'Tot dan!',
      },
      new Date('2026-09-20T08:00:00Z'),
    );
    expect(sent).toEqual({
      ok: true,
      recipients: ['anna@example.nl', 'beleid@amsterdam.example'],
      sequence: 0,
    });
    const mails = (await readOutbox(database.db)).slice(
      0,
      (await readOutbox(database.db)).length - before,
    );
    expect(mails.map((m) => m.to).sort()).toEqual(['anna@example.nl', 'beleid@amsterdam.example']);
    const mail = mails[0]!;
    expect(mail.subject).toBe('Uitnodiging: adviesgesprek Amsterdam, 1-10-2026');
    expect(mail.body).toContain('Tot dan!');
    expect(mail.body).toContain('Wanneer: 1-10-2026, 10:00–11:30');
    expect(mail.body).toContain(`https://bfm.example/gesprekken/${amsterdam.id}`);
    const [file] = readAttachments(mail.attachments);
    expect(file).toMatchObject({
      filename: 'adviesgesprek.ics',
      contentType: 'text/calendar; charset=utf-8; method=REQUEST',
    });
    const calendar = new ICAL.Component(ICAL.parse(file!.content));
    ICAL.TimezoneService.register(new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(amsterdam.calendarUid);
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-10-01T08:00:00.000Z');
    expect(event.location).toBe('Stadhuis, zaal 2');
    expect(event.organizer).toBe(`mailto:${cast.advisor.email}`);

    // A second invitation updates the same event: a higher SEQUENCE, 'Gewijzigde uitnodiging'.
    const again = await sendTalkInvitation(
      database.db,
      cast.coordinator,
      { mailer, links: TEST_LINKS },
      {
        talkId: amsterdam.id,
        recipients: 'anna@example.nl',
      },
    );
    expect(again).toMatchObject({ ok: true, sequence: 1 });
    const [latest] = await readOutbox(database.db);
    expect(latest?.subject).toMatch(/^Gewijzigde uitnodiging/);
    expect(readAttachments(latest?.attachments)[0]?.content).toContain(
      `UID:${amsterdam.calendarUid}\r\nSEQUENCE:1\r\n`,
    );
    const [talk] = await database.db
      .select()
      .from(adviceTalks)
      .where(eq(adviceTalks.id, amsterdam.id));
    expect(talk).toMatchObject({ calendarSequence: 1 });
    const events = (await listAuditEvents(database.db, 'r', '0363')).filter(
      (e) => e.action === 'advice-talk.invited',
    );
    expect(events.map((e) => e.newValue)).toEqual([
      { recipients: ['anna@example.nl'], sequence: 1 },
      { recipients: ['anna@example.nl', 'beleid@amsterdam.example'], sequence: 0 },
    ]);
    // The download has the same UID and the sequence of the last invitation.
    const download = await readTalkCalendar(
      database.db,
      cast.municipality,
      amsterdam.id,
      TEST_LINKS,
    );
    expect(download.content).toContain('SEQUENCE:1\r\n');
  });

  it('refuses addresses that are not e-mail addresses, tied to the field, and sends nothing', async () => {
    const mailer = createMailer();
    const before = (await readOutbox(database.db)).length;
    expect(
      await sendTalkInvitation(
        database.db,
        cast.advisor,
        { mailer, links: TEST_LINKS },
        { talkId: amsterdam.id, recipients: 'anna@example.nl, geen-adres' },
      ),
    ).toEqual({
      ok: false,
      issues: [
        {
          field: 'recipients',
          message:
            "‘geen-adres’ is geen e-mailadres. Schrijf de adressen voluit (naam@gemeente.nl), gescheiden door komma's of op aparte regels.",
        },
      ],
    });
    expect(
      await sendTalkInvitation(
        database.db,
        cast.advisor,
        { mailer, links: TEST_LINKS },
        { talkId: amsterdam.id, recipients: ' ' },
      ),
    ).toMatchObject({
      ok: false,
      issues: [{ field: 'recipients', message: 'Vul minstens één e-mailadres in.' }],
    });
    expect((await readOutbox(database.db)).length).toBe(before);
  });

  it('is for the advisor of the province and the coordinator: another province 404, the municipality 403', async () => {
    const invitation = await readTalkForInvitation(database.db, cast.advisor, amsterdam.id);
    expect(invitation).toMatchObject({
      municipality: { name: 'Amsterdam' },
      suggestedRecipients: [CAST_EMAILS.municipality],
    });
    await expect(
      readTalkForInvitation(database.db, cast.otherAdvisor, amsterdam.id),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      readTalkForInvitation(database.db, cast.municipality, amsterdam.id),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      readTalkCalendar(database.db, cast.otherMunicipality, amsterdam.id, TEST_LINKS),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      readTalkCalendar(database.db, cast.analyst, amsterdam.id, TEST_LINKS),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('hands the iCalendar file to the SMTP transport when the mail is delivered', async () => {
    const queued: number[] = [];
    // A queue that records what it was asked to deliver; the delivery itself runs below.
    const mailer = createMailer({
      queue: {
        enqueueMail: async (_executor, outboxId) => {
          queued.push(outboxId);
        },
      },
    });
    await sendTalkInvitation(
      database.db,
      cast.advisor,
      { mailer, links: TEST_LINKS },
      { talkId: amsterdam.id, recipients: 'smtp@example.nl' },
    );
    const delivered: Parameters<MailTransport['sendMail']>[0][] = [];
    const transport: MailTransport = {
      sendMail: async (message) => {
        delivered.push(message);
      },
    };
    expect(queued).toHaveLength(1);
    expect(
      await deliverOutboxMessage(database.db, transport, {
        outboxId: queued[0]!,
        from: 'bfm@example.nl',
      }),
    ).toBe('sent');
    expect(delivered[0]?.to).toBe('smtp@example.nl');
    expect(delivered[0]?.attachments).toEqual([
      {
        filename: 'adviesgesprek.ics',
        contentType: 'text/calendar; charset=utf-8; method=REQUEST',
        content: expect.stringContaining(`UID:${amsterdam.calendarUid}`),
      },
    ]);
  });
});
