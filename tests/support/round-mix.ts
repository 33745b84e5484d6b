/**
 * A national round with a realistic mix of statuses, set up through the services as users
 * would: 127 municipalities invited (Groningen, Drenthe, Utrecht, Noord-Holland), some
 * accounts made, answers, submissions, 'doet later mee' and 'doet niet mee', and one
 * municipality that began without an invitation. The other 314 are not invited.
 */
import type { Database } from '../../src/db/client.ts';
import { loadInstrument } from '../../src/instruments/index.ts';
import { acceptInvitation, inviteMunicipalities } from '../../src/services/invitation-service.ts';
import { createMailer } from '../../src/services/mail-service.ts';
import { setParticipation } from '../../src/services/participation-service.ts';
import { saveAnswers, submitQuestionnaire } from '../../src/services/questionnaire-service.ts';
import { loadRound } from '../../src/services/round-service.ts';
import type { Cast } from './factories.ts';
import { readOutbox, TEST_LINKS, TEST_PASSWORD } from './factories.ts';

/** The provinces whose municipalities are invited. */
export const MIX_PROVINCES = ['PV20', 'PV22', 'PV26', 'PV27'];

/** Which municipalities are where, for assertions. */
export const MIX = {
  /** Submitted both questionnaires. */
  submitted: ['0003', '0005', '0007', '0355', '0344', '0358'],
  /** Answered a little of mantelzorg, or submitted only one questionnaire. */
  inProgress: ['0009', '0010', '0014', '0017', '0310', '0312', '0361', '0362'],
  /** Submitted vrijwilligerswerk only (also in progress). */
  oneSubmitted: ['0310', '0312'],
  /** Made their account with the invitation, nothing answered. */
  accepted: ['0015', '0018', '0321'],
  later: ['0022', '0024'],
  declined: ['0025', '0037'],
  /** Began without an invitation (Limburg: Maastricht), filled in by the coordinator. */
  uninvited: '0935',
  /** Invited to the address of its existing account: nothing to accept. */
  amsterdam: '0363',
} as const;

const mailer = createMailer();

function scaleItems(questionnaire: string) {
  const items = loadInstrument('2009').questionnaires.find((q) => q.id === questionnaire)?.items;
  return (items ?? []).filter((item) => item.kind === 'scale');
}

async function answer(
  db: Database,
  cast: Cast,
  roundId: string,
  code: string,
  questionnaire: string,
  count: number,
): Promise<void> {
  const items = scaleItems(questionnaire).slice(0, count);
  const result = await saveAnswers(
    db,
    cast.coordinator,
    { roundId, municipalityCode: code, questionnaire },
    items.map((item) => ({ question: item.number, value: '2', note: '', baseRevision: 0 })),
  );
  if (!result.ok) throw new Error(`could not answer for ${code}`);
}

async function submit(
  db: Database,
  cast: Cast,
  roundId: string,
  code: string,
  questionnaire: string,
) {
  await answer(db, cast, roundId, code, questionnaire, 1000);
  const result = await submitQuestionnaire(db, cast.coordinator, {
    roundId,
    municipalityCode: code,
    questionnaire,
  });
  if (!result.ok) throw new Error(`could not submit for ${code}`);
}

/** Sets up the mix in an open round; the cast must exist (seedAccounts). */
export async function seedRoundMix(db: Database, cast: Cast, roundId: string): Promise<void> {
  const loaded = await loadRound(db, roundId);
  const contacts = loaded.municipalities
    .filter((m) => MIX_PROVINCES.includes(m.provinceCode))
    .map((m) =>
      m.code === MIX.amsterdam
        ? `GM${m.code};beleid@amsterdam.nl`
        : `GM${m.code};contact@gm${m.code}.example.nl`,
    )
    .join('\n');
  const invited = await inviteMunicipalities(db, mailer, cast.coordinator, {
    roundId,
    contacts,
    links: TEST_LINKS,
  });
  if (!invited.ok) throw new Error(JSON.stringify(invited.errors));
  const outbox = await readOutbox(db);
  for (const code of MIX.accepted) {
    const mail = outbox.find((m) => m.to === `contact@gm${code}.example.nl`);
    const token = /\/uitnodiging\/([\w-]+)/.exec(mail?.body ?? '')?.[1] ?? '';
    const accepted = await acceptInvitation(db, token, {
      name: `Contact ${code}`,
      password: TEST_PASSWORD,
      confirmation: TEST_PASSWORD,
      clientAddress: '127.0.0.1',
    });
    if (!accepted.ok) throw new Error(`could not accept for ${code}`);
  }
  for (const code of MIX.submitted) {
    await submit(db, cast, roundId, code, 'vrijwilligerswerk');
    await submit(db, cast, roundId, code, 'mantelzorg');
  }
  for (const code of MIX.inProgress) {
    if ((MIX.oneSubmitted as readonly string[]).includes(code))
      await submit(db, cast, roundId, code, 'vrijwilligerswerk');
    else await answer(db, cast, roundId, code, 'mantelzorg', 3);
  }
  await answer(db, cast, roundId, MIX.uninvited, 'vrijwilligerswerk', 2);
  for (const code of MIX.later)
    await setParticipation(db, cast.coordinator, {
      roundId,
      municipalityCode: code,
      form: { status: 'later', reason: 'personeelstekort' },
    });
  for (const code of MIX.declined)
    await setParticipation(db, cast.coordinator, {
      roundId,
      municipalityCode: code,
      form: { status: 'declined', reason: 'onderzoeksmoeheid' },
    });
}
