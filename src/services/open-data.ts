/**
 * The open data of a published round (decision 018, docs/open-data.md): `data.json`, where
 * every figure is an object with the number of municipalities it rests on (`respondents`), its
 * value, and `suppressed: true` with value `null` where the small-cell rule withholds it; the
 * same figures in long format as `data.csv`; and DCAT-style metadata.
 *
 * The writer takes the analysis as the public sees it (`loadAnalysisView` with the public
 * viewer, already protected by `protectAnalysis`) and only reshapes it: it computes no figure
 * and suppresses nothing itself, so the files say exactly what the public page says. It holds
 * no municipality: names and codes of municipalities never reach these files.
 */
import { z } from 'zod';
import { writeCsv } from './csv-writer.ts';

/** CC0 1.0: the aggregates are public domain. */
export const OPEN_DATA_LICENCE = 'http://creativecommons.org/publicdomain/zero/1.0/';
export const OPEN_DATA_LICENCE_LABEL = 'CC0 1.0 Universeel (publiek domein)';

export const FigureSchema = z.object({
  /** The figure, or null when it is withheld (or cannot be computed: no respondents). */
  value: z.number().nullable(),
  /** The number of municipalities the figure rests on. */
  respondents: z.number().int(),
  /** True when the small-cell rule withholds the figure. */
  suppressed: z.boolean(),
});
export type Figure = z.infer<typeof FigureSchema>;

const ShareFiguresSchema = z.object({
  goed: FigureSchema,
  percentGoed: FigureSchema,
  meanMark: FigureSchema,
});

const GroupSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Municipalities of the register in the group (public reference data). */
  municipalities: z.number().int(),
  ...ShareFiguresSchema.shape,
});

export const OpenDataBasisfunctieSchema = z.object({
  questionnaire: z.string(),
  basisfunctie: z.string(),
  name: z.string(),
  official: z.boolean(),
  national: ShareFiguresSchema.extend({
    insufficient: FigureSchema,
    bands: z.record(z.string(), FigureSchema),
  }),
  bySizeClass: z.array(GroupSchema),
  byGroup: z.array(GroupSchema),
  byProvince: z.array(GroupSchema),
});

export const OpenDataDocumentSchema = z.object({
  metadata: z.record(z.string(), z.unknown()),
  round: z.object({
    id: z.string(),
    name: z.string(),
    synthetic: z.boolean(),
    instrumentVersion: z.string(),
    register: z.object({
      id: z.string(),
      name: z.string(),
      referenceDate: z.string(),
      /** The municipalities of the register: those that could take part. */
      municipalities: z.number().int(),
    }),
    publishedAt: z.string(),
  }),
  suppression: z.object({ minimumRespondents: z.number().int(), explanation: z.string() }),
  /** Respondents per questionnaire and of both (`both`). */
  respondents: z.record(z.string(), FigureSchema),
  basisfuncties: z.array(OpenDataBasisfunctieSchema),
  items: z.array(
    z.object({
      questionnaire: z.string(),
      question: z.number().int(),
      basisfunctie: z.string().nullable(),
      text: z.string(),
      answers: z.array(
        z.object({
          points: z.number().int(),
          label: z.string(),
          count: FigureSchema,
          percent: FigureSchema,
        }),
      ),
    }),
  ),
  multipleChoice: z.array(
    z.object({
      questionnaire: z.string(),
      question: z.number().int(),
      kind: z.enum(['multiple', 'single']),
      text: z.string(),
      options: z.array(
        z.object({
          code: z.string(),
          label: z.string(),
          count: FigureSchema,
          percent: FigureSchema,
        }),
      ),
    }),
  ),
  countGoed: z.record(
    z.string(),
    z.array(z.object({ basisfunctiesGoed: z.number().int(), count: FigureSchema })),
  ),
  allOrNone: z.object({
    all: z.record(z.string(), z.object({ count: FigureSchema, percent: FigureSchema })),
    none: z.record(z.string(), z.object({ count: FigureSchema, percent: FigureSchema })),
  }),
  crossTable: z.object({
    rows: z.string(),
    columns: z.string(),
    description: z.string(),
    /** True when the whole table is withheld (then `cells` is empty). */
    suppressed: z.boolean(),
    cells: z.array(z.array(FigureSchema)),
  }),
  pearsonR: FigureSchema,
});
export type OpenDataDocument = z.infer<typeof OpenDataDocumentSchema>;

