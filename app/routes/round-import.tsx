/**
 * Importing answers into a round, in two steps that work without JavaScript:
 * 1. upload a CSV or .xlsx file: it is kept in the database and the page redirects to its
 *    preview (`?bestand=ID`), so a refresh uploads nothing again;
 * 2. the preview shows what would change (or every error with its line); confirming imports
 *    exactly that, all or nothing, and goes back to the round with a message.
 */
import {
  Button,
  Checkbox,
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
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { data, Form, redirect, type Params } from 'react-router';
import type { Route } from './+types/round-import';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { TextareaField } from '../components/field';
import { ImportErrorTable } from '../components/import-error-table';
import { TableScroll } from '../components/table-scroll';
import { redirectWithFlash } from '../lib/flash.server';
import { formatCount, listNames } from '../lib/format';
import { attempt, handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { pageHandle, pageMeta, roundTrail, type Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  confirmImportUpload,
  loadImportPage,
  previewImportUpload,
  storeImportUpload,
} from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

const path = (params: Params) => `/metingen/${encodeURIComponent(params.roundId ?? '')}/importeren`;

const trail = (loaderData: Data | undefined, params: Params): Trail => [
  ...roundTrail(params, loaderData?.page.roundName),
  { label: 'Antwoorden importeren', to: path(params) },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/** The upload id in the address: a token of letters, digits, '-' and '_'. */
const UPLOAD_ID = /^[A-Za-z0-9_-]{16,64}$/;

// After a refused confirmation (400 or 409) the preview is worked out again, so it shows
// what the data is now; React Router would skip that after an error status.
export function shouldRevalidate() {
  return true;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const roundId = params.roundId;
  const page = await handleErrors(() => loadImportPage(context.db, session.user, roundId));
  const uploadId = new URL(request.url).searchParams.get('bestand');
  const preview =
    uploadId && UPLOAD_ID.test(uploadId)
      ? await handleErrors(() => previewImportUpload(context.db, session.user, roundId, uploadId))
      : null;
  return { page, preview };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  const roundId = params.roundId;
  // The permission and the round first: a caller who may not import hears 403, whatever the form.
  await handleErrors(() => loadImportPage(context.db, session.user, roundId));
  if (readIntent(form, 'routes/round-import.tsx') === 'upload') {
    const file = form.get('bestand');
    if (!(file instanceof File) || file.size === 0)
      return data(
        {
          errors: [
            { field: 'bestand', message: 'Kies een bestand: CSV (UTF-8) of Excel (.xlsx).' },
          ],
        },
        { status: 400 },
      );
    const result = await attempt(async () =>
      storeImportUpload(context.db, session.user, {
        roundId,
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      }),
    );
    if (!result.ok)
      return data(
        { errors: [{ field: 'bestand', message: result.error.message }] },
        { status: result.status },
      );
    throw redirect(`${path(params)}?bestand=${encodeURIComponent(result.value)}`);
  }
  const override = form.get('overschrijven') === 'ja';
  const result = await attempt(() =>
    confirmImportUpload(context.db, session.user, {
      roundId,
      uploadId: String(form.get('bestand') ?? ''),
      fingerprint: String(form.get('vingerafdruk') ?? ''),
      override: override ? { reason: String(form.get('reden') ?? '') } : undefined,
    }),
  );
  if (!result.ok) {
    const field = override && /reden/i.test(result.error.message) ? 'reden' : 'importeren';
    return data({ errors: [{ field, message: result.error.message }] }, { status: result.status });
  }
  const { fileName, rows, result: counts } = result.value;
  throw redirectWithFlash(
    `/metingen/${encodeURIComponent(roundId)}`,
    {
      text:
        `‘${fileName}’ is geïmporteerd: ${formatCount(rows, 'regel', 'regels')}; ` +
        `${counts.inserted} nieuw, ${counts.updated} gewijzigd, ${counts.cleared} gewist, ` +
        `${counts.unchanged} ongewijzigd.`,
    },
    context,
  );
}

export default function RoundImport({ loaderData, actionData }: Route.ComponentProps) {
  const { page, preview } = loaderData;
  const errors: readonly FieldError[] = actionData?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const uploadError = errorFor('bestand');
  const megabytes = Math.round(page.maxBytes / (1024 * 1024));
  return (
    <div className="bfm-stack">
      <Heading1>Antwoorden importeren</Heading1>
      <ErrorSummary errors={errors} />
      {page.synthetic ? (
        <Paragraph>
          Dit is een synthetische demonstratiemeting: zij neemt geen geïmporteerde antwoorden aan.
        </Paragraph>
      ) : null}
      {preview?.ok === false ? (
        <section aria-labelledby="fouten" className="bfm-stack">
          <Heading2 id="fouten">‘{preview.fileName}’ kan niet worden geïmporteerd</Heading2>
          <Paragraph>{preview.message}</Paragraph>
          {preview.errors.length > 0 ? (
            <>
              <ImportErrorTable errors={preview.errors} />
              {preview.errorCount > preview.errors.length ? (
                <Paragraph>
                  … en nog {(preview.errorCount - preview.errors.length).toLocaleString('nl-NL')}{' '}
                  fouten.
                </Paragraph>
              ) : null}
            </>
          ) : null}
          <Paragraph>Verbeter het bestand en upload het opnieuw.</Paragraph>
        </section>
      ) : null}
      {preview?.ok ? (
        <section aria-labelledby="voorvertoning" className="bfm-stack">
          <Heading2 id="voorvertoning">Voorvertoning van ‘{preview.fileName}’</Heading2>
          <UnorderedList>
            <UnorderedListItem>
              {formatCount(preview.rows, 'regel', 'regels')} gelezen.
            </UnorderedListItem>
            <UnorderedListItem>
              {formatCount(preview.inserted, 'nieuw antwoord', 'nieuwe antwoorden')},{' '}
              {formatCount(preview.updated, 'gewijzigd antwoord', 'gewijzigde antwoorden')},{' '}
              {formatCount(preview.cleared, 'gewist antwoord', 'gewiste antwoorden')} en{' '}
              {formatCount(preview.unchanged, 'ongewijzigd antwoord', 'ongewijzigde antwoorden')}.
            </UnorderedListItem>
            {preview.questionnaires.map((questionnaire) => (
              <UnorderedListItem key={questionnaire.id}>
                {questionnaire.label}:{' '}
                {formatCount(questionnaire.changes, 'wijziging', 'wijzigingen')}.
              </UnorderedListItem>
            ))}
            {preview.municipalities.length > 0 ? (
              <UnorderedListItem>
                {formatCount(preview.municipalities.length, 'gemeente', 'gemeenten')}:{' '}
                {listNames(
                  preview.municipalities.map((m) => m.name),
                  20,
                )}
                .
              </UnorderedListItem>
            ) : null}
          </UnorderedList>
          {preview.changes.length > 0 ? (
            <TableScroll
              caption={
                preview.changes.length < preview.inserted + preview.updated + preview.cleared
                  ? `De eerste ${preview.changes.length} wijzigingen`
                  : 'Alle wijzigingen'
              }
            >
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                  <TableHeaderCell scope="col">Vragenlijst</TableHeaderCell>
                  <TableHeaderCell scope="col">Vraag</TableHeaderCell>
                  <TableHeaderCell scope="col">Nu</TableHeaderCell>
                  <TableHeaderCell scope="col">Wordt</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {preview.changes.map((change) => (
                  <TableRow
                    key={`${change.municipalityCode}-${change.questionnaire}-${change.question}`}
                  >
                    <TableCell>{change.municipality}</TableCell>
                    <TableCell>{change.questionnaire}</TableCell>
                    <TableCell>{change.question}</TableCell>
                    <TableCell>{change.oldText}</TableCell>
                    <TableCell>{change.newText}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
          ) : (
            <Paragraph>Het bestand verandert niets: alle antwoorden staan er al zo in.</Paragraph>
          )}
          {preview.changes.length > 0 ? (
            <Form
              method="post"
              action={`?bestand=${encodeURIComponent(preview.uploadId)}`}
              className="bfm-form"
              noValidate
            >
              <CsrfInput />
              <input type="hidden" name="intent" value="import" />
              <input type="hidden" name="bestand" value={preview.uploadId} />
              <input type="hidden" name="vingerafdruk" value={preview.fingerprint} />
              {preview.needsOverride ? (
                <div className="utrecht-alert utrecht-alert--warning bfm-stack" id="importeren">
                  <Heading2>Deze import wijzigt antwoorden die al vastliggen</Heading2>
                  <UnorderedList>
                    {preview.closedRound ? (
                      <UnorderedListItem>De meting {page.roundName} is gesloten.</UnorderedListItem>
                    ) : null}
                    {preview.submitted.map((s) => (
                      <UnorderedListItem key={`${s.code}-${s.questionnaire}`}>
                        {s.name}: {s.questionnaire} is al ingediend.
                      </UnorderedListItem>
                    ))}
                  </UnorderedList>
                  <FormField
                    type="checkbox"
                    label={
                      <FormLabel htmlFor="overschrijven" type="checkbox">
                        <Checkbox id="overschrijven" name="overschrijven" value="ja" />
                        Ik wil deze antwoorden toch wijzigen
                      </FormLabel>
                    }
                    description={
                      <FormFieldDescription>
                        De wijziging en de reden komen in het logboek van elke gemeente.
                      </FormFieldDescription>
                    }
                  />
                  <TextareaField
                    name="reden"
                    label="Reden"
                    hint="Bijvoorbeeld: de gemeente leverde een correctie aan."
                    error={errorFor('reden')}
                    rows={3}
                  />
                </div>
              ) : (
                <span id="importeren" />
              )}
              <Button type="submit" appearance="primary-action-button">
                {formatCount(
                  preview.inserted + preview.updated + preview.cleared,
                  'wijziging importeren',
                  'wijzigingen importeren',
                )}
              </Button>
            </Form>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="bestand-kiezen" className="bfm-stack">
        <Heading2 id="bestand-kiezen">
          {preview ? 'Een ander bestand kiezen' : 'Bestand kiezen'}
        </Heading2>
        <Paragraph>
          Een CSV-bestand (UTF-8) of Excel-bestand (.xlsx) met de kolommen meting, gemeentecode,
          vragenlijst, vraag en antwoord, zoals bij <code>bfm import</code>. De kolom meting is leeg
          of {page.roundId}. Elke gemeentecode moet in het register van deze meting staan:{' '}
          {page.registerText}. U ziet eerst wat er verandert; er wordt pas iets opgeslagen als u dat
          bevestigt, en dan alles of niets.
        </Paragraph>
        <Form
          method="post"
          encType="multipart/form-data"
          action="."
          className="bfm-form"
          noValidate
        >
          <CsrfInput />
          <input type="hidden" name="intent" value="upload" />
          <FormField
            invalid={!!uploadError}
            label={<FormLabel htmlFor="bestand">Bestand</FormLabel>}
            description={
              <>
                <FormFieldDescription id="bestand-hint">
                  Hoogstens {megabytes} MB.
                </FormFieldDescription>
                {uploadError ? (
                  <FormFieldDescription
                    id="bestand-fout"
                    className="utrecht-form-field-error-message"
                  >
                    {uploadError}
                  </FormFieldDescription>
                ) : null}
              </>
            }
            input={
              <input
                id="bestand"
                name="bestand"
                type="file"
                className="utrecht-textbox"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={uploadError ? 'bestand-hint bestand-fout' : 'bestand-hint'}
                aria-invalid={uploadError ? true : undefined}
              />
            }
          />
          <Button
            type="submit"
            appearance={preview?.ok ? 'secondary-action-button' : 'primary-action-button'}
          >
            Voorvertoning bekijken
          </Button>
        </Form>
      </section>
    </div>
  );
}
