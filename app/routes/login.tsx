import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { data, Form, Link, redirect } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/login';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { readIntent } from '../lib/intents.server';
import { toFieldIssues } from '../lib/services.server';
import { TextField } from '../components/field';
import { getSession, sessionCookie } from '../lib/session.server';
import { logIn } from '../lib/services.server';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { safeReturnPath } from '../lib/return-path';

const TRAIL: Trail = [HOME, { label: 'Inloggen', to: '/inloggen' }];

export const handle = pageHandle(() => TRAIL);

export function meta() {
  return pageMeta(TRAIL);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const back = safeReturnPath(url.searchParams.get('terug'));
  if (await getSession(request, context)) throw redirect(back);
  return { back, expired: url.searchParams.has('terug'), kept: url.searchParams.has('verlopen') };
}

const LoginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Vul uw e-mailadres in.')
    .email('Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.'),
  password: z.string().min(1, 'Vul uw wachtwoord in.'),
});

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  readIntent(form, 'routes/login.tsx');
  const email = String(form.get('email') ?? '');
  const back = safeReturnPath(String(form.get('terug') ?? ''));
  const parsed = LoginSchema.safeParse({ email, password: String(form.get('password') ?? '') });
  if (!parsed.success) {
    // One message per field, in the order of the form.
    const errors: FieldError[] = toFieldIssues(parsed.error, { flat: true });
    return data({ errors, email }, { status: 400 });
  }
  const result = await logIn(context.db, { ...parsed.data, clientAddress: context.clientAddress });
  if (result.ok === false && result.reason === 'rate-limited') {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    const message = `Te veel mislukte pogingen vanaf dit adres. Wacht ${minutes === 1 ? '1 minuut' : `${minutes} minuten`} en probeer het dan opnieuw, of kies ‘Wachtwoord vergeten?’.`;
    return data(
      { errors: [{ field: 'email', message }], email },
      { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) {
    // Also for a disabled account: the same words as a wrong password, so nobody learns which
    // accounts exist or are disabled.
    const message = 'Het e-mailadres of het wachtwoord klopt niet.';
    return data({ errors: [{ field: 'email', message }], email }, { status: 400 });
  }
  throw redirect(back, {
    headers: { 'Set-Cookie': sessionCookie(result.token, context.secureCookies) },
  });
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors ?? [];
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const emailError = errorFor('email');
  const passwordError = errorFor('password');
  return (
    <div className="bfm-stack">
      <Heading1>Inloggen</Heading1>
      {loaderData.kept && errors.length === 0 ? (
        <div className="utrecht-alert utrecht-alert--warning" role="status">
          <Paragraph>
            Uw sessie was verlopen. Uw antwoorden zijn bewaard: log opnieuw in, dan staan ze weer
            klaar op de pagina waar u was.
          </Paragraph>
        </div>
      ) : loaderData.expired && errors.length === 0 ? (
        <Paragraph>
          Log in om verder te gaan. Daarna komt u terug op de pagina waar u was.
        </Paragraph>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="bfm-form">
        <input type="hidden" name="terug" value={loaderData.back} />
        <TextField
          name="email"
          label="E-mailadres"
          type="email"
          autoComplete="username"
          error={emailError}
          defaultValue={actionData?.email ?? ''}
        />
        <TextField
          name="password"
          label="Wachtwoord"
          type="password"
          autoComplete="current-password"
          hint="Minstens 12 tekens."
          error={passwordError}
        />
        <Button type="submit" appearance="primary-action-button">
          Inloggen
        </Button>
      </Form>
      <Paragraph>
        <Link className="utrecht-link" to="/wachtwoord-vergeten">
          Wachtwoord vergeten?
        </Link>
      </Paragraph>
    </div>
  );
}
