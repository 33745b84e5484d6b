/** API operations on the municipality report: the data behind the report page and its PDF. */
import { z } from 'zod';
import { ACTION_STATUSES } from '../../../../src/domain/improvement.ts';
import { loadMunicipalityReport } from '../../../../src/services/report-service.ts';
import { ErrorSchema, MUNICIPALITY, ok, user } from '../schemas.server.ts';
import type { ApiOperation } from '../types.server.ts';
import { ReportWmoPlanSchema } from './wmo-plans.server.ts';

const ComparisonSchema = z.object({
  group: z.enum(['national', 'size', 'group', 'province', 'neighbours', 'peers']),
  label: z.string(),
  respondents: z.number().int(),
  percentGoed: z.number().nullable(),
  meanMark: z.number().nullable(),
  hidden: z.string().nullable().describe('Why the figure is left out (the small-group rule).'),
});

const LiftSchema = z
  .object({
    status: z.enum(['goed', 'insufficient', 'reachable', 'unreachable']),
    sentence: z.string(),
    changes: z.array(
      z.object({ question: z.number().int(), from: z.number().int(), to: z.number().int() }),
    ),
    markAfter: z.number().nullable(),
    needed: z.number().int().nullable(),
  })
  .describe(
    'What lifts the basisfunctie over the bar: the fewest answers that, moved to ‘Ja, goed voor elkaar’, make the mark 6 or more.',
  );

const OfferUseSchema = z.object({
  basisfunctie: z.string(),
  name: z.string(),
  offerQuestion: z.number().int(),
  useQuestion: z.number().int(),
  offer: z.number().int().nullable(),
  use: z.number().int().nullable(),
  verdict: z.enum(['offer-and-use', 'use-lags', 'no-offer', 'unanswered']),
  sentence: z.string(),
  national: z.object({
    respondents: z.number().int(),
    offerGoed: z.number().nullable(),
    useGoed: z.number().nullable(),
    useLags: z.number().nullable(),
  }),
  position: z
    .object({
      compared: z.number().int(),
      percentLower: z.number().nullable(),
      percentEqual: z.number().nullable(),
      percentHigher: z.number().nullable(),
    })
    .nullable(),
});

const BasisfunctieReportSchema = z.object({
  id: z.string(),
  name: z.string(),
  official: z.boolean(),
  mark: z.number().nullable().describe('One decimal; null when too few items were answered.'),
  band: z.object({ id: z.string(), label: z.string() }).nullable(),
  goed: z.boolean(),
  answered: z.number().int(),
  total: z.number().int(),
  sum: z.number().int(),
  items: z.array(
    z.object({
      question: z.number().int(),
      text: z.string(),
      points: z.number().int().nullable(),
      answer: z.string().nullable(),
      band: z.string().nullable(),
      note: z.string(),
      nationalPercentages: z.array(z.number().nullable()),
      nationalAnswered: z.number().int(),
    }),
  ),
  explanations: z.array(z.string()),
  lift: LiftSchema,
  comparisons: z.array(ComparisonSchema),
  nationalMarks: z.array(z.number()),
  note: z
    .object({
      text: z.string(),
      version: z.number().int(),
      updatedAt: z.string(),
      updatedBy: z.string().nullable(),
    })
    .nullable(),
});

const BandCountsSchema = z.object({
  goed: z.number(),
  weg: z.number(),
  aandacht: z.number(),
  geen: z.number(),
});