/** The item answers of the 3-point scale, in the order of the analysis' counts. */
export const ITEM_ANSWER_LABELS = ['Nee', 'Ja, verbetering mogelijk', 'Ja, goed voor elkaar'];

// --- The input: the analysis as the public sees it (ProtectedAnalysis of the core). ----------
// Written as the subset the writer reads, so it stays a pure reshaping of that object.

type Nullable<T> = T | null;
interface ProtectedShare {
  readonly respondents: number;
  readonly goed: Nullable<number>;
  readonly percentGoed: Nullable<number>;
  readonly meanMark: Nullable<number>;
  readonly suppressed?: boolean;
}
interface ProtectedBreakdown {
  readonly id: string;
  readonly label: string;
  readonly municipalities: number;
  readonly basisfuncties: readonly (ProtectedShare & {
    readonly questionnaire: string;
    readonly basisfunctie: string;
  })[];
}
export interface OpenDataSource {
  readonly round: string;
  readonly roundName: string;
  readonly synthetic: boolean;
  readonly instrumentVersion: string;
  readonly register: { readonly id: string; readonly name: string; readonly referenceDate: string };
  readonly respondents: Readonly<Record<string, number>>;
  readonly basisfuncties: readonly (ProtectedShare & {
    readonly questionnaire: string;
    readonly basisfunctie: string;
    readonly name: string;
    readonly official: boolean;
    readonly insufficient: Nullable<number>;
    readonly bands: Nullable<Readonly<Record<string, number>>>;
  })[];
  readonly bySizeClass: readonly ProtectedBreakdown[];
  readonly byGroup: readonly ProtectedBreakdown[];
  readonly byProvince: readonly ProtectedBreakdown[];
  readonly items: readonly {
    readonly questionnaire: string;
    readonly question: number;
    readonly basisfunctie: string | null;
    readonly text: string;
    readonly answered: number;
    readonly counts: Nullable<readonly number[]>;
    readonly percentages: Nullable<readonly (number | null)[]>;
    readonly suppressed?: boolean;
  }[];
  readonly multipleChoice: readonly {
    readonly questionnaire: string;
    readonly question: number;
    readonly kind: 'multiple' | 'single';
    readonly text: string;
    readonly respondents: number;
    readonly suppressed?: boolean;
    readonly options: readonly {
      readonly code: string;
      readonly label: string;
      readonly count: Nullable<number>;
      readonly percent: Nullable<number>;
      readonly suppressed?: boolean;
    }[];
  }[];
  readonly countGoed: Readonly<Record<string, Nullable<readonly Nullable<number>[]>>>;
  readonly allOrNone: {
    readonly all: Readonly<
      Record<
        string,
        Nullable<{ readonly count: Nullable<number>; readonly percent: Nullable<number> }>
      >
    >;
    readonly none: Readonly<
      Record<
        string,
        Nullable<{ readonly count: Nullable<number>; readonly percent: Nullable<number> }>
      >
    >;
  };
  readonly crossTable: Nullable<readonly (readonly number[])[]>;
  readonly crossTableRows: string;
  readonly crossTableColumns: string;
  readonly pearsonR: Nullable<number>;
}

export interface OpenDataContext {
  /** The public page of the round (Links.publicRound), built on the configured public URL. */
  readonly pageUrl: string;
  readonly publishedAt: Date;
  readonly opensOn: string | null;
  readonly closesOn: string | null;
  readonly minimumRespondents: number;
}

function figure(
  value: number | null | undefined,
  respondents: number,
  suppressed: boolean,
): Figure {
  return suppressed
    ? { value: null, respondents, suppressed: true }
    : { value: value ?? null, respondents, suppressed: false };
}

function shareFigures(share: ProtectedShare) {
  const withheld = share.suppressed === true || share.goed === null;
  return {
    goed: figure(share.goed, share.respondents, withheld),
    percentGoed: figure(share.percentGoed, share.respondents, withheld),
    meanMark: figure(share.meanMark, share.respondents, withheld),
  };
}

function describeRound(source: OpenDataSource): string {
  const label = source.synthetic && !/synthetisch/i.test(source.roundName);
  return `${source.roundName}${label ? ' (synthetische demonstratiegegevens)' : ''}`;
}

/**
 * DCAT-style metadata (JSON-LD with the DCAT, Dublin Core and FOAF vocabularies) of the
 * round's open data. Every address is under the configured public URL.
 */
