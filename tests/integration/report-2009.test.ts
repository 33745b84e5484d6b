/**
 * The report's own numbers, put through `bfm import` and `bfm analyse --json`, come back as
 * the report's published tables.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NationalAnalysis } from '../../src/services/analysis-service.ts';
import {
  buildReportFixture,
  REPORT_CHOICES,
  REPORT_COUNT_GOED,
  REPORT_CROSS_TABLE,
} from '../fixtures/report-2009.ts';
import { bfm } from '../support/cli.ts';
import { createTestEnvironment, type TestEnvironment } from '../support/database.ts';

let environment: TestEnvironment;
let analysis: NationalAnalysis;

beforeAll(async () => {
  environment = await createTestEnvironment();
  const dir = await mkdtemp(join(tmpdir(), 'bfm-report-'));
  const file = join(dir, 'nulmeting-2009.csv');
  await writeFile(file, buildReportFixture().csv);
  const imported = await bfm(environment.env, 'import', file);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  const analysed = await bfm(environment.env, 'analyse', '--round', '2009', '--json');
  expect(analysed.code).toBe(0);
  analysis = JSON.parse(analysed.stdout) as NationalAnalysis;
});

afterAll(async () => {
  await environment.dispose();
});

const percentOf = (questionnaire: string, basisfunctie: string) =>
  analysis.basisfuncties.find(
    (b) => b.questionnaire === questionnaire && b.basisfunctie === basisfunctie,
  )?.percentGoed;

describe('the 2009 report reproduced', () => {
  it('has the response of tabel C: 380 and 382 respondents, 379 with both', () => {
    expect(analysis.round).toBe('2009');
    expect(analysis.synthetic).toBe(false);
    expect(analysis.respondents).toEqual({
      municipalities: 441,
      vrijwilligerswerk: 380,
      mantelzorg: 382,
      both: 379,
    });
  });

  it('reproduces tabel C of bijlage 1 and bijlage 2', () => {
    expect(analysis.countGoed.vrijwilligerswerk).toEqual(REPORT_COUNT_GOED.vrijwilligerswerk);
    expect(analysis.countGoed.vrijwilligerswerk).toEqual([102, 80, 49, 49, 68, 32]);
    expect(analysis.countGoed.mantelzorg).toEqual([133, 40, 34, 36, 39, 40, 27, 23, 10]);
  });

  it('reproduces the printed percentages of tabel C to the rounding of the report', () => {
    // The report prints whole percentages; for mantelzorg it rounds 34.8% to 34 and 10.5% to
    // 11, so the check allows the report's own rounding slack of one point.
    const printed = {
      vrijwilligerswerk: [27, 21, 13, 13, 18, 8],
      mantelzorg: [34, 11, 9, 9, 10, 11, 7, 6, 3],
    };
    for (const questionnaire of ['vrijwilligerswerk', 'mantelzorg'] as const) {
      const counts = analysis.countGoed[questionnaire] ?? [];
      const total = counts.reduce((a, b) => a + b, 0);
      counts.forEach((count, n) => {
        expect(
          Math.abs((100 * count) / total - (printed[questionnaire][n] as number)),
        ).toBeLessThanOrEqual(1);
      });
    }
  });

  it('reproduces bijlage 3 tabel A', () => {
    expect(analysis.crossTable).toEqual(REPORT_CROSS_TABLE);
    expect(analysis.crossTable.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([
      133, 39, 32, 36, 39, 40, 27, 23, 10,
    ]);
  });

  it("gives Pearson's r of 0.44", () => {
    expect(analysis.pearsonR).not.toBeNull();
    expect((analysis.pearsonR as number).toFixed(2)).toBe('0.44');
  });

  it('reproduces tabel 12', () => {
    const { all, none } = analysis.allOrNone;
    expect([
      all.vrijwilligerswerk?.count,
      Math.round(all.vrijwilligerswerk?.percent ?? -1),
    ]).toEqual([32, 8]);
    expect([all.mantelzorg?.count, Math.round(all.mantelzorg?.percent ?? -1)]).toEqual([10, 3]);
    expect([all.both?.count, Math.round(all.both?.percent ?? -1)]).toEqual([3, 1]);
    expect([
      none.vrijwilligerswerk?.count,
      Math.round(none.vrijwilligerswerk?.percent ?? -1),
    ]).toEqual([102, 27]);
    expect([none.mantelzorg?.count, Math.round(none.mantelzorg?.percent ?? -1)]).toEqual([133, 35]);
    expect([none.both?.count, Math.round(none.both?.percent ?? -1)]).toEqual([61, 16]);
  });

  it.each([
    ['vrijwilligerswerk', 'vertalen', 34],
    ['vrijwilligerswerk', 'verbinden-en-makelen', 41],
    ['vrijwilligerswerk', 'versterken', 47],
    ['vrijwilligerswerk', 'verbreiden', 68],
    ['vrijwilligerswerk', 'verankeren', 9],
    ['mantelzorg', 'visie-en-beleid', 53],
    ['mantelzorg', 'informatie', 50],
    ['mantelzorg', 'advies-en-begeleiding', 47],
    ['mantelzorg', 'emotionele-steun', 40],
    ['mantelzorg', 'educatie', 32],
    ['mantelzorg', 'praktische-hulp', 34],
    ['mantelzorg', 'respijtzorg', 27],
    ['mantelzorg', 'financiele-tegemoetkoming', 8],
    ['mantelzorg', 'materiele-hulp', 17],
  ])(
    'gives the percentage goed of the text: %s %s %i%%',
    (questionnaire, basisfunctie, printed) => {
      expect(Math.round(percentOf(questionnaire, basisfunctie) as number)).toBe(printed);
    },
  );

  it("keeps the text's exact statements: vertalen 33.9%, informatie precisely half", () => {
    expect(percentOf('vrijwilligerswerk', 'vertalen')).toBe(33.9);
    expect(percentOf('mantelzorg', 'informatie')).toBe(50);
  });

  it('reproduces the multiple-choice tables (tabel 4: vraag 18)', () => {
    for (const [questionnaire, questions] of Object.entries(REPORT_CHOICES)) {
      for (const [question, shares] of Object.entries(questions)) {
        const result = analysis.multipleChoice.find(
          (c) => c.questionnaire === questionnaire && c.question === Number(question),
        );
        expect(
          result?.options.map((o) => Math.round(o.percent ?? -1)),
          `${questionnaire} ${question}`,
        ).toEqual(shares);
      }
    }
    const tabel4 = analysis.multipleChoice.find(
      (c) => c.questionnaire === 'mantelzorg' && c.question === 18,
    );
    expect(tabel4?.options.map((o) => `${o.label} ${Math.round(o.percent ?? 0)}%`)).toContain(
      'Mantelzorgcompliment 71%',
    );
  });

  it('gives the distribution of item 17 of paragraph 3.2 (41% goed voor elkaar)', () => {
    const item = analysis.items.find((i) => i.questionnaire === 'mantelzorg' && i.question === 17);
    expect(item?.counts).toEqual([8, 217, 157]);
    expect(Math.round(item?.percentages[2] ?? 0)).toBe(41);
  });

  it('reproduces the row percentages of vraag 17 x vraag 19 through bfm crosstab', async () => {
    const result = await bfm(
      environment.env,
      'crosstab',
      '--round',
      '2009',
      '--questionnaire',
      'mantelzorg',
      '--row',
      '17',
      '--column',
      '19',
      '--json',
    );
    expect(result.code).toBe(0);
    const table = JSON.parse(result.stdout) as {
      row: number;
      column: number;
      counts: number[][];
      rowPercentages: (number | null)[][];
      columnTotals: number[];
      columnPercentages: number[];
    };
    expect([table.row, table.column]).toEqual([17, 19]);
    expect(table.rowPercentages.map((row) => row.map((p) => Math.round(p ?? 0)))).toEqual([
      [75, 25, 0],
      [1, 96, 3],
      [0, 85, 15],
    ]);
    expect(table.columnPercentages.map(Math.round)).toEqual([2, 90, 8]);
    expect(table.columnTotals).toEqual([8, 343, 31]);
  });

  it('prints the same analysis as Dutch tables without --json', async () => {
    const result = await bfm(environment.env, 'analyse', '--round', '2009');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Percentage gemeenten dat de basisfunctie goed voor elkaar heeft',
    );
    expect(result.stdout).toMatch(
      /Vertalen van maatschappelijke ontwikkelingen\s+380\s+129\s+33,9%/,
    );
    expect(result.stdout).toContain("Pearson's r = 0,44");
    expect(result.stdout).toContain('inwonertal op 2010-01-01');
    expect(result.stdout).not.toContain('SYNTHETISCHE GEGEVENS');
  });
});
