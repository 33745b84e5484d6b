/**
 * Trends over hand-built rounds: a same-register pair, and a 2009 → 2025 pair with a merger
 * (Eemsdelta), a split (Winsum, over Het Hogeland and Westerkwartier) and municipalities
 * without an earlier measurement. Every expected figure is computed by hand in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseRound } from '../../src/services/analysis-service.ts';
import { loadMunicipalityReport } from '../../src/services/report-service.ts';
import { seedAccounts, type Cast } from '../support/factories.ts';
import { ensureReferenceData } from '../../src/services/reference-data.ts';
import {
  compareRounds,
  loadMunicipalityTrend,
  loadTrendPage,
} from '../../src/services/trend-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createHandBuiltRound, respijtzorg } from '../support/trend-rounds.ts';

let database: TestDatabase;
let cast: Cast;

// Populations (register 2009): Appingedam 12 032, Delfzijl 26 635, Loppersum 10 452,
// Bedum 10 447, Winsum 14 073 (of which 78,8 % went to Het Hogeland).
beforeAll(async () => {
  database = await createTestDatabase();
  await ensureReferenceData(database.db);
  cast = await seedAccounts(database.db);
  await createHandBuiltRound(database.db, {
    id: 't2009a',
    registerId: '2009',
    answers: { '0344': respijtzorg(2, 2, 2) },
  });
  await createHandBuiltRound(database.db, {
    id: 't2009b',
    registerId: '2009',
    previousRoundId: 't2009a',
    answers: {
      '0344': respijtzorg(1, 2, 2), // 3,3 aandacht nodig
      '0003': respijtzorg(3, 3, 3), // Appingedam 10
      '0010': respijtzorg(1, 1, 1), // Delfzijl 0
      '0024': respijtzorg(2, 2, 2), // Loppersum 5
      '0053': respijtzorg(3, 3, 3), // Winsum 10
      '0005': respijtzorg(1, 1, 1), // Bedum 0
    },
  });
  await createHandBuiltRound(database.db, {
    id: 't2025',
    registerId: '2025',
    previousRoundId: 't2009b',
    answers: {
      '0344': respijtzorg(2, 2, 3), // 6,7 goed
      '1979': respijtzorg(2, 2, 3), // Eemsdelta 6,7 goed
      '0193': respijtzorg(3, 3, 3), // Zwolle 10, nothing in 2009
    },
  });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

function respijt<T extends { basisfunctie: string }>(list: readonly T[]): T {
  const found = list.find((b) => b.basisfunctie === 'respijtzorg');
  if (!found) throw new Error('respijtzorg missing');
  return found;
}

describe('compareRounds on one register', () => {
  it('gives the same respondents and percentGoed as bfm analyse for both rounds', async () => {
    const comparison = await compareRounds(database.db, 't2009a', 't2009b');
    const [from, to] = await Promise.all([
      analyseRound(database.db, 't2009a'),
      analyseRound(database.db, 't2009b'),
    ]);
    for (const bf of comparison.basisfuncties) {
      const a = from.basisfuncties.find((b) => b.basisfunctie === bf.basisfunctie);
      const b = to.basisfuncties.find((x) => x.basisfunctie === bf.basisfunctie);
      expect(bf.from).toEqual({ respondents: a?.respondents, percentGoed: a?.percentGoed });
      expect(bf.to).toEqual({ respondents: b?.respondents, percentGoed: b?.percentGoed });
    }
    expect(comparison.notCompared).toEqual([]);
  });

  it('counts Utrecht moving from op de goede weg (5,0) to aandacht nodig (3,3)', async () => {
    const comparison = await compareRounds(database.db, 't2009a', 't2009b');
    const t = respijt(comparison.basisfuncties).transitions;
    expect(t['op-de-goede-weg']?.['aandacht-nodig']).toBe(1);
    // The five others answered only in t2009b: from no mark to their band.
    expect(t['geen-cijfer']?.['goed-voor-elkaar']).toBe(2);
    expect(t['geen-cijfer']?.['aandacht-nodig']).toBe(2);
    expect(t['geen-cijfer']?.['op-de-goede-weg']).toBe(1);
    const total = Object.values(t).reduce(
      (sum, row) => sum + Object.values(row).reduce((a, b) => a + b, 0),
      0,
    );
    expect(total).toBe(441);
  });
});

describe('compareRounds from 2009 to 2025', () => {
  it('combines predecessors with the population-weighted mean and counts every 2025 municipality once', async () => {
    const comparison = await compareRounds(database.db, 't2009b', 't2025');
    const bf = respijt(comparison.basisfuncties);
    // Earlier marks over the 2025 register: Utrecht 3,3 (aandacht); Eemsdelta
    // (12032×10 + 26635×0 + 10452×5)/49119 = 3,5 (aandacht); Het Hogeland: Bedum 0 (10447)
    // and Winsum 10 (14073 × 0,788 = 11089,5) → 5,1 (op de goede weg); Westerkwartier: only
    // Winsum answered → 10 (goed). 4 respondents, 1 goed → 25 %.
    expect(bf.from).toEqual({ respondents: 4, percentGoed: 25 });
    // Later: Utrecht 6,7, Eemsdelta 6,7, Zwolle 10: all goed.
    expect(bf.to).toEqual({ respondents: 3, percentGoed: 100 });
    expect(bf.transitions['aandacht-nodig']?.['goed-voor-elkaar']).toBe(2);
    expect(bf.transitions['op-de-goede-weg']?.['geen-cijfer']).toBe(1);
    expect(bf.transitions['goed-voor-elkaar']?.['geen-cijfer']).toBe(1);
    expect(bf.transitions['geen-cijfer']?.['goed-voor-elkaar']).toBe(1);
    expect(bf.transitions['geen-cijfer']?.['geen-cijfer']).toBe(342 - 5);
    expect(comparison.bands).toEqual([
      'aandacht-nodig',
      'op-de-goede-weg',
      'goed-voor-elkaar',
      'geen-cijfer',
    ]);
  });

  it('follows the chosen rule: the largest predecessor makes Het Hogeland goed', async () => {
    const comparison = await compareRounds(database.db, 't2009b', 't2025', {
      rule: 'grootste-voorganger',
    });
    // Eemsdelta: Delfzijl (0, aandacht); Het Hogeland: Winsum's part (11089,5 > 10447) → goed.
    expect(respijt(comparison.basisfuncties).from).toEqual({ respondents: 4, percentGoed: 50 });
    expect(comparison.rule).toBe('grootste-voorganger');
  });

  it('filters on the 2025 register (Groningen province: Eemsdelta and Het Hogeland, Westerkwartier)', async () => {
    const comparison = await compareRounds(database.db, 't2009b', 't2025', {
      filter: { sizeClass: null, group: null, province: 'PV20' },
    });
    const bf = respijt(comparison.basisfuncties);
    expect(bf.from).toEqual({ respondents: 3, percentGoed: 33.3 });
    expect(bf.to).toEqual({ respondents: 1, percentGoed: 100 });
  });

  it('refuses to compare a round with itself, in Dutch', async () => {
    await expect(compareRounds(database.db, 't2025', 't2025')).rejects.toThrow(
      /twee verschillende metingen/,
    );
  });
});

describe('loadTrendPage', () => {
  it('gives the share goed over all three rounds, each over the 2025 register', async () => {
    const page = await loadTrendPage(database.db, { kind: 'user', user: cast.analyst }, 't2025');
    expect(page.fromRoundId).toBe('t2009b');
    expect(page.series?.rounds.map((r) => r.roundId)).toEqual(['t2009a', 't2009b', 't2025']);
    const respijt = page.series?.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg');
    // t2009a: only Utrecht (5,0, op de goede weg); t2009b and t2025 as above.
    expect(respijt?.values).toEqual([
      { respondents: 1, percentGoed: 0 },
      { respondents: 4, percentGoed: 25 },
      { respondents: 3, percentGoed: 100 },
    ]);
  });

  it('withholds percentages over fewer than 5 municipalities for a municipality account', async () => {
    const page = await loadTrendPage(
      database.db,
      { kind: 'user', user: cast.municipality },
      't2025',
      { filter: { sizeClass: null, group: null, province: 'PV20' } },
    );
    expect(page.comparison?.filterIgnored).toBe(true);
    expect(page.comparison?.protection).toBe('small-cells');
    const respijt = page.comparison?.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg');
    expect(respijt?.from).toEqual({ respondents: 4, percentGoed: null });
    expect(respijt?.transitions['aandacht-nodig']?.['goed-voor-elkaar']).toBeNull();
    expect(respijt?.transitions['geen-cijfer']?.['geen-cijfer']).toBeNull();
    expect(respijt?.suppressed).toBe(true);
  });
});

describe('loadMunicipalityTrend', () => {
  it('follows an unchanged municipality over three rounds', async () => {
    const trend = await loadMunicipalityTrend(database.db, 't2025', '0344');
    expect(trend.rounds.map((r) => r.roundId)).toEqual(['t2009a', 't2009b', 't2025']);
    const bf = respijt(trend.basisfuncties);
    expect(bf.points.map((p) => p.mark?.toFixed(2) ?? null)).toEqual(['5.00', '3.33', '6.67']);
    expect(bf.points.every((p) => p.predecessors === null)).toBe(true);
    expect(bf.change).toBe('Respijtzorg ging van 3,3 (aandacht nodig) naar 6,7 (goed voor elkaar)');
  });

  it("shows a merged municipality's predecessors side by side and their combined mark", async () => {
    const trend = await loadMunicipalityTrend(database.db, 't2025', '1979');
    const bf = respijt(trend.basisfuncties);
    const point = bf.points[1];
    expect(point?.predecessors?.map((p) => [p.name, p.mark])).toEqual([
      ['Appingedam', 10],
      ['Delfzijl', 0],
      ['Loppersum', 5],
    ]);
    expect(point?.mark).toBeCloseTo(172_580 / 49_119, 10);
    expect(bf.change).toBe('Respijtzorg ging van 3,5 (aandacht nodig) naar 6,7 (goed voor elkaar)');
    // None of the three answered in t2009a.
    expect(bf.points[0]?.measured).toBe(false);
  });

  it('gives each successor of a split its part of the predecessor', async () => {
    const hogeland = respijt(
      (await loadMunicipalityTrend(database.db, 't2025', '1966')).basisfuncties,
    );
    const winsum = hogeland.points[1]?.predecessors?.find((p) => p.code === '0053');
    expect(winsum?.share).toBeCloseTo(0.788, 3);
    // 5,1 op de goede weg (the stored share has more digits than 0,788).
    expect(hogeland.points[1]?.mark).toBeCloseTo(110_895 / 21_536.5, 4);
    expect(hogeland.points[1]?.band).toBe('op-de-goede-weg');
    const westerkwartier = respijt(
      (await loadMunicipalityTrend(database.db, 't2025', '1969')).basisfuncties,
    );
    expect(
      westerkwartier.points[1]?.predecessors?.find((p) => p.code === '0053')?.share,
    ).toBeCloseTo(0.212, 10);
    expect(westerkwartier.points[1]?.mark).toBe(10);
    expect(westerkwartier.change).toBe(
      'Respijtzorg: 10,0 (goed voor elkaar) bij de vorige meting, nu geen cijfer',
    );
  });

  it("says 'geen eerdere meting' for a municipality that was not measured before", async () => {
    const trend = await loadMunicipalityTrend(database.db, 't2025', '0193');
    expect(respijt(trend.basisfuncties).change).toBe('Respijtzorg: geen eerdere meting');
  });

  it('refuses a code that is not in the round’s register', async () => {
    await expect(loadMunicipalityTrend(database.db, 't2025', '0003')).rejects.toThrow(
      /niet in het register '2025'/,
    );
  });
});

describe("the merged municipality's report", () => {
  it('shows the predecessors side by side and the combined baseline, with the rule', async () => {
    const report = await loadMunicipalityReport(database.db, cast.coordinator, 't2025', '1979');
    expect(report.predecessors?.municipalities.map((m) => m.name)).toEqual([
      'Appingedam',
      'Delfzijl',
      'Loppersum',
    ]);
    expect(report.predecessors?.ruleLabel).toBe('gewogen gemiddeld cijfer (naar inwoners)');
    const respijt = report.predecessors?.rows.find((r) => r.basisfunctie === 'respijtzorg');
    expect(respijt).toMatchObject({
      marks: ['10,0 (goed voor elkaar)', '0,0 (aandacht nodig)', '5,0 (op de goede weg)'],
      combined: '3,5 (aandacht nodig)',
    });
  });

  it('names the share of a split predecessor and follows the chosen rule', async () => {
    const report = await loadMunicipalityReport(database.db, cast.coordinator, 't2025', '1966', {
      rule: 'grootste-voorganger',
    });
    expect(report.predecessors?.municipalities.find((m) => m.code === '0053')?.share).toBe(
      '79% van het gebied',
    );
    const respijt = report.predecessors?.rows.find((r) => r.basisfunctie === 'respijtzorg');
    expect(respijt?.combined).toBe('10,0 (goed voor elkaar)');
  });

  it('has no predecessor section for an unchanged municipality', async () => {
    const report = await loadMunicipalityReport(database.db, cast.coordinator, 't2025', '0344');
    expect(report.predecessors).toBeNull();
  });
});
