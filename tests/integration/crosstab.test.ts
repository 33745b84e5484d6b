/**
 * Cross-tables of any two questions on the demo round: the service counts what a plain count
 * over the stored answer vectors gives, the 3-point tables equal the old item cross-table, the
 * count of basisfuncties goed crossed equals the analysis' cross-table (bijlage 3), the CLI's
 * JSON equals the service, and a municipality account gets the small-cell view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseRound, crossTabulateItems } from '../../src/services/analysis-service.ts';
import { findDeterminedCells } from '../../src/domain/crosstab-disclosure.ts';
import { listAllScaleItems, getQuestionnaire } from '../../src/domain/instrument.ts';
import {
  decodeChoiceVector,
  decodeScaleVector,
  listChoiceItems,
} from '../../src/domain/response-vectors.ts';
import { readResponseVectors } from '../../src/db/repositories/answer-repository.ts';
import { crossTabulateQuestions, loadCrossTabView } from '../../src/services/crosstab-service.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { bfm } from '../support/cli.ts';
import {
  createTestDatabase,
  createTestEnvironment,
  type TestDatabase,
  type TestEnvironment,
} from '../support/database.ts';
import { seedAccounts, type Cast } from '../support/factories.ts';

let database: TestDatabase;
let environment: TestEnvironment;
let cast: Cast;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoRound(database.db);
  cast = await seedAccounts(database.db);
  environment = await createTestEnvironment();
  // The same synthetic round (a fixed seed) in the CLI's own database.
  const started = await bfm(environment.env, 'start', '--no-serve');
  expect(started.code).toBe(0);
}, 180_000);

afterAll(async () => {
  await database?.close();
  await environment?.dispose();
});

const user = (role: keyof Cast) => ({ kind: 'user' as const, user: cast[role] });

/** A count straight from the vectors: the independent check of the service. */
async function countPairs(
  row: {
    questionnaire: string;
    value: (scale: (number | null)[], masks: number[]) => number | null;
  },
  column: {
    questionnaire: string;
    value: (scale: (number | null)[], masks: number[]) => number | null;
  },
): Promise<Map<string, number>> {
  const loaded = await loadRound(database.db, DEMO_ROUND_ID);
  const vectors = await readResponseVectors(database.db, DEMO_ROUND_ID);
  const decode = (questionnaire: string) => {
    const q = getQuestionnaire(loaded.instrument, questionnaire);
    const scaleLength = listAllScaleItems(q).length;
    const choiceLength = listChoiceItems(q).length;
    return new Map(
      vectors
        .filter((v) => v.questionnaire === questionnaire && v.answerCount > 0)
        .map((v) => [
          v.municipalityCode,
          {
            scale: decodeScaleVector(v.scaleVector, scaleLength),
            masks: decodeChoiceVector(v.choiceVector, choiceLength),
          },
        ]),
    );
  };
  const rows = decode(row.questionnaire);
  const columns = decode(column.questionnaire);
  const counts = new Map<string, number>();
  for (const [code, r] of rows) {
    const c = columns.get(code);
    if (!c) continue;
    const a = row.value(r.scale, r.masks);
    const b = column.value(c.scale, c.masks);
    if (a === null || b === null) continue;
    counts.set(`${a},${b}`, (counts.get(`${a},${b}`) ?? 0) + 1);
  }
  return counts;
}

describe('crossTabulateQuestions on the demo round', () => {
  it('counts a 3-point item of mantelzorg against a single-choice item, as the vectors say', async () => {
    const result = await crossTabulateQuestions(database.db, DEMO_ROUND_ID, {
      row: 'mantelzorg.15',
      column: 'mantelzorg.17',
    });
    const loaded = await loadRound(database.db, DEMO_ROUND_ID);
    const mantelzorg = getQuestionnaire(loaded.instrument, 'mantelzorg');
    const position17 = listAllScaleItems(mantelzorg).findIndex((i) => i.number === 17);
    const index15 = listChoiceItems(mantelzorg).findIndex((i) => i.number === 15);
    const expected = await countPairs(
      {
        questionnaire: 'mantelzorg',
        value: (_, masks) => (masks[index15] ? Math.log2(masks[index15]!) : null),
      },
      { questionnaire: 'mantelzorg', value: (scale) => scale[position17] ?? null },
    );
    result.counts.forEach((cells, r) =>
      cells.forEach((count, c) => expect(count).toBe(expected.get(`${r},${c + 1}`) ?? 0)),
    );
    expect(result.total).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    expect(result.total).toBeGreaterThan(300);
    expect(result.test?.degreesOfFreedom).toBeGreaterThan(0);
  });

  it('matches the two questionnaires on the municipality', async () => {
    const result = await crossTabulateQuestions(database.db, DEMO_ROUND_ID, {
      row: 'mantelzorg.17',
      column: 'vrijwilligerswerk.3',
    });
    const loaded = await loadRound(database.db, DEMO_ROUND_ID);
    const position = (q: string, n: number) =>
      listAllScaleItems(getQuestionnaire(loaded.instrument, q)).findIndex((i) => i.number === n);
    const p17 = position('mantelzorg', 17);
    const p3 = position('vrijwilligerswerk', 3);
    const expected = await countPairs(
      { questionnaire: 'mantelzorg', value: (scale) => scale[p17] ?? null },
      { questionnaire: 'vrijwilligerswerk', value: (scale) => scale[p3] ?? null },
    );
    result.counts.forEach((cells, r) =>
      cells.forEach((count, c) => expect(count).toBe(expected.get(`${r + 1},${c + 1}`) ?? 0)),
    );
  });

  it('keeps the item cross-table of two 3-point items identical', async () => {
    const [old, generic] = await Promise.all([
      crossTabulateItems(database.db, {
        round: DEMO_ROUND_ID,
        questionnaire: 'mantelzorg',
        row: 17,
        column: 19,
      }),
      crossTabulateQuestions(database.db, DEMO_ROUND_ID, {
        row: 'mantelzorg.17',
        column: 'mantelzorg.19',
      }),
    ]);
    expect(generic.counts).toEqual(old.counts);
    expect(generic.rowPercentages).toEqual(old.rowPercentages);
    expect(generic.columnTotalPercentages).toEqual(old.columnPercentages);
    expect(generic.total).toBe(old.total);
  });

  it('gives the analysis’ cross-table of basisfuncties goed (bijlage 3), with its filter', async () => {
    const filter = { sizeClass: null, group: null, province: 'PV27' };
    for (const f of [undefined, filter]) {
      const [analysis, table] = await Promise.all([
        analyseRound(database.db, DEMO_ROUND_ID, f),
        crossTabulateQuestions(
          database.db,
          DEMO_ROUND_ID,
          { row: 'mantelzorg.aantal-goed', column: 'vrijwilligerswerk.aantal-goed' },
          f,
        ),
      ]);
      expect(table.counts).toEqual(analysis.crossTable);
      expect(table.total).toBe(analysis.respondents.both);
    }
  });

  it('refuses an unknown question in Dutch, naming the id', async () => {
    await expect(
      crossTabulateQuestions(database.db, DEMO_ROUND_ID, { row: 'mantelzorg.16', column: 'x' }),
    ).rejects.toThrow(/Onbekende vraag 'mantelzorg.16' in de rijen/);
  });
});

