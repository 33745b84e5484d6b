import {
  Button,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Paragraph,
  Textbox,
} from '@utrecht/component-library-react';
import { data, Form, Link } from 'react-router';
import type { Route } from './+types/reset-password';
import { ErrorSummary } from '../components/error-summary';
import { readIntent } from '../lib/intents.server';
import { isResetTokenValid, RESET_LINK_PROBLEM, resetPassword } from '../lib/services.server';

export function meta() {
  return [{ title: 'Nieuw wachtwoord – Basisfunctiemonitor' }];
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
      <Form method="post" noValidate>
        <FormField invalid={!!errorFor('password')}>
          <FormLabel htmlFor="password">Nieuw wachtwoord</FormLabel>
          <FormFieldDescription id="password-hint">Minstens 12 tekens.</FormFieldDescription>
          {errorFor('password') ? (
            <FormFieldErrorMessage id="password-fout">{errorFor('password')}</FormFieldErrorMessage>
          ) : null}
          <Textbox
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            invalid={!!errorFor('password')}
            aria-describedby={
              errorFor('password') ? 'password-hint password-fout' : 'password-hint'
            }
          />
        </FormField>
        <FormField invalid={!!errorFor('confirmation')}>
          <FormLabel htmlFor="confirmation">Herhaal het nieuwe wachtwoord</FormLabel>
          {errorFor('confirmation') ? (
            <FormFieldErrorMessage id="confirmation-fout">
              {errorFor('confirmation')}
            </FormFieldErrorMessage>
          ) : null}
          <Textbox
            id="confirmation"
            name="confirmation"
            type="password"
            autoComplete="new-password"
            invalid={!!errorFor('confirmation')}
            aria-describedby={errorFor('confirmation') ? 'confirmation-fout' : undefined}
          />
        </FormField>
        <Button type="submit" appearance="primary-action-button">
          Wachtwoord opslaan
        </Button>
      </Form>
    </div>
  );
}
