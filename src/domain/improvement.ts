/**
 * The improvement loop (issue 12): advice talks with agreed actions per basisfunctie, and
 * whether a municipality's Wmo policy plan includes the basisfuncties. Pure vocabulary and
 * rules shared by the services, the pages, the API and the CLI.
 */

/** The status of an agreed action. */
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  planned: 'gepland',
  in_progress: 'in uitvoering',
  done: 'gedaan',
  dropped: 'vervallen',
};

/** Whether a Wmo plan includes the basisfuncties: 'ja', 'gedeeltelijk' or 'nee'. */
export const WMO_PLAN_INCLUSIONS = ['ja', 'gedeeltelijk', 'nee'] as const;
export type WmoPlanInclusion = (typeof WMO_PLAN_INCLUSIONS)[number];

export const WMO_PLAN_INCLUSION_LABELS: Record<WmoPlanInclusion, string> = {
  ja: 'Ja, opgenomen',
  gedeeltelijk: 'Gedeeltelijk',
  nee: 'Nee',
};

/** The target of the letter to parliament: from 2012, 75% of the Wmo plans include them. */
export const DEFAULT_WMO_PLAN_TARGET = 75;

/**
 * The pseudo-basisfunctie for talk topics and actions about vision and policy as a whole
 * ('Visie en beleid', the general questions of each questionnaire).
 */
export const VISION_AND_POLICY = 'visie-en-beleid';

/**
 * Whether an action is overdue on `today`: it has a target date before today and is neither
 * done nor dropped.
 *
 * @param dueOn ISO date (YYYY-MM-DD) or null
 * @param today ISO date (YYYY-MM-DD), the Dutch calendar day
 * @example
 * isActionOverdue({ status: 'planned', dueOn: '2026-11-01' }, '2026-11-26'); // true
 * isActionOverdue({ status: 'done', dueOn: '2026-11-01' }, '2026-11-26');    // false
 */
export function isActionOverdue(
  action: { readonly status: ActionStatus; readonly dueOn: string | null },
  today: string,
): boolean {
  if (action.dueOn === null) return false;
  if (action.status === 'done' || action.status === 'dropped') return false;
  return action.dueOn < today;
}
