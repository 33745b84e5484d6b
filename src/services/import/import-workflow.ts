/**
 * Imports follow the workflow like editors do: answers of a closed round or of a submitted
 * questionnaire are final, so an import that would change them is refused unless the
 * coordinator overrides it with a reason. Every change an import makes is recorded in the
 * audit trail as an import (file, who, how many rows), and the importer becomes the answers'
 * last editor.
 */
import type { Executor, Transaction } from '../../db/client.ts';
import { markAnswersUpdatedBy } from '../../db/repositories/import-repository.ts';
import { findUserByEmail } from '../../db/repositories/user-repository.ts';
import { toStaffUser } from '../auth-service.ts';
import { assertCan } from '../permissions.ts';
import { shortenValue } from './import-limits.ts';
import { recordAuditEvents, type AuditInput } from '../audit-service.ts';
import { ConflictError, UserInputError } from '../errors.ts';
import { findWorkflowBlocks, type ImportPlan, type WorkflowBlock } from './import-plan.ts';

/** Who runs an import: a staff account, or the command line without one (id null). */
export interface ImportActor {
  readonly id: number | null;
  readonly name: string;
}

/**
 * The account that runs an import from the command line (`bfm import --by ADRES`): an
 * enabled account that may import.
 *
 * @throws {UserInputError} for an unknown or disabled account
 * @throws {ForbiddenError} for an account that may not import
 */
export async function resolveImportActor(executor: Executor, email: string): Promise<ImportActor> {
  const row = await findUserByEmail(executor, email.trim().toLowerCase());
  if (!row)
    throw new UserInputError(
      `Er is geen account met het e-mailadres '${shortenValue(email)}'. Geef bij --by het adres van een coördinator op.`,
    );
  if (row.disabledAt)
    throw new UserInputError(
      `Het account ${row.email} is uitgeschakeld. Geef bij --by het adres van een actieve coördinator op.`,
    );
  const user = await toStaffUser(executor, row);
  assertCan(user, 'round.import');
  return { id: user.id, name: user.name };
}

/** The audit action of an imported change. */
export const IMPORT_AUDIT_ACTION = 'answer.imported';

/** The longest reason for an override that is kept. */
export const MAX_REASON_LENGTH = 500;

/** Refused: the import would change answers the workflow has closed. */
export class ImportBlockedError extends ConflictError {
  readonly blocks: readonly WorkflowBlock[];
  constructor(blocks: readonly WorkflowBlock[]) {
    super(describeBlocks(blocks));
    this.name = 'ImportBlockedError';
    this.blocks = blocks;
  }
}

const SHOWN_QUESTIONNAIRES = 10;

/** In Dutch: which closed rounds and submitted questionnaires the import would change. */
export function describeBlocks(blocks: readonly WorkflowBlock[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.closed) parts.push(`meting ${block.roundId} is gesloten`);
    if (block.submitted.length > 0) {
      const names = block.submitted
        .slice(0, SHOWN_QUESTIONNAIRES)
        .map((key) => `GM${key.municipalityCode} ${key.questionnaire}`);
      const rest = block.submitted.length - names.length;
      parts.push(
        `in meting ${block.roundId} ${block.submitted.length === 1 ? 'is deze vragenlijst' : `zijn ${block.submitted.length} vragenlijsten`} al ingediend: ${names.join(', ')}${rest > 0 ? ` en nog ${rest}` : ''}`,
      );
    }
  }
  return (
    `De import wijzigt antwoorden die al vastliggen: ${parts.join('; ')}. Er is niets opgeslagen. ` +
    'Wilt u ze toch wijzigen, bevestig dat dan en geef een reden op (bij bfm import: --override --reason "…").'
  );
}

/**
 * Throws unless the plan changes nothing final, or the override gives a reason.
 *
 * @throws {UserInputError} for an override without a reason
 * @throws {ImportBlockedError} naming the closed rounds and submitted questionnaires
 */
export function assertWorkflowAllows(
  plan: ImportPlan,
  override: { readonly reason: string } | undefined,
): void {
  if (override) {
    const reason = override.reason.trim();
    if (reason === '')
      throw new UserInputError(
        'Geef een reden op waarom de import vastliggende antwoorden mag wijzigen.',
      );
    if (reason.length > MAX_REASON_LENGTH)
      throw new UserInputError(
        `De reden is ${reason.length} tekens lang; het maximum is ${MAX_REASON_LENGTH}. Kort haar in.`,
      );
    return;
  }
  const blocks = findWorkflowBlocks(plan);
  if (blocks.length > 0) throw new ImportBlockedError(blocks);
}

export interface ImportRecord {
  readonly actor: ImportActor;
  readonly fileName: string;
  readonly rows: number;
  readonly reason: string | null;
}

/**
 * Records every change of the plan in the audit trail as an import, and sets the importer as
 * the last editor of the changed answers and of their new revisions. Call it in the
 * transaction that wrote them, after the write.
 */
export async function recordImport(
  tx: Transaction,
  plan: ImportPlan,
  record: ImportRecord,
): Promise<void> {
  const events: Omit<AuditInput, 'actorId' | 'actorLabel' | 'action'>[] = [];
  const importInfo = {
    file: record.fileName,
    rows: record.rows,
    ...(record.reason ? { reason: record.reason.trim() } : {}),
  };
  for (const round of plan.rounds) {
    if (record.actor.id !== null)
      await markAnswersUpdatedBy(tx, round.roundId, round.changes, record.actor.id);
    for (const change of round.changes) {
      const note = change.before?.note ?? null;
      events.push({
        subject: `${change.questionnaire} vraag ${change.question}`,
        roundId: round.roundId,
        municipalityCode: change.municipalityCode,
        oldValue: change.before
          ? {
              points: change.before.points,
              options: change.before.options,
              text: change.before.text,
              note,
            }
          : null,
        newValue: {
          points: change.after?.points ?? null,
          options: change.after?.options ?? null,
          text: change.after?.text ?? null,
          note,
          import: importInfo,
        },
      });
    }
  }
  await recordAuditEvents(
    tx,
    { actorId: record.actor.id, actorLabel: record.actor.name, action: IMPORT_AUDIT_ACTION },
    events,
  );
}
