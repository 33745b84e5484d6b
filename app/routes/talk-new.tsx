/**
 * Recording a new advice talk (issue 12, helper A): `/gesprekken/nieuw?meting=ID&gemeente=CODE`.
 * Without a round and a municipality the page first asks for them (a GET form, so the choice
 * is in the address). The form itself is app/components/talk-form.tsx; saving stores the talk,
 * its points and actions at once, or nothing with the problems listed and everything typed
 * still in the form.
 */
import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { data, Form } from 'react-router';
import type { Route } from './+types/talk-new';
import { SelectField } from '../components/field';
import { TalkForm } from '../components/talk-form';
import { redirectWithFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { HOME, pageHandle, pageMeta, TALKS, type Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import { formFieldOf, initialTalkForm, readTalkForm } from '../lib/talk-form';
import {
  assertMayRecordTalks,
  createTalk,
  listTalkChoices,
  readTalkEditor,
} from '../lib/services.server';

const trail = (): Trail => [HOME, TALKS, { label: 'Nieuw gesprek', to: '/gesprekken/nieuw' }];

export const handle = pageHandle(trail);

export function meta() {
  return pageMeta(trail());
}

function chosen(request: Request) {
  const url = new URL(request.url);
  return {
    roundId: url.searchParams.get('meting')?.trim() ?? '',
    code: url.searchParams.get('gemeente')?.trim().replace(/^GM/i, '') ?? '',
  };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const { roundId, code } = chosen(request);
  if (roundId && code) {
    const editor = await handleErrors(() =>
      readTalkEditor(context.db, session.user, { roundId, code }),
    );
    return { mode: 'form' as const, editor, choices: null, roundId, code };
  }
  const choices = await handleErrors(async () => {
    assertMayRecordTalks(session.user);
    return listTalkChoices(context.db, session.user, roundId || undefined);
  });
  return { mode: 'choose' as const, editor: null, choices, roundId, code };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/talk-new.tsx');
  const { roundId, code } = chosen(request);
  // Who may not record a talk with this municipality hears so before anything is echoed back.
  await handleErrors(() => readTalkEditor(context.db, session.user, { roundId, code }));
  const posted = readTalkForm(form);
  if (posted.adding !== null) return data({ state: posted.state, errors: [] });
  const result = await handleErrors(() =>
    createTalk(context.db, session.user, {
      ...posted.input,
      roundId,
      municipalityCode: code,
    }),
  );
  if (!result.ok)
    return data(
      {
        state: posted.state,
        errors: result.issues.map((issue) => ({
          field: formFieldOf(issue.field),
          message: issue.message,
        })),
      },
      { status: 400 },
    );
  throw redirectWithFlash(
    `/gesprekken/${result.id}`,
    { text: 'Het adviesgesprek is vastgelegd.' },
    context,
  );
}

export default function TalkNew({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.mode === 'choose') {
    const choices = loaderData.choices;
    return (
      <div className="bfm-stack">
        <Heading1>Nieuw adviesgesprek</Heading1>
        <Paragraph>
          Kies de meting waarvan de resultaten besproken worden, en de gemeente. U kunt een gesprek
          vastleggen met gemeenten waarvoor u adviseur bent.
        </Paragraph>
        <Form method="get" className="bfm-form">
          <SelectField
            name="meting"
            label="Meting"
            options={(choices?.rounds ?? []).map((r) => ({ value: r.id, label: r.name }))}
            defaultValue={loaderData.roundId || choices?.rounds[0]?.id}
          />
          {choices && choices.municipalities.length > 0 ? (
            <SelectField
              name="gemeente"
              label="Gemeente"
              options={choices.municipalities.map((m) => ({ value: m.code, label: m.name }))}
            />
          ) : (
            <Paragraph>Kies eerst de meting; daarna kiest u de gemeente.</Paragraph>
          )}
          <div className="bfm-actions">
            <Button type="submit" appearance="primary-action-button">
              {choices && choices.municipalities.length > 0 ? 'Verder' : 'Gemeenten tonen'}
            </Button>
          </div>
        </Form>
      </div>
    );
  }
  const editor = loaderData.editor;
  if (!editor) return null;
  const state = actionData?.state ?? initialTalkForm(editor.subjects, null);
  return (
    <div className="bfm-stack">
      <Heading1>Adviesgesprek met {editor.municipality.name}</Heading1>
      <Paragraph>
        Over de resultaten van {editor.municipality.name} ({editor.municipality.provinceName}) in{' '}
        {editor.round.name}. De gemeente ziet het gesprek en de afgesproken acties, en houdt de
        stand van de acties bij.
      </Paragraph>
      <TalkForm
        subjects={editor.subjects}
        state={state}
        errors={actionData?.errors ?? []}
        statuses={{}}
        submitLabel="Gesprek opslaan"
        cancelHref="/gesprekken"
        roundName={editor.round.name}
      />
    </div>
  );
}
