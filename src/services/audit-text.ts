/**
 * Audit events as people read them. The audit trail stores what a service wrote at the time
 * (`answer.changed` with `{ points, options, text, note }`, a participation as codes, an
 * advisor's provinces as province codes); this module turns each event into Dutch text: what
 * changed, and the old and the new value, never raw JSON. The logboek page, the accounts page,
 * the CSV export and the JSON API all describe events here, so they say the same thing.
 *
 * Every function is pure and tolerant: the stored values of old events, of unknown questions
 * or of event kinds added later still come out as readable text (keys they do not know are
 * ignored, missing ones count as empty).
 */
import { ACTION_STATUS_LABELS } from '../domain/improvement.ts';
import type { Instrument, Item, Questionnaire, ScalePoint } from '../domain/instrument.ts';
import type { AuditEvent } from './audit-service.ts';
import { ROLE_LABELS, type Role } from './auth-service.ts';
import { formatDutchDate, formatIsoDateDutch, parseDutchDate } from './dutch-time.ts';
import { CATEGORY_LABELS, REASON_LABELS, type Reason } from './participation-service.ts';
import { STATUS_LABELS, type ResponseStatus } from './questionnaire-service.ts';
import { ROUND_STATUS_LABELS, type RoundStatus } from './round-service.ts';

/** Shown for a value that is not there (before something was created, after a deletion). */
export const EMPTY = '–';
export const NO_ANSWER = 'geen antwoord';
export const NO_NOTE = 'geen toelichting';

/** How long the text of a question may be in a description before it is shortened. */
export const QUESTION_TEXT_LENGTH = 80;

/** What describing needs besides the event: the round's instrument and the register's names. */
export interface AuditTextContext {
  /** The instrument of the round; without it, questions are named by their number only. */
  readonly instrument?: Instrument | undefined;
  /** Province code to name (`PV27` → `Noord-Holland`). */
  readonly provinceNames: ReadonlyMap<string, string>;
  /** Municipality code to name (`0363` → `Amsterdam`). */
  readonly municipalityNames: ReadonlyMap<string, string>;
}

/** The parts of an event that describing reads. */
export type AuditRecord = Pick<AuditEvent, 'action' | 'subject' | 'oldValue' | 'newValue'>;

/** An event in words. Values of several parts are on separate lines (`\n`). */
export interface AuditDescription {
  /** The kind of change, e.g. `Antwoord`, `Deelname`, `Nieuw account`. */
  readonly kind: string;
  /** What changed, e.g. `Mantelzorg · Informatie · vraag 17: Zorgt de gemeente …`. */
  readonly description: string;
  /** The questionnaire the event is about (its id), if any. */
  readonly questionnaire: string | null;
  /** The question number the event is about, if any. */
  readonly question: number | null;
  readonly oldText: string;
  readonly newText: string;
}

/** A stored audit event together with its description, as pages, files and the API show it. */
export interface DescribedAuditEvent extends AuditDescription {
  readonly id: number;
  /** ISO timestamp. */
  readonly at: string;
  readonly actorId: number | null;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly oldValue: unknown;
  readonly newValue: unknown;
}

// ---------------------------------------------------------------------------------------------
// Small pieces.

function describeConsent(value: unknown): string {
  const consent = asRecord(value)?.namedConsent;
  if (consent === true) return 'ja, met naam zichtbaar';
  if (consent === false) return 'nee, alleen in aantallen';
  return EMPTY;
}

/**
 * A text shortened to at most `max` characters (plus ` …`), cut between words so no word is
 * broken; white space is collapsed. A single word longer than `max` is cut inside.
 *
 * @example
 * shortenText('Heeft de gemeente een visie?', 20); // 'Heeft de gemeente …'
 */
export function shortenText(text: string, max = QUESTION_TEXT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // One character more: when the text breaks right after a whole word, that word stays.
  const window = flat.slice(0, max + 1);
  const space = window.lastIndexOf(' ');
  const head = space > 0 ? window.slice(0, space) : flat.slice(0, max);
  return `${head.replace(/[\s,;:–-]+$/, '')} …`;
}

/**
 * The short name of a questionnaire, from its id: `mantelzorg` → `Mantelzorg`. The
 * instrument's names (`Basisfuncties lokale ondersteuning mantelzorg`) are too long to
 * repeat on every line of a trail.
 */
