/**
 * The national report carries the numbers of the analysis (`bfm analyse --json`, that is
 * `analyseRound`) for the demo round, and a municipality account's report carries the
 * small-cell protected figures, with text passages that never use a withheld one.
 */
import { readReportOpenAnswers } from '../../src/services/open-answers/report-open-answers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseRound, type NationalAnalysis } from '../../src/services/analysis-service.ts';
import { loadAnalysisView } from '../../src/services/analysis-view-service.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import { NotFoundError } from '../../src/services/errors.ts';
import {
  buildNationalReport,
  loadNationalReport,
  type NationalReport,
} from '../../src/services/national-report-service.ts';
import { loadInstrument } from '../../src/instruments/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedAccounts, type Cast } from '../support/factories.ts';

let database: TestDatabase;
let cast: Cast;
let reference: NationalAnalysis;
let staff: NationalReport;
let municipality: NationalReport;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoRound(database.db);
  cast = await seedAccounts(database.db);
  [reference, staff, municipality] = await Promise.all([
    analyseRound(database.db, DEMO_ROUND_ID),
    loadNationalReport(database.db, { kind: 'user', user: cast.coordinator }, DEMO_ROUND_ID),
    loadNationalReport(database.db, { kind: 'user', user: cast.municipality }, DEMO_ROUND_ID),
  ]);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

const BAND_IDS = { goed: 'goed-voor-elkaar', weg: 'op-de-goede-weg', aandacht: 'aandacht-nodig' };

