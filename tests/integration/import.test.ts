/**
 * Importing answers: the happy paths, and every kind of bad row, each with its Dutch message
 * and proof that nothing was written.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { countAnswers } from '../../src/db/repositories/answer-repository.ts';
import { getQuestionnaire } from '../../src/domain/instrument.ts';
import { encodeChoiceVector, encodeScaleVector } from '../../src/domain/response-vectors.ts';
import { loadInstrument } from '../../src/instruments/index.ts';
import { analyseRound } from '../../src/services/analysis-service.ts';
import {
  DEMO_ROUND_ID,
  generateSyntheticAnswers,
  loadDemoRound,
} from '../../src/services/demo-data.ts';
import { importAnswerFile, ImportRejectedError } from '../../src/services/import/import-service.ts';
import { AnswerFileError } from '../../src/services/import/read-answer-file.ts';
import { readRegister2009 } from '../../src/services/reference-data.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { snapshotDatabase } from '../support/snapshot.ts';

const HEADER = 'meting,gemeentecode,vragenlijst,vraag,antwoord';
/** A round created by an import is closed (past data): changing it later takes an override. */
const CORRECTION = { override: { reason: 'correctie van de aanlevering' } };
let database: TestDatabase;
let dir: string;
let fileCounter = 0;

async function file(lines: string[], name?: string): Promise<string> {
  fileCounter += 1;
  const path = join(dir, name ?? `antwoorden-${fileCounter}.csv`);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

/** A valid base import that the error cases are applied on top of. */
const BASE = [
  HEADER,
  '2009,GM0363,mantelzorg,17,3',
  '2009,GM0363,mantelzorg,18,aanbod;mantelzorg',
  '2009,GM0363,mantelzorg,15,10000-50000',
  '2009,GM0363,mantelzorg,21,"Via het Wmo-loket, de website en de huisarts."',
  '2009,0014,vrijwilligerswerk,1,ja; goed voor elkaar',
];

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'bfm-import-'));
});

afterAll(async () => {
  await database.dispose();
});

async function expectRejected(
  lines: string[],
  messages: string[],
  options: { round?: string } = {},
) {
  const before = await snapshotDatabase(database.db);
  const error = await importAnswerFile(database.db, await file(lines), options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRejectedError);
  const text = (error as ImportRejectedError).message;
  expect(text).toContain('Er is niets opgeslagen.');
  for (const message of messages) expect(text).toContain(message);
  expect(await snapshotDatabase(database.db)).toBe(before);
  return error as ImportRejectedError;
}

