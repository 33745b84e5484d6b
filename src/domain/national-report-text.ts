/**
 * The text passages of the national report that follow from the numbers, in the wording
 * style of the 2009 report ('Goed voor elkaar met de basisfuncties'): which basisfunctie is
 * most and least often 'goed voor elkaar', how the share relates to size class and to G4 /
 * G27 / overige gemeenten, which provinces score above or below the national figure, how
 * many municipalities have all or none of the basisfuncties, and how strong the correlation
 * between volunteer work and informal care is, in words.
 *
 * Pure: each function takes figures and returns Dutch sentences. A figure that is withheld
 * (null: suppressed for a small group, or undefined for want of respondents) is never
 * mentioned, nor used to derive a statement: a passage that would need it is left out or
 * restricted to the figures that are shown. Changes between rounds are not described here.
 */

/** A basisfunctie (or group) with its share 'goed voor elkaar'; null when not shown. */
export interface NamedShare {
  readonly name: string;
  readonly percentGoed: number | null;
}

/** A count with its share; both null when withheld. */
export interface CountShareText {
  readonly count: number | null;
  readonly percent: number | null;
}

/**
 * A percentage as the 2009 report writes it in running text: whole numbers, '68%'.
 *
 * @example formatWholePercent(67.6) // '68%'
 */
export function formatWholePercent(value: number): string {
  return `${Math.round(value)}%`;
}

/**
 * Names joined the Dutch way: 'A', 'A en B', 'A, B en C'.
 *
 * @example joinNames(['Zeeland', 'Flevoland', 'Drenthe']) // 'Zeeland, Flevoland en Drenthe'
 */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

const known = (shares: readonly NamedShare[]) =>
  shares.filter(
    (share): share is NamedShare & { percentGoed: number } => share.percentGoed !== null,
  );

/**
 * Which basisfunctie is most and which least often 'goed voor elkaar', over the basisfuncties
 * whose figure is shown; ties are named together. Null with fewer than two shown figures, or
 * when all are equal (then there is no most or least).
 *
 * @example
 * describeExtremes('vrijwilligerswerk', [
 *   { name: 'Verbreiden', percentGoed: 68 }, { name: 'Verankeren', percentGoed: 9 },
 * ]);
 * // 'Van de basisfuncties vrijwilligerswerk hebben de meeste gemeenten Verbreiden ‘goed voor
 * //  elkaar’ (68%), de minste Verankeren (9%).'
 */
export function describeExtremes(
  questionnaireName: string,
  shares: readonly NamedShare[],
): string | null {
  const shown = known(shares);
  if (shown.length < 2) return null;
  const values = shown.map((share) => share.percentGoed);
  const highest = Math.max(...values);
  const lowest = Math.min(...values);
  if (highest === lowest) return null;
  const top = shown.filter((share) => share.percentGoed === highest).map((share) => share.name);
  const bottom = shown.filter((share) => share.percentGoed === lowest).map((share) => share.name);
  return (
    `Van de basisfuncties ${questionnaireName} hebben de meeste gemeenten ${joinNames(top)} ` +
    `‘goed voor elkaar’ (${formatWholePercent(highest)}), de minste ${joinNames(bottom)} ` +
    `(${formatWholePercent(lowest)}).`
  );
}

/**
 * How many basisfuncties at least half of the municipalities have 'goed voor elkaar', over
 * the figures shown. Null when no figure is shown.
 *
 * @example describeMajority([{ name: 'A', percentGoed: 53 }, { name: 'B', percentGoed: 8 }])
 * // '1 van de 2 basisfuncties is in de helft of meer van de gemeenten ‘goed voor elkaar’: A.'
 */
export function describeMajority(shares: readonly NamedShare[]): string | null {
  const shown = known(shares);
  if (shown.length === 0) return null;
  const majority = shown.filter((share) => share.percentGoed >= 50).map((share) => share.name);
  if (majority.length === 0)
    return `Geen van de ${shown.length} basisfuncties is in de helft of meer van de gemeenten ‘goed voor elkaar’.`;
  const verb = majority.length === 1 ? 'is' : 'zijn';
  return `${majority.length} van de ${shown.length} basisfuncties ${verb} in de helft of meer van de gemeenten ‘goed voor elkaar’: ${joinNames(majority)}.`;
}

