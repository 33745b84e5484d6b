/**
 * The coded open answers as files and in the national report (issue 13, decision 030): the CSV
 * and Excel files of a question per role, the theme variables of the SPSS export read back in
 * PSPP, the anonymised quotes in the national report, and the demo's codebooks and notes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/query.ts';
import { ensureDemoAccount } from '../../src/services/auth-service.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import { DEMO_CODEBOOKS, DEMO_OPEN_SENTENCES } from '../../src/services/demo-open-texts.ts';
import { DEMO_QUOTES_PER_CODEBOOK } from '../../src/services/demo-open-answers.ts';
import { writeExportFiles } from '../../src/services/export/answer-formats.ts';
import { exportRoundAnswers } from '../../src/services/export/answers-export.ts';
import { ForbiddenError } from '../../src/services/errors.ts';
import { loadNationalReport } from '../../src/services/national-report-service.ts';
import {
  exportCodedOpenAnswers,
  readCodedOpenAnswers,
} from '../../src/services/open-answers/open-answer-export.ts';
import { listReportQuotes } from '../../src/services/open-answers/quote-service.ts';
import { readReportOpenAnswers } from '../../src/services/open-answers/report-open-answers.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { EMPTY_FILTER } from '../../src/domain/analysis-filter.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedCastWithOpenRound, type Cast } from '../support/factories.ts';
import { ALLOWED_NAME_TOKENS, findMunicipalities } from '../support/municipality-scan.ts';
import {
  QUESTION,
  QUESTIONNAIRE,
  seedCodedOpenAnswers,
  TEXTS,
  THEMES,
  type CodedFixture,
} from '../support/open-answer-fixture.ts';

const run = promisify(execFile);
const PSPP = process.env.BFM_PSPP ?? 'pspp';

let database: TestDatabase;
let cast: Cast;
let roundId: string;
let fixture: CodedFixture;
let register: { code: string; name: string }[];

const SOURCE = { questionnaire: QUESTIONNAIRE, question: String(QUESTION), part: 'antwoord' };
/** Names and codes in a text, but the province names that are also municipalities' names. */
function scan(text: string) {
  const found = findMunicipalities({ text }, register);
  return { names: found.names.filter((n) => !ALLOWED_NAME_TOKENS.includes(n)), codes: found.codes };
}

const GELDERLAND_MIDDLE = 'een gemeente in Gelderland met 20.000–50.000 inwoners';

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await seedCastWithOpenRound(database.db);
  cast = seeded.cast as Cast;
  roundId = seeded.roundId;
  fixture = await seedCodedOpenAnswers(database.db, roundId, {
    first: cast.coordinator,
    second: cast.analyst,
  });
  register = (await loadRound(database.db, roundId)).municipalities.map((m) => ({
    code: m.code,
    name: m.name,
  }));
});

afterAll(async () => {
  await database.dispose();
});

/** A CSV file as rows of cells (no cell of the fixture is quoted). */
function readCsv(content: string): string[][] {
  expect(content.startsWith('\uFEFF')).toBe(true);
  return content
    .slice(1)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(';'));
}

async function download(user: keyof Cast, format: 'csv' | 'xlsx', query = '') {
  return exportCodedOpenAnswers(
    database.db,
    cast[user],
    roundId,
    SOURCE,
    new URLSearchParams(query),
    format,
  );
}

