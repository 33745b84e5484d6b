/**
 * Instrument versions (issue 11, decision 020): a version defined in the application is
 * validated as a whole (nothing stored on failure), edited by the coordinator only, with
 * optimistic concurrency, frozen when a round that uses it opens, and a round is scored by its
 * own version.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests break raw JSON definitions on purpose, which no type describes */
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/query.ts';
import type { Instrument } from '../../src/domain/instrument.ts';
import { deriveDefinition, replaceItem } from '../../src/instruments/instrument-versioning.ts';
import { loadInstrument } from '../../src/instruments/index.ts';
import { analyseRound } from '../../src/services/analysis-service.ts';
import { storeAnswers } from '../../src/services/answer-store.ts';
import { generateSyntheticAnswers } from '../../src/services/demo-data.ts';
import { ConflictError, ForbiddenError } from '../../src/services/errors.ts';
import {
  copyInstrumentFromForm,
  removeItemFromForm,
  saveBasisfunctieFromForm,
  saveItemFromForm,
} from '../../src/services/instrument-editor-service.ts';
import {
  addInstrumentVersion,
  copyInstrumentVersion,
  editInstrumentVersion,
  getInstrument,
  InstrumentValidationError,
  listAvailableInstrumentVersions,
  listInstrumentHistory,
  readInstrumentVersion,
} from '../../src/services/instrument-service.ts';
import { listRoundChoices } from '../../src/services/round-overview-service.ts';
import { changeRoundStatus, createRound, loadRound } from '../../src/services/round-service.ts';
import { bfm } from '../support/cli.ts';
import {
  createTestDatabase,
  createTestEnvironment,
  type TestDatabase,
} from '../support/database.ts';
import { seedAccounts, type Cast } from '../support/factories.ts';

let database: TestDatabase;
let cast: Pick<Cast, 'coordinator' | 'advisor' | 'analyst'>;
const CLI = { kind: 'cli', label: 'test' } as const;
const example = JSON.parse(
  await readFile(new URL('../../examples/instrument-2026.json', import.meta.url), 'utf8'),
) as Record<string, any>;

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db, ['coordinator', 'advisor', 'analyst']);
}, 120_000);

afterAll(async () => {
  await database?.dispose();
});

const coordinator = () => ({ kind: 'user', user: cast.coordinator }) as const;