/** The direction of a sequence of shares over ordered groups (size classes, small to large). */
export type Trend = 'rising' | 'falling' | 'flat' | 'mixed';

/**
 * Whether the shown values rise (never fall, at least once rise), fall, stay equal or go
 * both ways, in the order given; nulls (withheld figures) are skipped. Null with fewer than
 * two shown values.
 *
 * @example classifyTrend([10, 20, null, 30]) // 'rising'
 * @example classifyTrend([10, 30, 20])       // 'mixed'
 */
export function classifyTrend(values: readonly (number | null)[]): Trend | null {
  const shown = values.filter((value): value is number => value !== null);
  if (shown.length < 2) return null;
  let up = false;
  let down = false;
  for (let index = 1; index < shown.length; index += 1) {
    const step = (shown[index] as number) - (shown[index - 1] as number);
    if (step > 0) up = true;
    if (step < 0) down = true;
  }
  if (up && down) return 'mixed';
  if (up) return 'rising';
  if (down) return 'falling';
  return 'flat';
}

/** A basisfunctie's shares per group of a breakdown, in the breakdown's order. */
export interface BreakdownShares {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

/**
 * How the share 'goed voor elkaar' relates to the size of the municipality, per basisfunctie
 * (size classes from small to large): the basisfuncties where it rises steadily with size,
 * where it falls, and where it does not follow size. Null when no basisfunctie has two shown
 * figures.
 *
 * @example
 * describeSizeRelation([
 *   { name: 'Verbreiden', values: [50, 60, 70] },
 *   { name: 'Verbinden', values: [30, 50, 40] },
 * ]);
 * // 'Bij Verbreiden geldt: hoe groter de gemeente, hoe vaker ‘goed voor elkaar’. Bij Verbinden
 * //  loopt het aandeel niet gelijk op met de grootte: het hoogste aandeel ligt niet bij de
 * //  grootste gemeenten.'
 */
export function describeSizeRelation(rows: readonly BreakdownShares[]): string | null {
  const classified = rows.flatMap((row) => {
    const trend = classifyTrend(row.values);
    return trend ? [{ row, trend }] : [];
  });
  if (classified.length === 0) return null;
  const names = (trend: Trend) =>
    classified.filter((entry) => entry.trend === trend).map((entry) => entry.row.name);
  const sentences: string[] = [];
  const rising = names('rising');
  const falling = names('falling');
  const flat = names('flat');
  const mixed = classified.filter((entry) => entry.trend === 'mixed');
  if (rising.length === classified.length) {
    sentences.push(
      'Bij alle basisfuncties geldt: hoe groter de gemeente, hoe vaker de basisfunctie ‘goed voor elkaar’ is.',
    );
  } else {
    if (rising.length > 0)
      sentences.push(
        `Bij ${joinNames(rising)} geldt: hoe groter de gemeente, hoe vaker ‘goed voor elkaar’.`,
      );
    if (falling.length > 0)
      sentences.push(
        `Bij ${joinNames(falling)} is het omgekeerd: kleinere gemeenten hebben ${falling.length === 1 ? 'deze basisfunctie' : 'deze basisfuncties'} vaker ‘goed voor elkaar’.`,
      );
    if (flat.length > 0)
      sentences.push(`Bij ${joinNames(flat)} maakt de grootte van de gemeente geen verschil.`);
    // The uneven ones in two sentences, however many there are: whether the largest
    // municipalities still have the highest share or not.
    const topLargest = mixed.filter(({ row }) => {
      const shown = row.values.filter((value): value is number => value !== null);
      return shown[shown.length - 1] === Math.max(...shown);
    });
    const topElsewhere = mixed.filter((entry) => !topLargest.includes(entry));
    if (topLargest.length > 0)
      sentences.push(
        `Bij ${joinNames(topLargest.map(({ row }) => row.name))} loopt het aandeel niet gelijk op met de grootte, al hebben de grootste gemeenten het vaakst ‘goed voor elkaar’.`,
      );
    if (topElsewhere.length > 0)
      sentences.push(
        `Bij ${joinNames(topElsewhere.map(({ row }) => row.name))} loopt het aandeel niet gelijk op met de grootte: het hoogste aandeel ligt niet bij de grootste gemeenten.`,
      );
  }
  return sentences.join(' ');
}

/**
 * Whether the G4 score higher than the G27 and the G27 higher than the other municipalities,
 * per basisfunctie (values in the order G4, G27, overig). Basisfuncties where a figure is
 * withheld are left out. Null when none is left.
 *
 * @example
 * describeGroupOrder([{ name: 'Verbinden', values: [40, 60, 35] }, { name: 'Verbreiden', values: [80, 70, 60] }]);
 * // 'Bij Verbreiden scoort de G4 hoger dan de G27 en de G27 hoger dan de overige gemeenten.
 * //  Bij Verbinden is dat niet zo: de G4 40%, de G27 60%, de overige gemeenten 35%.'
 */
export function describeGroupOrder(rows: readonly BreakdownShares[]): string | null {
  const complete = rows.flatMap((row) => {
    const [g4, g27, rest] = row.values;
    return row.values.length === 3 && g4 != null && g27 != null && rest != null
      ? [{ name: row.name, values: [g4, g27, rest] as const }]
      : [];
  });
  if (complete.length === 0) return null;
  const ordered = complete.filter(
    (row) => row.values[0] > row.values[1] && row.values[1] > row.values[2],
  );
  const others = complete.filter((row) => !ordered.includes(row));
  const sentences: string[] = [];
  if (others.length === 0) {
    sentences.push(
      `Bij ${complete.length === 1 ? (complete[0] as BreakdownShares).name : 'alle basisfuncties'} scoort de G4 hoger dan de G27 en de G27 hoger dan de overige gemeenten.`,
    );
  } else {
    if (ordered.length > 0)
      sentences.push(
        `Bij ${joinNames(ordered.map((row) => row.name))} scoort de G4 hoger dan de G27 en de G27 hoger dan de overige gemeenten.`,
      );
    for (const row of others) {
      const [g4, g27, rest] = row.values.map(formatWholePercent);
      sentences.push(
        `${ordered.length > 0 ? `Bij ${row.name} is dat niet zo` : `Bij ${row.name} loopt het niet van G4 via G27 naar de overige gemeenten af`}: de G4 ${g4}, de G27 ${g27}, de overige gemeenten ${rest}.`,
      );
    }
  }
  return sentences.join(' ');
}

/** A province's shares, in the order of the national figures they are compared with. */
export interface ProvinceShares {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

/**
 * The provinces whose municipalities have every basisfunctie more often 'goed voor elkaar'
 * than the national figure, and those that have each less often. A province with a withheld
 * figure is left out of both (a statement about 'every' basisfunctie would rest on a figure
 * that is not shown). Null when no province is above or below on all.
 *
 * @example
 * describeProvinces([50, 40], [
 *   { name: 'Zeeland', values: [60, 45] },
 *   { name: 'Noord-Holland', values: [30, 20] },
 * ]);
 * // 'Op alle basisfuncties hebben de gemeenten in Zeeland ze vaker ‘goed voor elkaar’ dan
 * //  gemiddeld in Nederland. In Noord-Holland is dat op alle basisfuncties minder vaak.'
 */
export function describeProvinces(
  national: readonly (number | null)[],
  provinces: readonly ProvinceShares[],
): string | null {
  const compared = national.flatMap((value, index) => (value === null ? [] : [index]));
  if (compared.length === 0) return null;
  const above: string[] = [];
  const below: string[] = [];
  for (const province of provinces) {
    const values = compared.map((index) => province.values[index] ?? null);
    if (values.some((value) => value === null)) continue;
    const differences = values.map(
      (value, i) => (value as number) - (national[compared[i] as number] as number),
    );
    if (differences.every((difference) => difference > 0)) above.push(province.name);
    else if (differences.every((difference) => difference < 0)) below.push(province.name);
  }
  const sentences: string[] = [];
  if (above.length > 0)
    sentences.push(
      `Op alle basisfuncties hebben de gemeenten in ${joinNames(above)} ze vaker ‘goed voor elkaar’ dan gemiddeld in Nederland.`,
    );
  if (below.length > 0)
    sentences.push(`In ${joinNames(below)} is dat op alle basisfuncties minder vaak.`);
  return sentences.length > 0 ? sentences.join(' ') : null;
}

/**
 * All, none and the rest: '32 gemeenten (8%) hebben alle basisfuncties vrijwilligerswerk
 * ‘goed voor elkaar’, 102 (27%) nog géén. De overige 65% heeft er één tot vier ‘goed voor
 * elkaar’.' Parts whose figures are withheld are left out, and the rest only when both are
 * shown (it is computed from them). Null when nothing is shown.
 *
 * @param officialCount the number of basisfuncties counted (5 or 8)
 */
export function describeAllOrNone(
  questionnaireName: string,
  officialCount: number,
  all: CountShareText,
  none: CountShareText,
): string | null {
  const shows = (value: CountShareText): value is { count: number; percent: number } =>
    value.count !== null && value.percent !== null;
  const allShown = shows(all);
  const noneShown = shows(none);
  if (!allShown && !noneShown) return null;
  const municipalities = (count: number) => (count === 1 ? '1 gemeente' : `${count} gemeenten`);
  const parts: string[] = [];
  if (allShown)
    parts.push(
      `${municipalities(all.count)} (${formatWholePercent(all.percent)}) ${all.count === 1 ? 'heeft' : 'hebben'} alle basisfuncties ${questionnaireName} ‘goed voor elkaar’`,
    );
  if (noneShown)
    parts.push(
      `${allShown ? `${none.count}` : municipalities(none.count)} (${formatWholePercent(none.percent)}) ${allShown ? 'nog géén' : `${none.count === 1 ? 'heeft' : 'hebben'} nog géén van de basisfuncties ${questionnaireName} ‘goed voor elkaar’`}`,
    );
  let text = `${parts.join(', ')}.`;
  if (allShown && noneShown && officialCount > 1) {
    const rest = Math.round(100 - all.percent - none.percent);
    if (rest > 0)
      text += ` De overige ${rest}% heeft er één tot ${numberWord(officialCount - 1)} ‘goed voor elkaar’.`;
  }
  return capitalize(text);
}

const NUMBER_WORDS = [
  'nul',
  'één',
  'twee',
  'drie',
  'vier',
  'vijf',
  'zes',
  'zeven',
  'acht',
  'negen',
  'tien',
];

/** Small numbers in words, as running Dutch text writes them: 4 → 'vier'. */
export function numberWord(value: number): string {
  return NUMBER_WORDS[value] ?? String(value);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The strength of a correlation in words. */
export type CorrelationStrength = 'geen' | 'zwak' | 'matig' | 'sterk';

/**
 * The thresholds on |r| between the words, after Cohen (1988): below 0.1 no correlation to
 * speak of, from 0.1 weak, from 0.3 moderate, from 0.5 strong. (The 2009 report called its
 * 0.44 'redelijk sterk'; with these thresholds it is 'matig'.)
 */
export const CORRELATION_THRESHOLDS = { zwak: 0.1, matig: 0.3, sterk: 0.5 } as const;

/**
 * The strength of a correlation coefficient by the thresholds above.
 *
 * @example classifyCorrelation(0.44) // 'matig'
 * @example classifyCorrelation(-0.6) // 'sterk'
 */
export function classifyCorrelation(r: number): CorrelationStrength {
  const size = Math.abs(r);
  if (size >= CORRELATION_THRESHOLDS.sterk) return 'sterk';
  if (size >= CORRELATION_THRESHOLDS.matig) return 'matig';
  if (size >= CORRELATION_THRESHOLDS.zwak) return 'zwak';
  return 'geen';
}

/** The adjective before 'samenhang'. */
const STRENGTH_ADJECTIVES: Readonly<Record<CorrelationStrength, string>> = {
  geen: 'geen',
  zwak: 'zwakke',
  matig: 'matige',
  sterk: 'sterke',
};

/**
 * Pearson's R between the numbers of basisfuncties 'goed voor elkaar' of the two
 * questionnaires, in words. Null when R is withheld or undefined.
 *
 * @example describeCorrelation(0.44, 379)
 * // 'De correlatiecoëfficiënt Pearson’s R is 0,44 (379 gemeenten met beide vragenlijsten):
 * //  een matige positieve samenhang. Een goede score op vrijwilligerswerk gaat vaak samen
 * //  met een goede score op mantelzorg, en omgekeerd.'
 */
export function describeCorrelation(r: number | null, pairs: number | null): string | null {
  if (r === null) return null;
  const strength = classifyCorrelation(r);
  const value = r.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const basis = pairs === null ? '' : ` (${pairs} gemeenten met beide vragenlijsten)`;
  const lead = `De correlatiecoëfficiënt Pearson’s R is ${value}${basis}`;
  if (strength === 'geen')
    return `${lead}: er is nauwelijks samenhang tussen de ondersteuning van vrijwilligerswerk en die van mantelzorg.`;
  const direction = r > 0 ? 'positieve' : 'negatieve';
  const meaning =
    r > 0
      ? 'Een goede score op vrijwilligerswerk gaat vaak samen met een goede score op mantelzorg, en omgekeerd.'
      : 'Een goede score op vrijwilligerswerk gaat vaak samen met een minder goede score op mantelzorg, en omgekeerd.';
  return `${lead}: een ${STRENGTH_ADJECTIVES[strength]} ${direction} samenhang. ${meaning}`;
}

/**
 * The response: how many municipalities filled in both questionnaires, and each one.
 *
 * @example describeResponse(441, 379, [{ name: 'vrijwilligerswerk', respondents: 380 }])
 * // 'Van de 441 gemeenten hebben er 379 (86%) beide vragenlijsten ingevuld. De vragenlijst
 * //  vrijwilligerswerk is door 380 gemeenten (86%) ingevuld.'
 */
export function describeResponse(
  municipalities: number,
  both: number,
  questionnaires: readonly { readonly name: string; readonly respondents: number }[],
): string {
  if (municipalities === 0) return 'De meting heeft geen gemeenten.';
  const share = (count: number) => formatWholePercent((100 * count) / municipalities);
  const sentences = [
    both === 0
      ? `Van de ${municipalities} gemeenten heeft nog geen enkele beide vragenlijsten ingevuld.`
      : `Van de ${municipalities} gemeenten ${both === 1 ? 'heeft er 1' : `hebben er ${both}`} (${share(both)}) beide vragenlijsten ingevuld.`,
  ];
  for (const questionnaire of questionnaires) {
    sentences.push(
      `De vragenlijst ${questionnaire.name} is door ${questionnaire.respondents} ${questionnaire.respondents === 1 ? 'gemeente' : 'gemeenten'} (${share(questionnaire.respondents)}) ingevuld.`,
    );
  }
  return sentences.join(' ');
}

/**
 * Which field is better organised on average: the mean share of basisfuncties 'goed voor
 * elkaar' per respondent, from the counts of tabel C. Null when either count is withheld.
 *
 * mean share = Σ k × count[k] / (K × Σ count[k]), K the number of basisfuncties counted
 *
 * @example compareFields({ name: 'vrijwilligerswerk', counts: [1, 1] }, { name: 'mantelzorg', counts: [2, 0] })
 * // 'Gemiddeld heeft een gemeente 50% van de basisfuncties vrijwilligerswerk ‘goed voor elkaar’
 * //  en 0% van de basisfuncties mantelzorg: vrijwilligerswerk is gemiddeld beter voor elkaar.'
 */
export function compareFields(
  first: { readonly name: string; readonly counts: readonly number[] | null },
  second: { readonly name: string; readonly counts: readonly number[] | null },
): string | null {
  const meanShare = (counts: readonly number[] | null) => {
    if (!counts || counts.length < 2) return null;
    const respondents = counts.reduce((sum, count) => sum + count, 0);
    if (respondents === 0) return null;
    const goed = counts.reduce((sum, count, k) => sum + k * count, 0);
    return (100 * goed) / ((counts.length - 1) * respondents);
  };
  const a = meanShare(first.counts);
  const b = meanShare(second.counts);
  if (a === null || b === null) return null;
  const lead = `Gemiddeld heeft een gemeente ${formatWholePercent(a)} van de basisfuncties ${first.name} ‘goed voor elkaar’ en ${formatWholePercent(b)} van de basisfuncties ${second.name}`;
  if (Math.round(a) === Math.round(b))
    return `${lead}: beide terreinen staan er gemiddeld even goed voor.`;
  const better = a > b ? first.name : second.name;
  return `${lead}: ${better} is gemiddeld beter voor elkaar.`;
}
