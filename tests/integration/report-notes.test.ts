import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/services/audit-service.ts';
import { describeAuditEvent } from '../../src/services/audit-text.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/services/errors.ts';
import {
  listReportNotes,
  MAX_REPORT_NOTE_LENGTH,
  readReportNote,
  ReportNoteConflictError,
  reportNoteKey,
  saveReportNote,
  type ReportNoteInput,
} from '../../src/services/report-note-service.ts';
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

const RESPIJT = {
  roundId: 'r',
  code: '0363',
  questionnaire: 'mantelzorg',
  basisfunctie: 'respijtzorg',
} as const;

function note(text: string, baseVersion: number, key: Partial<ReportNoteInput> = {}) {
  return { ...RESPIJT, ...key, text, baseVersion };
}

describe('report notes', () => {
  it('saves a note, lists it under its key and audits it in the municipality trail', async () => {
    const saved = await saveReportNote(
      database.db,
      cast.municipality,
      note('Het respijtzorgloket opende pas in 2026.  \n', 0),
    );
    expect(saved).toMatchObject({ ok: true, outcome: 'saved', version: 1 });
    const notes = await listReportNotes(database.db, cast.advisor, 'r', '0363');
    expect(notes.get(reportNoteKey('mantelzorg', 'respijtzorg'))).toMatchObject({
      text: 'Het respijtzorgloket opende pas in 2026.',
      version: 1,
      updatedByName: cast.municipality.name,
    });
    const [event] = await listAuditEvents(database.db, 'r', '0363');
    expect(event).toMatchObject({
      action: 'report-note.saved',
      actorLabel: cast.municipality.name,
      subject: 'Notitie bij Respijtzorg (Mantelzorg)',
      oldValue: null,
      newValue: 'Het respijtzorgloket opende pas in 2026.',
    });
    expect(
      describeAuditEvent(event!, { provinceNames: new Map(), municipalityNames: new Map() }),
    ).toMatchObject({ kind: 'Notitie in rapport', oldText: '–' });
  });

  it('never lets a stale save overwrite a colleague: a 409 that shows their text', async () => {
    const key = { basisfunctie: 'informatie' };
    // Anna and her advisor both open the empty note (version 0).
    await saveReportNote(database.db, cast.advisor, note('Tekst van de adviseur.', 0, key));
    const stale = saveReportNote(database.db, cast.municipality, note('Tekst van Anna.', 0, key));
    await expect(stale).rejects.toThrow(ConflictError);
    const error = (await stale.catch((e: unknown) => e)) as ReportNoteConflictError;
    expect(error).toBeInstanceOf(ReportNoteConflictError);
    expect(error.status).toBe(409);
    expect(error.current).toMatchObject({ text: 'Tekst van de adviseur.', version: 1 });
    expect(error.message).toContain(cast.advisor.name);
    expect(error.message).toContain('“Tekst van de adviseur.”');
    // Nothing of Anna's was written.
    const notes = await listReportNotes(database.db, cast.coordinator, 'r', '0363');
    expect(notes.get('mantelzorg:informatie')?.text).toBe('Tekst van de adviseur.');
    // Having seen it, she saves from the version the conflict showed her.
    expect(
      await saveReportNote(
        database.db,
        cast.municipality,
        note('Tekst van Anna, na overleg.', error.current.version, key),
      ),
    ).toMatchObject({ ok: true, outcome: 'saved', version: 2 });
    // A second stale save from version 1 is a conflict again.
    await expect(
      saveReportNote(database.db, cast.advisor, note('Nog een keer.', 1, key)),
    ).rejects.toThrow(ReportNoteConflictError);
  });

  it('lets exactly one of two simultaneous saves from the same version win', async () => {
    const key = { basisfunctie: 'financiele-tegemoetkoming' };
    // First from no note at all (an insert each), then from the winner's version (an update each).
    for (const [base, round] of [
      [0, 'nieuw'],
      [1, 'gewijzigd'],
    ] as const) {
      const texts = [`Anna ${round}.`, `Ada ${round}.`];
      const outcomes = await Promise.allSettled([
        saveReportNote(database.db, cast.municipality, note(texts[0]!, base, key)),
        saveReportNote(database.db, cast.advisor, note(texts[1]!, base, key)),
      ]);
      const lost = outcomes.filter((o) => o.status === 'rejected');
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ReportNoteConflictError);
      const stored = (await listReportNotes(database.db, cast.coordinator, 'r', '0363')).get(
        'mantelzorg:financiele-tegemoetkoming',
      );
      expect(stored?.version).toBe(base + 1);
      expect(texts).toContain(stored?.text);
    }
  });

  it('treats saving the text that is stored as no change, from any version', async () => {
    const key = { basisfunctie: 'educatie' };
    await saveReportNote(database.db, cast.advisor, note('Dezelfde tekst.', 0, key));
    expect(
      await saveReportNote(database.db, cast.municipality, note('Dezelfde tekst.', 0, key)),
    ).toMatchObject({ ok: true, outcome: 'unchanged', version: 1 });
  });

  it('deletes a note on empty text, keeps its version counting, and a stale editor hears it', async () => {
    const key = { basisfunctie: 'praktische-hulp' };
    await saveReportNote(database.db, cast.municipality, note('Eerste versie.', 0, key));
    expect(await saveReportNote(database.db, cast.municipality, note('   ', 1, key))).toMatchObject(
      { ok: true, outcome: 'deleted', note: null, version: 2 },
    );
    const notes = await listReportNotes(database.db, cast.municipality, 'r', '0363');
    expect(notes.has('mantelzorg:praktische-hulp')).toBe(false);
    expect(
      await readReportNote(database.db, cast.municipality, { ...RESPIJT, ...key }),
    ).toMatchObject({ note: null, version: 2 });
    // The advisor still had version 1 open: their save is refused, the removal named.
    const stale = await saveReportNote(
      database.db,
      cast.advisor,
      note('Van de adviseur.', 1, key),
    ).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ReportNoteConflictError);
    expect((stale as Error).message).toContain('intussen verwijderd');
    // A new note after the removal continues the count.
    expect(await saveReportNote(database.db, cast.advisor, note('Opnieuw.', 2, key))).toMatchObject(
      { ok: true, outcome: 'saved', version: 3 },
    );
    const actions = (await listAuditEvents(database.db, 'r', '0363'))
      .filter((event) => event.subject === 'Notitie bij Praktische hulp (Mantelzorg)')
      .map((event) => event.action)
      .reverse();
    expect(actions).toEqual(['report-note.saved', 'report-note.deleted', 'report-note.saved']);
  });

  it('refuses a note longer than 2000 characters with a Dutch message', async () => {
    expect(
      await saveReportNote(
        database.db,
        cast.municipality,
        note('x'.repeat(MAX_REPORT_NOTE_LENGTH + 1), 0, { basisfunctie: 'emotionele-steun' }),
      ),
    ).toEqual({
      ok: false,
      issues: [
        {
          field: 'text',
          message: 'Een notitie mag hoogstens 2000 tekens lang zijn. Maak de tekst korter.',
        },
      ],
    });
    expect(
      await saveReportNote(
        database.db,
        cast.municipality,
        note('x'.repeat(MAX_REPORT_NOTE_LENGTH), 0, { basisfunctie: 'emotionele-steun' }),
      ),
    ).toMatchObject({ ok: true, outcome: 'saved' });
  });

  it('follows the permission table: own municipality, advisor of the province, coordinator', async () => {
    const key = { basisfunctie: 'visie-en-beleid' };
    expect(
      await saveReportNote(database.db, cast.coordinator, note('Van Cora.', 0, key)),
    ).toMatchObject({ ok: true });
    // Gijs (0014) reaching for Amsterdam hears that it does not exist.
    await expect(
      saveReportNote(database.db, cast.otherMunicipality, note('x', 1, key)),
    ).rejects.toThrow(NotFoundError);
    await expect(listReportNotes(database.db, cast.otherMunicipality, 'r', '0363')).rejects.toThrow(
      NotFoundError,
    );
    // The advisor of Groningen may not write or read Amsterdam's notes.
    await expect(saveReportNote(database.db, cast.otherAdvisor, note('x', 1, key))).rejects.toThrow(
      ForbiddenError,
    );
    await expect(listReportNotes(database.db, cast.otherAdvisor, 'r', '0363')).rejects.toThrow(
      ForbiddenError,
    );
    // The analyst sees no report by name.
    await expect(listReportNotes(database.db, cast.analyst, 'r', '0363')).rejects.toThrow(
      ForbiddenError,
    );
    await expect(saveReportNote(database.db, cast.analyst, note('x', 1, key))).rejects.toThrow(
      ForbiddenError,
    );
  });

  it('answers 404 for an unknown round, municipality, questionnaire or basisfunctie', async () => {
    for (const key of [
      { roundId: 'bestaat-niet' },
      { code: '9999' },
      { questionnaire: 'sport' },
      { basisfunctie: 'vertalen' },
    ])
      await expect(
        saveReportNote(database.db, cast.coordinator, note('x', 0, key)),
      ).rejects.toThrow(NotFoundError);
  });

  it('keeps the notes of two municipalities apart', async () => {
    await saveReportNote(
      database.db,
      cast.otherMunicipality,
      note('Groningen.', 0, { code: '0014' }),
    );
    expect(
      (await listReportNotes(database.db, cast.otherMunicipality, 'r', '0014')).get(
        'mantelzorg:respijtzorg',
      )?.text,
    ).toBe('Groningen.');
    expect(
      (await listReportNotes(database.db, cast.municipality, 'r', '0363')).get(
        'mantelzorg:respijtzorg',
      )?.text,
    ).toBe('Het respijtzorgloket opende pas in 2026.');
  });
});
