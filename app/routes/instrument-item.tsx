/**
 * One item of a concept instrument version (`/instrumenten/:version/:questionnaire/vragen/:number`,
 * or `…/vragen/nieuw?na=N` to add one after item N): its text, help text, kind, options,
 * basisfunctie, and how it relates to the version it derives from (the same question, reworded,
 * or new). A frozen version answers 409 with the advice to make a new version.
 */
import { Button, ButtonLink, Heading1, Paragraph } from '@utrecht/component-library-react';
import { data, Form } from 'react-router';
import type { Route } from './+types/instrument-item';
import { CHANGE_LABELS, KIND_LABELS } from '../../src/instruments/instrument-versioning';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { RadioGroupField, SelectField, TextareaField } from '../components/field';
import { redirectWithFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { HOME, INSTRUMENTS, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  describeMapping,
  findQuestionnaire,
  NotFoundError,
  prepareInstrumentEditing,
  saveItemFromForm,
  writeOptionLines,
} from '../lib/services.server';

const NEW = 'nieuw';

const trail = (params: { version?: string; questionnaire?: string; number?: string }): Trail => [
  HOME,
  INSTRUMENTS,
  { label: `Versie ${params.version ?? ''}`, to: `/instrumenten/${params.version ?? ''}` },
  {
    label: params.number === NEW ? 'Vraag toevoegen' : `Vraag ${params.number ?? ''} wijzigen`,
    to: `/instrumenten/${params.version ?? ''}/${params.questionnaire ?? ''}/vragen/${params.number ?? ''}`,
  },
];

export const handle = pageHandle((_data, params) => trail(params));

export function meta({ params }: Route.MetaArgs) {
  return pageMeta(trail(params));
}

/** The item number of the address, or the position to add after for a new item. */
function readTarget(params: { number: string }, request: Request) {
  if (params.number === NEW) {
    const after = Number(new URL(request.url).searchParams.get('na') ?? '0');
    return { after: Number.isInteger(after) && after >= 0 ? after : 0 };
  }
  if (!/^\d{1,4}$/.test(params.number)) throw new NotFoundError('Deze vraag bestaat niet.');
  return { number: Number(params.number) };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  return handleErrors(async () => {
    const { summary, instrument, earlier } = await prepareInstrumentEditing(
      context.db,
      session.user,
      params.version,
    );
    const questionnaire = findQuestionnaire(instrument, params.questionnaire);
    const target = readTarget(params, request);
    const item =
      target.number === undefined
        ? null
        : (questionnaire.items.find((i) => i.number === target.number) ?? null);
    if (target.number !== undefined && !item)
      throw new NotFoundError(
        `Vraag ${target.number} bestaat niet in ${questionnaire.name}. Kies een vraag op de pagina van de versie.`,
      );
    const earlierItems =
      earlier?.questionnaires.find((q) => q.id === questionnaire.id)?.items ?? [];
    return {
      version: summary.version,
      revision: summary.revision,
      derivedFrom: summary.derivedFrom,
      questionnaire: { id: questionnaire.id, name: questionnaire.name },
      basisfuncties: questionnaire.basisfuncties.map((b) => ({ id: b.id, name: b.name })),
      earlierItems: earlierItems.map((i) => ({ number: i.number, text: i.text })),
      after: target.after ?? null,
      number: item?.number ?? null,
      values: {
        text: item?.text ?? '',
        help: item?.help ?? '',
        kind: item?.kind ?? 'scale',
        basisfunctie: item?.basisfunctie ?? '',
        options: writeOptionLines(item?.options),
        mapping: item ? describeMapping(item) : 'new',
        previousNumber: item?.previous ? String(item.previous.number) : '',
      },
    };
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/instrument-item.tsx');
  const values = {
    text: String(form.get('text') ?? ''),
    help: String(form.get('help') ?? ''),
    kind: String(form.get('kind') ?? ''),
    basisfunctie: String(form.get('basisfunctie') ?? ''),
    options: String(form.get('options') ?? ''),
    mapping: String(form.get('mapping') ?? 'new'),
    previousNumber: String(form.get('previousNumber') ?? ''),
  };
  const result = await handleErrors(async () => {
    const target = readTarget(params, request);
    return saveItemFromForm(
      context.db,
      session.user,
      { version: params.version, questionnaire: params.questionnaire, ...target },
      { ...values, revision: String(form.get('revision') ?? '') } as Parameters<
        typeof saveItemFromForm
      >[3],
    );
  });
  if (!result.ok) return data({ errors: result.issues, values }, { status: 400 });
  throw redirectWithFlash(
    `/instrumenten/${encodeURIComponent(params.version)}#${params.questionnaire}`,
    {
      text:
        params.number === NEW ? 'De vraag is toegevoegd.' : `Vraag ${params.number} is opgeslagen.`,
    },
    context,
  );
}

export default function InstrumentItem({ loaderData, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  // What the user typed wins over what is stored, so nothing is lost on an error.
  const values = actionData?.values ?? loaderData.values;
  const { questionnaire, derivedFrom } = loaderData;
  return (
    <div className="bfm-stack">
      <Heading1>
        {loaderData.number === null
          ? `Vraag toevoegen aan ${questionnaire.name}`
          : `Vraag ${loaderData.number} van ${questionnaire.name} wijzigen`}
      </Heading1>
      <Paragraph>
        Versie {loaderData.version}
        {loaderData.number === null && loaderData.after !== null
          ? `. De nieuwe vraag komt na vraag ${loaderData.after}; de vragen erna schuiven een nummer op.`
          : '.'}
      </Paragraph>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="bfm-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="revision" value={loaderData.revision} />
        <TextareaField
          name="text"
          label="Vraagtekst"
          error={errorFor('text')}
          defaultValue={values.text}
          rows={3}
        />
        <TextareaField
          name="help"
          label="Toelichting bij de vraag (niet verplicht)"
          hint="Staat onder de vraag in de vragenlijst."
          error={errorFor('help')}
          defaultValue={values.help}
          rows={2}
        />
        <RadioGroupField
          name="kind"
          label="Soort vraag"
          error={errorFor('kind')}
          checked={[values.kind]}
          choices={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextareaField
          name="options"
          label="Antwoordopties (alleen bij keuzevragen)"
          hint="Eén optie per regel, als ‘code: tekst’, bijvoorbeeld ‘jongeren: Jongeren’. Zonder code maakt de applicatie er een van de tekst. Houd codes gelijk aan de vorige versie, zodat antwoorden vergelijkbaar blijven."
          error={errorFor('options')}
          defaultValue={values.options}
          rows={5}
        />
        <SelectField
          name="basisfunctie"
          label="Basisfunctie"
          error={errorFor('basisfunctie')}
          defaultValue={values.basisfunctie}
          options={[
            { value: '', label: 'Algemeen (geen basisfunctie)' },
            ...loaderData.basisfuncties.map((b) => ({ value: b.id, label: b.name })),
          ]}
        />
        {derivedFrom ? (
          <>
            <RadioGroupField
              name="mapping"
              label={`Verhouding tot versie ${derivedFrom}`}
              hint="Alleen vragen die hetzelfde vragen, tellen mee in de ontwikkeling over de metingen."
              error={errorFor('mapping')}
              checked={[values.mapping]}
              choices={Object.entries(CHANGE_LABELS).map(([value, label]) => ({ value, label }))}
            />
            <SelectField
              name="previousNumber"
              label={`Vraag in versie ${derivedFrom}`}
              hint="Niet nodig bij een nieuwe vraag."
              error={errorFor('previousNumber')}
              defaultValue={values.previousNumber}
              options={[
                { value: '', label: 'Geen: nieuwe vraag' },
                ...loaderData.earlierItems.map((i) => ({
                  value: String(i.number),
                  label: `${i.number}. ${i.text.length > 90 ? `${i.text.slice(0, 90)}…` : i.text}`,
                })),
              ]}
            />
          </>
        ) : (
          <input type="hidden" name="mapping" value="new" />
        )}
        <div className="bfm-actions">
          <Button type="submit" appearance="primary-action-button">
            Vraag opslaan
          </Button>
          <ButtonLink
            href={`/instrumenten/${encodeURIComponent(loaderData.version)}#${questionnaire.id}`}
            appearance="secondary-action-button"
          >
            Annuleren
          </ButtonLink>
        </div>
      </Form>
    </div>
  );
}
