/**
 * Every form a page posts, per route module, with what it needs: a permission of the table in
 * src/services/permissions.ts, a signed-in session, or nothing (public forms such as logging
 * in). Actions read the posted intent through `readIntent`, so an intent that is not listed
 * here is refused, and the authorization matrix (tests/e2e/authorization.test.ts) needs a
 * case for every entry.
 */
import { data } from 'react-router';
import type { Action } from '../../src/services/permissions.ts';

export type IntentRequirement = Action | 'signed-in' | 'public';

export const FORM_INTENTS = {
  'routes/login.tsx': { login: 'public' },
  'routes/logout.tsx': { logout: 'signed-in' },
  'routes/forgot-password.tsx': { request: 'public' },
  'routes/reset-password.tsx': { reset: 'public' },
  'routes/invitation.tsx': { accept: 'public' },
  'routes/accounts.tsx': { create: 'accounts.manage' },
  'routes/account-provinces.tsx': { assign: 'accounts.manage' },
  'routes/account-access.tsx': { disable: 'accounts.manage', enable: 'accounts.manage' },
  'routes/api-tokens.tsx': { issue: 'apiTokens.manage', revoke: 'apiTokens.manage' },
  'routes/peer-set.tsx': { save: 'peerSets.manage' },
  'routes/peer-set-delete.tsx': { delete: 'peerSets.manage' },
  'routes/report-note.tsx': { save: 'notes.write' },
  'routes/rounds.tsx': { create: 'round.create' },
  // Opens a round in preparation; closing and reopening go through round-confirm.tsx.
  // Issue 11, helper C: the previous round and prefill ('vorige meting').
  'routes/round.tsx': { status: 'round.changeStatus', prefill: 'round.prefill' },
  'routes/round-confirm.tsx': {
    status: 'round.changeStatus',
    remind: 'round.remind',
    publish: 'round.publish',
    unpublish: 'round.publish',
  },
  'routes/round-invite.tsx': { invite: 'round.invite', 'invite-chosen': 'round.invite' },
  'routes/round-import.tsx': { upload: 'round.import', import: 'round.import' },
  'routes/municipality.tsx': {
    participation: 'participation.set',
    reopen: 'questionnaire.reopen',
  },
  'routes/report-runs.tsx': { start: 'report.bulkRun' },
  'routes/municipality-settings.tsx': { consent: 'consent.set' },
  // Instrument versions (issue 11, helper B): only the coordinator defines and edits them.
  'routes/instruments.tsx': { upload: 'instrument.edit' },
  'routes/instrument-new.tsx': { copy: 'instrument.edit' },
  'routes/instrument.tsx': { remove: 'instrument.edit' },
  'routes/instrument-item.tsx': { save: 'instrument.edit' },
  'routes/instrument-basisfunctie.tsx': { save: 'instrument.edit' },
  // Issue 12, helper A: recording and editing advice talks.
  'routes/talk-new.tsx': { save: 'talks.record' },
  'routes/talk-edit.tsx': { save: 'talks.record' },
  'routes/submit.tsx': { submit: 'questionnaire.submit' },
  'routes/section.tsx': { save: 'questionnaire.edit' },
  'routes/autosave.tsx': { save: 'questionnaire.edit' },
  // Issue 12 (helper B): an action's status and comments, the invitation, the weekly digest.
  'routes/action.tsx': { status: 'actions.update', comment: 'actions.update' },
  'routes/talk-invitation.tsx': { send: 'talks.record' },
  'routes/settings.tsx': { digest: 'digest.manage' },
  // Issue 12 (helper C): the Wmo plan, its confirmation, the target and the import.
  'routes/wmo-plan.tsx': { save: 'wmoPlan.edit', confirm: 'wmoPlan.confirm' },
  'routes/analysis-wmo-plans.tsx': { target: 'wmoPlan.setTarget' },
  'routes/wmo-plan-import.tsx': { import: 'wmoPlan.import' },
  // Issue 13, helper B: codebooks, coding and settling the open answers.
  'routes/open-answer-codebook.tsx': {
    create: 'openAnswers.code',
    add: 'openAnswers.code',
    update: 'openAnswers.code',
    move: 'openAnswers.code',
    remove: 'openAnswers.code',
  },
  'routes/open-answer-coding.tsx': { code: 'openAnswers.code' },
  'routes/open-answer-agreement.tsx': { settle: 'openAnswers.code' },
  // Issue 13 (helper A): marking an answer as a quote for the national report.
  'routes/open-answer-source.tsx': { quote: 'openAnswers.quote', unquote: 'openAnswers.quote' },
} as const satisfies Record<string, Record<string, IntentRequirement>>;

export type IntentRoute = keyof typeof FORM_INTENTS;
export type IntentOf<R extends IntentRoute> = keyof (typeof FORM_INTENTS)[R] & string;

/**
 * The intent of a posted form: its `intent` field, or the route's only intent when the form
 * has none.
 *
 * @throws {Response} 400 for an intent the route does not know
 */
export function readIntent<R extends IntentRoute>(form: FormData, route: R): IntentOf<R> {
  refuseNulBytes(form);
  const intents = Object.keys(FORM_INTENTS[route]) as IntentOf<R>[];
  const posted = form.get('intent');
  if (posted === null && intents.length === 1) return intents[0] as IntentOf<R>;
  const intent = intents.find((known) => known === posted);
  if (!intent)
    throw data(
      { message: 'Dit formulier kent deze handeling niet. Laad de pagina opnieuw.' },
      { status: 400 },
    );
  return intent;
}

/**
 * Refuses a form with a NUL byte in a field name or value: no form of the app needs one, and
 * PostgreSQL cannot store it in text, so it would end as a 500 deep in a save. Every action
 * reads its intent, so this covers every form.
 */
function refuseNulBytes(form: FormData): void {
  for (const [name, value] of form.entries()) {
    if (name.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000')))
      throw data(
        {
          message:
            'Het formulier bevat een ongeldig teken (een NUL-teken). Haal het weg, bijvoorbeeld door de tekst opnieuw te typen in plaats van te plakken, en verstuur het formulier opnieuw.',
        },
        { status: 400 },
      );
  }
}
