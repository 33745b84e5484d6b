/**
 * The schemas and helpers the API operations share: zod schemas of request bodies (which
 * validate) and of answers (which document), path parameters, and the JSON shapes of accounts,
 * rounds and answers.
 */
import { z } from 'zod';
import { ROLES, type StaffUser } from '../../../src/services/auth-service.ts';
import { REASONS, RESPONSE_CATEGORIES } from '../../../src/services/participation-service.ts';
import type { AnswerView, QuestionnaireKey } from '../../../src/services/questionnaire-service.ts';
import type { ApiContext, ApiResult } from './types.server.ts';

// ---------------------------------------------------------------------------------------------
// Schemas of the answers, for the OpenAPI document.

export const ErrorSchema = z.object({
  message: z.string().describe('What went wrong, in Dutch.'),
  errors: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe('Per field: a dotted path into the request body, and what to fix.'),
});

export const STATUSES = ['not-started', 'in-progress', 'submitted'] as const;

export const AccountSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  municipalityCode: z.string().nullable(),
  provinces: z.array(z.string()),
});

export const RoundSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['concept', 'open', 'closed']),
  instrumentVersion: z.string(),
  registerId: z.string(),
  synthetic: z.boolean(),
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
  previousRoundId: z
    .string()
    .nullable()
    .describe('The round this one follows (issue 11): the source of prefill.'),
  prefill: z
    .boolean()
    .describe("Whether questionnaires start from the previous round's answers when it opens."),
});

export const RoundOverviewSchema = RoundSchema.extend({
  total: z.number().int().describe('Municipalities the caller may see.'),
  responseBase: z
    .number()
    .int()
    .describe(
      "What response percentages are counted over: when the round has invitations, every municipality but those in category 'not-invited'; otherwise `total`.",
    ),
  counts: z
    .record(z.string(), z.record(z.enum(STATUSES), z.number().int()))
    .describe('Per questionnaire: municipalities per status.'),
  categories: z
    .record(z.enum(RESPONSE_CATEGORIES), z.number().int())
    .describe(
      "Municipalities per category. 'invited': invited, no invitation used yet, not started; 'not-invited': the round invites municipalities but not this one, and it has not started. Both only occur in rounds with invitations.",
    ),
  reasons: z.record(z.enum(REASONS), z.number().int()),
  municipalities: z
    .array(
      z.object({
        code: z.string(),
        name: z.string(),
        provinceCode: z.string(),
        statuses: z.record(z.string(), z.enum(STATUSES)),
        category: z.enum(RESPONSE_CATEGORIES),
        participation: z
          .object({
            status: z.enum(['later', 'declined']),
            reason: z.enum(REASONS),
            reasonText: z.string().nullable(),
          })
          .nullable(),
      }),
    )
    .describe('Empty for analysts: they see counts only.'),
});

export const AnswerSchema = z.object({
  points: z.number().int().nullable(),
  options: z.array(z.string()),
  text: z.string(),
  note: z.string(),
  revision: z.number().int().describe('Send this back as baseRevision when saving.'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  prefilledFrom: z
    .string()
    .nullable()
    .describe("The round this answer was prefilled from ('vorige meting'); null when given here."),
  pending: z
    .boolean()
    .describe(
      'Prefilled and not yet confirmed: it does not count as given until you confirm it (`confirm: true`) or change it.',
    ),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
});

export const QuestionnaireSchema = z.object({
  roundId: z.string(),
  municipalityCode: z.string(),
  municipality: z.string(),
  questionnaire: z.string(),
  name: z.string(),
  status: z.enum(STATUSES),
  submittedAt: z.string().nullable(),
  editable: z.boolean(),
  progress: z.array(
    z.object({ id: z.string(), name: z.string(), answered: z.number(), total: z.number() }),
  ),
  items: z.array(
    z.object({
      question: z.number().int(),
      kind: z.enum(['scale', 'multiple', 'single', 'open']),
      basisfunctie: z.string().nullable(),
      text: z.string(),
      options: z.array(z.object({ code: z.string(), label: z.string() })).optional(),
      answer: AnswerSchema.nullable(),
    }),
  ),
});

export const SaveResultSchema = z.object({
  saved: z.number().int(),
  answers: z
    .array(z.object({ question: z.number().int(), answer: AnswerSchema }))
    .describe(
      'What is stored now for each answer sent that had no conflict, with its new revision: the baseRevision for your next save.',
    ),
  conflicts: z.array(
    z.object({
      question: z.number().int(),
      parts: z
        .array(z.enum(['points', 'options', 'text', 'note']))
        .describe('The parts both you and someone else changed since your baseRevision.'),
      theirs: AnswerSchema.describe('What someone else saved since your baseRevision.'),
    }),
  ),
});

export const OverviewSchema = z.object({
  submitted: z.boolean(),
  basisfuncties: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mark: z.number().nullable(),
      band: z.string().nullable(),
      goed: z.boolean(),
    }),
  ),
  itemsByBand: z.record(z.string(), z.array(z.object({ number: z.number(), text: z.string() }))),
});