export function questionnaireLabel(id: string): string {
  const words = id.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Any stored value as plain text, for kinds of events this module does not know: lists
 * joined with commas, objects as `key: value` pairs, empty as –. Never JSON.
 *
 * @example
 * formatPlainValue({ a: 1, b: null }); // 'a: 1'
 * formatPlainValue([]);                // '–'
 */
export function formatPlainValue(value: unknown): string {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (Array.isArray(value))
    return value.length > 0 ? value.map((element) => formatPlainValue(element)).join(', ') : EMPTY;
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(
      ([, entry]) => entry !== null && entry !== undefined && entry !== '',
    );
    return entries.length > 0
      ? entries.map(([key, entry]) => `${key}: ${formatPlainValue(entry)}`).join('; ')
      : EMPTY;
  }
  return EMPTY;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A timestamp or ISO date from a stored value as a Dutch date; anything else as it is. */
function formatStoredDate(value: unknown): string {
  const text = asString(value);
  if (text === '') return EMPTY;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text))
    return parseDutchDate(text) ? formatIsoDateDutch(text) : text;
  return formatDutchDate(text);
}

// ---------------------------------------------------------------------------------------------
// Answers.

/** An answer as stored in `answer.changed` events, each part empty when absent. */
export interface AnswerParts {
  readonly points: number | null;
  readonly options: readonly string[];
  readonly text: string;
  readonly note: string;
}

/**
 * The parts of a stored answer value (`{ points, options, text, note }`); null for no answer
 * at all. Extra keys are ignored, missing or mistyped ones count as empty; a bare number is
 * read as points, a bare string as text and a bare list as option codes.
 */
export function readAnswerValue(value: unknown): AnswerParts | null {
  if (value === null || value === undefined) return null;
  const record = asRecord(value) ?? {
    points: typeof value === 'number' ? value : null,
    options: Array.isArray(value) ? value : null,
    text: typeof value === 'string' ? value : null,
  };
  const points =
    typeof record.points === 'number'
      ? record.points
      : typeof record.points === 'string' && /^\d+$/.test(record.points)
        ? Number(record.points)
        : null;
  const options = Array.isArray(record.options)
    ? record.options
        .filter((code) => typeof code === 'string' || typeof code === 'number')
        .map(String)
    : asString(record.options) !== ''
      ? [asString(record.options)]
      : [];
  return { points, options, text: asString(record.text), note: asString(record.note) };
}

function hasAnswer(parts: AnswerParts | null): boolean {
  return !!parts && (parts.points !== null || parts.options.length > 0 || parts.text !== '');
}

function isEmptyAnswer(parts: AnswerParts | null): boolean {
  return !hasAnswer(parts) && (parts?.note ?? '') === '';
}

/**
 * The answer itself, without the toelichting: the scale's label for a 3-point item, the
 * option labels of a choice item (a code the item does not know is shown as the code), the
 * text of an open answer; `geen antwoord` when empty.
 *
 * @example
 * describeAnswer({ points: 3, options: [], text: '', note: '' }, undefined, scale); // 'Ja, goed voor elkaar'
 */
export function describeAnswer(
  parts: AnswerParts | null,
  item: Item | undefined,
  scale: readonly ScalePoint[],
): string {
  if (!parts || !hasAnswer(parts)) return NO_ANSWER;
  const pieces: string[] = [];
  if (parts.points !== null)
    pieces.push(scale.find((p) => p.points === parts.points)?.label ?? `${parts.points} punten`);
  if (parts.options.length > 0)
    pieces.push(
      parts.options
        .map((code) => item?.options?.find((option) => option.code === code)?.label ?? code)
        .join(', '),
    );
  if (parts.text !== '') pieces.push(parts.text);
  return pieces.join('; ');
}

/** The toelichting: `Toelichting: …`, or `geen toelichting`. */
export function describeNote(parts: AnswerParts | null): string {
  return parts && parts.note !== '' ? `Toelichting: ${parts.note}` : NO_NOTE;
}

function answerKey(parts: AnswerParts | null): string {
  return hasAnswer(parts) && parts ? JSON.stringify([parts.points, parts.options, parts.text]) : '';
}

/**
 * The old and the new value of a changed answer, showing only what changed: only the
 * toelichting when only that changed, only the answer when the toelichting stayed. A side
 * that was (or became) entirely empty says `geen antwoord`.
 *
 * @example
 * describeAnswerChange({ points: 2, note: 'a' }, { points: 2, note: 'b' }, item, scale);
 * // { oldText: 'Toelichting: a', newText: 'Toelichting: b' }
 */
