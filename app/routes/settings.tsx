/**
 * The signed-in user's own settings (issue 12, helper B): whether the weekly digest of overdue
 * actions is mailed to them. For the coordinator, advisors and municipality accounts; the
 * analyst follows no actions.
 */
import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { data, Form, Link } from 'react-router';
import type { Route } from './+types/settings';
import { CsrfInput } from '../components/csrf-input';
import { RadioGroupField } from '../components/field';
import { FlashMessage } from '../components/flash-message';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { readDigestSetting, setWeeklyDigest } from '../lib/services.server';
import { requireSession, verifyCsrf } from '../lib/session.server';

const TRAIL: Trail = [HOME, { label: 'Mijn instellingen', to: '/instellingen' }];

export const handle = pageHandle(() => TRAIL);

export function meta() {
  return pageMeta(TRAIL);
}

export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const weeklyDigest = await handleErrors(() => readDigestSetting(context.db, session.user));
  const { flash, headers } = takeFlash(request, context);
  return data({ flash, weeklyDigest, email: session.user.email }, { headers });
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/settings.tsx');
  // Anything but an explicit 'uit' keeps the digest on: the default of every account.
  const enabled = form.get('overzicht') !== 'uit';
  await handleErrors(() => setWeeklyDigest(context.db, session.user, enabled));
  throw redirectWithFlash(
    '/instellingen',
    {
      text: enabled
        ? 'Opgeslagen: u krijgt elke maandag een overzicht van verlopen acties (als er zijn).'
        : 'Opgeslagen: u krijgt geen wekelijks overzicht meer.',
    },
    context,
  );
}

export default function Settings({ loaderData }: Route.ComponentProps) {
  return (
    <div className="bfm-stack">
      <Heading1>Mijn instellingen</Heading1>
      <FlashMessage flash={loaderData.flash} />
      <section aria-labelledby="overzicht-titel" className="bfm-stack">
        <Heading2 id="overzicht-titel">Wekelijks overzicht van verlopen acties</Heading2>
        <Paragraph>
          Elke maandagochtend krijgt u op {loaderData.email} een e-mail met de acties uit
          adviesgesprekken die over hun streefdatum zijn en nog niet gedaan of vervallen. Zijn er
          geen, dan krijgt u niets. De keuze komt in het logboek.
        </Paragraph>
        <Form method="post" noValidate className="bfm-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="digest" />
          <RadioGroupField
            name="overzicht"
            label="Wekelijks overzicht"
            checked={[loaderData.weeklyDigest ? 'aan' : 'uit']}
            choices={[
              { value: 'aan', label: 'Ja, stuur mij het wekelijkse overzicht' },
              { value: 'uit', label: 'Nee, geen wekelijks overzicht' },
            ]}
          />
          <Button type="submit" appearance="primary-action-button">
            Keuze opslaan
          </Button>
        </Form>
      </section>
      <Paragraph>
        <Link className="utrecht-link" to="/acties">
          Naar de open acties
        </Link>
      </Paragraph>
    </div>
  );
}
