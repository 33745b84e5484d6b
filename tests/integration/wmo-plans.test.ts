/**
 * The Wmo plans and the 75% target (issue 12, helper C) against a real database, on PGlite and
 * PostgreSQL: filling in and confirming a plan (audited, version-checked), the target (0–100),
 * the national indicator by province computed from the plan statuses, the import of a CSV or
 * .xlsx file (all or nothing, with line numbers), the report's section, and the `bfm` commands.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rounds, wmoPlans } from '../../src/db/schema.ts';
import { listAuditEvents } from '../../src/services/audit-service.ts';
import { describeAuditEvent } from '../../src/services/audit-text.ts';
import { ForbiddenError, NotFoundError } from '../../src/services/errors.ts';
import { ImportRejectedError } from '../../src/services/import/import-service.ts';
import { AnswerFileError } from '../../src/services/import/read-answer-file.ts';
import {
  importWmoPlanRows,
  importWmoPlanUpload,
  resolveWmoPlanImporter,
} from '../../src/services/import/wmo-plan-import.ts';
import { parseWmoPlanCsv } from '../../src/services/import/read-wmo-plan-file.ts';
import { loadMunicipalityReport } from '../../src/services/report-service.ts';
import { createRound } from '../../src/services/round-service.ts';
import {
  analyseWmoPlans,
  confirmWmoPlan,
  loadWmoPlanIndicator,
  readWmoPlan,
  saveWmoPlan,
  setWmoPlanTarget,
  WmoPlanConflictError,
  type WmoPlanInput,
} from '../../src/services/wmo-plan-service.ts';
import { bfm } from '../support/cli.ts';
import {
  createTestDatabase,
  createTestEnvironment,
  type TestDatabase,
  type TestEnvironment,
} from '../support/database.ts';
import { openRound, seedAccounts, type Cast } from '../support/factories.ts';

let database: TestDatabase;
let cast: Cast;

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
  await openRound(database.db, cast.coordinator, 'r', 'Meting');
  // A round of its own for the indicator, so the plan tests above do not move its figures.
  await openRound(database.db, cast.coordinator, 'i', 'Indicator');
});
afterAll(async () => {
  await database.dispose();
});

function plan(input: Partial<WmoPlanInput> & { baseVersion: number }): WmoPlanInput {
  return {
    roundId: 'r',
    code: '0363',
    included: 'ja',
    periodFrom: '2012',
    periodTo: '2015',
    title: 'Samen sterk in Amsterdam',
    url: 'https://www.amsterdam.nl/wmo-plan-2012-2015.pdf',
    basisfuncties: ['mantelzorg:respijtzorg', 'vrijwilligerswerk:verbinden-en-makelen'],
    ...input,
  };
}

async function planRows(roundId: string) {
  const [row] = await database.db
    .select({ n: count() })
    .from(wmoPlans)
    .where(eq(wmoPlans.roundId, roundId));
  return row?.n ?? 0;
}

describe('the Wmo plan of a municipality', () => {
  it('is filled in by the municipality, confirmed by the advisor, both audited; a later change by the municipality clears the confirmation', async () => {
    const saved = await saveWmoPlan(database.db, cast.municipality, plan({ baseVersion: 0 }));
    expect(saved).toMatchObject({
      ok: true,
      outcome: 'saved',
      plan: { included: 'ja', period: '2012–2015', version: 1, confirmed: null },
    });
    const confirmed = await confirmWmoPlan(database.db, cast.advisor, {
      roundId: 'r',
      code: '0363',
      baseVersion: 1,
    });
    expect(confirmed.outcome).toBe('confirmed');
    expect(confirmed.plan.confirmed?.byName).toBe(cast.advisor.name);
    const [confirmation] = await listAuditEvents(database.db, 'r', '0363');
    expect(confirmation).toMatchObject({
      action: 'wmo-plan.confirmed',
      actorId: cast.advisor.id,
      newValue:
        'Ja, opgenomen; periode 2012–2015; “Samen sterk in Amsterdam”; https://www.amsterdam.nl/wmo-plan-2012-2015.pdf; 2 basisfuncties genoemd',
    });
    expect(
      describeAuditEvent(confirmation!, { provinceNames: new Map(), municipalityNames: new Map() }),
    ).toMatchObject({ kind: 'Wmo-beleidsplan', description: 'Wmo-beleidsplan bevestigd' });

    const changed = await saveWmoPlan(
      database.db,
      cast.municipality,
      plan({ included: 'gedeeltelijk', baseVersion: 1 }),
    );
    expect(changed).toMatchObject({ ok: true, plan: { included: 'gedeeltelijk', version: 2 } });
    if (changed.ok) expect(changed.plan.confirmed).toBeNull();
    const [change] = await listAuditEvents(database.db, 'r', '0363');
    expect(change).toMatchObject({ action: 'wmo-plan.saved', actorId: cast.municipality.id });
    expect(String(change?.oldValue)).toMatch(/^Ja, opgenomen/);
    expect(String(change?.newValue)).toMatch(/^Gedeeltelijk/);
  });

  it('refuses a stale save with the stored plan (409) and writes nothing', async () => {
    const before = await readWmoPlan(database.db, cast.coordinator, 'r', '0363');
    await expect(
      saveWmoPlan(database.db, cast.advisor, plan({ included: 'nee', baseVersion: 1 })),
    ).rejects.toBeInstanceOf(WmoPlanConflictError);
    const after = await readWmoPlan(database.db, cast.coordinator, 'r', '0363');
    expect(after.plan).toEqual(before.plan);
    // Saving what is stored is no conflict, whatever version the form had.
    const same = await saveWmoPlan(
      database.db,
      cast.advisor,
      plan({ included: 'gedeeltelijk', baseVersion: 1 }),
    );
    expect(same).toMatchObject({ ok: true, outcome: 'unchanged' });
  });

  it('refuses bad input field by field and saves nothing', async () => {
    const result = await saveWmoPlan(database.db, cast.coordinator, {
      ...plan({ code: '0014', baseVersion: 0 }),
      included: 'misschien' as 'ja',
      periodFrom: '2015',
      periodTo: '2012',
      url: 'www.groningen.nl',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.issues.map((i) => [i.field, i.message]));
    expect(byField).toEqual({
      included: 'Kies of het Wmo-beleidsplan de basisfuncties opneemt: ja, gedeeltelijk of nee.',
      url: 'Geef een volledige link die begint met https:// (of http://), of laat het veld leeg.',
      periodTo:
        'Het plan loopt tot een jaar vóór het begin (2015). Vul bij ‘periode tot en met’ 2015 of later in.',
    });
    const unknown = await saveWmoPlan(database.db, cast.coordinator, {
      ...plan({ code: '0014', baseVersion: 0 }),
      basisfuncties: ['mantelzorg:bestaat-niet'],
    });
    expect(unknown).toMatchObject({ ok: false, issues: [{ field: 'basisfuncties' }] });
    const stored = await database.db
      .select()
      .from(wmoPlans)
      .where(and(eq(wmoPlans.roundId, 'r'), eq(wmoPlans.municipalityCode, '0014')));
    expect(stored).toEqual([]);
  });

  it('is hidden (404) from an advisor of another province and another municipality, and closed (403) to the analyst', async () => {
    await expect(readWmoPlan(database.db, cast.otherAdvisor, 'r', '0363')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      confirmWmoPlan(database.db, cast.otherAdvisor, {
        roundId: 'r',
        code: '0363',
        baseVersion: 2,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      saveWmoPlan(database.db, cast.otherMunicipality, plan({ baseVersion: 2 })),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(readWmoPlan(database.db, cast.analyst, 'r', '0363')).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    // The municipality fills in, but does not confirm its own plan.
    await expect(
      confirmWmoPlan(database.db, cast.municipality, {
        roundId: 'r',
        code: '0363',
        baseVersion: 2,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the round's target", () => {
  it('is set by the coordinator, audited, and refused outside 0–100 with a Dutch message on the field', async () => {
    const set = await setWmoPlanTarget(database.db, cast.coordinator, {
      roundId: 'r',
      target: '80',
    });
    expect(set).toEqual({ ok: true, target: 80, changed: true });
    for (const target of ['120', '-1', '75 procent', 100.5]) {
      const refused = await setWmoPlanTarget(database.db, cast.coordinator, {
        roundId: 'r',
        target,
      });
      expect(refused).toEqual({
        ok: false,
        issues: [
          {
            field: 'target',
            message:
              'De doelstelling is een percentage van 0 tot en met 100, bijvoorbeeld 75. Vul een getal in dat daartussen ligt.',
          },
        ],
      });
    }
    const [round] = await database.db.select().from(rounds).where(eq(rounds.id, 'r'));
    expect(round?.wmoPlanTarget).toBe(80);
    const decimal = await setWmoPlanTarget(database.db, cast.coordinator, {
      roundId: 'r',
      target: '72,5',
    });
    expect(decimal).toMatchObject({ ok: true, target: 72.5 });
    const trail = await database.db.query.auditEvents.findMany({
      where: (events, { eq: is }) => is(events.action, 'wmo-plan.target-set'),
    });
    expect(trail.map((event) => [event.oldValue, event.newValue])).toEqual([
      ['75%', '80%'],
      ['80%', '72.5%'],
    ]);
    await expect(
      setWmoPlanTarget(database.db, cast.advisor, { roundId: 'r', target: '50' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

// Noord-Holland (PV27): 3 ja, 1 gedeeltelijk, 1 nee; Groningen (PV20): 1 ja, 2 nee.
const PLAN_FILE = [
  'gemeentecode,opgenomen,periode,titel,url',
  'GM0363,ja,2012-2015,Samen sterk,https://www.amsterdam.nl/wmo.pdf',
  '0358,ja,2012,,',
  '361,Ja,,Wmo-beleidsplan Alkmaar,',
  '0362,gedeeltelijk,2011-2014,,',
  '0373,nee,,,',
  '0014,ja,2013-2016,"Groningen, samen",https://gemeente.groningen.nl/wmo',
  '0003,nee,,,',
  '0005,NEE,,,',
].join('\n');

describe('the national indicator from the plan statuses', () => {
  beforeAll(async () => {
    const result = await importWmoPlanRows(database.db, parseWmoPlanCsv(PLAN_FILE), {
      roundId: 'i',
      actor: { id: cast.coordinator.id, name: cast.coordinator.name },
      fileName: 'wmo-plannen.csv',
    });
    expect(result).toMatchObject({ rows: 8, inserted: 8, updated: 0, included: 4, partly: 1 });
  });

  it('counts the share of ja over the municipalities with a status, nationally and by province', async () => {
    // 8 respondents, 4 'ja': 50.0%. PV20: 1 of 3 = 33.3%; PV27: 3 of 5 = 60.0%.
    expect(await analyseWmoPlans(database.db, 'i')).toEqual({
      target: 75,
      respondents: 8,
      included: 4,
      partly: 1,
      percentIncluded: 50,
      byProvince: expect.arrayContaining([
        { province: 'PV20', respondents: 3, included: 1, percentIncluded: 33.3 },
        { province: 'PV27', respondents: 5, included: 3, percentIncluded: 60 },
        { province: 'PV21', respondents: 0, included: 0, percentIncluded: null },
      ]),
    });
  });

  it('gives the breakdowns by size class and group, and the rounds before, to staff', async () => {
    const view = await loadWmoPlanIndicator(database.db, cast.analyst, 'i');
    expect(view.indicator).toMatchObject({ meetsTarget: false, target: 75, suppressed: false });
    // G4: Amsterdam (ja); G27: Alkmaar (ja), Groningen (ja).
    expect(view.indicator.byGroup.map((g) => [g.id, g.respondents, g.included])).toEqual([
      ['G4', 1, 1],
      ['G27', 2, 2],
      ['overig', 5, 1],
    ]);
    expect(view.history.map((point) => point.roundId)).toEqual(['i']);
    // A round that follows 'i' shows both, oldest first.
    await createRound(database.db, { id: 'j', name: 'Vervolg' });
    await database.db.update(rounds).set({ previousRoundId: 'i' }).where(eq(rounds.id, 'j'));
    const next = await loadWmoPlanIndicator(database.db, cast.coordinator, 'j');
    expect(next.history.map((p) => [p.roundId, p.respondents, p.percentIncluded])).toEqual([
      ['i', 8, 50],
      ['j', 0, null],
    ]);
  });

  it('withholds small provinces from a municipality account', async () => {
    const view = await loadWmoPlanIndicator(database.db, cast.municipality, 'i');
    const groningen = view.indicator.byProvince.find((row) => row.id === 'PV20');
    expect(groningen).toMatchObject({ respondents: 3, included: null, suppressed: true });
    expect(view.protection).toBe('small-cells');
  });

  it('counts imported statuses as confirmed by the importer, audited per municipality', async () => {
    const groningen = await readWmoPlan(database.db, cast.coordinator, 'i', '0014');
    expect(groningen.plan).toMatchObject({
      source: 'import',
      title: 'Groningen, samen',
      period: '2013–2016',
      confirmed: { byName: cast.coordinator.name },
    });
    const [event] = await listAuditEvents(database.db, 'i', '0014');
    expect(event).toMatchObject({
      action: 'wmo-plan.imported',
      actorId: cast.coordinator.id,
      subject: 'Wmo-beleidsplan uit wmo-plannen.csv (regel 7)',
    });
  });

  it("shows the municipality's own status against the target in its report", async () => {
    const report = await loadMunicipalityReport(database.db, cast.municipality, 'i', '0363');
    expect(report.wmoPlan).toMatchObject({
      target: 75,
      nationalPercent: 50,
      nationalRespondents: 8,
      plan: { included: 'ja', title: 'Samen sterk' },
    });
    expect(report.wmoPlan.sentence).toBe(
      'Het Wmo-beleidsplan van Amsterdam neemt de basisfuncties op: Amsterdam draagt bij aan de landelijke doelstelling. De landelijke doelstelling is dat 75% van de Wmo-beleidsplannen de basisfuncties opneemt. Landelijk neemt nu 50% van de 8 gemeenten met een bekende stand de basisfuncties op.',
    );
  });
});

describe('importing plan statuses', () => {
  it('refuses a CSV with bad rows, every error with its line, and saves nothing', async () => {
    await createRound(database.db, { id: 'k', name: 'Import' });
    const file = [
      'gemeentecode,opgenomen,periode,titel,url',
      '0363,ja,2012-2015,,',
      '9999,ja,,,',
      '0358,misschien,,,',
      '0363,nee,,,',
      '0361,ja,2015-2012,,www.alkmaar.nl',
    ].join('\r\n');
    const error = await importWmoPlanUpload(database.db, cast.coordinator, {
      roundId: 'k',
      fileName: 'plannen.csv',
      bytes: new TextEncoder().encode(file),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).errors).toEqual([
      {
        line: 3,
        message:
          "onbekende gemeente '9999': gemeentecode 9999 staat niet in het register 'Gemeenten per 1 januari 2009' van meting 'k'. Controleer de code.",
      },
      { line: 4, message: "'opgenomen' is 'misschien'. Vul ja, gedeeltelijk of nee in." },
      { line: 5, message: 'gemeente 0363 staat al op regel 2. Geef elke gemeente één regel.' },
      {
        line: 6,
        message:
          "periode '2015-2012' is geen periode. Schrijf bijvoorbeeld 2012-2015 of 2013, met jaartallen van 1990 tot en met 2100, of laat het veld leeg.",
      },
      {
        line: 6,
        message:
          "url 'www.alkmaar.nl' is geen volledige link. Schrijf hem met https:// (of http://) ervoor, of laat het veld leeg.",
      },
    ]);
    expect((error as Error).message).toMatch(
      /^Import afgebroken: 5 fouten gevonden\. Er is niets opgeslagen\./,
    );
    expect(await planRows('k')).toBe(0);
  });

  it('reads an .xlsx the same way: all or nothing, with the sheet row as line number', async () => {
    const workbook = async (rows: (string | number)[][]) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Wmo');
      sheet.addRow(['gemeentecode', 'opgenomen', 'periode', 'titel', 'url']);
      for (const row of rows) sheet.addRow(row);
      return new Uint8Array(await book.xlsx.writeBuffer());
    };
    const bad = await workbook([
      ['0363', 'ja', '2012-2015', 'Plan', ''],
      [363, 'ja', '', '', ''],
      ['0014', '', '', '', ''],
    ]);
    const error = await importWmoPlanUpload(database.db, cast.coordinator, {
      roundId: 'k',
      fileName: 'plannen.xlsx',
      bytes: bad,
    }).catch((e: unknown) => e);
    expect((error as ImportRejectedError).errors).toEqual([
      { line: 3, message: 'gemeente 0363 staat al op regel 2. Geef elke gemeente één regel.' },
      { line: 4, message: "'opgenomen' is leeg. Vul ja, gedeeltelijk of nee in." },
    ]);
    expect(await planRows('k')).toBe(0);
    const good = await workbook([
      ['0363', 'ja', '2012-2015', 'Plan', 'https://www.amsterdam.nl/plan'],
      [14, 'gedeeltelijk', 2013, '', ''],
    ]);
    const result = await importWmoPlanUpload(database.db, cast.coordinator, {
      roundId: 'k',
      fileName: 'plannen.xlsx',
      bytes: good,
    });
    expect(result).toMatchObject({ rows: 2, inserted: 2, included: 1, partly: 1 });
    expect(await planRows('k')).toBe(2);
  });

  it('refuses a file without the required columns, and anyone but the coordinator', async () => {
    await expect(
      importWmoPlanUpload(database.db, cast.coordinator, {
        roundId: 'k',
        fileName: 'plannen.csv',
        bytes: new TextEncoder().encode('code,status\n0363,ja\n'),
      }),
    ).rejects.toThrow(
      new AnswerFileError(
        "De kolommen 'gemeentecode' en 'opgenomen' ontbreken in de kopregel. Verwacht: gemeentecode,opgenomen,periode,titel,url (gevonden: code,status).",
      ),
    );
    await expect(
      importWmoPlanUpload(database.db, cast.advisor, {
        roundId: 'k',
        fileName: 'plannen.csv',
        bytes: new TextEncoder().encode(PLAN_FILE),
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('the importer on the command line (--by)', () => {
  it('is an enabled coordinator, named in the trail; other accounts are refused', async () => {
    await expect(
      resolveWmoPlanImporter(database.db, ` ${cast.coordinator.email.toUpperCase()} `),
    ).resolves.toEqual({ id: cast.coordinator.id, name: cast.coordinator.name });
    await expect(resolveWmoPlanImporter(database.db, cast.advisor.email)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(resolveWmoPlanImporter(database.db, 'niemand@example.nl')).rejects.toThrow(
      "Er is geen account met het e-mailadres 'niemand@example.nl'. Geef bij --by het adres van een coördinator op.",
    );
  });
});

describe('bfm wmo-plannen import and bfm analyse --json', () => {
  let environment: TestEnvironment;
  let dir: string;
  beforeAll(async () => {
    environment = await createTestEnvironment();
    dir = await mkdtemp(join(tmpdir(), 'bfm-wmo-'));
  });
  afterAll(async () => {
    await environment.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a file all or nothing and reports the indicator as wmoPlan', async () => {
    // One answer makes the round (bfm import creates it).
    const answers = join(dir, 'antwoorden.csv');
    await writeFile(
      answers,
      'meting,gemeentecode,vragenlijst,vraag,antwoord\nw,0363,mantelzorg,17,3\n',
    );
    expect((await bfm(environment.env, 'import', answers)).code).toBe(0);

    const bad = join(dir, 'fout.csv');
    await writeFile(bad, 'gemeentecode,opgenomen,periode,titel,url\n0363,ja,,,\n0014,soms,,,\n');
    const refused = await bfm(environment.env, 'wmo-plannen', 'import', bad, '--round', 'w');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "regel 3: 'opgenomen' is 'soms'. Vul ja, gedeeltelijk of nee in.",
    );

    const good = join(dir, 'plannen.csv');
    await writeFile(good, PLAN_FILE);
    const imported = await bfm(
      environment.env,
      'wmo-plannen',
      'import',
      good,
      '--round',
      'w',
      '--json',
    );
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ round: 'w', rows: 8, inserted: 8 });

    const analysis = await bfm(environment.env, 'analyse', '--round', 'w', '--json');
    const wmoPlan = JSON.parse(analysis.stdout).wmoPlan;
    expect(Object.keys(wmoPlan)).toEqual([
      'target',
      'respondents',
      'included',
      'partly',
      'percentIncluded',
      'byProvince',
    ]);
    expect(wmoPlan).toMatchObject({ target: 75, respondents: 8, included: 4, percentIncluded: 50 });
    expect(wmoPlan.byProvince).toContainEqual({
      province: 'PV27',
      respondents: 5,
      included: 3,
      percentIncluded: 60,
    });
    const text = await bfm(environment.env, 'analyse', '--round', 'w');
    expect(text.stdout).toContain(
      'Wmo-beleidsplannen met de basisfuncties: 50% (4 van 8 gemeenten met een bekende stand); doelstelling 75%.',
    );
  });
});
