/**
 * The instrument versions (`/instrumenten`): the bundled 2009 version and the versions defined
 * in the application, each a concept or frozen (decision 020). The coordinator starts a new
 * version from an existing one, or uploads a JSON definition as `bfm instrument add` takes it.
 */
import {
  Button,
  ButtonLink,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { data, Form, Link } from 'react-router';
import type { Route } from './+types/instruments';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { FlashMessage } from '../components/flash-message';
import { TableScroll } from '../components/table-scroll';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
import { formatDate } from '../lib/format';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { HOME, INSTRUMENTS, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import { addInstrumentFromUpload, can, listInstrumentVersionsFor } from '../lib/services.server';

const TRAIL: Trail = [HOME, INSTRUMENTS];

export const handle = pageHandle(() => TRAIL);

export function meta() {
  return pageMeta(TRAIL);
}

// The flash message's cookie is removed by the loader's answer.
export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

/** Large enough for any questionnaire set; a definition of 2009 is about 60 kB. */
const MAX_DEFINITION_BYTES = 1_000_000;

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const versions = await handleErrors(() => listInstrumentVersionsFor(context.db, session.user));
  const { flash, headers } = takeFlash(request, context);
  return data(
    {
      flash,
      canEdit: can(session.user, 'instrument.edit'),
      versions: versions.map((v) => ({
        ...v,
        updatedAt: v.updatedAt?.toISOString() ?? null,
        frozenAt: v.frozenAt?.toISOString() ?? null,
      })),
    },
    { headers },
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/instruments.tsx');
  const file = form.get('bestand');
  const text =
    file instanceof File && file.size > 0 && file.size <= MAX_DEFINITION_BYTES
      ? await file.text()
      : '';
  if (file instanceof File && file.size > MAX_DEFINITION_BYTES)
    return data(
      { errors: [{ field: 'bestand', message: 'Het bestand is groter dan 1 MB.' }] },
      { status: 400 },
    );
  const result = await handleErrors(() => addInstrumentFromUpload(context.db, session.user, text));
  if (!result.ok) return data({ errors: result.issues }, { status: 400 });
  throw redirectWithFlash(
    `/instrumenten/${encodeURIComponent(result.value.version)}`,
    { text: `Versie ${result.value.version} is toegevoegd als concept.` },
    context,
  );
}

function status(v: { bundled: boolean; frozen: boolean }) {
  return v.bundled ? 'meegeleverd' : v.frozen ? 'bevroren' : 'concept';
}

export default function Instruments({ loaderData, actionData }: Route.ComponentProps) {
  const { versions, canEdit } = loaderData;
  const errors = actionData?.errors ?? [];
  const uploadError = errors.find((e) => e.field === 'bestand') ? 'bestand-fout' : '';
  return (
    <div className="bfm-stack">
      <Heading1>Instrumenten</Heading1>
      <FlashMessage flash={loaderData.flash} />
      <Paragraph>
        Een instrumentversie bevat de vragenlijsten, de basisfuncties, de antwoordschaal en de
        rekenregel. Elke meting rekent met haar eigen versie. Een versie is een concept tot een
        meting met die versie opent; daarna is zij bevroren en maakt u voor wijzigingen een nieuwe
        versie.
      </Paragraph>
      <ErrorSummary errors={errors} />
      {canEdit ? (
        <Paragraph>
          <ButtonLink href="/instrumenten/nieuw" appearance="primary-action-button">
            Nieuwe versie
          </ButtonLink>
        </Paragraph>
      ) : null}
      <TableScroll caption="Instrumentversies">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Versie</TableHeaderCell>
            <TableHeaderCell scope="col">Naam</TableHeaderCell>
            <TableHeaderCell scope="col">Afgeleid van</TableHeaderCell>
            <TableHeaderCell scope="col">Status</TableHeaderCell>
            <TableHeaderCell scope="col">Gewijzigd</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {versions.map((v) => (
            <TableRow key={v.version}>
              <TableHeaderCell scope="row">
                <Link
                  className="utrecht-link"
                  to={`/instrumenten/${encodeURIComponent(v.version)}`}
                >
                  {v.version}
                </Link>
              </TableHeaderCell>
              <TableCell>{v.name}</TableCell>
              <TableCell>{v.derivedFrom ?? '–'}</TableCell>
              <TableCell>{status(v)}</TableCell>
              <TableCell>{v.updatedAt ? formatDate(v.updatedAt) : '–'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </TableScroll>
      {canEdit ? (
        <section aria-labelledby="uploaden" className="bfm-stack">
          <Heading2 id="uploaden">Een definitie uploaden</Heading2>
          <Paragraph>
            Een JSON-definitie zoals <code>bfm instrument show VERSIE --json</code> die geeft, met
            een nieuw versienummer en <code>derivedFrom</code>. Zie docs/instruments.md. Bij een
            fout wordt niets opgeslagen.
          </Paragraph>
          <Form method="post" encType="multipart/form-data" className="bfm-form" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="upload" />
            <FormField
              invalid={!!uploadError}
              label={<FormLabel htmlFor="bestand">JSON-bestand</FormLabel>}
              description={
                <FormFieldDescription id="bestand-hint">Hoogstens 1 MB.</FormFieldDescription>
              }
              input={
                <input
                  id="bestand"
                  name="bestand"
                  type="file"
                  accept="application/json,.json"
                  className="utrecht-textbox"
                  aria-describedby={`bestand-hint${uploadError ? ' bestand-fout' : ''}`}
                  aria-invalid={uploadError ? true : undefined}
                />
              }
            />
            {uploadError ? (
              <p id="bestand-fout" className="utrecht-form-field-error-message">
                Het bestand is niet opgeslagen; zie de fouten hierboven.
              </p>
            ) : null}
            <div className="bfm-actions">
              <Button type="submit" appearance="secondary-action-button">
                Definitie uploaden
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