describe('bfm crosstab', () => {
  it('prints the same JSON as the service for any two questions', async () => {
    const result = await bfm(
      environment.env,
      'crosstab',
      '--round',
      DEMO_ROUND_ID,
      '--row',
      'mantelzorg.15',
      '--column',
      'vrijwilligerswerk.aantal-goed',
      '--provincie',
      'PV27',
      '--json',
    );
    expect(result.code).toBe(0);
    const reference = await crossTabulateQuestions(
      database.db,
      DEMO_ROUND_ID,
      { row: 'mantelzorg.15', column: 'vrijwilligerswerk.aantal-goed' },
      { sizeClass: null, group: null, province: 'PV27' },
    );
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(reference)));
  });

  it('accepts question numbers with --questionnaire, and explains one without', async () => {
    const mixed = await bfm(
      environment.env,
      'crosstab',
      '--round',
      DEMO_ROUND_ID,
      '--questionnaire',
      'mantelzorg',
      '--row',
      '17',
      '--column',
      'vrijwilligerswerk.aantal-goed',
    );
    expect(mixed.code).toBe(0);
    expect(mixed.stdout).toContain('Kolompercentages');
    expect(mixed.stdout).toMatch(/samenhang/);
    const bare = await bfm(
      environment.env,
      'crosstab',
      '--round',
      DEMO_ROUND_ID,
      '--row',
      '17',
      '--column',
      'mantelzorg.19',
    );
    expect(bare).toMatchObject({ code: 2, stdout: '' });
    expect(bare.stderr).toContain('--row 17 noemt geen vragenlijst');
  });
});

describe('loadCrossTabView', () => {
  const query = { row: 'mantelzorg.15', column: 'vrijwilligerswerk.aantal-goed' };

  it('gives staff every figure, filtered as asked', async () => {
    const filter = { sizeClass: null, group: 'G27', province: null };
    const [view, reference] = await Promise.all([
      loadCrossTabView(database.db, user('analyst'), DEMO_ROUND_ID, query, filter),
      crossTabulateQuestions(database.db, DEMO_ROUND_ID, query, filter),
    ]);
    expect(view.protection).toBe('none');
    expect(view.filter).toEqual(filter);
    expect(view.counts).toEqual(reference.counts);
    expect(view.test).toEqual(reference.test);
  });

  it('gives a municipality account the national table with small cells withheld', async () => {
    const view = await loadCrossTabView(database.db, user('municipality'), DEMO_ROUND_ID, query, {
      sizeClass: null,
      group: null,
      province: 'PV24',
    });
    const reference = await crossTabulateQuestions(database.db, DEMO_ROUND_ID, query);
    expect(view.filterIgnored).toBe(true);
    expect(view.filter).toEqual({ sizeClass: null, group: null, province: null });
    expect(view.protection).toBe('small-cells');
    expect(view.total).toBe(reference.total);
    expect(view.rowTotals).toEqual(reference.rowTotals);
    // Every small cell is withheld, and none of the withheld can be recomputed.
    const hidden = view.counts.map((cells) => cells.map((count) => count === null));
    reference.counts.forEach((cells, r) =>
      cells.forEach((count, c) => {
        if (count > 0 && count < 5) expect(hidden[r]![c]).toBe(true);
        if (!hidden[r]![c]) expect(view.counts[r]![c]).toBe(count);
      }),
    );
    expect(view.suppressed).toBe(true);
    expect(findDeterminedCells(reference.counts, hidden)).toEqual([]);
    expect(view.test).toBeNull();
  });

  it('withholds a whole multiple-choice question from a municipality account', async () => {
    const view = await loadCrossTabView(database.db, user('municipality'), DEMO_ROUND_ID, {
      row: 'mantelzorg.18',
      column: 'mantelzorg.17',
    });
    expect(view.withheld).toBe('multiple-response');
    expect(view.counts.flat().every((count) => count === null)).toBe(true);
  });
});
