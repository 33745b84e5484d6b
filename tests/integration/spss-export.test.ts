/**
 * The SPSS export loads in GNU PSPP (Debian package `pspp`): the generated syntax reads its
 * data file without errors or warnings, and the frequencies PSPP computes from it are the
 * analysis's item counts, with the value labels in place.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseRound, type NationalAnalysis } from '../../src/services/analysis-service.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import {
  cutToBytes,
  writeExportFiles,
  writeSpssData,
  writeSpssSyntax,
} from '../../src/services/export/answer-formats.ts';
import {
  exportRoundAnswers,
  type AnswersDataset,
} from '../../src/services/export/answers-export.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const run = promisify(execFile);
const PSPP = process.env.BFM_PSPP ?? 'pspp';

let database: TestDatabase;
let analysis: NationalAnalysis;
let folder: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoRound(database.db);
  analysis = await analyseRound(database.db, DEMO_ROUND_ID);
  folder = await mkdtemp(join(tmpdir(), 'bfm-spss-'));
  for (const dataset of await exportRoundAnswers(database.db, DEMO_ROUND_ID)) {
    for (const file of await writeExportFiles(dataset, 'spss')) {
      await writeFile(join(folder, file.name), file.content);
    }
  }
});

afterAll(async () => {
  await database.dispose();
  await rm(folder, { recursive: true, force: true });
});

/** Runs PSPP in the export folder, as docs/exports.md tells users to, with CSV output. */
async function runPspp(syntax: string): Promise<{ output: string; log: string }> {
  const wrapper = join(folder, 'test-wrapper.sps');
  const out = join(folder, 'test-output.csv');
  await writeFile(wrapper, syntax);
  const { stdout, stderr } = await run(PSPP, ['-O', 'format=csv', '-o', out, wrapper], {
    cwd: folder,
  });
  return { output: await readFile(out, 'utf8'), log: `${stdout}\n${stderr}` };
}

/** The Valid rows of a FREQUENCIES table in PSPP's CSV output: label → frequency. */
function readFrequencies(output: string, title: string): Map<string, number> {
  const start = output.indexOf(`Table: ${title}`);
  expect(start, `no frequency table '${title}' in the output`).toBeGreaterThanOrEqual(0);
  const table = output.slice(start).split('\n\n')[0] ?? '';
  const counts = new Map<string, number>();
  for (const line of table.split('\n').slice(2)) {
    const match = /^(?:Valid)?,("(?:[^"]|"")*"|[^,]*),(\d+),/.exec(line);
    if (match?.[1])
      counts.set(match[1].replace(/^"|"$/g, '').replaceAll('""', '"'), Number(match[2]));
  }
  return counts;
}

describe('the SPSS export in PSPP', () => {
  it.each(['mantelzorg', 'vrijwilligerswerk'])(
    'pspp %s.sps loads without errors and its item frequencies are the analysis counts',
    async (questionnaire) => {
      const item = analysis.items.find(
        (i) => i.questionnaire === questionnaire && i.question === 17,
      );
      expect(item).toBeDefined();
      const { output, log } = await runPspp(
        [
          `INCLUDE FILE='${DEMO_ROUND_ID}-${questionnaire}.sps'.`,
          'FREQUENCIES /VARIABLES=vraag_17.',
          'DISPLAY DICTIONARY.',
          '',
        ].join('\n'),
      );
      expect(`${output}\n${log}`).not.toMatch(/error|warning/i);
      const frequencies = readFrequencies(output, `Vraag 17.`);
      expect([
        frequencies.get('Nee'),
        frequencies.get('Ja, verbetering mogelijk'),
        frequencies.get('Ja, goed voor elkaar'),
      ]).toEqual(item?.counts);
      // The dictionary has the labels and the names the issue asks for.
      expect(output).toContain('gemeentecode');
      expect(output).toMatch(/vraag_17,\d+,"?Vraag 17\./);
      expect(output).toContain('Ja, verbetering mogelijk');
      // A long label, written as several literals, arrives whole (cut at 255 bytes at most).
      const label = `Vraag 17. ${item?.text ?? ''}`;
      expect(output).toContain(label.length <= 200 ? label : label.slice(0, 200));
    },
  );

  it('pspp ID-mantelzorg.sps, run from its folder as the docs say, exits 0 without errors', async () => {
    const { stdout, stderr } = await run(PSPP, [`${DEMO_ROUND_ID}-mantelzorg.sps`], {
      cwd: folder,
    });
    expect(`${stdout}\n${stderr}`).not.toMatch(/error|warning/i);
  });

  it('reads quotes, apostrophes, separators, line breaks and accents in labels and texts back unchanged', async () => {
    const text = 'Zei "ja", en; \'s-Hertogenbosch: één\nregel';
    const dataset: AnswersDataset = {
      roundId: 'tekens',
      roundName: "Meting 'tekens'",
      synthetic: false,
      instrumentVersion: '2009',
      questionnaire: { id: 'mantelzorg', name: 'Mantelzorg' },
      scope: 'all',
      filter: null,
      variables: [
        {
          name: 'gemeentecode',
          label: 'Gemeentecode',
          type: 'string',
          decimals: 0,
          level: 'nominal',
          values: [],
          source: { kind: 'code' },
        },
        {
          name: 'vraag_1',
          label: `Heeft 's-Hertogenbosch een "visie"? ${'Lang label met ë. '.repeat(12)}`,
          type: 'numeric',
          decimals: 0,
          level: 'ordinal',
          values: [{ value: 1, label: 'Nee, \'nooit\' "echt"' }],
          source: { kind: 'scale', question: 1, position: 0 },
        },
        {
          name: 'vraag_2_tekst',
          label: 'Toelichting',
          type: 'string',
          decimals: 0,
          level: 'nominal',
          values: [],
          source: { kind: 'text', question: 2 },
        },
      ],
      rows: [
        ['0363', 1, text],
        ['0014', null, null],
      ],
    };
    await writeFile(join(folder, 'tekens.sps'), writeSpssSyntax(dataset, 'tekens.dat'));
    await writeFile(join(folder, 'tekens.dat'), writeSpssData(dataset));
    const { output, log } = await runPspp(
      "INCLUDE FILE='tekens.sps'.\nLIST.\nDISPLAY DICTIONARY.\n",
    );
    expect(`${output}\n${log}`).not.toMatch(/error|warning/i);
    // PSPP writes its CSV output with doubled quotes.
    const csv = (value: string) => `"${value.replaceAll('"', '""')}"`;
    expect(output).toContain(`0363,1,${csv(text.replace('\n', ' '))}`);
    expect(output).toContain(csv('Nee, \'nooit\' "echt"'));
    // The long label arrives whole up to SPSS's 255 bytes, across its + continuation lines.
    expect(output).toContain(csv(cutToBytes(dataset.variables[1]?.label ?? '', 255).trimEnd()));
  });
});
