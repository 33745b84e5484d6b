/**
 * Advice talks and their actions for tests, written straight into the tables (issue 12,
 * helper B): the follow-up of actions, invitations and the digest are tested apart from the
 * recording of talks.
 */
import { randomUUID } from 'node:crypto';
import type { ActionStatus } from '../../src/domain/improvement.ts';
import type { Database } from '../../src/db/client.ts';
import { adviceActions, adviceTalks } from '../../src/db/schema.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';

export interface TestActionInput {
  readonly description?: string;
  readonly questionnaire?: string;
  readonly basisfunctie?: string;
  readonly owner?: string;
  readonly dueOn?: string | null;
  readonly status?: ActionStatus;
  readonly statusReason?: string | null;
  readonly activity?: string | null;
}

export interface TestTalkInput {
  readonly roundId: string;
  readonly municipalityCode: string;
  readonly by: StaffUser;
  readonly heldOn?: string;
  readonly startTime?: string | null;
  readonly durationMinutes?: number | null;
  readonly location?: string | null;
  readonly participants?: string;
  readonly actions?: readonly TestActionInput[];
}

export interface TestTalk {
  readonly id: number;
  readonly calendarUid: string;
  readonly actionIds: readonly number[];
}

/** A talk with its actions (default: one planned respijtzorg action due 1 December 2026). */
export async function createTalk(db: Database, input: TestTalkInput): Promise<TestTalk> {
  const calendarUid = `talk-${randomUUID()}@basisfunctiemonitor`;
  const [talk] = await db
    .insert(adviceTalks)
    .values({
      roundId: input.roundId,
      municipalityCode: input.municipalityCode,
      heldOn: input.heldOn ?? '2026-10-01',
      startTime: input.startTime === undefined ? '10:00' : input.startTime,
      durationMinutes: input.durationMinutes === undefined ? 90 : input.durationMinutes,
      location: input.location === undefined ? 'Stadhuis, zaal 2' : input.location,
      participants: input.participants ?? 'Anna (beleid), Ada (adviseur)',
      calendarUid,
      createdBy: input.by.id,
      createdByName: input.by.name,
      updatedBy: input.by.id,
      updatedByName: input.by.name,
    })
    .returning({ id: adviceTalks.id });
  const actions = input.actions ?? [{}];
  const actionIds: number[] = [];
  for (const [position, action] of actions.entries()) {
    const [row] = await db
      .insert(adviceActions)
      .values({
        talkId: talk!.id,
        questionnaire: action.questionnaire ?? 'mantelzorg',
        basisfunctie: action.basisfunctie ?? 'respijtzorg',
        description: action.description ?? 'Respijtzorg via vrijwillige thuishulp',
        activity: action.activity ?? null,
        owner: action.owner ?? 'Beleidsmedewerker Wmo',
        dueOn: action.dueOn === undefined ? '2026-12-01' : action.dueOn,
        status: action.status ?? 'planned',
        statusReason: action.statusReason ?? null,
        position,
        updatedBy: input.by.id,
        updatedByName: input.by.name,
      })
      .returning({ id: adviceActions.id });
    actionIds.push(row!.id);
  }
  return { id: talk!.id, calendarUid, actionIds };
}
