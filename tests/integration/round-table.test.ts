/**
 * A national round on a real database: the response categories with 'uitgenodigd' and 'niet
 * uitgenodigd', percentages over the municipalities in the round, the latest change per
 * municipality, and the table's filters, sorting and paging.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAnswers } from '../../src/services/questionnaire-service.ts';
import {
  loadRoundOverview,
  percentOf,
  type RoundOverview,
} from '../../src/services/round-overview-service.ts';
import { createRound } from '../../src/services/round-service.ts';
import {
  readRoundTableQuery,
  selectRoundTable,
  type RoundTable,
} from '../../src/services/round-table-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openRound, seedAccounts, type Cast } from '../support/factories.ts';
import { MIX, seedRoundMix } from '../support/round-mix.ts';

let database: TestDatabase;
let cast: Cast;
let overview: RoundOverview;

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
  await openRound(database.db, cast.coordinator, 'r', 'Meting');
  await seedRoundMix(database.db, cast, 'r');
  overview = await loadRoundOverview(database.db, cast.coordinator, 'r');
});
afterAll(async () => {
  await database.dispose();
});

const table = (query: string): RoundTable =>
  selectRoundTable(overview, readRoundTableQuery(new URLSearchParams(query)));
const codes = (query: string) => table(query).rows.map((row) => row.municipality.code);

describe('the response of a round that invites', () => {
  it("counts 'uitgenodigd' apart from 'nog niet begonnen', and the rest as 'niet uitgenodigd'", () => {
    // 126 invited (Groningen 25, Drenthe 12, Utrecht 29, Noord-Holland 60), Maastricht
    // began without an invitation, 314 others are not invited.
    expect(overview.total).toBe(441);
    expect(overview.invites).toBe(true);
    expect(overview.invitedCount).toBe(126);
    expect(overview.categories).toEqual({
      submitted: 6,
      'in-progress': 9, // 8 of the mix and Maastricht
      // 3 accounts made with the invitation, and Amsterdam's existing account.
      'not-started': 4,
      invited: 126 - 6 - 8 - 4 - 2 - 2,
      later: 2,
      declined: 2,
      'not-invited': 314,
    });
    expect(overview.responseBase).toBe(127);
  });

  it('gives each municipality its category and invitation state', () => {
    const byCode = new Map(overview.rows.map((row) => [row.municipality.code, row]));
    expect(byCode.get('0015')).toMatchObject({ category: 'not-started', invitation: 'used' });
    expect(byCode.get(MIX.amsterdam)).toMatchObject({
      category: 'not-started',
      invitation: 'used',
    });
    expect(byCode.get('0039')).toMatchObject({ category: 'invited', invitation: 'unused' });
    expect(byCode.get(MIX.uninvited)).toMatchObject({
      category: 'in-progress',
      invitation: 'none',
    });
    expect(byCode.get('0934')).toMatchObject({ category: 'not-invited', invitation: 'none' });
    expect(byCode.get('0025')).toMatchObject({ category: 'declined', invitation: 'unused' });
  });

  it('knows the latest change per municipality: none without activity', () => {
    const byCode = new Map(overview.rows.map((row) => [row.municipality.code, row]));
    expect(byCode.get('0934')?.lastChange).toBeNull();
    // Invited only: the invitation is the change.
    expect(byCode.get('0039')?.lastChange).toBeInstanceOf(Date);
    const declined = byCode.get('0037')?.lastChange?.getTime() ?? 0;
    const invited = byCode.get('0037')?.invitation;
    expect(invited).toBe('unused');
    expect(declined).toBeGreaterThanOrEqual(byCode.get('0039')?.lastChange?.getTime() ?? 0);
  });

  it('computes percentages over the response base', () => {
    expect(percentOf(overview.categories.submitted, overview.responseBase)).toBe(5);
    expect(percentOf(overview.categories.invited, overview.responseBase)).toBe(82);
    expect(percentOf(3, 0)).toBeNull();
  });

  it('counts over the municipalities an advisor sees', async () => {
    const advisorView = await loadRoundOverview(database.db, cast.advisor, 'r');
    expect(advisorView.total).toBe(60); // Noord-Holland
    expect(advisorView.invitedCount).toBe(60);
    expect(advisorView.categories['not-invited']).toBe(0);
    const analystView = await loadRoundOverview(database.db, cast.analyst, 'r');
    expect(analystView.rows).toEqual([]);
    expect(analystView.responseBase).toBe(127);
  });
});

describe('a round that invites nobody', () => {
  it('counts every municipality, without invitation categories', async () => {
    await createRound(database.db, { id: 'zonder', name: 'Zonder uitnodigingen', status: 'open' });
    await saveAnswers(
      database.db,
      cast.coordinator,
      { roundId: 'zonder', municipalityCode: '0363', questionnaire: 'mantelzorg' },
      [{ question: 17, value: '2', note: '', baseRevision: 0 }],
    );
    const plain = await loadRoundOverview(database.db, cast.coordinator, 'zonder');
    expect(plain.invites).toBe(false);
    expect(plain.responseBase).toBe(441);
    expect(plain.categories).toMatchObject({
      'in-progress': 1,
      'not-started': 440,
      invited: 0,
      'not-invited': 0,
    });
    expect(plain.rows.every((row) => row.invitation === null)).toBe(true);
  });
});

describe('the table of municipalities', () => {
  it('orders by CBS code in pages of 50 by default, the last page holding the rest', () => {
    const first = table('');
    expect(first.total).toBe(441);
    expect(first.pageCount).toBe(9);
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]?.municipality.code).toBe('0003');
    const last = table('pagina=9');
    expect(last.rows).toHaveLength(41);
    expect(last.query.pagina).toBe(9);
    expect(table('pagina=99').query.pagina).toBe(9);
  });

  it('filters by status, province and questionnaire status', () => {
    expect(codes('stand=declined')).toEqual(['0025', '0037']);
    expect(table('stand=invited').total).toBe(104);
    expect(table('stand=not-invited&provincie=PV31').total).toBe(39); // Limburg minus Maastricht
    expect(codes('stand=in-progress&provincie=PV26')).toEqual(['0310', '0312']);
    expect(codes('vragenlijst=vrijwilligerswerk:submitted&provincie=PV26')).toEqual([
      '0310',
      '0312',
      '0344',
      '0355',
    ]);
    expect(codes('vragenlijst=mantelzorg:in-progress&stand=in-progress&provincie=PV20')).toEqual([
      '0009',
      '0010',
      '0014',
      '0017',
    ]);
  });

  it('counts the statuses per questionnaire over what it finds, on every page', () => {
    expect(table('provincie=PV26').counts.vrijwilligerswerk).toEqual({
      'not-started': 25,
      'in-progress': 0,
      submitted: 4,
    });
    expect(table('').counts.mantelzorg).toEqual(overview.counts.mantelzorg);
  });

  it('searches names without regard to case or accents', () => {
    expect(codes('zoek=skarsterlan')).toEqual(['0051']);
    expect(codes('zoek=SKARSTERLÂN')).toEqual(['0051']);
    expect(codes('zoek=gm0363')).toEqual(['0363']);
    expect(table('zoek=atlantis').rows).toEqual([]);
    expect(table('zoek=atlantis').pageCount).toBe(1);
  });

  it('sorts by name, status and latest change, both ways', () => {
    expect(codes('sorteer=naam')[0]).toBe('0518'); // 's-Gravenhage
    expect(codes('sorteer=naam&volgorde=af')[0]).toBe('0193'); // Zwolle
    expect(codes('sorteer=stand&volgorde=af').slice(0, 2)).toEqual(['0025', '0037']);
    expect(codes('sorteer=stand&provincie=PV20&stand=later')).toEqual(['0022', '0024']);
    // Newest first: the latest change of the whole round heads the table, nothing rises.
    const times = table('sorteer=wijziging&volgorde=af').rows.map(
      (row) => row.lastChange?.getTime() ?? 0,
    );
    const latest = Math.max(...overview.rows.map((row) => row.lastChange?.getTime() ?? 0));
    expect(times[0]).toBe(latest);
    expect(times.every((time, i) => i === 0 || time <= (times[i - 1] as number))).toBe(true);
    // Oldest first: municipalities without any change come first, by code.
    expect(codes('sorteer=wijziging').slice(0, 2)).toEqual(['0034', '0050']);
    expect(table('sorteer=wijziging&pagina=9').rows.at(-1)?.lastChange?.getTime()).toBe(latest);
  });

  it('falls back to the defaults for values that make no sense', () => {
    const query = table(
      'stand=kapot&provincie=PV99&vragenlijst=onbekend:submitted&sorteer=x&volgorde=y&pagina=-2',
    ).query;
    expect(query).toEqual({
      zoek: '',
      stand: null,
      provincie: null,
      vragenlijst: null,
      sorteer: 'code',
      volgorde: 'op',
      pagina: 1,
    });
  });

  it('offers an advisor only the provinces of their municipalities', async () => {
    const advisorView = await loadRoundOverview(database.db, cast.advisor, 'r');
    const advisorTable = selectRoundTable(
      advisorView,
      readRoundTableQuery(new URLSearchParams('provincie=PV20')),
    );
    expect(advisorTable.provinces).toEqual([{ code: 'PV27', name: 'Noord-Holland' }]);
    expect(advisorTable.query.provincie).toBeNull();
    expect(advisorTable.total).toBe(60);
  });
});

describe('searching the 2025 register', () => {
  it("finds 'Súdwest-Fryslân' with 'sudwest'", async () => {
    await createRound(database.db, {
      id: 'r2025',
      name: 'Meting op 2025',
      status: 'open',
      registerId: '2025',
    });
    const overview2025 = await loadRoundOverview(database.db, cast.coordinator, 'r2025');
    const found = selectRoundTable(
      overview2025,
      readRoundTableQuery(new URLSearchParams('zoek=sudwest')),
    );
    expect(found.rows.map((row) => row.municipality.name)).toEqual(['Súdwest-Fryslân']);
  });
});
