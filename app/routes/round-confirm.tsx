/**
 * The confirmation step before closing or reopening a round, before sending reminders and
 * before publishing a round as open data or withdrawing that publication:
 * a page of its own, so it works without JavaScript. The round's page links here; only the
 * button on this page does it.
 */
import { Confirmation } from '../components/confirmation';
import { data } from 'react-router';
import type { Route } from './+types/round-confirm';
import { redirectWithFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  changeRoundStatus,
  NotFoundError,
  previewPublication,
  previewReminders,
  publishRound,
  unpublishRound,
  previewStatusChange,
  REMINDER_PAUSE_HOURS,
  sendReminders,
} from '../lib/services.server';
import { formatCount } from '../lib/format';
import type { Params } from 'react-router';
import { pageHandle, pageMeta, roundTrail, type Trail } from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  ...roundTrail(params, data?.roundName),
  {
    label: data?.title.replace(/\?$/, '') ?? 'Bevestigen',
    to: `/metingen/${encodeURIComponent(params.roundId ?? '')}/bevestigen/${params.handeling ?? ''}`,
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

interface Confirmation {
  readonly title: string;
  readonly roundName: string;
  readonly back: string;
  /** What will happen, in sentences. */
  readonly explanation: readonly string[];
  /** The form to post, or null when there is nothing to confirm (the text says why). */
  readonly form: {
    readonly intent: 'status' | 'remind' | 'publish' | 'unpublish';
    readonly status?: 'open' | 'closed';
    readonly button: string;
  } | null;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const back = `/metingen/${encodeURIComponent(params.roundId)}`;
  return handleErrors(async (): Promise<Confirmation> => {
    switch (params.handeling) {
      case 'sluiten': {
        const preview = await previewStatusChange(
          context.db,
          session.user,
          params.roundId,
          'closed',
        );
        return {
          title: 'Meting sluiten?',
          roundName: preview.round.name,
          back,
          explanation: preview.applies
            ? [
                `Weet u zeker dat u ${preview.round.name} wilt sluiten? Gemeenten en adviseurs kunnen daarna niets meer invullen of indienen.`,
                ...(preview.inProgress > 0
                  ? [
                      `${formatCount(preview.inProgress, 'gemeente is', 'gemeenten zijn')} nog bezig en ${preview.inProgress === 1 ? 'kan' : 'kunnen'} dan niet verder.`,
                    ]
                  : []),
                'U kunt de meting later heropenen.',
              ]
            : [`${preview.round.name} is niet open, dus er is niets te sluiten.`],
          form: preview.applies
            ? { intent: 'status', status: 'closed', button: 'Ja, sluit de meting' }
            : null,
        };
      }
      case 'heropenen': {
        const preview = await previewStatusChange(context.db, session.user, params.roundId, 'open');
        return {
          title: 'Meting heropenen?',
          roundName: preview.round.name,
          back,
          explanation: preview.applies
            ? [
                `Weet u zeker dat u ${preview.round.name} wilt heropenen? Gemeenten en adviseurs kunnen dan weer invullen en indienen; ingediende vragenlijsten blijven ingediend.`,
              ]
            : [`${preview.round.name} is niet gesloten, dus er is niets te heropenen.`],
          form: preview.applies
            ? { intent: 'status', status: 'open', button: 'Ja, heropen de meting' }
            : null,
        };
      }
      case 'herinneren': {
        const preview = await previewReminders(context.db, session.user, params.roundId);
        const paused =
          preview.skipped > 0
            ? [
                `${formatCount(preview.skipped, 'adres kreeg', 'adressen kregen')} in de afgelopen ${REMINDER_PAUSE_HOURS} uur al een herinnering en ${preview.skipped === 1 ? 'wordt' : 'worden'} overgeslagen.`,
              ]
            : [];
        return {
          title: 'Herinneringen sturen?',
          roundName: preview.round.name,
          back,
          explanation:
            preview.sent > 0
              ? [
                  `Weet u zeker dat u ${formatCount(preview.sent, 'herinnering', 'herinneringen')} wilt sturen aan ${formatCount(preview.municipalities, 'gemeente', 'gemeenten')} die hun vragenlijsten nog niet allebei hebben ingediend? Wie zijn account nog niet heeft gemaakt, krijgt een nieuwe persoonlijke link; de oude stopt dan.`,
                  ...paused,
                ]
              : [
                  'Er is op dit moment niemand om te herinneren: elke uitgenodigde gemeente heeft ingediend, doet niet mee of kreeg net een herinnering.',
                  ...paused,
                ],
          form:
            preview.sent > 0 ? { intent: 'remind', button: 'Ja, stuur de herinneringen' } : null,
        };
      }
      case 'publiceren': {
        const preview = await previewPublication(context.db, session.user, params.roundId);
        const { round, publication } = preview;
        const applies = round.closed && !publication;
        return {
          title: 'Meting publiceren?',
          roundName: round.name,
          back,
          explanation: publication
            ? [`${round.name} is al gepubliceerd.`]
            : !round.closed
              ? [
                  `${round.name} is nog niet gesloten. Alleen een gesloten meting kan worden gepubliceerd: sluit de meting eerst.`,
                ]
              : [
                  `Weet u zeker dat u ${round.name} openbaar wilt publiceren? Iedereen kan dan zonder inloggen de landelijke uitkomsten zien en downloaden als open data (CSV en JSON, licentie CC0).`,
                  'Alleen totalen worden gepubliceerd. Cijfers over minder dan 5 gemeenten worden onderdrukt, en ook zoveel andere cijfers dat een onderdrukt cijfer niet uit de rest is terug te rekenen. Antwoorden van afzonderlijke gemeenten worden nooit getoond.',
                  'U kunt de publicatie later intrekken.',
                ],
          form: applies ? { intent: 'publish', button: 'Ja, publiceer de meting' } : null,
        };
      }
      case 'publicatie-intrekken': {
        const { round, publication } = await previewPublication(
          context.db,
          session.user,
          params.roundId,
        );
        return {
          title: 'Publicatie intrekken?',
          roundName: round.name,
          back,
          explanation: publication
            ? [
                `Weet u zeker dat u de publicatie van ${round.name} wilt intrekken? De meting verdwijnt dan van de openbare pagina's. Wie de open data al heeft gedownload, houdt die.`,
              ]
            : [`${round.name} is niet gepubliceerd, dus er is niets in te trekken.`],
          form: publication ? { intent: 'unpublish', button: 'Ja, trek de publicatie in' } : null,
        };
      }
      default:
        throw new NotFoundError();
    }
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  const intent = readIntent(form, 'routes/round-confirm.tsx');
  const back = `/metingen/${encodeURIComponent(params.roundId)}`;
  if (intent === 'remind') {
    const summary = await handleErrors(() =>
      sendReminders(context.db, context.mailer, session.user, {
        roundId: params.roundId,
        links: context.links,
      }),
    );
    const paused =
      summary.skipped > 0
        ? [
            `${formatCount(summary.skipped, 'adres is', 'adressen zijn')} overgeslagen: ${summary.skipped === 1 ? 'het kreeg' : 'zij kregen'} in de afgelopen ${REMINDER_PAUSE_HOURS} uur al een herinnering.`,
          ]
        : [];
    throw redirectWithFlash(
      back,
      {
        text:
          summary.sent > 0
            ? `${formatCount(summary.sent, 'herinnering', 'herinneringen')} verstuurd aan ${formatCount(summary.municipalities, 'gemeente', 'gemeenten')}.`
            : 'Er zijn geen herinneringen verstuurd.',
        details: paused,
      },
      context,
    );
  }
  if (intent === 'publish' || intent === 'unpublish') {
    const actor = { kind: 'user', user: session.user } as const;
    const text = await handleErrors(async () =>
      intent === 'publish'
        ? (await publishRound(context.db, actor, params.roundId)).changed
          ? 'De meting is gepubliceerd: de uitkomsten zijn nu openbaar.'
          : 'De meting was al gepubliceerd.'
        : (await unpublishRound(context.db, actor, params.roundId)).changed
          ? 'De publicatie is ingetrokken.'
          : 'De meting was niet gepubliceerd.',
    );
    throw redirectWithFlash(back, { text }, context);
  }
  const status = String(form.get('status'));
  if (status !== 'open' && status !== 'closed')
    throw data({ message: 'Ongeldige status.' }, { status: 400 });
  await handleErrors(() => changeRoundStatus(context.db, session.user, params.roundId, status));
  throw redirectWithFlash(
    back,
    { text: status === 'closed' ? 'De meting is gesloten.' : 'De meting is heropend.' },
    context,
  );
}

export default function RoundConfirm({ loaderData }: Route.ComponentProps) {
  const { form } = loaderData;
  return (
    <Confirmation
      title={loaderData.title}
      explanation={loaderData.explanation}
      form={form ? { ...form, fields: form.status ? { status: form.status } : undefined } : null}
      back={loaderData.back}
      backLabel={`Terug naar ${loaderData.roundName}`}
    />
  );
}
