/**
 * The analysis as each viewer sees it (decision 015): staff get the reference figures of
 * `analyseRound` (also filtered), municipality accounts and the public the small-cell view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFilter } from '../../src/domain/analysis-filter.ts';
import type { ProtectedBreakdown } from '../../src/domain/disclosure-control.ts';
import { analyseRound } from '../../src/services/analysis-service.ts';
import { loadAnalysisView } from '../../src/services/analysis-view-service.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedAccounts, type Cast } from '../support/factories.ts';

let database: TestDatabase;
let cast: Cast;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoRound(database.db);
  cast = await seedAccounts(database.db);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

const user = (role: keyof Cast) => ({ kind: 'user' as const, user: cast[role] });

describe('loadAnalysisView', () => {
  it('gives the coordinator the figures of analyseRound, unprotected', async () => {
    const [view, reference] = await Promise.all([
      loadAnalysisView(database.db, user('coordinator'), DEMO_ROUND_ID),
      analyseRound(database.db, DEMO_ROUND_ID),
    ]);
    expect(view.protection).toBe('none');
    expect(view.namedScope).toBe('all');
    expect(view.suppressedCount).toBe(0);
    expect(view.basisfuncties.map((b) => [b.percentGoed, b.meanMark, b.goed])).toEqual(
      reference.basisfuncties.map((b) => [b.percentGoed, b.meanMark, b.goed]),
    );
    expect(view.byGroup.map((g) => g.basisfuncties.map((s) => s.percentGoed))).toEqual(
      reference.byGroup.map((g) => g.basisfuncties.map((s) => s.percentGoed)),
    );
    expect(view.crossTable).toEqual(reference.crossTable);
    expect(view.pearsonR).toBe(reference.pearsonR);
  });

  it('filters for staff: the analysis of Flevoland alone', async () => {
    const filter = { sizeClass: null, group: null, province: 'PV24' };
    const view = await loadAnalysisView(database.db, user('analyst'), DEMO_ROUND_ID, filter);
    const loaded = await loadRound(database.db, DEMO_ROUND_ID);
    expect(view.filter).toEqual(filter);
    expect(view.filterable).toBe(true);
    expect(view.namedScope).toBe('none');
    expect(view.respondents.municipalities).toBe(applyFilter(loaded.municipalities, filter).length);
    const reference = await analyseRound(database.db, DEMO_ROUND_ID, filter);
    expect(view.basisfuncties.map((b) => b.percentGoed)).toEqual(
      reference.basisfuncties.map((b) => b.percentGoed),
    );
    // Flevoland's own cell in the national province breakdown is the same figure.
    const national = await analyseRound(database.db, DEMO_ROUND_ID);
    const flevoland = national.byProvince.find((p) => p.id === 'PV24');
    expect(view.basisfuncties.map((b) => b.percentGoed)).toEqual(
      flevoland?.basisfuncties.map((s) => s.percentGoed),
    );
  });

  it('names the provinces of an advisor', async () => {
    const view = await loadAnalysisView(database.db, user('advisor'), DEMO_ROUND_ID);
    expect(view).toMatchObject({ namedScope: 'province', namedProvinces: ['PV27'] });
    expect(view.protection).toBe('none');
  });

  it('protects small cells for a municipality account and ignores its filter', async () => {
    const view = await loadAnalysisView(database.db, user('municipality'), DEMO_ROUND_ID, {
      sizeClass: null,
      group: 'G4',
      province: null,
    });
    expect(view).toMatchObject({
      protection: 'small-cells',
      filterable: false,
      filterIgnored: true,
      namedScope: 'none',
    });
    expect(view.respondents.municipalities).toBe(441);
    // The G4 are 4 municipalities: withheld, and another group with them so that the national
    // total minus the shown group does not give the G4 away.
    const g4 = view.byGroup.find((g) => g.id === 'G4');
    expect(g4?.basisfuncties.every((s) => s.suppressed && s.percentGoed === null)).toBe(true);
    expect(g4?.basisfuncties.every((s) => s.respondents === 4)).toBe(true);
    for (const breakdowns of [view.bySizeClass, view.byGroup, view.byProvince]) {
      expectUnrecoverable(breakdowns);
    }
    expect(view.suppressedCount).toBeGreaterThan(0);
  });

  it('gives the public the same protected figures as a municipality account', async () => {
    const [publicView, municipalityView] = await Promise.all([
      loadAnalysisView(database.db, { kind: 'public' }, DEMO_ROUND_ID),
      loadAnalysisView(database.db, user('otherMunicipality'), DEMO_ROUND_ID),
    ]);
    expect(publicView.byGroup).toEqual(municipalityView.byGroup);
    expect(publicView.bySizeClass).toEqual(municipalityView.bySizeClass);
    expect(publicView.basisfuncties).toEqual(municipalityView.basisfuncties);
  });
});

function expectUnrecoverable(breakdowns: readonly ProtectedBreakdown[]): void {
  const width = breakdowns[0]?.basisfuncties.length ?? 0;
  for (let b = 0; b < width; b += 1) {
    const cells = breakdowns.map((g) => g.basisfuncties[b]);
    const hidden = cells.filter((c) => c?.suppressed);
    for (const cell of cells) {
      if (cell && !cell.suppressed)
        expect(cell.respondents === 0 || cell.respondents >= 5).toBe(true);
    }
    if (hidden.length === 0) continue;
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(hidden.reduce((sum, c) => sum + (c?.respondents ?? 0), 0)).toBeGreaterThanOrEqual(5);
  }
}