export function buildOpenDataMetadata(source: OpenDataSource, context: OpenDataContext) {
  const issued = context.publishedAt.toISOString();
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
    },
    '@type': 'dcat:Dataset',
    '@id': context.pageUrl,
    'dct:identifier': `basisfunctiemonitor-${source.round}`,
    'dct:title': `Basisfunctiemonitor: landelijke uitkomsten ${describeRound(source)}`,
    'dct:description':
      `Hoe gemeenten de basisfuncties van lokale ondersteuning van vrijwilligerswerk en ` +
      `mantelzorg hebben georganiseerd, in ${describeRound(source)}: landelijke percentages, ` +
      `naar grootteklasse, G4/G27/overig en provincie, verdelingen per vraag en meerkeuzevragen. ` +
      `Alleen totalen: cijfers over minder dan ${context.minimumRespondents} gemeenten zijn ` +
      `onderdrukt, ook waar ze anders uit de andere cijfers terug te rekenen zouden zijn.`,
    'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': 'Basisfunctiemonitor' },
    'dct:issued': issued,
    'dct:modified': issued,
    'dct:language': 'nl',
    'dct:spatial': 'Nederland',
    'dct:temporal': {
      '@type': 'dct:PeriodOfTime',
      'dcat:startDate': context.opensOn,
      'dcat:endDate': context.closesOn,
    },
    'dct:license': OPEN_DATA_LICENCE,
    'dcat:keyword': ['vrijwilligerswerk', 'mantelzorg', 'gemeenten', 'basisfuncties', 'Wmo'],
    'dcat:landingPage': context.pageUrl,
    'dct:conformsTo': `${context.pageUrl}#over-de-gegevens`,
    'dcat:distribution': [
      {
        '@type': 'dcat:Distribution',
        'dct:title': 'Alle cijfers als JSON',
        'dcat:downloadURL': `${context.pageUrl}/data.json`,
        'dcat:mediaType': 'application/json',
        'dct:format': 'JSON',
        'dct:license': OPEN_DATA_LICENCE,
      },
      {
        '@type': 'dcat:Distribution',
        'dct:title': 'Alle cijfers als CSV (lang formaat, puntkomma)',
        'dcat:downloadURL': `${context.pageUrl}/data.csv`,
        'dcat:mediaType': 'text/csv',
        'dct:format': 'CSV',
        'dct:license': OPEN_DATA_LICENCE,
      },
      {
        '@type': 'dcat:Distribution',
        'dct:title': 'Deze beschrijving (DCAT, JSON-LD)',
        'dcat:downloadURL': `${context.pageUrl}/metadata.json`,
        'dcat:mediaType': 'application/ld+json',
        'dct:format': 'JSON-LD',
        'dct:license': OPEN_DATA_LICENCE,
      },
    ],
  };
}

export function explainSuppression(minimum: number): string {
  return (
    `Een cijfer dat op minder dan ${minimum} gemeenten rust, is onderdrukt (waarde null, ` +
    `suppressed true). Binnen elke indeling (grootteklasse, G4/G27/overig, provincie) zijn zo ` +
    `nodig nog andere cellen onderdrukt, zodat geen onderdrukt cijfer uit het landelijke ` +
    `totaal en de zichtbare cellen terug te rekenen is.`
  );
}

/**
 * The open-data document of a round: every figure of the public analysis with its
 * `respondents` and `suppressed`.
 */
