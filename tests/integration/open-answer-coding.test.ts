/**
 * Coding open answers (issue 13, helper B): codebooks, two independent coders, the final coding,
 * settling, theme counts with the small-cell rule, Cohen's kappa against a hand-computed example
 * and the audit trail. On PGlite and PostgreSQL.
 *
 * The data: question 47 of vrijwilligerswerk (an open question without basisfunctie), answered by
 * eleven municipalities of the 2009 register:
 *   Groningen province (PV20): 0003 Appingedam, 0005 Bedum, 0009 Ten Boer, 0017 Haren (< 20.000),
 *     0010 Delfzijl, 0018 Hoogezand-Sappemeer (20.000–50.000), 0014 Groningen (G27);
 *   Flevoland (PV24, only two: a small province): 0034 Almere, 0050 Zeewolde;
 *   G4: 0363 Amsterdam (PV27), 0344 Utrecht (PV26).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeAnswers } from '../../src/services/answer-store.ts';
import { describeAuditEvent } from '../../src/services/audit-text.ts';
import { readAgreement } from '../../src/services/open-answers/agreement-service.ts';
import {
  addTheme,
  createCodebook,
  moveTheme,
  readCodebook,
  removeTheme,
  updateTheme,
  type Codebook,
} from '../../src/services/open-answers/codebook-service.ts';
import {
  codeAnswer,
  CodingConflictError,
  readMyCodings,
  settleAnswer,
} from '../../src/services/open-answers/coding-service.ts';
import {
  computeAnswerId,
  readFinalThemes,
  type OpenAnswerSourceKey,
} from '../../src/services/open-answers/open-answer-service.ts';
import { countThemes } from '../../src/services/open-answers/theme-counts.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UserInputError,
} from '../../src/services/errors.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { queryRows } from '../../src/db/query.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedCastWithOpenRound, type Cast } from '../support/factories.ts';
import { ALLOWED_NAME_TOKENS, findMunicipalities } from '../support/municipality-scan.ts';

const KEY: OpenAnswerSourceKey = { questionnaire: 'vrijwilligerswerk', question: 47, part: 'text' };
const CODES = [
  '0003',
  '0005',
  '0009',
  '0010',
  '0014',
  '0017',
  '0018',
  '0034',
  '0050',
  '0363',
  '0344',
];

let database: TestDatabase;
let cast: Cast;
let roundId: string;
let salt: string;
let municipalities: { code: string; name: string }[];

const idOf = (code: string) => computeAnswerId(salt, KEY, code);

beforeAll(async () => {
  database = await createTestDatabase();
  ({ cast, roundId } = await seedCastWithOpenRound(database.db));
  const loaded = await loadRound(database.db, roundId);
  salt = loaded.round.answerKeySalt;
  municipalities = loaded.municipalities.map((m) => ({ code: m.code, name: m.name }));
  await database.db.transaction((tx) =>
    storeAnswers(
      tx,
      loaded,
      CODES.map((code, index) => ({
        municipalityCode: code,
        questionnaire: 'vrijwilligerswerk',
        question: 47,
        points: null,
        options: null,
        text: `Wij zoeken nog een goede interne structuur voor vrijwilligers (antwoord ${'abcdefghijk'[index]}).`,
      })),
      [],
    ),
  );
});

afterAll(async () => {
  await database.dispose();
});

let codebook: Codebook;
const theme = (name: string) => {
  const found = codebook.themes.find((t) => t.name === name);
  if (!found) throw new Error(`no theme ${name}`);
  return found.id;
};

describe('codebooks', () => {
  it('refuses making a codebook to a municipality and an advisor (403), allows the analyst', async () => {
    await expect(createCodebook(database.db, cast.municipality, roundId, KEY)).rejects.toThrow(
      ForbiddenError,
    );
    await expect(createCodebook(database.db, cast.advisor, roundId, KEY)).rejects.toThrow(
      ForbiddenError,
    );
    codebook = await createCodebook(database.db, cast.analyst, roundId, KEY);
    expect(codebook).toMatchObject({ version: 1, themes: [] });
  });

  it('refuses a second codebook for the same question (409)', async () => {
    await expect(createCodebook(database.db, cast.coordinator, roundId, KEY)).rejects.toThrow(
      ConflictError,
    );
  });

  it('refuses a codebook for an item that is not an open question (404)', async () => {
    await expect(
      createCodebook(database.db, cast.analyst, roundId, { ...KEY, question: 1 }),
    ).rejects.toThrow(NotFoundError);
  });

  it('adds themes, refusing an empty name, a name too long and a duplicate in other case', async () => {
    for (const name of ['Structuur', 'Vrijwilligers', 'Signalen']) {
      const result = await addTheme(
        database.db,
        cast.analyst,
        roundId,
        KEY,
        { name, description: `Over ${name.toLowerCase()}` },
        codebook.version,
      );
      if (!result.ok) throw new Error(result.issues[0]?.message);
      codebook = result.codebook;
    }
    expect(codebook.themes.map((t) => t.name)).toEqual(['Structuur', 'Vrijwilligers', 'Signalen']);
    expect(codebook.version).toBe(4);

    const empty = await addTheme(database.db, cast.analyst, roundId, KEY, { name: '  ' }, 4);
    expect(empty).toEqual({
      ok: false,
      issues: [{ field: 'name', message: 'Vul de naam van het thema in.' }],
    });
    const long = await addTheme(
      database.db,
      cast.analyst,
      roundId,
      KEY,
      { name: 'x'.repeat(81) },
      4,
    );
    expect(long.ok || long.issues[0]?.message).toMatch(/hoogstens 80 tekens/);
    const duplicate = await addTheme(
      database.db,
      cast.analyst,
      roundId,
      KEY,
      { name: 'structuur' },
      4,
    );
    expect(duplicate.ok || duplicate.issues[0]).toEqual({
      field: 'name',
      message:
        'Er is al een thema ‘Structuur’ in dit codeboek. Kies een andere naam, of pas dat thema aan.',
    });
    // A refusal writes nothing, not even the version.
    expect((await readCodebook(database.db, cast.analyst, roundId, KEY)).codebook?.version).toBe(4);
  });

  it('refuses a change from a stale version (409) and writes nothing', async () => {
    await expect(
      addTheme(database.db, cast.coordinator, roundId, KEY, { name: 'Nieuw' }, 3),
    ).rejects.toThrow(/intussen gewijzigd/);
    const after = await readCodebook(database.db, cast.municipality, roundId, KEY);
    expect(after.codebook?.themes.map((t) => t.name)).toEqual([
      'Structuur',
      'Vrijwilligers',
      'Signalen',
    ]);
    expect(after.codebook?.version).toBe(4);
  });

  it('edits and reorders a theme', async () => {
    const edited = await updateTheme(
      database.db,
      cast.coordinator,
      roundId,
      KEY,
      theme('Signalen'),
      { name: 'Signalen', description: 'Geen signalen van misbruik' },
      4,
    );
    if (!edited.ok) throw new Error('refused');
    expect(edited.theme.description).toBe('Geen signalen van misbruik');
    const moved = await moveTheme(
      database.db,
      cast.coordinator,
      roundId,
      KEY,
      theme('Signalen'),
      'up',
      5,
    );
    expect(moved.themes.map((t) => t.name)).toEqual(['Structuur', 'Signalen', 'Vrijwilligers']);
    codebook = await moveTheme(
      database.db,
      cast.coordinator,
      roundId,
      KEY,
      theme('Signalen'),
      'down',
      6,
    );
    expect(codebook.themes.map((t) => t.name)).toEqual(['Structuur', 'Vrijwilligers', 'Signalen']);
  });
});

// Coder A (the analyst, who codes first) and coder B (the coordinator) on the ten answers both
// code; S = Structuur, V = Vrijwilligers, G = Signalen.
//           0003 0005 0009 0010 0014 0017 0018 0034 0050 0363 | 0344
// A:        SV   S    SV   S    V    –    V    –    –    V    | S G
// B:        SV   SV   SV   –    SV   –    V    V    –    V    | (not coded)
const CODING_A: Record<string, string[]> = {
  '0003': ['Structuur', 'Vrijwilligers'],
  '0005': ['Structuur'],
  '0009': ['Structuur', 'Vrijwilligers'],
  '0010': ['Structuur'],
  '0014': ['Vrijwilligers'],
  '0017': [],
  '0018': ['Vrijwilligers'],
  '0034': [],
  '0050': [],
  '0363': ['Vrijwilligers'],
  '0344': ['Structuur', 'Signalen'],
};
const CODING_B: Record<string, string[]> = {
  '0003': ['Structuur', 'Vrijwilligers'],
  '0005': ['Structuur', 'Vrijwilligers'],
  '0009': ['Structuur', 'Vrijwilligers'],
  '0010': [],
  '0014': ['Structuur', 'Vrijwilligers'],
  '0017': [],
  '0018': ['Vrijwilligers'],
  '0034': ['Vrijwilligers'],
  '0050': [],
  '0363': ['Vrijwilligers'],
};

describe('coding', () => {
  it('refuses coding to a municipality and an advisor (403)', async () => {
    for (const user of [cast.municipality, cast.advisor]) {
      await expect(
        codeAnswer(database.db, user, roundId, KEY, idOf('0003'), [], 0),
      ).rejects.toThrow(ForbiddenError);
    }
  });

  it('stores two coders independently, each in their own row', async () => {
    for (const [code, names] of Object.entries(CODING_A)) {
      const saved = await codeAnswer(
        database.db,
        cast.analyst,
        roundId,
        KEY,
        idOf(code),
        names.map(theme),
        0,
      );
      expect(saved.revision).toBe(1);
    }
    for (const [code, names] of Object.entries(CODING_B)) {
      await codeAnswer(
        database.db,
        cast.coordinator,
        roundId,
        KEY,
        idOf(code),
        names.map(theme),
        0,
      );
    }
    const mine = await readMyCodings(database.db, cast.analyst, roundId, KEY);
    expect(mine.coded).toBe(11);
    expect(mine.total).toBe(11);
    expect(mine.codings.get(idOf('0005'))).toEqual({ themeIds: [theme('Structuur')], revision: 1 });
    const theirs = await readMyCodings(database.db, cast.coordinator, roundId, KEY);
    expect(theirs.coded).toBe(10);
    expect(theirs.codings.get(idOf('0005'))?.themeIds).toEqual([
      theme('Structuur'),
      theme('Vrijwilligers'),
    ]);
  });

  it('refuses a stale save (409) and overwrites nothing', async () => {
    const saved = await codeAnswer(
      database.db,
      cast.analyst,
      roundId,
      KEY,
      idOf('0017'),
      [theme('Signalen')],
      1,
    );
    expect(saved.revision).toBe(2);
    // Another tab still shows revision 1.
    const stale = codeAnswer(database.db, cast.analyst, roundId, KEY, idOf('0017'), [], 1);
    await expect(stale).rejects.toThrow(CodingConflictError);
    await expect(stale).rejects.toMatchObject({ status: 409 });
    expect(
      (await readMyCodings(database.db, cast.analyst, roundId, KEY)).codings.get(idOf('0017')),
    ).toEqual({ themeIds: [theme('Signalen')], revision: 2 });
    // Back to the table's coding for the counts below.
    await codeAnswer(database.db, cast.analyst, roundId, KEY, idOf('0017'), [], 2);
  });

  it('refuses a theme of no codebook (400) and an unknown answer (404)', async () => {
    await expect(
      codeAnswer(database.db, cast.analyst, roundId, KEY, idOf('0003'), [999_999], 1),
    ).rejects.toThrow(UserInputError);
    await expect(
      codeAnswer(database.db, cast.analyst, roundId, KEY, 'ffffffffffffffff', [], 0),
    ).rejects.toThrow(NotFoundError);
    // A municipality of the register that gave no answer to this question.
    await expect(
      codeAnswer(database.db, cast.analyst, roundId, KEY, idOf('0518'), [], 0),
    ).rejects.toThrow(NotFoundError);
  });

  it('takes the first coder’s coding as final', async () => {
    const final = await readFinalThemes(database.db, codebook.id);
    expect(final.get('0005')).toEqual([theme('Structuur')]);
    expect(final.get('0010')).toEqual([theme('Structuur')]);
  });
});

describe('theme counts', () => {
  it('counts nationally and by group, province and size class against a hand count', async () => {
    // Final (coder A): S in 0003 0005 0009 0010 0344 = 5; V in 0003 0009 0014 0018 0363 = 5;
    // G in 0344 = 1; of 11 coded answers.
    const byGroup = await countThemes(database.db, cast.analyst, roundId, KEY, 'group');
    expect(byGroup.national).toMatchObject({
      coded: 11,
      counts: [5, 5, 1],
      percents: [45.5, 45.5, 9.1],
    });
    // G4: 0363 (V), 0344 (S, G); G27: 0014 (V); overig: the other eight.
    expect(byGroup.breakdown?.rows.map((r) => [r.id, r.coded, r.counts])).toEqual([
      ['G4', 2, [1, 1, 1]],
      ['G27', 1, [0, 1, 0]],
      ['overig', 8, [4, 3, 0]],
    ]);
    const byProvince = await countThemes(database.db, cast.analyst, roundId, KEY, 'province');
    const provinces = byProvince.breakdown?.rows
      .filter((r) => r.coded > 0)
      .map((r) => [r.id, r.coded, r.counts]);
    expect(provinces).toEqual([
      ['PV20', 7, [4, 4, 0]],
      ['PV24', 2, [0, 0, 0]],
      ['PV26', 1, [1, 0, 1]],
      ['PV27', 1, [0, 1, 0]],
    ]);
    const bySize = await countThemes(database.db, cast.coordinator, roundId, KEY, 'size');
    expect(bySize.breakdown?.rows.map((r) => [r.id, r.coded, r.counts])).toEqual([
      ['lt-20000', 4, [3, 2, 0]],
      ['20000-50000', 3, [1, 1, 0]],
      ['50000-100000', 0, [0, 0, 0]],
      ['100000-250000', 2, [0, 1, 0]],
      ['ge-250000', 2, [1, 1, 1]],
    ]);
  });

  it('withholds small cells from a municipality account, with secondary suppression', async () => {
    const counts = await countThemes(database.db, cast.municipality, roundId, KEY, 'group');
    expect(counts.protection).toBe('small-cells');
    expect(counts.national.counts).toEqual([5, 5, 1]);
    // G4 (2) and G27 (1) are under five; together 3, so overig (8) is withheld too.
    expect(counts.breakdown?.rows.map((r) => [r.id, r.coded, r.suppressed, r.counts])).toEqual([
      ['G4', 2, true, [null, null, null]],
      ['G27', 1, true, [null, null, null]],
      ['overig', 8, true, [null, null, null]],
    ]);
    const staff = await countThemes(database.db, cast.advisor, roundId, KEY, 'group');
    expect(staff.breakdown?.rows.every((r) => !r.suppressed)).toBe(true);
  });
});

describe('agreement', () => {
  it("computes Cohen's kappa per theme against the hand-computed tables", async () => {
    // Over the ten answers both coded:
    // Structuur:     B yes  B no          Vrijwilligers: B yes  B no        Signalen: nobody
    //       A yes      3      1                  A yes     5      0           gave it: pₑ = 1,
    //       A no       1      5                  A no      2      3           κ undefined
    // pₒ = 8/10, pₑ = .4×.4 + .6×.6 = .52     pₒ = 8/10, pₑ = .5×.7 + .5×.3 = .5
    // κ = (.8 − .52) / (1 − .52) = 7/12        κ = (.8 − .5) / (1 − .5) = 0.6
    const view = await readAgreement(database.db, cast.analyst, roundId, KEY);
    expect(view.pair?.a.name).toBe(cast.analyst.name);
    expect(view.pair?.b.name).toBe(cast.coordinator.name);
    expect(view.common).toBe(10);
    const [structuur, vrijwilligers, signalen] = view.themes;
    expect(structuur?.table).toEqual({ both: 3, onlyA: 1, onlyB: 1, neither: 5 });
    expect(structuur?.kappa).toBeCloseTo(7 / 12, 12);
    expect(structuur?.interpretation).toBe('matig');
    expect(vrijwilligers?.table).toEqual({ both: 5, onlyA: 0, onlyB: 2, neither: 3 });
    expect(vrijwilligers?.kappa).toBeCloseTo(0.6, 12);
    expect(signalen).toMatchObject({ kappa: null, reason: 'no-variation', n: 10 });
    // Same sets on 0003, 0009, 0017, 0018, 0050, 0363: 6 of 10.
    expect(view.observedAgreement).toBe(0.6);
    expect(view.disagreements.map((d) => d.answer.id).sort()).toEqual(
      ['0005', '0010', '0014', '0034'].map(idOf).sort(),
    );
  });

  it('shows the analyst the disagreements without any municipality name or code', async () => {
    const view = await readAgreement(database.db, cast.analyst, roundId, KEY);
    const json = JSON.stringify(view);
    const found = findMunicipalities({ json }, municipalities);
    // Groningen is also a province, which an anonymised origin may name.
    expect(found.names.filter((name) => !ALLOWED_NAME_TOKENS.includes(name))).toEqual([]);
    expect(found.codes).toEqual([]);
    expect(view.disagreements.every((d) => d.answer.municipality === null)).toBe(true);
  });

  it('refuses the agreement to an advisor and a municipality (403)', async () => {
    for (const user of [cast.advisor, cast.municipality]) {
      await expect(readAgreement(database.db, user, roundId, KEY)).rejects.toThrow(ForbiddenError);
    }
  });

  it('settles a disagreement: the settlement counts, the coders’ rows and kappa stay', async () => {
    await settleAnswer(database.db, cast.analyst, roundId, KEY, idOf('0005'), [
      theme('Vrijwilligers'),
      theme('Structuur'),
    ]);
    const final = await readFinalThemes(database.db, codebook.id);
    expect(final.get('0005')).toEqual([theme('Structuur'), theme('Vrijwilligers')]);
    const view = await readAgreement(database.db, cast.coordinator, roundId, KEY);
    expect(view.themes[0]?.kappa).toBeCloseTo(7 / 12, 12);
    expect(view.disagreements.find((d) => d.answer.id === idOf('0005'))?.settled).toEqual([
      theme('Structuur'),
      theme('Vrijwilligers'),
    ]);
    // The final coding follows the settlement; before it, the first coder's.
    expect(view.disagreements.find((d) => d.answer.id === idOf('0005'))?.final).toEqual([
      theme('Structuur'),
      theme('Vrijwilligers'),
    ]);
    expect(view.disagreements.find((d) => d.answer.id === idOf('0010'))?.final).toEqual([
      theme('Structuur'),
    ]);
    const counts = await countThemes(database.db, cast.analyst, roundId, KEY);
    expect(counts.national.counts).toEqual([5, 6, 1]);
  });
});

describe('removing a theme', () => {
  it('removes it from every coding and settlement in one go, and says how many', async () => {
    const current = await readCodebook(database.db, cast.analyst, roundId, KEY);
    const result = await removeTheme(
      database.db,
      cast.analyst,
      roundId,
      KEY,
      theme('Structuur'),
      current.codebook?.version ?? 0,
    );
    // Coder A: 0003 0005 0009 0010 0344 (5); coder B: 0003 0005 0009 0014 (4); settled: 0005.
    expect(result.codingsTouched).toBe(9);
    expect(result.settlementsTouched).toBe(1);
    expect(result.codebook.themes.map((t) => t.name)).toEqual(['Vrijwilligers', 'Signalen']);
    const left = await queryRows<{ n: number | string }>(
      database.db,
      sql`select count(*) as n from answer_codings where ${theme('Structuur')} = any(theme_ids)`,
    );
    expect(Number(left[0]?.n)).toBe(0);
    // The coder's revision rose, so a page that still showed the theme cannot save it back.
    const mine = await readMyCodings(database.db, cast.analyst, roundId, KEY);
    expect(mine.codings.get(idOf('0003'))).toEqual({
      themeIds: [theme('Vrijwilligers')],
      revision: 2,
    });
    codebook = result.codebook;
  });
});

describe('the audit trail', () => {
  it('records every change with round and municipality, described in Dutch', async () => {
    const events = await queryRows<{
      action: string;
      subject: string;
      round_id: string | null;
      municipality_code: string | null;
      old_value: unknown;
      new_value: unknown;
    }>(
      database.db,
      sql`select action, subject, round_id, municipality_code, old_value, new_value
          from audit_events where action like 'codebook.%' or action like 'open-answer.%'
          order by id`,
    );
    const actions = new Set(events.map((e) => e.action));
    expect([...actions].sort()).toEqual([
      'codebook.created',
      'codebook.theme-added',
      'codebook.theme-changed',
      'codebook.theme-removed',
      'open-answer.coded',
      'open-answer.settled',
    ]);
    expect(events.every((e) => e.round_id === roundId)).toBe(true);
    const describe = (e: (typeof events)[number]) =>
      describeAuditEvent(
        { action: e.action, subject: e.subject, oldValue: e.old_value, newValue: e.new_value },
        { provinceNames: new Map(), municipalityNames: new Map() },
      );
    const recoded = events.find(
      (e) =>
        e.action === 'open-answer.coded' && e.municipality_code === '0017' && e.old_value !== null,
    );
    expect(recoded && describe(recoded)).toMatchObject({
      kind: 'Codering open antwoord',
      description: 'codering Vrijwilligerswerk · vraag 47 (open antwoord)',
      oldText: 'geen thema',
      newText: 'Signalen',
    });
    const settled = events.find((e) => e.action === 'open-answer.settled');
    expect(settled?.municipality_code).toBe('0005');
    expect(settled && describe(settled)).toMatchObject({
      kind: 'Besluit codering',
      oldText: 'geen besluit',
      newText: 'Structuur, Vrijwilligers',
    });
    const removed = events.find((e) => e.action === 'codebook.theme-removed');
    expect(removed && describe(removed)).toMatchObject({
      kind: 'Codeboek',
      description:
        'codeboek Vrijwilligerswerk · vraag 47 (open antwoord): thema ‘Structuur’ verwijderd',
      newText: 'verwijderd uit 9 coderingen en 1 besluit',
    });
  });
});
