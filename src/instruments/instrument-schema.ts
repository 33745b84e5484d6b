/**
 * The schema every instrument definition must pass before the application uses it.
 * Structural checks come from zod; the cross-references (numbering, basisfunctie ids,
 * option codes, bands) are checked in `superRefine` so that each error names its element.
 */
import { z } from 'zod';
import type { Instrument } from '../domain/instrument.ts';

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ItemOptionSchema = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'optiecode mag alleen kleine letters, cijfers en - bevatten'),
  label: z.string().min(1),
});

export const ItemSchema = z.object({
  number: z.number().int().positive(),
  kind: z.enum(['scale', 'multiple', 'single', 'open']),
  basisfunctie: z.string().regex(idPattern).nullable(),
  text: z.string().min(1, 'vraagtekst ontbreekt'),
  /** An explanation shown under the question (instrument versions after 2009). */
  help: z.string().min(1, 'toelichting is leeg; laat haar weg of vul haar in').optional(),
  textSource: z.enum(['report', 'reconstructed']),
  source: z.string().optional(),
  options: z.array(ItemOptionSchema).optional(),
  previous: z
    .object({
      number: z.number().int().positive(),
      change: z.enum(['same', 'reworded']),
    })
    .nullable()
    .optional(),
});

export const BasisfunctieSchema = z.object({
  id: z.string().regex(idPattern, 'id moet kebab-case zijn'),
  name: z.string().min(1),
  official: z.boolean(),
  definition: z.string().min(1, 'definitie ontbreekt'),
  description: z.string().min(1, 'beschrijving ontbreekt'),
  activities: z
    .array(z.string().min(1))
    .min(1, 'geef minstens één activiteit of ondersteuningsvorm'),
  previous: z.string().regex(idPattern).nullable().optional(),
});

export const OfferUsePairSchema = z.object({
  basisfunctie: z.string().regex(idPattern),
  offer: z.number().int().positive(),
  use: z.number().int().positive(),
  subject: z.string().min(1),
});

export const QuestionnaireSchema = z
  .object({
    id: z.string().regex(idPattern),
    name: z.string().min(1),
    basisfuncties: z.array(BasisfunctieSchema).min(1),
    offerUse: z.array(OfferUsePairSchema).optional(),
    items: z.array(ItemSchema).min(1),
  })
  .superRefine((questionnaire, ctx) => {
    const basisfunctieIds = new Set<string>();
    questionnaire.basisfuncties.forEach((basisfunctie, index) => {
      if (basisfunctieIds.has(basisfunctie.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['basisfuncties', index, 'id'],
          message: `basisfunctie '${basisfunctie.id}' komt twee keer voor`,
        });
      }
      basisfunctieIds.add(basisfunctie.id);
    });
    const numbers = new Set<number>();
    questionnaire.items.forEach((item, index) => {
      if (numbers.has(item.number)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'number'],
          message: `vraagnummer ${item.number} komt twee keer voor`,
        });
      } else if (item.number !== index + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'number'],
          message: `vraag ${item.number} staat op plaats ${index + 1}; vragen moeten doorlopend genummerd zijn vanaf 1`,
        });
      }
      numbers.add(item.number);
      if (item.basisfunctie !== null && !basisfunctieIds.has(item.basisfunctie)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'basisfunctie'],
          message: `vraag ${item.number} verwijst naar onbekende basisfunctie '${item.basisfunctie}'`,
        });
      }
      const isChoice = item.kind === 'multiple' || item.kind === 'single';
      if (isChoice && (item.options?.length ?? 0) < 2) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'options'],
          message: `vraag ${item.number} is een keuzevraag en heeft minstens twee opties nodig`,
        });
      }
      if (!isChoice && item.options !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'options'],
          message: `vraag ${item.number} is geen keuzevraag en mag geen opties hebben`,
        });
      }
      const codes = new Set<string>();
      item.options?.forEach((option, optionIndex) => {
        if (codes.has(option.code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', index, 'options', optionIndex, 'code'],
            message: `vraag ${item.number}: optiecode '${option.code}' komt twee keer voor`,
          });
        }
        codes.add(option.code);
      });
    });
    const paired = new Set<string>();
    questionnaire.offerUse?.forEach((pair, index) => {
      if (paired.has(pair.basisfunctie)) {
        ctx.addIssue({
          code: 'custom',
          path: ['offerUse', index, 'basisfunctie'],
          message: `basisfunctie '${pair.basisfunctie}' heeft al een paar aanbod en gebruik`,
        });
      }
      paired.add(pair.basisfunctie);
      if (!basisfunctieIds.has(pair.basisfunctie)) {
        ctx.addIssue({
          code: 'custom',
          path: ['offerUse', index, 'basisfunctie'],
          message: `aanbod en gebruik verwijzen naar onbekende basisfunctie '${pair.basisfunctie}'`,
        });
      }
      (['offer', 'use'] as const).forEach((role) => {
        const item = questionnaire.items.find((candidate) => candidate.number === pair[role]);
        if (item?.kind !== 'scale' || item.basisfunctie !== pair.basisfunctie) {
          ctx.addIssue({
            code: 'custom',
            path: ['offerUse', index, role],
            message: `vraag ${pair[role]} (${role === 'offer' ? 'aanbod' : 'gebruik'}) moet een driepuntsvraag van basisfunctie '${pair.basisfunctie}' zijn`,
          });
        }
      });
      if (pair.offer === pair.use) {
        ctx.addIssue({
          code: 'custom',
          path: ['offerUse', index, 'use'],
          message: `aanbod en gebruik van '${pair.basisfunctie}' moeten twee verschillende vragen zijn`,
        });
      }
    });
    questionnaire.basisfuncties.forEach((basisfunctie, index) => {
      const scaleItems = questionnaire.items.filter(
        (item) => item.kind === 'scale' && item.basisfunctie === basisfunctie.id,
      );
      if (scaleItems.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['basisfuncties', index],
          message: `basisfunctie '${basisfunctie.id}' heeft geen driepuntsvragen en kan dus geen cijfer krijgen`,
        });
      }
    });
  });

