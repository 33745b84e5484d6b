import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignAdvisorProvinces,
  createAccountFromForm,
  listAccountEvents,
  listAccounts,
  listProvinces,
  readAdvisor,
} from '../../src/services/account-service.ts';
import { ForbiddenError, NotFoundError } from '../../src/services/errors.ts';
import {
  authenticateApiToken,
  issueApiToken,
  listApiTokens,
  revokeApiToken,
} from '../../src/services/api-token-service.ts';
import { apiTokens, auditEvents } from '../../src/db/schema.ts';
import { logIn, type StaffUser } from '../../src/services/auth-service.ts';
import { createMailer } from '../../src/services/mail-service.ts';
import { CAST_EMAILS, readOutbox, seedAccounts, TEST_LINKS } from '../support/factories.ts';
import { resetPassword } from '../../src/services/password-reset-service.ts';
import { UserInputError } from '../../src/services/errors.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
let coordinator: StaffUser;
let advisor: StaffUser;
let analyst: StaffUser;
const mailer = createMailer();

beforeAll(async () => {
  database = await createTestDatabase();
  // Three accounts of the cast: the accounts' audit trail below counts their creation.
  ({ coordinator, advisor, analyst } = await seedAccounts(database.db, [
    'coordinator',
    'advisor',
    'analyst',
  ]));
});
afterAll(async () => {
  await database.dispose();
});

describe('provinces', () => {
  it('lists the twelve provinces of the 2009 register', async () => {
    const provinces = await listProvinces(database.db);
    expect(provinces).toHaveLength(12);
    expect(provinces[0]).toEqual({ code: 'PV20', name: 'Groningen' });
    expect(provinces.map((p) => p.code)).toContain('PV27');
  });
});

describe('assigning advisors to provinces', () => {
  it('replaces the provinces and records old and new in the audit trail', async () => {
    const result = await assignAdvisorProvinces(database.db, coordinator, {
      userId: advisor.id,
      form: { provinces: ['PV26', 'PV27', 'PV26'] },
    });
    expect(result).toEqual({ ok: true, provinces: ['PV26', 'PV27'] });
    const accounts = await listAccounts(database.db, coordinator);
    expect(accounts.find((a) => a.id === advisor.id)?.provinces).toEqual(['PV26', 'PV27']);
    const events = (await database.db.select().from(auditEvents)).filter(
      (e) => e.action === 'user.provinces',
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: coordinator.id,
      oldValue: ['PV27'],
      newValue: ['PV26', 'PV27'],
      subject: `account ${CAST_EMAILS.advisor}: provincies`,
    });
  });

  it('records nothing when nothing changes', async () => {
    await assignAdvisorProvinces(database.db, coordinator, {
      userId: advisor.id,
      form: { provinces: ['PV27', 'PV26'] },
    });
    const events = (await database.db.select().from(auditEvents)).filter(
      (e) => e.action === 'user.provinces',
    );
    expect(events).toHaveLength(1);
  });

  it('rejects unknown provinces with a Dutch message and changes nothing', async () => {
    expect(
      await assignAdvisorProvinces(database.db, coordinator, {
        userId: advisor.id,
        form: { provinces: ['PV27', 'PV99'] },
      }),
    ).toEqual({
      ok: false,
      issues: [{ field: 'provinces', message: 'Onbekende provincie: PV99.' }],
    });
    expect(
      await assignAdvisorProvinces(database.db, coordinator, {
        userId: advisor.id,
        form: { provinces: ['Utrecht'] },
      }),
    ).toEqual({
      ok: false,
      issues: [
        { field: 'provinces', message: 'Kies provincies uit de lijst (PV20 tot en met PV31).' },
      ],
    });
    const accounts = await listAccounts(database.db, coordinator);
    expect(accounts.find((a) => a.id === advisor.id)?.provinces).toEqual(['PV26', 'PV27']);
  });

  it('is for coordinators, and only for advisors’ accounts', async () => {
    await expect(
      assignAdvisorProvinces(database.db, advisor, {
        userId: advisor.id,
        form: { provinces: [] },
      }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      assignAdvisorProvinces(database.db, coordinator, {
        userId: analyst.id,
        form: { provinces: ['PV20'] },
      }),
    ).rejects.toThrow(UserInputError);
    await expect(
      assignAdvisorProvinces(database.db, coordinator, { userId: 9999, form: { provinces: [] } }),
    ).rejects.toThrow(NotFoundError);
    await expect(listAccounts(database.db, analyst)).rejects.toThrow(ForbiddenError);
    await expect(listAccountEvents(database.db, advisor)).rejects.toThrow(ForbiddenError);
  });

  it('reads one advisor with provinces; other accounts are not advisors', async () => {
    expect(await readAdvisor(database.db, coordinator, advisor.id)).toEqual({
      id: advisor.id,
      name: 'Ada Adviseur',
      email: CAST_EMAILS.advisor,
      provinces: ['PV26', 'PV27'],
    });
    await expect(readAdvisor(database.db, coordinator, analyst.id)).rejects.toThrow(NotFoundError);
    await expect(readAdvisor(database.db, coordinator, Number.NaN)).rejects.toThrow(NotFoundError);
    await expect(readAdvisor(database.db, advisor, advisor.id)).rejects.toThrow(ForbiddenError);
  });

  it('shows the changes in the accounts’ audit trail, newest first', async () => {
    const events = await listAccountEvents(database.db, coordinator);
    expect(events[0]).toMatchObject({ action: 'user.provinces', newValue: ['PV26', 'PV27'] });
    expect(events.filter((e) => e.action === 'user.created')).toHaveLength(3);
  });
});

