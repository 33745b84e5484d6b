/**
 * Test factories: staff accounts, the standard cast of roles, open rounds and the outbox, so
 * test files do not each repeat the same set-up.
 */
import { desc } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { outboxMessages } from '../../src/db/schema.ts';
import { createUser, type NewUserInput, type StaffUser } from '../../src/services/auth-service.ts';
import { changeRoundStatus, createRound } from '../../src/services/round-service.ts';
import type { Links } from '../../src/services/links.ts';
import { createLinks } from '../../src/web/links.ts';

/** The password of every account the factories create. */
export const TEST_PASSWORD = 'een lang wachtwoord voor de test';

/** Links as the web server builds them, under a test address. */
export const TEST_LINKS: Links = createLinks('https://bfm.example');

/** Creates a staff account with the test password; name and e-mail default from the role. */
export function createStaff(
  db: Database,
  input: Partial<Omit<NewUserInput, 'password'>> & Pick<NewUserInput, 'role'>,
  password = TEST_PASSWORD,
): Promise<StaffUser> {
  const email = input.email ?? `${input.role}.${Math.random().toString(36).slice(2, 8)}@example.nl`;
  return createUser(db, { name: input.name ?? email, ...input, email, password }, 'test');
}

/** The cast most tests need: one account per role, plus an advisor and a municipality elsewhere. */
export interface Cast {
  /** Landelijk coördinator. */
  readonly coordinator: StaffUser;
  /** Advisor of Noord-Holland (PV27), where Amsterdam lies. */
  readonly advisor: StaffUser;
  /** Advisor of Groningen (PV20). */
  readonly otherAdvisor: StaffUser;
  /** Amsterdam (0363). */
  readonly municipality: StaffUser;
  /** Groningen (0014). */
  readonly otherMunicipality: StaffUser;
  readonly analyst: StaffUser;
}

export const CAST_EMAILS: Record<keyof Cast, string> = {
  coordinator: 'coordinator@example.nl',
  advisor: 'adviseur.nh@example.nl',
  otherAdvisor: 'adviseur.gr@example.nl',
  municipality: 'beleid@amsterdam.nl',
  otherMunicipality: 'beleid@groningen.nl',
  analyst: 'analist@example.nl',
};

/** Creates the standard cast of accounts. */
export async function seedAccounts(db: Database): Promise<Cast> {
  return {
    coordinator: await createStaff(db, {
      email: CAST_EMAILS.coordinator,
      name: 'Cora Coördinator',
      role: 'coordinator',
    }),
    advisor: await createStaff(db, {
      email: CAST_EMAILS.advisor,
      name: 'Ada Adviseur',
      role: 'advisor',
      provinces: ['PV27'],
    }),
    otherAdvisor: await createStaff(db, {
      email: CAST_EMAILS.otherAdvisor,
      name: 'Gert Adviseur',
      role: 'advisor',
      provinces: ['PV20'],
    }),
    municipality: await createStaff(db, {
      email: CAST_EMAILS.municipality,
      name: 'Anna Amsterdam',
      role: 'municipality',
      municipalityCode: '0363',
    }),
    otherMunicipality: await createStaff(db, {
      email: CAST_EMAILS.otherMunicipality,
      name: 'Gijs Groningen',
      role: 'municipality',
      municipalityCode: '0014',
    }),
    analyst: await createStaff(db, {
      email: CAST_EMAILS.analyst,
      name: 'Ali Analist',
      role: 'analyst',
    }),
  };
}

/** Creates a round on the 2009 register and opens it. */
export async function openRound(
  db: Database,
  coordinator: StaffUser,
  id = 'meting-2026',
  name = 'Meting 2026',
): Promise<string> {
  await createRound(db, { id, name, status: 'concept' });
  await changeRoundStatus(db, coordinator, id, 'open');
  return id;
}

/** Every message in the outbox, newest first (straight from the table, as tests inspect it). */
export function readOutbox(db: Database) {
  return db.select().from(outboxMessages).orderBy(desc(outboxMessages.id));
}
