import {
  Button,
  Code,
  Heading1,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { data, Form, redirect } from 'react-router';
import type { Route } from './+types/api-tokens';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { TextField } from '../components/field';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  DEFAULT_TOKEN_DAYS,
  issueApiToken,
  listApiTokens,
  MAX_TOKEN_DAYS,
  revokeApiToken,
} from '../lib/services.server';
import { formatDate } from '../lib/format';
import { TableScroll } from '../components/table-scroll';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';

const TRAIL: Trail = [HOME, { label: 'API-sleutels', to: '/api-sleutels' }];

export const handle = pageHandle(() => TRAIL);

export function meta() {
  return pageMeta(TRAIL);
}

const STATE_LABELS = { active: 'actief', expired: 'verlopen', revoked: 'ingetrokken' } as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const tokens = await handleErrors(() => listApiTokens(context.db, session.user));
  return { tokens, defaultDays: DEFAULT_TOKEN_DAYS, maxDays: MAX_TOKEN_DAYS };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  if (readIntent(form, 'routes/api-tokens.tsx') === 'revoke') {
    const id = Number(form.get('id'));
    if (!Number.isInteger(id))
      throw data({ message: 'Deze API-sleutel bestaat niet.' }, { status: 404 });
    await handleErrors(() => revokeApiToken(context.db, session.user, id));
    throw redirect('/api-sleutels');
  }
  const values = {
    name: String(form.get('name') ?? ''),
    email: String(form.get('email') ?? ''),
    days: String(form.get('days') ?? ''),
  };
  const result = await handleErrors(() => issueApiToken(context.db, session.user, values));
  if (!result.ok) return data({ errors: result.issues, values, issued: null }, { status: 400 });
  return {
    errors: [],
    values: null,
    issued: { token: result.token, name: values.name, expiresAt: result.expiresAt.toISOString() },
  };
}

export default function ApiTokens({ loaderData, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors ?? [];
  const values = actionData?.values;
  const issued = actionData?.issued;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <div className="bfm-stack">
      <Heading1>API-sleutels</Heading1>
      <Paragraph>
        Met een API-sleutel werkt een toepassing via de JSON-API namens een account, met precies de
        rechten van dat account. De beschrijving staat in{' '}
        <a className="utrecht-link" href="/api/openapi.json">
          /api/openapi.json
        </a>{' '}
        (OpenAPI 3.1). Stuur de sleutel mee als <Code>Authorization: Bearer …</Code>.
      </Paragraph>
      {issued ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <Heading2>Sleutel ‘{issued.name}’ is aangemaakt</Heading2>
          <Paragraph>
            Kopieer de sleutel nu: hij wordt maar één keer getoond. Geldig tot en met{' '}
            {formatDate(issued.expiresAt)}.
          </Paragraph>
          <Paragraph>
            <Code className="bfm-token">{issued.token}</Code>
          </Paragraph>
        </div>
      ) : null}
      <TableScroll caption="Uitgegeven sleutels, nieuwste eerst">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Naam</TableHeaderCell>
            <TableHeaderCell scope="col">Begint met</TableHeaderCell>
            <TableHeaderCell scope="col">Account</TableHeaderCell>
            <TableHeaderCell scope="col">Geldig tot</TableHeaderCell>
            <TableHeaderCell scope="col">Laatst gebruikt</TableHeaderCell>
            <TableHeaderCell scope="col">Status</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {loaderData.tokens.length === 0 ? (
            <TableRow>
              <TableCell colSpan={6}>Er zijn nog geen sleutels uitgegeven.</TableCell>
            </TableRow>
          ) : null}
          {loaderData.tokens.map((token) => (
            <TableRow key={token.id}>
              <TableCell>{token.name}</TableCell>
              <TableCell>
                <Code>{token.prefix}…</Code>
              </TableCell>
              <TableCell className="bfm-token">
                {token.accountName} ({token.account}, {token.roleLabel})
              </TableCell>
              <TableCell>{formatDate(token.expiresAt)}</TableCell>
              <TableCell>{formatDate(token.lastUsedAt)}</TableCell>
              <TableCell>
                {STATE_LABELS[token.state]}
                {token.state === 'active' ? (
                  <Form method="post" className="bfm-inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="id" value={token.id} />
                    <Button type="submit" appearance="secondary-action-button">
                      Sleutel ‘{token.name}’ intrekken
                    </Button>
                  </Form>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </TableScroll>
      <section aria-labelledby="nieuwe-sleutel">
        <Heading2 id="nieuwe-sleutel">Nieuwe sleutel</Heading2>
        <ErrorSummary errors={errors} />
        <Form method="post" noValidate className="bfm-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="issue" />
          <TextField
            name="name"
            label="Naam"
            hint="Waarvoor de sleutel is, bijvoorbeeld: dashboard provincie Utrecht."
            error={errorFor('name')}
            defaultValue={values?.name ?? ''}
          />
          <TextField
            name="email"
            label="Account (e-mailadres)"
            type="email"
            hint="De sleutel krijgt de rol en de rechten van dit account."
            error={errorFor('email')}
            defaultValue={values?.email ?? ''}
          />
          <TextField
            name="days"
            label="Geldig (dagen)"
            type="number"
            hint={`Hoogstens ${loaderData.maxDays} dagen.`}
            error={errorFor('days')}
            defaultValue={values?.days ?? String(loaderData.defaultDays)}
          />
          <Button type="submit" appearance="primary-action-button">
            Sleutel aanmaken
          </Button>
        </Form>
      </section>
    </div>
  );
}
