import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../instruments/index.ts';
import {
  describeAnswer,
  describeAnswerChange,
  describeAuditEvent,
  describeAuditEvents,
  describeParticipation,
  describeProvinces,
  describeQuestion,
  formatPlainValue,
  parseAnswerSubject,
  questionnaireLabel,
  readAnswerValue,
  shortenText,
  type AuditRecord,
  type AuditTextContext,
} from './audit-text.ts';

const instrument = loadInstrument('2009');
const mantelzorg = instrument.questionnaires.find((q) => q.id === 'mantelzorg');
const item = (number: number) => mantelzorg?.items.find((i) => i.number === number);
const scale = instrument.scale;

const context: AuditTextContext = {
  instrument,
  provinceNames: new Map([
    ['PV26', 'Utrecht'],
    ['PV27', 'Noord-Holland'],
  ]),
  municipalityNames: new Map([['0363', 'Amsterdam']]),
};

describe('shortenText', () => {
  it.each([
    ['Heeft de gemeente een visie?', 20, 'Heeft de gemeente …'],
    // A word that ends exactly at the limit stays.
    ['Heeft de gemeente een visie?', 21, 'Heeft de gemeente een …'],
    ['abc def', 7, 'abc def'],
    ['Kort?', 80, 'Kort?'],
    ['  a\n  b ', 80, 'a b'],
    // One word longer than the limit is cut inside.
    ['Arbeidsmarktparticipatiebevordering', 10, 'Arbeidsmar …'],
    // No dangling comma before the ellipsis.
    ['Informatie, advies en steun', 12, 'Informatie …'],
    ['', 80, ''],
  ])('shortens %j to %i characters: %j', (text, max, short) => {
    expect(shortenText(text, max)).toBe(short);
  });
});

describe('small pieces', () => {
  it.each([
    ['mantelzorg', 'Mantelzorg'],
    ['vrijwilligerswerk', 'Vrijwilligerswerk'],
    ['jonge-mantelzorgers', 'Jonge mantelzorgers'],
    ['', ''],
  ])('names questionnaire %j %j', (id, label) => {
    expect(questionnaireLabel(id)).toBe(label);
  });

  it.each([
    ['mantelzorg vraag 17', { questionnaire: 'mantelzorg', question: 17 }],
    ['vrijwilligerswerk vraag 1', { questionnaire: 'vrijwilligerswerk', question: 1 }],
    ['mantelzorg: status', null],
    ['vraag zeventien', null],
  ])('reads the subject %j', (subject, about) => {
    expect(parseAnswerSubject(subject)).toEqual(about);
  });

  it.each([
    [null, '–'],
    [undefined, '–'],
    ['', '–'],
    ['  ', '–'],
    ['actief', 'actief'],
    [3, '3'],
    [true, 'ja'],
    [false, 'nee'],
    [[], '–'],
    [['a', 'b'], 'a, b'],
    [{ a: 1, b: null, c: '' }, 'a: 1'],
    [{}, '–'],
    [{ a: { b: 2 } }, 'a: b: 2'],
    [[{ x: 1 }, 'y'], 'x: 1, y'],
  ])('formatPlainValue(%j) is %j', (value, text) => {
    expect(formatPlainValue(value)).toBe(text);
  });

  it.each([
    [{ status: 'takes-part' }, 'doet mee'],
    [
      { status: 'later', reason: 'geen-tijd', reasonText: null },
      'doet later mee – reden: geen tijd',
    ],
    [
      { status: 'declined', reason: 'anders', reasonText: 'fusie met de buurgemeente' },
      'doet niet mee – reden: anders – fusie met de buurgemeente',
    ],
    // A reason added later, and no reason at all.
    [{ status: 'later', reason: 'vakantie' }, 'doet later mee – reden: vakantie'],
    [{ status: 'later' }, 'doet later mee'],
    ['raar', 'raar'],
    [null, '–'],
  ])('describeParticipation(%j) is %j', (value, text) => {
    expect(describeParticipation(value)).toBe(text);
  });

  it.each([
    [['PV27', 'PV26'], 'Noord-Holland, Utrecht'],
    [[], 'geen provincies'],
    [['PV99'], 'PV99'],
    [null, '–'],
  ])('describeProvinces(%j) is %j', (value, text) => {
    expect(describeProvinces(value, context.provinceNames)).toBe(text);
  });
});

