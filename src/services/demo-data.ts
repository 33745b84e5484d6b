/**
 * Synthetic answers for demonstrations and benchmarks. They are plausible (larger
 * municipalities tend to score higher, as in the 2009 report) but invented, and always
 * stored in a round marked synthetic.
 */
import type { Instrument } from '../domain/instrument.ts';
import { createRandom, type Random } from '../domain/random.ts';
import { classifySize, type Municipality } from '../domain/register.ts';
import type { AnswerValue } from '../db/repositories/answer-repository.ts';
import { storeAnswers } from './answer-store.ts';
import type { Database } from '../db/client.ts';
import { findRound } from '../db/repositories/round-repository.ts';
import { createRound, loadRound } from './round-service.ts';
import { removeRound } from './round-service.ts';
import { eq } from 'drizzle-orm';
import { buildFollowUpAnswers, planDemoFollowUp } from '../domain/demo-follow-up.ts';
import { readRoundAnswers } from '../db/repositories/round-answers-repository.ts';
import { rounds } from '../db/schema.ts';
import { loadLineage } from './lineage-service.ts';
import { REGISTER_2025 } from './reference-data.ts';
import { loadDemoImprovement } from './demo-improvement.ts';

import { DEMO_FOLLOW_UP_ROUND_ID, DEMO_ROUND_ID } from './demo-round-id.ts';
import { composeDemoOpenText } from './demo-open-texts.ts';
import { addDemoCodebooks, addDemoNotes } from './demo-open-answers.ts';

export { DEMO_FOLLOW_UP_ROUND_ID, DEMO_ROUND_ID };
export const DEMO_ROUND_NAME = 'Demonstratiemeting 2009 (synthetische gegevens)';
export const DEMO_FOLLOW_UP_ROUND_NAME = 'Demonstratiemeting 2026 (synthetische gegevens)';

const SIZE_STRENGTH: Record<string, number> = {
  'lt-20000': -0.12,
  '20000-50000': -0.04,
  '50000-100000': 0.06,
  '100000-250000': 0.12,
  'ge-250000': 0.18,
  onbekend: 0,
};

/** For an open question without sentences of its own (a later instrument version). */
const OPEN_ANSWER_FALLBACK = 'In de praktijk gebeurt meer dan er op papier staat.';

/**
 * The seeds of the texts and notes (issue 13), apart from the seed of the figures: texts are
 * drawn from generators of their own, so richer texts never move a figure of the demo.
 */
const TEXT_SEED_OFFSET = 13_013;
const NOTE_SEED_OFFSET = 13_031;
const CODING_SEED = 13_029;

function drawPoints(random: Random, strength: number): number {
  const u = random() + strength;
  if (u < 0.15) return 1;
  if (u < 0.6) return 2;
  return 3;
}

export interface DemoOptions {
  readonly seed?: number;
  /** Share of municipalities that take part (default 0.86, as in 2009). */
  readonly participation?: number;
}

/**
 * Generates a full synthetic round: for each participating municipality every item of both
 * questionnaires, including multiple-choice and open answers.
 */
export function generateSyntheticAnswers(
  instrument: Instrument,
  municipalities: readonly Municipality[],
  options: DemoOptions = {},
): AnswerValue[] {
  const random = createRandom(options.seed ?? 2009);
  const textRandom = createRandom((options.seed ?? 2009) + TEXT_SEED_OFFSET);
  const participation = options.participation ?? 0.86;
  const values: AnswerValue[] = [];
  for (const municipality of municipalities) {
    if (random() >= participation) continue;
    const base =
      (SIZE_STRENGTH[classifySize(municipality.population)] ?? 0) + (random() - 0.5) * 0.5;
    for (const questionnaire of instrument.questionnaires) {
      const strengthByBasisfunctie = new Map(
        questionnaire.basisfuncties.map((b) => [b.id, base + (random() - 0.5) * 0.6]),
      );
      for (const item of questionnaire.items) {
        const strength = strengthByBasisfunctie.get(item.basisfunctie ?? '') ?? base;
        const common = {
          municipalityCode: municipality.code,
          questionnaire: questionnaire.id,
          question: item.number,
        };
        if (item.kind === 'scale') {
          if (random() < 0.01) continue; // an occasional unanswered item
          values.push({
            ...common,
            points: drawPoints(random, strength),
            options: null,
            text: null,
          });
        } else if (item.kind === 'multiple') {
          const chosen = (item.options ?? [])
            .filter(() => random() < 0.45 + strength * 0.4)
            .map((option) => option.code);
          if (chosen.length > 0)
            values.push({ ...common, points: null, options: chosen, text: null });
        } else if (item.kind === 'single') {
          const choices = item.options ?? [];
          const index = Math.min(
            choices.length - 1,
            Math.max(0, Math.floor((random() + strength) * choices.length * 0.75)),
          );
          values.push({
            ...common,
            points: null,
            options: [(choices[index] as { code: string }).code],
            text: null,
          });
        } else if (random() < 0.3) {
          // This draw once chose among four fixed texts. It is kept, unused, so that every
          // later draw (and so every figure of the demo) stays what it was; the text now comes
          // from the texts' own generator.
          random();
          const text =
            composeDemoOpenText(textRandom, questionnaire.id, item.number) ?? OPEN_ANSWER_FALLBACK;
          values.push({ ...common, points: null, options: null, text });
        }
      }
    }
  }
  return values;
}

