/**
 * The instrument pages' forms (`/instrumenten…`): a new version copied from an existing one,
 * an uploaded JSON definition, and the edits of a concept version (an item, a basisfunctie,
 * adding and removing items). Each form is validated here with zod and answered with the
 * problems per field, so the page shows them next to what the user typed; the definition as a
 * whole is validated by instrument-service before anything is stored.
 */
import { z } from 'zod';
import type { Database, Executor } from '../db/client.ts';
import type { Instrument, Item, ItemOption } from '../domain/instrument.ts';
import {
  insertItem,
  removeItem,
  replaceBasisfunctie,
  replaceItem,
  type ItemInput,
} from '../instruments/instrument-versioning.ts';
import type { StaffUser } from './auth-service.ts';
import { ConflictError, NotFoundError, UserInputError } from './errors.ts';
import {
  addInstrumentVersion,
  assertNotDerivedFrom,
  copyInstrumentVersion,
  editInstrumentVersion,
  InstrumentValidationError,
  listInstrumentVersionsFor,
  readInstrumentVersion,
  type InstrumentVersionDetail,
  type InstrumentVersionSummary,
} from './instrument-service.ts';
import { assertCan } from './permissions.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

export type FormResult<T = undefined> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: FieldIssue[] };

const revisionField = z.coerce
  .number('Laad de pagina opnieuw: de revisie ontbreekt.')
  .int()
  .min(1, 'Laad de pagina opnieuw: de revisie ontbreekt.');

/** Turns a refusal of the whole definition into issues on the form's summary field. */
async function asForm<T>(field: string, run: () => Promise<T>): Promise<FormResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof InstrumentValidationError)
      return { ok: false, issues: error.issues.map((message) => ({ field, message })) };
    if (error instanceof UserInputError || error instanceof ConflictError)
      return { ok: false, issues: [{ field, message: error.message }] };
    throw error;
  }
}

/**
 * A version for editing: the coordinator only, and only while it is a concept.
 *
 * @throws {ForbiddenError} for anyone but the coordinator
 * @throws {NotFoundError} for an unknown version
 * @throws {ConflictError} for a bundled or frozen version, saying to make a new version
 */
export async function prepareInstrumentEditing(
  executor: Executor,
  user: StaffUser,
  version: string,
): Promise<InstrumentVersionDetail> {
  assertCan(user, 'instrument.edit');
  const detail = await readInstrumentVersion(executor, user, version);
  if (detail.summary.bundled)
    throw new ConflictError(
      `Versie ${version} wordt met de applicatie meegeleverd en kan niet worden gewijzigd. Maak een nieuwe versie op basis van ${version}.`,
    );
  if (detail.summary.frozen)
    throw new ConflictError(
      `Versie ${version} is bevroren: een meting met deze versie is geopend. Maak een nieuwe versie op basis van ${version} om vragen te wijzigen.`,
    );
  await assertNotDerivedFrom(executor, version);
  return detail;
}

/** The versions to copy from, for the coordinator only (`/instrumenten/nieuw`). */
export async function prepareInstrumentCopy(
  executor: Executor,
  user: StaffUser,
): Promise<InstrumentVersionSummary[]> {
  assertCan(user, 'instrument.edit');
  return listInstrumentVersionsFor(executor, user);
}

export const CopyFormSchema = z.object({
  from: z.string().min(1, 'Kies de versie waarvan u uitgaat.'),
  version: z
    .string()
    .trim()
    .min(1, 'Vul een versienummer in, bijvoorbeeld 2026.')
    .regex(
      /^[A-Za-z0-9._-]+$/,
      "Gebruik alleen letters, cijfers, '.', '_' of '-', zonder spaties.",
    ),
  name: z
    .string()
    .trim()
    .min(1, 'Vul de naam van de versie in, bijvoorbeeld Vervolgmeting 2026.')
    .max(200, 'Een naam mag hoogstens 200 tekens lang zijn.'),
});
export type CopyForm = z.input<typeof CopyFormSchema>;

