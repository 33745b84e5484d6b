/**
 * Prefilled follow-up (issue 11, decision 021): the round's setting, prefilling when the round
 * opens (same register, and 2009 → 2025 with the merged Eemsdelta), confirming each answer with
 * the conflict rule, submitting only when every prefilled answer is confirmed, what counts as
 * given, and the audit trail.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../src/db/repositories/answer-repository.ts';
import { answerRevisions, answers, auditEvents, responses } from '../../src/db/schema.ts';
import { storeAnswers } from '../../src/services/answer-store.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import { describeAuditEvents } from '../../src/services/audit-text.ts';
import { ConflictError, ForbiddenError, UserInputError } from '../../src/services/errors.ts';
import { listPreviousRoundChoices, setRoundPrefill } from '../../src/services/prefill-service.ts';
import {
  loadQuestionnaire,
  saveAnswers,
  submitQuestionnaire,
  type QuestionnaireKey,
} from '../../src/services/questionnaire-service.ts';
import { changeRoundStatus, createRound, loadRound } from '../../src/services/round-service.ts';
import { readAuditTrail } from '../../src/services/audit-trail-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedAccounts } from '../support/factories.ts';

let database: TestDatabase;
let coordinator: StaffUser;
let advisor: StaffUser;
let amsterdam: StaffUser;

const value = (
  municipalityCode: string,
  question: number,
  points: number | null,
  options: string[] | null = null,
  text: string | null = null,
  questionnaire = 'mantelzorg',
): AnswerValue => ({ municipalityCode, questionnaire, question, points, options, text });

/**
 * The earlier round, on the 2009 register: Amsterdam on a few items, and Weesp (which
 * merged into Amsterdam in 2022) alike except on item 11 and without the questionnaire on
 * volunteer work; the three
 * municipalities that became Eemsdelta agree on items 1 and 3, differ on item 2, and only two
 * of them answered item 4.
 */
const EARLIER: AnswerValue[] = [
  value('0363', 1, 3),
  value('0363', 2, 2),
  value('0363', 3, null, ['informatie', 'respijtzorg']),
  value('0363', 4, 1),
  value('0363', 11, 3),
  value('0363', 7, 2, null, null, 'vrijwilligerswerk'),
  value('0363', 11, null, null, 'Eigen tekst', 'vrijwilligerswerk'),
  value('0457', 1, 3),
  value('0457', 2, 2),
  value('0457', 3, null, ['respijtzorg', 'informatie']),
  value('0457', 4, 1),
  value('0457', 11, 2),
  ...['0003', '0010', '0024'].flatMap((code, index) => [
    value(code, 1, 3),
    value(code, 2, index === 1 ? 1 : 2),
    value(code, 3, null, ['respijtzorg', 'informatie']),
    ...(index < 2 ? [value(code, 4, 2)] : []),
  ]),
];

async function readAnswers(roundId: string, code: string, questionnaire = 'mantelzorg') {
  return database.db
    .select()
    .from(answers)
    .where(
      and(
        eq(answers.roundId, roundId),
        eq(answers.municipalityCode, code),
        eq(answers.questionnaire, questionnaire),
      ),
    )
    .orderBy(answers.question);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  ({
    coordinator,
    advisor,
    municipality: amsterdam,
  } = await seedAccounts(db, ['coordinator', 'advisor', 'municipality']));
  await createRound(db, { id: 'eerder', name: 'Meting 2009', status: 'closed' });
  await db.transaction(async (tx) => {
    await storeAnswers(tx, await loadRound(tx, 'eerder'), EARLIER, []);
  });
  await createRound(db, { id: 'zelfde', name: 'Vervolg 2009', status: 'concept' });
  await createRound(db, {
    id: 'later',
    name: 'Vervolg 2025',
    status: 'concept',
    registerId: '2025',
  });
});

afterAll(async () => {
  await database.dispose();
});