describe('import: happy paths', () => {
  it('imports a new round with 3-point, multiple-choice, single-choice and open answers', async () => {
    const result = await importAnswerFile(database.db, await file(BASE));
    expect(result).toEqual({
      rows: 5,
      rounds: [
        {
          round: '2009',
          created: true,
          inserted: 5,
          updated: 0,
          unchanged: 0,
          cleared: 0,
          responses: 2,
        },
      ],
    });
    const analysis = await analyseRound(database.db, '2009');
    expect(analysis.respondents).toMatchObject({ vrijwilligerswerk: 1, mantelzorg: 1, both: 0 });
    expect(
      analysis.items.find((i) => i.questionnaire === 'mantelzorg' && i.question === 17)?.counts,
    ).toEqual([0, 0, 1]);
    const choice = analysis.multipleChoice.find(
      (c) => c.questionnaire === 'mantelzorg' && c.question === 15,
    );
    expect(choice?.options.find((o) => o.code === '10000-50000')?.count).toBe(1);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await snapshotDatabase(database.db);
    const result = await importAnswerFile(database.db, await file(BASE));
    expect(result.rounds[0]).toMatchObject({
      created: false,
      inserted: 0,
      updated: 0,
      unchanged: 5,
      cleared: 0,
    });
    expect(await snapshotDatabase(database.db)).toBe(before);
  });

  it('updates a changed answer and clears an answer left empty', async () => {
    const result = await importAnswerFile(
      database.db,
      await file([
        HEADER,
        '2009,GM0363,mantelzorg,17,ja verbetering mogelijk',
        '2009,GM0363,mantelzorg,21,',
      ]),
      CORRECTION,
    );
    expect(result.rounds[0]).toMatchObject({ inserted: 0, updated: 1, unchanged: 0, cleared: 1 });
    const analysis = await analyseRound(database.db, '2009');
    expect(
      analysis.items.find((i) => i.questionnaire === 'mantelzorg' && i.question === 17)?.counts,
    ).toEqual([0, 1, 0]);
    await importAnswerFile(database.db, await file(BASE), CORRECTION);
  });

  it('reads semicolons with a BOM, codes without GM or leading zeros, and labels in any case', async () => {
    const path = join(dir, 'excel.csv');
    await writeFile(
      path,
      `\uFEFFmeting;gemeentecode;vragenlijst;vraag;antwoord\r\n2009;3;Mantelzorg;17;NEE\r\n2009;GM0003;mantelzorg;18;Aanbod; Ziekten\r\n`,
    );
    const result = await importAnswerFile(database.db, path, CORRECTION);
    expect(result.rounds[0]).toMatchObject({ inserted: 2 });
  });

  it('imports .xlsx with the same columns', async () => {
    const path = join(dir, 'antwoorden.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Blad1');
    sheet.addRow(['meting', 'gemeentecode', 'vragenlijst', 'vraag', 'antwoord']);
    sheet.addRow(['xlsx-test', 'GM0518', 'vrijwilligerswerk', 1, 2]);
    sheet.addRow(['xlsx-test', 518, 'vrijwilligerswerk', 6, 'jongeren;senioren']);
    await workbook.xlsx.writeFile(path);
    const result = await importAnswerFile(database.db, path);
    expect(result.rounds[0]).toMatchObject({ round: 'xlsx-test', created: true, inserted: 2 });
  });

  it('imports into the round given with --round when the file leaves meting empty', async () => {
    const result = await importAnswerFile(
      database.db,
      await file([HEADER, ',GM0363,mantelzorg,17,2']),
      { round: 'herhaling-2012' },
    );
    expect(result.rounds[0]).toMatchObject({ round: 'herhaling-2012', created: true, inserted: 1 });
  });
});

describe('import: response summaries', () => {
  it('match the stored answers of every response after all the imports above', async () => {
    const instrument = loadInstrument('2009');
    const { rows: answers } = (await database.db.execute(sql`
      select round_id, municipality_code, questionnaire, question, points, options from answers`)) as unknown as {
      rows: {
        round_id: string;
        municipality_code: string;
        questionnaire: string;
        question: number;
        points: number | null;
        options: string[] | null;
      }[];
    };
    const { rows: responses } = (await database.db.execute(sql`
      select round_id, municipality_code, questionnaire, scale_vector, choice_vector, answer_count from responses`)) as unknown as {
      rows: {
        round_id: string;
        municipality_code: string;
        questionnaire: string;
        scale_vector: string;
        choice_vector: string;
        answer_count: number;
      }[];
    };
    expect(responses.length).toBeGreaterThan(3);
    for (const response of responses) {
      const own = answers.filter(
        (a) =>
          a.round_id === response.round_id &&
          a.municipality_code === response.municipality_code &&
          a.questionnaire === response.questionnaire,
      );
      const questionnaire = getQuestionnaire(instrument, response.questionnaire);
      const points = new Map(
        own.filter((a) => a.points !== null).map((a) => [a.question, a.points as number]),
      );
      const options = new Map(
        own.filter((a) => a.options !== null).map((a) => [a.question, a.options as string[]]),
      );
      expect(response.scale_vector).toBe(encodeScaleVector(questionnaire, points));
      expect(response.choice_vector).toBe(encodeChoiceVector(questionnaire, options));
      expect(response.answer_count).toBe(own.length);
    }
  });
});