export const BandSchema = z.object({
  id: z.string().regex(idPattern),
  label: z.string().min(1),
  from: z
    .number()
    .min(0, 'een band begint op of boven 0')
    .max(10, 'een band begint op of onder 10 (cijfers lopen van 0 tot 10)'),
});

export const ScoringRuleSchema = z
  .object({
    bands: z.array(BandSchema).min(1),
    goedBand: z.string(),
    minAnswered: z.tuple([z.number().int().min(0), z.number().int().positive()]),
  })
  .superRefine((rule, ctx) => {
    if (rule.bands[0]?.from !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['bands', 0, 'from'],
        message: 'de eerste band moet bij 0 beginnen',
      });
    }
    rule.bands.forEach((band, index) => {
      const previous = rule.bands[index - 1];
      if (previous && band.from <= previous.from) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands', index, 'from'],
          message: `band '${band.id}' moet hoger beginnen dan band '${previous.id}'`,
        });
      }
    });
    if (!rule.bands.some((band) => band.id === rule.goedBand)) {
      ctx.addIssue({
        code: 'custom',
        path: ['goedBand'],
        message: `goedBand '${rule.goedBand}' is geen van de banden`,
      });
    }
    if (rule.minAnswered[0] > rule.minAnswered[1]) {
      ctx.addIssue({
        code: 'custom',
        path: ['minAnswered'],
        message: 'minAnswered mag niet groter zijn dan 1',
      });
    }
  });

export const ScalePointSchema = z.object({
  points: z.number().int().min(1),
  label: z.string().min(1),
  band: z.string(),
});

export const InstrumentSchema = z
  .object({
    version: z.string().regex(/^[A-Za-z0-9._-]+$/),
    name: z.string().min(1),
    source: z.string().optional(),
    derivedFrom: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/)
      .optional(),
    scale: z.array(ScalePointSchema).min(2),
    scoring: ScoringRuleSchema,
    questionnaires: z.array(QuestionnaireSchema).min(1),
  })
  .superRefine((instrument, ctx) => {
    const points = instrument.scale.map((point) => point.points).join(',');
    if (points !== '1,2,3') {
      ctx.addIssue({
        code: 'custom',
        path: ['scale'],
        message: `de antwoordschaal moet de punten 1, 2 en 3 hebben (nu: ${points})`,
      });
    }
    const bandIds = new Set(instrument.scoring.bands.map((band) => band.id));
    instrument.scale.forEach((point, index) => {
      if (!bandIds.has(point.band)) {
        ctx.addIssue({
          code: 'custom',
          path: ['scale', index, 'band'],
          message: `antwoord ${point.points} verwijst naar onbekende band '${point.band}'`,
        });
      }
    });
    const ids = new Set<string>();
    instrument.questionnaires.forEach((questionnaire, index) => {
      if (ids.has(questionnaire.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['questionnaires', index, 'id'],
          message: `vragenlijst '${questionnaire.id}' komt twee keer voor`,
        });
      }
      ids.add(questionnaire.id);
    });
  });

export type InstrumentDefinition = z.infer<typeof InstrumentSchema>;

/** Compile-time check that a validated definition is a domain Instrument. */
export const toInstrument = (definition: InstrumentDefinition): Instrument => definition;
