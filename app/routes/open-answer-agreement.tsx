/**
 * The agreement between two coders of one open question (issue 13, helper B): per theme Cohen's
 * kappa with the words of Landis & Koch and the number of answers both coded, the overall
 * observed agreement, and the answers on which their themes differ, each with a form to settle
 * the final themes. Coordinator and analysts only; the answers show as the viewer may read them.
 */
import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { data, Form, type Params } from 'react-router';
import type { Route } from './+types/open-answer-agreement';
import { AnalysisHeading, formatNumber } from '../components/analysis-layout';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { SelectField } from '../components/field';
import { FlashMessage } from '../components/flash-message';
import { OpenAnswerNav } from '../components/open-answer-nav';
import { TableScroll } from '../components/table-scroll';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
import { attempt, handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { pageHandle, pageMeta } from '../lib/navigation';
import { sourceLabel, sourceTrail } from '../lib/open-answer-coding';
import { readSourceKey } from '../lib/open-answer-coding.server';
import { sourcePath } from '../lib/open-answer-paths';
import { requireSession, verifyCsrf } from '../lib/session.server';
import { can } from '../../src/services/permissions.ts';
import { readAgreement } from '../../src/services/open-answers/agreement-service.ts';
import { settleAnswer } from '../../src/services/open-answers/coding-service.ts';
import { loadRound } from '../../src/services/round-service.ts';

type Data = Route.MetaArgs['loaderData'];

const trail = (loaderData: Data | undefined, params: Params) =>
  sourceTrail(params, loaderData?.round.name, 'agreement');

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

const REASONS = {
  'no-answers': 'geen antwoorden die beiden codeerden',
  'no-variation': 'niet te berekenen: beide codeurs gaven dit thema nooit (of altijd)',
} as const;

function readPair(url: URL): { a: number; b: number } | null {
  const a = Number(url.searchParams.get('codeur-a') ?? '');
  const b = Number(url.searchParams.get('codeur-b') ?? '');
  return Number.isInteger(a) && a > 0 && Number.isInteger(b) && b > 0 ? { a, b } : null;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const key = readSourceKey(params);
  const url = new URL(request.url);
  const roundId = params.roundId ?? '';
  const { flash, headers } = takeFlash(request, context);
  const view = await handleErrors(() =>
    readAgreement(context.db, session.user, roundId, key, readPair(url)),
  );
  const loaded = await handleErrors(() => loadRound(context.db, roundId));
  return data(
    {
      flash,
      key,
      view,
      round: { id: loaded.round.id, name: loaded.round.name, synthetic: loaded.round.synthetic },
      query: url.search,
      mayCode: can(session.user, 'openAnswers.code'),
    },
    { headers },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/open-answer-agreement.tsx');
  const key = readSourceKey(params);
  const roundId = params.roundId ?? '';
  const answerId = String(form.get('answerId') ?? '');
  const themeIds = form.getAll('themes').map(Number);
  const result = await attempt(() =>
    settleAnswer(context.db, session.user, roundId, key, answerId, themeIds),
  );
  if (!result.ok) {
    return data(
      {
        errors: [{ field: `besluit-${answerId}`, message: result.error.message }] as FieldError[],
      },
      { status: result.status },
    );
  }
  const back = String(form.get('query') ?? '');
  throw redirectWithFlash(
    `${sourcePath(roundId, key, 'agreement')}${back.startsWith('?') ? back : ''}#verschil-${answerId}`,
    { text: 'Het besluit over de codering is opgeslagen. Het telt nu mee in de aantallen.' },
    context,
  );
}

/**
 * Kappa with two decimals, always: rounded to one ('1' for 0,96) it read as perfect agreement
 * while the table next to it listed the answers the coders disagreed on.
 */
const KAPPA_FORMAT = new Intl.NumberFormat('nl-NL', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const formatKappa = (kappa: number) => KAPPA_FORMAT.format(kappa);

const percent = (share: number | null) =>
  share === null ? '–' : `${formatNumber(Math.round(share * 1000) / 10)}%`;

export default function OpenAnswerAgreement({ loaderData, actionData }: Route.ComponentProps) {
  const { view, key, round } = loaderData;
  const label = sourceLabel(key);
  const themes = view.codebook?.themes ?? [];
  const nameOf = (ids: readonly number[]) => {
    const names = themes.filter((t) => ids.includes(t.id)).map((t) => t.name);
    return names.length === 0 ? 'geen thema' : names.join(', ');
  };
  const coderOptions = view.coders.map((c) => ({
    value: String(c.id),
    // A comma, not a second pair of brackets: the demo coders are named '… (synthetisch)'.
    label: `${c.name}, ${c.coded} gecodeerd`,
  }));
  return (
    <div className="bfm-stack">
      <AnalysisHeading title={`Overeenstemming: ${label.toLowerCase()}`} round={round} />
      <OpenAnswerNav
        roundId={round.id}
        source={key}
        current="agreement"
        mayCode={loaderData.mayCode}
      />
      <FlashMessage flash={loaderData.flash} />
      <ErrorSummary errors={actionData?.errors ?? []} />
      <Paragraph>
        {view.source.questionnaireName}, vraag {key.question}: {view.source.itemText}
      </Paragraph>
      {!view.pair ? (
        <Paragraph>
          Er is nog geen overeenstemming te berekenen: daarvoor moeten twee mensen dezelfde
          antwoorden coderen.{' '}
          {view.coders.length === 1 ? `Alleen ${view.coders[0]?.name} heeft gecodeerd.` : ''}
        </Paragraph>
      ) : (
        <>
          <Form method="get" className="bfm-form">
            <SelectField
              name="codeur-a"
              label="Eerste codeur"
              options={coderOptions}
              defaultValue={String(view.pair.a.id)}
            />
            <SelectField
              name="codeur-b"
              label="Tweede codeur"
              options={coderOptions}
              defaultValue={String(view.pair.b.id)}
            />
            <div className="bfm-actions">
              <Button type="submit" appearance="secondary-action-button">
                Vergelijken
              </Button>
            </div>
          </Form>
          <Paragraph>
            {view.pair.a.name} en {view.pair.b.name} codeerden allebei {view.common}{' '}
            {view.common === 1 ? 'antwoord' : 'antwoorden'}. Bij {percent(view.observedAgreement)}{' '}
            daarvan gaven ze precies dezelfde thema’s.
          </Paragraph>
          <section aria-labelledby="kappa" className="bfm-stack">
            <Heading2 id="kappa">Cohen’s kappa per thema</Heading2>
            <Paragraph>
              Kappa meet de overeenstemming boven wat toeval zou geven: 1 is volledige
              overeenstemming, 0 niet meer dan toeval. De woorden zijn die van Landis en Koch: tot
              0,20 gering, tot 0,40 redelijk, tot 0,60 matig, tot 0,80 substantieel, daarboven bijna
              perfect.
            </Paragraph>
            <TableScroll caption="Overeenstemming per thema (Cohen’s kappa)">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Thema</TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    Kappa
                  </TableHeaderCell>
                  <TableHeaderCell scope="col">Oordeel</TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    Beiden
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    Alleen {view.pair.a.name}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    Alleen {view.pair.b.name}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    Geen van beiden
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    Antwoorden (n)
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.themes.map((theme) => (
                  <TableRow key={theme.themeId}>
                    <TableHeaderCell scope="row">{theme.name}</TableHeaderCell>
                    <TableCell numericColumn>
                      {theme.kappa === null ? '–' : formatKappa(theme.kappa)}
                    </TableCell>
                    <TableCell>
                      {theme.kappa === null
                        ? REASONS[theme.reason ?? 'no-answers']
                        : theme.interpretation}
                    </TableCell>
                    <TableCell numericColumn>{theme.table.both}</TableCell>
                    <TableCell numericColumn>{theme.table.onlyA}</TableCell>
                    <TableCell numericColumn>{theme.table.onlyB}</TableCell>
                    <TableCell numericColumn>{theme.table.neither}</TableCell>
                    <TableCell numericColumn>{theme.n}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
          </section>
          <section aria-labelledby="verschillen" className="bfm-stack">
            <Heading2 id="verschillen">
              Verschillen ({view.disagreements.length}{' '}
              {view.disagreements.length === 1 ? 'antwoord' : 'antwoorden'})
            </Heading2>
            {view.disagreements.length === 0 ? (
              <Paragraph>De twee codeurs gaven elk antwoord dezelfde thema’s.</Paragraph>
            ) : (
              <Paragraph>
                Kies per antwoord de thema’s waartoe u samen besluit. Het besluit telt daarna mee in
                de aantallen en de export; de eigen coderingen en de kappa blijven zoals ze waren.
              </Paragraph>
            )}
            <ol className="bfm-answer-list">
              {view.disagreements.map((d) => {
                const chosen = d.settled ?? d.themesA;
                return (
                  <li key={d.answer.id}>
                    <article
                      id={`verschil-${d.answer.id}`}
                      tabIndex={-1}
                      aria-labelledby={`verschil-${d.answer.id}-titel`}
                      className="bfm-answer bfm-stack"
                    >
                      <h3 id={`verschil-${d.answer.id}-titel`} className="utrecht-heading-3">
                        {d.answer.origin}
                      </h3>
                      <blockquote className="bfm-quote">
                        <p className="utrecht-paragraph">{d.answer.text}</p>
                      </blockquote>
                      <dl className="bfm-facts">
                        <dt>{view.pair?.a.name}</dt>
                        <dd>{nameOf(d.themesA)}</dd>
                        <dt>{view.pair?.b.name}</dt>
                        <dd>{nameOf(d.themesB)}</dd>
                        <dt>Besluit</dt>
                        <dd>{d.settled ? nameOf(d.settled) : 'nog geen besluit'}</dd>
                        <dt>Telt nu als</dt>
                        <dd>{nameOf(d.final)}</dd>
                      </dl>
                      <Form method="post" className="bfm-form" noValidate>
                        <CsrfInput />
                        <input type="hidden" name="intent" value="settle" />
                        <input type="hidden" name="answerId" value={d.answer.id} />
                        <input type="hidden" name="query" value={loaderData.query} />
                        <Fieldset id={`besluit-${d.answer.id}`} tabIndex={-1}>
                          <FieldsetLegend>Thema’s waartoe besloten is</FieldsetLegend>
                          {themes.map((theme) => (
                            <FormField key={theme.id} type="checkbox">
                              <Checkbox
                                id={`besluit-${d.answer.id}-${theme.id}`}
                                name="themes"
                                value={String(theme.id)}
                                defaultChecked={chosen.includes(theme.id)}
                              />
                              <FormLabel
                                htmlFor={`besluit-${d.answer.id}-${theme.id}`}
                                type="checkbox"
                              >
                                {theme.name}
                              </FormLabel>
                            </FormField>
                          ))}
                        </Fieldset>
                        <div className="bfm-actions">
                          <Button type="submit" appearance="primary-action-button">
                            Besluit opslaan
                          </Button>
                        </div>
                      </Form>
                    </article>
                  </li>
                );
              })}
            </ol>
          </section>
        </>
      )}
    </div>
  );
}
