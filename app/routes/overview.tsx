import {
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
import type { Route } from './+types/overview';
import { keyFromParams, loadForPage } from '../lib/questionnaire.server';
import { requireSession } from '../lib/session.server';
import { summarizeQuestionnaire } from '../lib/services.server';
import { describeBands, formatMark } from '../lib/format';
import { TableScroll } from '../components/table-scroll';
import type { Params } from 'react-router';
import {
  municipalityPath,
  pageHandle,
  pageMeta,
  questionnaireTrail,
  type Trail,
} from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  ...questionnaireTrail(params, { roundName: data?.roundName, municipality: data?.municipality }),
  { label: 'Overzicht', to: `${municipalityPath(params)}/${params.questionnaire ?? ''}/overzicht` },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const key = keyFromParams(params);
  const page = await loadForPage(context, session, key);
  const overview = summarizeQuestionnaire(page);
  return {
    municipality: page.municipality.name,
    roundName: page.loaded.round.name,
    questionnaire: page.questionnaire.name,
    submitted: page.status === 'submitted',
    bandMeanings: describeBands(page.loaded.instrument.scoring.bands),
    basisfuncties: overview.basisfuncties,
    bands: page.loaded.instrument.scoring.bands
      .slice()
      .reverse()
      .map((band) => ({
        id: band.id,
        label: band.label,
        items: overview.itemsByBand[band.id] ?? [],
      })),
  };
}

const showMark = (mark: number | null) =>
  mark === null ? 'geen cijfer (te weinig vragen beantwoord)' : formatMark(mark);

export default function Overview({ loaderData }: Route.ComponentProps) {
  return (
    <div className="bfm-stack">
      <Heading1>Overzicht: {loaderData.questionnaire}</Heading1>
      {loaderData.submitted ? (
        <Paragraph>De vragenlijst is ingediend. Dit zijn de uitkomsten.</Paragraph>
      ) : null}
      <Paragraph>
        Elke basisfunctie krijgt een cijfer van 0 tot 10 uit de antwoorden op haar vragen: ‘Nee’
        telt als 1 punt, ‘Ja, verbetering mogelijk’ als 2 en ‘Ja, goed voor elkaar’ als 3. Het
        cijfer betekent:
      </Paragraph>
      <UnorderedList>
        {loaderData.bandMeanings.map((meaning) => (
          <UnorderedListItem key={meaning}>{meaning}</UnorderedListItem>
        ))}
      </UnorderedList>
      <TableScroll caption="Cijfer en oordeel per basisfunctie (een 6 of hoger is ‘goed voor elkaar’)">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
            <TableHeaderCell scope="col">Cijfer</TableHeaderCell>
            <TableHeaderCell scope="col">Oordeel</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {loaderData.basisfuncties.map((b) => (
            <TableRow key={b.id}>
              <TableHeaderCell scope="row">{b.name}</TableHeaderCell>
              <TableCell>{showMark(b.mark)}</TableCell>
              <TableCell>{b.band ?? 'onvoldoende beantwoord'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </TableScroll>
      {loaderData.bands.map((band) => (
        <section key={band.id} aria-labelledby={`band-${band.id}`}>
          <Heading2 id={`band-${band.id}`}>
            {band.label.charAt(0).toUpperCase() + band.label.slice(1)} ({band.items.length})
          </Heading2>
          {band.items.length === 0 ? (
            <Paragraph>Geen vragen.</Paragraph>
          ) : (
            <UnorderedList>
              {band.items.map((item) => (
                <UnorderedListItem key={item.number}>
                  {item.number}. {item.text}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          )}
        </section>
      ))}
    </div>
  );
}
