import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AnswerFileError } from './read-answer-file.ts';
import { parseWmoPlanBytes, parseWmoPlanCsv } from './read-wmo-plan-file.ts';

describe('reading a file of Wmo plan statuses', () => {
  it('reads Dutch Excel CSV: a BOM, semicolons, quoted values and line numbers from the header', () => {
    const rows = parseWmoPlanCsv(
      '\uFEFFgemeentecode;opgenomen;periode;titel;url\r\nGM0363;ja;2012-2015;"Samen; sterk";https://a.nl/p\r\n\r\n0014;nee;;;\r\n',
    );
    expect(rows).toEqual([
      {
        line: 2,
        values: {
          gemeentecode: 'GM0363',
          opgenomen: 'ja',
          periode: '2012-2015',
          titel: 'Samen; sterk',
          url: 'https://a.nl/p',
        },
      },
      {
        line: 4,
        values: { gemeentecode: '0014', opgenomen: 'nee', periode: '', titel: '', url: '' },
      },
    ]);
  });

  it('accepts a header without the optional columns, in any order and case', () => {
    expect(parseWmoPlanCsv('Opgenomen,GemeenteCode\ngedeeltelijk,0363\n')).toEqual([
      {
        line: 2,
        values: {
          gemeentecode: '0363',
          opgenomen: 'gedeeltelijk',
          periode: '',
          titel: '',
          url: '',
        },
      },
    ]);
  });

  it('refuses a header without the required columns, naming them and what it found', () => {
    expect(() => parseWmoPlanCsv('gemeente,status\n0363,ja\n')).toThrow(
      new AnswerFileError(
        "De kolommen 'gemeentecode' en 'opgenomen' ontbreken in de kopregel. Verwacht: gemeentecode,opgenomen,periode,titel,url (gevonden: gemeente,status).",
      ),
    );
    expect(() => parseWmoPlanCsv('')).toThrow(/Het bestand is leeg/);
    expect(() => parseWmoPlanCsv('gemeentecode,opgenomen,opgenomen\n')).toThrow(
      "De kolom 'opgenomen' staat twee keer in de kopregel.",
    );
  });

  it('reads the first worksheet of an .xlsx, with numbers as text and the sheet row as line', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Plannen');
    sheet.addRow(['gemeentecode', 'opgenomen', 'periode']);
    sheet.addRow([363, 'ja', 2013]);
    sheet.addRow([]);
    sheet.addRow(['0014', 'nee', '']);
    const rows = await parseWmoPlanBytes(new Uint8Array(await book.xlsx.writeBuffer()), 'p.xlsx');
    expect(rows.map((row) => [row.line, row.values.gemeentecode, row.values.periode])).toEqual([
      [2, '363', '2013'],
      [4, '0014', ''],
    ]);
  });

  it('refuses bytes that are no workbook under an .xlsx name', async () => {
    await expect(
      parseWmoPlanBytes(new TextEncoder().encode('PK nonsense'), 'p.xlsx'),
    ).rejects.toThrow(AnswerFileError);
  });
});
