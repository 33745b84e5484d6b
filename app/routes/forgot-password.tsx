import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { data, Form } from 'react-router';
import type { Route } from './+types/forgot-password';
import { ErrorSummary } from '../components/error-summary';
import { readIntent } from '../lib/intents.server';
import { TextField } from '../components/field';
import { requestPasswordReset } from '../lib/services.server';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';

const TRAIL: Trail = [
  HOME,
  { label: 'Inloggen', to: '/inloggen' },
  { label: 'Wachtwoord vergeten', to: '/wachtwoord-vergeten' },
];

export const handle = pageHandle(() => TRAIL);

export function meta() {
  return pageMeta(TRAIL);
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  readIntent(form, 'routes/forgot-password.tsx');
  const email = String(form.get('email') ?? '');
  const result = await requestPasswordReset(context.db, context.mailer, {
    email,
    links: context.links,
  });
  if (!result.ok)
    return data(
      { errors: [{ field: 'email', message: result.message }], email, sent: false },
      { status: 400 },
    );
  return { errors: [], email: '', sent: true };
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const errors = actionData?.errors ?? [];
  const error = errors[0]?.message;
  return (
    <div className="bfm-stack">
      <Heading1>Wachtwoord vergeten</Heading1>
      {actionData?.sent ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <Paragraph>
            Als er een account is met dit e-mailadres, ontvangt u een e-mail met een link om een
            nieuw wachtwoord te kiezen. De link is een uur geldig.
          </Paragraph>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="bfm-form">
        <TextField
          name="email"
          label="E-mailadres"
          type="email"
          autoComplete="username"
          error={error}
          defaultValue={actionData?.email ?? ''}
        />
        <Button type="submit" appearance="primary-action-button">
          Stuur mij een link
        </Button>
      </Form>
    </div>
  );
}