describe('the national report for staff: the figures of bfm analyse --json', () => {
  it('has the round, the response and the figures of every basisfunctie', () => {
    expect(staff.protection).toBe('none');
    expect(staff.round).toMatchObject({
      id: DEMO_ROUND_ID,
      name: reference.roundName,
      synthetic: true,
      register: reference.register,
    });
    expect(staff.response.municipalities).toBe(reference.respondents.municipalities);
    expect(staff.response.both).toBe(reference.respondents.both);
    for (const q of staff.response.questionnaires)
      expect(q.respondents).toBe(reference.respondents[q.id]);

    const basisfuncties = staff.questionnaires.flatMap((q) =>
      q.basisfuncties.map((b) => ({ questionnaire: q.id, ...b })),
    );
    expect(basisfuncties).toHaveLength(reference.basisfuncties.length);
    for (const expected of reference.basisfuncties) {
      const found = basisfuncties.find(
        (b) => b.questionnaire === expected.questionnaire && b.id === expected.basisfunctie,
      );
      expect(found?.share).toEqual({
        basisfunctie: expected.basisfunctie,
        respondents: expected.respondents,
        goed: expected.goed,
        percentGoed: expected.percentGoed,
        meanMark: expected.meanMark,
        suppressed: false,
      });
      expect(found?.insufficient).toBe(expected.insufficient);
      expect(found?.bands).toEqual({
        goed: expected.bands[BAND_IDS.goed],
        weg: expected.bands[BAND_IDS.weg],
        aandacht: expected.bands[BAND_IDS.aandacht],
      });
    }
  });

  it('has the breakdowns by size class, group and province', () => {
    const sources = {
      grootte: reference.bySizeClass,
      groep: reference.byGroup,
      provincie: reference.byProvince,
    } as const;
    for (const q of staff.questionnaires) {
      for (const breakdown of q.breakdowns) {
        const expected = sources[breakdown.key].filter((group) => group.municipalities > 0);
        expect(breakdown.rows.map((row) => row.id)).toEqual(expected.map((group) => group.id));
        breakdown.rows.forEach((row, index) => {
          const group = expected[index]!;
          expect(row.municipalities).toBe(group.municipalities);
          expect(row.respondents).toBe(group.respondents[q.id]);
          expect(
            row.shares.map((share) => [
              share.basisfunctie,
              share.respondents,
              share.goed,
              share.percentGoed,
              share.meanMark,
            ]),
          ).toEqual(
            group.basisfuncties
              .filter((share) => share.questionnaire === q.id)
              .map((share) => [
                share.basisfunctie,
                share.respondents,
                share.goed,
                share.percentGoed,
                share.meanMark,
              ]),
          );
        });
      }
    }
  });

  it('has the item distributions, the multiple-choice tables, tabel C, tabel 12, the cross-table and Pearson’s R', () => {
    for (const q of staff.questionnaires) {
      const items = q.basisfuncties.flatMap((b) => b.items);
      const expectedItems = reference.items.filter(
        (item) => item.questionnaire === q.id && item.basisfunctie !== null,
      );
      expect(
        items.map((item) => [item.question, item.answered, item.counts, item.percentages]),
      ).toEqual(
        expectedItems.map((item) => [item.question, item.answered, item.counts, item.percentages]),
      );
      expect(q.multipleChoice.map((c) => [c.question, c.respondents, c.options])).toEqual(
        reference.multipleChoice
          .filter((c) => c.questionnaire === q.id)
          .map((c) => [c.question, c.respondents, c.options]),
      );
      expect(q.countGoed.rows.map((row) => row.count)).toEqual(reference.countGoed[q.id]);
    }
    expect(staff.conclusions.allOrNone.map((row) => [row.count, row.percent])).toEqual(
      (['all', 'none'] as const).flatMap((kind) =>
        ['vrijwilligerswerk', 'mantelzorg', 'both'].map((id) => [
          reference.allOrNone[kind][id]?.count,
          reference.allOrNone[kind][id]?.percent,
        ]),
      ),
    );
    expect(staff.conclusions.crossTable.counts).toEqual(reference.crossTable);
    expect(staff.conclusions.crossTable.total).toBe(reference.respondents.both);
    expect(staff.conclusions.pearsonR).toBe(reference.pearsonR);
  });

  it('writes the text passages from those figures', () => {
    const vrijwilligerswerk = staff.questionnaires.find((q) => q.id === 'vrijwilligerswerk')!;
    const shares = vrijwilligerswerk.basisfuncties
      .map((b) => b.share.percentGoed ?? 0)
      .sort((a, b) => b - a);
    expect(vrijwilligerswerk.texts.extremes).toContain(`(${Math.round(shares[0]!)}%)`);
    expect(vrijwilligerswerk.texts.extremes).toContain(`(${Math.round(shares.at(-1)!)}%)`);
    expect(staff.conclusions.texts.correlation).toContain(
      reference.pearsonR!.toLocaleString('nl-NL', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }),
    );
    expect(staff.response.text).toContain(
      `Van de ${reference.respondents.municipalities} gemeenten`,
    );
  });

  it('is made for part of the municipalities with a filter, with the figures of bfm analyse --json for it', async () => {
    const filter = { sizeClass: null, group: null, province: 'PV29' };
    const [report, filtered] = await Promise.all([
      loadNationalReport(database.db, { kind: 'user', user: cast.analyst }, DEMO_ROUND_ID, filter),
      analyseRound(database.db, DEMO_ROUND_ID, filter),
    ]);
    expect(report.filter).toBe('gemeenten in Zeeland');
    expect(report.response.municipalities).toBe(filtered.respondents.municipalities);
    expect(
      report.questionnaires.flatMap((q) => q.basisfuncties.map((b) => b.share.percentGoed)),
    ).toEqual(filtered.basisfuncties.map((b) => b.percentGoed));
    // A municipality account may not filter: the whole round, protected.
    const refused = await loadNationalReport(
      database.db,
      { kind: 'user', user: cast.municipality },
      DEMO_ROUND_ID,
      filter,
    );
    expect(refused).toEqual(municipality);
  });

  it('is the same for every staff role, and refuses an unknown round', async () => {
    const analyst = await loadNationalReport(
      database.db,
      { kind: 'user', user: cast.analyst },
      DEMO_ROUND_ID,
    );
    expect(analyst).toEqual(staff);
    await expect(
      loadNationalReport(database.db, { kind: 'user', user: cast.coordinator }, 'bestaat-niet'),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('the national report for a municipality account: small cells withheld', () => {
  it('is built from the protected view, so every withheld figure is null and marked', async () => {
    const view = await loadAnalysisView(
      database.db,
      { kind: 'user', user: cast.municipality },
      DEMO_ROUND_ID,
    );
    expect(municipality.protection).toBe('small-cells');
    expect(municipality).toEqual(
      buildNationalReport(
        view,
        loadInstrument(view.instrumentVersion),
        'small-cells',
        view.roundStatus,
        null,
        // The open answers' section (issue 13) is read beside the analysis, not from it.
        await readReportOpenAnswers(database.db, DEMO_ROUND_ID, { protection: 'small-cells' }),
      ),
    );
    const shares = municipality.questionnaires.flatMap((q) => [
      ...q.basisfuncties.map((b) => b.share),
      ...q.breakdowns.flatMap((b) => b.rows.flatMap((row) => row.shares)),
    ]);
    // The G4 are four municipalities: withheld, with a second group so it cannot be derived.
    expect(shares.filter((share) => share.suppressed).length).toBeGreaterThan(0);
    for (const share of shares) {
      if (share.suppressed) {
        expect(share).toMatchObject({ goed: null, percentGoed: null, meanMark: null });
      } else {
        expect(share.percentGoed === null || share.respondents >= 5).toBe(true);
      }
    }
  });

  it('says nothing about G4, G27 and the others when the G4 figures are withheld', () => {
    for (const [i, q] of municipality.questionnaires.entries()) {
      const g4 = q.breakdowns.find((b) => b.key === 'groep')!.rows.find((row) => row.id === 'G4');
      expect(g4?.shares.every((share) => share.suppressed)).toBe(true);
      expect(q.texts.groupOrder).toBeNull();
      // For staff the same passage is there: it is left out for the withheld figures only.
      expect(staff.questionnaires[i]!.texts.groupOrder).not.toBeNull();
    }
  });

  it('names no province in its text passages whose figures are (partly) withheld', () => {
    for (const q of municipality.questionnaires) {
      const provinces = q.breakdowns.find((b) => b.key === 'provincie')!;
      const withheld = provinces.rows.filter((row) => row.shares.some((s) => s.suppressed));
      for (const row of withheld) expect(q.texts.provinces ?? '').not.toContain(row.label);
    }
  });

  it('shows what is not withheld with the staff figures', () => {
    municipality.questionnaires.forEach((q, i) => {
      q.basisfuncties.forEach((b, j) => {
        if (!b.share.suppressed)
          expect(b.share.percentGoed).toBe(
            staff.questionnaires[i]!.basisfuncties[j]!.share.percentGoed,
          );
      });
    });
  });
});