export function describeAnswerChange(
  oldValue: unknown,
  newValue: unknown,
  item: Item | undefined,
  scale: readonly ScalePoint[],
): { oldText: string; newText: string } {
  const before = readAnswerValue(oldValue);
  const after = readAnswerValue(newValue);
  const answerChanged = answerKey(before) !== answerKey(after);
  const noteChanged = (before?.note ?? '') !== (after?.note ?? '');
  // Nothing we show changed (only keys we do not know): show the whole answer on both sides.
  const nothingShown = !answerChanged && !noteChanged;
  const side = (parts: AnswerParts | null): string => {
    if (isEmptyAnswer(parts)) return NO_ANSWER;
    const lines: string[] = [];
    if (answerChanged || nothingShown) lines.push(describeAnswer(parts, item, scale));
    if (noteChanged || (nothingShown && parts?.note)) lines.push(describeNote(parts));
    return lines.join('\n');
  };
  return { oldText: side(before), newText: side(after) };
}

/**
 * A question named as people find it: the questionnaire, the basisfunctie (or `Algemeen`),
 * the number and the start of its text. A question the instrument does not know is named by
 * its number.
 *
 * @example
 * describeQuestion('mantelzorg', 17, instrument2009);
 * // 'Mantelzorg · Informatie · vraag 17: Zorgt de gemeente voor informatieverstrekking aan …'
 */
export function describeQuestion(
  questionnaireId: string,
  number: number,
  instrument: Instrument | undefined,
): string {
  const questionnaire = instrument?.questionnaires.find((q) => q.id === questionnaireId);
  const item = questionnaire?.items.find((i) => i.number === number);
  const label = questionnaireLabel(questionnaireId);
  if (!questionnaire || !item) return `${label} · vraag ${number} (onbekende vraag)`;
  return `${label} · ${basisfunctieName(questionnaire, item)} · vraag ${number}: ${shortenText(item.text)}`;
}

function basisfunctieName(questionnaire: Questionnaire, item: Item): string {
  if (item.basisfunctie === null) return 'Algemeen';
  return (
    questionnaire.basisfuncties.find((b) => b.id === item.basisfunctie)?.name ?? item.basisfunctie
  );
}

/** Reads `mantelzorg vraag 17`, the subject the questionnaire service writes. */
export function parseAnswerSubject(
  subject: string,
): { questionnaire: string; question: number } | null {
  const match = /^(\S+) vraag (\d+)$/.exec(subject.trim());
  return match ? { questionnaire: match[1] as string, question: Number(match[2]) } : null;
}

// ---------------------------------------------------------------------------------------------
// Statuses, participation, rounds, invitations, accounts and tokens.

function labelFrom<K extends string>(labels: Readonly<Record<K, string>>, value: unknown): string {
  return typeof value === 'string' && Object.hasOwn(labels, value)
    ? labels[value as K]
    : formatPlainValue(value);
}

/**
 * A municipality's participation: `doet mee`, or `doet later mee – reden: geen tijd – …`
 * with the reason and its toelichting.
 */
export function describeParticipation(value: unknown): string {
  const record = asRecord(value);
  if (!record) return formatPlainValue(value);
  const status =
    record.status === 'takes-part'
      ? 'doet mee'
      : labelFrom(
          { later: CATEGORY_LABELS.later, declined: CATEGORY_LABELS.declined },
          record.status,
        );
  const reason = record.reason ? labelFrom<Reason>(REASON_LABELS, record.reason) : '';
  return [status, reason ? `reden: ${reason}` : '', asString(record.reasonText)]
    .filter((part) => part !== '')
    .join(' – ');
}

/** Province codes as names (`geen provincies` for none); an unknown code stays a code. */
export function describeProvinces(value: unknown, names: ReadonlyMap<string, string>): string {
  if (!Array.isArray(value)) return formatPlainValue(value);
  if (value.length === 0) return 'geen provincies';
  return value
    .map((code) => (typeof code === 'string' ? (names.get(code) ?? code) : formatPlainValue(code)))
    .join(', ');
}

/** A new account: its role, with the municipality or the provinces it works for. */
export function describeNewAccount(value: unknown, context: AuditTextContext): string {
  const record = asRecord(value);
  if (!record) return formatPlainValue(value);
  const role = labelFrom<Role>(ROLE_LABELS, record.role);
  const code = asString(record.municipalityCode);
  const provinces = Array.isArray(record.provinces) ? record.provinces : [];
  const parts = [role.charAt(0).toUpperCase() + role.slice(1)];
  if (code !== '') parts.push(context.municipalityNames.get(code) ?? code);
  if (provinces.length > 0)
    parts.push(`provincies: ${describeProvinces(provinces, context.provinceNames)}`);
  return parts.join(' – ');
}