describe('the prefill setting', () => {
  it('offers the rounds whose register leads to this one', async () => {
    const round = (await loadRound(database.db, 'later')).round;
    const choices = await listPreviousRoundChoices(database.db, round);
    expect(choices.map((c) => [c.id, c.canPrefill])).toEqual([
      ['eerder', true],
      ['zelfde', true],
    ]);
  });

  it('is for the coordinator only', async () => {
    await expect(
      setRoundPrefill(database.db, advisor, 'later', { vorige: 'eerder', vooraf: 'ja' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses prefill without a previous round, and an unknown previous round, in Dutch', async () => {
    await expect(
      setRoundPrefill(database.db, coordinator, 'later', { vorige: '', vooraf: 'ja' }),
    ).rejects.toThrow('Kies de vorige meting');
    await expect(
      setRoundPrefill(database.db, coordinator, 'later', { vorige: 'bestaat-niet', vooraf: 'ja' }),
    ).rejects.toBeInstanceOf(UserInputError);
  });

  it('never lets a real round follow a synthetic demonstration round', async () => {
    await createRound(database.db, { id: 'demo', status: 'closed', synthetic: true });
    await expect(
      setRoundPrefill(database.db, coordinator, 'later', { vorige: 'demo', vooraf: 'ja' }),
    ).rejects.toThrow('synthetische demonstratiemeting');
  });

  it('stores the previous round and prefill, audited', async () => {
    const round = await setRoundPrefill(database.db, coordinator, 'later', {
      vorige: 'eerder',
      vooraf: 'ja',
    });
    expect(round).toMatchObject({ previousRoundId: 'eerder', prefill: true });
    await setRoundPrefill(database.db, coordinator, 'zelfde', { vorige: 'eerder', vooraf: 'ja' });
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'round.prefill'), eq(auditEvents.roundId, 'later')));
    expect(events).toHaveLength(1);
    expect(events[0]?.newValue).toEqual({ previousRoundId: 'eerder', prefill: true });
  });
});

describe('prefilling when the round opens', () => {
  beforeAll(async () => {
    await changeRoundStatus(database.db, coordinator, 'zelfde', 'open');
    await changeRoundStatus(database.db, coordinator, 'later', 'open');
  });

  it('starts a round on the same register from each municipality’s own answers', async () => {
    const rows = await readAnswers('zelfde', '0363');
    expect(
      rows.map((r) => [r.question, r.points, r.options, r.prefilledFrom, r.confirmedAt]),
    ).toEqual([
      [1, 3, null, 'eerder', null],
      [2, 2, null, 'eerder', null],
      [3, null, ['informatie', 'respijtzorg'], 'eerder', null],
      [4, 1, null, 'eerder', null],
      [11, 3, null, 'eerder', null],
    ]);
    const open = await readAnswers('zelfde', '0363', 'vrijwilligerswerk');
    expect(open.map((r) => [r.question, r.points, r.text])).toEqual([
      [7, 2, null],
      [11, null, 'Eigen tekst'],
    ]);
    const history = await database.db
      .select()
      .from(answerRevisions)
      .where(
        and(eq(answerRevisions.roundId, 'zelfde'), eq(answerRevisions.municipalityCode, '0363')),
      );
    expect(history.every((r) => r.prefilledFrom === 'eerder' && r.revision === 1)).toBe(true);
  });

  it('gives a merged municipality only the answers all its predecessors gave alike', async () => {
    // Eemsdelta (1979) = Appingedam, Delfzijl, Loppersum: item 2 differs, item 4 was not
    // answered by Loppersum, item 3 holds the same options in another order.
    const rows = await readAnswers('later', '1979');
    expect(rows.map((r) => [r.question, r.points, r.options])).toEqual([
      [1, 3, null],
      [3, null, ['informatie', 'respijtzorg']],
    ]);
    // Amsterdam continues Amsterdam and Weesp on the 2025 register: item 11 differs, and
    // Weesp did not give the questionnaire on volunteer work, so none of it is prefilled.
    expect((await readAnswers('later', '0363')).map((r) => r.question)).toEqual([1, 2, 3, 4]);
    expect(await readAnswers('later', '0363', 'vrijwilligerswerk')).toEqual([]);
    // A municipality without answers in the earlier round starts empty.
    expect(await readAnswers('later', '0014')).toEqual([]);
  });

  it('does not count unconfirmed prefilled answers as given', async () => {
    const [summary] = await database.db
      .select()
      .from(responses)
      .where(
        and(
          eq(responses.roundId, 'later'),
          eq(responses.municipalityCode, '0363'),
          eq(responses.questionnaire, 'mantelzorg'),
        ),
      );
    expect(summary?.answerCount).toBe(0);
    expect(summary?.scaleVector).toMatch(/^0+$/);
    const page = await loadQuestionnaire(database.db, amsterdam, {
      roundId: 'later',
      municipalityCode: '0363',
      questionnaire: 'mantelzorg',
    });
    expect(page.status).toBe('not-started');
    expect(page.progress[0]).toMatchObject({ answered: 0, unconfirmed: 4 });
    expect(page.answers.get(1)).toMatchObject({
      points: 3,
      pending: true,
      prefilledFrom: 'eerder',
    });
  });

  it('records one audit event per prefilled questionnaire, described in words', async () => {
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'answer.prefilled'),
          eq(auditEvents.roundId, 'later'),
          eq(auditEvents.municipalityCode, '1979'),
        ),
      );
    expect(events.map((e) => e.newValue)).toEqual([{ from: 'eerder', questions: [1, 3] }]);
    const loaded = await loadRound(database.db, 'later');
    const [described] = describeAuditEvents(events, {
      instrument: loaded.instrument,
      municipalityNames: new Map(),
      provinceNames: new Map(),
    } as never);
    expect(described).toMatchObject({ kind: 'Vooraf ingevuld', questionnaire: 'mantelzorg' });
    expect(described?.newText).toContain('meting eerder');
  });

  it('never overwrites an existing answer when a round opens again', async () => {
    const key = { roundId: 'zelfde', municipalityCode: '0363', questionnaire: 'mantelzorg' };
    await saveAnswers(database.db, coordinator, key, [
      { question: 1, value: '1', baseRevision: 1 },
    ]);
    await changeRoundStatus(database.db, coordinator, 'zelfde', 'closed');
    await changeRoundStatus(database.db, coordinator, 'zelfde', 'open');
    const [first] = await readAnswers('zelfde', '0363');
    expect(first).toMatchObject({ question: 1, points: 1, revision: 2 });
  });
});

