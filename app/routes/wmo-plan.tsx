/**
 * A municipality's Wmo policy plan in a round (issue 12, helper C): whether it includes the
 * basisfuncties (ja, gedeeltelijk, nee), its period, a reference and the basisfuncties it
 * names. The municipality fills it in; its advisor (or the coordinator) confirms it. Both are
 * plain forms that work without JavaScript; a save names the version it started from, and a
 * stale save comes back (409) with what is stored now and the user's own input kept.
 */
import {
  Button,
  ButtonLink,
  Heading1,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { data, Form, type Params } from 'react-router';
import type { Route } from './+types/wmo-plan';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { FlashMessage } from '../components/flash-message';
import { CheckboxGroupField, RadioGroupField, TextField } from '../components/field';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
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
  confirmWmoPlan,
  MAX_WMO_PLAN_TITLE_LENGTH,
  readWmoPlan,
  saveWmoPlan,
  WmoPlanConflictError,
} from '../lib/services.server';
import { WMO_PLAN_INCLUSION_LABELS, WMO_PLAN_INCLUSIONS } from '../../src/domain/improvement';

type Data = Route.MetaArgs['loaderData'];

const path = (params: Params) => `${municipalityPath(params)}/wmo-plan`;

const trail = (data: Data | undefined, params: Params): Trail => [
  ...municipalityTrail(params, {
    roundName: data?.round.name,
    municipality: data?.municipality.name,
  }),
  { label: 'Wmo-beleidsplan', to: path(params) },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const { flash, headers } = takeFlash(request, context);
  const editor = await handleErrors(() =>
    readWmoPlan(context.db, session.user, params.roundId ?? '', params.code ?? ''),
  );
  return data({ ...editor, maxTitleLength: MAX_WMO_PLAN_TITLE_LENGTH, flash }, { headers });
}

/** What the form posted, as typed, to show again after a refusal. */
interface Typed {
  readonly included: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly title: string;
  readonly url: string;
  readonly basisfuncties: readonly string[];
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  const intent = readIntent(form, 'routes/wmo-plan.tsx');
  const roundId = params.roundId ?? '';
  const code = params.code ?? '';
  const baseVersion = String(form.get('baseVersion') ?? '');
  if (intent === 'confirm') {
    const result = await attempt(() =>
      confirmWmoPlan(context.db, session.user, { roundId, code, baseVersion }),
    );
    if (!result.ok)
      return data(
        {
          errors: [{ field: 'bevestigen', message: result.error.message }] as FieldError[],
          typed: null,
          version:
            result.error instanceof WmoPlanConflictError ? result.error.current.version : null,
        },
        { status: result.status },
      );
    throw redirectWithFlash(
      path(params),
      {
        text:
          result.value.outcome === 'confirmed'
            ? 'De stand van het Wmo-beleidsplan is bevestigd.'
            : 'De stand van het Wmo-beleidsplan was al bevestigd.',
      },
      context,
    );
  }
  const typed: Typed = {
    included: String(form.get('included') ?? ''),
    periodFrom: String(form.get('periodFrom') ?? ''),
    periodTo: String(form.get('periodTo') ?? ''),
    title: String(form.get('title') ?? ''),
    url: String(form.get('url') ?? ''),
    basisfuncties: form.getAll('basisfuncties').map(String),
  };
  const result = await attempt(() =>
    saveWmoPlan(context.db, session.user, {
      roundId,
      code,
      included: typed.included as 'ja',
      periodFrom: typed.periodFrom,
      periodTo: typed.periodTo,
      title: typed.title,
      url: typed.url,
      basisfuncties: [...typed.basisfuncties],
      baseVersion,
    }),
  );
  if (!result.ok) {
    const conflict = result.error instanceof WmoPlanConflictError ? result.error.current : null;
    return data(
      {
        errors: [{ field: 'included', message: result.error.message }] as FieldError[],
        typed,
        // After a conflict the next save starts from the version the user has now seen.
        version: conflict?.version ?? null,
      },
      { status: result.status },
    );
  }
  if (!result.value.ok)
    return data(
      { errors: result.value.issues as FieldError[], typed, version: null },
      { status: 400 },
    );
  throw redirectWithFlash(
    path(params),
    {
      text:
        result.value.outcome === 'saved'
          ? 'Het Wmo-beleidsplan is opgeslagen.'
          : 'Het Wmo-beleidsplan was al zo opgeslagen.',
    },
    context,
  );
}

