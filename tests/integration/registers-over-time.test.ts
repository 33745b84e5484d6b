/**
 * Rounds on a later register (issue 11, decision 022): the 2025 register with its population,
 * G4/G27 and provinces; maps and neighbours from its own boundaries; accounts for its codes;
 * imports that name the register when a code does not belong to it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyGroup, classifySize, type SizeClassId } from '../../src/domain/register.ts';
import { findRegister, listMunicipalities } from '../../src/db/repositories/register-repository.ts';
import { findRound } from '../../src/db/repositories/round-repository.ts';
import { listAccounts } from '../../src/services/account-service.ts';
import { acceptInvitation, inviteMunicipalities } from '../../src/services/invitation-service.ts';
import { createMailer } from '../../src/services/mail-service.ts';
import { createLinks } from '../../src/web/links.ts';
import {
  renderMunicipalityChoropleth,
  renderProvinceChoropleth,
} from '../../src/services/charts/analysis-charts.ts';
import { analyseRound } from '../../src/services/analysis-service.ts';
import { loadNeighbours } from '../../src/services/geography.ts';
import { importAnswerFile, ImportRejectedError } from '../../src/services/import/import-service.ts';
import { drawOverviewMap } from '../../src/services/map-service.ts';
import { ensureReferenceData } from '../../src/services/reference-data.ts';
import {
  createRoundFromForm,
  listRoundChoices,
  loadRoundOverview,
} from '../../src/services/round-overview-service.ts';
import { changeRoundStatus, createRound, loadRound } from '../../src/services/round-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createStaff, readOutbox, TEST_PASSWORD } from '../support/factories.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';

const HEADER = 'meting,gemeentecode,vragenlijst,vraag,antwoord';

let database: TestDatabase;
let coordinator: StaffUser;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  coordinator = await createStaff(database.db, { role: 'coordinator' });
  dir = await mkdtemp(join(tmpdir(), 'bfm-registers-'));
});
afterAll(async () => {
  await database.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function writeCsv(name: string, lines: readonly string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, [HEADER, ...lines].join('\n'));
  return path;
}

async function countAnswerRows(roundId: string): Promise<number> {
  const result = (await database.db.execute(
    sql`select count(*)::int as n from answers where round_id = ${roundId}`,
  )) as unknown as { rows: { n: number }[] };
  return result.rows[0]?.n ?? 0;
}

describe('the 2025 register', () => {
  it('has the CBS population of 1 January 2024, so no size class is unknown', async () => {
    const register = await findRegister(database.db, '2025');
    expect(register).toMatchObject({ populationDate: '2024-01-01' });
    expect(register?.source).toContain('Bron: CBS');
    const members = await listMunicipalities(database.db, '2025');
    expect(members).toHaveLength(342);
    expect(members.reduce((sum, m) => sum + (m.population ?? 0), 0)).toBe(17_942_942);
    const counts = new Map<SizeClassId, number>();
    for (const m of members) {
      const id = classifySize(m.population);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(counts.get('onbekend')).toBeUndefined();
    expect(counts.get('lt-20000')).toBe(65);
    expect(counts.get('20000-50000')).toBe(182);
    expect(counts.get('50000-100000')).toBe(63);
    expect(members.find((m) => m.code === '1979')).toMatchObject({
      name: 'Eemsdelta',
      provinceCode: 'PV20',
      population: 45_106,
    });
  });

  it('keeps the G4 and the G27 of 2009 by code, so the groups stay comparable', async () => {
    const members = await listMunicipalities(database.db, '2025');
    const codesOf = (group: string) =>
      members.filter((m) => classifyGroup(m) === group).map((m) => m.code);
    expect(codesOf('G4')).toEqual(['0344', '0363', '0518', '0599']);
    expect(codesOf('G27')).toHaveLength(27);
    const g27In2009 = (await listMunicipalities(database.db, '2009'))
      .filter((m) => m.g27)
      .map((m) => m.code);
    expect(codesOf('G27')).toEqual(g27In2009);
    expect(codesOf('overig')).toHaveLength(342 - 31);
  });

  it('has its own 12 provinces: Vijfheerenlanden lies in Utrecht', async () => {
    const members = await listMunicipalities(database.db, '2025');
    expect(new Set(members.map((m) => m.provinceCode)).size).toBe(12);
    expect(members.find((m) => m.code === '1961')).toMatchObject({ provinceName: 'Utrecht' });
  });
});

describe('ensureReferenceData', () => {
  it('reloads the reference data of an older release, once', async () => {
    // An older release loaded 2025 without population and the successors without shares.
    await database.db.execute(
      sql`update municipalities set population = null where register_id = '2025'`,
    );
    await database.db.execute(sql`update registers set population_date = null where id = '2025'`);
    await database.db.execute(sql`update municipality_successors set overlay_primary_share = null`);
    expect(await ensureReferenceData(database.db)).toBe(true);
    const members = await listMunicipalities(database.db, '2025');
    expect(members.every((m) => m.population !== null)).toBe(true);
    expect((await findRegister(database.db, '2025'))?.populationDate).toBe('2024-01-01');
    const shares = (await database.db.execute(
      sql`select count(*)::int as n from municipality_successors where overlay_primary_share is not null`,
    )) as unknown as { rows: { n: number }[] };
    expect(shares.rows[0]?.n).toBeGreaterThan(0);
    expect(await ensureReferenceData(database.db)).toBe(false);
  });
});

describe('a round on the 2025 register', () => {
  beforeAll(async () => {
    const outcome = await createRoundFromForm(database.db, coordinator, {
      name: 'Vervolgmeting 2026',
      id: 'vervolg-2026',
      instrumentVersion: '2009',
      registerId: '2025',
      opensOn: '2026-03-01',
      closesOn: '2026-05-01',
    });
    expect(outcome).toEqual({ ok: true, id: 'vervolg-2026' });
  });

  it('offers each register with its number of municipalities on the round form', async () => {
    const choices = await listRoundChoices(database.db);
    expect(choices.registers).toEqual([
      { id: '2009', name: 'Gemeenten per 1 januari 2009', municipalityCount: 441 },
      { id: '2025', name: 'Gemeenten per 1 januari 2025', municipalityCount: 342 },
    ]);
  });

  it('lists the 342 municipalities of 2025 and draws them on the 2025 map', async () => {
    const overview = await loadRoundOverview(database.db, coordinator, 'vervolg-2026');
    expect(overview.rows).toHaveLength(342);
    expect(overview.rows.some((row) => row.municipality.code === '1979')).toBe(true);
    const svg = drawOverviewMap(coordinator, overview, (code) => `/gemeente/${code}`);
    const links = [...svg.matchAll(/<a href="\/gemeente\/(\d{4})"/g)].map((match) => match[1]);
    expect(links).toHaveLength(342);
    expect(links).toContain('1979');
    expect(links).not.toContain('0003');
  });

  it('finds neighbours of a 2025 municipality among 2025 municipalities', async () => {
    const codes = new Set((await listMunicipalities(database.db, '2025')).map((m) => m.code));
    const neighbours = loadNeighbours('2025');
    expect(neighbours.get('1979')).toEqual(['0014', '1895', '1952', '1966']);
    for (const [code, list] of neighbours) {
      expect(codes.has(code)).toBe(true);
      for (const neighbour of list) expect(codes.has(neighbour)).toBe(true);
    }
    // Appingedam (0003) was a neighbour of Delfzijl in 2009; it is part of Eemsdelta now.
    expect(loadNeighbours('2009').get('0010')).toContain('0003');
    expect([...neighbours.values()].flat()).not.toContain('0003');
  });

  it("draws the analysis maps with the register's own municipalities and provinces", async () => {
    const members = await listMunicipalities(database.db, '2025');
    const municipalityMap = renderMunicipalityChoropleth({
      municipalities: members.map((m) => ({ code: m.code, name: m.name, band: null })),
      alt: 'Kaart 2025',
      registerId: '2025',
    });
    expect(municipalityMap.match(/<path /g)).toHaveLength(342);
    expect(municipalityMap).toContain('<title>Eemsdelta: ');
    const provinces = [...new Map(members.map((m) => [m.provinceCode, m.provinceName]))].map(
      ([code, name]) => ({ code, name, percent: 50, respondents: 10 }),
    );
    const provinceMap = renderProvinceChoropleth({
      provinces,
      alt: 'Provincies 2025',
      valueLabel: 'goed voor elkaar',
      registerId: '2025',
    });
    expect(provinceMap.match(/tabindex="0"/g)).toHaveLength(12);
    expect(provinceMap).toContain('aria-label="Utrecht: 50% goed voor elkaar');
    // The borders between the provinces are drawn over the municipalities' areas.
    expect(provinceMap).toContain('pointer-events="none"');
  });

  it('refuses answers for a code that is not in its register, naming the register, and writes nothing', async () => {
    const path = await writeCsv('appingedam.csv', [
      'vervolg-2026,GM1979,mantelzorg,17,3',
      'vervolg-2026,GM0003,mantelzorg,17,3',
    ]);
    const error = await importAnswerFile(database.db, path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).errors).toEqual([
      {
        line: 3,
        message:
          "onbekende gemeente 'GM0003': gemeentecode 0003 staat niet in het register 'Gemeenten per 1 januari 2025' (2025) van meting 'vervolg-2026'. Controleer de code; een gemeente uit een ander register hoort in een meting op dat register.",
      },
    ]);
    expect(await countAnswerRows('vervolg-2026')).toBe(0);
  });
});

describe('import --register', () => {
  it('creates a new round on the register asked for', async () => {
    const path = await writeCsv(
      'eemsdelta.csv',
      ['GM1979,mantelzorg,17,3'].map((l) => `,${l}`),
    );
    const result = await importAnswerFile(database.db, path, {
      round: 'import-2025',
      register: '2025',
    });
    expect(result.rounds).toEqual([
      expect.objectContaining({ round: 'import-2025', created: true }),
    ]);
    expect((await findRound(database.db, 'import-2025'))?.registerId).toBe('2025');
    expect((await loadRound(database.db, 'import-2025')).municipalities).toHaveLength(342);
    expect(await countAnswerRows('import-2025')).toBe(1);
  });

  it('refuses a round that exists on another register, and an unknown register', async () => {
    await createRound(database.db, { id: 'bestaand-2009' });
    const path = await writeCsv('bestaand.csv', [',GM0363,mantelzorg,17,3']);
    await expect(
      importAnswerFile(database.db, path, { round: 'bestaand-2009', register: '2025' }),
    ).rejects.toThrow(
      "De meting 'bestaand-2009' bestaat al en gebruikt het register 'Gemeenten per 1 januari 2009' (2009), niet '2025'.",
    );
    await expect(
      importAnswerFile(database.db, path, { round: 'nieuw', register: '2030' }),
    ).rejects.toThrow("Het register '2030' bestaat niet. Kies '2009' of '2025'.");
    expect(await findRound(database.db, 'nieuw')).toBeUndefined();
    expect(await countAnswerRows('bestaand-2009')).toBe(0);
  });
});

describe('the analysis of a round on the 2025 register', () => {
  it('counts size classes, groups and provinces over the 342 municipalities of 2025', async () => {
    const path = await writeCsv('analyse-2025.csv', [
      ',GM0363,mantelzorg,17,3',
      ',GM1979,mantelzorg,17,3',
      ',GM1961,mantelzorg,17,3',
    ]);
    await importAnswerFile(database.db, path, { round: 'analyse-2025', register: '2025' });
    const analysis = await analyseRound(database.db, 'analyse-2025');
    expect(analysis.register).toMatchObject({ id: '2025', populationDate: '2024-01-01' });
    const counts = (rows: typeof analysis.byGroup) =>
      Object.fromEntries(
        rows.map((row) => [row.id, [row.municipalities, row.respondents.mantelzorg]]),
      );
    expect(counts(analysis.byGroup)).toEqual({
      G4: [4, 1],
      G27: [27, 0],
      overig: [311, 2],
    });
    const sizes = counts(analysis.bySizeClass);
    expect(sizes['onbekend']?.[0] ?? 0).toBe(0);
    expect(sizes['lt-20000']).toEqual([65, 0]);
    expect(sizes['ge-250000']).toEqual([4, 1]);
    expect(analysis.byProvince).toHaveLength(12);
    // Vijfheerenlanden counts under Utrecht in 2025 (it was in Zuid-Holland until 2019).
    expect(counts(analysis.byProvince)['PV26']).toEqual([26, 1]);
  });
});

describe('municipality accounts', () => {
  it('invites Eemsdelta to a round on the 2025 register and gives it an account', async () => {
    await createRound(database.db, {
      id: 'uitnodiging-2025',
      registerId: '2025',
      status: 'concept',
    });
    await changeRoundStatus(database.db, coordinator, 'uitnodiging-2025', 'open');
    const links = createLinks('https://monitor.example.nl');
    const refused = await inviteMunicipalities(database.db, createMailer(), coordinator, {
      roundId: 'uitnodiging-2025',
      contacts: 'GM0010;beleid@delfzijl.nl',
      links,
    });
    expect(refused.ok).toBe(false);
    const sent = await inviteMunicipalities(database.db, createMailer(), coordinator, {
      roundId: 'uitnodiging-2025',
      contacts: 'GM1979;beleid@eemsdelta.nl',
      links,
    });
    expect(sent).toMatchObject({ ok: true, sent: 1 });
    const mail = (await readOutbox(database.db)).find((m) => m.to === 'beleid@eemsdelta.nl');
    expect(mail?.subject).toContain('Eemsdelta');
    const token = /\/uitnodiging\/([\w-]+)/.exec(mail?.body ?? '')?.[1] ?? '';
    const accepted = await acceptInvitation(database.db, token, {
      name: 'Eva',
      password: TEST_PASSWORD,
      confirmation: TEST_PASSWORD,
      clientAddress: '127.0.0.1',
    });
    expect(accepted).toMatchObject({ ok: true, municipalityCode: '1979' });
  });

  it('accepts codes of any loaded register and names them after the newest register', async () => {
    await createStaff(database.db, { role: 'municipality', municipalityCode: '1979' });
    await createStaff(database.db, { role: 'municipality', municipalityCode: 'GM0003' });
    await createStaff(database.db, { role: 'municipality', municipalityCode: '0014' });
    const names = (await listAccounts(database.db, coordinator))
      .filter((account) => account.role === 'municipality')
      .map((account) => [account.municipalityCode, account.municipalityName]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['1979', 'Eemsdelta'],
        ['0003', 'Appingedam'],
        ['0014', 'Groningen'],
      ]),
    );
    await expect(
      createStaff(database.db, { role: 'municipality', municipalityCode: '0002' }),
    ).rejects.toThrow("Gemeentecode '0002' staat in geen enkel geladen register (2009 of 2025).");
  });
});
