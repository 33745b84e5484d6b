import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySize } from '../../src/domain/register.ts';
import { listAuditEvents } from '../../src/services/audit-service.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import { ForbiddenError, NotFoundError } from '../../src/services/errors.ts';
import {
  deletePeerSet,
  listPeerSets,
  loadPeerSet,
  MAX_MANUAL_MEMBERS,
  readPeerSet,
  savePeerSetFromForm,
} from '../../src/services/peer-set-service.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { auditEvents } from '../../src/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openRound, seedAccounts, type Cast } from '../support/factories.ts';

let database: TestDatabase;
let cast: Cast;

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
  await openRound(database.db, cast.coordinator, 'r', 'Meting');
});
afterAll(async () => {
  await database.dispose();
});

async function saveOk(user: StaffUser, form: Parameters<typeof savePeerSetFromForm>[2]) {
  const result = await savePeerSetFromForm(database.db, user, form);
  if (!result.ok) throw new Error(`expected a saved set: ${JSON.stringify(result.issues)}`);
  return result.id;
}

async function peerSetAudit() {
  return (await database.db.select().from(auditEvents)).filter((event) =>
    event.action.startsWith('peer-set.'),
  );
}

describe('peer sets', () => {
  it('resolves a set by size class against the round register', async () => {
    const id = await saveOk(cast.municipality, {
      name: 'Even grote gemeenten',
      kind: 'size',
      sizeClass: 'ge-250000',
    });
    const set = await loadPeerSet(database.db, cast.municipality, id, 'r');
    const { municipalities } = await loadRound(database.db, 'r');
    const expected = municipalities
      .filter((m) => classifySize(m.population) === 'ge-250000')
      .map((m) => m.code);
    expect(set.memberCodes).toEqual(expected);
    // The four largest cities of 2009 are in it.
    expect(set.memberCodes).toEqual(expect.arrayContaining(['0363', '0599', '0518', '0344']));
    expect(set).toMatchObject({ kind: 'size', criterion: 'ge-250000', missingCodes: [] });
    expect(set.description).toBe('Gemeenten met ≥ 250.000 inwoners');
  });

  it('resolves a set by province against the round register', async () => {
    const id = await saveOk(cast.advisor, {
      name: 'Groningen',
      kind: 'province',
      province: 'PV20',
    });
    const set = await loadPeerSet(database.db, cast.advisor, id, 'r');
    const { municipalities } = await loadRound(database.db, 'r');
    expect(set.memberCodes).toEqual(
      municipalities.filter((m) => m.provinceCode === 'PV20').map((m) => m.code),
    );
    expect(set.memberCodes).toContain('0014');
    expect(set.description).toBe('Gemeenten in Groningen');
  });

  it('stores a set by hand, normalising codes as people type them', async () => {
    const id = await saveOk(cast.municipality, {
      name: 'Buren',
      kind: 'manual',
      members: ['GM0362', '0437', '363', ''],
    });
    const set = await loadPeerSet(database.db, cast.municipality, id, 'r');
    expect(set.memberCodes).toEqual(['0362', '0363', '0437']);
    expect(await readPeerSet(database.db, cast.municipality, id)).toMatchObject({
      members: ['0362', '0363', '0437'],
      description: '3 gekozen gemeenten',
    });
  });

  it('names the unknown codes of a set by hand and stores nothing', async () => {
    const before = (await listPeerSets(database.db, cast.coordinator)).length;
    const result = await savePeerSetFromForm(database.db, cast.coordinator, {
      name: 'Fout',
      kind: 'manual',
      members: ['0363', '9999', 'Amsterdam'],
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          field: 'members',
          message:
            'Deze gemeentecodes kennen we niet: 9999, Amsterdam. Kies de gemeenten uit de lijst.',
        },
      ],
    });
    expect((await listPeerSets(database.db, cast.coordinator)).length).toBe(before);
  });

  it('requires a name, a criterion and between 1 and 100 municipalities by hand', async () => {
    expect(
      await savePeerSetFromForm(database.db, cast.coordinator, {
        name: ' ',
        kind: 'size',
        sizeClass: 'onbekend',
      }),
    ).toEqual({
      ok: false,
      issues: [
        {
          field: 'name',
          message: 'Geef de vergelijkingsgroep een naam, bijvoorbeeld: Buurgemeenten aan de kust.',
        },
        { field: 'sizeClass', message: 'Kies een grootteklasse.' },
      ],
    });
    expect(
      await savePeerSetFromForm(database.db, cast.coordinator, {
        name: 'Leeg',
        kind: 'manual',
        members: [],
      }),
    ).toMatchObject({ ok: false, issues: [{ field: 'members' }] });
    const { municipalities } = await loadRound(database.db, 'r');
    const tooMany = municipalities.slice(0, MAX_MANUAL_MEMBERS + 1).map((m) => m.code);
    const result = await savePeerSetFromForm(database.db, cast.coordinator, {
      name: 'Te veel',
      kind: 'manual',
      members: tooMany,
    });
    expect(result).toMatchObject({ ok: false, issues: [{ field: 'members' }] });
    expect(!result.ok && result.issues[0]?.message).toContain('hoogstens 100 gemeenten');
    expect(
      await savePeerSetFromForm(database.db, cast.coordinator, {
        name: 'Precies honderd',
        kind: 'manual',
        members: tooMany.slice(0, MAX_MANUAL_MEMBERS),
      }),
    ).toMatchObject({ ok: true });
    expect(
      await savePeerSetFromForm(database.db, cast.coordinator, {
        name: 'Provincie',
        kind: 'province',
        province: 'PV99',
      }),
    ).toEqual({
      ok: false,
      issues: [{ field: 'province', message: 'Kies een provincie uit de lijst.' }],
    });
  });

  it('shows a user only their own sets, and answers 404 for another user’s set', async () => {
    const id = await saveOk(cast.otherMunicipality, {
      name: 'Van Gijs',
      kind: 'size',
      sizeClass: 'lt-20000',
    });
    expect((await listPeerSets(database.db, cast.otherMunicipality)).map((s) => s.name)).toEqual([
      'Van Gijs',
    ]);
    expect((await listPeerSets(database.db, cast.municipality)).map((s) => s.name)).not.toContain(
      'Van Gijs',
    );
    await expect(loadPeerSet(database.db, cast.municipality, id, 'r')).rejects.toThrow(
      NotFoundError,
    );
    await expect(readPeerSet(database.db, cast.coordinator, id)).rejects.toThrow(NotFoundError);
    await expect(deletePeerSet(database.db, cast.coordinator, id)).rejects.toThrow(NotFoundError);
    await expect(
      savePeerSetFromForm(database.db, cast.municipality, {
        id,
        name: 'Overgenomen',
        kind: 'size',
        sizeClass: 'lt-20000',
      }),
    ).rejects.toThrow(NotFoundError);
    expect((await readPeerSet(database.db, cast.otherMunicipality, id)).name).toBe('Van Gijs');
  });

  it('refuses the analyst, who sees no report by name', async () => {
    await expect(listPeerSets(database.db, cast.analyst)).rejects.toThrow(ForbiddenError);
    await expect(
      savePeerSetFromForm(database.db, cast.analyst, {
        name: 'X',
        kind: 'size',
        sizeClass: 'lt-20000',
      }),
    ).rejects.toThrow(ForbiddenError);
    await expect(loadPeerSet(database.db, cast.analyst, 1, 'r')).rejects.toThrow(ForbiddenError);
  });

  it('changes and deletes a set, and audits both', async () => {
    const id = await saveOk(cast.advisor, { name: 'Eerst', kind: 'province', province: 'PV27' });
    const changed = await savePeerSetFromForm(database.db, cast.advisor, {
      id,
      name: 'Daarna',
      kind: 'manual',
      members: ['0363'],
    });
    expect(changed).toEqual({ ok: true, id, created: false });
    expect(await readPeerSet(database.db, cast.advisor, id)).toMatchObject({
      name: 'Daarna',
      kind: 'manual',
      criterion: null,
      members: ['0363'],
    });
    expect(await deletePeerSet(database.db, cast.advisor, id)).toBe('Daarna');
    await expect(readPeerSet(database.db, cast.advisor, id)).rejects.toThrow(NotFoundError);
    const events = (await peerSetAudit()).filter((event) => /'(Eerst|Daarna)'/.test(event.subject));
    expect(events.map((event) => [event.action, event.actorLabel, event.subject])).toEqual([
      ['peer-set.created', cast.advisor.name, "Vergelijkingsgroep 'Eerst'"],
      ['peer-set.changed', cast.advisor.name, "Vergelijkingsgroep 'Daarna'"],
      ['peer-set.deleted', cast.advisor.name, "Vergelijkingsgroep 'Daarna'"],
    ]);
    expect(events[1]?.newValue).toMatchObject({
      members: ['0363'],
      description: 'Amsterdam (0363)',
    });
    // Peer sets belong to a user, not to a municipality's trail.
    expect(await listAuditEvents(database.db, 'r', '0363')).toEqual([]);
  });

  it('leaves out, and names, chosen municipalities the round register does not have', async () => {
    // 1963 (Hoeksche Waard) exists only in the 2025 register; the round uses 2009.
    const id = await saveOk(cast.coordinator, {
      name: 'Over de grens van registers',
      kind: 'manual',
      members: ['0363', '1963'],
    });
    const set = await loadPeerSet(database.db, cast.coordinator, id, 'r');
    expect(set.memberCodes).toEqual(['0363']);
    expect(set.missingCodes).toEqual(['1963']);
  });
});
