/**
 * Reading, searching and quoting the open answers and notes of a round (issue 13, helper A),
 * on PGlite and PostgreSQL: Dutch stemming, phrases and notes; the filters and the band;
 * paging; who sees which names; the anonymisation rule with a province of 3 respondents; the
 * withheld answers of a small selection; quotes with their audit trail and in the national
 * report; and `bfm open-answers --json`.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { EMPTY_FILTER } from '../../src/domain/analysis-filter.ts';
import { queryRows } from '../../src/db/query.ts';
import { answerCodings, codebooks, codebookThemes } from '../../src/db/schema.ts';
import { listAuditEvents } from '../../src/services/audit-service.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import { ForbiddenError, NotFoundError, UserInputError } from '../../src/services/errors.ts';
import {
  computeAnswerId,
  listOpenAnswerSources,
  readOpenAnswers,
  searchRoundOpenAnswers,
  type OpenAnswerQuery,
  type OpenAnswerSourceKey,
} from '../../src/services/open-answers/open-answer-service.ts';
import { listReportQuotes, setQuote } from '../../src/services/open-answers/quote-service.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { bfm } from '../support/cli.ts';
import {
  createTestDatabase,
  createTestEnvironment,
  type TestDatabase,
} from '../support/database.ts';
import { seedAccounts, type Cast } from '../support/factories.ts';
import { ALLOWED_NAME_TOKENS, findMunicipalities } from '../support/municipality-scan.ts';
import {
  createOpenAnswerRound,
  NOTES1,
  NOTES_1,
  OPEN_ROUND,
  Q11,
  Q47,
  TEXTS_11,
  TEXTS_47,
} from '../support/open-answer-round.ts';

let database: TestDatabase;
let cast: Cast;
let salt: string;
let register: { code: string; name: string }[];

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
  await createOpenAnswerRound(database.db);
  const loaded = await loadRound(database.db, OPEN_ROUND);
  salt = loaded.round.answerKeySalt;
  register = loaded.municipalities.map((m) => ({ code: m.code, name: m.name }));
}, 180_000);

afterAll(async () => {
  await database?.dispose();
});

const query = (overrides: Partial<OpenAnswerQuery> = {}): OpenAnswerQuery => ({
  filter: EMPTY_FILTER,
  band: null,
  search: '',
  page: 1,
  pageSize: 100,
  ...overrides,
});

const read = (
  user: StaffUser,
  key: OpenAnswerSourceKey,
  overrides: Partial<OpenAnswerQuery> = {},
) => readOpenAnswers(database.db, user, OPEN_ROUND, key, query(overrides));

const codesOf = (answers: readonly { municipality: { code: string } | null }[]) =>
  answers.map((a) => a.municipality?.code).sort();

const idOf = (key: OpenAnswerSourceKey, code: string) => computeAnswerId(salt, key, code);

describe('searching the open answers', () => {
  it('finds every form of a word by its Dutch stem: vrijwilligers also finds vrijwilliger', async () => {
    const page = await read(cast.coordinator, Q47, { search: 'vrijwilligers' });
    // 'vrijwilligerscentrale' is a different word (a compound), and 'Vrijwilligerswerk' too.
    expect(codesOf(page.answers)).toEqual(['0200', '0243', '0363']);
    expect(page.total).toBe(3);
  });

  it('marks the matched words in the segments, and only those', async () => {
    const page = await read(cast.coordinator, Q47, { search: 'vrijwilligers' });
    const apeldoorn = page.answers.find((a) => a.municipality?.code === '0200');
    expect(apeldoorn?.segments).toEqual([
      { text: 'De ', match: false },
      { text: 'vrijwilliger', match: true },
      { text: ' krijgt een waarderingsbon van de gemeente.', match: false },
    ]);
    expect(apeldoorn?.segments.map((s) => s.text).join('')).toBe(TEXTS_47['0200']);
  });

  it('searches a phrase, or, and a word that must not occur', async () => {
    expect(
      codesOf((await read(cast.coordinator, Q47, { search: '"interne structuur"' })).answers),
    ).toEqual(['0243', '0301']);
    expect(
      codesOf((await read(cast.coordinator, Q47, { search: 'respijtzorg or signalen' })).answers),
    ).toEqual(['0197', '0213']);
    expect(
      codesOf((await read(cast.coordinator, Q47, { search: 'agenda -college' })).answers),
    ).toEqual(['0050']);
    // Only stop words: nothing to search for, so every answer.
    expect((await read(cast.coordinator, Q47, { search: 'de het' })).total).toBe(
      Object.keys(TEXTS_47).length,
    );
  });

  it('finds words that occur only in a note on the toelichting page, not on the answers', async () => {
    const notes = await read(cast.coordinator, NOTES1, { search: 'stage' });
    expect(codesOf(notes.answers)).toEqual(['0200']);
    expect(notes.answers[0]?.text).toBe(NOTES_1['0200']);
    const all = await read(cast.coordinator, NOTES1);
    expect(codesOf(all.answers)).toEqual(['0200', '0301']);
    expect((await read(cast.coordinator, Q47, { search: 'stage' })).total).toBe(0);
  });

  it('searches the whole round at once, answers and notes, best match first', async () => {
    const result = await searchRoundOpenAnswers(database.db, cast.coordinator, OPEN_ROUND, {
      filter: EMPTY_FILTER,
      search: 'visie',
      page: 1,
      pageSize: 50,
    });
    const found = result.hits.map(
      (h) => `${h.source.question}-${h.source.part}-${h.municipality?.code}`,
    );
    expect(found.sort()).toEqual(['1-note-0200', '1-note-0301', '11-text-0228'].sort());
    expect(result.hits.every((h) => h.segments.some((s) => s.match && /visie/i.test(s.text)))).toBe(
      true,
    );
    await expect(
      searchRoundOpenAnswers(database.db, cast.coordinator, OPEN_ROUND, {
        filter: EMPTY_FILTER,
        search: '  ',
        page: 1,
        pageSize: 50,
      }),
    ).rejects.toBeInstanceOf(UserInputError);
  });
});

describe('the round search: selection, withheld answers and pages', () => {
  const roundSearch = (user: StaffUser, overrides: Partial<OpenAnswerQuery> = {}) =>
    searchRoundOpenAnswers(database.db, user, OPEN_ROUND, {
      filter: EMPTY_FILTER,
      search: 'makelen',
      page: 1,
      pageSize: 50,
      ...overrides,
    });

  it('withholds an analyst’s hits in a selection under 5 respondents, not the coordinator’s', async () => {
    const flevoland = { filter: { ...EMPTY_FILTER, province: 'PV24' } };
    const analyst = await roundSearch(cast.analyst, flevoland);
    expect(analyst).toMatchObject({ total: 0, withheld: 2, hits: [] });
    const coordinator = await roundSearch(cast.coordinator, flevoland);
    expect(coordinator.withheld).toBe(0);
    expect(coordinator.hits.map((h) => h.municipality?.code).sort()).toEqual(['0034', '0050']);
    const everywhere = await roundSearch(cast.analyst);
    expect(everywhere.total).toBe(2);
    expect(everywhere.hits.map((h) => h.origin).sort()).toEqual([
      'een gemeente met 100.000–250.000 inwoners',
      'een gemeente met 20.000–50.000 inwoners',
    ]);
  });

  it('pages the round search without losing or repeating a hit, best match first', async () => {
    const all = await roundSearch(cast.analyst, { search: 'vrijwilligers or beleid' });
    expect(all.total).toBeGreaterThan(5);
    const paged: string[] = [];
    for (let page = 1; page <= all.total; page += 1) {
      const one = await roundSearch(cast.analyst, {
        search: 'vrijwilligers or beleid',
        page,
        pageSize: 1,
      });
      expect(one.pageCount).toBe(all.total);
      paged.push(...one.hits.map((h) => `${h.source.question}-${h.source.part}-${h.id}`));
    }
    expect(paged).toEqual(all.hits.map((h) => `${h.source.question}-${h.source.part}-${h.id}`));
  });

  it('shows a municipality only its own hits', async () => {
    const own = await roundSearch(cast.municipality, { search: 'vrijwilligers' });
    expect(own.hits.map((h) => h.municipality?.code)).toEqual(['0363']);
  });
});

describe('filters and paging', () => {
  it('filters by province, size class and group', async () => {
    const gelderland = await read(cast.coordinator, Q47, {
      filter: { ...EMPTY_FILTER, province: 'PV25' },
    });
    expect(codesOf(gelderland.answers)).toEqual(['0197', '0200', '0213', '0243', '0301']);
    expect(gelderland.respondents).toBe(
      register.filter((m) => ['PV25'].includes(provinceOf(m.code))).length,
    );
    const small = await read(cast.coordinator, Q47, {
      filter: { ...EMPTY_FILTER, sizeClass: '20000-50000' },
    });
    // Brummen 21.139, Aalten 27.500, Harderwijk 44.010, Zutphen 46.870, Zeewolde 20.906.
    expect(codesOf(small.answers)).toEqual(['0050', '0197', '0213', '0243', '0301']);
    const g4 = await read(cast.coordinator, Q47, { filter: { ...EMPTY_FILTER, group: 'G4' } });
    expect(codesOf(g4.answers)).toEqual(['0363']);
    expect(g4.respondents).toBe(4);
  });

  it('filters by the band of the basisfunctie, and refuses a band where there is none', async () => {
    const all = await read(cast.coordinator, Q11);
    expect(all.bands.length).toBeGreaterThan(1);
    expect(all.answers.every((a) => a.band !== null)).toBe(true);
    for (const band of all.bands) {
      const filtered = await read(cast.coordinator, Q11, { band: band.id });
      expect(codesOf(filtered.answers)).toEqual(
        codesOf(all.answers.filter((a) => a.band?.id === band.id)),
      );
    }
    await expect(read(cast.coordinator, Q47, { band: all.bands[0]?.id ?? '' })).rejects.toThrow(
      /hoort niet bij een basisfunctie/,
    );
    await expect(read(cast.coordinator, Q11, { band: 'paars' })).rejects.toThrow(/bestaat niet/);
  });

  it('pages the answers without losing or repeating one', async () => {
    const seen: string[] = [];
    const first = await read(cast.coordinator, Q47, { pageSize: 4 });
    expect(first.pageCount).toBe(3);
    for (let page = 1; page <= first.pageCount; page += 1) {
      const result = await read(cast.coordinator, Q47, { pageSize: 4, page });
      expect(result.answers.length).toBe(page < 3 ? 4 : 1);
      seen.push(...result.answers.map((a) => a.municipality?.code ?? ''));
    }
    expect(seen.sort()).toEqual(Object.keys(TEXTS_47).sort());
    await expect(read(cast.coordinator, Q47, { page: 0 })).rejects.toBeInstanceOf(UserInputError);
  });

  it('answers 404 for an unknown questionnaire or question, and for the open answers of a closed item', async () => {
    await expect(read(cast.coordinator, { ...Q47, question: 99 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(read(cast.coordinator, { ...Q47, questionnaire: 'sport' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(read(cast.coordinator, { ...NOTES1, part: 'text' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('who sees what', () => {
  it('shows the analyst no name and no code, anywhere in the answers', async () => {
    const page = await read(cast.analyst, Q47);
    expect(page.namedScope).toBe('none');
    expect(page.answers).toHaveLength(Object.keys(TEXTS_47).length);
    expect(page.answers.every((a) => a.municipality === null && a.group === null)).toBe(true);
    const leaks = findMunicipalities({ page: JSON.stringify(page.answers) }, register);
    // 'Groningen' is also a province: the origin 'een gemeente in Groningen' names no one.
    expect(leaks.names.filter((name) => !ALLOWED_NAME_TOKENS.includes(name))).toEqual([]);
    expect(leaks.codes).toEqual([]);
  });

  it('labels an anonymised answer by province and size class only where that group holds 5 respondents', async () => {
    const page = await read(cast.analyst, Q47);
    const origin = (code: string) => page.answers.find((a) => a.id === idOf(Q47, code));
    expect(origin('0301')).toMatchObject({
      origin: 'een gemeente in Gelderland met 20.000–50.000 inwoners',
      provinceCode: 'PV25',
      sizeClass: '20000-50000',
    });
    // Flevoland has 3 respondents: no province, only the size class (which holds many).
    expect(origin('0034')).toMatchObject({
      origin: 'een gemeente met 100.000–250.000 inwoners',
      provinceCode: null,
      sizeClass: '100000-250000',
    });
    expect(origin('0050')?.origin).toBe('een gemeente met 20.000–50.000 inwoners');
    // Groningen (PV20) with more than 250.000 inhabitants: only the province.
    expect(origin('0014')?.origin).toMatch(/^een gemeente in Groningen/);
  });

  it("replaces the municipality's own name for the analyst, and an analyst's search does not find it by that name", async () => {
    const page = await read(cast.analyst, Q47);
    expect(page.answers.find((a) => a.id === idOf(Q47, '0301'))?.text).toBe(
      '[gemeente] werkt samen met de vrijwilligerscentrale aan een goede interne structuur.',
    );
    expect((await read(cast.analyst, Q47, { search: 'Zutphen' })).total).toBe(0);
    expect((await read(cast.analyst, Q47, { search: 'Amsterdam' })).total).toBe(0);
    expect((await read(cast.coordinator, Q47, { search: 'Zutphen' })).total).toBe(1);
    const round = await searchRoundOpenAnswers(database.db, cast.analyst, OPEN_ROUND, {
      filter: EMPTY_FILTER,
      search: 'Zutphen',
      page: 1,
      pageSize: 50,
    });
    expect(round.total).toBe(0);
  });

  it('withholds anonymised answers in a selection under 5 respondents, but not the coordinator’s named ones', async () => {
    const flevoland = { filter: { ...EMPTY_FILTER, province: 'PV24' } };
    const analyst = await read(cast.analyst, Q47, flevoland);
    expect(analyst.respondents).toBe(3);
    expect(analyst.answers).toEqual([]);
    expect(analyst.withheld).toBe(2);
    const coordinator = await read(cast.coordinator, Q47, flevoland);
    expect(codesOf(coordinator.answers)).toEqual(['0034', '0050']);
    expect(coordinator.withheld).toBe(0);
  });

  it('shows a municipality only its own answers', async () => {
    const page = await read(cast.municipality, Q47);
    expect(page.namedScope).toBe('own');
    expect(codesOf(page.answers)).toEqual(['0363']);
    expect(page.answers[0]?.text).toBe(TEXTS_47['0363']);
    const sources = await listOpenAnswerSources(database.db, cast.municipality, OPEN_ROUND);
    const q47 = sources.questionnaires
      .flatMap((q) => q.sources)
      .find((s) => s.question === 47 && s.part === 'text');
    expect(q47?.answers).toBe(1);
  });

  it('shows an advisor the names in their provinces only', async () => {
    const page = await read(cast.advisor, Q47);
    expect(page.namedScope).toBe('province');
    const named = page.answers.filter((a) => a.municipality !== null);
    expect(named.map((a) => a.municipality?.code)).toEqual(['0363']);
    expect(page.answers.find((a) => a.id === idOf(Q47, '0301'))?.municipality).toBeNull();
  });

  it('lists the open questions and the items with notes, with their counts', async () => {
    const sources = await listOpenAnswerSources(database.db, cast.analyst, OPEN_ROUND);
    const vw = sources.questionnaires.find((q) => q.id === 'vrijwilligerswerk');
    const find = (question: number, part: string) =>
      vw?.sources.find((s) => s.question === question && s.part === part);
    expect(find(47, 'text')?.answers).toBe(Object.keys(TEXTS_47).length);
    expect(find(11, 'text')?.answers).toBe(Object.keys(TEXTS_11).length);
    expect(find(1, 'note')?.answers).toBe(2);
    expect(find(2, 'note')).toBeUndefined();
  });
});

describe('quotes', () => {
  it('marks and unmarks a quote by its pseudonym, idempotently, and audits each change', async () => {
    const id = idOf(Q47, '0301');
    expect(await setQuote(database.db, cast.analyst, OPEN_ROUND, Q47, id, true)).toEqual({
      id,
      quote: true,
      changed: true,
    });
    expect((await setQuote(database.db, cast.analyst, OPEN_ROUND, Q47, id, true)).changed).toBe(
      false,
    );
    const page = await read(cast.analyst, Q47);
    expect(page.answers.find((a) => a.id === id)?.quote).toBe(true);
    const events = await listAuditEvents(database.db, OPEN_ROUND, '0301');
    const quoted = events.filter((e) => e.action === 'open-answer.quoted');
    expect(quoted).toHaveLength(1);
    expect(quoted[0]).toMatchObject({
      actorId: cast.analyst.id,
      municipalityCode: '0301',
      roundId: OPEN_ROUND,
    });
    expect(String(quoted[0]?.newValue)).toContain('[gemeente] werkt samen');

    await setQuote(database.db, cast.coordinator, OPEN_ROUND, Q47, id, false);
    const after = await listAuditEvents(database.db, OPEN_ROUND, '0301');
    expect(after.filter((e) => e.action === 'open-answer.unquoted')).toHaveLength(1);
    expect((await read(cast.analyst, Q47)).answers.find((a) => a.id === id)?.quote).toBe(false);
  });

  it('keeps only an excerpt of a long answer in the audit trail', async () => {
    const long = `${'Een lange toelichting over vrijwilligers en mantelzorgers. '.repeat(10)}Einde.`;
    await database.db.execute(
      sql`update answers set note = ${long} where round_id = ${OPEN_ROUND}
          and municipality_code = '0228' and questionnaire = 'vrijwilligerswerk' and question = 1`,
    );
    await setQuote(database.db, cast.analyst, OPEN_ROUND, NOTES1, idOf(NOTES1, '0228'), true);
    const [event] = (await listAuditEvents(database.db, OPEN_ROUND, '0228')).filter(
      (e) => e.action === 'open-answer.quoted',
    );
    expect(String(event?.newValue).length).toBeLessThan(140);
    expect(String(event?.newValue)).toMatch(/…’$/);
    await setQuote(database.db, cast.analyst, OPEN_ROUND, NOTES1, idOf(NOTES1, '0228'), false);
  });

  it('refuses quotes from advisors and municipalities, unknown pseudonyms and answers without text', async () => {
    const id = idOf(Q47, '0301');
    await expect(
      setQuote(database.db, cast.advisor, OPEN_ROUND, Q47, id, true),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      setQuote(database.db, cast.municipality, OPEN_ROUND, Q47, id, true),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      setQuote(database.db, cast.analyst, OPEN_ROUND, Q47, '0301', true),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Utrecht (0344) wrote nothing at question 47.
    await expect(
      setQuote(database.db, cast.analyst, OPEN_ROUND, Q47, idOf(Q47, '0344'), true),
    ).rejects.toThrow(/geen tekst/);
  });

  it('lists the quotes for the national report always anonymised, in question order', async () => {
    await setQuote(database.db, cast.coordinator, OPEN_ROUND, Q47, idOf(Q47, '0301'), true);
    await setQuote(database.db, cast.coordinator, OPEN_ROUND, Q47, idOf(Q47, '0034'), true);
    await setQuote(database.db, cast.coordinator, OPEN_ROUND, Q11, idOf(Q11, '0200'), true);
    await setQuote(database.db, cast.coordinator, OPEN_ROUND, NOTES1, idOf(NOTES1, '0301'), true);
    const quotes = await listReportQuotes(database.db, OPEN_ROUND);
    expect(quotes.map((s) => `${s.question}-${s.part}`)).toEqual(['1-note', '11-text', '47-text']);
    const q47 = quotes.find((s) => s.question === 47);
    expect(q47?.quotes).toEqual([
      {
        origin: 'een gemeente in Gelderland met 20.000–50.000 inwoners',
        text: '[gemeente] werkt samen met de vrijwilligerscentrale aan een goede interne structuur.',
      },
      {
        origin: 'een gemeente met 100.000–250.000 inwoners',
        text: TEXTS_47['0034'],
      },
    ]);
    expect(findMunicipalities({ quotes: JSON.stringify(quotes) }, register)).toEqual({
      names: [],
      codes: [],
    });
  });
});

describe('bfm open-answers', () => {
  it('lists every answer with gemeentecode, province code, size class and themes as JSON', async () => {
    const environment = await createTestEnvironment();
    try {
      const handle = await openDatabase(
        environment.env.DATABASE_URL
          ? { databaseUrl: environment.env.DATABASE_URL }
          : { dataDir: environment.env.BFM_DATA_DIR ?? '' },
      );
      await handle.migrate();
      await loadReferenceData(handle.db);
      await createOpenAnswerRound(handle.db);
      const { analyst } = await seedAccounts(handle.db, ['analyst']);
      // A codebook with one theme coded on Zutphen's answer, to see the final themes.
      const [codebook] = await queryRows<{ id: number }>(
        handle.db,
        sql`insert into codebooks (round_id, questionnaire, question, part)
            values (${OPEN_ROUND}, 'vrijwilligerswerk', 47, 'text') returning id`,
      );
      const [theme] = await queryRows<{ id: number }>(
        handle.db,
        sql`insert into codebook_themes (codebook_id, name, description, position)
            values (${codebook?.id}, 'Structuur', 'Interne organisatie', 1) returning id`,
      );
      await handle.db.execute(
        sql`insert into answer_codings (codebook_id, municipality_code, coder_id, theme_ids)
            values (${codebook?.id}, '0301', ${analyst.id}, ${`{${theme?.id}}`}::int[])`,
      );
      await handle.close();

      const json = await bfm(
        environment.env,
        'open-answers',
        '--round',
        OPEN_ROUND,
        '--questionnaire',
        'vrijwilligerswerk',
        '--question',
        '47',
        '--search',
        'structuur',
        '--json',
      );
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual({
        question: {
          questionnaire: 'vrijwilligerswerk',
          number: 47,
          text: expect.stringContaining('opmerkingen') as unknown,
          part: 'text',
        },
        answers: expect.arrayContaining([
          {
            gemeentecode: '0301',
            gemeente: 'Zutphen',
            text: TEXTS_47['0301'],
            province: 'PV25',
            sizeClass: '20000-50000',
            themes: ['Structuur'],
          },
          {
            gemeentecode: '0243',
            gemeente: 'Harderwijk',
            text: TEXTS_47['0243'],
            province: 'PV25',
            sizeClass: '20000-50000',
            themes: [],
          },
        ]) as unknown,
      });
      expect((JSON.parse(json.stdout) as { answers: unknown[] }).answers).toHaveLength(2);

      const notes = await bfm(
        environment.env,
        'open-answers',
        '--round',
        OPEN_ROUND,
        '--questionnaire',
        'vrijwilligerswerk',
        '--question',
        '1',
        '--toelichting',
      );
      expect(notes.code).toBe(0);
      expect(notes.stdout).toContain('Toelichtingen bij vraag 1');
      expect(notes.stdout).toContain('0200 Apeldoorn (PV25, 100000-250000)');
      expect(notes.stdout).toContain(NOTES_1['0200']);

      const bad = await bfm(
        environment.env,
        'open-answers',
        '--round',
        OPEN_ROUND,
        '--questionnaire',
        'vrijwilligerswerk',
        '--question',
        '47',
        '--provincie',
        'PV99',
      );
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("Onbekende provincie 'PV99'");
      const unknown = await bfm(
        environment.env,
        'open-answers',
        '--round',
        OPEN_ROUND,
        '--questionnaire',
        'vrijwilligerswerk',
        '--question',
        '99',
      );
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Vraag 99 bestaat niet');
    } finally {
      await environment.dispose();
    }
  }, 180_000);
});

function provinceOf(code: string): string {
  return PROVINCES.get(code) ?? '';
}
const PROVINCES = new Map<string, string>();
beforeAll(async () => {
  const loaded = await loadRound(database.db, OPEN_ROUND);
  for (const m of loaded.municipalities) PROVINCES.set(m.code, m.provinceCode);
});

describe('the round search and the codebooks', () => {
  it('gives each hit its final themes, as the question’s own page does', async () => {
    const [codebook] = await database.db
      .insert(codebooks)
      .values({ roundId: OPEN_ROUND, ...Q11, createdBy: cast.coordinator.id })
      .returning();
    const themes = await database.db
      .insert(codebookThemes)
      .values([
        { codebookId: codebook!.id, name: 'Visie', position: 1 },
        { codebookId: codebook!.id, name: 'Regio', position: 2 },
      ])
      .returning();
    await database.db.insert(answerCodings).values({
      codebookId: codebook!.id,
      municipalityCode: '0228',
      coderId: cast.analyst.id,
      themeIds: [themes[1]!.id, themes[0]!.id],
    });
    const result = await searchRoundOpenAnswers(database.db, cast.analyst, OPEN_ROUND, {
      filter: EMPTY_FILTER,
      search: 'visie',
      page: 1,
      pageSize: 50,
    });
    const themesOf = (question: number, part: string) =>
      result.hits
        .filter((h) => h.source.question === question && h.source.part === part)
        .map((h) => h.themes.map((t) => t.name));
    expect(themesOf(11, 'text')).toEqual([['Visie', 'Regio']]);
    expect(themesOf(1, 'note')).toEqual([[], []]);
    const page = await read(cast.analyst, Q11, { search: 'visie' });
    expect(page.answers.map((a) => a.themes.map((t) => t.name))).toEqual([['Visie', 'Regio']]);
  });
});
