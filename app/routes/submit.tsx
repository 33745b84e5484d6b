import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { data, Form, redirect } from 'react-router';
import type { Route } from './+types/submit';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { basePath, keyFromParams, loadForPage } from '../lib/questionnaire.server';
import { attempt } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  listMissingItems,
  listUnconfirmedItems,
  submitQuestionnaire,
} from '../lib/services.server';
import type { Params } from 'react-router';
import {
  municipalityPath,
  pageHandle,
  pageMeta,
  questionnaireTrail,
  type Trail,
} from '../lib/navigation';
import { valueField } from '../lib/questionnaire-form';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  ...questionnaireTrail(params, { roundName: data?.roundName, municipality: data?.municipality }),
  {
    label: 'Controleren en indienen',
    to: `${municipalityPath(params)}/${params.questionnaire ?? ''}/indienen`,
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const key = keyFromParams(params);
  const page = await loadForPage(context, session, key);
  return {
    questionnaire: { id: page.questionnaire.id, name: page.questionnaire.name },
    municipality: page.municipality.name,
    roundName: page.loaded.round.name,
    editable: page.editable,
    missingCount: listMissingItems(page).length,
    unconfirmedCount: listUnconfirmedItems(page).length,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/submit.tsx');
  const key = keyFromParams(params);
  const outcome = await attempt(() => submitQuestionnaire(context.db, session.user, key));
  if (!outcome.ok)
    return data(
      { errors: [{ field: 'inhoud', href: '#inhoud', message: outcome.error.message }] },
      { status: outcome.status },
    );
  const result = outcome.value;
  if (result.ok) throw redirect(`${basePath(key)}/rapport#vl-${key.questionnaire}`);
  const unconfirmed = new Set(result.unconfirmed.map((item) => item.number));
  // In question order: each item either unanswered or prefilled and not yet confirmed.
  const errors = [...result.missing, ...result.unconfirmed]
    .sort((a, b) => a.number - b.number)
    .map((item) => ({
      field: valueField(item.number),
      // The page shows the item's own error where it stands, and the link lands on it.
      href: `${basePath(key)}/${key.questionnaire}/${item.basisfunctie ?? 'algemeen'}?controle=1#q-${item.number}`,
      message: unconfirmed.has(item.number)
        ? `Vraag ${item.number} komt uit de vorige meting en is nog niet bevestigd: ${item.text}`
        : `Vraag ${item.number} is nog niet beantwoord: ${item.text}`,
    }));
  return data({ errors }, { status: 400 });
}

export default function Submit({ loaderData, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors ?? [];
  return (
    <div className="bfm-stack">
      <Heading1>Controleren en indienen: {loaderData.questionnaire.name}</Heading1>
      {errors.length > 0 ? (
        <ErrorSummary
          title="De vragenlijst is nog niet compleet"
          errors={errors.map((error) => ({
            field: error.href.replace(/^#/, ''),
            message: error.message,
            href: error.href,
          }))}
        />
      ) : null}
      {loaderData.editable ? (
        <>
          <Paragraph>
            {loaderData.missingCount === 0
              ? 'Alle vragen met drie antwoordmogelijkheden zijn beantwoord.'
              : loaderData.missingCount === 1
                ? 'Nog 1 vraag met drie antwoordmogelijkheden is niet beantwoord.'
                : `Nog ${loaderData.missingCount} vragen met drie antwoordmogelijkheden zijn niet beantwoord.`}{' '}
            {loaderData.unconfirmedCount === 0
              ? ''
              : loaderData.unconfirmedCount === 1
                ? 'Nog 1 antwoord uit de vorige meting is niet bevestigd. '
                : `Nog ${loaderData.unconfirmedCount} antwoorden uit de vorige meting zijn niet bevestigd. `}
            Na het indienen kunt u de antwoorden niet meer wijzigen; de landelijk coördinator kan de
            vragenlijst zo nodig heropenen.
          </Paragraph>
          <Form method="post" className="bfm-form">
            <CsrfInput />
            <Button type="submit" appearance="primary-action-button">
              Vragenlijst indienen
            </Button>
          </Form>
        </>
      ) : (
        <Paragraph>
          Deze vragenlijst kan nu niet worden ingediend: de meting is niet open of de vragenlijst is
          al ingediend.
        </Paragraph>
      )}
    </div>
  );
}