describe('new accounts', () => {
  it('creates the account and mails a link with which the colleague chooses a password', async () => {
    const result = await createAccountFromForm(database.db, mailer, coordinator, {
      form: { name: 'Gert', email: ' Gert@Example.nl ', role: 'advisor', provinces: ['PV20'] },
      links: TEST_LINKS,
    });
    expect(result.ok).toBe(true);
    const [mail] = await readOutbox(database.db);
    expect(mail?.to).toBe('gert@example.nl');
    expect(mail?.subject).toBe('Uw account voor de Basisfunctiemonitor');
    const token = /wachtwoord-herstellen\/([\w-]+)/.exec(mail?.body ?? '')?.[1] ?? '';
    expect(
      await resetPassword(database.db, token, {
        password: 'mijn eigen wachtwoord',
        confirmation: 'mijn eigen wachtwoord',
      }),
    ).toEqual({ ok: true });
    const login = await logIn(database.db, {
      email: 'gert@example.nl',
      password: 'mijn eigen wachtwoord',
      clientAddress: 'test',
    });
    expect(login.ok && login.session.user.provinces).toEqual(['PV20']);
    const [created] = (await database.db.select().from(auditEvents)).filter(
      (e) => e.action === 'user.created' && e.subject === 'account gert@example.nl',
    );
    expect(created?.actorId).toBe(coordinator.id);
  });

  it('reports every bad field in Dutch and creates nothing', async () => {
    const before = (await listAccounts(database.db, coordinator)).length;
    const result = await createAccountFromForm(database.db, mailer, coordinator, {
      form: { name: ' ', email: 'geen adres', role: 'municipality', provinces: [] },
      links: TEST_LINKS,
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: 'name', message: 'Vul de naam in.' },
        {
          field: 'email',
          message: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.',
        },
        {
          field: 'role',
          message: 'Kies een rol: landelijk coördinator, provinciaal adviseur of analist.',
        },
      ],
    });
    expect(
      await createAccountFromForm(database.db, mailer, coordinator, {
        form: { name: 'Ada 2', email: CAST_EMAILS.advisor, role: 'analyst', provinces: ['PV20'] },
        links: TEST_LINKS,
      }),
    ).toEqual({
      ok: false,
      issues: [
        { field: 'provinces', message: 'Alleen een provinciaal adviseur krijgt provincies.' },
      ],
    });
    expect(
      await createAccountFromForm(database.db, mailer, coordinator, {
        form: { name: 'Ada 2', email: CAST_EMAILS.advisor, role: 'analyst' },
        links: TEST_LINKS,
      }),
    ).toEqual({
      ok: false,
      issues: [
        {
          field: 'email',
          message: `Er is al een account met e-mailadres ${CAST_EMAILS.advisor}.`,
        },
      ],
    });
    expect((await listAccounts(database.db, coordinator)).length).toBe(before);
  });
});

