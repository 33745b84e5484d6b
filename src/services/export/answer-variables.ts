/**
 * The variables of the answers export: one list per questionnaire, derived from the
 * instrument alone, so the codebook (docs/codebook.md), the CSV and Excel headers, the SPSS
 * dictionary and the JSON API all read the same names, labels and value labels.
 *
 * The naming scheme (decision 017):
 * - `gemeentecode`, `gemeente`, `provincie`, `grootteklasse`, `groep`: who answered;
 * - `vraag_N`: a 3-point item (1 Nee, 2 Ja, verbetering mogelijk, 3 Ja, goed voor elkaar), or a
 *   single-choice item (1 … k: the option in that position);
 * - `vraag_N_k`: option k (its position, from 1) of a multiple-choice item, 1 chosen, 0 not
 *   chosen; empty when the municipality chose nothing at all in that question, because the
 *   analysis takes its shares over those who chose something;
 * - `vraag_N_tekst`: the text of an open question;
 * - `cijfer_<basisfunctie>`: the mark of a basisfunctie (0–10, two decimals), the basisfunctie's
 *   id with `_` for `-`; empty when too few of its items were answered;
 * - `aantal_goed`: the number of official basisfuncties 'goed voor elkaar'.
 * - `vraag_N_thema_k` (and `vraag_N_toelichting_thema_k` for a codebook of the notes): theme k
 *   (its position in the codebook, from 1) of the round's codebook of question N (issue 13,
 *   decision 030): 1 genoemd, 0 niet genoemd, from the final coding (settled, or else the first
 *   coder's); empty when the answer was not coded. These depend on the round, not the
 *   instrument, so they follow the instrument's variables (`listThemeVariables`).
 */
import type { Instrument, Item, Questionnaire } from '../../domain/instrument.ts';
import { GROUPS, SIZE_CLASSES, type Municipality } from '../../domain/register.ts';

export type MeasurementLevel = 'nominal' | 'ordinal' | 'scale';

export interface ValueLabel {
  readonly value: number;
  readonly label: string;
}

/** Where a variable's value comes from, so the export can fill a row without parsing names. */
export type VariableSource =
  | { readonly kind: 'code' }
  | { readonly kind: 'name' }
  | { readonly kind: 'province' }
  | { readonly kind: 'sizeClass' }
  | { readonly kind: 'group' }
  | { readonly kind: 'scale'; readonly question: number; readonly position: number }
  | { readonly kind: 'single'; readonly question: number; readonly choice: number }
  | {
      readonly kind: 'option';
      readonly question: number;
      readonly choice: number;
      readonly option: number;
    }
  | { readonly kind: 'text'; readonly question: number }
  | { readonly kind: 'mark'; readonly basisfunctie: number }
  | { readonly kind: 'countGoed' }
  | { readonly kind: 'theme'; readonly codebook: number; readonly theme: number };

export interface ExportVariable {
  /** The SPSS-safe name: a letter first, then letters, digits and `_`, at most 64 bytes. */
  readonly name: string;
  /** The full label (the codebook); SPSS gets it cut to 255 bytes. */
  readonly label: string;
  readonly type: 'numeric' | 'string';
  /** Decimals of a numeric variable. */
  readonly decimals: number;
  readonly level: MeasurementLevel;
  readonly values: readonly ValueLabel[];
  readonly source: VariableSource;
  /** How the value is made, in one Dutch sentence (the codebook), when the label is not enough. */
  readonly note?: string;
}

/** The labels of the 3-point answers, as the issue and the 2009 questionnaire name them. */
export const SCALE_VALUE_LABELS: readonly ValueLabel[] = [
  { value: 1, label: 'Nee' },
  { value: 2, label: 'Ja, verbetering mogelijk' },
  { value: 3, label: 'Ja, goed voor elkaar' },
];

const CHOSEN_LABELS: readonly ValueLabel[] = [
  { value: 0, label: 'Niet gekozen' },
  { value: 1, label: 'Gekozen' },
];

