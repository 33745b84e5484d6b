/**
 * One basisfunctie of a concept instrument version
 * (`/instrumenten/:version/:questionnaire/basisfuncties/:basisfunctie`): its name, definition,
 * description, activities, and its counterpart in the version it derives from. Its id stays,
 * since items and answers refer to it.
 */
import { Button, ButtonLink, Heading1, Paragraph } from '@utrecht/component-library-react';
import { data, Form } from 'react-router';
import type { Route } from './+types/instrument-basisfunctie';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { SelectField, TextareaField, TextField } from '../components/field';
import { redirectWithFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { HOME, INSTRUMENTS, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  findQuestionnaire,
  NotFoundError,
  prepareInstrumentEditing,
  saveBasisfunctieFromForm,
} from '../lib/services.server';

const trail = (params: {
  version?: string;
  questionnaire?: string;
  basisfunctie?: string;
}): Trail => [
  HOME,
  INSTRUMENTS,
  { label: `Versie ${params.version ?? ''}`, to: `/instrumenten/${params.version ?? ''}` },
  {
    label: `Basisfunctie ${params.basisfunctie ?? ''} wijzigen`,
    to: `/instrumenten/${params.version ?? ''}/${params.questionnaire ?? ''}/basisfuncties/${params.basisfunctie ?? ''}`,
  },
];

export const handle = pageHandle((_data, params) => trail(params));

export function meta({ params }: Route.MetaArgs) {
  return pageMeta(trail(params));
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
    const basisfunctie = questionnaire.basisfuncties.find((b) => b.id === params.basisfunctie);
    if (!basisfunctie)
      throw new NotFoundError(
        `De basisfunctie '${params.basisfunctie}' bestaat niet in ${questionnaire.name}.`,
      );
    return {
      version: summary.version,
      revision: summary.revision,
      derivedFrom: summary.derivedFrom,
      questionnaire: { id: questionnaire.id, name: questionnaire.name },
      earlierBasisfuncties:
        earlier?.questionnaires
          .find((q) => q.id === questionnaire.id)
          ?.basisfuncties.map((b) => ({ id: b.id, name: b.name })) ?? [],
      values: {
        name: basisfunctie.name,
        definition: basisfunctie.definition,
        description: basisfunctie.description,
        activities: basisfunctie.activities.join('\n'),
        previous: basisfunctie.previous ?? '',
      },
    };
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/instrument-basisfunctie.tsx');
  const values = {
    name: String(form.get('name') ?? ''),
    definition: String(form.get('definition') ?? ''),
    description: String(form.get('description') ?? ''),
    activities: String(form.get('activities') ?? ''),
    previous: String(form.get('previous') ?? ''),
  };
  const result = await handleErrors(() =>
    saveBasisfunctieFromForm(
      context.db,
      session.user,
      { version: params.version, questionnaire: params.questionnaire, id: params.basisfunctie },
      { ...values, revision: String(form.get('revision') ?? '') },
    ),
  );
  if (!result.ok) return data({ errors: result.issues, values }, { status: 400 });
  throw redirectWithFlash(
    `/instrumenten/${encodeURIComponent(params.version)}#${params.questionnaire}`,
    { text: `De basisfunctie ‘${values.name.trim()}’ is opgeslagen.` },
    context,
  );
}

export default function InstrumentBasisfunctie({ loaderData, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const values = actionData?.values ?? loaderData.values;
  return (
    <div className="bfm-stack">
      <Heading1>Basisfunctie ‘{loaderData.values.name}’ wijzigen</Heading1>
      <Paragraph>
        {loaderData.questionnaire.name}, versie {loaderData.version}.
      </Paragraph>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="bfm-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="revision" value={loaderData.revision} />
        <TextField name="name" label="Naam" error={errorFor('name')} defaultValue={values.name} />
        <TextareaField
          name="definition"
          label="Definitie"
          error={errorFor('definition')}
          defaultValue={values.definition}
          rows={2}
        />
        <TextareaField
          name="description"
          label="Beschrijving"
          error={errorFor('description')}
          defaultValue={values.description}
          rows={5}
        />
        <TextareaField
          name="activities"
          label="Activiteiten of ondersteuningsvormen"
          hint="Eén per regel."
          error={errorFor('activities')}
          defaultValue={values.activities}
          rows={5}
        />
        {loaderData.derivedFrom ? (
          <SelectField
            name="previous"
            label={`Dezelfde basisfunctie in versie ${loaderData.derivedFrom}`}
            hint="Alleen gekoppelde basisfuncties worden over de metingen vergeleken."
            error={errorFor('previous')}
            defaultValue={values.previous}
            options={[
              { value: '', label: 'Geen: nieuwe basisfunctie' },
              ...loaderData.earlierBasisfuncties.map((b) => ({ value: b.id, label: b.name })),
            ]}
          />
        ) : null}
        <div className="bfm-actions">
          <Button type="submit" appearance="primary-action-button">
            Basisfunctie opslaan
          </Button>
          <ButtonLink
            href={`/instrumenten/${encodeURIComponent(loaderData.version)}#${loaderData.questionnaire.id}`}
            appearance="secondary-action-button"
          >
            Annuleren
          </ButtonLink>
        </div>
      </Form>
    </div>
  );
}