describe('API tokens', () => {
  it('acts as the account it was issued for, until revoked', async () => {
    const issued = await issueApiToken(database.db, coordinator, {
      name: 'Dashboard',
      email: CAST_EMAILS.advisor,
      days: '30',
    });
    if (!issued.ok) throw new Error('expected a token');
    expect(issued.token).toMatch(/^bfm_[\w-]{43}$/);
    const user = await authenticateApiToken(database.db, issued.token);
    expect(user).toMatchObject({ id: advisor.id, role: 'advisor', provinces: ['PV26', 'PV27'] });
    const [listed] = await listApiTokens(database.db, coordinator);
    expect(listed).toMatchObject({
      name: 'Dashboard',
      account: CAST_EMAILS.advisor,
      state: 'active',
      prefix: issued.token.slice(0, 10),
    });
    expect(listed?.lastUsedAt).not.toBeNull();
    await revokeApiToken(database.db, coordinator, issued.id);
    expect(await authenticateApiToken(database.db, issued.token)).toBeNull();
    expect((await listApiTokens(database.db, coordinator))[0]?.state).toBe('revoked');
    const actions = (await database.db.select().from(auditEvents)).map((e) => e.action);
    expect(actions).toContain('api-token.issued');
    expect(actions).toContain('api-token.revoked');
  });

  it('stops working when it expires, and stores only a hash', async () => {
    const issued = await issueApiToken(database.db, coordinator, {
      name: 'Kort',
      email: CAST_EMAILS.analyst,
      days: 1,
    });
    if (!issued.ok) throw new Error('expected a token');
    expect(await authenticateApiToken(database.db, issued.token)).toMatchObject({
      role: 'analyst',
    });
    expect(
      await authenticateApiToken(database.db, issued.token, new Date(Date.now() + 2 * 86_400_000)),
    ).toBeNull();
    const stored = JSON.stringify(await database.db.select().from(apiTokens));
    expect(stored).not.toContain(issued.token);
    expect(await authenticateApiToken(database.db, 'bfm_niet-echt')).toBeNull();
    expect(await authenticateApiToken(database.db, undefined)).toBeNull();
  });

  it('rejects bad input per field and is for coordinators only', async () => {
    expect(
      await issueApiToken(database.db, coordinator, { name: '', email: 'y@example.nl', days: 0 }),
    ).toEqual({
      ok: false,
      issues: [
        {
          field: 'name',
          message: 'Geef de sleutel een naam, bijvoorbeeld de toepassing die hem gebruikt.',
        },
        { field: 'days', message: 'Een sleutel is minstens 1 dag geldig.' },
      ],
    });
    expect(
      await issueApiToken(database.db, coordinator, {
        name: 'X',
        email: 'y@example.nl',
        days: 'veel',
      }),
    ).toEqual({
      ok: false,
      issues: [{ field: 'days', message: 'Vul het aantal dagen in als getal.' }],
    });
    expect(
      await issueApiToken(database.db, coordinator, { name: 'X', email: 'y@example.nl', days: 5 }),
    ).toEqual({
      ok: false,
      issues: [
        { field: 'email', message: 'Er is geen actief account met e-mailadres y@example.nl.' },
      ],
    });
    await expect(
      issueApiToken(database.db, advisor, { name: 'X', email: CAST_EMAILS.advisor, days: 5 }),
    ).rejects.toThrow(ForbiddenError);
    await expect(revokeApiToken(database.db, advisor, 1)).rejects.toThrow(ForbiddenError);
    await expect(revokeApiToken(database.db, coordinator, 9999)).rejects.toThrow(NotFoundError);
  });
});
