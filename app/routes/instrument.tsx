/**
 * One instrument version (`/instrumenten/:version`): per questionnaire its basisfuncties and
 * items, each with its basisfunctie and its mapping to the version it derives from. While the
 * version is a concept, the coordinator edits, adds and removes items here; removing renumbers
 * the items behind it, and their mapping to the earlier version stays as it was.
 */
import {
  Button,
  ButtonLink,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { data, Form, Link } from 'react-router';
import type { Route } from './+types/instrument';
import { CHANGE_LABELS, KIND_LABELS } from '../../src/instruments/instrument-versioning';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { FlashMessage } from '../components/flash-message';
import { TableScroll } from '../components/table-scroll';
import { formatDateTime } from '../lib/format';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { HOME, INSTRUMENTS, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  can,
  findDerivedVersion,
  listInstrumentHistory,
  readInstrumentVersion,
  removeItemFromForm,
} from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, version: string): Trail => [
  HOME,
  INSTRUMENTS,
  { label: `Versie ${data?.summary.version ?? version}`, to: `/instrumenten/${version}` },
];

export const handle = pageHandle<Data>((data, params) => trail(data, params.version ?? ''));

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params.version));
}

export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const detail = await handleErrors(() =>
    readInstrumentVersion(context.db, session.user, params.version),
  );
  const { flash, headers } = takeFlash(request, context);
  const { summary, instrument } = detail;
  const derivedBy = summary.bundled ? null : await findDerivedVersion(context.db, summary.version);
  const history = summary.bundled
    ? []
    : (await listInstrumentHistory(context.db, session.user, summary.version)).map((entry) => ({
        ...entry,
        at: entry.at.toISOString(),
      }));
  return data(
    {
      flash,
      summary: { ...summary, frozenAt: null, updatedAt: null },
      instrument,
      canEdit: can(session.user, 'instrument.edit') && !summary.frozen && derivedBy === null,
      derivedBy,
      mayCopy: can(session.user, 'instrument.edit'),
      history,
    },
    { headers },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/instrument.tsx');
  const questionnaire = String(form.get('questionnaire') ?? '');
  const number = Number(form.get('number') ?? '');
  const result = await handleErrors(() =>
    removeItemFromForm(
      context.db,
      session.user,
      { version: params.version, questionnaire, number },
      { revision: String(form.get('revision') ?? '') },
    ),
  );
  if (!result.ok) return data({ errors: result.issues }, { status: 400 });
  throw redirectWithFlash(
    `/instrumenten/${encodeURIComponent(params.version)}#${questionnaire}`,
    { text: `Vraag ${number} is verwijderd; de vragen erna zijn opnieuw genummerd.` },
    context,
  );
}

function mappingText(previous: { number: number; change: 'same' | 'reworded' } | null | undefined) {
  if (previous === undefined) return '–';
  if (previous === null) return CHANGE_LABELS.new;
  return `${CHANGE_LABELS[previous.change]} (vraag ${previous.number})`;
}