export function buildOpenData(source: OpenDataSource, context: OpenDataContext): OpenDataDocument {
  const breakdown = (groups: readonly ProtectedBreakdown[], q: string, b: string) =>
    groups.map((group) => {
      const share = group.basisfuncties.find((s) => s.questionnaire === q && s.basisfunctie === b);
      const empty = { respondents: 0, goed: 0, percentGoed: null, meanMark: null };
      return {
        id: group.id,
        label: group.label,
        municipalities: group.municipalities,
        ...shareFigures(share ?? empty),
      };
    });
  const questionnaireRespondents = (q: string) => source.respondents[q] ?? 0;
  const pair = (
    entry: { count: number | null; percent: number | null } | null,
    respondents: number,
  ) => {
    const withheld = entry === null || entry.count === null;
    return {
      count: figure(entry?.count, respondents, withheld),
      percent: figure(entry?.percent, respondents, withheld),
    };
  };
  const allOrNone = (part: OpenDataSource['allOrNone']['all']) =>
    Object.fromEntries(
      Object.entries(part).map(([q, entry]) => [
        q,
        pair(entry, q === 'both' ? (source.respondents.both ?? 0) : questionnaireRespondents(q)),
      ]),
    );
  const crossRespondents = source.respondents.both ?? 0;

  return {
    metadata: buildOpenDataMetadata(source, context),
    round: {
      id: source.round,
      name: source.roundName,
      synthetic: source.synthetic,
      instrumentVersion: source.instrumentVersion,
      register: {
        id: source.register.id,
        name: source.register.name,
        referenceDate: source.register.referenceDate,
        municipalities: source.respondents.municipalities ?? 0,
      },
      publishedAt: context.publishedAt.toISOString(),
    },
    suppression: {
      minimumRespondents: context.minimumRespondents,
      explanation: explainSuppression(context.minimumRespondents),
    },
    // The response counts themselves are never withheld: they are the base of every figure.
    // (`municipalities` of the analysis is the register's size, given under round.register.)
    respondents: Object.fromEntries(
      Object.entries(source.respondents)
        .filter(([key]) => key !== 'municipalities')
        .map(([key, count]) => [key, figure(count, count, false)]),
    ),
    basisfuncties: source.basisfuncties.map((result) => {
      const withheld = result.suppressed === true || result.goed === null;
      const respondents = questionnaireRespondents(result.questionnaire);
      return {
        questionnaire: result.questionnaire,
        basisfunctie: result.basisfunctie,
        name: result.name,
        official: result.official,
        national: {
          ...shareFigures(result),
          insufficient: figure(result.insufficient, respondents, withheld),
          bands: Object.fromEntries(
            Object.entries(result.bands ?? {}).map(([band, count]) => [
              band,
              figure(count, result.respondents, withheld),
            ]),
          ),
        },
        bySizeClass: breakdown(source.bySizeClass, result.questionnaire, result.basisfunctie),
        byGroup: breakdown(source.byGroup, result.questionnaire, result.basisfunctie),
        byProvince: breakdown(source.byProvince, result.questionnaire, result.basisfunctie),
      };
    }),
    items: source.items.map((item) => {
      const withheld = item.suppressed === true || item.counts === null;
      return {
        questionnaire: item.questionnaire,
        question: item.question,
        basisfunctie: item.basisfunctie,
        text: item.text,
        answers: ITEM_ANSWER_LABELS.map((label, index) => ({
          points: index + 1,
          label,
          count: figure(item.counts?.[index], item.answered, withheld),
          percent: figure(item.percentages?.[index], item.answered, withheld),
        })),
      };
    }),
    multipleChoice: source.multipleChoice.map((choice) => ({
      questionnaire: choice.questionnaire,
      question: choice.question,
      kind: choice.kind,
      text: choice.text,
      options: choice.options.map((option) => {
        const withheld =
          choice.suppressed === true || option.suppressed === true || option.count === null;
        return {
          code: option.code,
          label: option.label,
          count: figure(option.count, choice.respondents, withheld),
          percent: figure(option.percent, choice.respondents, withheld),
        };
      }),
    })),
    countGoed: Object.fromEntries(
      Object.entries(source.countGoed).map(([q, counts]) => [
        q,
        (counts ?? []).map((count, basisfunctiesGoed) => ({
          basisfunctiesGoed,
          count: figure(count, questionnaireRespondents(q), counts === null || count === null),
        })),
      ]),
    ),
    allOrNone: { all: allOrNone(source.allOrNone.all), none: allOrNone(source.allOrNone.none) },
    crossTable: {
      rows: source.crossTableRows,
      columns: source.crossTableColumns,
      description:
        `Gemeenten naar het aantal basisfuncties 'goed voor elkaar' in ${source.crossTableRows} ` +
        `(rijen) en in ${source.crossTableColumns} (kolommen).`,
      suppressed: source.crossTable === null,
      cells: (source.crossTable ?? []).map((row) =>
        row.map((count) => figure(count, crossRespondents, false)),
      ),
    },
    pearsonR: figure(
      source.pearsonR,
      crossRespondents,
      source.pearsonR === null && source.crossTable === null,
    ),
  };
}

export const OPEN_DATA_CSV_HEADER = [
  'tabel',
  'vragenlijst',
  'onderwerp',
  'indeling',
  'groep',
  'maat',
  'waarde',
  'respondenten',
  'onderdrukt',
] as const;

/** A number in the CSV: a decimal point, as in the JSON (documented in docs/open-data.md). */
function csvValue(value: number | null): string {
  return value === null ? '' : String(value);
}

/**
 * The document in long format: one row per figure, with the columns of
 * `OPEN_DATA_CSV_HEADER`, after a first row that names the round and says whether its data is
 * synthetic. A withheld figure has an empty `waarde` and `onderdrukt` 'ja'.
 */
