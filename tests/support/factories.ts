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

/** Who the cast's members are, apart from the password. */
const CAST_MEMBERS: Record<keyof Cast, Omit<NewUserInput, 'password'>> = {
  coordinator: { email: CAST_EMAILS.coordinator, name: 'Cora Coördinator', role: 'coordinator' },
  advisor: {
    email: CAST_EMAILS.advisor,
    name: 'Ada Adviseur',
    role: 'advisor',
    provinces: ['PV27'],
  },
  otherAdvisor: {
    email: CAST_EMAILS.otherAdvisor,
    name: 'Gert Adviseur',
    role: 'advisor',
    provinces: ['PV20'],
  },
  municipality: {
    email: CAST_EMAILS.municipality,
    name: 'Anna Amsterdam',
    role: 'municipality',
    municipalityCode: '0363',
  },
  otherMunicipality: {
    email: CAST_EMAILS.otherMunicipality,
    name: 'Gijs Groningen',
    role: 'municipality',
    municipalityCode: '0014',
  },
  analyst: { email: CAST_EMAILS.analyst, name: 'Ali Analist', role: 'analyst' },
};

const CAST_ORDER = Object.keys(CAST_MEMBERS) as (keyof Cast)[];

/**
 * Creates the standard cast of accounts, or only the members named (in the cast's order):
 * for a test whose own accounts would clash with the others, or that counts accounts.
 */
export async function seedAccounts(db: Database): Promise<Cast>;
export async function seedAccounts<K extends keyof Cast>(
  db: Database,
  members: readonly K[],
): Promise<Pick<Cast, K>>;
export async function seedAccounts(
  db: Database,
  members: readonly (keyof Cast)[] = CAST_ORDER,
): Promise<Partial<Cast>> {
  const cast: Partial<Record<keyof Cast, StaffUser>> = {};
  for (const member of CAST_ORDER) {
    if (members.includes(member)) cast[member] = await createStaff(db, CAST_MEMBERS[member]);
  }
  return cast;
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

/** The cast (or some of it, always with the coordinator) and an open round. */
export interface CastWithRound<K extends keyof Cast = keyof Cast> {
  readonly cast: Pick<Cast, K | 'coordinator'>;
  readonly roundId: string;
}

/**
 * Seeds the cast and opens a round with its coordinator: where most browser tests start
 * (see startAppWithOpenRound in tests/e2e/support/browser.ts). `members` limits the cast as in
 * seedAccounts; the coordinator is always there, as it opens the round.
 */
export async function seedCastWithOpenRound<K extends keyof Cast = keyof Cast>(
  db: Database,
  options: { members?: readonly K[]; roundId?: string; roundName?: string } = {},
): Promise<CastWithRound<K>> {
  const members = options.members ?? CAST_ORDER;
  const cast = (await seedAccounts(db, [...members, 'coordinator'])) as Pick<
    Cast,
    K | 'coordinator'
  >;
  const roundId = await openRound(db, cast.coordinator, options.roundId, options.roundName);
  return { cast, roundId };
}
