import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/municipality';
import { CsrfInput } from '../components/csrf-input';
import { basePath, loadForPage } from '../lib/questionnaire.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  can,
  readParticipations,
  REASON_LABELS,
  REASONS,
  STATUS_LABELS,
  reopenQuestionnaire,
  setParticipation,
} from '../lib/services.server';
import { ErrorSummary } from '../components/error-summary';
import { RadioGroupField, TextareaField } from '../components/field';
import type { Params } from 'react-router';
import { municipalityTrail, pageHandle, pageMeta, type Trail } from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail =>
  municipalityTrail(params, { roundName: data?.roundName, municipality: data?.municipality });

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const questionnaires = [];
  let municipality = { code: params.code, provinceCode: '', name: '' };
  let roundName = '';
  for (const questionnaire of ['vrijwilligerswerk', 'mantelzorg']) {
    const page = await loadForPage(context, session, {
      roundId: params.roundId,
      municipalityCode: params.code,
      questionnaire,
    });
    municipality = page.municipality;
    roundName = page.loaded.round.name;
    questionnaires.push({
      id: page.questionnaire.id,
      name: page.questionnaire.name,
      status: page.status,
      statusLabel: STATUS_LABELS[page.status],
      editable: page.editable,
      progress: page.progress,
      unconfirmed: page.progress.reduce((sum, section) => sum + section.unconfirmed, 0),
    });
  }
  const participation =
    (await readParticipations(context.db, params.roundId)).get(params.code) ?? null;
  return {
    participation,
    canSetParticipation: can(session.user, 'participation.set', municipality),
    reasons: REASONS.map((id) => ({ id, label: REASON_LABELS[id] })),
    municipality: municipality.name,
    roundName,
    base: basePath({ roundId: params.roundId, municipalityCode: params.code }),
    canReopen: can(session.user, 'questionnaire.reopen', municipality),
    canSeeLog: can(session.user, 'audit.read', municipality),
    canReadReport: can(session.user, 'report.read', municipality),
    canSetConsent: can(session.user, 'consent.set', municipality),
    canSeeRegion: can(session.user, 'region.read', municipality),
    // Issue 12, helper A: the municipality's advice talks, and recording a new one.
    canReadTalks: can(session.user, 'talks.read', municipality),
    canRecordTalk: can(session.user, 'talks.record', municipality),
    newTalkPath: `/gesprekken/nieuw?meting=${encodeURIComponent(params.roundId)}&gemeente=${encodeURIComponent(params.code)}`,
    talksPath: `/gesprekken?gemeente=${encodeURIComponent(params.code)}`,
    // Issue 12 (helper C).
    canReadWmoPlan: can(session.user, 'wmoPlan.read', municipality),
    regionPath: `/metingen/${encodeURIComponent(params.roundId)}/regio?rond=${encodeURIComponent(params.code)}`,
    questionnaires,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  const back = basePath({ roundId: params.roundId, municipalityCode: params.code });
  const intent = readIntent(form, 'routes/municipality.tsx');
  if (intent === 'participation') {
    const values = {
      status: String(form.get('status') ?? ''),
      reason: form.get('reason') ? String(form.get('reason')) : undefined,
      reasonText: String(form.get('reasonText') ?? ''),
    };
    const result = await handleErrors(() =>
      setParticipation(context.db, session.user, {
        roundId: params.roundId,
        municipalityCode: params.code,
        form: values as Parameters<typeof setParticipation>[2]['form'],
      }),
    );
    if (!result.ok) return data({ errors: result.issues, values }, { status: 400 });
    throw redirect(back);
  }
  const questionnaire = String(form.get('questionnaire') ?? '');
  await handleErrors(() =>
    reopenQuestionnaire(context.db, session.user, {
      roundId: params.roundId,
      municipalityCode: params.code,
      questionnaire,
    }),
  );
  throw redirect(back);
}

