import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/municipality';
import { CsrfInput } from '../components/csrf-input';
import { basePath, loadForPage } from '../lib/questionnaire.server';
import { handleErrors, requireSession, verifyCsrf } from '../lib/session.server';
import { STATUS_LABELS, reopenQuestionnaire } from '../lib/services.server';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.municipality ?? 'Gemeente'} – Basisfunctiemonitor` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const questionnaires = [];
  let municipality = '';
  let roundName = '';
  for (const questionnaire of ['vrijwilligerswerk', 'mantelzorg']) {
    const page = await loadForPage(context, session, {
      roundId: params.roundId,
      municipalityCode: params.code,
      questionnaire,
    });
    municipality = page.municipality.name;
    roundName = page.loaded.round.name;
    questionnaires.push({
      id: page.questionnaire.id,
      name: page.questionnaire.name,
      status: page.status,
      statusLabel: STATUS_LABELS[page.status],
      editable: page.editable,
      progress: page.progress,
    });
  }
  return {
    municipality,
    roundName,
    base: basePath({ roundId: params.roundId, municipalityCode: params.code, questionnaire: '' }),
    canReopen: session.user.role === 'coordinator',
    canSeeLog: session.user.role === 'coordinator' || session.user.role === 'advisor',
    questionnaires,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  const questionnaire = String(form.get('questionnaire') ?? '');
  await handleErrors(() =>
    reopenQuestionnaire(context.db, session.user, {
      roundId: params.roundId,
      municipalityCode: params.code,
      questionnaire,
    }),
  );
  throw redirect(
    basePath({ roundId: params.roundId, municipalityCode: params.code, questionnaire }),
  );
}

export default function Municipality({ loaderData }: Route.ComponentProps) {
  return (
    <div className="bfm-stack">
      <Heading1>
        {loaderData.municipality} – {loaderData.roundName}
      </Heading1>
      {loaderData.questionnaires.map((q) => (
        <section key={q.id} aria-labelledby={`vl-${q.id}`}>
          <Heading2 id={`vl-${q.id}`}>{q.name}</Heading2>
          <Paragraph>Status: {q.statusLabel}.</Paragraph>
          <UnorderedList>
            {q.progress.map((section) => (
              <UnorderedListItem key={section.id}>
                <Link className="utrecht-link" to={`${loaderData.base}/${q.id}/${section.id}`}>
                  {section.name}
                </Link>{' '}
                ({section.answered} van {section.total} vragen beantwoord)
              </UnorderedListItem>
            ))}
          </UnorderedList>
          <Paragraph>
            {q.editable ? (
              <Link className="utrecht-link" to={`${loaderData.base}/${q.id}/indienen`}>
                Vragenlijst {q.id} controleren en indienen
              </Link>
            ) : null}
            {q.status === 'submitted' ? (
              <Link className="utrecht-link" to={`${loaderData.base}/${q.id}/overzicht`}>
                Overzicht van de uitkomsten ({q.id})
              </Link>
            ) : null}
          </Paragraph>
          {q.status === 'submitted' && loaderData.canReopen ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="questionnaire" value={q.id} />
              <Button type="submit" appearance="secondary-action-button">
                Vragenlijst {q.id} heropenen
              </Button>
            </Form>
          ) : null}
        </section>
      ))}
      {loaderData.canSeeLog ? (
        <Paragraph>
          <Link className="utrecht-link" to={`${loaderData.base}/logboek`}>
            Logboek van wijzigingen
          </Link>
        </Paragraph>
      ) : null}
    </div>
  );
}
