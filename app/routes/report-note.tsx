/**
 * The note of one basisfunctie in a municipality's report: a short text by the municipality or
 * its advisor, shown in the report next to the mark. After saving, the report opens again at
 * the basisfunctie (`#bf-<questionnaire>-<basisfunctie>`) with a message.
 *
 * The form carries the version of the note it started from. When someone else saved the note
 * in between, nothing is written: the page comes back (409) with the other person's text, the
 * user's own text still in the field, and the new version, so saving again is a choice made
 * with both texts in view.
 */
import {
  Button,
  ButtonLink,
  Heading1,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { data, Form, type Params } from 'react-router';
import type { Route } from './+types/report-note';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { TextareaField } from '../components/field';
import { redirectWithFlash } from '../lib/flash.server';
import { formatDate } from '../lib/format';
import { attempt, handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import {
  municipalityPath,
  municipalityTrail,
  pageHandle,
  pageMeta,
  questionnaireLabel,
  type Trail,
} from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  MAX_REPORT_NOTE_LENGTH,
  readReportNote,
  ReportNoteConflictError,
  saveReportNote,
} from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

function reportPath(params: Params): string {
  return `${municipalityPath(params)}/rapport`;
}

/** Where the report shows the basisfunctie (the integrator's report page has these ids). */
function reportAnchor(params: Params): string {
  return `${reportPath(params)}#bf-${params.questionnaire ?? ''}-${params.basisfunctie ?? ''}`;
}

const trail = (data: Data | undefined, params: Params): Trail => [
  ...municipalityTrail(params, {
    roundName: data?.roundName,
    municipality: data?.municipality.name,
  }),
  { label: 'Rapport', to: reportPath(params) },
  {
    label: `Notitie bij ${data?.basisfunctie.name ?? 'een basisfunctie'}`,
    to: `${reportPath(params)}/notitie/${params.questionnaire ?? ''}/${params.basisfunctie ?? ''}`,
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

function noteKey(params: Params) {
  return {
    roundId: params.roundId ?? '',
    code: params.code ?? '',
    questionnaire: params.questionnaire ?? '',
    basisfunctie: params.basisfunctie ?? '',
  };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const editor = await handleErrors(() =>
    readReportNote(context.db, session.user, noteKey(params)),
  );
  return { ...editor, back: reportAnchor(params), maxLength: MAX_REPORT_NOTE_LENGTH };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/report-note.tsx');
  // Checks access and names the basisfunctie for the message.
  const editor = await handleErrors(() =>
    readReportNote(context.db, session.user, noteKey(params)),
  );
  const text = String(form.get('text') ?? '');
  const baseVersion = String(form.get('baseVersion') ?? '');
  const outcome = await attempt(() =>
    saveReportNote(context.db, session.user, { ...noteKey(params), text, baseVersion }),
  );
  if (!outcome.ok) {
    const current = outcome.error instanceof ReportNoteConflictError ? outcome.error.current : null;
    return data(
      {
        // A conflict shows the other text in a section of its own, which the summary names.
        errors: current
          ? [
              {
                field: 'text',
                href: '#andere-tekst',
                message: `${current.updatedByName} heeft deze notitie intussen ${current.text === '' ? 'verwijderd' : 'gewijzigd'}. Uw tekst is nog niet opgeslagen: lees hieronder wat er nu staat en sla opnieuw op.`,
              },
            ]
          : [{ field: 'text', message: outcome.error.message }],
        text,
        // After a conflict the next save starts from the version the user has now seen.
        version: current?.version ?? editor.version,
        conflict: current,
      },
      { status: outcome.status },
    );
  }
  if (!outcome.value.ok)
    return data(
      { errors: outcome.value.issues, text, version: editor.version, conflict: null },
      { status: 400 },
    );
  const name = editor.basisfunctie.name;
  const messages = {
    saved: `De notitie bij ${name} is opgeslagen.`,
    deleted: `De notitie bij ${name} is verwijderd.`,
    unchanged: `De notitie bij ${name} was al zo opgeslagen.`,
  } as const;
  throw redirectWithFlash(reportAnchor(params), { text: messages[outcome.value.outcome] }, context);
}

export default function ReportNote({ loaderData, actionData }: Route.ComponentProps) {
  const d = loaderData;
  const errors = actionData?.errors ?? [];
  const conflict = actionData?.conflict ?? null;
  const version = actionData?.version ?? d.version;
  const text = actionData?.text ?? d.note?.text ?? '';
  return (
    <div className="bfm-stack">
      <Heading1>Notitie bij {d.basisfunctie.name}</Heading1>
      <Paragraph>
        {d.municipality.name}, {questionnaireLabel(d.questionnaire.id).toLowerCase()}, {d.roundName}
        . De notitie staat in het rapport bij deze basisfunctie, bijvoorbeeld om een laag cijfer toe
        te lichten. Iedereen die het rapport van {d.municipality.name} mag lezen, ziet haar.
      </Paragraph>
      {d.note ? (
        <Paragraph>
          Laatst gewijzigd door {d.note.updatedByName} op {formatDate(d.note.updatedAt)}.
        </Paragraph>
      ) : null}
      <ErrorSummary
        errors={errors}
        title={conflict ? 'Iemand anders heeft deze notitie gewijzigd' : 'Er is een probleem'}
      />
      {conflict ? (
        <section
          id="andere-tekst"
          tabIndex={-1}
          aria-labelledby="andere-tekst-titel"
          className="utrecht-alert utrecht-alert--warning"
        >
          <Heading2 id="andere-tekst-titel">
            {conflict.text === ''
              ? `Verwijderd door ${conflict.updatedByName}`
              : `De tekst van ${conflict.updatedByName}`}
          </Heading2>
          {conflict.text === '' ? (
            <Paragraph>
              {conflict.updatedByName} heeft de notitie op {formatDate(conflict.updatedAt)}{' '}
              verwijderd.
            </Paragraph>
          ) : (
            <blockquote className="bfm-quote">
              <Paragraph>{conflict.text}</Paragraph>
            </blockquote>
          )}
          <Paragraph>
            Uw eigen tekst staat hieronder. Sla op om uw tekst te bewaren in plaats van die van{' '}
            {conflict.updatedByName}, of pas hem eerst aan.
          </Paragraph>
        </section>
      ) : null}
      <Form method="post" noValidate className="bfm-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="baseVersion" value={version} />
        <TextareaField
          name="text"
          label="Notitie"
          hint={`Hoogstens ${d.maxLength} tekens. Laat het veld leeg en sla op om de notitie te verwijderen.`}
          error={
            conflict
              ? 'Uw tekst is nog niet opgeslagen. Sla opnieuw op om hem te bewaren.'
              : errors.find((error) => error.field === 'text')?.message
          }
          rows={8}
          defaultValue={text}
        />
        <div className="bfm-actions">
          <Button type="submit" appearance="primary-action-button">
            Notitie opslaan
          </Button>
          <ButtonLink href={d.back} appearance="secondary-action-button">
            Terug naar het rapport
          </ButtonLink>
        </div>
      </Form>
    </div>
  );
}