export default function Municipality({ loaderData, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors ?? [];
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const status = actionData?.values.status ?? loaderData.participation?.status ?? 'takes-part';
  const reason = actionData?.values.reason ?? loaderData.participation?.reason ?? '';
  const reasonText = actionData?.values.reasonText ?? loaderData.participation?.reasonText ?? '';
  return (
    <div className="bfm-stack">
      <Heading1>
        {loaderData.municipality} – {loaderData.roundName}
      </Heading1>
      {loaderData.questionnaires.map((q) => (
        <section key={q.id} aria-labelledby={`vl-${q.id}`}>
          <Heading2 id={`vl-${q.id}`}>{q.name}</Heading2>
          <Paragraph>
            Status: {q.statusLabel}.
            {q.unconfirmed > 0
              ? ` ${q.unconfirmed === 1 ? '1 antwoord' : `${q.unconfirmed} antwoorden`} uit de vorige meting nog te bevestigen.`
              : ''}
          </Paragraph>
          <UnorderedList>
            {q.progress.map((section) => (
              <UnorderedListItem key={section.id}>
                <Link className="utrecht-link" to={`${loaderData.base}/${q.id}/${section.id}`}>
                  {section.name}
                </Link>{' '}
                (
                {section.total > 0
                  ? `${section.answered} van ${section.total} vragen beantwoord`
                  : section.optionalAnswered > 0
                    ? 'beantwoord, niet verplicht'
                    : 'niet verplicht'}
                {section.unconfirmed > 0
                  ? `; ${section.unconfirmed} uit de vorige meting nog te bevestigen`
                  : ''}
                )
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
              <Link className="utrecht-link" to={`${loaderData.base}/rapport#vl-${q.id}`}>
                Overzicht van de uitkomsten ({q.id})
              </Link>
            ) : null}
          </Paragraph>
          {q.status === 'submitted' && loaderData.canReopen ? (
            <Form method="post" className="bfm-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="reopen" />
              <input type="hidden" name="questionnaire" value={q.id} />
              <Button type="submit" appearance="secondary-action-button">
                Vragenlijst {q.id} heropenen
              </Button>
            </Form>
          ) : null}
        </section>
      ))}
      {loaderData.canSetParticipation ? (
        <section aria-labelledby="deelname">
          <Heading2 id="deelname">Deelname</Heading2>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate className="bfm-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="participation" />
            <RadioGroupField
              name="status"
              label={`Doet ${loaderData.municipality} mee?`}
              error={errorFor('status')}
              checked={[status]}
              choices={[
                { value: 'takes-part', label: 'Doet mee' },
                { value: 'later', label: 'Doet later mee' },
                { value: 'declined', label: 'Doet niet mee' },
              ]}
            />
            <RadioGroupField
              name="reason"
              label="Reden (bij later of niet meedoen)"
              error={errorFor('reason')}
              checked={[reason]}
              choices={loaderData.reasons.map((r) => ({ value: r.id, label: r.label }))}
            />
            <TextareaField
              name="reasonText"
              label="Toelichting op de reden"
              rows={2}
              error={errorFor('reasonText')}
              defaultValue={reasonText}
            />
            <Button type="submit" appearance="secondary-action-button">
              Deelname opslaan
            </Button>
          </Form>
        </section>
      ) : null}
      {loaderData.canReadReport ? (
        <Paragraph>
          <Link className="utrecht-link" to={`${loaderData.base}/rapport`}>
            Rapport met de uitkomsten en de vergelijking met andere gemeenten
          </Link>
        </Paragraph>
      ) : null}
      {loaderData.canReadReport ? (
        <Paragraph>
          <Link className="utrecht-link" to={`${loaderData.base}/ontwikkeling`}>
            Ontwikkeling van de cijfers sinds eerdere metingen
          </Link>
        </Paragraph>
      ) : null}
      {loaderData.canReadTalks ? (
        <Paragraph>
          <Link className="utrecht-link" to={loaderData.talksPath}>
            Adviesgesprekken en afgesproken acties
          </Link>
          {loaderData.canRecordTalk ? (
            <>
              {' · '}
              <Link className="utrecht-link" to={loaderData.newTalkPath}>
                Nieuw adviesgesprek over deze meting
              </Link>
            </>
          ) : null}
        </Paragraph>
      ) : null}
      {loaderData.canReadWmoPlan ? (
        <Paragraph>
          <Link className="utrecht-link" to={`${loaderData.base}/wmo-plan`}>
            Wmo-beleidsplan: neemt het de basisfuncties op?
          </Link>
        </Paragraph>
      ) : null}
      {loaderData.canSeeRegion ? (
        <Paragraph>
          <Link className="utrecht-link" to={loaderData.regionPath}>
            Regionale vergelijking met de buurgemeenten
          </Link>
        </Paragraph>
      ) : null}
      {loaderData.canSetConsent ? (
        <Paragraph>
          <Link className="utrecht-link" to={`${loaderData.base}/instellingen`}>
            Instellingen: naam tonen aan andere gemeenten
          </Link>
        </Paragraph>
      ) : null}
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
