/**
 * The signed-in user's open actions from advice talks (issue 12, helper B): planned or in
 * progress, overdue first. A municipality sees its own, an advisor those of their provinces,
 * the coordinator all. Each links to the action's page, where its status is changed.
 */
import {
  Heading1,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { Route } from './+types/actions';
import { TableScroll } from '../components/table-scroll';
import { formatCount, formatDate } from '../lib/format';
import { handleErrors } from '../lib/http.server';
import { HOME, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { listOpenActions } from '../lib/services.server';
import { requireSession } from '../lib/session.server';

const TRAIL: Trail = [HOME, { label: 'Acties', to: '/acties' }];

export const handle = pageHandle(() => TRAIL);

export function meta() {
  return pageMeta(TRAIL);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const actions = await handleErrors(() => listOpenActions(context.db, session.user));
  return {
    role: session.user.role,
    actions: actions.map((a) => ({
      id: a.id,
      description: a.description,
      municipality: a.municipality.name,
      basisfunctie: `${a.basisfunctie.name} (${a.questionnaire.name})`,
      owner: a.owner,
      dueOn: a.dueOn,
      status: a.statusLabel,
      overdue: a.overdue,
    })),
  };
}

export default function Actions({ loaderData }: Route.ComponentProps) {
  const { actions } = loaderData;
  const overdue = actions.filter((a) => a.overdue).length;
  return (
    <div className="bfm-stack">
      <Heading1>Open acties</Heading1>
      <Paragraph>
        De acties uit adviesgesprekken die nog gepland of in uitvoering zijn
        {loaderData.role === 'municipality'
          ? ' voor uw gemeente'
          : loaderData.role === 'advisor'
            ? ' in uw provincies'
            : ''}
        . Verlopen acties staan bovenaan. Open een actie om de status bij te werken of een opmerking
        te plaatsen.
      </Paragraph>
      {actions.length === 0 ? (
        <Paragraph>Er zijn geen open acties.</Paragraph>
      ) : (
        <>
          <Paragraph>
            {formatCount(actions.length, 'open actie', 'open acties')}, waarvan{' '}
            {overdue === 1 ? '1 verlopen' : `${overdue} verlopen`}.
          </Paragraph>
          <TableScroll caption="Open acties, verlopen eerst">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Actie</TableHeaderCell>
                <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
                <TableHeaderCell scope="col">Wie</TableHeaderCell>
                <TableHeaderCell scope="col">Streefdatum</TableHeaderCell>
                <TableHeaderCell scope="col">Status</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {actions.map((a) => (
                <TableRow key={a.id}>
                  <TableHeaderCell scope="row">
                    <Link className="utrecht-link" to={`/acties/${a.id}`}>
                      {a.description}
                    </Link>
                  </TableHeaderCell>
                  <TableCell>{a.municipality}</TableCell>
                  <TableCell>{a.basisfunctie}</TableCell>
                  <TableCell>{a.owner || '–'}</TableCell>
                  <TableCell>
                    {a.dueOn ? formatDate(a.dueOn) : 'geen'}
                    {a.overdue ? <strong className="bfm-overdue"> verlopen</strong> : null}
                  </TableCell>
                  <TableCell>{a.status}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </TableScroll>
        </>
      )}
    </div>
  );
}