describe('the coded answers as CSV and Excel', () => {
  it('gives the coordinator every answer by name, with the final coding per theme and the quotes', async () => {
    const file = await download('coordinator', 'csv');
    expect(file.fileName).toBe(`${roundId}-vrijwilligerswerk-vraag-46-antwoord.csv`);
    const [header, ...rows] = readCsv(file.content as string);
    expect(header).toEqual([
      'gemeentecode',
      'gemeente',
      'herkomst',
      'provincie',
      'grootteklasse',
      'score',
      'tekst',
      'gecodeerd',
      ...THEMES,
      'citaat',
    ]);
    expect(rows).toHaveLength(Object.keys(TEXTS).length);
    const byName = new Map(rows.map((row) => [row[1], row]));
    for (const [name, themes] of Object.entries(fixture.finalThemes)) {
      const row = byName.get(name) as string[];
      expect(row[0]).toBe(fixture.codes[name]);
      expect(row[6]).toBe(TEXTS[name]);
      const coded = name !== 'Groningen';
      expect(row[7]).toBe(coded ? 'ja' : 'nee');
      // The settled coding counts for Lelystad; the first coder's for the others.
      expect(row.slice(8, 8 + THEMES.length)).toEqual(
        THEMES.map((theme) => (coded ? (themes.includes(theme) ? '1' : '0') : '')),
      );
      expect(row.at(-1)).toBe(name === 'Zutphen' || name === 'Lelystad' ? 'ja' : 'nee');
    }
    expect(byName.get('Zutphen')?.slice(2, 5)).toEqual([
      'Zutphen',
      'Gelderland',
      '20.000 – < 50.000 inwoners',
    ]);
  });

  it('gives an analyst no code or name column and no municipality name anywhere, in CSV and Excel', async () => {
    const csv = (await download('analyst', 'csv')).content as string;
    const [header, ...rows] = readCsv(csv);
    expect(header).not.toContain('gemeentecode');
    expect(header).not.toContain('gemeente');
    expect(header?.[0]).toBe('herkomst');
    const origins = rows.map((row) => row[0]);
    expect(origins).toContain(GELDERLAND_MIDDLE);
    // Flevoland's 50.000–100.000 class holds Lelystad alone: only the province is named.
    expect(origins).toContain('een gemeente in Flevoland');
    expect(csv).toContain('In [gemeente] zoeken we nog naar een goede interne structuur');
    expect(scan(csv)).toEqual({ names: [], codes: [] });

    const xlsx = (await download('analyst', 'xlsx')).content as Uint8Array;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as never);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Antwoorden', 'Codeboek']);
    const sheet = workbook.getWorksheet('Antwoorden') as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const cells: string[] = [];
    sheet.eachRow((row) => {
      row.eachCell((cell) => cells.push(String(cell.value)));
    });
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'herkomst',
      'provincie',
      'grootteklasse',
      'score',
      'tekst',
      'gecodeerd',
      ...THEMES,
      'citaat',
    ]);
    expect(sheet.rowCount).toBe(Object.keys(TEXTS).length + 1);
    const codebook = workbook.getWorksheet('Codeboek') as ExcelJS.Worksheet;
    expect(codebook.getRow(2).values).toEqual([
      undefined,
      'Interne structuur',
      'Omschrijving van Interne structuur',
    ]);
    for (const codebookRow of [1, 2, 3, 4]) {
      codebook.getRow(codebookRow).eachCell((cell) => cells.push(String(cell.value)));
    }
    expect(scan(cells.join('\n'))).toEqual({
      names: [],
      codes: [],
    });
  });

  it('names for an advisor only the municipalities of their provinces', async () => {
    const data = await readCodedOpenAnswers(
      database.db,
      cast.advisor,
      roundId,
      {
        questionnaire: QUESTIONNAIRE,
        question: QUESTION,
        part: 'text',
      },
      { filter: EMPTY_FILTER, band: null, search: '' },
    );
    expect(data.named).toBe(true);
    const named = data.rows.filter((row) => row.municipality !== null);
    // Noord-Holland: Amsterdam and Haarlem.
    expect(named.map((row) => row.municipality?.name).sort()).toEqual(['Amsterdam', 'Haarlem']);
    const zutphen = data.rows.find((row) => row.text.startsWith('In [gemeente]'));
    expect(zutphen).toMatchObject({ municipality: null, origin: GELDERLAND_MIDDLE });
  });

  it('refuses municipality accounts with 403 before anything is read', async () => {
    await expect(download('municipality', 'csv')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('applies the page’s filters and search, with Dutch stemming', async () => {
    const gelderland = readCsv(
      (await download('coordinator', 'csv', 'provincie=PV25')).content as string,
    );
    expect(
      gelderland
        .slice(1)
        .map((row) => row[1])
        .sort(),
    ).toEqual(['Apeldoorn', 'Zutphen']);
    // 'vrijwilligers' finds 'vrijwilliger' (Amsterdam) and 'vrijwilligers' (Zutphen); the
    // stemmer does not split compounds, so 'vrijwilligersorganisaties' (Lelystad) is not found.
    const found = readCsv(
      (await download('coordinator', 'csv', 'zoek=vrijwilligers')).content as string,
    );
    expect(
      found
        .slice(1)
        .map((row) => row[1])
        .sort(),
    ).toEqual(['Amsterdam', 'Zutphen']);
  });
});

describe('the theme variables of the SPSS export', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'bfm-themes-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('loads in PSPP with their labels and value labels, and their frequencies are the theme counts', async () => {
    const [dataset] = await exportRoundAnswers(database.db, roundId, QUESTIONNAIRE);
    const names = dataset?.variables.map((v) => v.name) ?? [];
    expect(names.slice(-THEMES.length)).toEqual([
      'vraag_46_thema_1',
      'vraag_46_thema_2',
      'vraag_46_thema_3',
    ]);
    for (const file of await writeExportFiles(dataset as NonNullable<typeof dataset>, 'spss')) {
      await writeFile(join(folder, file.name), file.content);
    }
    const wrapper = join(folder, 'wrapper.sps');
    const out = join(folder, 'output.csv');
    await writeFile(
      wrapper,
      [
        `INCLUDE FILE='${roundId}-${QUESTIONNAIRE}.sps'.`,
        'FREQUENCIES /VARIABLES=vraag_46_thema_1 vraag_46_thema_2 vraag_46_thema_3.',
        'DISPLAY DICTIONARY.',
        '',
      ].join('\n'),
    );
    const { stdout, stderr } = await run(PSPP, ['-O', 'format=csv', '-o', out, wrapper], {
      cwd: folder,
    });
    const output = await readFile(out, 'utf8');
    expect(`${output}\n${stdout}\n${stderr}`).not.toMatch(/error|warning/i);
    expect(output).toContain('Vraag 46 (open antwoord), thema: Interne structuur');
    expect(output).toContain('niet genoemd');
    // Final codings: Interne structuur 3 (Zutphen, Lelystad settled, Apeldoorn), Evaluatie 1
    // (Lelystad), Tijd en geld 1 (Haarlem); 5 coded answers, the rest system-missing.
    for (const [index, genoemd] of [3, 1, 1].entries()) {
      const start = output.indexOf(`Table: Vraag 46 (open antwoord), thema: ${THEMES[index]}`);
      expect(start).toBeGreaterThanOrEqual(0);
      const table = output.slice(start).split('\n\n')[0] ?? '';
      expect(table).toMatch(new RegExp(`^(Valid)?,genoemd,${genoemd},`, 'm'));
      expect(table).toMatch(new RegExp(`^(Valid)?,niet genoemd,${5 - genoemd},`, 'm'));
      expect(table).toMatch(/^Missing,\.,/m);
    }
  });
});

