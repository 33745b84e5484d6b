import {
  Button,
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
} from '@utrecht/component-library-react';
import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/round';
import { CsrfInput } from '../components/csrf-input';
import { handleErrors, requireSession, verifyCsrf } from '../lib/session.server';
import {
  ROUND_STATUS_LABELS,
  STATUS_LABELS,
  changeRoundStatus,
  loadRoundOverview,
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
  const status = String(form.get('status'));
  if (status !== 'open' && status !== 'closed')
    throw new Response('Ongeldige status', { status: 400 });
  await handleErrors(() => changeRoundStatus(context.db, session.user, params.roundId, status));
  throw redirect(`/metingen/${encodeURIComponent(params.roundId)}`);
}

export default function Round({ loaderData }: Route.ComponentProps) {
  const { round } = loaderData;
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