describe('answers', () => {
  it.each([
    [null, null],
    [undefined, null],
    [
      { points: 2, options: null, text: null, note: null },
      { points: 2, options: [], text: '', note: '' },
    ],
    // Extra keys are ignored, missing ones are empty, numbers as text are read.
    [
      { points: '3', revision: 4, by: 'Anna' },
      { points: 3, options: [], text: '', note: '' },
    ],
    [{ options: 'aanbod' }, { points: null, options: ['aanbod'], text: '', note: '' }],
    [
      { text: '  tekst ', note: ' x ' },
      { points: null, options: [], text: 'tekst', note: 'x' },
    ],
    [{ points: 'veel' }, { points: null, options: [], text: '', note: '' }],
    // Bare values.
    [2, { points: 2, options: [], text: '', note: '' }],
    ['vrije tekst', { points: null, options: [], text: 'vrije tekst', note: '' }],
    [['aanbod'], { points: null, options: ['aanbod'], text: '', note: '' }],
  ])('readAnswerValue(%j)', (value, parts) => {
    expect(readAnswerValue(value)).toEqual(parts);
  });

  it.each([
    [17, { points: 3 }, 'Ja, goed voor elkaar'],
    [17, { points: 2 }, 'Ja, verbetering mogelijk'],
    [17, { points: 1 }, 'Nee'],
    [17, { points: 7 }, '7 punten'],
    [17, { points: null, note: 'alleen een toelichting' }, 'geen antwoord'],
    [17, null, 'geen antwoord'],
    [
      18,
      { options: ['aanbod', 'mantelzorgcompliment'] },
      'Het aanbod van hulp, zorg, ondersteuning, Mantelzorgcompliment',
    ],
    [
      18,
      { options: ['aanbod', 'verdwenen'] },
      'Het aanbod van hulp, zorg, ondersteuning, verdwenen',
    ],
    [15, { options: ['lt-1000'] }, '< 1.000 euro'],
    [16, { text: 'Wij werken samen met het steunpunt.' }, 'Wij werken samen met het steunpunt.'],
  ])('answer to question %i %j reads %j', (number, value, text) => {
    expect(describeAnswer(readAnswerValue(value), item(number), scale)).toBe(text);
  });

  it('reads a question it does not know by the scale and the codes', () => {
    expect(describeAnswer(readAnswerValue({ points: 3 }), undefined, scale)).toBe(
      'Ja, goed voor elkaar',
    );
    expect(describeAnswer(readAnswerValue({ options: ['a', 'b'] }), undefined, scale)).toBe('a, b');
  });

  const full = (points: number | null, note: string | null) => ({
    points,
    options: null,
    text: null,
    note,
  });
  it.each([
    ['a first answer', null, full(3, null), 'geen antwoord', 'Ja, goed voor elkaar'],
    [
      'the answer only',
      full(3, null),
      full(2, null),
      'Ja, goed voor elkaar',
      'Ja, verbetering mogelijk',
    ],
    [
      'the toelichting only',
      full(2, 'Via loket'),
      full(2, 'Via loket en website'),
      'Toelichting: Via loket',
      'Toelichting: Via loket en website',
    ],
    ['a toelichting added', full(2, null), full(2, 'x'), 'geen toelichting', 'Toelichting: x'],
    ['a toelichting removed', full(2, 'x'), full(2, null), 'Toelichting: x', 'geen toelichting'],
    [
      'the answer, the toelichting kept',
      full(2, 'x'),
      full(1, 'x'),
      'Ja, verbetering mogelijk',
      'Nee',
    ],
    [
      'both',
      full(2, 'x'),
      full(1, 'y'),
      'Ja, verbetering mogelijk\nToelichting: x',
      'Nee\nToelichting: y',
    ],
    [
      'both cleared',
      full(2, 'x'),
      full(null, null),
      'Ja, verbetering mogelijk\nToelichting: x',
      'geen antwoord',
    ],
    [
      'the answer cleared',
      full(2, 'x'),
      full(null, 'x'),
      'Ja, verbetering mogelijk',
      'geen antwoord',
    ],
    [
      'a toelichting without answer',
      null,
      full(null, 'alleen uitleg'),
      'geen antwoord',
      'Toelichting: alleen uitleg',
    ],
    [
      'nothing we know (an extra key)',
      full(1, 'x'),
      { ...full(1, 'x'), revision: 4 },
      'Nee\nToelichting: x',
      'Nee\nToelichting: x',
    ],
  ])('when %s changed: %j → %j', (_what, oldValue, newValue, oldText, newText) => {
    expect(describeAnswerChange(oldValue, newValue, item(17), scale)).toEqual({ oldText, newText });
  });
});