/** `aan ADRES, geldig tot 15-7-2026`, from an invitation's or token's stored value. */
function describeRecipient(
  preposition: 'aan' | 'voor',
  email: unknown,
  expiresAt: unknown,
): string {
  const address = asString(email);
  const until = asString(expiresAt) !== '' ? `geldig tot ${formatStoredDate(expiresAt)}` : '';
  return [address ? `${preposition} ${address}` : '', until].filter(Boolean).join(', ') || EMPTY;
}

/** The e-mail address in `account ADRES` or `account ADRES: wat`. */
function accountOf(subject: string): string {
  return /^account (\S+?)(?::|$)/.exec(subject)?.[1] ?? subject;
}

function plain(record: AuditRecord): Pick<AuditDescription, 'oldText' | 'newText'> {
  return { oldText: formatPlainValue(record.oldValue), newText: formatPlainValue(record.newValue) };
}

// ---------------------------------------------------------------------------------------------
// Issue 12, helper A: advice talks.

const TALK_FIELD_LABELS: readonly (readonly [string, string])[] = [
  ['heldOn', 'Datum'],
  ['startTime', 'Begintijd'],
  ['durationMinutes', 'Duur (minuten)'],
  ['location', 'Plaats'],
  ['participants', 'Deelnemers'],
  ['summary', 'Samenvatting'],
];

/** `mantelzorg:respijtzorg` → `Respijtzorg (mantelzorg)`, when the instrument knows it. */
function talkTopicName(key: string, instrument: Instrument | undefined): string {
  const [questionnaire = '', basisfunctie = ''] = key.split(':');
  const name =
    instrument?.questionnaires
      .find((q) => q.id === questionnaire)
      ?.basisfuncties.find((b) => b.id === basisfunctie)?.name ??
    (basisfunctie === 'visie-en-beleid' ? 'Visie en beleid' : basisfunctie);
  return `${name} (${questionnaire})`;
}

function talkLines(
  value: unknown,
  instrument: Instrument | undefined,
  only?: ReadonlySet<string>,
): string[] {
  const record = asRecord(value);
  if (!record) return [];
  const lines: string[] = [];
  for (const [key, label] of TALK_FIELD_LABELS) {
    if (only && !only.has(key)) continue;
    const field = key === 'heldOn' ? formatStoredDate(record[key]) : formatPlainValue(record[key]);
    lines.push(`${label}: ${field}`);
  }
  const topics = asRecord(record.topics) ?? {};
  for (const [key, points] of Object.entries(topics)) {
    if (only && !only.has(`topics.${key}`)) continue;
    lines.push(`Besproken bij ${talkTopicName(key, instrument)}: ${formatPlainValue(points)}`);
  }
  return lines;
}

/** A recorded talk: its date, time, place, participants, summary and points per subject. */
export function describeTalk(value: unknown, instrument?: Instrument): string {
  const lines = talkLines(value, instrument);
  return lines.length > 0 ? lines.join('\n') : formatPlainValue(value);
}

/** Only the parts of a talk that changed, old and new. */
export function describeTalkChange(
  oldValue: unknown,
  newValue: unknown,
  instrument?: Instrument,
): Pick<AuditDescription, 'oldText' | 'newText'> {
  const before = asRecord(oldValue) ?? {};
  const after = asRecord(newValue) ?? {};
  const changed = new Set<string>();
  for (const [key] of TALK_FIELD_LABELS)
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
      changed.add(key);
  const oldTopics = asRecord(before.topics) ?? {};
  const newTopics = asRecord(after.topics) ?? {};
  for (const key of new Set([...Object.keys(oldTopics), ...Object.keys(newTopics)]))
    if ((oldTopics[key] ?? '') !== (newTopics[key] ?? '')) changed.add(`topics.${key}`);
  return {
    oldText: talkLines(oldValue, instrument, changed).join('\n') || EMPTY,
    newText: talkLines(newValue, instrument, changed).join('\n') || EMPTY,
  };
}

/** An agreed action: `Wat – wie: … – streefdatum: 1-9-2027`. */
export function describeTalkAction(value: unknown): string {
  const record = asRecord(value);
  if (!record) return formatPlainValue(value);
  return [
    asString(record.description) || EMPTY,
    asString(record.owner) ? `wie: ${asString(record.owner)}` : '',
    asString(record.dueOn) ? `streefdatum: ${formatStoredDate(record.dueOn)}` : '',
  ]
    .filter(Boolean)
    .join(' – ');
}

type Describer = (record: AuditRecord, context: AuditTextContext) => AuditDescription;

