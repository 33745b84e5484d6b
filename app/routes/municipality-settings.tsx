import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { data, Form, Link } from 'react-router';
import type { Params } from 'react-router';
import type { Route } from './+types/municipality-settings';
import { CsrfInput } from '../components/csrf-input';
import { CheckboxGroupField } from '../components/field';
import { FlashMessage } from '../components/flash-message';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { municipalityPath, municipalityTrail, pageHandle, pageMeta } from '../lib/navigation';
import type { Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import { loadConsentPage, setNamedConsent } from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  ...municipalityTrail(params, { roundName: data?.roundName, municipality: data?.municipality }),
  { label: 'Instellingen', to: `${municipalityPath(params)}/instellingen` },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

// The flash message's cookie is removed by the loader's answer.
export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const page = await handleErrors(() =>
    loadConsentPage(context.db, session.user, params.roundId, params.code),
  );
  const { flash, headers } = takeFlash(request, context);
  return data(
    {
      flash,
      municipality: page.municipality.name,
      roundName: page.roundName,
      namedConsent: page.namedConsent,
    },
    { headers },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/municipality-settings.tsx');
  // An unticked checkbox is not posted at all: its absence means 'no'.
  const consent = form.getAll('toestemming').includes('ja');
  await handleErrors(() =>
    setNamedConsent(context.db, session.user, params.code, consent, { roundId: params.roundId }),
  );
  throw redirectWithFlash(
    `${municipalityPath(params)}/instellingen`,
    {
      text: consent
        ? 'Opgeslagen: andere gemeenten zien uw gemeente bij naam waar u een basisfunctie goed voor elkaar heeft.'
        : 'Opgeslagen: andere gemeenten zien uw gemeente niet bij naam, alleen in aantallen.',
    },
    context,
  );
}

export default function MunicipalitySettings({ loaderData, params }: Route.ComponentProps) {
  return (
    <div className="bfm-stack">
      <Heading1>Instellingen van {loaderData.municipality}</Heading1>
      <FlashMessage flash={loaderData.flash} />
      <section aria-labelledby="naam-tonen">
        <Heading2 id="naam-tonen">Naam tonen aan andere gemeenten</Heading2>
        <Paragraph>
          In het rapport en in de regionale vergelijking zien gemeenten hoeveel vergelijkbare
          gemeenten een basisfunctie goed voor elkaar hebben. Uw gemeente telt daarin altijd mee,
          maar zonder naam. Geeft u toestemming, dan staat de naam van uw gemeente erbij. Uw
          antwoorden en cijfers zelf blijven voor andere gemeenten verborgen.
        </Paragraph>
        <Paragraph>
          U kunt dit altijd weer uitzetten. De keuze geldt voor alle metingen en komt in het
          logboek.
        </Paragraph>
        <Form method="post" noValidate className="bfm-form">
          <CsrfInput />
          <CheckboxGroupField
            name="toestemming"
            label="Toestemming"
            checked={loaderData.namedConsent ? ['ja'] : []}
            choices={[
              {
                value: 'ja',
                label:
                  'Andere gemeenten mogen zien dat wij deze basisfunctie goed voor elkaar hebben, zodat zij contact kunnen opnemen',
              },
            ]}
          />
          <Button type="submit" appearance="primary-action-button">
            Keuze opslaan
          </Button>
        </Form>
      </section>
      <Paragraph>
        <Link className="utrecht-link" to={municipalityPath(params)}>
          Terug naar {loaderData.municipality}
        </Link>
      </Paragraph>
    </div>
  );
}
