/**
 * Editing an advice talk (issue 12, helper A): `/gesprekken/:talkId/bewerken`. The form
 * carries the version it started from; when someone else saved in between, nothing is written
 * and the page comes back (409) with everything typed, saying who changed it. Saving again
 * then starts from the version now seen. Actions keep the status the municipality gave them.
 */
import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { data, type Params } from 'react-router';
import type { Route } from './+types/talk-edit';
import { TalkForm } from '../components/talk-form';
import { redirectWithFlash } from '../lib/flash.server';
import { formatDate } from '../lib/format';
import { attempt, handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { HOME, pageHandle, pageMeta, TALKS, type Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import { formFieldOf, initialTalkForm, readTalkForm, TALK_FIELDS } from '../lib/talk-form';
import { readTalkEditor, TalkConflictError, updateTalk } from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  HOME,
  TALKS,
  {
    label: data?.talk ? `Gesprek met ${data.municipality.name}` : 'Gesprek',
    to: `/gesprekken/${params.talkId ?? ''}`,
  },
  { label: 'Bewerken', to: `/gesprekken/${params.talkId ?? ''}/bewerken` },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

const talkIdOf = (params: Params) => Number(params.talkId);

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  return handleErrors(() => readTalkEditor(context.db, session.user, { talkId: talkIdOf(params) }));
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/talk-edit.tsx');
  const editor = await handleErrors(() =>
    readTalkEditor(context.db, session.user, { talkId: talkIdOf(params) }),
  );
  const posted = readTalkForm(form);
  const baseVersion = String(form.get('baseVersion') ?? '');
  if (posted.adding !== null)
    return data({ state: posted.state, errors: [], version: Number(baseVersion) || null });
  const outcome = await attempt(() =>
    updateTalk(context.db, session.user, talkIdOf(params), { ...posted.input, baseVersion }),
  );
  if (!outcome.ok) {
    const current = outcome.error instanceof TalkConflictError ? outcome.error.current : null;
    return data(
      {
        state: posted.state,
        errors: [
          {
            field: TALK_FIELDS.heldOn,
            message: current
              ? `${current.updatedByName} heeft dit gesprek intussen gewijzigd (${formatDate(current.updatedAt)}). Uw wijzigingen zijn nog niet opgeslagen en staan hieronder. Bekijk het gesprek in een ander venster; sla daarna opnieuw op om uw versie te bewaren.`
              : outcome.error.message,
          },
        ],
        // After a conflict the next save starts from the version the user has now been told of.
        version: current?.version ?? editor.talk?.version ?? null,
      },
      { status: outcome.status },
    );
  }
  if (!outcome.value.ok)
    return data(
      {
        state: posted.state,
        errors: outcome.value.issues.map((issue) => ({
          field: formFieldOf(issue.field),
          message: issue.message,
        })),
        version: Number(baseVersion) || null,
      },
      { status: 400 },
    );
  throw redirectWithFlash(
    `/gesprekken/${outcome.value.id}`,
    { text: 'De wijzigingen in het adviesgesprek zijn opgeslagen.' },
    context,
  );
}

export default function TalkEdit({ loaderData, actionData }: Route.ComponentProps) {
  const editor = loaderData;
  const talk = editor.talk;
  if (!talk) return null;
  const state = actionData?.state ?? initialTalkForm(editor.subjects, talk);
  const statuses = Object.fromEntries(
    talk.topics.flatMap((topic) => topic.actions.map((a) => [String(a.id), a.statusLabel])),
  );
  return (
    <div className="bfm-stack">
      <Heading1>Gesprek met {editor.municipality.name} bewerken</Heading1>
      <Paragraph>
        Over de resultaten van {editor.round.name}. Laatst gewijzigd door {talk.updatedByName} op{' '}
        {formatDate(talk.updatedAt)}. De status van de acties houdt de gemeente bij; die verandert
        hier niet.
      </Paragraph>
      <TalkForm
        subjects={editor.subjects}
        state={state}
        errors={actionData?.errors ?? []}
        version={actionData?.version ?? talk.version}
        statuses={statuses}
        submitLabel="Wijzigingen opslaan"
        cancelHref={`/gesprekken/${talk.id}`}
        roundName={editor.round.name}
      />
    </div>
  );
}
