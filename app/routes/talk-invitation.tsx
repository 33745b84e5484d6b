/**
 * Inviting to an advice talk (issue 12, helper B): the advisor of the province or the
 * coordinator sends an invitation by e-mail, with the talk as an iCalendar file attached, to
 * the addresses they give (the municipality's accounts are suggested). Without an SMTP server
 * the mails go to the outbox (Postvak). Sending again after a change of date or place sends an
 * update of the same calendar event.
 */
import { Button, ButtonLink, Heading1, Paragraph } from '@utrecht/component-library-react';
import { data, Form, type Params } from 'react-router';
import type { Route } from './+types/talk-invitation';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { TextareaField } from '../components/field';
import { FlashMessage } from '../components/flash-message';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
import { formatDate, formatDateTime } from '../lib/format';
import { attempt, handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import {
  MAX_INVITATION_RECIPIENTS,
  readTalkForInvitation,
  sendTalkInvitation,
} from '../lib/services.server';
import { requireSession, verifyCsrf } from '../lib/session.server';

type Data = Route.MetaArgs['loaderData'];

const talkPath = (params: Params) => `/gesprekken/${params.talkId ?? ''}`;

const trail = (data: Data | undefined, params: Params): Trail => [
  HOME,
  { label: 'Adviesgesprekken', to: '/gesprekken' },
  {
    label: data
      ? `Gesprek met ${data.talk.municipality.name} (${formatDate(data.talk.heldOn)})`
      : 'Gesprek',
    to: talkPath(params),
  },
  { label: 'Uitnodiging', to: `${talkPath(params)}/uitnodiging` },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

/** The talk's id; anything else is NaN, which the service answers as not found after the
 * role check (so a municipality hears 403 whatever the address). */
function readTalkId(params: Params): number {
  return /^\d{1,9}$/.test(params.talkId ?? '') ? Number(params.talkId) : NaN;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const talk = await handleErrors(() =>
    readTalkForInvitation(context.db, session.user, readTalkId(params)),
  );
  const { flash, headers } = takeFlash(request, context);
  return data(
    {
      flash,
      talk,
      outbox: context.mailer.kind === 'outbox',
      maxRecipients: MAX_INVITATION_RECIPIENTS,
    },
    { headers },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/talk-invitation.tsx');
  const talkId = readTalkId(params);
  const recipients = String(form.get('ontvangers') ?? '');
  const message = String(form.get('bericht') ?? '');
  const outcome = await attempt(() =>
    sendTalkInvitation(
      context.db,
      session.user,
      { mailer: context.mailer, links: context.links },
      { talkId, recipients, message },
    ),
  );
  const fieldOf = (field: string) =>
    field === 'message' ? 'bericht' : field === 'recipients' ? 'ontvangers' : field;
  if (!outcome.ok)
    return data(
      { errors: [{ field: 'ontvangers', message: outcome.error.message }], recipients, message },
      { status: outcome.status },
    );
  if (!outcome.value.ok)
    return data(
      {
        errors: outcome.value.issues.map((issue): FieldError => ({
          ...issue,
          field: fieldOf(issue.field),
        })),
        recipients,
        message,
      },
      { status: 400 },
    );
  const sent = outcome.value;
  throw redirectWithFlash(
    `${talkPath(params)}/uitnodiging`,
    {
      text: `De uitnodiging is ${context.mailer.kind === 'outbox' ? 'in het postvak gezet' : 'verstuurd'}, met het gesprek als agenda-item.`,
      details: sent.recipients.map((address) => `Aan ${address}`),
    },
    context,
  );
}

export default function TalkInvitation({ loaderData, actionData }: Route.ComponentProps) {
  const { talk, flash } = loaderData;
  const errors = actionData?.errors ?? [];
  const errorOf = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <div className="bfm-stack">
      <Heading1>Uitnodiging voor het adviesgesprek met {talk.municipality.name}</Heading1>
      <FlashMessage flash={flash} />
      <ErrorSummary errors={errors} />
      <dl className="bfm-facts">
        <dt>Wanneer</dt>
        <dd>{talk.when}</dd>
        <dt>Waar</dt>
        <dd>{talk.location || 'nog niet bekend'}</dd>
        <dt>Over</dt>
        <dd>de resultaten van {talk.roundName}</dd>
        {talk.participants ? (
          <>
            <dt>Deelnemers</dt>
            <dd>{talk.participants}</dd>
          </>
        ) : null}
        <dt>Eerder uitgenodigd</dt>
        <dd>
          {talk.invitedAt
            ? `${formatDateTime(talk.invitedAt)}; een nieuwe uitnodiging werkt het agenda-item bij`
            : 'nog niet'}
        </dd>
      </dl>
      <Paragraph>
        Iedere ontvanger krijgt een e-mail met het gesprek als agenda-item (adviesgesprek.ics).
        {loaderData.outbox
          ? ' Er is geen mailserver ingesteld: de e-mail komt in het postvak van de coördinator.'
          : ''}{' '}
        <a className="utrecht-link" href={`/gesprekken/${talk.id}/uitnodiging.ics`} download>
          Het agenda-item zelf downloaden
        </a>
        .
      </Paragraph>
      <Form method="post" noValidate className="bfm-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="send" />
        <TextareaField
          name="ontvangers"
          label="E-mailadressen van de ontvangers"
          hint={`Eén per regel of gescheiden door komma's, hoogstens ${loaderData.maxRecipients}. De accounts van ${talk.municipality.name} staan er al.`}
          error={errorOf('ontvangers')}
          rows={4}
          defaultValue={actionData?.recipients ?? talk.suggestedRecipients.join('\n')}
        />
        <TextareaField
          name="bericht"
          label="Bericht (niet verplicht)"
          hint="Komt boven de gegevens van het gesprek in de e-mail."
          error={errorOf('bericht')}
          rows={5}
          defaultValue={actionData?.message ?? ''}
        />
        <div className="bfm-actions">
          <Button type="submit" appearance="primary-action-button">
            Uitnodiging versturen
          </Button>
          <ButtonLink href={`/gesprekken/${talk.id}`} appearance="secondary-action-button">
            Terug naar het gesprek
          </ButtonLink>
        </div>
      </Form>
    </div>
  );
}
