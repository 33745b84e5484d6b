/**
 * What an import would change, worked out before anything is written: per round, every answer
 * that would be added, changed or emptied, with the value stored now; which of them fall in a
 * closed round or a submitted questionnaire (the workflow says those are done); and a
 * fingerprint of the whole, so that a confirmation imports exactly what was previewed.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/client.ts';
import type { AnswerKey, ResponseKey } from '../../db/repositories/answer-repository.ts';
import {
  readStoredAnswers,
  readSubmittedResponses,
  type StoredAnswer,
} from '../../db/repositories/import-repository.ts';
import { findRound } from '../../db/repositories/round-repository.ts';
import type { RoundStatus } from '../round-service.ts';
import type { ValidationResult } from './validate-answer-rows.ts';

/** The value part of an answer: at most one of the three is set. */
export interface PlannedValue {
  readonly points: number | null;
  readonly options: readonly string[] | null;
  readonly text: string | null;
}

/** One answer the import would write. */
export interface PlannedChange extends AnswerKey {
  /** What is stored now (possibly an emptied row); null when there is no row. */
  readonly before: StoredAnswer | null;
  /** The imported value; null when the import empties the answer. */
  readonly after: PlannedValue | null;
}

export interface RoundPlan {
  readonly roundId: string;
  /** Whether the round exists already (the import creates it otherwise). */
  readonly exists: boolean;
  readonly status: RoundStatus | null;
  readonly changes: readonly PlannedChange[];
  /** Answers in the file that equal what is stored. */
  readonly unchanged: number;
  /** Submitted questionnaires the import would change. */
  readonly submitted: readonly ResponseKey[];
}

export interface ImportPlan {
  readonly rounds: readonly RoundPlan[];
  /** SHA-256 over every planned change and the revision it starts from. */
  readonly fingerprint: string;
}

function answerKey(key: AnswerKey): string {
  return `${key.municipalityCode}\u0000${key.questionnaire}\u0000${key.question}`;
}

/** Whether a stored or imported value holds an answer (points, options or text). */
export function hasValue(value: PlannedValue | null): boolean {
  return !!value && (value.points !== null || value.options !== null || value.text !== null);
}

function sameValue(stored: PlannedValue, imported: PlannedValue): boolean {
  return (
    stored.points === imported.points &&
    stored.text === imported.text &&
    JSON.stringify(stored.options) === JSON.stringify(imported.options)
  );
}

/**
 * Works out what importing the validated rows would change, reading the database as it is
 * now (in the caller's transaction when there is one).
 */
export async function planImport(
  executor: Executor,
  validation: Pick<ValidationResult, 'rounds'>,
): Promise<ImportPlan> {
  const rounds: RoundPlan[] = [];
  for (const validated of validation.rounds) {
    const round = await findRound(executor, validated.roundId);
    const keys: AnswerKey[] = [...validated.values, ...validated.clears].map(
      ({ municipalityCode, questionnaire, question }) => ({
        municipalityCode,
        questionnaire,
        question,
      }),
    );
    const stored = new Map(
      (round ? await readStoredAnswers(executor, validated.roundId, keys) : []).map((answer) => [
        answerKey(answer),
        answer,
      ]),
    );
    const changes: PlannedChange[] = [];
    let unchanged = 0;
    for (const value of validated.values) {
      const before = stored.get(answerKey(value)) ?? null;
      const after: PlannedValue = {
        points: value.points,
        options: value.options,
        text: value.text,
      };
      if (before && sameValue(before, after)) unchanged += 1;
      else changes.push({ ...keyOf(value), before, after });
    }
    for (const clear of validated.clears) {
      const before = stored.get(answerKey(clear)) ?? null;
      if (before && hasValue(before)) changes.push({ ...keyOf(clear), before, after: null });
    }
    const touched = new Map<string, ResponseKey>();
    for (const change of changes)
      touched.set(`${change.municipalityCode}\u0000${change.questionnaire}`, {
        municipalityCode: change.municipalityCode,
        questionnaire: change.questionnaire,
      });
    const submitted = round
      ? await readSubmittedResponses(executor, validated.roundId, [...touched.values()])
      : [];
    rounds.push({
      roundId: validated.roundId,
      exists: !!round,
      status: round?.status ?? null,
      changes,
      unchanged,
      submitted,
    });
  }
  return { rounds, fingerprint: fingerprintOf(rounds) };
}

function keyOf(key: AnswerKey): AnswerKey {
  return {
    municipalityCode: key.municipalityCode,
    questionnaire: key.questionnaire,
    question: key.question,
  };
}

function fingerprintOf(rounds: readonly RoundPlan[]): string {
  const hash = createHash('sha256');
  for (const round of rounds) {
    hash.update(JSON.stringify([round.roundId, round.exists, round.status]));
    for (const change of round.changes) {
      hash.update(
        JSON.stringify([
          change.municipalityCode,
          change.questionnaire,
          change.question,
          change.before?.revision ?? 0,
          change.after,
        ]),
      );
    }
  }
  return hash.digest('hex');
}

/** A round whose answers the workflow considers final: closed, or with submitted questionnaires. */
export interface WorkflowBlock {
  readonly roundId: string;
  /** The round is closed and the import changes its answers. */
  readonly closed: boolean;
  readonly submitted: readonly ResponseKey[];
}

/** The rounds in which the plan changes answers the workflow has closed. */
export function findWorkflowBlocks(plan: ImportPlan): WorkflowBlock[] {
  return plan.rounds
    .filter((round) => round.changes.length > 0)
    .map((round) => ({
      roundId: round.roundId,
      closed: round.exists && round.status === 'closed',
      submitted: round.submitted,
    }))
    .filter((block) => block.closed || block.submitted.length > 0);
}
