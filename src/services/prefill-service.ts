/**
 * Prefilled follow-up ('vorige meting', issue 11): the round's setting (which round it follows,
 * and whether questionnaires start from its answers), and prefilling when the round opens.
 * See docs/decisions/021-prefilled-follow-up.md.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  computePrefill,
  mapPrefillItems,
  relateInstruments,
  type PrefillValue,
} from '../domain/prefill.ts';
import type { Database, Executor, Transaction } from '../db/client.ts';
import { ensureResponses } from '../db/repositories/answer-repository.ts';
import {
  insertPrefilledAnswers,
  readGivenAnswers,
  type PrefillWrite,
} from '../db/repositories/prefill-repository.ts';
import { listMunicipalities } from '../db/repositories/register-repository.ts';
import { findRound, listRounds, type RoundRow } from '../db/repositories/round-repository.ts';
import { rounds } from '../db/schema.ts';
import { refreshResponseSummaries } from './answer-store.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { ConflictError, NotFoundError, UserInputError } from './errors.ts';
import { getInstrument } from './instrument-service.ts';
import { loadLineage } from './lineage-service.ts';
import { assertCan } from './permissions.ts';
import { checkInput } from './validation.ts';

/** The prefill form on the round page (and the CLI): `vorige` is a round id or empty. */
export const PrefillSettingSchema = z.object({
  vorige: z
    .string()
    .trim()
    .max(100)
    .transform((value) => (value === '' ? null : value)),
  vooraf: z.preprocess((value) => value === 'ja' || value === true || value === 'on', z.boolean()),
});
export type PrefillSetting = z.infer<typeof PrefillSettingSchema>;

/** A round this one may follow: another round whose register has a lineage to this one's. */
export interface PreviousRoundChoice {
  readonly id: string;
  readonly name: string;
  readonly registerId: string;
  /** Whether its answers can be carried over (the same or a directly derived instrument). */
  readonly canPrefill: boolean;
}

async function hasLineage(executor: Executor, from: string, to: string): Promise<boolean> {
  try {
    await loadLineage(executor, from, to);
    return true;
  } catch (error) {
    if (error instanceof UserInputError) return false;
    throw error;
  }
}

async function canCarryOver(executor: Executor, round: RoundRow, previous: RoundRow) {
  const [later, earlier] = await Promise.all([
    getInstrument(executor, round.instrumentVersion),
    getInstrument(executor, previous.instrumentVersion),
  ]);
  return relateInstruments(later, earlier) !== null;
}

/** The rounds a round may follow, oldest first. */
export async function listPreviousRoundChoices(
  executor: Executor,
  round: RoundRow,
): Promise<PreviousRoundChoice[]> {
  const choices: PreviousRoundChoice[] = [];
  for (const other of await listRounds(executor)) {
    if (other.id === round.id || other.synthetic !== round.synthetic) continue;
    if (!(await hasLineage(executor, other.registerId, round.registerId))) continue;
    choices.push({
      id: other.id,
      name: other.name,
      registerId: other.registerId,
      canPrefill: await canCarryOver(executor, round, other),
    });
  }
  return choices;
}

/** Who changes the setting: an account (checked against the permission table) or `bfm`. */
export type PrefillActor = StaffUser | { readonly kind: 'cli'; readonly label: string };

/**
 * Sets the round a round follows and whether it is prefilled from it (coordinator). Prefill is
 * set while the round is in preparation; the round it follows (the baseline of its trends) may
 * also be set later, e.g. for an imported round, as long as nothing was prefilled from another
 * round. Audited.
 *
 * @throws {NotFoundError} for an unknown round
 * @throws {ConflictError} when prefill is changed after the round left preparation, or the
 *   previous round of a prefilled round is changed then
 * @throws {UserInputError} for an unknown previous round, one without lineage, prefill without
 *   a previous round, or instruments whose answers cannot be carried over
 */