describe('import: every bad row is reported and nothing is written', () => {
  it('unknown municipality', async () => {
    const error = await expectRejected(
      [...BASE, '2009,GM9999,mantelzorg,17,3'],
      [
        "regel 7: onbekende gemeente 'GM9999': gemeentecode 9999 staat niet in het register 'Gemeenten per 1 januari 2009' (2009) van meting '2009'. Controleer de code; een gemeente uit een ander register hoort in een meting op dat register.",
      ],
    );
    expect(error.errors).toEqual([{ line: 7, message: expect.stringContaining('GM9999') }]);
  });

  it('a municipality code that is no code at all', async () => {
    await expectRejected(
      [...BASE, '2009,Amsterdam,mantelzorg,17,3'],
      ["regel 7: gemeentecode 'Amsterdam' is geen CBS-code. Gebruik bijvoorbeeld GM0363 of 0363."],
    );
  });

  it('unknown questionnaire', async () => {
    await expectRejected(
      [...BASE, '2009,GM0363,mantelzorgen,17,3'],
      ["regel 7: onbekende vragenlijst 'mantelzorgen'. Kies 'vrijwilligerswerk' of 'mantelzorg'."],
    );
  });

  it('unknown question', async () => {
    await expectRejected(
      [...BASE, '2009,GM0363,mantelzorg,58,3', '2009,GM0363,vrijwilligerswerk,x,3'],
      [
        "regel 7: onbekende vraag '58' in vragenlijst 'mantelzorg'. Geef een vraagnummer van 1 tot en met 57.",
        "regel 8: onbekende vraag 'x' in vragenlijst 'vrijwilligerswerk'. Geef een vraagnummer van 1 tot en met 47.",
      ],
    );
  });

  it('value out of range', async () => {
    await expectRejected(
      [...BASE, '2009,GM0363,mantelzorg,19,4', '2009,GM0363,mantelzorg,20,misschien'],
      [
        "regel 7: antwoord '4' op vraag 19 (mantelzorg) is ongeldig. Geef 1 of 'nee', 2 of 'ja, verbetering mogelijk', 3 of 'ja, goed voor elkaar'.",
        "regel 8: antwoord 'misschien' op vraag 20 (mantelzorg) is ongeldig.",
      ],
    );
  });

  it('unknown option, and more than one option for a single choice', async () => {
    await expectRejected(
      [...BASE, '2009,GM0363,mantelzorg,18,aanbod;folder', '2009,GM0014,mantelzorg,15,0;lt-1000'],
      [
        "regel 7: onbekende optie 'folder' bij vraag 18 (mantelzorg). Geldige opties: aanbod, mantelzorg, mantelzorgcompliment, wet-en-regelgeving, ziekten, nulurenindicatie.",
        'regel 8: bij vraag 15 (mantelzorg) hoort één optie, maar er staan er 2: 0;lt-1000. Kies er één.',
      ],
    );
  });

  it('the same answer given twice with different values', async () => {
    await expectRejected(
      [...BASE, '2009,0363,mantelzorg,17,1'],
      [
        'regel 7: vraag 17 (mantelzorg) van gemeente GM0363 staat ook op regel 2, met een ander antwoord (3 tegenover 1). Houd één antwoord over.',
      ],
    );
  });

  it('accepts the same answer given twice with the same value', async () => {
    const result = await importAnswerFile(
      database.db,
      await file([
        ...BASE,
        '2009,0363,mantelzorg,17,"Ja, goed voor elkaar"',
        '2009,GM0363,mantelzorg,17,Ja, goed voor elkaar',
      ]),
    );
    expect(result.rounds[0]).toMatchObject({ unchanged: 5 });
  });

  it('a missing column', async () => {
    const before = await snapshotDatabase(database.db);
    const path = await file(['meting,gemeentecode,vraag,antwoord', '2009,GM0363,17,3']);
    await expect(importAnswerFile(database.db, path)).rejects.toThrow(
      "De kolom 'vragenlijst' ontbreekt in de kopregel. Verwacht: meting,gemeentecode,vragenlijst,vraag,antwoord",
    );
    await expect(importAnswerFile(database.db, path)).rejects.toBeInstanceOf(AnswerFileError);
    expect(await snapshotDatabase(database.db)).toBe(before);
  });

  it('a row with too few fields, an empty meting and a bad round name', async () => {
    await expectRejected(
      [...BASE, '2009,GM0363', ',GM0363,mantelzorg,17,3', 'nul meting,GM0363,mantelzorg,17,3'],
      [
        'regel 7: de regel heeft 2 velden, de kopregel 5. Controleer de scheidingstekens.',
        "regel 8: de kolom 'meting' is leeg. Vul de meting in (bijvoorbeeld 2009) of geef --round op.",
        "regel 9: meting 'nul meting' is geen geldige naam.",
      ],
    );
  });

  it('a meting that differs from --round', async () => {
    await expectRejected(BASE, ["regel 2: meting '2009' wijkt af van --round 2010."], {
      round: '2010',
    });
  });

  it('lists every bad row, not just the first', async () => {
    const error = await expectRejected(
      [
        ...BASE,
        '2009,GM9999,mantelzorg,17,3',
        '2009,GM0363,mantelzorg,99,3',
        '2009,GM0363,mantelzorg,17,5',
      ],
      ['3 fouten gevonden'],
    );
    expect(error.errors.map((e) => e.line)).toEqual([7, 8, 9]);
  });

  it('an empty file and a file with only a header', async () => {
    await expect(importAnswerFile(database.db, await file(['']))).rejects.toThrow(
      'Het bestand is leeg.',
    );
    await expect(importAnswerFile(database.db, await file([HEADER]))).rejects.toThrow(
      'bevat geen antwoorden',
    );
  });
});

