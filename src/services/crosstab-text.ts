/**
 * The statistics of a cross-table in plain Dutch, one text for the page, its downloads and
 * `bfm crosstab`: what the test says, how strong the association is, and when the test is not
 * to be trusted or not shown.
 */
import type { ProtectedCrossTab } from '../domain/crosstab-disclosure.ts';
import type { CrossTabTest, QuestionCrossTab } from '../domain/crosstab.ts';

/** The significance level the sentences use. */
export const SIGNIFICANCE_LEVEL = 0.05;

/**
 * A number with a decimal comma.
 *
 * @example formatDecimal(0.2134, 2) // '0,21'
 */
export function formatDecimal(value: number, decimals: number): string {
  return value.toLocaleString('nl-NL', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: false,
  });
}

/**
 * A p-value as tables print it: three decimals, and 'p < 0,001' below that.
 *
 * @example formatPValue(0.0423) // 'p = 0,042'
 * @example formatPValue(0.00001) // 'p < 0,001'
 */
export function formatPValue(p: number): string {
  return p < 0.001 ? 'p < 0,001' : `p = ${formatDecimal(p, 3)}`;
}

/**
 * The strength of an association by Cramér's V, in words. The bounds (0,1, 0,3, 0,5) are the
 * usual rule of thumb (Cohen) for a table whose smaller side has two categories; they are a
 * reading aid, not a test.
 *
 * @example describeStrength(0.25) // 'zwak'
 */
export function describeStrength(cramersV: number): string {
  if (cramersV < 0.1) return 'nauwelijks aanwezig';
  if (cramersV < 0.3) return 'zwak';
  if (cramersV < 0.5) return 'matig';
  return 'sterk';
}

/** The statistics in one line: 'χ² = 12,34; df = 4; p = 0,015; Cramérs V = 0,21'. */
export function formatTestFigures(test: CrossTabTest): string {
  return (
    `χ² = ${formatDecimal(test.chiSquare, 2)}; df = ${test.degreesOfFreedom}; ` +
    `${formatPValue(test.pValue)}; Cramérs V = ${formatDecimal(test.cramersV, 2)}`
  );
}

/**
 * What the test says, in sentences: the conclusion, its strength, and the warning when the
 * expected counts are too small. When there is no test, why not.
 */
export function describeAssociation(
  table: Pick<QuestionCrossTab, 'test' | 'noTest' | 'total'> &
    Partial<Pick<ProtectedCrossTab, 'suppressed' | 'withheld'>>,
): { readonly sentences: readonly string[]; readonly warning: string | null } {
  if (table.withheld) return { sentences: [], warning: null };
  if (table.suppressed) {
    return {
      sentences: [
        'De toets wordt niet getoond omdat er cellen zijn weggelaten: uit de uitkomst van de toets zouden de weggelaten aantallen terug te rekenen zijn.',
      ],
      warning: null,
    };
  }
  if (table.noTest === 'multiple-response') {
    return {
      sentences: [
        'Bij een meerkeuzevraag kan een gemeente in meer rijen of kolommen tegelijk staan. Daarom is er geen chi-kwadraattoets: die vraagt dat elke gemeente precies één keer meetelt. Kies één optie van de vraag (gekozen of niet gekozen) om de samenhang te toetsen.',
      ],
      warning: null,
    };
  }
  const test = table.test;
  if (!test) {
    return {
      sentences: [
        table.total === 0
          ? 'Er zijn geen gemeenten die beide vragen beantwoordden, dus er is niets te toetsen.'
          : 'Er is geen toets mogelijk: bij een van beide vragen komt maar één antwoord voor.',
      ],
      warning: null,
    };
  }
  const significant = test.pValue < SIGNIFICANCE_LEVEL;
  const sentences = [
    significant
      ? `Er is een samenhang tussen de twee vragen (${formatTestFigures(test)}): zulke verschillen tussen de rijen zijn bij toeval onwaarschijnlijk (minder dan 5% kans).`
      : `Er is geen aantoonbare samenhang tussen de twee vragen (${formatTestFigures(test)}): de verschillen tussen de rijen kunnen op toeval berusten.`,
  ];
  if (significant) {
    sentences.push(
      `De samenhang is ${describeStrength(test.cramersV)} (Cramérs V loopt van 0, geen samenhang, tot 1, volledige samenhang).`,
    );
  }
  const { expected } = test;
  const warning = expected.tooSmall
    ? `Let op: ${expected.below5} van de ${expected.cells} verwachte aantallen zijn kleiner dan 5` +
      (expected.below1 > 0 ? `, waarvan ${expected.below1} kleiner dan 1` : '') +
      '. De chi-kwadraattoets is dan niet betrouwbaar. Kijk vooral naar de aantallen zelf, of kies vragen met minder antwoordcategorieën.'
    : null;
  return { sentences, warning };
}

/** Why a table is withheld whole, for viewers under the small-cell rule. */
export function describeWithheld(reason: NonNullable<ProtectedCrossTab['withheld']>): string {
  switch (reason) {
    case 'few-municipalities':
      return 'Deze kruistabel berust op minder dan vijf gemeenten en wordt daarom niet getoond: anders zijn de antwoorden van afzonderlijke gemeenten af te leiden.';
    case 'multiple-response':
      return 'Een kruistabel met een hele meerkeuzevraag wordt voor gemeenten niet getoond, omdat kleine aantallen daarin niet goed af te schermen zijn. Kies één optie van de vraag.';
    case 'cannot-protect':
      return 'Deze kruistabel wordt niet getoond: de kleine aantallen erin zijn niet af te schermen zonder dat ze uit de totalen terug te rekenen zijn.';
  }
}