describe('the quotes in the national report', () => {
  it('appear anonymised for every reader, the own name replaced, with the theme counts', async () => {
    const report = await loadNationalReport(
      database.db,
      { kind: 'user', user: cast.coordinator },
      roundId,
    );
    expect(report.openAnswers).toHaveLength(1);
    const [section] = report.openAnswers;
    expect(section).toMatchObject({
      questionnaire: QUESTIONNAIRE,
      question: QUESTION,
      part: 'text',
    });
    expect(section?.quotes).toEqual(
      expect.arrayContaining([
        {
          text: 'In [gemeente] zoeken we nog naar een goede interne structuur voor de vrijwilligers.',
          origin: GELDERLAND_MIDDLE,
        },
        {
          text: TEXTS.Lelystad,
          origin: 'een gemeente in Flevoland',
        },
      ]),
    );
    expect(section?.codebook).toEqual({
      coded: 5,
      // Six municipalities wrote an answer; Groningen's was not coded.
      answers: 6,
      suppressed: false,
      themes: [
        {
          name: 'Interne structuur',
          description: 'Omschrijving van Interne structuur',
          count: 3,
          percent: 60,
        },
        { name: 'Evaluatie', description: 'Omschrijving van Evaluatie', count: 1, percent: 20 },
        {
          name: 'Tijd en geld',
          description: 'Omschrijving van Tijd en geld',
          count: 1,
          percent: 20,
        },
      ],
    });
    expect(scan(JSON.stringify(report.openAnswers))).toEqual({
      names: [],
      codes: [],
    });
    // The quote service's shape, for the integrator (helper A's listReportQuotes).
    expect((await listReportQuotes(database.db, roundId))[0]?.quotes).toHaveLength(2);
  });
});

