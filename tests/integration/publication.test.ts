/**
 * Publishing a round as open data (issue 10, decision 018): only closed rounds publish, an
 * unpublished round is not there, the open data carries the figures of `analyseRound` where
 * they are shown, small cells are withheld so that none can be recomputed, and the files hold
 * no municipality.
 *
 * The round 'klein' is built so that small cells occur: every municipality answers except
 * that only 3 of Flevoland's 6 (PV24) do.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_GROUP_SIZE } from '../../src/domain/disclosure.ts';
import { queryRows } from '../../src/db/query.ts';
import { analyseRound } from '../../src/services/analysis-service.ts';
import { storeAnswers } from '../../src/services/answer-store.ts';
import { generateSyntheticAnswers } from '../../src/services/demo-data.ts';
import { ForbiddenError, NotFoundError, UserInputError } from '../../src/services/errors.ts';
import { writeOpenDataCsv, type OpenDataDocument } from '../../src/services/open-data.ts';
import {
  listPublishedRounds,
  loadOpenData,
  publishRound,
  unpublishRound,
} from '../../src/services/publication-service.ts';
import { changeRoundStatus, createRound, loadRound } from '../../src/services/round-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedAccounts, TEST_LINKS, type Cast } from '../support/factories.ts';
import { ALLOWED_NAME_TOKENS, findMunicipalities } from '../support/municipality-scan.ts';

let database: TestDatabase;
let cast: Pick<Cast, 'coordinator' | 'advisor' | 'analyst'>;
const CLI = { kind: 'cli', label: 'test' } as const;
const ROUND = 'klein';

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db, ['coordinator', 'advisor', 'analyst']);
  await database.db.transaction(async (tx) => {
    await createRound(tx, { id: ROUND, name: 'Kleine meting', status: 'closed' });
    const loaded = await loadRound(tx, ROUND);
    const flevoland = loaded.municipalities.filter((m) => m.provinceCode === 'PV24');
    expect(flevoland.length).toBe(6);
    const dropped = new Set(flevoland.slice(3).map((m) => m.code));
    const values = generateSyntheticAnswers(loaded.instrument, loaded.municipalities, {
      participation: 1,
    }).filter((value) => !dropped.has(value.municipalityCode));
    await storeAnswers(tx, loaded, values, []);
  });
}, 120_000);

afterAll(async () => {
  await database?.dispose();
});

const coordinator = () => ({ kind: 'user', user: cast.coordinator }) as const;

describe('publishing', () => {
  it('publishes only a closed round, and only for the coordinator', async () => {
    const db = database.db;
    await createRound(db, { id: 'open', status: 'open' });
    await createRound(db, { id: 'concept', status: 'concept' });
    await expect(publishRound(db, coordinator(), 'open')).rejects.toThrow(UserInputError);
    await expect(publishRound(db, coordinator(), 'open')).rejects.toThrow(
      /Alleen een gesloten meting kan worden gepubliceerd/,
    );
    await expect(publishRound(db, coordinator(), 'concept')).rejects.toThrow(UserInputError);
    await expect(publishRound(db, coordinator(), 'bestaat-niet')).rejects.toThrow(NotFoundError);
    for (const role of ['advisor', 'analyst'] as const)
      await expect(publishRound(db, { kind: 'user', user: cast[role] }, ROUND)).rejects.toThrow(
        ForbiddenError,
      );
    expect(await listPublishedRounds(db)).toEqual([]);

    const first = await publishRound(db, coordinator(), ROUND);
    expect(first.changed).toBe(true);
    const again = await publishRound(db, CLI, ROUND);
    expect(again).toEqual({ publication: first.publication, changed: false });
    expect((await listPublishedRounds(db)).map((r) => r.id)).toEqual([ROUND]);
  });

  it('records publishing and withdrawing in the audit trail', async () => {
    const db = database.db;
    await createRound(db, { id: 'audit', status: 'closed' });
    await publishRound(db, coordinator(), 'audit');
    expect((await unpublishRound(db, CLI, 'audit')).changed).toBe(true);
    expect((await unpublishRound(db, CLI, 'audit')).changed).toBe(false);
    const events = await queryRows<{ action: string; actor_label: string }>(
      db,
      sql`select action, actor_label from audit_events where round_id = 'audit' order by id`,
    );
    expect(events).toEqual([
      { action: 'round.published', actor_label: cast.coordinator.name },
      { action: 'round.unpublished', actor_label: 'test' },
    ]);
  });

  it('answers 404 for a round that is not published, withdrawn, or reopened', async () => {
    const db = database.db;
    await createRound(db, { id: 'niet', status: 'closed' });
    await expect(loadOpenData(db, TEST_LINKS, 'niet')).rejects.toThrow(NotFoundError);
    await expect(loadOpenData(db, TEST_LINKS, 'bestaat-niet')).rejects.toThrow(NotFoundError);

    await createRound(db, { id: 'weer-open', status: 'closed' });
    await publishRound(db, CLI, 'weer-open');
    await expect(loadOpenData(db, TEST_LINKS, 'weer-open')).resolves.toBeTruthy();
    // A published round that is reopened is not public while its figures can change.
    await changeRoundStatus(db, cast.coordinator, 'weer-open', 'open');
    await expect(loadOpenData(db, TEST_LINKS, 'weer-open')).rejects.toThrow(NotFoundError);
    await changeRoundStatus(db, cast.coordinator, 'weer-open', 'closed');
    await expect(loadOpenData(db, TEST_LINKS, 'weer-open')).resolves.toBeTruthy();
    await unpublishRound(db, coordinator(), 'weer-open');
    await expect(loadOpenData(db, TEST_LINKS, 'weer-open')).rejects.toThrow(NotFoundError);
  });
});

describe('the open data of a published round', () => {
  let document: OpenDataDocument;
  beforeAll(async () => {
    await publishRound(database.db, CLI, ROUND);
    document = await loadOpenData(database.db, TEST_LINKS, ROUND);
  });

  it('has DCAT metadata with the CC0 licence and links on the configured public address', () => {
    const metadata = document.metadata;
    expect(metadata['@type']).toBe('dcat:Dataset');
    expect(metadata['dct:license']).toBe('http://creativecommons.org/publicdomain/zero/1.0/');
    expect(metadata['dct:spatial']).toBe('Nederland');
    expect(metadata['dcat:landingPage']).toBe('https://bfm.example/openbaar/metingen/klein');
    const distributions = metadata['dcat:distribution'] as { 'dcat:downloadURL': string }[];
    expect(distributions.map((d) => d['dcat:downloadURL'])).toEqual([
      'https://bfm.example/openbaar/metingen/klein/data.json',
      'https://bfm.example/openbaar/metingen/klein/data.csv',
      'https://bfm.example/openbaar/metingen/klein/metadata.json',
    ]);
  });

  it('carries the figures of analyseRound wherever they are not suppressed', async () => {
    const reference = await analyseRound(database.db, ROUND);
    let compared = 0;
    reference.basisfuncties.forEach((expected, b) => {
      const shown = document.basisfuncties[b];
      expect(shown?.basisfunctie).toBe(expected.basisfunctie);
      expect(shown?.national.percentGoed).toEqual({
        value: expected.percentGoed,
        respondents: expected.respondents,
        suppressed: false,
      });
      expect(shown?.national.goed.value).toBe(expected.goed);
      expect(shown?.national.meanMark.value).toBe(expected.meanMark);
      for (const key of ['bySizeClass', 'byGroup', 'byProvince'] as const)
        reference[key].forEach((group, g) => {
          const cell = shown?.[key][g];
          const share = group.basisfuncties[b];
          expect(cell?.id).toBe(group.id);
          expect(cell?.percentGoed.respondents).toBe(share?.respondents);
          if (cell?.percentGoed.suppressed) return;
          expect(cell?.percentGoed.value).toBe(share?.percentGoed);
          expect(cell?.goed.value).toBe(share?.goed);
          compared += 1;
        });
    });
    expect(compared).toBeGreaterThan(100);
    reference.items.forEach((item, i) => {
      expect(document.items[i]?.answers.map((a) => a.count.value)).toEqual(item.counts);
    });
    expect(document.pearsonR.value).toBe(reference.pearsonR);
    expect(document.crossTable.cells.map((row) => row.map((c) => c.value))).toEqual(
      reference.crossTable,
    );
    expect(document.round.register.municipalities).toBe(reference.respondents.municipalities);
    expect(document.respondents.both?.value).toBe(reference.respondents.both);
  });

  it('shows no cell of a province with fewer than 5 respondents (Flevoland: 3 of 6)', () => {
    for (const result of document.basisfuncties) {
      const flevoland = result.byProvince.find((p) => p.id === 'PV24');
      expect(flevoland?.percentGoed.respondents).toBeLessThanOrEqual(3);
      for (const measure of ['goed', 'percentGoed', 'meanMark'] as const)
        expect(flevoland?.[measure]).toMatchObject({ value: null, suppressed: true });
    }
    const csv = writeOpenDataCsv(document);
    const flevolandRows = csv.split('\r\n').filter((line) => line.includes(';provincie;PV24;'));
    expect(flevolandRows.length).toBe(document.basisfuncties.length * 3);
    for (const line of flevolandRows) expect(line).toMatch(/;;\d+;ja$/);
  });

  it('withholds enough cells that no suppressed value can be recomputed from the totals', () => {
    let checkedTables = 0;
    for (const result of document.basisfuncties) {
      for (const key of ['bySizeClass', 'byGroup', 'byProvince'] as const) {
        const cells = result[key];
        const hidden = cells.filter((c) => c.goed.suppressed);
        if (hidden.length === 0) continue;
        checkedTables += 1;
        // One unknown would be the national total minus the visible cells: there are at least
        // two, and what can be recomputed is only their sum over at least 5 municipalities.
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        const hiddenRespondents = hidden.reduce((sum, c) => sum + c.goed.respondents, 0);
        expect(hiddenRespondents).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
        const visible = cells
          .filter((c) => !c.goed.suppressed)
          .reduce((sum, c) => sum + (c.goed.value ?? 0), 0);
        const hiddenSum = (result.national.goed.value ?? 0) - visible;
        expect(hiddenSum).toBeGreaterThanOrEqual(0);
        expect(hiddenSum).toBeLessThanOrEqual(hiddenRespondents);
        // Every hidden cell still has more than one value that fits the sum and the others'
        // bounds (0 … respondents), so none is determined.
        for (const cell of hidden) {
          const others = hidden
            .filter((c) => c !== cell)
            .reduce((sum, c) => sum + c.goed.respondents, 0);
          const low = Math.max(0, hiddenSum - others);
          const high = Math.min(cell.goed.respondents, hiddenSum);
          expect(high - low, `${result.basisfunctie} ${key} ${cell.id}`).toBeGreaterThan(0);
        }
      }
    }
    expect(checkedTables).toBeGreaterThan(0);
  });

  it('gives the new figures at once after an answer is corrected (the cache is stamped)', async () => {
    const before = await loadOpenData(database.db, TEST_LINKS, ROUND);
    expect(await loadOpenData(database.db, TEST_LINKS, ROUND)).toBe(before);
    const count = (d: OpenDataDocument) =>
      d.items.find((i) => i.questionnaire === 'mantelzorg' && i.question === 17)?.answers[0]?.count
        .value ?? null;
    const loaded = await loadRound(database.db, ROUND);
    const reference = await analyseRound(database.db, ROUND);
    const item = reference.items.find((i) => i.questionnaire === 'mantelzorg' && i.question === 17);
    // Amsterdam answers 'Nee' (1) to item 17, unless it did already; then 'Ja, goed' (3).
    const amsterdam = await queryRows<{ points: number }>(
      database.db,
      sql`select points from answers where round_id = ${ROUND} and municipality_code = '0363'
          and questionnaire = 'mantelzorg' and question = 17`,
    );
    const points = amsterdam[0]?.points === 1 ? 3 : 1;
    await database.db.transaction((tx) =>
      storeAnswers(
        tx,
        loaded,
        [
          {
            municipalityCode: '0363',
            questionnaire: 'mantelzorg',
            question: 17,
            points,
            options: null,
            text: null,
          },
        ],
        [],
      ),
    );
    const after = await loadOpenData(database.db, TEST_LINKS, ROUND);
    expect(count(after)).toBe((item?.counts[0] ?? 0) + (points === 1 ? 1 : -1));
    expect(count(before)).toBe(item?.counts[0]);
  });

  it('names no municipality of the register, by name or code, in data.json or data.csv', async () => {
    const loaded = await loadRound(database.db, ROUND);
    const files = { json: JSON.stringify(document), csv: writeOpenDataCsv(document) };
    const found = findMunicipalities(files, loaded.municipalities);
    // Exceptions, each a word of the public text itself: the provinces Groningen and Utrecht
    // share their names with their capitals, and a few names are words of the questionnaires.
    expect(found.codes).toEqual([]);
    // Only names that are also province names may occur (whichever provinces the page shows).
    expect(found.names.filter((name) => !ALLOWED_NAME_TOKENS.includes(name))).toEqual([]);
  });
});
