/**
 * The operations of the JSON API. Each one calls the same service as the web page that does the
 * same thing, so the API, the web app and the CLI always give the same answer.
 */
import { ACCOUNT_OPERATIONS } from './operations/accounts.server.ts';
import { CROSSTAB_OPERATIONS } from './operations/crosstab.server.ts';
import { EXPORT_OPERATIONS } from './operations/exports.server.ts';
import { IMPORT_OPERATIONS } from './operations/imports.server.ts';
import { INSTRUMENT_OPERATIONS } from './operations/instruments.server.ts';
import { PUBLICATION_OPERATIONS } from './operations/publication.server.ts';
import { QUESTIONNAIRE_OPERATIONS } from './operations/questionnaires.server.ts';
import { REPORT_OPERATIONS } from './operations/reports.server.ts';
import { ROUND_OPERATIONS } from './operations/rounds.server.ts';
// Issue 11 (helper D): trends.
import { TREND_OPERATIONS } from './operations/trends.server.ts';
// Issue 12 (helper A): advice talks.
import { TALK_OPERATIONS } from './operations/talks.server.ts';
// Issue 12 (helper B): following up actions, the invitation to a talk.
import { ACTION_OPERATIONS } from './operations/actions.server.ts';
// Issue 12 (helper D): the national view of the advice talks.
import { TALK_STATISTICS_OPERATIONS } from './operations/talk-statistics.server.ts';
// Issue 12 (helper C): the Wmo plans and the 75% target.
import { WMO_PLAN_OPERATIONS } from './operations/wmo-plans.server.ts';
// Issue 13 (helper B): codebooks, coding, agreement and settling of open answers.
import { OPEN_ANSWER_CODING_OPERATIONS } from './operations/open-answer-coding.server.ts';
// Issue 13 (helper C): the coded open answers.
import { OPEN_ANSWER_EXPORT_OPERATIONS } from './operations/open-answer-exports.server.ts';
// Issue 13 (helper A): reading the open answers, quotes.
import { OPEN_ANSWER_OPERATIONS } from './operations/open-answers.server.ts';
import type { ApiOperation } from './types.server.ts';

export const OPERATIONS: readonly ApiOperation[] = [
  ...ACCOUNT_OPERATIONS,
  ...ROUND_OPERATIONS,
  ...IMPORT_OPERATIONS,
  ...QUESTIONNAIRE_OPERATIONS,
  ...REPORT_OPERATIONS,
  ...CROSSTAB_OPERATIONS,
  ...EXPORT_OPERATIONS,
  ...PUBLICATION_OPERATIONS,
  ...INSTRUMENT_OPERATIONS,
  ...TREND_OPERATIONS,
  ...TALK_OPERATIONS,
  ...ACTION_OPERATIONS,
  ...TALK_STATISTICS_OPERATIONS,
  ...WMO_PLAN_OPERATIONS,
  ...OPEN_ANSWER_CODING_OPERATIONS,
  ...OPEN_ANSWER_EXPORT_OPERATIONS,
  ...OPEN_ANSWER_OPERATIONS,
];