describe('describeQuestion', () => {
  it.each([
    [
      'mantelzorg',
      17,
      'Mantelzorg · Informatie · vraag 17: Zorgt de gemeente voor informatieverstrekking aan mantelzorgers (zelf of via …',
    ],
    // Exactly 80 characters: not shortened.
    [
      'mantelzorg',
      15,
      'Mantelzorg · Visie en beleid · vraag 15: Heeft de gemeente financiële middelen gereserveerd voor mantelzorgondersteuning?',
    ],
    [
      'mantelzorg',
      57,
      'Mantelzorg · Algemeen · vraag 57: Heeft u verder nog opmerkingen over de ondersteuning van mantelzorgers in uw …',
    ],
    [
      'vrijwilligerswerk',
      1,
      'Vrijwilligerswerk · Vertalen van maatschappelijke ontwikkelingen · vraag 1: Heeft uw gemeente een visie op vrijwilligerswerk geformuleerd?',
    ],
    ['mantelzorg', 999, 'Mantelzorg · vraag 999 (onbekende vraag)'],
    ['onbekend', 1, 'Onbekend · vraag 1 (onbekende vraag)'],
  ])('names %s question %i', (questionnaire, number, text) => {
    expect(describeQuestion(questionnaire, number, instrument)).toBe(text);
  });

  it('names a question by its number without an instrument', () => {
    expect(describeQuestion('mantelzorg', 17, undefined)).toBe(
      'Mantelzorg · vraag 17 (onbekende vraag)',
    );
  });
});

const record = (
  action: string,
  subject: string,
  oldValue: unknown = null,
  newValue: unknown = null,
): AuditRecord => ({ action, subject, oldValue, newValue });