const NOT_ABOUT_A_QUESTION = { questionnaire: null, question: null } as const;

const DESCRIBERS: Readonly<Record<string, Describer>> = {
  'answer.changed': (record, context) => {
    const about = parseAnswerSubject(record.subject);
    const scale = context.instrument?.scale ?? [];
    const item = about
      ? context.instrument?.questionnaires
          .find((q) => q.id === about.questionnaire)
          ?.items.find((i) => i.number === about.question)
      : undefined;
    return {
      kind: 'Antwoord',
      description: about
        ? describeQuestion(about.questionnaire, about.question, context.instrument)
        : record.subject,
      questionnaire: about?.questionnaire ?? null,
      question: about?.question ?? null,
      ...describeAnswerChange(record.oldValue, record.newValue, item, scale),
    };
  },
  // An answer written by an import: the same old → new as an edit, and where it came from.
  'answer.imported': (record, context) => {
    const answer = DESCRIBERS['answer.changed']?.(record, context) as AuditDescription;
    const info = asRecord(asRecord(record.newValue)?.import);
    const file = asString(info?.file);
    const rows = typeof info?.rows === 'number' ? info.rows.toLocaleString('nl-NL') : '';
    const reason = asString(info?.reason);
    const source = [
      file ? `uit ‘${file}’` : '',
      rows ? `(${rows} ${rows === '1' ? 'regel' : 'regels'})` : '',
      reason ? `– reden: ${reason}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      ...answer,
      kind: 'Import',
      description: `${answer.description}\nGeïmporteerd${source ? ` ${source}` : ''}`,
    };
  },
  // Prefilled from the previous round when the round opened (prefill-service.ts): one event
  // per questionnaire, `mantelzorg: vooraf ingevuld`, with the round and the questions.
  'answer.prefilled': (record) => {
    const questionnaire = /^(\S+): vooraf ingevuld$/.exec(record.subject)?.[1] ?? null;
    const value = asRecord(record.newValue) ?? {};
    const questions = Array.isArray(value?.questions) ? value.questions : [];
    const from = asString(value?.from);
    return {
      kind: 'Vooraf ingevuld',
      description: questionnaire
        ? `${questionnaireLabel(questionnaire)} · vooraf ingevuld met de vorige meting`
        : record.subject,
      questionnaire,
      question: null,
      oldText: EMPTY,
      newText: `${questions.length === 1 ? 'vraag' : 'vragen'} ${questions.map((q) => formatPlainValue(q)).join(', ')} uit meting ${from || EMPTY}; nog te bevestigen`,
    };
  },
  // A prefilled answer confirmed unchanged ('Klopt nog'): who and when are the event's own.
  'answer.confirmed': (record, context) => {
    const answer = DESCRIBERS['answer.changed']?.(record, context) as AuditDescription;
    const from = asString(asRecord(record.oldValue)?.prefilledFrom);
    const about = parseAnswerSubject(record.subject);
    const item = about
      ? context.instrument?.questionnaires
          .find((q) => q.id === about.questionnaire)
          ?.items.find((i) => i.number === about.question)
      : undefined;
    const shown = describeAnswer(
      readAnswerValue(record.newValue),
      item,
      context.instrument?.scale ?? [],
    );
    return {
      ...answer,
      kind: 'Bevestigd',
      oldText: `vorige meting${from ? ` (${from})` : ''}: ${shown}`,
      newText: `bevestigd: ${shown}`,
    };
  },
  'status.changed': (record) => {
    // The subject is `mantelzorg: status`.
    const questionnaire = /^(\S+): status$/.exec(record.subject)?.[1] ?? null;
    return {
      kind: 'Status vragenlijst',
      description: questionnaire
        ? `${questionnaireLabel(questionnaire)} · status van de vragenlijst`
        : record.subject,
      questionnaire,
      question: null,
      oldText: labelFrom<ResponseStatus>(STATUS_LABELS, record.oldValue),
      newText: labelFrom<ResponseStatus>(STATUS_LABELS, record.newValue),
    };
  },
  'participation.changed': (record) => ({
    kind: 'Deelname',
    description: 'Deelname aan de meting',
    ...NOT_ABOUT_A_QUESTION,
    oldText: describeParticipation(record.oldValue),
    newText: describeParticipation(record.newValue),
  }),
  // A municipality's choice to be named to other municipalities (consent-service.ts).
  'consent.named': (record) => ({
    kind: 'Toestemming',
    description: 'Naam tonen aan andere gemeenten',
    ...NOT_ABOUT_A_QUESTION,
    oldText: describeConsent(record.oldValue),
    newText: describeConsent(record.newValue),
  }),
  // The round's previous round and prefill setting (prefill-service.ts).
  'round.prefill': (record) => {
    const round = /^meting (\S+): vorige meting$/.exec(record.subject)?.[1];
    const side = (value: unknown) => {
      const setting = asRecord(value);
      if (!setting) return formatPlainValue(value);
      const previous = asString(setting.previousRoundId);
      return previous
        ? `vorige meting ${previous}${setting.prefill === true ? ', vooraf invullen' : ', niet vooraf invullen'}`
        : 'geen vorige meting';
    };
    return {
      kind: 'Vorige meting',
      description: round ? `Vorige meting en vooraf invullen van meting ${round}` : record.subject,
      ...NOT_ABOUT_A_QUESTION,
      oldText: side(record.oldValue),
      newText: side(record.newValue),
    };
  },
  'round.status': (record) => {
    const round = /^meting (\S+): status$/.exec(record.subject)?.[1];
    return {
      kind: 'Status meting',
      description: round ? `Status van meting ${round}` : record.subject,
      ...NOT_ABOUT_A_QUESTION,
      oldText: labelFrom<RoundStatus>(ROUND_STATUS_LABELS, record.oldValue),
      newText: labelFrom<RoundStatus>(ROUND_STATUS_LABELS, record.newValue),
    };
  },
  // Publication as open data (publication-service.ts); the subject is `meting ID: publicatie`.
  'round.published': (record) => {
    const round = /^meting (\S+): publicatie$/.exec(record.subject)?.[1];
    return {
      kind: 'Publicatie',
      description: round ? `Meting ${round} openbaar gepubliceerd` : record.subject,
      ...NOT_ABOUT_A_QUESTION,
      oldText: 'niet gepubliceerd',
      newText: 'gepubliceerd',
    };
  },
  'round.unpublished': (record) => {
    const round = /^meting (\S+): publicatie$/.exec(record.subject)?.[1];
    return {
      kind: 'Publicatie',
      description: round ? `Publicatie van meting ${round} ingetrokken` : record.subject,
      ...NOT_ABOUT_A_QUESTION,
      oldText: 'gepubliceerd',
      newText: 'niet gepubliceerd',
    };
  },
  'round.created': (record) => {
    const value = asRecord(record.newValue) ?? {};
    const round = /^meting (\S+)$/.exec(record.subject)?.[1];
    return {
      kind: 'Nieuwe meting',
      description: round ? `Meting ${round} aangemaakt` : record.subject,
      ...NOT_ABOUT_A_QUESTION,
      oldText: EMPTY,
      newText: value
        ? [
            asString(value.name),
            value.instrumentVersion ? `instrument ${asString(value.instrumentVersion)}` : '',
            value.registerId ? `register ${asString(value.registerId)}` : '',
            value.opensOn || value.closesOn
              ? `open van ${formatStoredDate(value.opensOn)} tot ${formatStoredDate(value.closesOn)}`
              : '',
          ]
            .filter(Boolean)
            .join(', ') || EMPTY
        : formatPlainValue(record.newValue),
    };
  },
  'invitation.created': (record) => {
    const value = asRecord(record.newValue) ?? {};
    return {
      kind: 'Uitnodiging',
      description: 'Uitnodiging verstuurd',
      ...NOT_ABOUT_A_QUESTION,
      oldText: EMPTY,
      newText: value
        ? describeRecipient('aan', value.email, value.expiresAt)
        : formatPlainValue(record.newValue),
    };
  },
  'invitation.reminded': (record) => {
    // The subject is `herinnering ADRES`.
    const email = /^herinnering (\S+)$/.exec(record.subject)?.[1];
    return {
      kind: 'Herinnering',
      description: 'Herinnering verstuurd',
      ...NOT_ABOUT_A_QUESTION,
      oldText: EMPTY,
      newText: email ? `aan ${email}` : record.subject,
    };
  },
  'user.created': (record, context) => ({
    kind: 'Nieuw account',
    description: `Account ${accountOf(record.subject)} aangemaakt`,
    ...NOT_ABOUT_A_QUESTION,
    oldText: EMPTY,
    newText: describeNewAccount(record.newValue, context),
  }),
  'user.provinces': (record, context) => ({
    kind: 'Provincies',
    description: `Provincies van ${accountOf(record.subject)}`,
    ...NOT_ABOUT_A_QUESTION,
    oldText: describeProvinces(record.oldValue, context.provinceNames),
    newText: describeProvinces(record.newValue, context.provinceNames),
  }),
  'user.disabled': (record) => ({
    kind: 'Toegang',
    description: `Account ${accountOf(record.subject)} geblokkeerd`,
    ...NOT_ABOUT_A_QUESTION,
    oldText: 'actief',
    newText: 'geblokkeerd: sessies beëindigd, API-sleutels ingetrokken',
  }),
  'user.enabled': (record) => ({
    kind: 'Toegang',
    description: `Account ${accountOf(record.subject)} weer toegelaten`,
    ...NOT_ABOUT_A_QUESTION,
    oldText: 'geblokkeerd',
    newText: 'actief',
  }),
  'user.password-reset': (record) => ({
    kind: 'Wachtwoord',
    description: `Wachtwoord van ${accountOf(record.subject)}`,
    ...NOT_ABOUT_A_QUESTION,
    oldText: EMPTY,
    newText: 'nieuw wachtwoord gekozen',
  }),
  'api-token.issued': (record) => {
    const value = asRecord(record.newValue) ?? {};
    const name = asString(value?.name);
    return {
      kind: 'API-sleutel',
      description: name ? `API-sleutel '${name}' uitgegeven` : record.subject,
      ...NOT_ABOUT_A_QUESTION,
      oldText: EMPTY,
      newText: value
        ? describeRecipient('voor', value.account, value.expiresAt)
        : formatPlainValue(record.newValue),
    };
  },
  // Notes in the municipality report: the subject names the basisfunctie.
  'report-note.saved': (record) => ({
    kind: 'Notitie in rapport',
    description: record.subject,
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  }),
  'report-note.deleted': (record) => ({
    kind: 'Notitie in rapport',
    description: `${record.subject} verwijderd`,
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  }),
  // Issue 12, helper A: advice talks and the actions agreed in them (advice-talk-service.ts).
  'talk.created': (record, context) => ({
    kind: 'Adviesgesprek',
    description: `${record.subject} vastgelegd`,
    ...NOT_ABOUT_A_QUESTION,
    oldText: EMPTY,
    newText: describeTalk(record.newValue, context.instrument),
  }),
  'talk.updated': (record, context) => ({
    kind: 'Adviesgesprek',
    description: `${record.subject} gewijzigd`,
    ...NOT_ABOUT_A_QUESTION,
    ...describeTalkChange(record.oldValue, record.newValue, context.instrument),
  }),
  'talk.action-added': (record) => ({
    kind: 'Actie',
    description: `${record.subject} afgesproken`,
    ...NOT_ABOUT_A_QUESTION,
    oldText: EMPTY,
    newText: describeTalkAction(record.newValue),
  }),
  'talk.action-changed': (record) => ({
    kind: 'Actie',
    description: `${record.subject} gewijzigd`,
    ...NOT_ABOUT_A_QUESTION,
    oldText: describeTalkAction(record.oldValue),
    newText: describeTalkAction(record.newValue),
  }),
  'talk.action-removed': (record) => ({
    kind: 'Actie',
    description: `${record.subject} geschrapt`,
    ...NOT_ABOUT_A_QUESTION,
    oldText: describeTalkAction(record.oldValue),
    newText: EMPTY,
  }),
  // Issue 12 (helper C): the Wmo plan and the round's target. Values are stored as sentences.
  'wmo-plan.saved': (record) => ({
    kind: 'Wmo-beleidsplan',
    description: 'Wmo-beleidsplan ingevuld',
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  }),
  'wmo-plan.confirmed': (record) => ({
    kind: 'Wmo-beleidsplan',
    description: 'Wmo-beleidsplan bevestigd',
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  }),
  'wmo-plan.imported': (record) => ({
    kind: 'Wmo-beleidsplan',
    description: record.subject,
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  }),
  'wmo-plan.target-set': (record) => ({
    kind: 'Doelstelling',
    description: 'Landelijke doelstelling Wmo-beleidsplannen',
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  }),
  'api-token.revoked': (record) => ({
    kind: 'API-sleutel',
    description: record.subject,
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  }),
  // Issue 13, helper A: quotes for the national report (quote-service.ts); the values hold a
  // short excerpt of the answer, never the whole text.
  'open-answer.quoted': (record) => ({
    kind: 'Citaat',
    description: `${record.subject} gemarkeerd als citaat voor het landelijk rapport`,
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  }),
  'open-answer.unquoted': (record) => ({
    kind: 'Citaat',
    description: `${record.subject}: citaat voor het landelijk rapport verwijderd`,
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  }),
  // Issue 12, helper B: following up actions, invitations to talks, the weekly digest.
  'advice-action.status': (record) => ({
    kind: 'Actie uit adviesgesprek',
    description: record.subject,
    ...NOT_ABOUT_A_QUESTION,
    oldText: formatActionStatus(record.oldValue),
    newText: formatActionStatus(record.newValue),
  }),
  'advice-action.commented': (record) => ({
    kind: 'Opmerking bij actie',
    description: record.subject,
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  }),
  'advice-talk.invited': (record) => {
    const value = asRecord(record.newValue) ?? {};
    const recipients = Array.isArray(value.recipients) ? value.recipients.map(String) : [];
    const sequence = typeof value.sequence === 'number' ? value.sequence : 0;
    return {
      kind: 'Uitnodiging adviesgesprek',
      description: sequence > 0 ? `${record.subject} (gewijzigd)` : record.subject,
      ...NOT_ABOUT_A_QUESTION,
      oldText: EMPTY,
      newText: recipients.length > 0 ? recipients.join('\n') : EMPTY,
    };
  },
  // Issue 13, helper B: codebooks and the coding of open answers (src/services/open-answers/).
  // Values are stored as sentences: theme names, 'geen thema', or what a removal touched.
  'codebook.created': (record) => ({
    kind: 'Codeboek',
    description: `${record.subject} aangemaakt`,
    ...NOT_ABOUT_A_QUESTION,
    oldText: EMPTY,
    newText: formatPlainValue(record.newValue),
  }),
  'codebook.theme-added': (record) => ({
    kind: 'Codeboek',
    description: `${record.subject} toegevoegd`,
    ...NOT_ABOUT_A_QUESTION,
    oldText: EMPTY,
    newText: formatPlainValue(record.newValue),
  }),
  'codebook.theme-changed': (record) => ({
    kind: 'Codeboek',
    description: `${record.subject} gewijzigd`,
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  }),
  'codebook.theme-removed': (record) => ({
    kind: 'Codeboek',
    description: `${record.subject} verwijderd`,
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  }),
  'open-answer.coded': (record) => ({
    kind: 'Codering open antwoord',
    description: record.subject,
    ...NOT_ABOUT_A_QUESTION,
    oldText: record.oldValue === null ? 'niet gecodeerd' : formatPlainValue(record.oldValue),
    newText: formatPlainValue(record.newValue),
  }),
  'open-answer.settled': (record) => ({
    kind: 'Besluit codering',
    description: record.subject,
    ...NOT_ABOUT_A_QUESTION,
    oldText: record.oldValue === null ? 'geen besluit' : formatPlainValue(record.oldValue),
    newText: formatPlainValue(record.newValue),
  }),
  'account.weekly-digest': (record) => ({
    kind: 'Wekelijks overzicht',
    description: `Wekelijks overzicht van verlopen acties voor ${record.subject}`,
    ...NOT_ABOUT_A_QUESTION,
    oldText: record.oldValue === true ? 'aan' : record.oldValue === false ? 'uit' : EMPTY,
    newText: record.newValue === true ? 'aan' : record.newValue === false ? 'uit' : EMPTY,
  }),
};

/** `{ status: 'done', reason: 'x' }` → `gedaan: x` (issue 12, helper B). */
function formatActionStatus(value: unknown): string {
  const { status, reason } = asRecord(value) ?? {};
  if (typeof status !== 'string') return EMPTY;
  const label = (ACTION_STATUS_LABELS as Record<string, string>)[status] ?? status;
  return typeof reason === 'string' && reason !== '' ? `${label}: ${reason}` : label;
}

/**
 * An audit event in words: what changed and the old and new value, for every kind of event
 * the services write; an unknown kind keeps its subject and shows its values as plain text.
 */
export function describeAuditEvent(
  record: AuditRecord,
  context: AuditTextContext,
): AuditDescription {
  const describe = DESCRIBERS[record.action];
  if (describe) return describe(record, context);
  return {
    kind: record.action,
    description: record.subject,
    ...NOT_ABOUT_A_QUESTION,
    ...plain(record),
  };
}

/** Stored events with their descriptions, in the order given. */
export function describeAuditEvents(
  events: readonly AuditEvent[],
  context: AuditTextContext,
): DescribedAuditEvent[] {
  return events.map((event) => ({
    id: event.id,
    at: event.at.toISOString(),
    actorId: event.actorId,
    actor: event.actorLabel,
    action: event.action,
    subject: event.subject,
    oldValue: event.oldValue,
    newValue: event.newValue,
    ...describeAuditEvent(event, context),
  }));
}
