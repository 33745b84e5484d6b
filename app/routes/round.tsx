import {
  Button,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
} from '@utrecht/component-library-react';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/round';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { handleErrors, requireSession, verifyCsrf } from '../lib/session.server';
import {
  ROUND_STATUS_LABELS,
  STATUS_LABELS,
  changeRoundStatus,
  countInvitations,
  inviteMunicipalities,
  loadRoundOverview,
  sendReminders,
} from '../lib/services.server';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.round.name ?? 'Meting'} – Basisfunctiemonitor` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  return handleErrors(async () => {
    const overview = await loadRoundOverview(context.db, session.user, params.roundId);
    const { round, instrument } = overview.loaded;
    return {
      round: {
        id: round.id,
        name: round.name,
        status: round.status,
        statusLabel: ROUND_STATUS_LABELS[round.status],
        synthetic: round.synthetic,
      },
      canChangeStatus: session.user.role === 'coordinator' && !round.synthetic,
      invitations:
        session.user.role === 'coordinator' && !round.synthetic
          ? await countInvitations(context.db, round.id)
          : null,
      questionnaires: instrument.questionnaires.map((q) => ({ id: q.id, name: q.name })),
      counts: overview.counts,
      statusLabels: STATUS_LABELS,
      rows: overview.rows.map((row) => ({
        code: row.municipality.code,
        name: row.municipality.name,
        province: row.municipality.provinceName,
        statuses: row.statuses,
      })),
    };
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  const intent = String(form.get('intent') ?? '');
  const back = `/metingen/${encodeURIComponent(params.roundId)}`;
  if (intent === 'invite') {
    const contacts = String(form.get('contacts') ?? '');
    const result = await handleErrors(() =>
      inviteMunicipalities(context.db, context.mailer, session.user, {
        roundId: params.roundId,
        contacts,
        baseUrl: context.baseUrl,
      }),
    );
    if (!result.ok)
      return data(
        {
          errors: result.errors.map((e) => ({ field: 'contacts', message: e.message })),
          contacts,
          notice: null,
        },
        { status: 400 },
      );
    return {
      errors: [],
      contacts: '',
      notice: `${result.sent} ${result.sent === 1 ? 'uitnodiging' : 'uitnodigingen'} verstuurd.`,
    };
  }
  if (intent === 'remind') {
    const sent = await handleErrors(() =>
      sendReminders(context.db, context.mailer, session.user, {
        roundId: params.roundId,
        baseUrl: context.baseUrl,
      }),
    );
    return {
      errors: [],
      contacts: '',
      notice: `${sent} ${sent === 1 ? 'herinnering' : 'herinneringen'} verstuurd.`,
    };
  }
  const status = String(form.get('status'));
  if (status !== 'open' && status !== 'closed')
    throw data({ message: 'Ongeldige status.' }, { status: 400 });
  await handleErrors(() => changeRoundStatus(context.db, session.user, params.roundId, status));
  throw redirect(back);
}

export default function Round({ loaderData, actionData }: Route.ComponentProps) {
  const { round } = loaderData;
  const errors = actionData?.errors ?? [];
  return (
    <div className="bfm-stack">
      <Heading1>{round.name}</Heading1>
      {round.synthetic ? (
        <Paragraph>
          Dit is een synthetische demonstratiemeting: de gegevens zijn verzonnen.
        </Paragraph>
      ) : null}
      <Paragraph>Status: {round.statusLabel}.</Paragraph>
      {loaderData.canChangeStatus ? (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="status" />
          {round.status === 'open' ? (
            <Button type="submit" name="status" value="closed" appearance="secondary-action-button">
              Meting sluiten
            </Button>
          ) : (
            <Button type="submit" name="status" value="open" appearance="primary-action-button">
              Meting openen
            </Button>
          )}
        </Form>
      ) : null}
      {actionData?.notice ? (
        <div className="utrecht-alert utrecht-alert--ok" role="status">
          <Paragraph>{actionData.notice}</Paragraph>
        </div>
      ) : null}
      {loaderData.invitations ? (
        <section aria-labelledby="uitnodigen">
          <Heading2 id="uitnodigen">Gemeenten uitnodigen</Heading2>
          <Paragraph>
            {loaderData.invitations.sent} uitnodigingen verstuurd, waarvan{' '}
            {loaderData.invitations.used} gebruikt.{' '}
            <Link className="utrecht-link" to="/postvak">
              Verstuurde e-mail bekijken
            </Link>
          </Paragraph>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="invite" />
            <FormField invalid={errors.length > 0}>
              <FormLabel htmlFor="contacts">Contactpersonen</FormLabel>
              <FormFieldDescription id="contacts-hint">
                Eén gemeente per regel: de gemeentecode en het e-mailadres, gescheiden door een
                puntkomma. Bijvoorbeeld: GM0363;beleid@amsterdam.nl
              </FormFieldDescription>
              <Textarea
                id="contacts"
                name="contacts"
                rows={6}
                defaultValue={actionData?.contacts ?? ''}
                invalid={errors.length > 0}
                aria-describedby="contacts-hint"
              />
            </FormField>
            <Button type="submit" appearance="primary-action-button">
              Uitnodigingen versturen
            </Button>
          </Form>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="remind" />
            <Button type="submit" appearance="secondary-action-button">
              Herinnering sturen aan gemeenten die nog niet klaar zijn
            </Button>
          </Form>
        </section>
      ) : null}
      <Heading2>Respons</Heading2>
      <Table>
        <TableCaption>Aantal gemeenten per status</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Vragenlijst</TableHeaderCell>
            {Object.values(loaderData.statusLabels).map((label) => (
              <TableHeaderCell key={label} scope="col">
                {label}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {loaderData.questionnaires.map((q) => (
            <TableRow key={q.id}>
              <TableHeaderCell scope="row">{q.id}</TableHeaderCell>
              {Object.keys(loaderData.statusLabels).map((status) => (
                <TableCell key={status}>
                  {loaderData.counts[q.id]?.[status as keyof typeof loaderData.statusLabels] ?? 0}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {loaderData.rows.length > 0 ? (
        <>
          <Heading2>Gemeenten</Heading2>
          <Table>
            <TableCaption>Status per gemeente en vragenlijst</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                <TableHeaderCell scope="col">Provincie</TableHeaderCell>
                {loaderData.questionnaires.map((q) => (
                  <TableHeaderCell key={q.id} scope="col">
                    {q.id}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {loaderData.rows.map((row) => (
                <TableRow key={row.code}>
                  <TableHeaderCell scope="row">
                    <Link
                      className="utrecht-link"
                      to={`/metingen/${encodeURIComponent(round.id)}/gemeenten/${row.code}`}
                    >
                      {row.name}
                    </Link>
                  </TableHeaderCell>
                  <TableCell>{row.province}</TableCell>
                  {loaderData.questionnaires.map((q) => (
                    <TableCell key={q.id}>
                      {loaderData.statusLabels[row.statuses[q.id] ?? 'not-started']}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
    </div>
  );
}
