/**
 * One action agreed in an advice talk (issue 12, helper B): what, who, the target date and the
 * status, with a form to change the status (a reason is required when the action is dropped)
 * and the comments with a form to add one. Everyone who may read the talk reads the page; the
 * municipality, its advisor and the coordinator change it.
 *
 * The status form carries the version it started from: when someone else changed the action
 * in between, nothing is saved and the page says what is stored now (409), with the user's
 * choice still in the form.
 */
import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { data, Form, Link, type Params } from 'react-router';
import type { Route } from './+types/action';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { RadioGroupField, TextareaField } from '../components/field';
import { FlashMessage } from '../components/flash-message';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
import { formatDate, formatDateTime } from '../lib/format';
import { attempt, handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from '../../src/domain/improvement';
import {
  ActionConflictError,
  addActionComment,
  MAX_ACTION_COMMENT_LENGTH,
  MAX_STATUS_REASON_LENGTH,
  readAction,
  updateActionStatus,
} from '../lib/services.server';
import { requireSession, verifyCsrf } from '../lib/session.server';

type Data = Route.MetaArgs['loaderData'];

const actionPath = (params: Params) => `/acties/${params.actionId ?? ''}`;

const trail = (data: Data | undefined, params: Params): Trail => [
  HOME,
  { label: 'Adviesgesprekken', to: '/gesprekken' },
  {
    label: data
      ? `Gesprek met ${data.action.municipality.name} (${formatDate(data.action.heldOn)})`
      : 'Gesprek',
    to: data ? `/gesprekken/${data.action.talkId}` : '/gesprekken',
  },
  { label: data ? `Actie: ${data.action.description}` : 'Actie', to: actionPath(params) },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

// The flash message's cookie is removed by the loader's answer.
export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

/** The action's id; anything else is NaN, which the service answers as not found after the
 * role check (so the analyst hears 403 whatever the address). */
function readActionId(params: Params): number {
  return /^\d{1,9}$/.test(params.actionId ?? '') ? Number(params.actionId) : NaN;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const action = await handleErrors(() =>
    readAction(context.db, session.user, readActionId(params)),
  );
  const { flash, headers } = takeFlash(request, context);
  return data(
    {
      flash,
      action,
      maxReason: MAX_STATUS_REASON_LENGTH,
      maxComment: MAX_ACTION_COMMENT_LENGTH,
    },
    { headers },
  );
}

interface FormState {
  readonly form: 'status' | 'comment';
  readonly errors: FieldError[];
  readonly status?: string;
  readonly reason?: string;
  readonly text?: string;
  readonly version?: number;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  const intent = readIntent(form, 'routes/action.tsx');
  const actionId = readActionId(params);
  if (intent === 'comment') {
    const text = String(form.get('opmerking') ?? '');
    const outcome = await attempt(() =>
      addActionComment(context.db, session.user, { actionId, text }),
    );
    if (!outcome.ok)
      return data<FormState>(
        { form: 'comment', errors: [{ field: 'opmerking', message: outcome.error.message }], text },
        { status: outcome.status },
      );
    if (!outcome.value.ok)
      return data<FormState>(
        {
          form: 'comment',
          errors: outcome.value.issues.map((issue) => ({ ...issue, field: 'opmerking' })),
          text,
        },
        { status: 400 },
      );
    throw redirectWithFlash(
      `${actionPath(params)}#opmerkingen`,
      { text: 'Uw opmerking is geplaatst.' },
      context,
    );
  }
  const status = String(form.get('status') ?? '');
  const reason = String(form.get('reden') ?? '');
  const baseVersion = String(form.get('versie') ?? '');
  const outcome = await attempt(() =>
    updateActionStatus(context.db, session.user, { actionId, status, reason, baseVersion } as {
      actionId: number;
      status: 'planned';
      reason: string;
      baseVersion: string;
    }),
  );
  if (!outcome.ok) {
    const current = outcome.error instanceof ActionConflictError ? outcome.error.current : null;
    return data<FormState>(
      {
        form: 'status',
        errors: [{ field: 'status', message: outcome.error.message }],
        status,
        reason,
        // After a conflict the next save starts from the version the user has now seen.
        ...(current ? { version: current.version } : {}),
      },
      { status: outcome.status },
    );
  }
  if (!outcome.value.ok)
    return data<FormState>(
      {
        form: 'status',
        errors: outcome.value.issues.map((issue) => ({
          ...issue,
          field: issue.field === 'reason' ? 'reden' : issue.field,
        })),
        status,
        reason,
      },
      { status: 400 },
    );
  const label = ACTION_STATUS_LABELS[outcome.value.action.status];
  throw redirectWithFlash(
    actionPath(params),
    {
      text:
        outcome.value.outcome === 'unchanged'
          ? `De status was al ‘${label}’.`
          : `De status is bijgewerkt: ${label}.`,
    },
    context,
  );
}

export default function ActionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { action: a, flash } = loaderData;
  const state = actionData as FormState | undefined;
  const statusState = state?.form === 'status' ? state : undefined;
  const commentState = state?.form === 'comment' ? state : undefined;
  const errorOf = (s: FormState | undefined, field: string) =>
    s?.errors.find((error) => error.field === field)?.message;
  // A save redirects back here, which in the browser keeps the same form elements and with
  // them what was typed: a posted comment stayed in its box, inviting a second post. Keying
  // each form on what its save changes (the version, the number of comments) starts it afresh
  // after a save, while a refused save (same key) keeps the user's input.
  return (
    <div className="bfm-stack">
      <Heading1>Actie: {a.description}</Heading1>
      <FlashMessage flash={flash} />
      <ErrorSummary errors={state?.errors ?? []} />
      <dl className="bfm-facts">
        <dt>Gemeente</dt>
        <dd>{a.municipality.name}</dd>
        <dt>Basisfunctie</dt>
        <dd>
          {a.basisfunctie.name} ({a.questionnaire.name})
        </dd>
        {a.activity ? (
          <>
            <dt>Voorgestelde activiteit</dt>
            <dd>{a.activity}</dd>
          </>
        ) : null}
        <dt>Wie</dt>
        <dd>{a.owner || '–'}</dd>
        <dt>Streefdatum</dt>
        <dd>
          {a.dueOn ? formatDate(a.dueOn) : 'geen'}
          {a.overdue ? <strong className="bfm-overdue"> (verlopen)</strong> : null}
        </dd>
        <dt>Status</dt>
        <dd>
          {a.statusLabel}
          {a.statusReason ? `: ${a.statusReason}` : ''}
        </dd>
        <dt>Afgesproken in</dt>
        <dd>
          <Link className="utrecht-link" to={`/gesprekken/${a.talkId}`}>
            het adviesgesprek van {formatDate(a.heldOn)}
          </Link>{' '}
          over {a.roundName}
        </dd>
      </dl>
      <Paragraph>
        Laatst bijgewerkt door {a.updatedByName} op {formatDateTime(a.updatedAt)}.
      </Paragraph>

      {a.canUpdate ? (
        <section aria-labelledby="status-titel" className="bfm-stack">
          <Heading2 id="status-titel">Status bijwerken</Heading2>
          <Form key={`status-${a.version}`} method="post" noValidate className="bfm-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="versie" value={statusState?.version ?? a.version} />
            <RadioGroupField
              name="status"
              label="Status"
              error={errorOf(statusState, 'status')}
              choices={ACTION_STATUSES.map((value) => ({
                value,
                label: ACTION_STATUS_LABELS[value],
              }))}
              checked={[statusState?.status ?? a.status]}
            />
            <TextareaField
              name="reden"
              label="Toelichting"
              hint={`Verplicht als de actie vervalt: waarom. Hoogstens ${loaderData.maxReason} tekens.`}
              error={errorOf(statusState, 'reden')}
              rows={3}
              defaultValue={statusState?.reason ?? a.statusReason ?? ''}
            />
            <div className="bfm-actions">
              <Button type="submit" appearance="primary-action-button">
                Status opslaan
              </Button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="opmerkingen" className="bfm-stack">
        <Heading2 id="opmerkingen" tabIndex={-1}>
          Opmerkingen
        </Heading2>
        {a.comments.length === 0 ? (
          <Paragraph>Nog geen opmerkingen.</Paragraph>
        ) : (
          <UnorderedList className="bfm-comments">
            {a.comments.map((comment) => (
              <UnorderedListItem key={comment.id}>
                <Paragraph>
                  <strong>{comment.authorName}</strong>, {formatDateTime(comment.createdAt)}:
                </Paragraph>
                <Paragraph className="bfm-preserve-lines">{comment.text}</Paragraph>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
        {a.canUpdate ? (
          <Form key={`comment-${a.comments.length}`} method="post" noValidate className="bfm-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="comment" />
            <TextareaField
              name="opmerking"
              label="Nieuwe opmerking"
              hint={`Iedereen die dit gesprek mag lezen, ziet haar. Hoogstens ${loaderData.maxComment} tekens.`}
              error={errorOf(commentState, 'opmerking')}
              rows={4}
              defaultValue={commentState?.text ?? ''}
            />
            <div className="bfm-actions">
              <Button type="submit" appearance="secondary-action-button">
                Opmerking plaatsen
              </Button>
            </div>
          </Form>
        ) : null}
      </section>
      <Paragraph>
        <Link className="utrecht-link" to="/acties">
          Alle open acties
        </Link>
      </Paragraph>
    </div>
  );
}