export const AuditSchema = z.object({
  municipality: z.string(),
  events: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      subject: z.string(),
      oldValue: z.unknown().describe('The stored old value, as the service wrote it.'),
      newValue: z.unknown().describe('The stored new value, as the service wrote it.'),
      kind: z.string().describe('The kind of change in Dutch, e.g. "Antwoord", "Deelname".'),
      description: z
        .string()
        .describe(
          'What changed, in Dutch, e.g. "Mantelzorg · Informatie · vraag 17: Zorgt de gemeente …".',
        ),
      questionnaire: z
        .string()
        .nullable()
        .describe('The questionnaire the change is about, if any.'),
      question: z.number().int().nullable().describe('The question number, if any.'),
      oldText: z
        .string()
        .describe(
          'The old value as the logboek shows it ("Ja, goed voor elkaar", "Toelichting: …", "–"); parts on separate lines.',
        ),
      newText: z.string().describe('The new value as the logboek shows it.'),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Request bodies. Services validate again: the API checks only so that it can say which field.

/** Issue 11 (decision 021): the round a round follows, and whether it is prefilled from it. */
export const RoundPrefillBodySchema = z.object({
  previousRoundId: z
    .string({ error: 'Geef de vorige meting als tekst, of null.' })
    .nullable()
    .describe('The round this one follows; null for none.'),
  prefill: z
    .boolean({ error: 'Geef bij prefill true of false.' })
    .describe("Start each questionnaire from the previous round's answers when the round opens."),
});

export const RoundStatusBodySchema = z.object({
  status: z.enum(['open', 'closed'], { error: "Kies 'open' of 'closed'." }),
});

export const InvitationsBodySchema = z.object({
  contacts: z
    .array(
      z.object({
        municipalityCode: z.string({ error: 'Vul de CBS-code van de gemeente in.' }),
        email: z.string({ error: 'Vul het e-mailadres in.' }),
      }),
      { error: 'Geef een lijst van gemeenten met e-mailadres.' },
    )
    .min(1, 'Geef minstens één gemeente met e-mailadres.')
    .max(2000, 'Hoogstens 2000 uitnodigingen per verzoek.'),
});

export const SaveAnswersBodySchema = z.object({
  answers: z
    .array(
      z.object({
        question: z.number({ error: 'Geef het vraagnummer.' }).int().positive(),
        value: z
          .union([z.number(), z.string(), z.array(z.string()), z.null()], {
            error:
              'Geef het antwoord: 1, 2 of 3 bij een driepuntsvraag, een lijst optiecodes bij meerkeuze, tekst bij een open vraag, of null.',
          })
          .optional()
          .describe(
            'Points 1–3, an option code or a list of codes, text, or null to clear. Leave it out to keep the stored value.',
          ),
        note: z
          .string({ error: 'Een toelichting is tekst.' })
          .optional()
          .describe(
            'The note (toelichting); empty to clear. Leave it out to keep the stored note.',
          ),
        baseRevision: z
          .number({ error: 'Geef de revisie die u las (0 voor een onbeantwoorde vraag).' })
          .int()
          .min(0),
        confirm: z
          .boolean({ error: 'Geef bij confirm true of false.' })
          .optional()
          .describe(
            "Confirm a prefilled answer ('vorige meting') as you read it at baseRevision. Changing the value confirms it too.",
          ),
      }),
      { error: 'Geef de antwoorden als lijst.' },
    )
    .min(1, 'Geef minstens één antwoord.')
    .max(500, 'Hoogstens 500 antwoorden per verzoek.'),
});

// ---------------------------------------------------------------------------------------------

export const ROUND = { roundId: { description: 'The round, e.g. 2026.' } };
export const MUNICIPALITY = {
  ...ROUND,
  code: { description: 'CBS code of the municipality (4 digits).', pattern: '^\\d{4}$' },
};
export const QUESTIONNAIRE = {
  ...MUNICIPALITY,
  questionnaire: { description: "'vrijwilligerswerk' or 'mantelzorg'." },
};

export const ok = (body: unknown, status = 200): ApiResult => ({ status, body });
export const user = (api: ApiContext<StaffUser | null>): StaffUser => api.user as StaffUser;
export const keyOf = (api: ApiContext<StaffUser | null>): QuestionnaireKey => ({
  roundId: api.params.roundId ?? '',
  municipalityCode: api.params.code ?? '',
  questionnaire: api.params.questionnaire ?? '',
});

export function describeAnswer(answer: AnswerView | undefined) {
  if (!answer) return null;
  return {
    points: answer.points,
    options: [...answer.options],
    text: answer.text,
    note: answer.note,
    revision: answer.revision,
    updatedAt: answer.updatedAt,
    updatedBy: answer.updatedBy,
    prefilledFrom: answer.prefilledFrom,
    pending: answer.pending,
    confirmedAt: answer.confirmedAt,
    confirmedBy: answer.confirmedBy,
  };
}

export const invalid = { description: 'Invalid input, with field errors.', schema: ErrorSchema };

/** An account as the API shows it. */
export function toAccountJson(a: {
  id: number;
  email: string;
  name: string;
  role: StaffUser['role'];
  municipalityCode: string | null;
  provinces: readonly string[];
}) {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    municipalityCode: a.municipalityCode,
    provinces: [...a.provinces],
  };
}

/** A round as the API shows it. */
export function toRoundJson(r: {
  id: string;
  name: string;
  status: string;
  instrumentVersion: string;
  registerId: string;
  synthetic: boolean;
  opensOn: string | null;
  closesOn: string | null;
  previousRoundId?: string | null;
  prefill?: boolean;
}) {
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    instrumentVersion: r.instrumentVersion,
    registerId: r.registerId,
    synthetic: r.synthetic,
    opensOn: r.opensOn,
    closesOn: r.closesOn,
    previousRoundId: r.previousRoundId ?? null,
    prefill: r.prefill ?? false,
  };
}
