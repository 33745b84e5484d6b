import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { data, Form, redirect } from 'react-router';
import type { Route } from './+types/account-provinces';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { ProvinceCheckboxes } from '../components/province-checkboxes';
import { attempt, handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { requireSession, verifyCsrf } from '../lib/session.server';
import { assignAdvisorProvinces, listProvinces, readAdvisor } from '../lib/services.server';
import type { Params } from 'react-router';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  HOME,
  { label: 'Accounts', to: '/accounts' },
  {
    label: `Provincies van ${data?.account.name ?? 'een adviseur'}`,
    to: `/accounts/${params.userId ?? ''}/provincies`,
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const account = await handleErrors(() =>
    readAdvisor(context.db, session.user, Number(params.userId)),
  );
  return {
    account: { id: account.id, name: account.name, email: account.email },
    checked: account.provinces,
    provinces: await listProvinces(context.db),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/account-provinces.tsx');
  const provinces = form.getAll('provinces').map(String);
  const account = await handleErrors(() =>
    readAdvisor(context.db, session.user, Number(params.userId)),
  );
  const outcome = await attempt(() =>
    assignAdvisorProvinces(context.db, session.user, { userId: account.id, form: { provinces } }),
  );
  if (!outcome.ok)
    return data(
      { errors: [{ field: 'provinces', message: outcome.error.message }], provinces },
      { status: outcome.status },
    );
  if (!outcome.value.ok) return data({ errors: outcome.value.issues, provinces }, { status: 400 });
  throw redirect('/accounts');
}

export default function AccountProvinces({ loaderData, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors ?? [];
  return (
    <div className="bfm-stack">
      <Heading1>Provincies van {loaderData.account.name}</Heading1>
      <Paragraph>
        {loaderData.account.name} ({loaderData.account.email}) ziet en bewerkt de vragenlijsten van
        de gemeenten in deze provincies, en hun logboek. Zonder provincie ziet de adviseur geen
        gemeenten.
      </Paragraph>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="bfm-form">
        <CsrfInput />
        <ProvinceCheckboxes
          provinces={loaderData.provinces}
          checked={actionData?.provinces ?? loaderData.checked}
          legend="Provincies"
          hint="Kies alle provincies waarvoor deze adviseur werkt."
          error={errors[0]?.message}
        />
        <Button type="submit" appearance="primary-action-button">
          Provincies opslaan
        </Button>
      </Form>
    </div>
  );
}
