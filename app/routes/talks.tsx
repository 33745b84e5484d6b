/**
 * Advice talks (issue 12, helper A): `/gesprekken`, the talks the user may read, newest first:
 * the coordinator all, an advisor those with municipalities of their provinces, a municipality
 * its own. Filters by round, province and municipality (a GET form, so a filtered list has an
 * address); recorders get the link to a new talk.
 */
import {
  Button,
  ButtonLink,
  Heading1,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { data, Form, Link } from 'react-router';
import type { Route } from './+types/talks';
import { SelectField, TextField } from '../components/field';
import { FlashMessage } from '../components/flash-message';
import { TableScroll } from '../components/table-scroll';
import { takeFlash } from '../lib/flash.server';
import { formatCount, formatDate } from '../lib/format';
import { handleErrors } from '../lib/http.server';
import { HOME, pageHandle, pageMeta, TALKS, type Trail } from '../lib/navigation';
import { requireSession } from '../lib/session.server';
import { listTalkChoices, listTalks } from '../lib/services.server';
import '../components/audit-filters.css';

const TRAIL: Trail = [HOME, TALKS];

export const handle = pageHandle(() => TRAIL);

export function meta() {
  return pageMeta(TRAIL);
}

export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const url = new URL(request.url);
  const filter = {
    roundId: url.searchParams.get('meting') || undefined,
    provinceCode: url.searchParams.get('provincie') || undefined,
    municipalityCode: url.searchParams.get('gemeente')?.replace(/^GM/i, '') || undefined,
  };
  const [talks, choices] = await handleErrors(() =>
    Promise.all([
      listTalks(context.db, session.user, filter),
      listTalkChoices(context.db, session.user),
    ]),
  );
  const { flash, headers } = takeFlash(request, context);
  return data(
    {
      talks,
      choices,
      filter,
      flash,
      canRecord: choices.mayRecord,
      ownOnly: choices.provinces.length === 0,
    },
    { headers },
  );
}

export default function Talks({ loaderData }: Route.ComponentProps) {
  const { talks, choices, filter, canRecord, ownOnly } = loaderData;
  const filtered = Object.values(filter).some(Boolean);
  return (
    <div className="bfm-stack">
      <Heading1>Adviesgesprekken</Heading1>
      <FlashMessage flash={loaderData.flash} />
      <Paragraph>
        In een adviesgesprek bespreken de provinciaal adviseur en de gemeente de resultaten van een
        meting, en spreken zij per basisfunctie acties af. De gemeente houdt de stand van de acties
        bij; het rapport van de volgende meting laat zien wat ervan terechtkwam.
      </Paragraph>
      {canRecord ? (
        <Paragraph>
          <ButtonLink href="/gesprekken/nieuw" appearance="primary-action-button">
            Nieuw adviesgesprek
          </ButtonLink>
        </Paragraph>
      ) : null}
      <Form method="get" className="bfm-filters" aria-label="Gesprekken filteren">
        <SelectField
          name="meting"
          label="Meting"
          options={[
            { value: '', label: 'Alle metingen' },
            ...choices.rounds.map((r) => ({ value: r.id, label: r.name })),
          ]}
          defaultValue={filter.roundId ?? ''}
        />
        {ownOnly ? null : (
          <>
            <SelectField
              name="provincie"
              label="Provincie"
              options={[
                { value: '', label: 'Alle provincies' },
                ...choices.provinces.map((p) => ({ value: p.code, label: p.name })),
              ]}
              defaultValue={filter.provinceCode ?? ''}
            />
            <TextField
              name="gemeente"
              label="Gemeentecode"
              hint="Bijvoorbeeld 0363."
              defaultValue={filter.municipalityCode ?? ''}
            />
          </>
        )}
        <div className="bfm-filters__actions">
          <Button type="submit" appearance="secondary-action-button">
            Filteren
          </Button>
        </div>
      </Form>
      {talks.length === 0 ? (
        <Paragraph>
          {filtered
            ? 'Er zijn geen gesprekken die bij deze filters passen.'
            : 'Er zijn nog geen adviesgesprekken vastgelegd.'}
        </Paragraph>
      ) : (
        <TableScroll caption={formatCount(talks.length, 'adviesgesprek', 'adviesgesprekken')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
              <TableHeaderCell scope="col">Datum</TableHeaderCell>
              <TableHeaderCell scope="col">Meting</TableHeaderCell>
              <TableHeaderCell scope="col">Provincie</TableHeaderCell>
              <TableHeaderCell scope="col">Acties</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {talks.map((talk) => (
              <TableRow key={talk.id}>
                <TableHeaderCell scope="row">
                  <Link className="utrecht-link" to={`/gesprekken/${talk.id}`}>
                    {talk.municipality.name}
                  </Link>
                </TableHeaderCell>
                <TableCell>
                  {formatDate(talk.heldOn)}
                  {talk.startTime ? `, ${talk.startTime}` : ''}
                </TableCell>
                <TableCell>{talk.round.name}</TableCell>
                <TableCell>{talk.municipality.provinceName}</TableCell>
                <TableCell>{describeActionCounts(talk)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </TableScroll>
      )}
    </div>
  );
}

/**
 * The actions column: '3, waarvan 2 open en 1 verlopen', and '1, alle afgerond' rather than
 * '1, waarvan 0 open' when every action is done or dropped.
 */
function describeActionCounts(talk: {
  actions: number;
  openActions: number;
  overdueActions: number;
}): string {
  if (talk.actions === 0) return 'geen';
  if (talk.openActions === 0) return `${talk.actions}, alle afgerond`;
  const overdue = talk.overdueActions > 0 ? ` en ${talk.overdueActions} verlopen` : '';
  return `${talk.actions}, waarvan ${talk.openActions} open${overdue}`;
}
