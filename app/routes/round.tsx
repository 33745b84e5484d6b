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
import { attempt, handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  can,
  CATEGORY_COLOURS,
  CATEGORY_LABELS,
  REASON_LABELS,
  RESPONSE_CATEGORIES,
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
      canChangeStatus: can(session.user, 'round.changeStatus') && !round.synthetic,
      invitations:
        can(session.user, 'round.invite') && !round.synthetic
          ? await countInvitations(context.db, session.user, round.id)
          : null,
      questionnaires: instrument.questionnaires.map((q) => ({ id: q.id, name: q.name })),
      counts: overview.counts,
      statusLabels: STATUS_LABELS,
      total: overview.total,
      categories: RESPONSE_CATEGORIES.map((id) => ({
        id,
        label: CATEGORY_LABELS[id],
        colour: CATEGORY_COLOURS[id],
        count: overview.categories[id],
      })),
      reasons: Object.entries(overview.reasons).map(([id, count]) => ({
        label: REASON_LABELS[id as keyof typeof REASON_LABELS],
        count,
      })),
      showMap: can(session.user, 'round.viewMap'),
      rows: overview.rows.map((row) => ({
        category: CATEGORY_LABELS[row.category],
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
  const intent = readIntent(form, 'routes/round.tsx');
  const back = `/metingen/${encodeURIComponent(params.roundId)}`;
  if (intent === 'invite') {
    const contacts = String(form.get('contacts') ?? '');
    const result = await handleErrors(() =>
      inviteMunicipalities(context.db, context.mailer, session.user, {
        roundId: params.roundId,
        contacts,
        links: context.links,
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
    const { sent } = await handleErrors(() =>
      sendReminders(context.db, context.mailer, session.user, {
        roundId: params.roundId,
        links: context.links,
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
  const outcome = await attempt(() =>
    changeRoundStatus(context.db, session.user, params.roundId, status),
  );
  if (!outcome.ok) throw data({ message: outcome.error.message }, { status: outcome.status });
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
        <TableCaption>Respons per gemeente ({loaderData.total} gemeenten)</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Stand</TableHeaderCell>
            <TableHeaderCell scope="col">Gemeenten</TableHeaderCell>
            <TableHeaderCell scope="col">Percentage</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {loaderData.categories.map((category) => (
            <TableRow key={category.id}>
              <TableHeaderCell scope="row">
                {loaderData.showMap ? (
                  <span className="bfm-swatch" data-colour={category.colour} aria-hidden="true">
                    <svg width="14" height="14" focusable="false">
                      <rect
                        width="14"
                        height="14"
                        fill={category.colour}
                        stroke="#000"
                        strokeWidth="1"
                      />
                    </svg>
                  </span>
                ) : null}{' '}
                {category.label}
              </TableHeaderCell>
              <TableCell>{category.count}</TableCell>
              <TableCell>
                {loaderData.total > 0
                  ? `${Math.round((100 * category.count) / loaderData.total)}%`
                  : '–'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {loaderData.reasons.length > 0 ? (
        <Table>
          <TableCaption>Redenen om later of niet mee te doen</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Reden</TableHeaderCell>
              <TableHeaderCell scope="col">Gemeenten</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {loaderData.reasons.map((reason) => (
              <TableRow key={reason.label}>
                <TableHeaderCell scope="row">{reason.label}</TableHeaderCell>
                <TableCell>{reason.count}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {loaderData.showMap ? (
        <figure className="bfm-figure">
          <img
            src={`/metingen/${encodeURIComponent(round.id)}/kaart.svg`}
            width={480}
            height={560}
            alt="Kaart van Nederland met de gemeenten gekleurd naar hun stand van de respons. De aantallen staan in de tabel hierboven; de stand per gemeente in de tabel hieronder."
          />
          <figcaption>
            Respons per gemeente (gemeentegrenzen 2009, Kadaster / CBS). Kleuren zoals in de tabel
            hierboven.
          </figcaption>
        </figure>
      ) : null}
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
                <TableHeaderCell scope="col">Stand</TableHeaderCell>
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
                  <TableCell>{row.category}</TableCell>
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
