/**
 * Cohen's kappa (src/domain/cohens-kappa.ts) against GNU PSPP, a maintained statistics package:
 * the same ratings, written as data, go through `CROSSTABS /STATISTICS=KAPPA`, and PSPP's kappa
 * must be ours. PSPP prints kappa with two decimals, so ours must round to the same value
 * (within 0.005). No maintained npm package computes kappa (decision 029); this is the check
 * that our own implementation is right.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohensKappa, kappaFromTable } from '../../src/domain/cohens-kappa.ts';
import { createRandom } from '../../src/domain/random.ts';

const run = promisify(execFile);
const PSPP = process.env.BFM_PSPP ?? 'pspp';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'bfm-kappa-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** PSPP's kappa for paired ratings (categories as integers). */
async function psppKappa(a: readonly number[], b: readonly number[]): Promise<number> {
  const data = join(folder, 'ratings.txt');
  const syntax = join(folder, 'kappa.sps');
  const out = join(folder, 'kappa.csv');
  await writeFile(data, a.map((value, i) => `${value} ${b[i]}`).join('\n') + '\n');
  await writeFile(
    syntax,
    [`DATA LIST LIST FILE='${data}' /a b.`, 'CROSSTABS /TABLES=a BY b /STATISTICS=KAPPA.', ''].join(
      '\n',
    ),
  );
  const { stdout, stderr } = await run(PSPP, ['-O', 'format=csv', '-o', out, syntax]);
  expect(`${stdout}\n${stderr}`).not.toMatch(/\b(error|warning):/i);
  const output = await readFile(out, 'utf8');
  const match = /^Measure of Agreement,Kappa,(-?[\d.]+),/m.exec(output);
  expect(match, `no kappa in PSPP's output:\n${output}`).not.toBeNull();
  return Number(match?.[1]);
}

/** Expands a square table of counts into paired ratings 1..k. */
function ratingsOf(table: readonly (readonly number[])[]): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let n = 0; n < count; n += 1) {
        a.push(i + 1);
        b.push(j + 1);
      }
    }),
  );
  return { a, b };
}

describe("Cohen's kappa against PSPP", () => {
  it('the textbook example (20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no): κ = 0.40 in both', async () => {
    const table = [
      [20, 5],
      [10, 15],
    ];
    const { a, b } = ratingsOf(table);
    const ours = kappaFromTable(table).kappa;
    expect(ours).toBeCloseTo(0.4, 12);
    expect(await psppKappa(a, b)).toBe(0.4);
  });

  it('a hand-computed theme of the coding test (both 3, only A 1, only B 1, neither 5): κ = 0.58', async () => {
    // pₒ = 8/10; A yes 4/10, B yes 4/10; pₑ = 0.16 + 0.36 = 0.52; κ = 0.28 / 0.48 = 0.5833…
    const table = [
      [3, 1],
      [1, 5],
    ];
    const { a, b } = ratingsOf(table);
    const ours = kappaFromTable(table).kappa ?? NaN;
    expect(ours).toBeCloseTo(7 / 12, 12);
    expect(Math.abs(ours - (await psppKappa(a, b)))).toBeLessThanOrEqual(0.005);
  });

  it.each([2, 3, 4])(
    'a larger deterministic example: 300 answers in %i categories, coders agreeing 70%% of the time',
    async (k) => {
      const random = createRandom(1300 + k);
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < 300; i += 1) {
        const first = 1 + Math.floor(random() * k);
        a.push(first);
        b.push(random() < 0.7 ? first : 1 + Math.floor(random() * k));
      }
      const ours = cohensKappa(a, b).kappa ?? NaN;
      const theirs = await psppKappa(a, b);
      expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(0.005);
    },
  );
});
