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
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { data, Form } from 'react-router';
import type { Params } from 'react-router';
import type { Route } from './+types/region';
import { CategorySwatch } from '../components/category-swatch';
import { CheckboxGroupField, SelectField } from '../components/field';
import { ErrorSummary } from '../components/error-summary';
import { TableScroll } from '../components/table-scroll';
import { attempt, handleErrors } from '../lib/http.server';
import { pageHandle, pageMeta, roundTrail, type Trail } from '../lib/navigation';
import { requireSession } from '../lib/session.server';
import { listRegionChoices, loadRegion, MAX_REGION_MEMBERS } from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  ...roundTrail(params, data?.roundName),
  {
    label: 'Regionale vergelijking',
    to: `/metingen/${encodeURIComponent(params.roundId ?? '')}/regio`,
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

interface Group {
  readonly named: readonly string[];
  readonly unnamed: number | null;
}

/** 'Gouda, Woerden en 2 andere gemeenten'; hidden counts are said so, never guessed. */
function describeGroup(group: Group): string {
  const parts = [...group.named];
  if (group.unnamed === null) {
    return parts.length > 0
      ? `${parts.join(', ')} (andere gemeenten niet getoond)`
      : 'niet getoond';
  }
  if (group.unnamed > 0) {
    const noun = group.unnamed === 1 ? 'gemeente' : 'gemeenten';
    parts.push(parts.length > 0 ? `${group.unnamed} andere ${noun}` : `${group.unnamed} ${noun}`);
  }
  if (parts.length === 0) return 'geen';
  return parts.length === 1
    ? (parts[0] as string)
    : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const choices = await handleErrors(() =>
    listRegionChoices(context.db, session.user, params.roundId),
  );
  const url = new URL(request.url);
  const codes = url.searchParams.getAll('gemeenten').filter(Boolean);
  const province = url.searchParams.get('provincie') ?? '';
  // A municipality account starts at its own municipality; others choose one first.
  const around =
    url.searchParams.get('rond') ?? (codes.length === 0 && !province ? choices.own : null);
  const colour = url.searchParams.get('kleur') ?? undefined;
  const wanted = codes.length > 0 ? { codes, colour } : around ? { around, colour } : null;
  const outcome = wanted
    ? await attempt(() => loadRegion(context.db, session.user, params.roundId, wanted))
    : null;
  const provinces = [
    ...new Map(choices.municipalities.map((m) => [m.provinceCode, m.provinceName])),
  ]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const region = outcome?.ok ? outcome.value : null;
  const body = {
    roundName: choices.roundName,
    boundaryYear: choices.boundaryYear,
    maxMembers: MAX_REGION_MEMBERS,
    municipalities: choices.municipalities.map((m) => ({ code: m.code, name: m.name })),
    provinces,
    province,
    provinceMunicipalities: choices.municipalities
      .filter((m) => m.provinceCode === province)
      .map((m) => ({ value: m.code, label: m.name })),
    around: around ?? '',
    codes,
    error: outcome && !outcome.ok ? outcome.error.message : null,
    region: region
      ? {
          centre: region.centre,
          memberCount: region.memberCount,
          namedMembers: region.namedMembers,
          unnamedCount: region.unnamedCount,
          unnamedHidden: region.view.unnamedHidden,
          officialTotal: region.officialTotal,
          questionnaires: [...new Set(region.view.rows.map((row) => row.questionnaire))].map(
            (id) => ({
              id,
              rows: region.view.rows
                .filter((row) => row.questionnaire === id)
                .map((row) => ({
                  id: row.id,
                  name: row.name,
                  official: row.official,
                  goed: describeGroup(row.goed),
                  notGoed: describeGroup(row.notGoed),
                  noMark: describeGroup(row.noMark),
                  gap: row.gap,
                })),
            }),
          ),
          gaps: region.view.gaps.map((row) => ({
            key: `${row.questionnaire}-${row.id}`,
            text: `${row.name} (${row.questionnaire})`,
          })),
          unknownGaps: region.view.rows.filter((row) => row.gap === null).length,
          sentences: region.view.sentences,
          map: region.map,
          mapSummary: region.mapSummary,
          classes: region.legend,
          colour: region.colour,
          colourChoices: region.colourChoices,
        }
      : null,
  };
  return data(body, { status: outcome && !outcome.ok ? outcome.status : 200 });
}

export default function Region({ loaderData }: Route.ComponentProps) {
  const region = loaderData.region;
  const error = loaderData.error;
  return (
    <div className="bfm-stack">
      <Heading1>
        Regionale vergelijking
        {region?.centre ? `: ${region.centre.name} en buurgemeenten` : ''}
      </Heading1>
      <Paragraph>
        Welke basisfuncties hebben de gemeenten in een regio goed voor elkaar, waar zit een leemte
        die geen enkele gemeente dekt, en wie kan wie helpen? Gemeenten waarvan u de antwoorden niet
        mag zien en die geen toestemming gaven om bij naam te worden genoemd, tellen mee in de
        aantallen, zonder naam.
      </Paragraph>
      <ErrorSummary errors={error ? [{ field: 'rond', message: error }] : []} />
      <section aria-labelledby="regio-kiezen" className="bfm-stack">
        <Heading2 id="regio-kiezen">Regio kiezen</Heading2>
        <Form method="get" className="bfm-form">
          <SelectField
            name="rond"
            label="Een gemeente en haar buurgemeenten"
            hint={`Buurgemeenten grenzen aan de gekozen gemeente (gemeentegrenzen ${loaderData.boundaryYear}).`}
            defaultValue={loaderData.around}
            options={[
              { value: '', label: 'Kies een gemeente' },
              ...loaderData.municipalities.map((m) => ({ value: m.code, label: m.name })),
            ]}
          />
          <Button type="submit" appearance="primary-action-button">
            Buurregio tonen
          </Button>
        </Form>
        <Form method="get" className="bfm-form">
          <SelectField
            name="provincie"
            label="Of stel zelf een regio samen: kies eerst een provincie"
            defaultValue={loaderData.province}
            options={[
              { value: '', label: 'Kies een provincie' },
              ...loaderData.provinces.map((p) => ({ value: p.code, label: p.name })),
            ]}
          />
          <Button type="submit" appearance="secondary-action-button">
            Gemeenten van de provincie tonen
          </Button>
        </Form>
        {loaderData.provinceMunicipalities.length > 0 ? (
          <Form method="get" className="bfm-form">
            <input type="hidden" name="provincie" value={loaderData.province} />
            <CheckboxGroupField
              name="gemeenten"
              label="Gemeenten in de regio"
              hint={`Kies ten hoogste ${loaderData.maxMembers} gemeenten.`}
              checked={loaderData.codes}
              choices={loaderData.provinceMunicipalities}
            />
            <Button type="submit" appearance="primary-action-button">
              Samengestelde regio tonen
            </Button>
          </Form>
        ) : null}
      </section>
      {region ? (
        <>
          <section aria-labelledby="leden" className="bfm-stack">
            <Heading2 id="leden">Gemeenten in de regio</Heading2>
            <Paragraph>
              De regio telt {region.memberCount}{' '}
              {region.memberCount === 1 ? 'gemeente' : 'gemeenten'}.
              {region.unnamedCount > 0
                ? ` ${region.unnamedCount} ${region.unnamedCount === 1 ? 'gemeente staat' : 'gemeenten staan'} er zonder naam in.`
                : ''}
              {region.unnamedHidden
                ? ' Omdat dat er minder dan vijf zijn, ziet u hun aantallen niet: anders zou u de uitkomsten van één gemeente kunnen afleiden.'
                : ''}
            </Paragraph>
          </section>
          {region.questionnaires.map((q) => (
            <section key={q.id} aria-labelledby={`bf-${q.id}`} className="bfm-stack">
              <Heading2 id={`bf-${q.id}`}>
                Basisfuncties {q.id === 'mantelzorg' ? 'mantelzorg' : 'vrijwilligerswerk'}
              </Heading2>
              <TableScroll caption={<>Wie heeft welke basisfunctie goed voor elkaar ({q.id})</>}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
                    <TableHeaderCell scope="col">Goed voor elkaar</TableHeaderCell>
                    <TableHeaderCell scope="col">Nog niet goed voor elkaar</TableHeaderCell>
                    <TableHeaderCell scope="col">Zonder cijfer</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {q.rows.map((row) => (
                    <TableRow key={row.id}>
                      <TableHeaderCell scope="row">
                        {row.name}
                        {row.official ? '' : ' (telt niet mee als officiële basisfunctie)'}
                        {row.gap === true ? ' – leemte' : ''}
                      </TableHeaderCell>
                      <TableCell>{row.goed}</TableCell>
                      <TableCell>{row.notGoed}</TableCell>
                      <TableCell>{row.noMark}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </TableScroll>
            </section>
          ))}
          <section aria-labelledby="leemten" className="bfm-stack">
            <Heading2 id="leemten">Leemten in de regio</Heading2>
            {region.gaps.length > 0 ? (
              <>
                <Paragraph>
                  Geen enkele gemeente in de regio heeft deze basisfuncties goed voor elkaar:
                </Paragraph>
                <UnorderedList>
                  {region.gaps.map((gap) => (
                    <UnorderedListItem key={gap.key}>{gap.text}</UnorderedListItem>
                  ))}
                </UnorderedList>
              </>
            ) : (
              <Paragraph>
                {region.unknownGaps > 0
                  ? 'Er is geen leemte te tonen zonder de uitkomsten van gemeenten zonder naam te onthullen.'
                  : 'Geen leemten: elke basisfunctie is bij minstens één gemeente in de regio goed voor elkaar.'}
              </Paragraph>
            )}
          </section>
          <section aria-labelledby="helpen" className="bfm-stack">
            <Heading2 id="helpen">Wie kan wie helpen</Heading2>
            {region.sentences.length > 0 ? (
              <UnorderedList>
                {region.sentences.map((sentence) => (
                  <UnorderedListItem key={sentence}>{sentence}</UnorderedListItem>
                ))}
              </UnorderedList>
            ) : (
              <Paragraph>
                Er is niemand bij naam te noemen die een andere gemeente in de regio kan helpen.
              </Paragraph>
            )}
          </section>
          <section aria-labelledby="kaart" className="bfm-stack">
            <Heading2 id="kaart">Kaart van de regio</Heading2>
            <Form method="get" className="bfm-form">
              {loaderData.codes.length > 0 ? (
                <>
                  <input type="hidden" name="provincie" value={loaderData.province} />
                  {loaderData.codes.map((code) => (
                    <input key={code} type="hidden" name="gemeenten" value={code} />
                  ))}
                </>
              ) : (
                <input type="hidden" name="rond" value={loaderData.around} />
              )}
              <SelectField
                name="kleur"
                label="Kleur de kaart naar"
                defaultValue={region.colour.value}
                options={region.colourChoices}
              />
              <Button type="submit" appearance="secondary-action-button">
                Kaart kleuren
              </Button>
            </Form>
            <Paragraph>{region.mapSummary}</Paragraph>
            {region.map ? (
              <figure className="bfm-figure bfm-round-map">
                {/* Server-rendered SVG without scripts or styles (src/services/region-map.ts);
                    the table below holds the same numbers for screen readers and keyboards. */}
                <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: region.map }} />
                <figcaption>
                  Kaart van de regio (gemeentegrenzen {loaderData.boundaryYear}, Kadaster / CBS),
                  gekleurd naar {region.colour.label}, in de kleuren van de tabel hieronder;
                  gemeenten zonder naam zijn grijs
                  {region.centre ? `, ${region.centre.name} heeft een dikke rand` : ''}.
                </figcaption>
              </figure>
            ) : null}
            <TableScroll caption={<>Kleuren van de kaart</>}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Kleur: {region.colour.label}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {region.classes.map((c) => (
                  <TableRow key={c.id}>
                    <TableHeaderCell scope="row">
                      <CategorySwatch colour={c.colour} /> {c.label}
                    </TableHeaderCell>
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
            <TableScroll caption={<>Gemeenten op de kaart</>}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                  <TableHeaderCell scope="col">Provincie</TableHeaderCell>
                  <TableHeaderCell scope="col">
                    Officiële basisfuncties goed (van de {region.officialTotal})
                  </TableHeaderCell>
                  <TableHeaderCell scope="col">Op de kaart</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {region.namedMembers.map((m) => (
                  <TableRow key={m.code}>
                    <TableHeaderCell scope="row">{m.name}</TableHeaderCell>
                    <TableCell>{m.provinceName}</TableCell>
                    <TableCell>{m.responded ? m.officialGoed : 'geen antwoorden'}</TableCell>
                    <TableCell>{m.mapLabel}</TableCell>
                  </TableRow>
                ))}
                {region.unnamedCount > 0 ? (
                  <TableRow>
                    <TableHeaderCell scope="row">
                      {region.unnamedCount} {region.unnamedCount === 1 ? 'gemeente' : 'gemeenten'}{' '}
                      zonder naam
                    </TableHeaderCell>
                    <TableCell>–</TableCell>
                    <TableCell>niet getoond</TableCell>
                    <TableCell>grijs</TableCell>
                  </TableRow>
                ) : null}
              </TableBody>
            </TableScroll>
          </section>
        </>
      ) : null}
    </div>
  );
}