async function countStored(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from instrument_versions`,
  );
  return row?.n ?? 0;
}

function variant(change: (raw: Record<string, any>) => void): Record<string, any> {
  const raw = structuredClone(example);
  raw.version = 'fout';
  change(raw);
  return raw;
}

describe('bad definitions', () => {
  it.each([
    [
      'an unknown basisfunctie',
      (r: Record<string, any>) => {
        r.questionnaires[1].items[11].basisfunctie = 'bestaat-niet';
      },
      "vragenlijst 'mantelzorg', vraag 12, basisfunctie: vraag 12 verwijst naar onbekende basisfunctie 'bestaat-niet'",
    ],
    [
      'a duplicate item number',
      (r: Record<string, any>) => {
        r.questionnaires[0].items[2].number = 2;
      },
      "vragenlijst 'vrijwilligerswerk', vraag 2, number: vraagnummer 2 komt twee keer voor",
    ],
    [
      'an item mapped to an item that does not exist',
      (r: Record<string, any>) => {
        r.questionnaires[1].items[11].previous = { number: 99, change: 'same' };
      },
      "vragenlijst 'mantelzorg', vraag 12: verwijst naar vraag 99, maar die bestaat niet in vragenlijst 'mantelzorg' van versie 2009",
    ],
    [
      'a scale out of range',
      (r: Record<string, any>) => {
        r.scale[2].points = 5;
      },
      'scale: de antwoordschaal moet de punten 1, 2 en 3 hebben (nu: 1,2,5)',
    ],
    [
      'an unknown derivedFrom',
      (r: Record<string, any>) => {
        r.derivedFrom = '2015';
      },
      "derivedFrom: versie '2015' bestaat niet. Bestaande versies: 2009",
    ],
  ])('refuses %s with its message and stores nothing', async (_name, change, message) => {
    const before = await countStored();
    const attempt = addInstrumentVersion(database.db, CLI, variant(change));
    await expect(attempt).rejects.toBeInstanceOf(InstrumentValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: expect.arrayContaining([message]) });
    expect(await countStored()).toBe(before);
  });
});

describe('bfm instrument', () => {
  it('add refuses a bad file with exit code 2 and its messages; list, show and add round-trip', async () => {
    const environment = await createTestEnvironment();
    try {
      const dir = await mkdtemp(join(tmpdir(), 'bfm-instrument-'));
      const bad = join(dir, 'fout.json');
      await writeFile(
        bad,
        JSON.stringify(
          variant((r) => {
            r.questionnaires[1].basisfuncties[6].previous = 'oppas';
          }),
        ),
      );
      const refused = await bfm(environment.env, 'instrument', 'add', bad);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("De instrumentdefinitie 'fout' is niet opgeslagen:");
      expect(refused.stderr).toContain(
        "vragenlijst 'mantelzorg', basisfunctie 'respijtzorg': verwijst naar onbekende basisfunctie 'oppas' van versie 2009",
      );
      const listed = await bfm(environment.env, 'instrument', 'list', '--json');
      expect(JSON.parse(listed.stdout).map((v: { version: string }) => v.version)).toEqual([
        '2009',
      ]);

      const good = join(dir, 'instrument-2026.json');
      await writeFile(good, JSON.stringify(example));
      const added = await bfm(environment.env, 'instrument', 'add', good);
      expect(added).toMatchObject({
        code: 0,
        stdout:
          'Instrumentversie 2026 (Vervolgmeting Basisfuncties 2026 (Wmo 2015)) toegevoegd, afgeleid van 2009. Zij blijft een concept tot een meting met deze versie opent.',
      });
      const list = await bfm(environment.env, 'instrument', 'list');
      expect(list.stdout).toMatch(
        /2026\s+Vervolgmeting Basisfuncties 2026 \(Wmo 2015\)\s+2009\s+concept/,
      );
      const shown = await bfm(environment.env, 'instrument', 'show', '2026', '--json');
      expect(JSON.parse(shown.stdout)).toEqual(example);
      const summary = await bfm(environment.env, 'instrument', 'show', '2026');
      expect(summary.stdout).toContain(
        'mantelzorg: 60 vragen, 10 basisfuncties (3 nieuw, 2 anders geformuleerd)',
      );
      // The existing `bfm instrument --version` reads stored versions too.
      const old = await bfm(environment.env, 'instrument', '--version', '2026');
      expect(old.stdout).toContain('Werk en mantelzorg: vragen 58, 59');
    } finally {
      await environment.dispose();
    }
  });
});

describe('the round trip of a new version', () => {
  it('is added, edited by the coordinator only, used in a round, frozen on opening', async () => {
    const added = await addInstrumentVersion(database.db, CLI, example);
    expect(added).toMatchObject({ version: '2026', derivedFrom: '2009', frozen: false });
    expect(await listAvailableInstrumentVersions(database.db)).toEqual(['2009', '2026']);
    expect((await listRoundChoices(database.db)).instrumentVersions).toEqual([
      { version: '2009', name: loadInstrument('2009').name },
      { version: '2026', name: example.name },
    ]);
    await expect(addInstrumentVersion(database.db, CLI, example)).rejects.toThrow(
      "De instrumentversie '2026' bestaat al.",
    );

    const reword = (text: string) => (definition: Instrument) =>
      replaceItem(definition, 'mantelzorg', 43, {
        kind: 'scale',
        text,
        basisfunctie: 'respijtzorg',
        previous: { number: 42, change: 'reworded' },
      });
    await expect(
      editInstrumentVersion(
        database.db,
        { kind: 'user', user: cast.advisor },
        '2026',
        1,
        reword('x'),
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const edited = await editInstrumentVersion(
      database.db,
      coordinator(),
      '2026',
      1,
      reword('Zorgt de gemeente voor respijtzorg, ook in het weekend?'),
    );
    expect(edited.revision).toBe(2);
    // A colleague who started from revision 1 does not overwrite it.
    const stale = editInstrumentVersion(database.db, CLI, '2026', 1, reword('Anders?'));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toThrow(
      'Versie 2026 is intussen gewijzigd door Cora Coördinator; uw wijziging is niet opgeslagen. Laad de pagina opnieuw en breng uw wijziging opnieuw aan.',
    );
    const { instrument, summary, earlier } = await readInstrumentVersion(
      database.db,
      cast.analyst,
      '2026',
    );
    expect(summary.revision).toBe(2);
    expect(earlier?.version).toBe('2009');
    expect(instrument.questionnaires[1]?.items[42]?.text).toBe(
      'Zorgt de gemeente voor respijtzorg, ook in het weekend?',
    );

    await createRound(database.db, { id: 'vervolg', instrumentVersion: '2026', status: 'concept' });
    expect((await readInstrumentVersion(database.db, null, '2026')).summary.frozen).toBe(false);
    await changeRoundStatus(database.db, cast.coordinator, 'vervolg', 'open');
    expect((await readInstrumentVersion(database.db, null, '2026')).summary.frozen).toBe(true);
    const refused = editInstrumentVersion(database.db, coordinator(), '2026', 2, reword('Later?'));
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toThrow(
      'Versie 2026 is bevroren: een meting met deze versie is geopend, en haar uitslagen moeten met dezelfde vragen blijven rekenen. Maak een nieuwe versie op basis van 2026 om vragen te wijzigen.',
    );
    expect(
      (await loadRound(database.db, 'vervolg')).instrument.questionnaires[1]?.items[42]?.text,
    ).toBe('Zorgt de gemeente voor respijtzorg, ook in het weekend?');
    // The version's history says who did what, newest first; refused edits left no trace.
    const history = await listInstrumentHistory(database.db, cast.analyst, '2026');
    expect(history.map(({ actor, text }) => [actor, text])).toEqual([
      ['systeem', 'bevroren: een meting met deze versie werd geopend of aangemaakt'],
      ['Cora Coördinator', 'gewijzigd: mantelzorg: vraag 43'],
      [CLI.label, 'toegevoegd uit een JSON-definitie, afgeleid van versie 2009'],
    ]);
  });

  it('a copy maps to its original and a bundled version cannot be edited', async () => {
    const copy = await copyInstrumentVersion(database.db, coordinator(), {
      from: '2026',
      version: '2027',
      name: 'Meting 2027',
    });
    expect(copy).toMatchObject({ version: '2027', derivedFrom: '2026', frozen: false });
    const instrument = await getInstrument(database.db, '2027');
    expect(instrument.questionnaires[0]?.items[0]?.previous).toEqual({ number: 1, change: 'same' });
    // A version that another derives from keeps its numbers: 2027's mapping refers to them.
    await copyInstrumentVersion(database.db, CLI, { from: '2027', version: '2028', name: 'x' });
    await expect(
      editInstrumentVersion(database.db, coordinator(), '2027', 1, (d) => d),
    ).rejects.toThrow(
      'Versie 2028 is afgeleid van versie 2027 en verwijst naar haar vragen; daarom kan versie 2027 niet meer worden gewijzigd.',
    );
    await expect(
      editInstrumentVersion(database.db, coordinator(), '2009', 0, (d) => d),
    ).rejects.toThrow('Versie 2009 wordt met de applicatie meegeleverd');
    await expect(
      copyInstrumentVersion(
        database.db,
        { kind: 'user', user: cast.analyst },
        {
          from: '2009',
          version: '2029',
          name: 'x',
        },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('a round is scored by its own version: a new basisfunctie and a changed item set', async () => {
    await createRound(database.db, { id: 'eigen', instrumentVersion: '2026', status: 'closed' });
    await database.db.transaction(async (tx) => {
      const loaded = await loadRound(tx, 'eigen');
      expect(loaded.instrument.version).toBe('2026');
      const values = generateSyntheticAnswers(loaded.instrument, loaded.municipalities, {
        participation: 1,
      });
      await storeAnswers(tx, loaded, values, []);
    });
    const analysis = await analyseRound(database.db, 'eigen');
    expect(analysis.instrumentVersion).toBe('2026');
    const ids = analysis.basisfuncties.map((b) => `${b.questionnaire}/${b.basisfunctie}`);
    expect(ids).toContain('mantelzorg/werk-en-mantelzorg');
    // Creating a closed round (with answers to come) froze the version as well.
    expect((await readInstrumentVersion(database.db, null, '2026')).summary.frozen).toBe(true);
  });
});

describe('the editor forms', () => {
  it('name each problem per field, add and remove an item, and edit a basisfunctie', async () => {
    const user = cast.coordinator;
    await copyInstrumentFromForm(database.db, user, {
      from: '2009',
      version: 'formulier',
      name: 'Formulier',
    });
    const target = { version: 'formulier', questionnaire: 'mantelzorg' };
    const refused = await saveItemFromForm(
      database.db,
      user,
      { ...target, number: 3 },
      {
        revision: '1',
        text: ' ',
        help: '',
        kind: 'multiple',
        basisfunctie: 'visie-en-beleid',
        options: 'alleen: Eén optie',
        mapping: 'reworded',
        previousNumber: '',
      },
    );
    expect(refused).toEqual({
      ok: false,
      issues: [
        { field: 'text', message: 'Vul de vraagtekst in.' },
        { field: 'options', message: 'Een keuzevraag heeft minstens twee opties: één per regel.' },
        {
          field: 'previousNumber',
          message: 'Vul het nummer van de vraag in de vorige versie in, of kies ‘nieuw’.',
        },
      ],
    });
    const added = await saveItemFromForm(
      database.db,
      user,
      { ...target, after: 16 },
      {
        revision: '1',
        text: 'Heeft uw gemeente een mantelzorgconsulent?',
        help: 'Een vast aanspreekpunt.',
        kind: 'scale',
        basisfunctie: 'visie-en-beleid',
        options: '',
        mapping: 'new',
        previousNumber: '',
      },
    );
    expect(added).toMatchObject({ ok: true, value: { revision: 2 } });
    let instrument = await getInstrument(database.db, 'formulier');
    const mantelzorg = () => instrument.questionnaires[1];
    expect(mantelzorg()?.items[16]).toMatchObject({
      number: 17,
      help: 'Een vast aanspreekpunt.',
      previous: null,
    });
    // The offer item of informatie moved from 17 to 18 and still maps to 17 of 2009.
    expect(mantelzorg()?.items[17]?.previous).toEqual({ number: 17, change: 'same' });
    expect(mantelzorg()?.offerUse?.[0]).toMatchObject({ offer: 18, use: 20 });

    const stale = await removeItemFromForm(
      database.db,
      user,
      { ...target, number: 17 },
      { revision: '1' },
    );
    expect(stale).toMatchObject({ ok: false, issues: [{ field: 'items' }] });
    expect(
      await removeItemFromForm(database.db, user, { ...target, number: 17 }, { revision: '2' }),
    ).toMatchObject({ ok: true });
    instrument = await getInstrument(database.db, 'formulier');
    // Removing the added item gives the copy back, numbers and mapping included.
    expect(instrument).toEqual(deriveDefinition(loadInstrument('2009'), 'formulier', 'Formulier'));

    const basisfunctie = await saveBasisfunctieFromForm(
      database.db,
      user,
      { ...target, id: 'respijtzorg' },
      {
        revision: '3',
        name: 'Respijtzorg en logeeropvang',
        definition: 'Gemeenten bieden respijtzorg.',
        description: 'Tijdelijke overname van de zorg.',
        activities: 'Logeerhuis\n\nDagopvang',
        previous: 'respijtzorg',
      },
    );
    expect(basisfunctie).toMatchObject({ ok: true });
    instrument = await getInstrument(database.db, 'formulier');
    expect(mantelzorg()?.basisfuncties[6]).toMatchObject({
      name: 'Respijtzorg en logeeropvang',
      activities: ['Logeerhuis', 'Dagopvang'],
      previous: 'respijtzorg',
    });
  });
});
