import {
  Button,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { Form, type Params } from 'react-router';
import type { Route } from './+types/analysis-maps';
import {
  AnalysisLayout,
  ChartFigure,
  DataTableView,
  formatNumber,
} from '../components/analysis-layout';
import { SelectField } from '../components/field';
import { TableScroll } from '../components/table-scroll';
import { keepParams, loadDashboardPage, tableDownloads } from '../lib/dashboard.server';
import { handleErrors } from '../lib/http.server';
import {
  analysisCharts,
  dashboardTables,
  loadMunicipalityMarks,
  writeFilterParams,
} from '../lib/services.server';
import { analysisTrail, pageHandle, pageMeta } from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];
const trail = (data: Data | undefined, params: Params) =>
  analysisTrail(params, data?.layout.round.name, { label: 'Kaarten', path: 'kaarten' });
export const handle = pageHandle(trail);
export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

const BAND_WORDS = { goed: 'goed voor elkaar', weg: 'op de goede weg', aandacht: 'aandacht nodig' };

/**
 * Choropleth maps of one basisfunctie (chosen with a GET form, `?basisfunctie=vragenlijst:id`):
 * the percentage 'goed voor elkaar' per province, and for viewers who may see municipalities
 * by name, each municipality in its scope in the colour of its band. Each map has its table.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const wanted = url.searchParams.get('basisfunctie') ?? '';
  const first = await loadDashboardPage(request, context, params, 'kaarten');
  const { view } = first.dashboard;
  const chosen =
    view.basisfuncties.find((b) => `${b.questionnaire}:${b.basisfunctie}` === wanted) ??
    view.basisfuncties[0];
  const value = chosen ? `${chosen.questionnaire}:${chosen.basisfunctie}` : '';
  const page = keepParams(first, value ? { basisfunctie: value } : {});
  const options = view.basisfuncties.map((b) => ({
    value: `${b.questionnaire}:${b.basisfunctie}`,
    label: `${dashboardTables.capitalize(b.questionnaire)}: ${b.name}`,
  }));
  const filterFields = [...writeFilterParams(view.filter).entries()];
  if (!chosen) return { layout: page.layout, options, value, filterFields, chosen: null };
  const provinces = view.byProvince.map((province) => {
    const share = province.basisfuncties.find(
      (s) => s.questionnaire === chosen.questionnaire && s.basisfunctie === chosen.basisfunctie,
    );
    return {
      code: province.id,
      name: province.label,
      percent: share?.percentGoed ?? null,
      respondents: share?.respondents ?? 0,
      suppressed: share?.suppressed ?? false,
    };
  });
  const provinceTable = dashboardTables.buildBreakdownTable(
    page.dashboard.tableSource,
    chosen.questionnaire,
    'provincie',
  );
  const marks =
    view.namedScope === 'none'
      ? null
      : await handleErrors(() =>
          loadMunicipalityMarks(
            context.db,
            page.user,
            params.roundId ?? '',
            chosen.questionnaire,
            chosen.basisfunctie,
            view.filter,
          ),
        );
  return {
    layout: page.layout,
    options,
    value,
    filterFields,
    chosen: {
      name: chosen.name,
      questionnaire: chosen.questionnaire,
      provinceMap: analysisCharts.renderProvinceChoropleth({
        provinces,
        alt: `Kaart: percentage 'goed voor elkaar' voor ${chosen.name} (${chosen.questionnaire}) per provincie`,
        valueLabel: "'goed voor elkaar'",
        registerId: view.register.id,
      }),
      provinceSummary: analysisCharts.summarizeBars(
        provinces.map((p) => ({ label: p.name, ...p })),
        "'goed voor elkaar'",
      ),
      provinceTable: { table: provinceTable, downloads: tableDownloads(page, provinceTable.id) },
      municipalities: marks
        ? {
            scope: view.namedScope,
            map: analysisCharts.renderMunicipalityChoropleth({
              municipalities: marks.map((m) => ({ code: m.code, name: m.name, band: m.band })),
              alt: `Kaart: oordeel per gemeente voor ${chosen.name} (${chosen.questionnaire})`,
              registerId: view.register.id,
            }),
            rows: marks.map((m) => ({
              code: m.code,
              name: m.name,
              province: m.provinceName,
              mark: m.mark,
              band: m.band ? BAND_WORDS[m.band] : 'geen cijfer',
            })),
            counts: (['goed', 'weg', 'aandacht'] as const).map(
              (band) => `${marks.filter((m) => m.band === band).length} ${BAND_WORDS[band]}`,
            ),
          }
        : null,
    },
  };
}

export default function AnalysisMaps({ loaderData }: Route.ComponentProps) {
  const { layout, chosen } = loaderData;
  return (
    <AnalysisLayout layout={layout} title="Kaarten">
      <Form method="get" className="bfm-round-filters" key={loaderData.value}>
        {loaderData.filterFields.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <SelectField
          name="basisfunctie"
          label="Basisfunctie"
          defaultValue={loaderData.value}
          options={loaderData.options}
        />
        <div className="bfm-actions bfm-round-filter-actions">
          <Button type="submit" appearance="secondary-action-button">
            Kaart tonen
          </Button>
        </div>
      </Form>
      {chosen ? (
        <>
          <section aria-labelledby="kaart-provincie" className="bfm-stack">
            <Heading2 id="kaart-provincie">
              {chosen.name} ({chosen.questionnaire}) per provincie
            </Heading2>
            <ChartFigure svg={chosen.provinceMap} summary={chosen.provinceSummary}>
              <Paragraph>
                Elke provincie op de kaart is met de Tab-toets te bereiken en noemt haar percentage;
                de tabel geeft alle basisfuncties per provincie.
              </Paragraph>
              <DataTableView
                table={chosen.provinceTable.table}
                downloads={chosen.provinceTable.downloads}
              />
            </ChartFigure>
          </section>
          {chosen.municipalities ? (
            <section aria-labelledby="kaart-gemeente" className="bfm-stack">
              <Heading2 id="kaart-gemeente">
                {chosen.name} ({chosen.questionnaire}) per gemeente
              </Heading2>
              <figure className="bfm-figure bfm-chart bfm-stack">
                <figcaption>
                  <Paragraph>
                    {chosen.municipalities.scope === 'province'
                      ? 'De gemeenten van uw provincies'
                      : 'Alle gemeenten'}{' '}
                    met een antwoord: {chosen.municipalities.counts.join(', ')}. Gemeenten die u
                    niet bij naam ziet of zonder antwoord zijn lichtgrijs; de tabel hieronder noemt
                    elke gemeente met haar cijfer.
                  </Paragraph>
                </figcaption>
                <div
                  className="bfm-chart-svg"
                  dangerouslySetInnerHTML={{ __html: chosen.municipalities.map }}
                />
              </figure>
              <TableScroll caption={`Cijfer per gemeente: ${chosen.name}`}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                    <TableHeaderCell scope="col">Provincie</TableHeaderCell>
                    <TableHeaderCell scope="col">Cijfer</TableHeaderCell>
                    <TableHeaderCell scope="col">Oordeel</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {chosen.municipalities.rows.map((row) => (
                    <TableRow key={row.code}>
                      <TableHeaderCell scope="row">{row.name}</TableHeaderCell>
                      <TableCell>{row.province}</TableCell>
                      <TableCell>{row.mark === null ? '–' : formatNumber(row.mark)}</TableCell>
                      <TableCell>{row.band}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </TableScroll>
            </section>
          ) : (
            <Paragraph>
              Een kaart per gemeente is er voor de coördinator en de adviseurs; u ziet de cijfers
              per provincie.
            </Paragraph>
          )}
        </>
      ) : null}
    </AnalysisLayout>
  );
}
