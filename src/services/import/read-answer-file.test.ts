import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AnswerFileError, parseAnswerCsv, readAnswerFile } from './read-answer-file.ts';

const header = 'meting,gemeentecode,vragenlijst,vraag,antwoord';

describe('parseAnswerCsv', () => {
  it('reads comma-separated rows with their line numbers', () => {
    const rows = parseAnswerCsv(
      `${header}\n2009,GM0363,mantelzorg,17,3\n\n2009,0363,mantelzorg,18,aanbod;mantelzorg\n`,
    );
    expect(rows).toEqual([
      {
        line: 2,
        values: {
          meting: '2009',
          gemeentecode: 'GM0363',
          vragenlijst: 'mantelzorg',
          vraag: '17',
          antwoord: '3',
        },
      },
      {
        line: 4,
        values: {
          meting: '2009',
          gemeentecode: '0363',
          vragenlijst: 'mantelzorg',
          vraag: '18',
          antwoord: 'aanbod;mantelzorg',
        },
      },
    ]);
  });

  it('reads what Dutch Excel writes: BOM, semicolons, CRLF, quoted text with line breaks', () => {
    const text =
      '\uFEFFmeting;gemeentecode;vragenlijst;vraag;antwoord\r\n2009;GM0363;mantelzorg;21;"Eerste regel\r\ntweede; met ""quote"""\r\n2009;GM0363;mantelzorg;17;Ja, goed voor elkaar\r\n';
    const rows = parseAnswerCsv(text);
    expect(rows.map((r) => [r.line, r.values.antwoord])).toEqual([
      [2, 'Eerste regel\r\ntweede; met "quote"'],
      [4, 'Ja, goed voor elkaar'],
    ]);
  });

  it('accepts the columns in any order and in any case, and ignores extra columns', () => {
    const rows = parseAnswerCsv(
      'Antwoord,Vraag,opmerking,Vragenlijst,Gemeentecode,Meting\n3,17,x,mantelzorg,GM0363,2009\n',
    );
    expect(rows[0]?.values).toEqual({
      meting: '2009',
      gemeentecode: 'GM0363',
      vragenlijst: 'mantelzorg',
      vraag: '17',
      antwoord: '3',
    });
  });

  it('names a missing column', () => {
    expect(() =>
      parseAnswerCsv('meting,gemeentecode,vragenlijst,vraag\n2009,GM0363,mantelzorg,17\n'),
    ).toThrow(
      "De kolom 'antwoord' ontbreekt in de kopregel. Verwacht: meting,gemeentecode,vragenlijst,vraag,antwoord",
    );
    expect(() => parseAnswerCsv('gemeente,antwoord\n')).toThrow(
      "De kolommen 'meting', 'gemeentecode', 'vragenlijst', 'vraag' ontbreken",
    );
  });

  it('rejects an empty file and a broken quote', () => {
    expect(() => parseAnswerCsv('')).toThrow(AnswerFileError);
    expect(() => parseAnswerCsv(`${header}\n2009,GM0363,mantelzorg,21,"open\n`)).toThrow(
      'het aanhalingsteken op regel 2 wordt nergens gesloten',
    );
  });

  it('flags a row with too few fields', () => {
    const rows = parseAnswerCsv(`${header}\n2009,GM0363,mantelzorg\n`);
    expect(rows[0]?.problem).toBe(
      'de regel heeft 3 velden, de kopregel 5. Controleer de scheidingstekens.',
    );
  });
});

describe('readAnswerFile', () => {
  it('rejects text that is not UTF-8 with advice on how to save it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bfm-'));
    const path = join(dir, 'latin1.csv');
    await writeFile(
      path,
      Buffer.concat([
        Buffer.from(`${header}\n2009,GM0363,mantelzorg,21,`),
        Buffer.from([0xe9, 0x0a]),
      ]),
    );
    await expect(readAnswerFile(path)).rejects.toThrow("Sla het in Excel op als 'CSV UTF-8");
  });

  it('reads .xlsx with the same columns, numbers and rich text included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bfm-'));
    const path = join(dir, 'antwoorden.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Antwoorden');
    sheet.addRow(['meting', 'gemeentecode', 'vragenlijst', 'vraag', 'antwoord']);
    sheet.addRow([2009, 363, 'mantelzorg', 17, 3]);
    sheet.addRow([]);
    sheet.addRow([
      '2009',
      'GM0363',
      'mantelzorg',
      21,
      { richText: [{ text: 'Vet ' }, { text: 'en gewoon' }] },
    ]);
    await workbook.xlsx.writeFile(path);
    const rows = await readAnswerFile(path);
    expect(rows).toEqual([
      {
        line: 2,
        values: {
          meting: '2009',
          gemeentecode: '363',
          vragenlijst: 'mantelzorg',
          vraag: '17',
          antwoord: '3',
        },
      },
      {
        line: 4,
        values: {
          meting: '2009',
          gemeentecode: 'GM0363',
          vragenlijst: 'mantelzorg',
          vraag: '21',
          antwoord: 'Vet en gewoon',
        },
      },
    ]);
  });

  it('says so when the file does not exist or is not a workbook', async () => {
    await expect(readAnswerFile('/nonexistent/antwoorden.csv')).rejects.toThrow(
      "Het bestand '/nonexistent/antwoorden.csv' kan niet worden gelezen",
    );
    const dir = await mkdtemp(join(tmpdir(), 'bfm-'));
    const path = join(dir, 'kapot.xlsx');
    await writeFile(path, 'geen excel');
    await expect(readAnswerFile(path)).rejects.toThrow('geen leesbaar Excel-bestand');
  });
});

describe('parseAnswerCsv: unquoted commas in the last column', () => {
  it("keeps 'Ja, goed voor elkaar' and open text together when antwoord is the last column", () => {
    const rows = parseAnswerCsv(
      `${header}\n2009,GM0363,mantelzorg,17,Ja, goed voor elkaar\n2009,GM0363,mantelzorg,21,Loket, website, huisarts\n`,
    );
    expect(rows.map((r) => r.values.antwoord)).toEqual([
      'Ja, goed voor elkaar',
      'Loket, website, huisarts',
    ]);
  });
});
