import {
  Button,
  ButtonLink,
  FormField,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/round';
import { CategorySwatch } from '../components/category-swatch';
import { CsrfInput } from '../components/csrf-input';
import { FlashMessage } from '../components/flash-message';
import { Pagination } from '../components/pagination';
import { SortableHeader, type SortLink } from '../components/sortable-header';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
import { attempt, handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  can,
  CATEGORY_COLOURS,
  CATEGORY_LABELS,
  changeRoundStatus,
  countInvitations,
  countsTowardsResponse,
  drawOverviewMap,
  findBoundaryRegister,
  listPageNumbers,
  listPreviousRoundChoices,
  loadRoundOverview,
  percentOf,
  readPublication,
  readRoundTableQuery,
  REASON_LABELS,
  RESPONSE_CATEGORIES,
  ROUND_STATUS_LABELS,
  selectRoundTable,
  setRoundPrefill,
  STATUS_LABELS,
  writeRoundTableQuery,
  type RoundOverview,
  type RoundTableQuery,
  type TableSort,
} from '../lib/services.server';
import type { Params } from 'react-router';
import { pageHandle, pageMeta, roundTrail, type Trail } from '../lib/navigation';
import { formatCount, formatDateTime } from '../lib/format';
import { TableScroll } from '../components/table-scroll';
import { CheckboxGroupField, SelectField, TextField } from '../components/field';
import { ErrorSummary } from '../components/error-summary';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail =>
  roundTrail(params, data?.round.name);

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

// The flash message's cookie is removed by the loader's answer.
export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

const SORT_LABELS: Record<TableSort, string> = {
  code: 'Code',
  naam: 'Gemeente',
  stand: 'Stand',
  wijziging: 'Laatste wijziging',
};

/** The first click on a column sorts this way: the newest change first, the rest A to Z. */
const FIRST_DIRECTION: Record<TableSort, 'op' | 'af'> = {
  code: 'op',
  naam: 'op',
  stand: 'op',
  wijziging: 'af',
};

const DIRECTION_WORDS = { op: 'oplopend', af: 'aflopend' } as const;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeSort(query: RoundTableQuery, key: TableSort, base: string): SortLink {
  const active = query.sorteer === key;
  const direction = active ? (query.volgorde === 'op' ? 'af' : 'op') : FIRST_DIRECTION[key];
  return {
    label: SORT_LABELS[key],
    href: `${base}${writeRoundTableQuery(query, { sorteer: key, volgorde: direction, pagina: 1 })}#gemeenten`,
    sorted: active ? (query.volgorde === 'op' ? 'ascending' : 'descending') : null,
    action: `sorteer ${DIRECTION_WORDS[direction]}`,
  };
}

/** What the percentages are counted over (RoundOverview.responseBase), in a sentence. */
function describeBase(overview: RoundOverview): string {
  const { responseBase, invitedCount, total } = overview;
  const seen = total < overview.loaded.municipalities.length ? ' die u ziet' : '';
  if (!overview.invites)
    return `Percentages van ${seen ? 'de' : 'alle'} ${formatCount(total, 'gemeente', 'gemeenten')}${seen}.`;
  const notInvited = overview.categories['not-invited'];
  const over =
    invitedCount === responseBase
      ? `Percentages van de ${formatCount(invitedCount, 'uitgenodigde gemeente', 'uitgenodigde gemeenten')}${seen}.`
      : `Percentages van de ${formatCount(responseBase, 'gemeente', 'gemeenten')}${seen} in de meting: ${invitedCount} uitgenodigd en ${responseBase - invitedCount} zonder uitnodiging begonnen of met een vastgelegde deelname.`;
  return notInvited > 0
    ? `${over} ${formatCount(notInvited, 'niet uitgenodigde gemeente telt', 'niet uitgenodigde gemeenten tellen')} niet mee.`
    : over;
}

/**
 * The round's publication as open data (publication-service.ts): a status line for everyone
 * (the public page is public anyway) and, for the coordinator of a closed round, the action.
 */
async function describePublication(
  db: Parameters<typeof readPublication>[0],
  user: Parameters<typeof can>[0],
  round: { readonly id: string; readonly status: string },
  base: string,
) {
  const publication = await readPublication(db, round.id);
  const closed = round.status === 'closed';
  const action = can(user, 'round.publish')
    ? publication
      ? { label: 'Publicatie intrekken', href: `${base}/bevestigen/publicatie-intrekken` }
      : closed
        ? { label: 'Publiceren', href: `${base}/bevestigen/publiceren` }
        : null
    : null;
  if (!publication && !action) return null;
  return {
    text: publication
      ? `Gepubliceerd op ${formatDateTime(publication.publishedAt.toISOString())}${closed ? '' : ', maar niet openbaar zolang de meting niet gesloten is'}.`
      : 'Niet openbaar gepubliceerd.',
    publicHref: publication && closed ? `/openbaar/metingen/${encodeURIComponent(round.id)}` : null,
    action,
  };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const { flash, headers } = takeFlash(request, context);
  const payload = await handleErrors(async () => {
    const user = session.user;
    const overview = await loadRoundOverview(context.db, user, params.roundId);
    const { round, instrument } = overview.loaded;
    const base = `/metingen/${encodeURIComponent(round.id)}`;
    const municipalityHref = (code: string) => `${base}/gemeenten/${encodeURIComponent(code)}`;
    const managed = !round.synthetic;

    const categories = RESPONSE_CATEGORIES.filter(
      (id) => overview.invites || (id !== 'invited' && id !== 'not-invited'),
    );

    const query = readRoundTableQuery(new URL(request.url).searchParams);
    const table = overview.rows.length > 0 ? selectRoundTable(overview, query) : null;
    const applied = table?.query ?? query;
    const filtered =
      applied.zoek !== '' ||
      applied.stand !== null ||
      applied.provincie !== null ||
      applied.vragenlijst !== null;
    const pageHref = (page: number) =>
      `${base}${writeRoundTableQuery(applied, { pagina: page })}#gemeenten`;

    return {
      round: {
        id: round.id,
        name: round.name,
        status: round.status,
        statusLabel: ROUND_STATUS_LABELS[round.status],
        synthetic: round.synthetic,
        // Issue 11 (helper A): every round names the register it follows.
        registerText: `${overview.loaded.registerName} (${overview.loaded.municipalities.length} gemeenten)`,
        boundaryYear: findBoundaryRegister(round.registerId),
      },
      flash,
      // Opening a round in preparation is direct; closing and reopening ask for confirmation.
      statusAction:
        managed && can(user, 'round.changeStatus')
          ? round.status === 'concept'
            ? ({ kind: 'open' } as const)
            : ({
                kind: 'confirm',
                label: round.status === 'open' ? 'Meting sluiten' : 'Meting heropenen',
                href: `${base}/bevestigen/${round.status === 'open' ? 'sluiten' : 'heropenen'}`,
              } as const)
          : null,
      // Prefilled follow-up (issue 11, decision 021): which round this one follows, and the
      // coordinator's form for it while the round is in preparation.
      previousRound: round.previousRoundId
        ? { id: round.previousRoundId, prefill: round.prefill }
        : null,
      // After preparation only the round it follows can still be chosen (the baseline of its
      // trends, e.g. for an imported round), and only when nothing was prefilled.
      prefillForm:
        managed && (round.status === 'concept' || !round.prefill) && can(user, 'round.prefill')
          ? {
              canPrefill: round.status === 'concept',
              choices: (await listPreviousRoundChoices(context.db, round)).map((choice) => ({
                value: choice.id,
                label: `${choice.name} (${choice.id}, register ${choice.registerId}${choice.canPrefill ? '' : ', andere vragenlijsten: niet vooraf in te vullen'})`,
              })),
              previous: round.previousRoundId ?? '',
              prefill: round.prefill,
            }
          : null,
      // Synthetic rounds take no imported answers, so they get no import page link.
      importHref: !round.synthetic && can(user, 'round.import') ? `${base}/importeren` : null,
      reportsHref: can(user, 'report.bulkRun') ? `${base}/rapporten` : null,
      analysisHref: can(user, 'analysis.read') ? `${base}/analyse` : null,
      publication: await describePublication(context.db, user, round, base),
      invitations:
        managed && can(user, 'round.invite')
          ? {
              ...(await countInvitations(context.db, user, round.id)),
              inviteHref: `${base}/uitnodigen`,
              remindHref: can(user, 'round.remind') ? `${base}/bevestigen/herinneren` : null,
              outbox: can(user, 'outbox.read'),
              notAcceptedHref: overview.invites ? `${base}?stand=invited#gemeenten` : null,
              notAccepted: overview.categories.invited,
            }
          : null,
      response: {
        total: overview.total,
        baseText: describeBase(overview),
        rows: categories.map((id) => ({
          id,
          label: CATEGORY_LABELS[id],
          colour: CATEGORY_COLOURS[id],
          count: overview.categories[id],
          percent: countsTowardsResponse(id)
            ? percentOf(overview.categories[id], overview.responseBase)
            : null,
          counted: countsTowardsResponse(id),
        })),
      },
      reasons: Object.entries(overview.reasons).map(([id, count]) => ({
        label: REASON_LABELS[id as keyof typeof REASON_LABELS],
        count,
      })),
      map: can(user, 'round.viewMap') ? drawOverviewMap(user, overview, municipalityHref) : null,
      questionnaires: instrument.questionnaires.map((q) => ({ id: q.id, label: capitalize(q.id) })),
      statusLabels: STATUS_LABELS,
      // Over the municipalities the table finds, or (analysts, who get no table) the round.
      counts: table?.counts ?? overview.counts,
      table: table
        ? {
            showFilters: overview.rows.length > 1,
            total: table.total,
            resultText: `${formatCount(table.total, 'gemeente', 'gemeenten')}${filtered ? ' gevonden' : ''}${
              table.pageCount > 1 ? `, pagina ${applied.pagina} van ${table.pageCount}` : ''
            }`,
            filtered,
            rows: table.rows.map((row) => ({
              code: row.municipality.code,
              name: row.municipality.name,
              href: municipalityHref(row.municipality.code),
              province: row.municipality.provinceName,
              category: CATEGORY_LABELS[row.category],
              statuses: instrument.questionnaires.map(
                (q) => STATUS_LABELS[row.statuses[q.id] ?? 'not-started'],
              ),
              lastChange: row.lastChange?.toISOString() ?? null,
            })),
            sortLinks: (['naam', 'code', 'stand', 'wijziging'] as const).reduce(
              (links, key) => ({ ...links, [key]: describeSort(applied, key, base) }),
              {} as Record<TableSort, SortLink>,
            ),
            page: applied.pagina,
            pages: listPageNumbers(applied.pagina, table.pageCount).map((page) => ({
              page,
              href: page === 'gap' ? '' : pageHref(page),
            })),
            previous: applied.pagina > 1 ? pageHref(applied.pagina - 1) : null,
            next: applied.pagina < table.pageCount ? pageHref(applied.pagina + 1) : null,
            filters: {
              zoek: applied.zoek,
              stand: applied.stand ?? '',
              provincie: applied.provincie ?? '',
              vragenlijst: applied.vragenlijst ?? '',
              sorteer: applied.sorteer === 'code' ? null : applied.sorteer,
              volgorde: applied.volgorde === 'op' ? null : applied.volgorde,
              clearHref: `${base}${writeRoundTableQuery(applied, {
                zoek: '',
                stand: null,
                provincie: null,
                vragenlijst: null,
                pagina: 1,
              })}#gemeenten`,
            },
            options: {
              categories: categories.map((id) => ({ id, label: CATEGORY_LABELS[id] })),
              provinces: table.provinces,
            },
          }
        : null,
    };
  });
  return data(payload, { headers });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  const intent = readIntent(form, 'routes/round.tsx');
  const back = `/metingen/${encodeURIComponent(params.roundId)}`;
  if (intent === 'prefill') {
    const values = {
      vorige: String(form.get('vorige') ?? ''),
      vooraf: String(form.get('vooraf') ?? ''),
    };
    const saved = await attempt(() =>
      setRoundPrefill(context.db, session.user, params.roundId, values),
    );
    if (!saved.ok)
      return data(
        { prefillErrors: [{ field: 'vorige', message: saved.error.message }], values },
        { status: saved.status },
      );
    throw redirectWithFlash(
      `${back}#vorige-meting`,
      { text: 'De vorige meting en het vooraf invullen zijn opgeslagen.' },
      context,
    );
  }
  const status = String(form.get('status'));
  // Closing and reopening ask for confirmation first (routes/round-confirm.tsx).
  if (status === 'closed') throw redirect(`${back}/bevestigen/sluiten`);
  if (status !== 'open') throw data({ message: 'Ongeldige status.' }, { status: 400 });
  const outcome = await attempt(() =>
    changeRoundStatus(context.db, session.user, params.roundId, 'open', { from: 'concept' }),
  );
  if (!outcome.ok) throw data({ message: outcome.error.message }, { status: outcome.status });
  throw redirectWithFlash(back, { text: 'De meting is geopend.' }, context);
}

export default function Round({ loaderData, actionData }: Route.ComponentProps) {
  const { round, response, table, invitations } = loaderData;
  const prefillForm = loaderData.prefillForm;
  return (
    <div className="bfm-stack">
      <Heading1>{round.name}</Heading1>
      {round.synthetic ? (
        <Paragraph>
          Dit is een synthetische demonstratiemeting: de gegevens zijn verzonnen.
        </Paragraph>
      ) : null}
      <FlashMessage flash={loaderData.flash} />
      <Paragraph>Status: {round.statusLabel}.</Paragraph>
      <Paragraph>Register: {round.registerText}.</Paragraph>
      {loaderData.statusAction?.kind === 'open' ? (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="status" />
          <Button type="submit" name="status" value="open" appearance="primary-action-button">
            Meting openen
          </Button>
        </Form>
      ) : loaderData.statusAction?.kind === 'confirm' ? (
        <Paragraph>
          <ButtonLink href={loaderData.statusAction.href} appearance="secondary-action-button">
            {loaderData.statusAction.label}
          </ButtonLink>
        </Paragraph>
      ) : null}
      {prefillForm ? (
        <section aria-labelledby="vorige-meting" className="bfm-stack">
          <Heading2 id="vorige-meting">
            {prefillForm.canPrefill ? 'Vooraf invullen met de vorige meting' : 'Vorige meting'}
          </Heading2>
          <Paragraph>
            Kies de meting waar deze meting op volgt: de basis voor de ontwikkeling van de cijfers.
            {prefillForm.canPrefill
              ? ' Met vooraf invullen begint elke gemeente bij het openen van de meting met haar antwoorden uit die meting (of die van haar voorgangers, waar die het eens waren). De gemeente bevestigt of wijzigt elk antwoord voordat ze de vragenlijst kan indienen.'
              : ''}
          </Paragraph>
          <ErrorSummary errors={actionData?.prefillErrors ?? []} />
          <Form method="post" className="bfm-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="prefill" />
            <SelectField
              name="vorige"
              label="Vorige meting"
              error={actionData?.prefillErrors?.[0]?.message}
              defaultValue={actionData?.values.vorige ?? prefillForm.previous}
              options={[{ value: '', label: 'geen vorige meting' }, ...prefillForm.choices]}
            />
            {prefillForm.canPrefill ? (
              <CheckboxGroupField
                name="vooraf"
                label="Vooraf invullen"
                checked={
                  (actionData ? actionData.values.vooraf === 'ja' : prefillForm.prefill)
                    ? ['ja']
                    : []
                }
                choices={[
                  {
                    value: 'ja',
                    label: 'Vragenlijsten bij het openen vooraf invullen met de vorige meting',
                  },
                ]}
              />
            ) : null}
            <Button type="submit" appearance="secondary-action-button">
              Opslaan
            </Button>
          </Form>
        </section>
      ) : loaderData.previousRound ? (
        <Paragraph>
          Vorige meting: {loaderData.previousRound.id}
          {loaderData.previousRound.prefill ? ', vooraf ingevuld bij het openen' : ''}.
        </Paragraph>
      ) : null}
      {loaderData.analysisHref ? (
        <Paragraph>
          <Link className="utrecht-link" to={loaderData.analysisHref}>
            Analyse: de landelijke cijfers van deze meting
          </Link>
        </Paragraph>
      ) : null}
      {loaderData.analysisHref ? (
        // Issue 13 (helper A): what the municipalities wrote, next to the figures.
        <Paragraph>
          <Link className="utrecht-link" to={`${loaderData.analysisHref}/open-antwoorden`}>
            Open antwoorden: wat gemeenten schreven bij de open vragen en in toelichtingen
          </Link>
        </Paragraph>
      ) : null}
      {loaderData.publication ? (
        <section aria-labelledby="publicatie" className="bfm-stack">
          <Heading2 id="publicatie">Openbare publicatie</Heading2>
          <Paragraph>
            {loaderData.publication.text}
            {loaderData.publication.publicHref ? (
              <>
                {' '}
                <Link className="utrecht-link" to={loaderData.publication.publicHref}>
                  Bekijk de openbare pagina
                </Link>
                .
              </>
            ) : null}
          </Paragraph>
          {loaderData.publication.action ? (
            <Paragraph>
              <ButtonLink
                href={loaderData.publication.action.href}
                appearance="secondary-action-button"
              >
                {loaderData.publication.action.label}
              </ButtonLink>
            </Paragraph>
          ) : null}
        </section>
      ) : null}
      {loaderData.importHref ? (
        <Paragraph>
          <Link className="utrecht-link" to={loaderData.importHref}>
            Antwoorden importeren uit een bestand
          </Link>
        </Paragraph>
      ) : null}
      {loaderData.reportsHref ? (
        <Paragraph>
          <Link className="utrecht-link" to={loaderData.reportsHref}>
            Rapporten van alle gemeenten als PDF
          </Link>
        </Paragraph>
      ) : null}
      {invitations ? (
        <section aria-labelledby="uitnodigingen" className="bfm-stack">
          <Heading2 id="uitnodigingen">Uitnodigingen</Heading2>
          <Paragraph>
            {formatCount(invitations.municipalities, 'gemeente', 'gemeenten')} uitgenodigd (
            {formatCount(invitations.sent, 'uitnodiging', 'uitnodigingen')}, waarvan{' '}
            {invitations.used} gebruikt).
            {invitations.notAcceptedHref && invitations.notAccepted > 0 ? (
              <>
                {' '}
                <Link className="utrecht-link" to={invitations.notAcceptedHref}>
                  {formatCount(invitations.notAccepted, 'gemeente heeft', 'gemeenten hebben')} de
                  uitnodiging nog niet gebruikt
                </Link>
                .
              </>
            ) : null}
          </Paragraph>
          <div className="bfm-actions">
            <ButtonLink href={invitations.inviteHref} appearance="primary-action-button">
              Gemeenten uitnodigen
            </ButtonLink>
            {invitations.remindHref ? (
              <ButtonLink href={invitations.remindHref} appearance="secondary-action-button">
                Herinneringen sturen
              </ButtonLink>
            ) : null}
          </div>
          {invitations.outbox ? (
            <Paragraph>
              <Link className="utrecht-link" to="/postvak">
                Verstuurde e-mail bekijken
              </Link>
            </Paragraph>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="respons" className="bfm-stack">
        <Heading2 id="respons">Respons</Heading2>
        <div className={loaderData.map ? 'bfm-round-response' : 'bfm-stack'}>
          <div className="bfm-stack">
            <TableScroll
              caption={
                <>
                  Respons per gemeente ({formatCount(response.total, 'gemeente', 'gemeenten')}
                  {table?.showFilters ? ', ongeacht de filters' : ''})
                </>
              }
            >
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Stand</TableHeaderCell>
                  <TableHeaderCell scope="col">Gemeenten</TableHeaderCell>
                  <TableHeaderCell scope="col">Percentage</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {response.rows.map((category) => (
                  <TableRow key={category.id}>
                    <TableHeaderCell scope="row">
                      {loaderData.map ? <CategorySwatch colour={category.colour} /> : null}{' '}
                      {category.label}
                    </TableHeaderCell>
                    <TableCell>{category.count}</TableCell>
                    <TableCell>
                      {!category.counted
                        ? 'telt niet mee'
                        : category.percent === null
                          ? '–'
                          : `${category.percent}%`}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
            <Paragraph>{response.baseText}</Paragraph>
            {loaderData.reasons.length > 0 ? (
              <TableScroll caption={<>Redenen om later of niet mee te doen</>}>
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
              </TableScroll>
            ) : null}
          </div>
          {loaderData.map ? (
            <figure className="bfm-figure bfm-round-map">
              {/* Server-rendered SVG without scripts or styles (src/services/map-service.ts).
                  Its links are for the mouse; keyboard and screen reader users reach the same
                  pages through the table of municipalities below. */}
              <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: loaderData.map }} />
              <figcaption>
                Kaart van de respons per gemeente (gemeentegrenzen {loaderData.round.boundaryYear},
                Kadaster / CBS), in de kleuren van de tabel; de hele meting, zonder filters. Klik op
                een gemeente om haar pagina te openen; met het toetsenbord gaat dat via de tabel met
                gemeenten hieronder.
              </figcaption>
            </figure>
          ) : null}
        </div>
      </section>
      {table ? (
        <section aria-labelledby="gemeenten" className="bfm-stack">
          <Heading2 id="gemeenten">Gemeenten</Heading2>
          {table.showFilters ? (
            <Form
              method="get"
              className="bfm-round-filters"
              action="#gemeenten"
              // Remounted when the filters change, so that with JavaScript (no page load)
              // the fields show the filters applied, also after 'Filters wissen'.
              key={JSON.stringify(table.filters)}
            >
              <TextField
                name="zoek"
                label="Zoek op naam of code"
                type="search"
                defaultValue={table.filters.zoek}
              />
              <SelectField
                name="stand"
                label="Stand"
                defaultValue={table.filters.stand}
                options={[
                  { value: '', label: 'alle standen' },
                  ...table.options.categories.map((c) => ({ value: c.id, label: c.label })),
                ]}
              />
              <SelectField
                name="provincie"
                label="Provincie"
                defaultValue={table.filters.provincie}
                options={[
                  { value: '', label: 'alle provincies' },
                  ...table.options.provinces.map((p) => ({ value: p.code, label: p.name })),
                ]}
              />
              {/* Questionnaire and status in groups per questionnaire (optgroup). */}
              <FormField>
                <FormLabel htmlFor="vragenlijst">Vragenlijst</FormLabel>
                <Select
                  id="vragenlijst"
                  name="vragenlijst"
                  defaultValue={table.filters.vragenlijst}
                >
                  <SelectOption value="">alle vragenlijsten</SelectOption>
                  {loaderData.questionnaires.map((q) => (
                    <optgroup key={q.id} label={q.label}>
                      {Object.entries(loaderData.statusLabels).map(([status, label]) => (
                        <SelectOption key={status} value={`${q.id}:${status}`}>
                          {q.id}: {label}
                        </SelectOption>
                      ))}
                    </optgroup>
                  ))}
                </Select>
              </FormField>
              {table.filters.sorteer ? (
                <input type="hidden" name="sorteer" value={table.filters.sorteer} />
              ) : null}
              {table.filters.volgorde ? (
                <input type="hidden" name="volgorde" value={table.filters.volgorde} />
              ) : null}
              <div className="bfm-actions bfm-round-filter-actions">
                <Button type="submit" appearance="secondary-action-button">
                  Filteren
                </Button>
                {table.filtered ? (
                  <Link className="utrecht-link" to={table.filters.clearHref}>
                    Filters wissen
                  </Link>
                ) : null}
              </div>
            </Form>
          ) : null}
          <Paragraph id="gemeenten-aantal" role="status">
            {table.resultText}
          </Paragraph>
          <TableScroll caption={<>Stand per gemeente en vragenlijst</>}>
            <TableHeader>
              <TableRow>
                {/* Name and status first: on a narrow screen they show before scrolling. */}
                <SortableHeader link={table.sortLinks.naam} />
                <SortableHeader link={table.sortLinks.stand} />
                {loaderData.questionnaires.map((q) => (
                  <TableHeaderCell key={q.id} scope="col">
                    {q.label}
                  </TableHeaderCell>
                ))}
                <SortableHeader link={table.sortLinks.wijziging} />
                <TableHeaderCell scope="col">Provincie</TableHeaderCell>
                <SortableHeader link={table.sortLinks.code} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {table.rows.map((row) => (
                <TableRow key={row.code}>
                  <TableHeaderCell scope="row">
                    <Link className="utrecht-link" to={row.href}>
                      {row.name}
                    </Link>
                  </TableHeaderCell>
                  <TableCell>{row.category}</TableCell>
                  {row.statuses.map((status, index) => (
                    <TableCell key={loaderData.questionnaires[index]?.id}>{status}</TableCell>
                  ))}
                  <TableCell>{row.lastChange ? formatDateTime(row.lastChange) : '–'}</TableCell>
                  <TableCell>{row.province}</TableCell>
                  <TableCell>GM{row.code}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </TableScroll>
          {table.rows.length === 0 ? (
            <Paragraph>Geen gemeenten gevonden. Pas de zoekterm of de filters aan.</Paragraph>
          ) : null}
          <Pagination
            label="Pagina's met gemeenten"
            current={table.page}
            pages={table.pages}
            previous={table.previous}
            next={table.next}
          />
        </section>
      ) : null}
      <TableScroll
        caption={
          <>
            Aantal gemeenten per stand van elke vragenlijst
            {table?.filtered ? ' (de gevonden gemeenten, alle pagina’s)' : ''}
          </>
        }
      >
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
              <TableHeaderCell scope="row">{q.label}</TableHeaderCell>
              {Object.keys(loaderData.statusLabels).map((status) => (
                <TableCell key={status}>
                  {loaderData.counts[q.id]?.[status as keyof typeof loaderData.statusLabels] ?? 0}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </TableScroll>
    </div>
  );
}