export default function InstrumentVersion({ loaderData, actionData }: Route.ComponentProps) {
  const { summary, instrument, canEdit, mayCopy, derivedBy } = loaderData;
  const base = `/instrumenten/${encodeURIComponent(summary.version)}`;
  const status = summary.bundled ? 'meegeleverd' : summary.frozen ? 'bevroren' : 'concept';
  return (
    <div className="bfm-stack">
      <Heading1>
        Versie {summary.version}: {summary.name}
      </Heading1>
      <FlashMessage flash={loaderData.flash} />
      <ErrorSummary errors={actionData?.errors ?? []} />
      <Paragraph>
        Status: <strong>{status}</strong>
        {summary.derivedFrom ? <>. Afgeleid van versie {summary.derivedFrom}</> : null}.{' '}
        {summary.frozen
          ? 'Deze versie kan niet meer worden gewijzigd; maak een nieuwe versie om vragen te veranderen.'
          : derivedBy
            ? `Versie ${derivedBy} is van deze versie afgeleid en verwijst naar haar vragen; daarom blijft deze versie zoals zij is.`
            : canEdit
              ? 'Deze versie is een concept: u kunt haar wijzigen tot een meting met deze versie opent.'
              : 'Deze versie is een concept.'}
      </Paragraph>
      <ul className="bfm-inline-list">
        {instrument.questionnaires.map((q) => (
          <li key={q.id}>
            <Link className="utrecht-link" to={`${base}/voorbeeld?vragenlijst=${q.id}`}>
              Voorbeeld: {q.name}
            </Link>
          </li>
        ))}
        {summary.derivedFrom ? (
          <li>
            <Link className="utrecht-link" to={`${base}/verschillen`}>
              Verschillen met versie {summary.derivedFrom}
            </Link>
          </li>
        ) : null}
      </ul>
      {mayCopy ? (
        <Paragraph>
          <ButtonLink
            href={`/instrumenten/nieuw?van=${encodeURIComponent(summary.version)}`}
            appearance="secondary-action-button"
          >
            Nieuwe versie op basis van {summary.version}
          </ButtonLink>
        </Paragraph>
      ) : null}
      {instrument.questionnaires.map((q) => (
        <section key={q.id} id={q.id} aria-labelledby={`${q.id}-kop`} className="bfm-stack">
          <Heading2 id={`${q.id}-kop`}>{q.name}</Heading2>
          <TableScroll caption={`Basisfuncties van ${q.name}`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
                <TableHeaderCell scope="col">Definitie</TableHeaderCell>
                <TableHeaderCell scope="col">In de vorige versie</TableHeaderCell>
                {canEdit ? <TableHeaderCell scope="col">Acties</TableHeaderCell> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {q.basisfuncties.map((b) => (
                <TableRow key={b.id}>
                  <TableHeaderCell scope="row">{b.name}</TableHeaderCell>
                  <TableCell>{b.definition}</TableCell>
                  <TableCell>
                    {b.previous === undefined ? '–' : b.previous === null ? 'nieuw' : b.previous}
                  </TableCell>
                  {canEdit ? (
                    <TableCell>
                      <Link className="utrecht-link" to={`${base}/${q.id}/basisfuncties/${b.id}`}>
                        {b.name} wijzigen
                      </Link>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </TableScroll>
          <Heading3>Vragen</Heading3>
          <TableScroll caption={`Vragen van ${q.name}`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Nr.</TableHeaderCell>
                <TableHeaderCell scope="col">Vraag</TableHeaderCell>
                <TableHeaderCell scope="col">Soort</TableHeaderCell>
                <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
                <TableHeaderCell scope="col">Koppeling</TableHeaderCell>
                {canEdit ? <TableHeaderCell scope="col">Acties</TableHeaderCell> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {q.items.map((item) => (
                <TableRow key={item.number}>
                  <TableHeaderCell scope="row">{item.number}</TableHeaderCell>
                  <TableCell>{item.text}</TableCell>
                  <TableCell>{KIND_LABELS[item.kind]}</TableCell>
                  <TableCell>
                    {q.basisfuncties.find((b) => b.id === item.basisfunctie)?.name ?? 'algemeen'}
                  </TableCell>
                  <TableCell>{mappingText(item.previous)}</TableCell>
                  {canEdit ? (
                    <TableCell>
                      <ul className="bfm-inline-list">
                        <li>
                          <Link
                            className="utrecht-link"
                            to={`${base}/${q.id}/vragen/${item.number}`}
                          >
                            Vraag {item.number} wijzigen
                          </Link>
                        </li>
                        <li>
                          <Form method="post">
                            <CsrfInput />
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="questionnaire" value={q.id} />
                            <input type="hidden" name="number" value={item.number} />
                            <input type="hidden" name="revision" value={summary.revision} />
                            <Button type="submit" appearance="subtle-button">
                              Vraag {item.number} verwijderen
                            </Button>
                          </Form>
                        </li>
                      </ul>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </TableScroll>
          {canEdit ? (
            <Paragraph>
              <ButtonLink
                href={`${base}/${q.id}/vragen/nieuw?na=${q.items.length}`}
                appearance="secondary-action-button"
              >
                Vraag toevoegen aan {q.name}
              </ButtonLink>
            </Paragraph>
          ) : null}
        </section>
      ))}
      {loaderData.history.length > 0 ? (
        <section aria-labelledby="geschiedenis" className="bfm-stack">
          <Heading2 id="geschiedenis">Geschiedenis</Heading2>
          <TableScroll caption={`Geschiedenis van versie ${summary.version}, nieuwste eerst`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
                <TableHeaderCell scope="col">Wie</TableHeaderCell>
                <TableHeaderCell scope="col">Wat</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {loaderData.history.map((entry, index) => (
                <TableRow key={index}>
                  <TableCell>{formatDateTime(entry.at)}</TableCell>
                  <TableCell>{entry.actor}</TableCell>
                  <TableCell>{entry.text}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </TableScroll>
        </section>
      ) : null}
    </div>
  );
}
