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
import type { Route } from './+types/accounts';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { SelectField } from '../components/field';
import { ProvinceCheckboxes } from '../components/province-checkboxes';
import { TextField } from '../components/field';
import { FlashMessage } from '../components/flash-message';
import { takeFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  createAccountFromForm,
  listAccountEvents,
  listAccounts,
  listProvinces,
  WELCOME_LINK_DAYS,
} from '../lib/services.server';
import { AuditTable, toAuditRows } from '../components/audit-table';
import { TableScroll } from '../components/table-scroll';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';

const TRAIL: Trail = [HOME, { label: 'Accounts', to: '/accounts' }];

export const handle = pageHandle(() => TRAIL);

export function meta() {
  return pageMeta(TRAIL);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const accounts = await handleErrors(() => listAccounts(context.db, session.user));
  const provinces = await listProvinces(context.db);
  const names = new Map(provinces.map((p) => [p.code, p.name]));
  const events = await listAccountEvents(context.db, session.user, 100);
  // The flash message's cookie is removed by the loader's answer.
  const { flash, headers } = takeFlash(request, context);
  return data(
    {
      flash,
      ownId: session.user.id,
      events: toAuditRows(events),
      created: new URL(request.url).searchParams.get('aangemaakt'),
      welcomeLinkDays: WELCOME_LINK_DAYS,
      provinces,
      accounts: accounts.map((account) => ({
        ...account,
        provinceNames: account.provinces.map((code) => names.get(code) ?? code),
      })),
    },
    { headers },
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/accounts.tsx');
  const values = {
    name: String(form.get('name') ?? ''),
    email: String(form.get('email') ?? ''),
    role: String(form.get('role') ?? ''),
    provinces: form.getAll('provinces').map(String),
  };
  const result = await handleErrors(() =>
    createAccountFromForm(context.db, context.mailer, session.user, {
      form: values,
      links: context.links,
    }),
  );
  if (!result.ok) return data({ errors: result.issues, values }, { status: 400 });
  throw redirect(`/accounts?aangemaakt=${encodeURIComponent(result.account.email)}`);
}

const ROLE_CHOICES = [
  ['advisor', 'Provinciaal adviseur'],
  ['analyst', 'Analist'],
  ['coordinator', 'Landelijk coördinator'],
] as const;

export default function Accounts({ loaderData, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors ?? [];
  const values = actionData?.values;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <div className="bfm-stack">
      <Heading1>Accounts</Heading1>
      <FlashMessage flash={loaderData.flash} />
      {loaderData.created ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <Paragraph>
            Het account voor {loaderData.created} is aangemaakt. Er is een e-mail verstuurd met een
            link om een wachtwoord te kiezen.
          </Paragraph>
        </div>
      ) : null}
      <Paragraph>
        Gemeenten maken hun account zelf aan met de uitnodiging van een meting. Hier beheert u de
        accounts van adviseurs, analisten en coördinatoren, en de provincies van elke adviseur.
      </Paragraph>
      <TableScroll caption="Alle accounts">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Naam</TableHeaderCell>
            <TableHeaderCell scope="col">E-mailadres</TableHeaderCell>
            <TableHeaderCell scope="col">Rol</TableHeaderCell>
            <TableHeaderCell scope="col">Gemeente of provincies</TableHeaderCell>
            <TableHeaderCell scope="col">Toegang</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {loaderData.accounts.map((account) => (
            <TableRow key={account.id}>
              <TableCell>{account.name}</TableCell>
              <TableCell className="bfm-token">{account.email}</TableCell>
              <TableCell>{account.roleLabel}</TableCell>
              <TableCell>
                {account.role === 'advisor' ? (
                  <>
                    {account.provinceNames.length > 0
                      ? account.provinceNames.join(', ')
                      : 'nog geen provincies'}{' '}
                    <Link className="utrecht-link" to={`/accounts/${account.id}/provincies`}>
                      Provincies van {account.name} wijzigen
                    </Link>
                  </>
                ) : account.role === 'municipality' ? (
                  (account.municipalityName ?? account.municipalityCode)
                ) : (
                  '–'
                )}
              </TableCell>
              <TableCell>
                {account.disabled ? 'geblokkeerd' : 'actief'}
                {account.id === loaderData.ownId ? null : (
                  <>
                    {' '}
                    <Link className="utrecht-link" to={`/accounts/${account.id}/toegang`}>
                      {account.disabled
                        ? `${account.name} weer toelaten`
                        : `${account.name} blokkeren`}
                    </Link>
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </TableScroll>
      <section aria-labelledby="nieuw-account">
        <Heading2 id="nieuw-account">Nieuw account</Heading2>
        <Paragraph>
          De nieuwe collega krijgt een e-mail met een link om zelf een wachtwoord te kiezen (
          {loaderData.welcomeLinkDays} dagen geldig).
        </Paragraph>
        <ErrorSummary errors={errors} />
        <Form method="post" noValidate className="bfm-form">
          <CsrfInput />
          <TextField
            name="name"
            label="Naam"
            autoComplete="off"
            error={errorFor('name')}
            defaultValue={values?.name ?? ''}
          />
          <TextField
            name="email"
            label="E-mailadres"
            type="email"
            autoComplete="off"
            error={errorFor('email')}
            defaultValue={values?.email ?? ''}
          />
          <SelectField
            name="role"
            label="Rol"
            error={errorFor('role')}
            defaultValue={values?.role ?? 'advisor'}
            options={ROLE_CHOICES.map(([value, label]) => ({ value, label }))}
          />
          <ProvinceCheckboxes
            provinces={loaderData.provinces}
            checked={values?.provinces ?? []}
            legend="Provincies (alleen voor een provinciaal adviseur)"
            error={errorFor('provinces')}
          />
          <Button type="submit" appearance="primary-action-button">
            Account aanmaken
          </Button>
        </Form>
      </section>
      <section aria-labelledby="logboek-accounts">
        <Heading2 id="logboek-accounts">Logboek van accounts</Heading2>
        <AuditTable
          caption="Nieuwe accounts, provincies van adviseurs, wachtwoorden en API-sleutels; nieuwste eerst (hoogstens 100)"
          rows={loaderData.events}
        />
      </section>
    </div>
  );
}
