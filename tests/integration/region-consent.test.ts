/**
 * The naming consent (set by a municipality for itself only, audited) and the regional view
 * that reads it: members appear by name only to those who may read their answers or when they
 * consented; the others only in counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/services/audit-service.ts';
import { storeAnswers } from '../../src/services/answer-store.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import {
  readConsent,
  readNamedConsents,
  setNamedConsent,
} from '../../src/services/consent-service.ts';
import { ForbiddenError, NotFoundError, UserInputError } from '../../src/services/errors.ts';
import { BAND_COLOURS } from '../../src/services/region-map.ts';
import { loadRegion } from '../../src/services/region-service.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createStaff, seedCastWithOpenRound, type Cast } from '../support/factories.ts';

let database: TestDatabase;
let cast: Cast;
let roundId: string;
let amstelveen: StaffUser;

// Mantelzorg 'Informatie' has the 3-point items 17, 19 and 20.
const INFORMATIE = [17, 19, 20];

async function answerInformatie(code: string, points: number): Promise<void> {
  const loaded = await loadRound(database.db, roundId);
  await database.db.transaction((tx) =>
    storeAnswers(
      tx,
      loaded,
      INFORMATIE.map((question) => ({
        municipalityCode: code,
        questionnaire: 'mantelzorg',
        question,
        points,
        options: null,
        text: null,
      })),
      [],
    ),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ cast, roundId } = await seedCastWithOpenRound(database.db));
  // Amstelveen's own account: the test is about a second municipality that consents.
  amstelveen = await createStaff(database.db, {
    role: 'municipality',
    name: 'Anton Amstelveen',
    municipalityCode: '0362',
  });
  await answerInformatie('0363', 3); // Amsterdam: 10, goed voor elkaar
  await answerInformatie('0362', 3); // Amstelveen: 10, goed voor elkaar
  await answerInformatie('0384', 1); // Diemen: 0, aandacht nodig
});
afterAll(async () => {
  await database.dispose();
});

describe('naming consent', () => {
  it('is off by default', async () => {
    expect(await readConsent(database.db, '0363')).toBe(false);
    expect(await readNamedConsents(database.db)).toEqual(new Set());
  });

  it('is set and unset by the municipality itself, each change in the audit trail', async () => {
    await setNamedConsent(database.db, cast.municipality, '0363', true, { roundId });
    expect(await readNamedConsents(database.db)).toEqual(new Set(['0363']));
    await setNamedConsent(database.db, cast.municipality, '0363', false, { roundId });
    expect(await readConsent(database.db, '0363')).toBe(false);
    const events = await listAuditEvents(database.db, roundId, '0363');
    expect(
      events
        .filter((e) => e.action === 'consent.named')
        .map((e) => [e.actorId, e.oldValue, e.newValue]),
    ).toEqual([
      [cast.municipality.id, { namedConsent: true }, { namedConsent: false }],
      [cast.municipality.id, { namedConsent: false }, { namedConsent: true }],
    ]);
  });

  it('cannot be set for another municipality, nor by the coordinator, an advisor or an analyst', async () => {
    await expect(
      setNamedConsent(database.db, cast.otherMunicipality, '0363', true),
    ).rejects.toBeInstanceOf(NotFoundError);
    for (const user of [cast.coordinator, cast.advisor, cast.analyst]) {
      await expect(setNamedConsent(database.db, user, '0363', true)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect(await readConsent(database.db, '0363')).toBe(false);
  });
});

describe('regional view', () => {
  it('shows Amsterdam and its 12 neighbours, none by name to another municipality', async () => {
    const region = await loadRegion(database.db, cast.otherMunicipality, roundId, {
      around: '0363',
    });
    expect(region.memberCount).toBe(13);
    expect(region.namedMembers).toEqual([]);
    expect(region.unnamedCount).toBe(13);
    const informatie = region.view.rows.find(
      (row) => row.questionnaire === 'mantelzorg' && row.id === 'informatie',
    );
    expect(informatie?.goed).toEqual({ named: [], unnamed: 2 });
    expect(informatie?.notGoed).toEqual({ named: [], unnamed: 1 });
    expect(informatie?.gap).toBe(false);
    expect(region.view.sentences).toEqual([]);
    expect(JSON.stringify(region)).not.toMatch(/Amstelveen|Diemen/);
  });

  it('names a member once it consents, and only that one', async () => {
    await setNamedConsent(database.db, amstelveen, '0362', true);
    const region = await loadRegion(database.db, cast.otherMunicipality, roundId, {
      around: '0363',
    });
    expect(region.namedMembers.map((m) => m.name)).toEqual(['Amstelveen']);
    const informatie = region.view.rows.find((row) => row.id === 'informatie');
    expect(informatie?.goed).toEqual({ named: ['Amstelveen'], unnamed: 1 });
    expect(region.view.sentences).toContain(
      'Amstelveen heeft ‘Informatie’ goed voor elkaar en kan een andere gemeente in de regio helpen, waar deze basisfunctie nog niet goed voor elkaar is.',
    );
    expect(JSON.stringify(region.view)).not.toMatch(/Diemen|Amsterdam/);
  });

  it('names every member to the coordinator, and those of their provinces to an advisor', async () => {
    // Abcoude (0305) borders Amsterdam but lay in the province of Utrecht in 2009.
    for (const [user, unnamed] of [
      [cast.coordinator, 0],
      [cast.advisor, 1],
    ] as const) {
      const region = await loadRegion(database.db, user, roundId, { around: 'GM0363' });
      expect(region.unnamedCount).toBe(unnamed);
      expect(region.namedMembers.some((m) => m.name === 'Abcoude')).toBe(unnamed === 0);
      expect(region.view.sentences).toContain(
        'Amsterdam en Amstelveen hebben ‘Informatie’ goed voor elkaar en kunnen Diemen helpen, waar deze basisfunctie aandacht nodig heeft.',
      );
    }
  });

  it('names the own municipality and consenting ones to a municipality account', async () => {
    const region = await loadRegion(database.db, cast.municipality, roundId, {
      codes: ['0363', '0362', '0384'],
    });
    expect(region.namedMembers.map((m) => m.name)).toEqual(['Amstelveen', 'Amsterdam']);
    // One unnamed member (Diemen) is fewer than five: its counts are not shown.
    expect(region.view.unnamedHidden).toBe(true);
    const informatie = region.view.rows.find((row) => row.id === 'informatie');
    expect(informatie?.notGoed).toEqual({ named: [], unnamed: null });
    expect(JSON.stringify(region)).not.toMatch(/Diemen/);
  });

  it('refuses the analyst, an unknown code and a region that is too large', async () => {
    await expect(
      loadRegion(database.db, cast.analyst, roundId, { around: '0363' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      loadRegion(database.db, cast.coordinator, roundId, { around: '9999' }),
    ).rejects.toThrow(/9999 hoort niet bij deze meting/);
    const many = Array.from({ length: 61 }, (_, i) => String(i + 1).padStart(4, '0'));
    await expect(
      loadRegion(database.db, cast.coordinator, roundId, { codes: many }),
    ).rejects.toBeInstanceOf(UserInputError);
    await expect(loadRegion(database.db, cast.coordinator, roundId, {})).rejects.toBeInstanceOf(
      UserInputError,
    );
  });

  it('draws only the members on the map, the unnamed ones in grey', async () => {
    const region = await loadRegion(database.db, cast.otherMunicipality, roundId, {
      around: '0363',
    });
    expect(region.map).toMatch(/^<svg/);
    expect(region.map).toContain('#9e9e9e');
    expect(region.mapSummary).toContain('Amstelveen');
  });

  it('colours the map by one basisfunctie on request, never an unnamed member by its result', async () => {
    const coordinator = await loadRegion(database.db, cast.coordinator, roundId, {
      codes: ['0363', '0384'],
      colour: 'mantelzorg.informatie',
    });
    expect(coordinator.colour).toEqual({
      value: 'mantelzorg.informatie',
      label: 'Informatie (mantelzorg)',
    });
    expect(coordinator.namedMembers.map((m) => [m.name, m.mapLabel])).toEqual([
      ['Amsterdam', 'goed voor elkaar'],
      ['Diemen', 'aandacht nodig'],
    ]);
    expect(coordinator.map).toContain(BAND_COLOURS['aandacht-nodig']);
    const other = await loadRegion(database.db, cast.otherMunicipality, roundId, {
      codes: ['0363', '0384'],
      colour: 'mantelzorg.informatie',
    });
    expect(other.map).not.toContain(BAND_COLOURS['aandacht-nodig']);
    expect(other.map).not.toContain(BAND_COLOURS['goed-voor-elkaar']);
    // An unknown choice falls back to the number of official basisfuncties goed.
    const fallback = await loadRegion(database.db, cast.coordinator, roundId, {
      around: '0363',
      colour: 'bestaat.niet',
    });
    expect(fallback.colour.value).toBe('aantal');
  });
});
