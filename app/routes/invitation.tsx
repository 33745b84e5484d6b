import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { data, Form, redirect } from 'react-router';
import type { Route } from './+types/invitation';
import { ErrorSummary } from '../components/error-summary';
import { TextField } from '../components/field';
import { readIntent } from '../lib/intents.server';
import { acceptInvitation, INVITATION_PROBLEMS, readInvitation } from '../lib/services.server';
import { sessionCookie } from '../lib/session.server';
import type { Params } from 'react-router';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';

const trail = (_data: unknown, params: Params): Trail => [
  HOME,
  { label: 'Uitnodiging', to: `/uitnodiging/${params.token ?? ''}` },
];

export const handle = pageHandle(trail);

export function meta({ params }: Route.MetaArgs) {
  return pageMeta(trail(undefined, params));
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const state = await readInvitation(context.db, params.token);
  if (!state.ok) return { ok: false as const, problem: INVITATION_PROBLEMS[state.reason] };
  return {
    ok: true as const,
    email: state.email,
    municipality: state.municipality,
    round: state.round,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const form = await request.formData();
  readIntent(form, 'routes/invitation.tsx');
  const input = {
    name: String(form.get('name') ?? ''),
    password: String(form.get('password') ?? ''),
    confirmation: String(form.get('confirmation') ?? ''),
  };
  const result = await acceptInvitation(context.db, params.token, {
    ...input,
    clientAddress: context.clientAddress,
  });
  if (!result.ok) return data({ errors: result.issues, name: input.name }, { status: 400 });
  throw redirect(
    `/metingen/${encodeURIComponent(result.roundId)}/gemeenten/${result.municipalityCode}`,
    {
      headers: { 'Set-Cookie': sessionCookie(result.login.token, context.secureCookies) },
    },
  );
}

export default function Invitation({ loaderData, actionData }: Route.ComponentProps) {
  if (!loaderData.ok) {
    return (
      <div className="bfm-stack">
        <Heading1>Uitnodiging</Heading1>
        <Paragraph>{loaderData.problem}</Paragraph>
      </div>
    );
  }
  const errors = actionData?.errors ?? [];
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const field = (
    name: string,
    label: string,
    type: string,
    autoComplete: string,
    hint?: string,
  ) => (
    <TextField
      name={name}
      label={label}
      type={type}
      autoComplete={autoComplete}
      hint={hint}
      error={errorFor(name)}
      defaultValue={name === 'name' ? (actionData?.name ?? '') : undefined}
    />
  );
  return (
    <div className="bfm-stack">
      <Heading1>Account aanmaken voor {loaderData.municipality}</Heading1>
      <Paragraph>
        U bent uitgenodigd voor {loaderData.round}. Uw account wordt {loaderData.email}.
      </Paragraph>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="bfm-form">
        {field('name', 'Uw naam', 'text', 'name')}
        {field(
          'password',
          'Wachtwoord',
          'password',
          'new-password',
          'Minstens 12 tekens, en niet makkelijk te raden: bijvoorbeeld drie of vier losse woorden.',
        )}
        {field('confirmation', 'Herhaal het wachtwoord', 'password', 'new-password')}
        <Button type="submit" appearance="primary-action-button">
          Account aanmaken
        </Button>
      </Form>
    </div>
  );
}