/** `/instrumenten/nieuw`: a concept copy of an existing version. */
export async function copyInstrumentFromForm(
  db: Database,
  user: StaffUser,
  form: CopyForm,
): Promise<FormResult<InstrumentVersionSummary>> {
  assertCan(user, 'instrument.edit');
  const parsed = CopyFormSchema.safeParse(form);
  if (!parsed.success)
    return {
      ok: false,
      issues: toFieldIssues(parsed.error, { flat: true, fallbackField: 'version' }),
    };
  return asForm('version', () => copyInstrumentVersion(db, { kind: 'user', user }, parsed.data));
}

/** The upload form of `/instrumenten`: a JSON definition, as `bfm instrument add`. */
export async function addInstrumentFromUpload(
  db: Database,
  user: StaffUser,
  text: string,
): Promise<FormResult<InstrumentVersionSummary>> {
  assertCan(user, 'instrument.edit');
  if (text.trim() === '')
    return {
      ok: false,
      issues: [{ field: 'bestand', message: 'Kies een JSON-bestand met de definitie.' }],
    };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      issues: [
        {
          field: 'bestand',
          message: `Het bestand is geen geldige JSON: ${(error as Error).message}`,
        },
      ],
    };
  }
  return asForm('bestand', () => addInstrumentVersion(db, { kind: 'user', user }, raw));
}

export const MAPPING_CHOICES = ['same', 'reworded', 'new'] as const;

/** Options as typed in the form: one per line, `code: label` or only a label. */
export function readOptionLines(text: string): ItemOption[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^([a-z0-9-]+)\s*:\s*(.+)$/.exec(line);
      if (match) return { code: match[1] ?? '', label: (match[2] ?? '').trim() };
      const code = line
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      return { code, label: line };
    });
}

/** An item's options as the form shows them. */
export function writeOptionLines(options: readonly ItemOption[] | undefined): string {
  return (options ?? []).map((option) => `${option.code}: ${option.label}`).join('\n');
}

export const ItemFormSchema = z
  .object({
    revision: revisionField,
    text: z.string().trim().min(1, 'Vul de vraagtekst in.').max(1000, 'Hoogstens 1000 tekens.'),
    help: z.string().trim().max(2000, 'Hoogstens 2000 tekens.'),
    kind: z.enum(['scale', 'multiple', 'single', 'open'], 'Kies de soort vraag.'),
    basisfunctie: z.string(),
    options: z.string(),
    mapping: z.enum(MAPPING_CHOICES, 'Kies hoe de vraag zich verhoudt tot de vorige versie.'),
    previousNumber: z.string().trim(),
  })
  .superRefine((form, ctx) => {
    const choice = form.kind === 'multiple' || form.kind === 'single';
    if (choice && readOptionLines(form.options).length < 2)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'Een keuzevraag heeft minstens twee opties: één per regel.',
      });
    if (form.mapping !== 'new' && !/^\d{1,3}$/.test(form.previousNumber))
      ctx.addIssue({
        code: 'custom',
        path: ['previousNumber'],
        message: 'Vul het nummer van de vraag in de vorige versie in, of kies ‘nieuw’.',
      });
  });
export type ItemForm = z.input<typeof ItemFormSchema>;

function toItemInput(form: z.output<typeof ItemFormSchema>, derived: boolean): ItemInput {
  const choice = form.kind === 'multiple' || form.kind === 'single';
  return {
    kind: form.kind,
    text: form.text,
    help: form.help || undefined,
    basisfunctie: form.basisfunctie === '' ? null : form.basisfunctie,
    options: choice ? readOptionLines(form.options) : undefined,
    ...(derived
      ? {
          previous:
            form.mapping === 'new'
              ? null
              : { number: Number(form.previousNumber), change: form.mapping },
        }
      : {}),
  };
}

/**
 * Saves an item of a concept version (`number`), or adds one after item `after`.
 *
 * @throws {ForbiddenError} for anyone but the coordinator
 * @throws {NotFoundError} for an unknown version, questionnaire or item
 */
