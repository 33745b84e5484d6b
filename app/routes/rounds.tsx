import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/rounds';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { SelectField } from '../components/field';
import { TextField } from '../components/field';
import { formatDate } from '../lib/format';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  can,
  ROUND_STATUS_LABELS,
  createRoundFromForm,
  listRoundChoices,
  listVisibleRounds,
} from '../lib/services.server';
import { TableScroll } from '../components/table-scroll';
import { pageHandle, pageMeta, roundsTrail } from '../lib/navigation';

export const handle = pageHandle(roundsTrail);

export function meta() {
  return pageMeta(roundsTrail());
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const rounds = await listVisibleRounds(context.db, session.user);
  return {
    canCreate: can(session.user, 'round.create'),
    choices: await listRoundChoices(context.db),
    rounds: rounds.map((round) => ({
      id: round.id,
      name: round.name,
      status: ROUND_STATUS_LABELS[round.status],
      // Synthetic rounds are labelled once: the demo round's name says so itself.
      label: round.synthetic && !/synthetisch/i.test(round.name) ? ' (synthetische gegevens)' : '',
      opensOn: round.opensOn,
      closesOn: round.closesOn,
    })),
  };
}

const FIELDS = ['id', 'name', 'instrumentVersion', 'registerId', 'opensOn', 'closesOn'] as const;

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/rounds.tsx');
  const values = Object.fromEntries(
    FIELDS.map((field) => [field, String(form.get(field) ?? '')]),
  ) as Record<(typeof FIELDS)[number], string>;
  const result = await handleErrors(() => createRoundFromForm(context.db, session.user, values));
  if (!result.ok) return data({ errors: result.issues, values }, { status: 400 });
  throw redirect(`/metingen/${encodeURIComponent(result.id)}`);
}

export default function Rounds({ loaderData, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors ?? [];
  const values = actionData?.values;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const field = (name: (typeof FIELDS)[number], label: string, type: string, hint?: string) => (
    <TextField
      name={name}
      label={label}
      type={type}
      hint={hint}
      error={errorFor(name)}
      defaultValue={values?.[name] ?? ''}
    />
  );
  return (
    <div className="bfm-stack">
      <Heading1>Metingen</Heading1>
      <TableScroll label="Metingen">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Meting</TableHeaderCell>
            <TableHeaderCell scope="col">Status</TableHeaderCell>
            <TableHeaderCell scope="col">Periode</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {loaderData.rounds.map((round) => (
            <TableRow key={round.id}>
              <TableCell>
                <Link className="utrecht-link" to={`/metingen/${encodeURIComponent(round.id)}`}>
                  {round.name}
                </Link>
                {round.label}
              </TableCell>
              <TableCell>{round.status}</TableCell>
              <TableCell>
                {round.opensOn && round.closesOn
                  ? `${formatDate(round.opensOn)} tot en met ${formatDate(round.closesOn)}`
                  : '–'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </TableScroll>
      {loaderData.canCreate ? (
        <section aria-labelledby="nieuwe-meting">
          <Heading2 id="nieuwe-meting">Nieuwe meting</Heading2>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate className="bfm-form">
            <CsrfInput />
            {field('name', 'Naam', 'text', 'Bijvoorbeeld: Nulmeting 2009 of Vervolgmeting 2026.')}
            {field(
              'id',
              'Korte naam',
              'text',
              'Gebruikt in adressen en importbestanden, bijvoorbeeld 2026.',
            )}
            <SelectField
              name="instrumentVersion"
              label="Instrumentversie"
              error={errorFor('instrumentVersion')}
              defaultValue={values?.instrumentVersion ?? '2009'}
              options={loaderData.choices.instrumentVersions.map((choice) => ({
                value: choice.version,
                label: `${choice.version}: ${choice.name}`,
              }))}
            />
            <SelectField
              name="registerId"
              label="Register van gemeenten (peildatum)"
              error={errorFor('registerId')}
              defaultValue={values?.registerId ?? '2009'}
              options={loaderData.choices.registers.map((register) => ({
                value: register.id,
                label: `${register.name} (${register.municipalityCount} gemeenten)`,
              }))}
            />
            {field('opensOn', 'Opent op', 'date')}
            {field('closesOn', 'Sluit op', 'date')}
            <Paragraph>De meting begint ‘in voorbereiding’; u opent haar daarna zelf.</Paragraph>
            <Button type="submit" appearance="primary-action-button">
              Meting aanmaken
            </Button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