export async function setRoundPrefill(
  db: Database,
  actor: PrefillActor,
  roundId: string,
  input: unknown,
): Promise<RoundRow> {
  const by =
    'kind' in actor ? { id: null, label: actor.label } : { id: actor.id, label: actor.name };
  if (!('kind' in actor)) assertCan(actor, 'round.prefill');
  const checked = checkInput(PrefillSettingSchema, input);
  if (!checked.ok) throw new UserInputError(checked.issues.map((issue) => issue.message).join(' '));
  const setting = checked.value;
  const round = await findRound(db, roundId);
  if (!round) throw new NotFoundError(`De meting '${roundId}' bestaat niet.`);
  if (round.status !== 'concept' && (round.prefill || setting.vooraf))
    throw new ConflictError(
      round.prefill
        ? 'Deze meting is bij het openen vooraf ingevuld met de vorige meting; die kan daarom niet meer worden gewijzigd.'
        : 'Vooraf invullen kan alleen worden ingesteld zolang de meting in voorbereiding is. De vorige meting zelf kunt u wel kiezen, zonder vooraf invullen.',
    );
  const previousId = setting.vorige;
  if (previousId === null && setting.vooraf)
    throw new UserInputError('Kies de vorige meting om de vragenlijsten mee vooraf in te vullen.');
  if (previousId !== null) {
    const previous = await findRound(db, previousId);
    if (!previous || previous.id === round.id)
      throw new UserInputError(`Kies als vorige meting een andere, bestaande meting.`);
    // Synthetic (demo) rounds are never mixed with real ones, also not as each other's baseline.
    if (previous.synthetic !== round.synthetic)
      throw new UserInputError(
        `De meting '${previous.id}' is ${previous.synthetic ? 'een synthetische demonstratiemeting' : 'een echte meting'} en kan daarom niet de vorige meting van deze meting zijn.`,
      );
    if (!(await hasLineage(db, previous.registerId, round.registerId)))
      throw new UserInputError(
        `De meting '${previous.id}' (register ${previous.registerId}) kan niet aan deze meting (register ${round.registerId}) worden gekoppeld: er is geen opvolgingstabel tussen die registers.`,
      );
    if (setting.vooraf && !(await canCarryOver(db, round, previous)))
      throw new UserInputError(
        `De vragenlijsten van deze meting (versie ${round.instrumentVersion}) zijn niet afgeleid van die van '${previous.id}' (versie ${previous.instrumentVersion}), dus de antwoorden kunnen niet worden overgenomen. Kies een andere vorige meting of zet vooraf invullen uit.`,
      );
  }
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(rounds)
      .set({ previousRoundId: previousId, prefill: setting.vooraf })
      .where(eq(rounds.id, roundId))
      .returning();
    await recordAudit(tx, {
      actorId: by.id,
      actorLabel: by.label,
      action: 'round.prefill',
      roundId,
      subject: `meting ${roundId}: vorige meting`,
      oldValue: { previousRoundId: round.previousRoundId, prefill: round.prefill },
      newValue: { previousRoundId: previousId, prefill: setting.vooraf },
    });
    return updated as RoundRow;
  });
}

export interface PrefillResult {
  /** Answers written. */
  readonly answers: number;
  /** Questionnaires (municipality × questionnaire) that got at least one answer. */
  readonly questionnaires: number;
}

/**
 * Prefills the questionnaires of a round that opens from its previous round, in the caller's
 * transaction (all or nothing with the opening). Per municipality of the round's register:
 * its predecessors in the previous round's register (loadLineage); per questionnaire they gave,
 * each mapped item they all answered alike (src/domain/prefill.ts). Existing answers are never
 * overwritten. Each prefilled questionnaire gets one audit event listing its questions
 * (written with the answers, insertPrefilledAnswers).
 */
export async function prefillRound(
  tx: Transaction,
  actor: StaffUser,
  round: RoundRow,
): Promise<PrefillResult> {
  const none = { answers: 0, questionnaires: 0 };
  if (!round.prefill || round.previousRoundId === null) return none;
  const previous = await findRound(tx, round.previousRoundId);
  if (!previous) return none;
  const [later, earlier] = await Promise.all([
    getInstrument(tx, round.instrumentVersion),
    getInstrument(tx, previous.instrumentVersion),
  ]);
  const relation = relateInstruments(later, earlier);
  if (relation === null) return none;
  const lineage = await loadLineage(tx, previous.registerId, round.registerId);
  const municipalities = await listMunicipalities(tx, round.registerId);

  // Earlier answers per municipality and questionnaire: only questionnaires actually given.
  const given = new Map<string, Map<number, PrefillValue>>();
  for (const answer of await readGivenAnswers(tx, previous.id)) {
    const key = `${answer.municipalityCode}\u0000${answer.questionnaire}`;
    let answers = given.get(key);
    if (!answers) given.set(key, (answers = new Map()));
    answers.set(answer.question, answer);
  }

  const writes: PrefillWrite[] = [];
  for (const questionnaire of later.questionnaires) {
    const itemMap = mapPrefillItems(
      questionnaire,
      earlier.questionnaires.find((q) => q.id === questionnaire.id),
      relation,
    );
    if (itemMap.size === 0) continue;
    for (const municipality of municipalities) {
      const predecessors = lineage.predecessors.get(municipality.code) ?? [];
      if (predecessors.length === 0) continue;
      // A predecessor that did not give the questionnaire answered none of its items, so with
      // several predecessors nothing is prefilled then (every one must have answered).
      const answers = predecessors.map(
        (p) => given.get(`${p.code}\u0000${questionnaire.id}`) ?? new Map<number, PrefillValue>(),
      );
      if (answers.every((a) => a.size === 0)) continue;
      for (const [question, value] of computePrefill(questionnaire, itemMap, answers))
        writes.push({
          municipalityCode: municipality.code,
          questionnaire: questionnaire.id,
          question,
          ...value,
        });
    }
  }
  if (writes.length === 0) return none;

  const keys = new Map<string, { municipalityCode: string; questionnaire: string }>();
  for (const w of writes)
    keys.set(`${w.municipalityCode}\u0000${w.questionnaire}`, {
      municipalityCode: w.municipalityCode,
      questionnaire: w.questionnaire,
    });
  await ensureResponses(tx, round.id, [...keys.values()]);
  const written = await insertPrefilledAnswers(tx, round.id, previous.id, writes, {
    id: actor.id,
    label: actor.name,
  });
  // New response rows get their summaries; prefilled answers count only once confirmed.
  await refreshResponseSummaries(tx, { round, instrument: later }, [...keys.values()]);
  return written;
}
