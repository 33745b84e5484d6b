/**
 * Importing the Wmo plan statuses of a round from a spreadsheet (issue 12, helper C): the same
 * import as `bfm wmo-plannen import`, all or nothing, in one step (a status per municipality
 * has nothing to preview that the error list does not already say). A refused file comes back
 * with every error and its line; an imported one goes to the indicator with a message.
 */
import {
  Button,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { data, Form, type Params } from 'react-router';
import type { Route } from './+types/wmo-plan-import';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { ImportErrorTable } from '../components/import-error-table';
import { redirectWithFlash } from '../lib/flash.server';
import { attempt, handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { pageHandle, pageMeta, roundTrail, type Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  AnswerFileError,
  can,
  ForbiddenError,
  ImportRejectedError,
  importWmoPlanUpload,
  loadWmoPlanIndicator,
} from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

const base = (params: Params) => `/metingen/${encodeURIComponent(params.roundId ?? '')}`;
const path = (params: Params) => `${base(params)}/wmo-plannen/importeren`;

const trail = (data: Data | undefined, params: Params): Trail => [
  ...roundTrail(params, data?.roundName),
  { label: 'Wmo-beleidsplannen importeren', to: path(params) },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

async function loadPage(context: Route.LoaderArgs['context'], request: Request, params: Params) {
  const session = await requireSession(request, context);
  const view = await handleErrors(async () => {
    if (!can(session.user, 'wmoPlan.import'))
      throw new ForbiddenError(
        'Alleen de landelijk coördinator importeert de stand van de Wmo-beleidsplannen.',
      );
    return loadWmoPlanIndicator(context.db, session.user, params.roundId ?? '');
  });
  return { session, view };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { view } = await loadPage(context, request, params);
  return { roundName: view.round.name, roundId: view.round.id };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  // The permission and the round first: a caller who may not import hears 403, whatever the form.
  const { session } = await loadPage(context, request, params);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/wmo-plan-import.tsx');
  const file = form.get('bestand');
  if (!(file instanceof File) || file.size === 0)
    return data(
      {
        errors: [
          { field: 'bestand', message: 'Kies een bestand: CSV (UTF-8) of Excel (.xlsx).' },
        ] as FieldError[],
        rows: [] as { line: number; message: string }[],
        rest: 0,
      },
      { status: 400 },
    );
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await attempt(async () => {
    try {
      return {
        ok: true as const,
        value: await importWmoPlanUpload(context.db, session.user, {
          roundId: params.roundId ?? '',
          fileName: file.name,
          bytes,
        }),
      };
    } catch (error) {
      if (error instanceof AnswerFileError) return { ok: false as const, message: error.message };
      throw error;
    }
  });
  if (!result.ok) {
    const rejected = result.error instanceof ImportRejectedError ? result.error : null;
    return data(
      {
        errors: [
          {
            field: 'bestand',
            message: rejected
              ? `‘${file.name}’ is niet geïmporteerd: ${rejected.errorCount} ${rejected.errorCount === 1 ? 'fout' : 'fouten'} gevonden. Er is niets opgeslagen. Verbeter de regels hieronder en upload het bestand opnieuw.`
              : result.error.message,
          },
        ] as FieldError[],
        rows: rejected ? rejected.errors.map((e) => ({ line: e.line, message: e.message })) : [],
        rest: rejected ? rejected.errorCount - rejected.errors.length : 0,
      },
      { status: result.status },
    );
  }
  if (!result.value.ok)
    return data(
      {
        errors: [{ field: 'bestand', message: result.value.message }] as FieldError[],
        rows: [],
        rest: 0,
      },
      { status: 400 },
    );
  const counts = result.value.value;
  throw redirectWithFlash(
    `${base(params)}/analyse/wmo-plannen`,
    {
      text:
        `‘${counts.fileName}’ is geïmporteerd: ${counts.rows} gemeenten (${counts.inserted} nieuw, ${counts.updated} bijgewerkt); ` +
        `${counts.included} ja, ${counts.partly} gedeeltelijk, ${counts.notIncluded} nee. De standen gelden als bevestigd door u.`,
    },
    context,
  );
}

export default function WmoPlanImport({ loaderData, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors ?? [];
  const fileError = errors.find((error) => error.field === 'bestand')?.message;
  const rows = actionData?.rows ?? [];
  return (
    <div className="bfm-stack">
      <Heading1>Wmo-beleidsplannen importeren</Heading1>
      <ErrorSummary errors={errors} />
      <Paragraph>
        Importeer de stand van de Wmo-beleidsplannen van {loaderData.roundName} uit een CSV-bestand
        (UTF-8) of een Excel-bestand (.xlsx) met de kolommen{' '}
        <code>gemeentecode,opgenomen,periode,titel,url</code>. In de kolom ‘opgenomen’ staat{' '}
        <code>ja</code>, <code>gedeeltelijk</code> of <code>nee</code>; de periode schrijft u als{' '}
        <code>2012-2015</code>. Het is alles of niets: bij één foute regel wordt niets opgeslagen.
        Geïmporteerde standen gelden als bevestigd door u, en komen per gemeente in het logboek.
      </Paragraph>
      {rows.length > 0 ? (
        <section aria-labelledby="fouten" className="bfm-stack">
          <Heading2 id="fouten">Fouten per regel</Heading2>
          <ImportErrorTable errors={rows} />
          {actionData && actionData.rest > 0 ? (
            <Paragraph>… en nog {actionData.rest} fouten.</Paragraph>
          ) : null}
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate className="bfm-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="import" />
        <FormField
          invalid={!!fileError}
          label={<FormLabel htmlFor="bestand">Bestand</FormLabel>}
          description={
            <>
              <FormFieldDescription id="bestand-hint">
                CSV (UTF-8) of Excel (.xlsx), met een kopregel.
              </FormFieldDescription>
              {fileError ? (
                <FormFieldErrorMessage id="bestand-fout">{fileError}</FormFieldErrorMessage>
              ) : null}
            </>
          }
          input={
            <input
              id="bestand"
              name="bestand"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={fileError ? 'bestand-hint bestand-fout' : 'bestand-hint'}
              className="utrecht-textbox"
            />
          }
        />
        <div className="bfm-actions">
          <Button type="submit" appearance="primary-action-button">
            Importeren
          </Button>
        </div>
      </Form>
    </div>
  );
}