/** SPSS and PSPP refuse names longer than 64 bytes. */
export const MAX_NAME_BYTES = 64;

/**
 * The variable name of a basisfunctie's mark: `cijfer_` and the id, dashes as underscores,
 * cut to 64 bytes.
 *
 * @example markVariableName('financiele-tegemoetkoming') // 'cijfer_financiele_tegemoetkoming'
 */
export function markVariableName(basisfunctieId: string): string {
  const name = `cijfer_${basisfunctieId.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  return name.slice(0, MAX_NAME_BYTES).replace(/_+$/, '');
}

/**
 * The numeric code of a province in the export: the number of its CBS code (`PV27` → 27), so
 * the codes stay the same when a register adds a province.
 *
 * @throws {RangeError} for a province code that is not `PV` and digits
 */
export function provinceValue(provinceCode: string): number {
  const match = /^PV(\d{1,3})$/.exec(provinceCode);
  if (!match) throw new RangeError(`Province code '${provinceCode}' is not PV followed by digits`);
  return Number(match[1]);
}

/** The provinces of a register as value labels, ordered by code. */
export function listProvinceLabels(municipalities: readonly Municipality[]): ValueLabel[] {
  const names = new Map(municipalities.map((m) => [m.provinceCode, m.provinceName]));
  return [...names.entries()]
    .map(([code, name]) => ({ value: provinceValue(code), label: name }))
    .sort((a, b) => a.value - b.value);
}

function describeItem(item: Item): string {
  return `Vraag ${item.number}. ${item.text}`;
}

/**
 * The variables of one questionnaire, in the order of the file's columns.
 *
 * @param provinces the value labels of `provincie` (listProvinceLabels of the round's register)
 */
export function listExportVariables(
  instrument: Instrument,
  questionnaire: Questionnaire,
  provinces: readonly ValueLabel[],
): ExportVariable[] {
  const nominal = { type: 'numeric', decimals: 0, level: 'nominal' } as const;
  const variables: ExportVariable[] = [
    {
      name: 'gemeentecode',
      label: 'Gemeentecode (CBS, vier cijfers)',
      type: 'string',
      decimals: 0,
      level: 'nominal',
      values: [],
      source: { kind: 'code' },
    },
    {
      name: 'gemeente',
      label: 'Gemeente',
      type: 'string',
      decimals: 0,
      level: 'nominal',
      values: [],
      source: { kind: 'name' },
    },
    {
      name: 'provincie',
      label: 'Provincie',
      ...nominal,
      values: provinces,
      source: { kind: 'province' },
      note: 'Het nummer van de CBS-provinciecode (PV27 is 27).',
    },
    {
      name: 'grootteklasse',
      label: 'Grootteklasse (inwoners)',
      type: 'numeric',
      decimals: 0,
      level: 'ordinal',
      values: SIZE_CLASSES.map((sizeClass, index) => ({
        value: index + 1,
        label: sizeClass.label,
      })),
      source: { kind: 'sizeClass' },
    },
    {
      name: 'groep',
      label: 'G4, G27 of overige gemeenten',
      ...nominal,
      values: GROUPS.map((group, index) => ({ value: index + 1, label: group.label })),
      source: { kind: 'group' },
    },
  ];
  let scalePosition = 0;
  let choice = 0;
  for (const item of questionnaire.items) {
    const label = describeItem(item);
    switch (item.kind) {
      case 'scale':
        variables.push({
          name: `vraag_${item.number}`,
          label,
          type: 'numeric',
          decimals: 0,
          level: 'ordinal',
          values: SCALE_VALUE_LABELS,
          source: { kind: 'scale', question: item.number, position: scalePosition },
        });
        scalePosition += 1;
        break;
      case 'single':
        variables.push({
          name: `vraag_${item.number}`,
          label,
          ...nominal,
          values: (item.options ?? []).map((option, index) => ({
            value: index + 1,
            label: option.label,
          })),
          source: { kind: 'single', question: item.number, choice },
        });
        choice += 1;
        break;
      case 'multiple':
        (item.options ?? []).forEach((option, index) => {
          variables.push({
            name: `vraag_${item.number}_${index + 1}`,
            label: `Vraag ${item.number}: ${option.label}`,
            ...nominal,
            values: CHOSEN_LABELS,
            source: { kind: 'option', question: item.number, choice, option: index },
            note: `Optie ${index + 1} (${option.code}) van: ${item.text}`,
          });
        });
        choice += 1;
        break;
      case 'open':
        variables.push({
          name: `vraag_${item.number}_tekst`,
          label,
          type: 'string',
          decimals: 0,
          level: 'nominal',
          values: [],
          source: { kind: 'text', question: item.number },
        });
        break;
    }
  }
  questionnaire.basisfuncties.forEach((basisfunctie, index) => {
    variables.push({
      name: markVariableName(basisfunctie.id),
      label: `Cijfer ${basisfunctie.name}`,
      type: 'numeric',
      decimals: 2,
      level: 'scale',
      values: [],
      source: { kind: 'mark', basisfunctie: index },
      note:
        'Het cijfer van 0 tot 10 zoals het rapport het berekent, op twee decimalen; leeg als ' +
        'te weinig vragen van de basisfunctie zijn beantwoord.',
    });
  });
  const official = questionnaire.basisfuncties.filter((b) => b.official).length;
  const unofficial = questionnaire.basisfuncties.filter((b) => !b.official).map((b) => b.name);
  const goedBand = instrument.scoring.bands.find((band) => band.id === instrument.scoring.goedBand);
  variables.push({
    name: 'aantal_goed',
    label: `Aantal basisfuncties goed voor elkaar (0–${official})`,
    type: 'numeric',
    decimals: 0,
    level: 'scale',
    values: [],
    source: { kind: 'countGoed' },
    note:
      `Het aantal officiële basisfuncties met een cijfer van ${goedBand?.from ?? 6} of meer` +
      (unofficial.length > 0 ? ` (zonder ${unofficial.join(', ')})` : '') +
      '; een basisfunctie zonder cijfer telt niet mee.',
  });
  return variables;
}

/** The value labels of a theme variable. */
export const THEME_VALUE_LABELS: readonly ValueLabel[] = [
  { value: 0, label: 'niet genoemd' },
  { value: 1, label: 'genoemd' },
];

/** A codebook of the round as the export needs it: its question, part and themes in order. */
export interface ExportCodebook {
  readonly id: number;
  readonly question: number;
  readonly part: 'text' | 'note';
  readonly themes: readonly { readonly id: number; readonly name: string }[];
}

/**
 * The theme variables of a questionnaire's codebooks (issue 13), in the order of the questions.
 *
 * @example listThemeVariables([{ id: 1, question: 46, part: 'text', themes: [{ id: 9, name: 'Evaluatie' }] }])[0].name // 'vraag_46_thema_1'
 */
export function listThemeVariables(codebooks: readonly ExportCodebook[]): ExportVariable[] {
  // By question; the open answer's codebook before the notes' codebook of the same question.
  const partOrder = { text: 0, note: 1 } as const;
  const ordered = [...codebooks].sort(
    (a, b) => a.question - b.question || partOrder[a.part] - partOrder[b.part],
  );
  return ordered.flatMap((codebook) =>
    codebook.themes.map((theme, index): ExportVariable => {
      const prefix =
        codebook.part === 'text'
          ? `vraag_${codebook.question}_thema`
          : `vraag_${codebook.question}_toelichting_thema`;
      const what = codebook.part === 'text' ? 'open antwoord' : 'toelichting';
      return {
        name: `${prefix}_${index + 1}`,
        label: `Vraag ${codebook.question} (${what}), thema: ${theme.name}`,
        type: 'numeric',
        decimals: 0,
        level: 'nominal',
        values: THEME_VALUE_LABELS,
        source: { kind: 'theme', codebook: codebook.id, theme: theme.id },
        note:
          'Uit de definitieve codering (de vastgestelde, anders die van de eerste codeur); leeg ' +
          'als het antwoord niet is gecodeerd.',
      };
    }),
  );
}
