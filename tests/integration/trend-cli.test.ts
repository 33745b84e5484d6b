/**
 * `bfm compare`: the JSON is the service's RoundComparison, figure for figure; the text names
 * the rounds, the rule and the transition tables; bad options are refused in Dutch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { openApplicationDatabase } from '../../src/services/database.ts';
import { ensureReferenceData } from '../../src/services/reference-data.ts';
import { compareRounds } from '../../src/services/trend-service.ts';
import { bfm } from '../support/cli.ts';
import { createTestEnvironment, type TestEnvironment } from '../support/database.ts';
import { createHandBuiltRound, respijtzorg } from '../support/trend-rounds.ts';

let environment: TestEnvironment;

async function withDatabase<T>(
  run: (db: Awaited<ReturnType<typeof openApplicationDatabase>>['db']) => Promise<T>,
): Promise<T> {
  const handle = await openApplicationDatabase(parseEnv(environment.env));
  try {
    return await run(handle.db);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  environment = await createTestEnvironment();
  await withDatabase(async (db) => {
    await ensureReferenceData(db);
    await createHandBuiltRound(db, {
      id: 'c2009',
      registerId: '2009',
      answers: {
        '0003': respijtzorg(3, 3, 3),
        '0010': respijtzorg(1, 1, 1),
        '0344': respijtzorg(1, 2, 2),
      },
    });
    await createHandBuiltRound(db, {
      id: 'c2025',
      registerId: '2025',
      previousRoundId: 'c2009',
      answers: { '1979': respijtzorg(2, 2, 3), '0344': respijtzorg(2, 2, 3) },
    });
  });
}, 120_000);

afterAll(async () => {
  await environment?.dispose();
});

describe('bfm compare', () => {
  it('prints the same figures as JSON as the service computes (default: the previous round)', async () => {
    const result = await bfm(environment.env, 'compare', '--to', 'c2025', '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const printed: unknown = JSON.parse(result.stdout);
    const service = await withDatabase((db) => compareRounds(db, 'c2009', 'c2025'));
    expect(printed).toEqual(JSON.parse(JSON.stringify(service)));
    const respijt = service.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg');
    // Eemsdelta: Appingedam 10 (12 032) and Delfzijl 0 (26 635) → 3,1 aandacht; Utrecht 3,3.
    expect(respijt?.transitions['aandacht-nodig']?.['goed-voor-elkaar']).toBe(2);
  });

  it('names the rule and prints the transition tables as text', async () => {
    const result = await bfm(
      environment.env,
      'compare',
      '--from',
      'c2009',
      '--to',
      'c2025',
      '--rule',
      'grootste-voorganger',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cijfer van de grootste voorganger');
    expect(result.stdout).toContain('Respijtzorg (mantelzorg)');
    expect(result.stdout).toMatch(/eerst \\ nu/);
  });

  it('refuses an unknown rule and an unknown province, in Dutch', async () => {
    const rule = await bfm(environment.env, 'compare', '--to', 'c2025', '--rule', 'gemiddeld');
    expect(rule).toMatchObject({ code: 2 });
    expect(rule.stderr).toContain(
      'Kies uit: gewogen-gemiddelde, aandeel-goed, grootste-voorganger',
    );
    const province = await bfm(environment.env, 'compare', '--to', 'c2025', '--provincie', 'PV99');
    expect(province.code).toBe(2);
    expect(province.stderr).toContain("Onbekende provincie 'PV99'");
  });

  it('asks for --from when the round follows no earlier round', async () => {
    const result = await bfm(environment.env, 'compare', '--to', 'c2009');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Geef de eerdere meting op met --from');
  });
});

describe('bfm rounds follow', () => {
  it('links a closed (imported) round to the round it follows afterwards, audited, so its trend has a baseline', async () => {
    await withDatabase((db) =>
      createHandBuiltRound(db, {
        id: 'los-2025',
        registerId: '2025',
        answers: { '1979': respijtzorg(3, 3, 3) },
      }),
    );
    const linked = await bfm(
      environment.env,
      'rounds',
      'follow',
      'los-2025',
      '--previous',
      'c2009',
      '--json',
    );
    expect(linked.stderr).toBe('');
    expect(linked.code).toBe(0);
    expect(JSON.parse(linked.stdout)).toEqual({
      roundId: 'los-2025',
      previousRoundId: 'c2009',
      prefill: false,
    });
    const compared = await bfm(environment.env, 'compare', '--to', 'los-2025', '--json');
    expect(compared.code).toBe(0);
    expect((JSON.parse(compared.stdout) as { from: { roundId: string } }).from.roundId).toBe(
      'c2009',
    );
  });

  it('refuses prefill once the round has left preparation, saying what can still be chosen', async () => {
    const refused = await bfm(
      environment.env,
      'rounds',
      'follow',
      'los-2025',
      '--previous',
      'c2009',
      '--prefill',
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'Vooraf invullen kan alleen worden ingesteld zolang de meting in voorbereiding is.',
    );
  });
});