describe('the report section for part of the municipalities', () => {
  it('narrows counts and quotes to the filter, and withholds counts over fewer than five coded answers in the protected version', async () => {
    const gelderland = { ...EMPTY_FILTER, province: 'PV25' };
    const [open] = await readReportOpenAnswers(database.db, roundId, {
      filter: gelderland,
      protection: 'none',
    });
    // Zutphen and Apeldoorn: both 'Interne structuur'; only Zutphen is quoted.
    expect(open?.codebook).toMatchObject({ coded: 2, answers: 2, suppressed: false });
    expect(open?.codebook?.themes.map((theme) => theme.count)).toEqual([2, 0, 0]);
    expect(open?.quotes.map((quote) => quote.origin)).toEqual([GELDERLAND_MIDDLE]);
    const [protectedOpen] = await readReportOpenAnswers(database.db, roundId, {
      filter: gelderland,
      protection: 'small-cells',
    });
    expect(protectedOpen?.codebook).toMatchObject({ coded: 2, suppressed: true });
    expect(
      protectedOpen?.codebook?.themes.every((t) => t.count === null && t.percent === null),
    ).toBe(true);
  });
});

describe('the demo round’s open answers', () => {
  let demo: TestDatabase;
  beforeAll(async () => {
    demo = await createTestDatabase();
    await loadDemoRound(demo.db);
  });
  afterAll(async () => {
    await demo.dispose();
  });

  it('has varied texts per question, notes on about one scale answer in eight, and two coded codebooks with quotes', async () => {
    const [texts] = await queryRows<{
      distinct_texts: number | string;
      questions: number | string;
    }>(
      demo.db,
      sql`select count(distinct text) as distinct_texts, count(distinct questionnaire || question) as questions
          from answers where round_id = ${DEMO_ROUND_ID} and text is not null`,
    );
    expect(Number(texts?.questions)).toBe(Object.keys(DEMO_OPEN_SENTENCES).length);
    expect(Number(texts?.distinct_texts)).toBeGreaterThan(100);
    const [notes] = await queryRows<{ notes: number | string; scale: number | string }>(
      demo.db,
      sql`select count(*) filter (where note is not null) as notes, count(*) as scale
          from answers where round_id = ${DEMO_ROUND_ID} and points is not null`,
    );
    const share = Number(notes?.notes) / Number(notes?.scale);
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.15);

    const codebooks = await queryRows<{
      id: number;
      themes: number | string;
      answers: number | string;
      coders: number | string;
      agreed: number | string;
      quotes: number | string;
    }>(
      demo.db,
      sql`select c.id,
                 (select count(*) from codebook_themes t where t.codebook_id = c.id) as themes,
                 (select count(distinct municipality_code) from answer_codings a where a.codebook_id = c.id) as answers,
                 (select count(distinct coder_id) from answer_codings a where a.codebook_id = c.id) as coders,
                 (select count(*) from answer_codings a join answer_codings b
                    on a.codebook_id = b.codebook_id and a.municipality_code = b.municipality_code
                    and a.coder_id < b.coder_id and a.theme_ids = b.theme_ids
                  where a.codebook_id = c.id) as agreed,
                 (select count(*) from answer_quotes q where q.round_id = c.round_id
                    and q.questionnaire = c.questionnaire and q.question = c.question) as quotes
          from codebooks c where c.round_id = ${DEMO_ROUND_ID} order by c.id`,
    );
    expect(codebooks).toHaveLength(DEMO_CODEBOOKS.length);
    for (const codebook of codebooks) {
      expect(Number(codebook.themes)).toBe(5);
      expect(Number(codebook.coders)).toBe(2);
      // Realistic agreement: most answers coded alike, but not all.
      const agreed = Number(codebook.agreed) / Number(codebook.answers);
      expect(agreed).toBeGreaterThan(0.7);
      expect(agreed).toBeLessThan(1);
      expect(Number(codebook.quotes)).toBe(DEMO_QUOTES_PER_CODEBOOK);
    }
    const quotes = await listReportQuotes(demo.db, DEMO_ROUND_ID);
    expect(quotes.flatMap((source) => source.quotes)).toHaveLength(
      DEMO_CODEBOOKS.length * DEMO_QUOTES_PER_CODEBOOK,
    );
  });

  it('still lets bfm start make its demo coordinator: the demo coders do not count as accounts', async () => {
    expect(await ensureDemoAccount(demo.db)).not.toBeNull();
  });
});
