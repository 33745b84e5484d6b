import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { data, Form, Link } from 'react-router';
import type { Route } from './+types/reset-password';
import { ErrorSummary } from '../components/error-summary';
import { readIntent } from '../lib/intents.server';
import { TextField } from '../components/field';
import { isResetTokenValid, RESET_LINK_PROBLEM, resetPassword } from '../lib/services.server';
import type { Params } from 'react-router';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';

const trail = (_data: unknown, params: Params): Trail => [
  HOME,
  { label: 'Nieuw wachtwoord', to: `/wachtwoord-herstellen/${params.token ?? ''}` },
];

export const handle = pageHandle(trail);

export function meta({ params }: Route.MetaArgs) {
  return pageMeta(trail(undefined, params));
}

export async function loader({ context, params }: Route.LoaderArgs) {
  return { valid: await isResetTokenValid(context.db, params.token), problem: RESET_LINK_PROBLEM };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const form = await request.formData();
  readIntent(form, 'routes/reset-password.tsx');
  const result = await resetPassword(context.db, params.token, {
    password: String(form.get('password') ?? ''),
    confirmation: String(form.get('confirmation') ?? ''),
  });
  if (!result.ok) return data({ errors: result.issues, done: false }, { status: 400 });
  return { errors: [], done: true };
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  if (actionData?.done) {
    return (
      <div className="bfm-stack">
        <Heading1>Nieuw wachtwoord</Heading1>
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <Paragraph>Uw wachtwoord is gewijzigd. U bent overal uitgelogd.</Paragraph>
        </div>
        <Paragraph>
          <Link className="utrecht-link" to="/inloggen">
            Inloggen
          </Link>
        </Paragraph>
      </div>
    );
  }
  if (!loaderData.valid) {
    return (
      <div className="bfm-stack">
        <Heading1>Nieuw wachtwoord</Heading1>
        <Paragraph>{loaderData.problem}</Paragraph>
      </div>
    );
  }
  const errors = actionData?.errors ?? [];
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <div className="bfm-stack">
      <Heading1>Nieuw wachtwoord</Heading1>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="bfm-form">
        <TextField
          name="password"
          label="Nieuw wachtwoord"
          type="password"
          autoComplete="new-password"
          hint="Minstens 12 tekens, en niet makkelijk te raden: bijvoorbeeld drie of vier losse woorden."
          error={errorFor('password')}
        />
        <TextField
          name="confirmation"
          label="Herhaal het nieuwe wachtwoord"
          type="password"
          autoComplete="new-password"
          error={errorFor('confirmation')}
        />
        <Button type="submit" appearance="primary-action-button">
          Wachtwoord opslaan
        </Button>
      </Form>
    </div>
  );
}
