/**
 * The confirmation step before disabling or re-enabling an account: a page of its own, so it
 * works without JavaScript. The Accounts page links here; only the button on this page does it.
 */
import { Confirmation } from '../components/confirmation';
import type { Route } from './+types/account-access';
import { redirectWithFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { requireSession, verifyCsrf } from '../lib/session.server';
import { changeAccountAccess, readAccount } from '../lib/services.server';
import type { Params } from 'react-router';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  HOME,
  { label: 'Accounts', to: '/accounts' },
  {
    label: data?.title.replace(/\?$/, '') ?? 'Toegang van een account',
    to: `/accounts/${params.userId ?? ''}/toegang`,
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const account = await handleErrors(() =>
    readAccount(context.db, session.user, Number(params.userId)),
  );
  if (account.disabled)
    return {
      title: `${account.name} weer toelaten?`,
      explanation: [
        `Weet u zeker dat ${account.name} (${account.email}) weer mag inloggen?`,
        'Ingetrokken API-sleutels blijven ingetrokken; geef zo nodig een nieuwe uit onder API-sleutels.',
      ],
      form: { intent: 'enable' as const, button: 'Ja, laat het account weer toe' },
    };
  if (account.own)
    return {
      title: 'Uw eigen account',
      explanation: [
        'U kunt uw eigen account niet blokkeren. Vraag een andere landelijk coördinator, of gebruik op de server bfm user disable.',
      ],
      form: null,
    };
  return {
    title: `${account.name} blokkeren?`,
    explanation: [
      `Weet u zeker dat u het account van ${account.name} (${account.email}) wilt blokkeren?`,
      'Alle sessies van dit account eindigen meteen, de API-sleutels worden ingetrokken en openstaande links om een wachtwoord te kiezen vervallen. Het account kan niet meer inloggen en geen nieuw wachtwoord aanvragen.',
      'Antwoorden en het logboek blijven bewaard. U kunt het account later weer toelaten.',
    ],
    form: { intent: 'disable' as const, button: 'Ja, blokkeer het account' },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  const intent = readIntent(form, 'routes/account-access.tsx');
  const { account, changed } = await handleErrors(() =>
    changeAccountAccess(context.db, session.user, {
      userId: Number(params.userId),
      disabled: intent === 'disable',
    }),
  );
  throw redirectWithFlash(
    '/accounts',
    {
      text:
        intent === 'disable'
          ? changed
            ? `Het account van ${account} is geblokkeerd. Sessies zijn beëindigd en API-sleutels ingetrokken.`
            : `Het account van ${account} was al geblokkeerd.`
          : changed
            ? `Het account van ${account} kan weer inloggen.`
            : `Het account van ${account} was niet geblokkeerd.`,
    },
    context,
  );
}

export default function AccountAccess({ loaderData }: Route.ComponentProps) {
  return (
    <Confirmation
      title={loaderData.title}
      explanation={loaderData.explanation}
      form={loaderData.form}
      back="/accounts"
      backLabel="Terug naar Accounts"
    />
  );
}