export function writeOpenDataCsv(document: OpenDataDocument): string {
  const rows: (string | number)[][] = [[...OPEN_DATA_CSV_HEADER]];
  const add = (
    table: string,
    questionnaire: string,
    subject: string,
    division: string,
    group: string,
    measure: string,
    value: Figure,
  ) =>
    rows.push([
      table,
      questionnaire,
      subject,
      division,
      group,
      measure,
      csvValue(value.value),
      value.respondents,
      value.suppressed ? 'ja' : 'nee',
    ]);
  // First row: which round, and whether its data is synthetic (demo rounds are labelled in
  // every export); 1 for synthetic demonstration data, 0 for a real round.
  rows.push([
    'meting',
    '',
    document.round.id,
    'landelijk',
    '',
    'synthetisch',
    document.round.synthetic ? 1 : 0,
    '',
    'nee',
  ]);
  for (const [key, value] of Object.entries(document.respondents))
    add(
      'respons',
      key === 'both' ? '' : key,
      key === 'both' ? 'beide vragenlijsten' : 'vragenlijst',
      'landelijk',
      '',
      'gemeenten',
      value,
    );
  for (const result of document.basisfuncties) {
    const subject = result.basisfunctie;
    const q = result.questionnaire;
    for (const measure of ['goed', 'percentGoed', 'meanMark'] as const)
      add('basisfuncties', q, subject, 'landelijk', '', measure, result.national[measure]);
    add('basisfuncties', q, subject, 'landelijk', '', 'insufficient', result.national.insufficient);
    for (const [band, value] of Object.entries(result.national.bands))
      add('basisfuncties', q, subject, 'landelijk', '', `band:${band}`, value);
    for (const [division, groups] of [
      ['grootteklasse', result.bySizeClass],
      ['groep', result.byGroup],
      ['provincie', result.byProvince],
    ] as const)
      for (const group of groups)
        for (const measure of ['goed', 'percentGoed', 'meanMark'] as const)
          add('basisfuncties', q, subject, division, group.id, measure, group[measure]);
  }
  for (const item of document.items)
    for (const answer of item.answers) {
      add(
        'items',
        item.questionnaire,
        `vraag_${item.question}`,
        'landelijk',
        '',
        `aantal:${answer.points}`,
        answer.count,
      );
      add(
        'items',
        item.questionnaire,
        `vraag_${item.question}`,
        'landelijk',
        '',
        `procent:${answer.points}`,
        answer.percent,
      );
    }
  for (const choice of document.multipleChoice)
    for (const option of choice.options) {
      add(
        'meerkeuze',
        choice.questionnaire,
        `vraag_${choice.question}`,
        'landelijk',
        '',
        `aantal:${option.code}`,
        option.count,
      );
      add(
        'meerkeuze',
        choice.questionnaire,
        `vraag_${choice.question}`,
        'landelijk',
        '',
        `procent:${option.code}`,
        option.percent,
      );
    }
  for (const [q, counts] of Object.entries(document.countGoed))
    for (const entry of counts)
      add(
        'aantal-goed',
        q,
        `${entry.basisfunctiesGoed} basisfuncties goed`,
        'landelijk',
        '',
        'gemeenten',
        entry.count,
      );
  for (const [kind, part] of [
    ['alle', document.allOrNone.all],
    ['geen', document.allOrNone.none],
  ] as const)
    for (const [q, entry] of Object.entries(part)) {
      add(
        'alle-of-geen',
        q === 'both' ? '' : q,
        `${kind} goed${q === 'both' ? ' (beide vragenlijsten)' : ''}`,
        'landelijk',
        '',
        'aantal',
        entry.count,
      );
      add(
        'alle-of-geen',
        q === 'both' ? '' : q,
        `${kind} goed${q === 'both' ? ' (beide vragenlijsten)' : ''}`,
        'landelijk',
        '',
        'procent',
        entry.percent,
      );
    }
  document.crossTable.cells.forEach((row, r) =>
    row.forEach((cell, c) =>
      add(
        'kruistabel',
        '',
        `${document.crossTable.rows} ${r} × ${document.crossTable.columns} ${c}`,
        'landelijk',
        '',
        'gemeenten',
        cell,
      ),
    ),
  );
  add('kruistabel', '', 'Pearson R', 'landelijk', '', 'r', document.pearsonR);
  return writeCsv(rows);
}