export const ReportSchema = z.object({
  round: z.object({ id: z.string(), name: z.string(), synthetic: z.boolean() }),
  municipality: z.object({
    code: z.string(),
    name: z.string(),
    provinceCode: z.string(),
    provinceName: z.string(),
    population: z.number().nullable(),
    sizeClass: z.string(),
    group: z.string(),
  }),
  smallGroups: z.boolean().describe('Whether figures of groups under minGroupSize are shown.'),
  minGroupSize: z.number().int(),
  neighbours: z.array(z.object({ code: z.string(), name: z.string(), named: z.boolean() })),
  peerSet: z
    .object({ id: z.number().int(), name: z.string(), members: z.number().int() })
    .nullable(),
  questionnaires: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(['not-started', 'in-progress', 'submitted']),
      basisfuncties: z.array(BasisfunctieReportSchema),
      summary: z.object({
        own: BandCountsSchema,
        national: BandCountsSchema,
        sentence: z.string(),
      }),
      attention: z.array(
        z.object({
          question: z.number().int(),
          text: z.string(),
          basisfunctie: z.string(),
          basisfunctieName: z.string(),
          points: z.number().int(),
          band: z.string(),
          activities: z.array(z.string()),
          comparable: z.object({
            label: z.string(),
            answered: z.number().int(),
            goed: z.number().int().nullable(),
            named: z.array(z.object({ code: z.string(), name: z.string() })),
            hidden: z.string().nullable(),
          }),
        }),
      ),
    }),
  ),
  offerUse: z.array(OfferUseSchema).describe('Offer versus use per function (mantelzorg).'),
  predecessors: z
    .object({
      roundName: z.string(),
      ruleLabel: z.string(),
      municipalities: z.array(z.object({ code: z.string(), name: z.string(), share: z.string() })),
      rows: z.array(
        z.object({
          questionnaire: z.string(),
          basisfunctie: z.string(),
          name: z.string(),
          marks: z.array(z.string()).describe('Per predecessor, in the order of municipalities.'),
          combined: z.string(),
        }),
      ),
    })
    .nullable()
    .describe(
      "Issue 11: a merged or split municipality's predecessors in the previous round, their marks side by side and the combined baseline (decision 019); null otherwise.",
    ),
  // Issue 12 (helper D): the actions agreed since the previous round.
  followUp: z
    .object({
      previousRound: z.object({ id: z.string(), name: z.string() }),
      talks: z.array(
        z.object({
          id: z.number().int(),
          heldOn: z.string().describe('YYYY-MM-DD'),
          heldOnLabel: z.string(),
          municipalityCode: z.string().describe('The municipality, or a predecessor of it.'),
          municipalityName: z.string(),
        }),
      ),
      rows: z.array(
        z.object({
          questionnaire: z.string(),
          basisfunctie: z.string(),
          name: z.string(),
          actions: z.array(
            z.object({
              id: z.number().int(),
              talkId: z.number().int(),
              description: z.string(),
              owner: z.string(),
              dueOn: z.string().nullable(),
              dueOnLabel: z.string().nullable(),
              status: z.enum(ACTION_STATUSES),
              statusLabel: z.string(),
              statusReason: z.string().nullable(),
            }),
          ),
          from: z.number().nullable().describe('The (combined) mark in the previous round.'),
          to: z.number().nullable().describe('The mark in this round.'),
          sentence: z
            .string()
            .describe(
              "'Afgesproken: respijtzorg via vrijwillige thuishulp (gedaan). Cijfer van 3,3 naar 6,7.'",
            ),
        }),
      ),
    })
    .nullable()
    .describe(
      'Issue 12: in a round that follows another, per basisfunctie the actions agreed in advice talks about the previous round (with the municipality or its predecessors), their status and the change of the mark (decision 027); null without such talks or for a reader who may not read the talks.',
    ),
  // Issue 12 (helper C).
  wmoPlan: ReportWmoPlanSchema,
});

export const REPORT_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'getMunicipalityReport',
    method: 'GET',
    path: '/api/rounds/{roundId}/municipalities/{code}/report',
    tag: 'reports',
    summary:
      'The municipality report: marks, explanation, what lifts each basisfunctie, comparisons, offer versus use',
    description:
      'The data of the report page and its PDF. Add `?peerSet=ID` to compare with one of your own peer sets. Figures of groups under `minGroupSize` municipalities are left out for municipality accounts (`hidden` says why).',
    permission: 'report.read',
    params: MUNICIPALITY,
    responses: {
      200: { description: 'The report.', schema: ReportSchema },
      404: { description: 'Unknown round or municipality, or not yours.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const peerSetId = new URL(api.request.url).searchParams.get('peerSet') || undefined;
      const report = await loadMunicipalityReport(
        api.context.db,
        user(api),
        api.params.roundId ?? '',
        api.params.code ?? '',
        { peerSetId },
      );
      return ok(report);
    },
  },
];