describe('import: all or nothing at scale', () => {
  it('one bad row in a file of 40,000 rows leaves the database unchanged', async () => {
    const instrument = loadInstrument('2009');
    const values = generateSyntheticAnswers(instrument, readRegister2009(), {
      participation: 1,
      seed: 7,
    });
    const lines = [HEADER];
    for (const v of values) {
      if (lines.length > 40_000) break;
      const answer =
        v.points !== null
          ? String(v.points)
          : v.options !== null
            ? v.options.join(';')
            : `"${v.text}"`;
      lines.push(`groot,GM${v.municipalityCode},${v.questionnaire},${v.question},${answer}`);
    }
    expect(lines).toHaveLength(40_001);
    const bad = 25_000;
    lines[bad] = lines[bad]?.replace(/,[^,]*$/, ',7') as string;
    const error = await expectRejected(lines, [`regel ${bad + 1}: antwoord '7'`]);
    expect(error.errors).toHaveLength(1);

    lines[bad] = lines[bad]?.replace(/,7$/, ',2') as string;
    const before = await countAnswers(database.db, 'groot');
    const result = await importAnswerFile(database.db, await file(lines));
    expect(before).toBe(0);
    expect(result.rows).toBe(40_000);
    expect(await countAnswers(database.db, 'groot')).toBe(result.rounds[0]?.inserted);
  });
});

describe('import: synthetic rounds stay apart', () => {
  beforeEach(async () => {
    await loadDemoRound(database.db);
  });

  it('refuses to import real answers into the synthetic demo round', async () => {
    await expectRejected(
      [HEADER, `${DEMO_ROUND_ID},GM0363,mantelzorg,17,3`],
      [
        `regel 2: meting '${DEMO_ROUND_ID}' is een synthetische demonstratiemeting en neemt geen geïmporteerde antwoorden aan.`,
      ],
    );
  });

  it('labels the demo round as synthetic in its analysis', async () => {
    const analysis = await analyseRound(database.db, DEMO_ROUND_ID);
    expect(analysis.synthetic).toBe(true);
    expect(analysis.roundName).toContain('synthetische gegevens');
    expect(analysis.respondents.vrijwilligerswerk).toBeGreaterThan(300);
    expect(analysis.multipleChoice.some((c) => c.respondents > 0)).toBe(true);
  });
});
