import {
  Button,
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
import { Form, Link, type Params } from 'react-router';
import type { Route } from './+types/analysis-export';
import { AnalysisNav } from '../components/analysis-layout';
import { GROUPS, SIZE_CLASSES } from '../../src/domain/register';
import { SelectField } from '../components/field';
import { TableScroll } from '../components/table-scroll';
import { handleErrors } from '../lib/http.server';
import { pageHandle, pageMeta, roundTrail, type Trail } from '../lib/navigation';
import { loadExportPage } from '../lib/services.server';
import { requireSession } from '../lib/session.server';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => {
  const round = `/metingen/${encodeURIComponent(params.roundId ?? '')}`;
  return [
    ...roundTrail(params, data?.roundName),
    { label: 'Analyse', to: `${round}/analyse` },
    { label: 'Antwoorden downloaden', to: `${round}/analyse/export`, inTitle: true },
  ];
};

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

const FORMAT_TEXT = {
  csv: { label: 'CSV', hint: 'voor Excel en R, met puntkomma en decimale komma' },
  xlsx: { label: 'Excel', hint: 'met het codeboek op een eigen blad' },
  sps: { label: 'SPSS-syntax', hint: 'leest het databestand ernaast' },
  dat: { label: 'SPSS-data', hint: 'het databestand bij de syntax' },
} as const;

/**
 * The answers of a round as data files (docs/exports.md): per questionnaire CSV, Excel and
 * SPSS, and the codebook. The coordinator gets every municipality, an advisor those of their
 * provinces; other roles hear 403 with the reason.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const url = new URL(request.url);
  const page = await handleErrors(() =>
    loadExportPage(context.db, session.user, params.roundId, url.searchParams),
  );
  const base = `/metingen/${encodeURIComponent(params.roundId)}/analyse/export`;
  const query = page.filterQuery ? `?${page.filterQuery}` : '';
  return {
    ...page,
    clearHref: base,
    analysisBase: `/metingen/${encodeURIComponent(params.roundId)}/analyse`,
    navQuery: query,
    questionnaires: page.questionnaires.map((questionnaire) => ({
      ...questionnaire,
      files: questionnaire.files.map((file) => {
        const extension = file.name.slice(
          file.name.lastIndexOf('.') + 1,
        ) as keyof typeof FORMAT_TEXT;
        return {
          name: file.name,
          href: `${base}/${encodeURIComponent(file.name)}${query}`,
          ...FORMAT_TEXT[extension],
        };
      }),
    })),
  };
}

export default function AnalysisExport({ loaderData }: Route.ComponentProps) {
  const { questionnaires } = loaderData;
  return (
    <div className="bfm-stack">
      <Heading1>Antwoorden downloaden</Heading1>
      <AnalysisNav base={loaderData.analysisBase} current="export" query={loaderData.navQuery} />
      {loaderData.synthetic ? (
        <Paragraph>
          <strong>Synthetische gegevens:</strong> deze meting is een demonstratie; de bestanden
          bevatten geen echte antwoorden van gemeenten.
        </Paragraph>
      ) : null}
      <Paragraph>
        De antwoorden van {loaderData.roundName} als gegevensbestand: één rij per gemeente die de
        vragenlijst heeft ingevuld, een kolom per vraag, met de cijfers per basisfunctie en het
        aantal basisfuncties dat goed voor elkaar is.{' '}
        {loaderData.scope === 'all'
          ? 'De bestanden bevatten alle gemeenten.'
          : `De bestanden bevatten alleen de gemeenten van uw provincie${loaderData.provinces.length === 1 ? '' : 's'}: ${loaderData.provinces.join(', ')}.`}
        {loaderData.filterText ? ` Met het filter: alleen ${loaderData.filterText}.` : ''}
      </Paragraph>
      <Paragraph>
        Voor SPSS of PSPP downloadt u de syntax en de data naar dezelfde map en voert u de syntax
        uit vanuit die map. Een lege cel betekent: niet beantwoord.
      </Paragraph>
      <section aria-labelledby="filter" className="bfm-stack">
        <Heading2 id="filter">Welke gemeenten</Heading2>
        <Form
          method="get"
          className="bfm-round-filters"
          // Remounted when the filter changes, so the fields show what is applied.
          key={loaderData.filterQuery}
        >
          <SelectField
            name="grootte"
            label="Grootteklasse"
            defaultValue={loaderData.filter.sizeClass ?? ''}
            options={[
              { value: '', label: 'alle grootteklassen' },
              ...SIZE_CLASSES.map((c) => ({ value: c.id, label: c.label })),
            ]}
          />
          <SelectField
            name="groep"
            label="Groep"
            defaultValue={loaderData.filter.group ?? ''}
            options={[
              { value: '', label: 'alle groepen' },
              ...GROUPS.map((g) => ({ value: g.id, label: g.label })),
            ]}
          />
          <SelectField
            name="provincie"
            label="Provincie"
            defaultValue={loaderData.filter.province ?? ''}
            options={[
              { value: '', label: 'alle provincies' },
              ...loaderData.filterProvinces.map((p) => ({ value: p.code, label: p.name })),
            ]}
          />
          <div className="bfm-actions bfm-round-filter-actions">
            <Button type="submit" appearance="secondary-action-button">
              Filter toepassen
            </Button>
            {loaderData.filterQuery ? (
              <Link className="utrecht-link" to={loaderData.clearHref}>
                Filter wissen
              </Link>
            ) : null}
          </div>
        </Form>
      </section>
      <section aria-labelledby="bestanden" className="bfm-stack">
        <Heading2 id="bestanden">Bestanden</Heading2>
        {questionnaires.map((questionnaire) => (
          <section
            key={questionnaire.id}
            aria-labelledby={`bestanden-${questionnaire.id}`}
            className="bfm-stack"
          >
            <Heading3 id={`bestanden-${questionnaire.id}`}>{questionnaire.name}</Heading3>
            <Paragraph>
              {questionnaire.respondents === 1
                ? '1 gemeente heeft'
                : `${questionnaire.respondents} gemeenten hebben`}{' '}
              deze vragenlijst ingevuld.
            </Paragraph>
            <ul>
              {questionnaire.files.map((file) => (
                <li key={file.name}>
                  <a className="utrecht-link" href={file.href} download={file.name}>
                    {file.label}
                    <span className="bfm-visually-hidden"> van {questionnaire.name}</span>
                  </a>
                  : {file.name}, {file.hint}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
      <section aria-labelledby="codeboek">
        <Heading2 id="codeboek">Codeboek</Heading2>
        <Paragraph>
          De namen, labels en waarden van de variabelen. Het Excel-bestand heeft hetzelfde codeboek
          op het blad ‘codeboek’.
        </Paragraph>
        {questionnaires.map((questionnaire) => (
          <details key={questionnaire.id}>
            <summary>
              Codeboek {questionnaire.name} ({questionnaire.codebook.length} variabelen)
            </summary>
            <TableScroll caption={`Codeboek ${questionnaire.name}`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Variabele</TableHeaderCell>
                  <TableHeaderCell scope="col">Label</TableHeaderCell>
                  <TableHeaderCell scope="col">Soort</TableHeaderCell>
                  <TableHeaderCell scope="col">Waarden</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {questionnaire.codebook.map(([name = '', label, kind, values, note]) => (
                  <TableRow key={name}>
                    <TableHeaderCell scope="row">
                      <code>{name}</code>
                    </TableHeaderCell>
                    <TableCell>
                      {label}
                      {note ? (
                        <>
                          <br />
                          {note}
                        </>
                      ) : null}
                    </TableCell>
                    <TableCell>{kind}</TableCell>
                    <TableCell>{values}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
          </details>
        ))}
      </section>
    </div>
  );
}