describe('describeAuditEvent', () => {
  it.each([
    // Prefilled follow-up (issue 11, decision 021): what was prefilled, and its confirmation.
    [
      record('answer.prefilled', 'mantelzorg: vooraf ingevuld', null, {
        from: 'meting-2009',
        questions: [1, 3, 17],
      }),
      {
        kind: 'Vooraf ingevuld',
        description: 'Mantelzorg · vooraf ingevuld met de vorige meting',
        questionnaire: 'mantelzorg',
        question: null,
        oldText: '–',
        newText: 'vragen 1, 3, 17 uit meting meting-2009; nog te bevestigen',
      },
    ],
    [
      record(
        'answer.confirmed',
        'mantelzorg vraag 17',
        { points: 3, options: null, text: null, note: null, prefilledFrom: 'meting-2009' },
        { points: 3, options: null, text: null, note: null },
      ),
      {
        kind: 'Bevestigd',
        description:
          'Mantelzorg · Informatie · vraag 17: Zorgt de gemeente voor informatieverstrekking aan mantelzorgers (zelf of via …',
        questionnaire: 'mantelzorg',
        question: 17,
        oldText: 'vorige meting (meting-2009): Ja, goed voor elkaar',
        newText: 'bevestigd: Ja, goed voor elkaar',
      },
    ],
    [
      record(
        'round.prefill',
        'meting 2026: vorige meting',
        { previousRoundId: null, prefill: false },
        { previousRoundId: 'meting-2009', prefill: true },
      ),
      {
        kind: 'Vorige meting',
        description: 'Vorige meting en vooraf invullen van meting 2026',
        questionnaire: null,
        question: null,
        oldText: 'geen vorige meting',
        newText: 'vorige meting meting-2009, vooraf invullen',
      },
    ],
    [
      record('answer.changed', 'mantelzorg vraag 17', null, {
        points: 3,
        options: null,
        text: null,
        note: 'Via het Wmo-loket',
      }),
      {
        kind: 'Antwoord',
        description:
          'Mantelzorg · Informatie · vraag 17: Zorgt de gemeente voor informatieverstrekking aan mantelzorgers (zelf of via …',
        questionnaire: 'mantelzorg',
        question: 17,
        oldText: 'geen antwoord',
        newText: 'Ja, goed voor elkaar\nToelichting: Via het Wmo-loket',
      },
    ],
    [
      record(
        'answer.changed',
        'mantelzorg vraag 18',
        { options: ['aanbod'], note: null },
        { options: ['aanbod', 'ziekten'], note: null },
      ),
      {
        kind: 'Antwoord',
        description:
          'Mantelzorg · Informatie · vraag 18: Welke soort informatie is beschikbaar voor mantelzorgers?',
        questionnaire: 'mantelzorg',
        question: 18,
        oldText: 'Het aanbod van hulp, zorg, ondersteuning',
        newText:
          'Het aanbod van hulp, zorg, ondersteuning, Ziekten, aandoeningen, beperkingen, handicaps en patiëntenverenigingen',
      },
    ],
    [
      record(
        'answer.imported',
        'mantelzorg vraag 17',
        { points: 1, options: null, text: null, note: 'Eerder' },
        {
          points: 3,
          options: null,
          text: null,
          note: 'Eerder',
          import: { file: 'aanlevering.csv', rows: 26_000, reason: 'correctie' },
        },
      ),
      {
        kind: 'Import',
        description:
          'Mantelzorg · Informatie · vraag 17: Zorgt de gemeente voor informatieverstrekking aan mantelzorgers (zelf of via …\nGeïmporteerd uit ‘aanlevering.csv’ (26.000 regels) – reden: correctie',
        questionnaire: 'mantelzorg',
        question: 17,
        oldText: 'Nee',
        newText: 'Ja, goed voor elkaar',
      },
    ],
    [
      record('answer.changed', 'mantelzorg vraag 999', { points: 1 }, { points: 2 }),
      {
        kind: 'Antwoord',
        description: 'Mantelzorg · vraag 999 (onbekende vraag)',
        questionnaire: 'mantelzorg',
        question: 999,
        oldText: 'Nee',
        newText: 'Ja, verbetering mogelijk',
      },
    ],
    [
      record('answer.changed', 'vraag zeventien', null, { text: 'iets' }),
      {
        kind: 'Antwoord',
        description: 'vraag zeventien',
        questionnaire: null,
        question: null,
        oldText: 'geen antwoord',
        newText: 'iets',
      },
    ],
    [
      record('status.changed', 'mantelzorg: status', 'in-progress', 'submitted'),
      {
        kind: 'Status vragenlijst',
        description: 'Mantelzorg · status van de vragenlijst',
        questionnaire: 'mantelzorg',
        question: null,
        oldText: 'bezig',
        newText: 'ingediend',
      },
    ],
    [
      record('status.changed', 'vrijwilligerswerk: status', 'submitted', 'in-progress'),
      {
        kind: 'Status vragenlijst',
        description: 'Vrijwilligerswerk · status van de vragenlijst',
        questionnaire: 'vrijwilligerswerk',
        question: null,
        oldText: 'ingediend',
        newText: 'bezig',
      },
    ],
    [
      record(
        'participation.changed',
        'deelname',
        { status: 'takes-part' },
        { status: 'later', reason: 'geen-tijd', reasonText: 'na de zomer' },
      ),
      {
        kind: 'Deelname',
        description: 'Deelname aan de meting',
        questionnaire: null,
        question: null,
        oldText: 'doet mee',
        newText: 'doet later mee – reden: geen tijd – na de zomer',
      },
    ],
    [
      record(
        'consent.named',
        'toestemming naam tonen',
        { namedConsent: false },
        { namedConsent: true },
      ),
      {
        kind: 'Toestemming',
        description: 'Naam tonen aan andere gemeenten',
        questionnaire: null,
        question: null,
        oldText: 'nee, alleen in aantallen',
        newText: 'ja, met naam zichtbaar',
      },
    ],
    [
      record('round.status', 'meting r: status', 'concept', 'open'),
      {
        kind: 'Status meting',
        description: 'Status van meting r',
        questionnaire: null,
        question: null,
        oldText: 'in voorbereiding',
        newText: 'open',
      },
    ],
    [
      record('round.published', 'meting r: publicatie', null, { publishedAt: '2026-01-01' }),
      {
        kind: 'Publicatie',
        description: 'Meting r openbaar gepubliceerd',
        questionnaire: null,
        question: null,
        oldText: 'niet gepubliceerd',
        newText: 'gepubliceerd',
      },
    ],
    [
      record('round.unpublished', 'meting r: publicatie', { publishedAt: '2026-01-01' }, null),
      {
        kind: 'Publicatie',
        description: 'Publicatie van meting r ingetrokken',
        questionnaire: null,
        question: null,
        oldText: 'gepubliceerd',
        newText: 'niet gepubliceerd',
      },
    ],
    [
      record('round.created', 'meting r', null, {
        id: 'r',
        name: 'Meting 2026',
        instrumentVersion: '2009',
        registerId: '2009',
        opensOn: '2026-01-01',
        closesOn: '2026-02-01',
      }),
      {
        kind: 'Nieuwe meting',
        description: 'Meting r aangemaakt',
        questionnaire: null,
        question: null,
        oldText: '–',
        newText: 'Meting 2026, instrument 2009, register 2009, open van 1-1-2026 tot 1-2-2026',
      },
    ],
    [
      record('invitation.created', 'uitnodiging beleid@amsterdam.nl', null, {
        email: 'beleid@amsterdam.nl',
        // 00:30 on 15 July in Dutch time.
        expiresAt: '2026-07-14T22:30:00.000Z',
      }),
      {
        kind: 'Uitnodiging',
        description: 'Uitnodiging verstuurd',
        questionnaire: null,
        question: null,
        oldText: '–',
        newText: 'aan beleid@amsterdam.nl, geldig tot 15-7-2026',
      },
    ],
    [
      record('invitation.reminded', 'herinnering beleid@amsterdam.nl'),
      {
        kind: 'Herinnering',
        description: 'Herinnering verstuurd',
        questionnaire: null,
        question: null,
        oldText: '–',
        newText: 'aan beleid@amsterdam.nl',
      },
    ],
    [
      record('user.created', 'account ada@example.nl', null, {
        role: 'advisor',
        municipalityCode: null,
        provinces: ['PV27', 'PV26'],
      }),
      {
        kind: 'Nieuw account',
        description: 'Account ada@example.nl aangemaakt',
        questionnaire: null,
        question: null,
        oldText: '–',
        newText: 'Provinciaal adviseur – provincies: Noord-Holland, Utrecht',
      },
    ],
    [
      record('user.created', 'account beleid@amsterdam.nl', null, {
        role: 'municipality',
        municipalityCode: '0363',
        provinces: [],
      }),
      {
        kind: 'Nieuw account',
        description: 'Account beleid@amsterdam.nl aangemaakt',
        questionnaire: null,
        question: null,
        oldText: '–',
        newText: 'Gemeente – Amsterdam',
      },
    ],
    [
      record('user.provinces', 'account ada@example.nl: provincies', ['PV26'], []),
      {
        kind: 'Provincies',
        description: 'Provincies van ada@example.nl',
        questionnaire: null,
        question: null,
        oldText: 'Utrecht',
        newText: 'geen provincies',
      },
    ],
    [
      record('user.password-reset', 'account ada@example.nl: wachtwoord'),
      {
        kind: 'Wachtwoord',
        description: 'Wachtwoord van ada@example.nl',
        questionnaire: null,
        question: null,
        oldText: '–',
        newText: 'nieuw wachtwoord gekozen',
      },
    ],
    [
      record('api-token.issued', "API-sleutel 'Dashboard' voor c@example.nl", null, {
        name: 'Dashboard',
        account: 'c@example.nl',
        expiresAt: '2026-10-01T10:00:00.000Z',
      }),
      {
        kind: 'API-sleutel',
        description: "API-sleutel 'Dashboard' uitgegeven",
        questionnaire: null,
        question: null,
        oldText: '–',
        newText: 'voor c@example.nl, geldig tot 1-10-2026',
      },
    ],
    [
      record(
        'api-token.revoked',
        "API-sleutel 'Dashboard' voor c@example.nl",
        'actief',
        'ingetrokken',
      ),
      {
        kind: 'API-sleutel',
        description: "API-sleutel 'Dashboard' voor c@example.nl",
        questionnaire: null,
        question: null,
        oldText: 'actief',
        newText: 'ingetrokken',
      },
    ],
    [
      record('iets.nieuws', 'iets', { a: 1, b: [2, 3] }, null),
      {
        kind: 'iets.nieuws',
        description: 'iets',
        questionnaire: null,
        question: null,
        oldText: 'a: 1; b: 2, 3',
        newText: '–',
      },
    ],
  ])('describes %j', (event, description) => {
    expect(describeAuditEvent(event, context)).toEqual(description);
  });

  it('never shows JSON, whatever the stored values look like', () => {
    const odd = [null, 'x', 3, [], [{ a: { b: 1 } }], { points: { nested: true } }, { status: 7 }];
    const actions = [
      'answer.changed',
      'status.changed',
      'participation.changed',
      'consent.named',
      'round.status',
      'round.created',
      'round.published',
      'round.unpublished',
      'invitation.created',
      'invitation.reminded',
      'user.created',
      'user.provinces',
      'user.password-reset',
      'user.disabled',
      'user.enabled',
      'api-token.issued',
      'api-token.revoked',
      'iets.nieuws',
    ];
    for (const action of actions)
      for (const oldValue of odd)
        for (const newValue of odd) {
          const text = describeAuditEvent(
            record(action, 'mantelzorg vraag 17', oldValue, newValue),
            context,
          );
          expect(`${text.oldText} ${text.newText} ${text.description}`).not.toMatch(/[{}[\]"]/);
        }
  });

  it('adds the description to stored events', () => {
    const [described] = describeAuditEvents(
      [
        {
          id: 7,
          at: new Date('2026-03-01T09:00:00Z'),
          actorId: 3,
          actorLabel: 'Anna Amsterdam',
          action: 'status.changed',
          roundId: 'r',
          municipalityCode: '0363',
          subject: 'mantelzorg: status',
          oldValue: 'in-progress',
          newValue: 'submitted',
        },
      ],
      context,
    );
    expect(described).toEqual({
      id: 7,
      at: '2026-03-01T09:00:00.000Z',
      actorId: 3,
      actor: 'Anna Amsterdam',
      action: 'status.changed',
      subject: 'mantelzorg: status',
      oldValue: 'in-progress',
      newValue: 'submitted',
      kind: 'Status vragenlijst',
      description: 'Mantelzorg · status van de vragenlijst',
      questionnaire: 'mantelzorg',
      question: null,
      oldText: 'bezig',
      newText: 'ingediend',
    });
  });
});
