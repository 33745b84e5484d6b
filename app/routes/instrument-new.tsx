/**
 * A new instrument version (`/instrumenten/nieuw`): a concept copy of an existing version.
 * Every item of the copy continues its original ('zelfde vraag') and every basisfunctie maps
 * to itself; the coordinator then edits what changed (decision 020).
 */
import { Button, ButtonLink, Heading1, Paragraph } from '@utrecht/component-library-react';
import { data, Form } from 'react-router';
import type { Route } from './+types/instrument-new';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { SelectField, TextField } from '../components/field';
import { redirectWithFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { HOME, INSTRUMENTS, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import { copyInstrumentFromForm, prepareInstrumentCopy } from '../lib/services.server';

const TRAIL: Trail = [HOME, INSTRUMENTS, { label: 'Nieuwe versie', to: '/instrumenten/nieuw' }];

export const handle = pageHandle(() => TRAIL);

export function meta() {
  return pageMeta(TRAIL);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const versions = await handleErrors(() => prepareInstrumentCopy(context.db, session.user));
  const from = new URL(request.url).searchParams.get('van') ?? versions.at(-1)?.version ?? '';
  return { versions: versions.map((v) => ({ version: v.version, name: v.name })), from };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/instrument-new.tsx');
  const values = {
    from: String(form.get('from') ?? ''),
    version: String(form.get('version') ?? ''),
    name: String(form.get('name') ?? ''),
  };
  const result = await handleErrors(() => copyInstrumentFromForm(context.db, session.user, values));
  if (!result.ok) return data({ errors: result.issues, values }, { status: 400 });
  throw redirectWithFlash(
    `/instrumenten/${encodeURIComponent(result.value.version)}`,
    { text: `Versie ${result.value.version} is gemaakt als kopie van ${values.from}.` },
    context,
  );
}

export default function InstrumentNew({ loaderData, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const values = actionData?.values ?? { from: loaderData.from, version: '', name: '' };
  return (
    <div className="bfm-stack">
      <Heading1>Nieuwe instrumentversie</Heading1>
      <Paragraph>
        De nieuwe versie begint als kopie: dezelfde vragen, basisfuncties en rekenregel, elk
        gekoppeld aan het origineel. Daarna past u teksten, opties en vragen aan en geeft u per
        vraag aan of zij hetzelfde is, anders geformuleerd of nieuw.
      </Paragraph>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="bfm-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="copy" />
        <SelectField
          name="from"
          label="Uitgaan van versie"
          error={errorFor('from')}
          defaultValue={values.from}
          options={loaderData.versions.map((v) => ({
            value: v.version,
            label: `${v.version}: ${v.name}`,
          }))}
        />
        <TextField
          name="version"
          label="Versienummer"
          hint="Kort en uniek, bijvoorbeeld 2026. Letters, cijfers, '.', '_' of '-'."
          error={errorFor('version')}
          defaultValue={values.version}
        />
        <TextField
          name="name"
          label="Naam"
          hint="Bijvoorbeeld: Vervolgmeting Basisfuncties 2026."
          error={errorFor('name')}
          defaultValue={values.name}
        />
        <div className="bfm-actions">
          <Button type="submit" appearance="primary-action-button">
            Versie maken
          </Button>
          <ButtonLink href="/instrumenten" appearance="secondary-action-button">
            Annuleren
          </ButtonLink>
        </div>
      </Form>
    </div>
  );
}
