// Reference for the CLI benchmark (bench/cli.ts): a plain Node script that reads an answer file
// and computes the percentage 'goed voor elkaar' per basisfunctie, as `bfm analyse --json` does
// (docs/analysis.md). It checks nothing and stores nothing; it is the floor to compare with.
// Simplifications: one round per file, a comma-separated file, and quoted fields (open answers)
// that do not span lines. Usage: node bench/reference/percent-goed.mjs FILE > result.json
import { readFileSync } from 'node:fs';

const load = (name) =>
  JSON.parse(readFileSync(new URL(`../../src/instruments/2009/${name}.json`, import.meta.url)));
const questionnaires = [load('vrijwilligerswerk'), load('mantelzorg')];
const scale = new Map(); // 'questionnaire question' -> basisfunctie
for (const q of questionnaires)
  for (const item of q.items)
    if (item.kind === 'scale') scale.set(`${q.id} ${item.number}`, `${q.id} ${item.basisfunctie}`);
const items = new Map(); // 'questionnaire basisfunctie' -> number of items
for (const key of scale.values()) items.set(key, (items.get(key) ?? 0) + 1);

const sums = new Map(); // 'municipality questionnaire basisfunctie' -> [sum, answered]
const lines = readFileSync(process.argv[2], 'utf8').split('\n');
for (let i = 1; i < lines.length; i += 1) {
  if (lines[i].includes('"')) continue; // an open answer: not a 3-point item
  const [, municipality, questionnaire, question, answer] = lines[i].split(',');
  const basisfunctie = scale.get(`${questionnaire} ${question}`);
  if (!basisfunctie || !answer) continue;
  const key = `${municipality} ${basisfunctie}`;
  const totals = sums.get(key) ?? [0, 0];
  totals[0] += Number(answer);
  totals[1] += 1;
  sums.set(key, totals);
}
const counts = new Map(); // 'questionnaire basisfunctie' -> [scored, goed]
for (const [key, [sum, answered]] of sums) {
  const basisfunctie = key.slice(key.indexOf(' ') + 1);
  if (answered * 3 < items.get(basisfunctie) * 2) continue; // fewer than 2/3 answered: no mark
  const count = counts.get(basisfunctie) ?? [0, 0];
  count[0] += 1;
  if (5 * (sum - answered) >= 6 * answered) count[1] += 1; // mark 10(sum-n)/2n >= 6
  counts.set(basisfunctie, count);
}
const result = [...counts].map(([key, [scored, goed]]) => {
  const [questionnaire, basisfunctie] = key.split(' ');
  return {
    questionnaire,
    basisfunctie,
    respondents: scored,
    percentGoed: Math.round((1000 * goed) / scored) / 10,
  };
});
process.stdout.write(`${JSON.stringify(result)}\n`);
