/**
 * The report's follow-up section (issue 12, decision 027): in a round that follows another,
 * per basisfunctie the actions agreed in the advice talks about the previous round, with their
 * status, and the change of the mark: "Afgesproken: respijtzorg via vrijwillige thuishulp
 * (gedaan). Cijfer van 3,3 naar 6,7."
 *
 * A merged or split municipality gets the talks of its predecessors too (the lineage of the
 * two registers), and its earlier mark is the combined one of the trend (decision 019). Reads
 * the talk tables directly (helper A's service records them).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { CombinationRule } from '../domain/combination.ts';
import { ACTION_STATUS_LABELS, type ActionStatus } from '../domain/improvement.ts';
import { describeAgreedActions, describeAgreement } from '../domain/talk-statistics.ts';
import type { Executor } from '../db/client.ts';
import { findRound } from '../db/repositories/round-repository.ts';
import { adviceActions, adviceTalks } from '../db/schema.ts';
import { formatIsoDateDutch } from './dutch-time.ts';
import { loadLineage } from './lineage-service.ts';
import { loadRound } from './round-service.ts';
import { listTalkBasisfuncties } from './talk-statistics-service.ts';
import { loadMunicipalityTrend } from './trend-service.ts';

export interface FollowUpAction {
  readonly id: number;
  readonly talkId: number;
  readonly description: string;
  readonly owner: string;
  readonly dueOn: string | null;
  /** '30-6-2011', or null without a target date. */
  readonly dueOnLabel: string | null;
  readonly status: ActionStatus;
  /** 'gepland', 'in uitvoering', 'gedaan', 'vervallen'. */
  readonly statusLabel: string;
  readonly statusReason: string | null;
}

export interface FollowUpRow {
  readonly questionnaire: string;
  readonly basisfunctie: string;
  readonly name: string;
  readonly actions: readonly FollowUpAction[];
  /** The (combined) mark in the previous round and the mark now; null without one. */
  readonly from: number | null;
  readonly to: number | null;
  /** "Afgesproken: … (gedaan). Cijfer van 3,3 naar 6,7." */
  readonly sentence: string;
}

export interface FollowUpSection {
  readonly previousRound: { readonly id: string; readonly name: string };
  /** The talks about the previous round, with the municipality (or predecessor) held with. */
  readonly talks: readonly {
    readonly id: number;
    readonly heldOn: string;
    /** '15-3-2010'. */
    readonly heldOnLabel: string;
    readonly municipalityCode: string;
    readonly municipalityName: string;
  }[];
  /** Per basisfunctie with agreed actions, in the order of the instrument. */
  readonly rows: readonly FollowUpRow[];
}

/**
 * The follow-up section of a municipality's report, or null when the round follows no round
 * or nobody had a talk about the previous round with the municipality or its predecessors.
 * The caller has checked that the user may read the municipality's talks.
 */
export async function loadFollowUpSection(
  executor: Executor,
  roundId: string,
  code: string,
  rule: CombinationRule | undefined,
): Promise<FollowUpSection | null> {
  const latest = await loadRound(executor, roundId);
  const previousId = latest.round.previousRoundId;
  if (!previousId || !(await findRound(executor, previousId))) return null;
  const previous = await loadRound(executor, previousId);
  const lineage = await loadLineage(executor, previous.round.registerId, latest.round.registerId);
  const codes = (lineage.predecessors.get(code) ?? []).map((p) => p.code);
  if (codes.length === 0) return null;
  const talks = await executor
    .select({
      id: adviceTalks.id,
      heldOn: adviceTalks.heldOn,
      municipalityCode: adviceTalks.municipalityCode,
    })
    .from(adviceTalks)
    .where(and(eq(adviceTalks.roundId, previousId), inArray(adviceTalks.municipalityCode, codes)))
    .orderBy(asc(adviceTalks.heldOn), asc(adviceTalks.id));
  if (talks.length === 0) return null;
  const actions = await executor
    .select({
      id: adviceActions.id,
      talkId: adviceActions.talkId,
      questionnaire: adviceActions.questionnaire,
      basisfunctie: adviceActions.basisfunctie,
      description: adviceActions.description,
      owner: adviceActions.owner,
      dueOn: adviceActions.dueOn,
      status: adviceActions.status,
      statusReason: adviceActions.statusReason,
    })
    .from(adviceActions)
    .where(
      inArray(
        adviceActions.talkId,
        talks.map((t) => t.id),
      ),
    )
    .orderBy(asc(adviceActions.talkId), asc(adviceActions.position), asc(adviceActions.id));

  const trend = await loadMunicipalityTrend(executor, roundId, code, { rule });
  const marks = new Map<string, { name: string; from: number | null; to: number | null }>(
    trend.basisfuncties.map((bf) => {
      const last = bf.points.length - 1;
      const before = last > 0 ? bf.points[last - 1] : undefined;
      return [
        `${bf.questionnaire}:${bf.basisfunctie}`,
        {
          name: bf.name,
          from: before?.measured ? before.mark : null,
          to: bf.points[last]?.mark ?? null,
        },
      ] as const;
    }),
  );
  // Rows in the order of the instrument the talks used, 'Visie en beleid' first; an action
  // about a basisfunctie the later version no longer has keeps its row, without marks.
  const order = listTalkBasisfuncties(previous.instrument);
  const known = new Set(order.map((b) => `${b.questionnaire}:${b.basisfunctie}`));
  const extra = [...new Set(actions.map((a) => `${a.questionnaire}:${a.basisfunctie}`))]
    .filter((k) => !known.has(k))
    .map((k) => {
      const [questionnaire = '', basisfunctie = ''] = k.split(':');
      return { questionnaire, basisfunctie, name: basisfunctie };
    });
  const rows: FollowUpRow[] = [];
  for (const bf of [...order, ...extra]) {
    const key = `${bf.questionnaire}:${bf.basisfunctie}`;
    const own = actions.filter((a) => `${a.questionnaire}:${a.basisfunctie}` === key);
    if (own.length === 0) continue;
    const mark = marks.get(key);
    const from = mark?.from ?? null;
    const to = mark?.to ?? null;
    rows.push({
      questionnaire: bf.questionnaire,
      basisfunctie: bf.basisfunctie,
      name: mark?.name ?? bf.name,
      actions: own.map((a) => ({
        id: a.id,
        talkId: a.talkId,
        description: a.description,
        owner: a.owner,
        dueOn: a.dueOn,
        dueOnLabel: a.dueOn ? formatIsoDateDutch(a.dueOn) : null,
        status: a.status,
        statusLabel: ACTION_STATUS_LABELS[a.status],
        statusReason: a.statusReason,
      })),
      from,
      to,
      // A basisfunctie without a mark in the trend (volunteer work's 'Visie en beleid', or one
      // the later version dropped) gets the agreement alone.
      sentence: mark ? describeAgreedActions(own, from, to) : describeAgreement(own),
    });
  }
  const names = new Map(previous.municipalities.map((m) => [m.code, m.name]));
  return {
    previousRound: { id: previous.round.id, name: previous.round.name },
    talks: talks.map((t) => ({
      id: t.id,
      heldOn: t.heldOn,
      heldOnLabel: formatIsoDateDutch(t.heldOn),
      municipalityCode: t.municipalityCode,
      municipalityName: names.get(t.municipalityCode) ?? t.municipalityCode,
    })),
    rows,
  };
}