describe('confirming and submitting', () => {
  const key: QuestionnaireKey = {
    roundId: 'later',
    municipalityCode: '0363',
    questionnaire: 'mantelzorg',
  };

  it('refuses to submit while prefilled answers are unconfirmed, and lists them', async () => {
    const result = await submitQuestionnaire(database.db, amsterdam, key);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.unconfirmed.map((item) => item.number)).toEqual([1, 2, 3, 4]);
  });

  it('confirms an answer unchanged: confirmed_at/by, a confirmed revision, an audit event', async () => {
    const result = await saveAnswers(database.db, amsterdam, key, [
      { question: 1, value: '3', baseRevision: 1, confirm: true },
    ]);
    expect(result).toMatchObject({ ok: true, saved: 1, conflicts: [] });
    const [row] = await readAnswers('later', '0363');
    expect(row).toMatchObject({
      question: 1,
      points: 3,
      revision: 2,
      prefilledFrom: 'eerder',
      confirmedBy: amsterdam.id,
    });
    expect(row?.confirmedAt).toBeInstanceOf(Date);
    const history = await database.db
      .select()
      .from(answerRevisions)
      .where(
        and(
          eq(answerRevisions.roundId, 'later'),
          eq(answerRevisions.municipalityCode, '0363'),
          eq(answerRevisions.question, 1),
        ),
      )
      .orderBy(answerRevisions.revision);
    expect(history.map((r) => [r.revision, r.prefilledFrom, r.confirmed])).toEqual([
      [1, 'eerder', false],
      [2, null, true],
    ]);
    const page = await loadQuestionnaire(database.db, amsterdam, key);
    expect(page.answers.get(1)).toMatchObject({ pending: false, confirmedBy: amsterdam.name });
    expect(page.progress[0]).toMatchObject({ answered: 1, unconfirmed: 3 });
    const trail = await readAuditTrail(database.db, coordinator, 'later', '0363');
    const confirmed = trail.events.find((e) => e.kind === 'Bevestigd');
    expect(confirmed).toMatchObject({ question: 1, actor: amsterdam.name });
  });

  it('confirms an answer by changing it, and then counts it as given', async () => {
    const result = await saveAnswers(database.db, amsterdam, key, [
      { question: 2, value: '3', baseRevision: 1 },
    ]);
    expect(result).toMatchObject({ ok: true, saved: 1 });
    const rows = await readAnswers('later', '0363');
    expect(rows[1]).toMatchObject({ question: 2, points: 3, confirmedBy: amsterdam.id });
    const [summary] = await database.db
      .select()
      .from(responses)
      .where(
        and(
          eq(responses.roundId, 'later'),
          eq(responses.municipalityCode, '0363'),
          eq(responses.questionnaire, 'mantelzorg'),
        ),
      );
    expect(summary?.answerCount).toBe(2);
  });

  it('does not confirm an answer when only its note changes', async () => {
    await saveAnswers(database.db, amsterdam, key, [
      { question: 4, value: '1', note: 'Zie de beleidsnota', baseRevision: 1 },
    ]);
    const page = await loadQuestionnaire(database.db, amsterdam, key);
    expect(page.answers.get(4)).toMatchObject({
      points: 1,
      note: 'Zie de beleidsnota',
      pending: true,
    });
  });

  it('never lets a stale confirmation undo a colleague’s change: a conflict to settle', async () => {
    // The advisor changes item 3 (which confirms it); Amsterdam, on the old page, confirms the
    // old options: that is a conflict, not a silent overwrite.
    await saveAnswers(database.db, advisor, key, [
      { question: 3, value: ['educatie'], baseRevision: 1 },
    ]);
    const stale = await saveAnswers(database.db, amsterdam, key, [
      { question: 3, value: ['informatie', 'respijtzorg'], baseRevision: 1, confirm: true },
    ]);
    expect(stale.ok && stale.conflicts.map((c) => [c.question, c.parts, c.theirs.options])).toEqual(
      [[3, ['options'], ['educatie']]],
    );
    expect((await readAnswers('later', '0363'))[2]?.options).toEqual(['educatie']);
    // Having seen it, Amsterdam keeps its own answer deliberately.
    const settled = await saveAnswers(database.db, amsterdam, key, [
      {
        question: 3,
        value: ['informatie', 'respijtzorg'],
        baseRevision: 1,
        confirm: true,
        resolution: { choice: 'mine', seenRevision: 2 },
      },
    ]);
    expect(settled).toMatchObject({ ok: true, saved: 1, conflicts: [] });
    expect((await readAnswers('later', '0363'))[2]?.options).toEqual(['informatie', 'respijtzorg']);
  });

  it('accepts the questionnaire once every prefilled answer is confirmed', async () => {
    await saveAnswers(database.db, amsterdam, key, [
      { question: 4, value: '1', baseRevision: 2, confirm: true },
    ]);
    const page = await loadQuestionnaire(database.db, amsterdam, key);
    expect([...page.answers.values()].filter((a) => a.pending)).toEqual([]);
    const result = await submitQuestionnaire(database.db, amsterdam, key);
    // The items nobody answered are still missing; none is unconfirmed any more.
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.unconfirmed).toEqual([]);
  });
});

describe('importing over prefilled answers', () => {
  it('counts an imported answer as given, also where it repeats the prefilled value', async () => {
    await database.db.transaction(async (tx) => {
      await storeAnswers(
        tx,
        await loadRound(tx, 'later'),
        [value('1979', 1, 3), value('1979', 3, null, ['educatie'])],
        [],
      );
    });
    const rows = await readAnswers('later', '1979');
    expect(rows.map((r) => [r.question, r.points, r.options, r.confirmedAt !== null])).toEqual([
      [1, 3, null, true],
      [3, null, ['educatie'], true],
    ]);
    const [summary] = await database.db
      .select()
      .from(responses)
      .where(
        and(
          eq(responses.roundId, 'later'),
          eq(responses.municipalityCode, '1979'),
          eq(responses.questionnaire, 'mantelzorg'),
        ),
      );
    expect(summary?.answerCount).toBe(2);
  });
});

describe('refusals', () => {
  it('refuses to change the setting once the round is open', async () => {
    await expect(
      setRoundPrefill(database.db, coordinator, 'later', { vorige: '', vooraf: '' }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