export default function WmoPlanPage({ loaderData, actionData }: Route.ComponentProps) {
  const d = loaderData;
  const errors = actionData?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const version = actionData?.version ?? d.version;
  const plan = d.plan;
  const typed: Typed = actionData?.typed ?? {
    included: plan?.included ?? '',
    periodFrom: plan?.periodFrom === null || !plan ? '' : String(plan.periodFrom),
    periodTo: plan?.periodTo === null || !plan ? '' : String(plan.periodTo),
    title: plan?.title ?? '',
    url: plan?.url ?? '',
    basisfuncties: plan?.basisfuncties ?? [],
  };
  const target = `${String(d.round.target).replace('.', ',')}%`;
  return (
    <div className="bfm-stack">
      <Heading1>Wmo-beleidsplan van {d.municipality.name}</Heading1>
      <FlashMessage flash={d.flash} />
      <Paragraph>
        Neemt het huidige Wmo-beleidsplan van {d.municipality.name} de basisfuncties voor lokale
        ondersteuning van vrijwilligerswerk en mantelzorg op? De landelijke doelstelling voor{' '}
        {d.round.name} is dat {target} van de Wmo-beleidsplannen dat doet.
      </Paragraph>
      <ErrorSummary errors={errors} />
      <section aria-labelledby="stand" className="bfm-stack">
        <Heading2 id="stand">Stand nu</Heading2>
        {plan ? (
          <>
            <Paragraph>
              <strong>{plan.includedLabel}</strong>
              {plan.period ? `, periode ${plan.period}` : ''}
              {plan.title ? `: ${plan.title}` : ''}.
              {plan.url ? (
                <>
                  {' '}
                  <a className="utrecht-link" href={plan.url} rel="noreferrer">
                    Het plan openen<span className="bfm-visually-hidden"> ({plan.url})</span>
                  </a>
                </>
              ) : null}
            </Paragraph>
            <Paragraph>
              Laatst ingevuld door {plan.updatedByName} op {formatDate(plan.updatedAt)}
              {plan.source === 'import' ? ' (geïmporteerd)' : ''}.{' '}
              {plan.confirmed
                ? `Bevestigd door ${plan.confirmed.byName} op ${formatDate(plan.confirmed.at)}.`
                : 'Nog niet bevestigd door de adviseur.'}
            </Paragraph>
          </>
        ) : (
          <Paragraph>Er is nog niets ingevuld.</Paragraph>
        )}
        {d.canConfirm && plan && !plan.confirmed ? (
          <Form method="post" className="bfm-form" id="bevestigen" tabIndex={-1}>
            <CsrfInput />
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="baseVersion" value={version} />
            <Paragraph>
              Klopt deze stand? Als adviseur bevestigt u haar; dat komt in het logboek. Wijzigt
              iemand de stand later, dan vervalt de bevestiging.
            </Paragraph>
            <div className="bfm-actions">
              <Button type="submit" appearance="secondary-action-button">
                Stand bevestigen
              </Button>
            </div>
          </Form>
        ) : null}
      </section>
      {d.canEdit ? (
        <section aria-labelledby="invullen" className="bfm-stack">
          <Heading2 id="invullen">{plan ? 'Wijzigen' : 'Invullen'}</Heading2>
          <Form method="post" noValidate className="bfm-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="baseVersion" value={version} />
            <RadioGroupField
              name="included"
              label="Neemt het plan de basisfuncties op?"
              error={errorFor('included')}
              choices={WMO_PLAN_INCLUSIONS.map((value) => ({
                value,
                label: WMO_PLAN_INCLUSION_LABELS[value],
              }))}
              checked={[typed.included]}
            />
            <TextField
              name="periodFrom"
              label="Periode van (jaar)"
              hint="Bijvoorbeeld 2012."
              error={errorFor('periodFrom')}
              defaultValue={typed.periodFrom}
            />
            <TextField
              name="periodTo"
              label="Periode tot en met (jaar)"
              hint="Bijvoorbeeld 2015. Laat leeg als het plan geen einde noemt."
              error={errorFor('periodTo')}
              defaultValue={typed.periodTo}
            />
            <TextField
              name="title"
              label="Titel van het plan"
              hint={`Hoogstens ${d.maxTitleLength} tekens.`}
              error={errorFor('title')}
              defaultValue={typed.title}
            />
            <TextField
              name="url"
              type="url"
              label="Link naar het plan"
              hint="Het volledige adres, beginnend met https://."
              error={errorFor('url')}
              defaultValue={typed.url}
            />
            <CheckboxGroupField
              name="basisfuncties"
              label="Welke basisfuncties noemt het plan?"
              hint="Kies alle basisfuncties die het plan met zoveel woorden noemt."
              error={errorFor('basisfuncties')}
              choices={d.choices.flatMap((choice) =>
                choice.basisfuncties.map((b) => ({
                  value: b.key,
                  label: `${questionnaireLabel(choice.questionnaire)}: ${b.name}`,
                })),
              )}
              checked={typed.basisfuncties}
            />
            <div className="bfm-actions">
              <Button type="submit" appearance="primary-action-button">
                Opslaan
              </Button>
              <ButtonLink
                href={`/metingen/${encodeURIComponent(d.round.id)}/gemeenten/${encodeURIComponent(d.municipality.code)}`}
                appearance="secondary-action-button"
              >
                Terug naar de gemeente
              </ButtonLink>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
