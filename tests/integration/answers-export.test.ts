/**
 * The answers export on stored data (the demo round): its columns tally to the national
 * analysis (`bfm analyse --json`) and its marks are those of `scoreResponses`; an advisor's
 * rows are their provinces'; roles without the right hear 403; `bfm export` writes the files
 * all or nothing.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAllScaleItems } from '../../src/domain/instrument.ts';
import { scoreResponses } from '../../src/domain/municipality-marks.ts';
import { readResponseVectors } from '../../src/db/repositories/answer-repository.ts';
import { readOpenAnswers } from '../../src/db/repositories/open-answer-repository.ts';
import { analyseRound, type NationalAnalysis } from '../../src/services/analysis-service.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import { writeAnswersCsv, writeAnswersXlsx } from '../../src/services/export/answer-formats.ts';
import {
  exportAnswersForUser,
  exportRoundAnswers,
  roundMark,
  type AnswersDataset,
} from '../../src/services/export/answers-export.ts';
import {
  mayExportAnswers,
  readExportFilter,
} from '../../src/services/export/answers-export-files.ts';
import { parseCsv } from '../../src/services/import/csv.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { bfm } from '../support/cli.ts';
import {
  createTestDatabase,
  createTestEnvironment,
  type TestDatabase,
} from '../support/database.ts';
import { seedAccounts, type Cast } from '../support/factories.ts';

let database: TestDatabase;
let analysis: NationalAnalysis;
let datasets: AnswersDataset[];
let cast: Cast;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoRound(database.db);
  cast = await seedAccounts(database.db);
  analysis = await analyseRound(database.db, DEMO_ROUND_ID);
  datasets = await exportRoundAnswers(database.db, DEMO_ROUND_ID);
});

afterAll(async () => {
  await database.dispose();
});

function column(dataset: AnswersDataset, name: string): (number | string | null)[] {
  const index = dataset.variables.findIndex((v) => v.name === name);
  expect(index, `no variable ${name}`).toBeGreaterThanOrEqual(0);
  return dataset.rows.map((row) => row[index] ?? null);
}

function tally(values: readonly (number | string | null)[], of: number): number {
  return values.filter((value) => value === of).length;
}

describe('the export carries the numbers of the analysis', () => {
  it('has one row per respondent of each questionnaire', () => {
    expect(datasets.map((d) => d.questionnaire.id)).toEqual(['vrijwilligerswerk', 'mantelzorg']);
    for (const dataset of datasets) {
      expect(dataset.rows.length).toBe(analysis.respondents[dataset.questionnaire.id]);
      const codes = column(dataset, 'gemeentecode');
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it('tallies every 3-point column to the item counts of the analysis', () => {
    for (const item of analysis.items) {
      const dataset = datasets.find((d) => d.questionnaire.id === item.questionnaire);
      const values = column(dataset as AnswersDataset, `vraag_${item.question}`);
      expect([tally(values, 1), tally(values, 2), tally(values, 3)]).toEqual(item.counts);
    }
  });

  it('tallies every choice column to the option counts and respondents of the analysis', () => {
    for (const choice of analysis.multipleChoice) {
      const dataset = datasets.find((d) => d.questionnaire.id === choice.questionnaire);
      if (choice.kind === 'single') {
        const values = column(dataset as AnswersDataset, `vraag_${choice.question}`);
        expect(choice.options.map((_, k) => tally(values, k + 1))).toEqual(
          choice.options.map((o) => o.count),
        );
        expect(values.filter((v) => v !== null).length).toBe(choice.respondents);
      } else {
        choice.options.forEach((option, k) => {
          const values = column(dataset as AnswersDataset, `vraag_${choice.question}_${k + 1}`);
          expect(tally(values, 1)).toBe(option.count);
          // Answered the question (0 or 1) = chose at least one option.
          expect(values.filter((v) => v !== null).length).toBe(choice.respondents);
        });
      }
    }
  });

  it('gives the marks of scoreResponses and tallies aantal_goed to countGoed', async () => {
    const round = await loadRound(database.db, DEMO_ROUND_ID);
    const marks = scoreResponses(
      round.instrument,
      await readResponseVectors(database.db, DEMO_ROUND_ID),
    );
    let compared = 0;
    for (const dataset of datasets) {
      const questionnaire = round.instrument.questionnaires.find(
        (q) => q.id === dataset.questionnaire.id,
      );
      const codes = column(dataset, 'gemeentecode');
      questionnaire?.basisfuncties.forEach((basisfunctie, b) => {
        const exported = column(dataset, `cijfer_${basisfunctie.id.replaceAll('-', '_')}`);
        codes.forEach((code, row) => {
          const own = marks.find(
            (m) => m.municipalityCode === code && m.questionnaire === dataset.questionnaire.id,
          );
          const mark = own?.marks[b]?.mark ?? null;
          expect(exported[row]).toBe(mark === null ? null : roundMark(mark));
          compared += 1;
        });
      });
      const counts = analysis.countGoed[dataset.questionnaire.id] ?? [];
      const aantal = column(dataset, 'aantal_goed');
      expect(counts.map((_, n) => tally(aantal, n))).toEqual(counts);
    }
    expect(compared).toBeGreaterThan(3000);
  });

  it('carries the open answers as stored', async () => {
    const stored = await readOpenAnswers(database.db, DEMO_ROUND_ID, 'mantelzorg');
    expect(stored.length).toBeGreaterThan(0);
    const dataset = datasets[1] as AnswersDataset;
    const codes = column(dataset, 'gemeentecode');
    for (const answer of stored.slice(0, 50)) {
      const row = codes.indexOf(answer.municipalityCode);
      expect(column(dataset, `vraag_${answer.question}_tekst`)[row]).toBe(answer.text);
    }
  });

  it('writes the same values into CSV and Excel', async () => {
    const dataset = datasets[1] as AnswersDataset;
    const csv = writeAnswersCsv(dataset)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(csv[0]?.split(';').slice(0, 6)).toEqual([
      'gemeentecode',
      'gemeente',
      'provincie',
      'grootteklasse',
      'groep',
      'vraag_1',
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await writeAnswersXlsx(dataset)) as never);
    const sheet = workbook.getWorksheet('gegevens');
    expect(sheet?.rowCount).toBe(dataset.rows.length + 1);
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(dataset.variables.map((v) => v.name));
    const scale = listAllScaleItems(
      (await loadRound(database.db, DEMO_ROUND_ID)).instrument.questionnaires[1] as never,
    );
    const first = scale[0]?.number ?? 1;
    const index = dataset.variables.findIndex((v) => v.name === `vraag_${first}`) + 1;
    const excelValues = Array.from({ length: dataset.rows.length }, (_, r) => {
      const value = sheet?.getRow(r + 2).getCell(index).value;
      return value === undefined ? null : value;
    });
    expect(excelValues).toEqual(column(dataset, `vraag_${first}`));
    // Codes stay text with their zeros; marks are numbers shown with two decimals.
    expect(sheet?.getRow(2).getCell(1).value).toBe(column(dataset, 'gemeentecode')[0]);
    const mark = dataset.variables.findIndex((v) => v.name === 'cijfer_informatie') + 1;
    const markCell = sheet?.getRow(2).getCell(mark);
    expect(markCell?.value).toBe(column(dataset, 'cijfer_informatie')[0]);
    expect(markCell?.numFmt).toBe('0.00');
    expect(workbook.getWorksheet('codeboek')?.rowCount).toBe(dataset.variables.length + 1);
    expect(String(workbook.getWorksheet('toelichting')?.getCell('A1').value)).toContain(
      'Synthetische gegevens',
    );
  });
});

describe('who may export the answers', () => {
  it('gives the coordinator every respondent', async () => {
    const dataset = await exportAnswersForUser(
      database.db,
      cast.coordinator,
      DEMO_ROUND_ID,
      'mantelzorg',
    );
    expect(dataset.rows).toEqual(datasets[1]?.rows);
    expect(dataset.scope).toBe('all');
  });

  it('limits an advisor to the municipalities of their provinces', async () => {
    const dataset = await exportAnswersForUser(
      database.db,
      cast.advisor,
      DEMO_ROUND_ID,
      'mantelzorg',
    );
    const all = datasets[1] as AnswersDataset;
    const provinceIndex = all.variables.findIndex((v) => v.name === 'provincie');
    const expected = all.rows.filter((row) => row[provinceIndex] === 27);
    expect(expected.length).toBeGreaterThan(10);
    expect(dataset.rows).toEqual(expected);
    expect(dataset.scope).toBe('provinces');
  });

  it('flags who may export at all, for the link to the page', () => {
    expect(mayExportAnswers(cast.coordinator)).toBe(true);
    expect(mayExportAnswers(cast.advisor)).toBe(true);
    expect(mayExportAnswers(cast.analyst)).toBe(false);
    expect(mayExportAnswers(cast.municipality)).toBe(false);
  });

  it.each(['analyst', 'municipality'] as const)('refuses the %s with 403', async (member) => {
    await expect(
      exportAnswersForUser(database.db, cast[member], DEMO_ROUND_ID, 'mantelzorg'),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('narrows the rows by the analysis filter (province and size class) and says so', async () => {
    const all = datasets[1] as AnswersDataset;
    const province = all.variables.findIndex((v) => v.name === 'provincie');
    const size = all.variables.findIndex((v) => v.name === 'grootteklasse');
    const dataset = await exportAnswersForUser(
      database.db,
      cast.coordinator,
      DEMO_ROUND_ID,
      'mantelzorg',
      { province: 'PV24', sizeClass: '20000-50000', group: null },
    );
    // Flevoland, 20,000 to 50,000 inhabitants: size class 2 of the codebook.
    const expected = all.rows.filter((row) => row[province] === 24 && row[size] === 2);
    expect(expected.length).toBeGreaterThan(0);
    expect(dataset.rows).toEqual(expected);
    expect(dataset.filter).toBe('gemeenten met 20.000 – < 50.000 inwoners in Flevoland');
  });

  it('refuses an unknown filter value, naming the choices', async () => {
    const round = await loadRound(database.db, DEMO_ROUND_ID);
    expect(() =>
      readExportFilter(round.municipalities, new URLSearchParams('grootte=reus')),
    ).toThrow("Onbekende grootteklasse 'reus'. Kies uit: lt-20000,");
  });

  it('names the questionnaires there are for an unknown one', async () => {
    await expect(
      exportAnswersForUser(database.db, cast.coordinator, DEMO_ROUND_ID, 'sport'),
    ).rejects.toThrow("Onbekende vragenlijst 'sport'. Kies 'vrijwilligerswerk' of 'mantelzorg'.");
  });
});

describe('bfm export', () => {
  let environment: Awaited<ReturnType<typeof createTestEnvironment>>;
  let out: string;

  beforeAll(async () => {
    environment = await createTestEnvironment();
    expect((await bfm(environment.env, 'demo')).code).toBe(0);
    out = await mkdtemp(join(tmpdir(), 'bfm-export-'));
  });

  afterAll(async () => {
    await environment.dispose();
    await rm(out, { recursive: true, force: true });
  });

  it.each([
    ['csv', ['demo-2009-mantelzorg.csv', 'demo-2009-vrijwilligerswerk.csv']],
    ['xlsx', ['demo-2009-mantelzorg.xlsx', 'demo-2009-vrijwilligerswerk.xlsx']],
    [
      'spss',
      [
        'demo-2009-mantelzorg.dat',
        'demo-2009-mantelzorg.sps',
        'demo-2009-vrijwilligerswerk.dat',
        'demo-2009-vrijwilligerswerk.sps',
      ],
    ],
  ])('writes one %s file per questionnaire, named ID-vragenlijst', async (format, files) => {
    const folder = join(out, format);
    const result = await bfm(
      environment.env,
      'export',
      '--round',
      DEMO_ROUND_ID,
      '--format',
      format,
      '--out',
      folder,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('synthetische gegevens (demo)');
    expect((await readdir(folder)).sort()).toEqual(files);
  });

  it('writes CSV files whose 3-point columns tally to bfm analyse --json', async () => {
    const analysed = await bfm(environment.env, 'analyse', '--round', DEMO_ROUND_ID, '--json');
    expect(analysed.code).toBe(0);
    const reference = JSON.parse(analysed.stdout) as NationalAnalysis;
    let checked = 0;
    for (const questionnaire of ['vrijwilligerswerk', 'mantelzorg']) {
      // Read back with the import's CSV parser: open answers hold quoted ';' and line breaks.
      const records = parseCsv(
        await readFile(join(out, 'csv', `${DEMO_ROUND_ID}-${questionnaire}.csv`), 'utf8'),
        ';',
      ).map((record) => record.cells);
      const header = records[0] ?? [];
      for (const item of reference.items.filter((i) => i.questionnaire === questionnaire)) {
        const index = header.indexOf(`vraag_${item.question}`);
        const counts = [0, 0, 0];
        for (const cells of records.slice(1)) {
          const value = Number(cells[index] || 0);
          if (value >= 1) counts[value - 1] = (counts[value - 1] ?? 0) + 1;
        }
        expect(counts, `vraag_${item.question} of ${questionnaire}`).toEqual(item.counts);
        checked += 1;
      }
    }
    expect(checked).toBe(reference.items.length);
  });

  it('writes the CSV the service makes', async () => {
    const csv = await readFile(join(out, 'csv', 'demo-2009-mantelzorg.csv'), 'utf8');
    expect(csv).toBe(writeAnswersCsv(datasets[1] as AnswersDataset));
  });

  it('refuses an unknown format, an unknown round and a folder it cannot write, in Dutch', async () => {
    const format = await bfm(
      environment.env,
      'export',
      '--round',
      DEMO_ROUND_ID,
      '--format',
      'sav',
      '--out',
      out,
    );
    expect(format).toMatchObject({ code: 2 });
    expect(format.stderr).toContain("Onbekend formaat 'sav'. Kies csv, xlsx of spss.");
    const round = await bfm(
      environment.env,
      'export',
      '--round',
      'nergens',
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(round.code).toBe(2);
    expect(round.stderr).toContain("De meting 'nergens' bestaat niet.");
    const file = join(out, 'csv', 'demo-2009-mantelzorg.csv');
    const folder = await bfm(
      environment.env,
      'export',
      '--round',
      DEMO_ROUND_ID,
      '--format',
      'csv',
      '--out',
      file,
    );
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('kan niet worden gemaakt of beschreven');
  });

  it('writes nothing when one file fails (all or nothing)', async () => {
    const folder = join(out, 'blocked');
    // A folder with the name of the second file makes its rename fail after the first.
    await mkdir(join(folder, 'demo-2009-mantelzorg.csv'), { recursive: true });
    const result = await bfm(
      environment.env,
      'export',
      '--round',
      DEMO_ROUND_ID,
      '--format',
      'csv',
      '--out',
      folder,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('De export is niet geschreven');
    expect(await readdir(folder)).toEqual(['demo-2009-mantelzorg.csv']);
  });
});