export async function saveItemFromForm(
  db: Database,
  user: StaffUser,
  target: {
    readonly version: string;
    readonly questionnaire: string;
    readonly number?: number | undefined;
    readonly after?: number | undefined;
  },
  form: ItemForm,
): Promise<FormResult<InstrumentVersionSummary>> {
  assertCan(user, 'instrument.edit');
  const parsed = ItemFormSchema.safeParse(form);
  if (!parsed.success)
    return {
      ok: false,
      issues: toFieldIssues(parsed.error, { flat: true, fallbackField: 'text' }),
    };
  const values = parsed.data;
  return asForm('text', () =>
    editInstrumentVersion(db, { kind: 'user', user }, target.version, values.revision, (d) => {
      const input = toItemInput(values, d.derivedFrom !== undefined);
      return target.number === undefined
        ? insertItem(d, target.questionnaire, target.after ?? 0, input)
        : replaceItem(d, target.questionnaire, target.number, input);
    }),
  );
}

/** Removes an item of a concept version; the items behind it move up one number. */
export async function removeItemFromForm(
  db: Database,
  user: StaffUser,
  target: { readonly version: string; readonly questionnaire: string; readonly number: number },
  form: { readonly revision: string },
): Promise<FormResult<InstrumentVersionSummary>> {
  assertCan(user, 'instrument.edit');
  const revision = revisionField.safeParse(form.revision);
  if (!revision.success) throw new UserInputError('Laad de pagina opnieuw: de revisie ontbreekt.');
  return asForm('items', () =>
    editInstrumentVersion(db, { kind: 'user', user }, target.version, revision.data, (d) =>
      removeItem(d, target.questionnaire, target.number),
    ),
  );
}

export const BasisfunctieFormSchema = z.object({
  revision: revisionField,
  name: z.string().trim().min(1, 'Vul de naam van de basisfunctie in.').max(200),
  definition: z.string().trim().min(1, 'Vul de definitie in.').max(2000),
  description: z.string().trim().min(1, 'Vul de beschrijving in.').max(5000),
  activities: z.string().refine((text) => text.split(/\r?\n/).some((line) => line.trim()), {
    message: 'Geef minstens één activiteit of ondersteuningsvorm, één per regel.',
  }),
  previous: z.string(),
});
export type BasisfunctieForm = z.input<typeof BasisfunctieFormSchema>;

/** Saves a basisfunctie's texts and its mapping to the earlier version ('' = new). */
export async function saveBasisfunctieFromForm(
  db: Database,
  user: StaffUser,
  target: { readonly version: string; readonly questionnaire: string; readonly id: string },
  form: BasisfunctieForm,
): Promise<FormResult<InstrumentVersionSummary>> {
  assertCan(user, 'instrument.edit');
  const parsed = BasisfunctieFormSchema.safeParse(form);
  if (!parsed.success)
    return {
      ok: false,
      issues: toFieldIssues(parsed.error, { flat: true, fallbackField: 'name' }),
    };
  const values = parsed.data;
  return asForm('name', () =>
    editInstrumentVersion(db, { kind: 'user', user }, target.version, values.revision, (d) =>
      replaceBasisfunctie(d, target.questionnaire, target.id, {
        name: values.name,
        definition: values.definition,
        description: values.description,
        activities: values.activities
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean),
        ...(d.derivedFrom !== undefined
          ? { previous: values.previous === '' ? null : values.previous }
          : {}),
      }),
    ),
  );
}

/** The mapping choice the item form shows for an item. */
export function describeMapping(item: Item): (typeof MAPPING_CHOICES)[number] {
  if (!item.previous) return 'new';
  return item.previous.change;
}

/**
 * Finds a questionnaire of a version for a page.
 *
 * @throws {NotFoundError} when the version has no such questionnaire
 */
export function findQuestionnaire(instrument: Instrument, id: string) {
  const questionnaire = instrument.questionnaires.find((q) => q.id === id);
  if (!questionnaire)
    throw new NotFoundError(
      `Versie ${instrument.version} heeft geen vragenlijst '${id}'. Kies een vragenlijst op de pagina van de versie.`,
    );
  return questionnaire;
}
