/**
 * The municipality report against the national analysis: every comparison figure of the
 * national breakdowns is the figure `bfm analyse --json` prints for the same round; the
 * neighbours' figure is that of the analysis over the neighbours alone. Plus who sees what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeRoundAnalysis } from '../../src/domain/analysis.ts';
import { classifySize } from '../../src/domain/register.ts';
import { readResponseVectors } from '../../src/db/repositories/answer-repository.ts';
import { openApplicationDatabase, type DatabaseHandle } from '../../src/services/database.ts';
import { DEMO_ROUND_ID } from '../../src/services/demo-data.ts';
import { ForbiddenError, NotFoundError } from '../../src/services/errors.ts';
import { loadNeighbours } from '../../src/services/geography.ts';
import { savePeerSetFromForm } from '../../src/services/peer-set-service.ts';
import { loadMunicipalityReport } from '../../src/services/report-service.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { bfm } from '../support/cli.ts';
import { createTestEnvironment, type TestEnvironment } from '../support/database.ts';
import { seedAccounts, type Cast } from '../support/factories.ts';

interface Share {
  questionnaire: string;
  basisfunctie: string;
  respondents: number;
  percentGoed: number | null;
  meanMark: number | null;
}
interface Breakdown {
  id: string;
  basisfuncties: Share[];
}
interface AnalyseJson {
  basisfuncties: Share[];
  bySizeClass: Breakdown[];
  byGroup: Breakdown[];
  byProvince: Breakdown[];
}

let environment: TestEnvironment;
let handle: DatabaseHandle;
let cast: Cast;
let analysis: AnalyseJson;

beforeAll(async () => {
  environment = await createTestEnvironment();
  expect((await bfm(environment.env, 'demo')).code).toBe(0);
  const analysed = await bfm(environment.env, 'analyse', '--round', DEMO_ROUND_ID, '--json');
  expect(analysed.code).toBe(0);
  analysis = JSON.parse(analysed.stdout) as AnalyseJson;
  handle = await openApplicationDatabase({
    DATABASE_URL: environment.env.DATABASE_URL,
    BFM_DATA_DIR: environment.env.BFM_DATA_DIR,
  } as Parameters<typeof openApplicationDatabase>[0]);
  cast = await seedAccounts(handle.db);
}, 120_000);

afterAll(async () => {
  await handle?.close();
  await environment?.dispose();
});

const pick = (
  shares: readonly Share[] | undefined,
  questionnaire: string,
  basisfunctie: string,
) => {
  const share = shares?.find(
    (s) => s.questionnaire === questionnaire && s.basisfunctie === basisfunctie,
  );
  if (!share) throw new Error(`No share for ${questionnaire}/${basisfunctie}`);
  return {
    respondents: share.respondents,
    percentGoed: share.percentGoed,
    meanMark: share.meanMark,
  };
};

describe('the municipality report', () => {
  it('gives every comparison figure of the national analysis (bfm analyse --json)', async () => {
    const loaded = await loadRound(handle.db, DEMO_ROUND_ID);
    // Amsterdam (G4, ≥ 250.000), Utrecht (G27), and a small municipality in Groningen.
    for (const code of ['0363', '0344', '0003']) {
      const report = await loadMunicipalityReport(handle.db, cast.coordinator, DEMO_ROUND_ID, code);
      const municipality = loaded.municipalities.find((m) => m.code === code)!;
      for (const questionnaire of report.questionnaires) {
        for (const b of questionnaire.basisfuncties) {
          const byGroup = (id: string) => {
            const c = b.comparisons.find((x) => x.group === id)!;
            return { respondents: c.respondents, percentGoed: c.percentGoed, meanMark: c.meanMark };
          };
          expect(byGroup('national')).toEqual(pick(analysis.basisfuncties, questionnaire.id, b.id));
          expect(byGroup('size')).toEqual(
            pick(
              analysis.bySizeClass.find((g) => g.id === classifySize(municipality.population))
                ?.basisfuncties,
              questionnaire.id,
              b.id,
            ),
          );
          const group = municipality.g4 ? 'G4' : municipality.g27 ? 'G27' : 'overig';
          expect(byGroup('group')).toEqual(
            pick(
              analysis.byGroup.find((g) => g.id === group)?.basisfuncties,
              questionnaire.id,
              b.id,
            ),
          );
          expect(byGroup('province')).toEqual(
            pick(
              analysis.byProvince.find((g) => g.id === municipality.provinceCode)?.basisfuncties,
              questionnaire.id,
              b.id,
            ),
          );
        }
      }
    }
  });

  it("counts the neighbours' figure as the analysis over the neighbours alone", async () => {
    const loaded = await loadRound(handle.db, DEMO_ROUND_ID);
    const neighbours = new Set(loadNeighbours().get('0344') ?? []);
    expect(neighbours.size).toBeGreaterThan(0);
    const responses = (await readResponseVectors(handle.db, DEMO_ROUND_ID)).filter((r) =>
      neighbours.has(r.municipalityCode),
    );
    const subset = computeRoundAnalysis({
      round: DEMO_ROUND_ID,
      instrument: loaded.instrument,
      municipalities: loaded.municipalities.filter((m) => neighbours.has(m.code)),
      responses,
    });
    const report = await loadMunicipalityReport(handle.db, cast.coordinator, DEMO_ROUND_ID, '0344');
    for (const questionnaire of report.questionnaires) {
      for (const b of questionnaire.basisfuncties) {
        const c = b.comparisons.find((x) => x.group === 'neighbours')!;
        const expected = pick(subset.basisfuncties, questionnaire.id, b.id);
        expect({
          respondents: c.respondents,
          percentGoed: c.percentGoed,
          meanMark: c.meanMark,
        }).toEqual(expected);
      }
    }
  });

  it('is for the own municipality, the advisor of its province and the coordinator only', async () => {
    await expect(
      loadMunicipalityReport(handle.db, cast.municipality, DEMO_ROUND_ID, '0363'),
    ).resolves.toMatchObject({ municipality: { code: '0363' } });
    await expect(
      loadMunicipalityReport(handle.db, cast.advisor, DEMO_ROUND_ID, '0363'),
    ).resolves.toMatchObject({ municipality: { code: '0363' } });
    await expect(
      loadMunicipalityReport(handle.db, cast.municipality, DEMO_ROUND_ID, '0014'),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      loadMunicipalityReport(handle.db, cast.otherAdvisor, DEMO_ROUND_ID, '0363'),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      loadMunicipalityReport(handle.db, cast.analyst, DEMO_ROUND_ID, '0363'),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('shows a peer set of 4 municipalities to the coordinator but not to a municipality', async () => {
    // Haarlem, Zaanstad, Haarlemmermeer and Alkmaar: four municipalities with answers.
    const members = ['0392', '0479', '0394', '0361'];
    const peers = async (user: typeof cast.coordinator) => {
      const saved = await savePeerSetFromForm(handle.db, user, {
        name: 'Vier gemeenten',
        kind: 'manual',
        members,
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
      const report = await loadMunicipalityReport(handle.db, user, DEMO_ROUND_ID, '0363', {
        peerSetId: String(saved.id),
      });
      return report.questionnaires.flatMap((q) =>
        q.basisfuncties.map((b) => b.comparisons.find((c) => c.group === 'peers')!),
      );
    };
    const forMunicipality = await peers(cast.municipality);
    expect(forMunicipality.length).toBeGreaterThan(0);
    for (const row of forMunicipality) {
      expect(row.respondents).toBeLessThan(5);
      expect(row).toMatchObject({ percentGoed: null, meanMark: null });
      expect(row.hidden).toMatch(/minder dan 5 gemeenten/);
    }
    const forCoordinator = await peers(cast.coordinator);
    expect(forCoordinator.every((row) => row.hidden === null && row.percentGoed !== null)).toBe(
      true,
    );
  });
});