/**
 * Loads the synthetic demo round. With `replace`, an existing demo round is rebuilt;
 * without it, an existing one is kept.
 *
 * @returns whether the round was (re)built
 */
export async function loadDemoRound(
  db: Database,
  options: { replace?: boolean } = {},
): Promise<boolean> {
  if (await findRound(db, DEMO_ROUND_ID)) {
    if (!options.replace) return false;
    await removeRound(db, DEMO_ROUND_ID);
  }
  await db.transaction(async (tx) => {
    await createRound(tx, { id: DEMO_ROUND_ID, name: DEMO_ROUND_NAME, synthetic: true });
    const loaded = await loadRound(tx, DEMO_ROUND_ID);
    const values = generateSyntheticAnswers(loaded.instrument, loaded.municipalities);
    await storeAnswers(tx, loaded, values, []);
    await addDemoNotes(tx, loaded, 2009 + NOTE_SEED_OFFSET);
    await addDemoCodebooks(tx, DEMO_ROUND_ID, CODING_SEED);
  });
  return true;
}

/**
 * Loads the synthetic follow-up round `demo-2026` on the 2025 register, built from the demo
 * round `demo-2009` by the rules of src/domain/demo-follow-up.ts (decision 023): every 2025
 * municipality starts from its largest answering predecessor's 2009 answers, then the seeded
 * change plan (`planDemoFollowUp`) is applied. It follows `demo-2009` (previous round), so
 * its trends compare the two. The 2009 demo round is loaded first when it is missing.
 *
 * @returns whether the round was (re)built
 */
export async function loadDemoFollowUpRound(
  db: Database,
  options: { replace?: boolean } = {},
): Promise<boolean> {
  if (await findRound(db, DEMO_FOLLOW_UP_ROUND_ID)) {
    if (!options.replace) return false;
    await removeRound(db, DEMO_FOLLOW_UP_ROUND_ID);
  }
  await loadDemoRound(db);
  await db.transaction(async (tx) => {
    const earlier = await loadRound(tx, DEMO_ROUND_ID);
    await createRound(tx, {
      id: DEMO_FOLLOW_UP_ROUND_ID,
      name: DEMO_FOLLOW_UP_ROUND_NAME,
      synthetic: true,
      registerId: REGISTER_2025,
      // The same version as its source for now: answers are copied by question number.
      instrumentVersion: earlier.round.instrumentVersion,
    });
    await tx
      .update(rounds)
      .set({ previousRoundId: DEMO_ROUND_ID })
      .where(eq(rounds.id, DEMO_FOLLOW_UP_ROUND_ID));
    const later = await loadRound(tx, DEMO_FOLLOW_UP_ROUND_ID);
    const laterCodes = later.municipalities.map((municipality) => municipality.code);
    const lineage = await loadLineage(tx, earlier.round.registerId, later.round.registerId);
    const { answers } = buildFollowUpAnswers({
      instrument: later.instrument,
      laterCodes,
      predecessors: lineage.predecessors,
      populations: new Map(earlier.municipalities.map((m) => [m.code, m.population])),
      earlierAnswers: await readRoundAnswers(tx, DEMO_ROUND_ID),
      plan: planDemoFollowUp(later.instrument, laterCodes),
    });
    await storeAnswers(tx, later, answers, []);
    // The open answers come along with the copied answers; the notes are drawn anew.
    await addDemoNotes(tx, later, 2026 + NOTE_SEED_OFFSET);
  });
  return true;
}

/**
 * Loads both demo rounds (`bfm demo`, `bfm start`) with their advice talks and Wmo plans
 * (demo-improvement.ts). The follow-up is derived from the 2009 demo round, so rebuilding that
 * one rebuilds the follow-up too.
 *
 * @returns the ids of the rounds that were (re)built
 */
export async function loadDemoRounds(
  db: Database,
  options: { replace?: boolean } = {},
): Promise<string[]> {
  const built: string[] = [];
  if (await loadDemoRound(db, options)) built.push(DEMO_ROUND_ID);
  if (await loadDemoFollowUpRound(db, { replace: options.replace === true || built.length > 0 }))
    built.push(DEMO_FOLLOW_UP_ROUND_ID);
  // Issue 12: the advice talks and Wmo plans of the demo, added where missing (also to a demo
  // loaded before they existed), so they are not counted as a rebuilt round.
  await db.transaction((tx) => loadDemoImprovement(tx));
  return built;
}
