import { describe, expect, it } from 'vitest';
import { auditCsvFileName, toFileNamePart, writeAuditCsv } from './audit-csv.ts';
import type { DescribedAuditEvent } from './audit-text.ts';

describe('file names', () => {
  it.each([
    ['Amsterdam', 'amsterdam'],
    ['Súdwest-Fryslân', 'sudwest-fryslan'],
    ["'s-Hertogenbosch", 's-hertogenbosch'],
    ['Bergen (NH.)', 'bergen-nh'],
    ['Meting 2026!', 'meting-2026'],
  ])('%j becomes %j', (text, part) => {
    expect(toFileNamePart(text)).toBe(part);
  });

  it('names the municipality, the round and the day', () => {
    expect(auditCsvFileName('Amsterdam', 'meting-2026', '2026-07-15')).toBe(
      'logboek-amsterdam-meting-2026-2026-07-15.csv',
    );
    expect(auditCsvFileName('Súdwest-Fryslân', 'r', '2026-01-01')).toBe(
      'logboek-sudwest-fryslan-r-2026-01-01.csv',
    );
  });
});

describe('writeAuditCsv', () => {
  const event: DescribedAuditEvent = {
    id: 1,
    at: '2026-07-15T12:00:00.000Z',
    actorId: 3,
    actor: '=Anna; "Amsterdam"',
    action: 'answer.changed',
    subject: 'mantelzorg vraag 17',
    oldValue: null,
    newValue: null,
    kind: 'Antwoord',
    description: 'Mantelzorg · Informatie · vraag 17: Zorgt de gemeente …',
    questionnaire: 'mantelzorg',
    question: 17,
    oldText: 'geen antwoord',
    newText: 'Ja, goed voor elkaar\nToelichting: -via loket',
  };

  it('writes a header and one line per event, in Dutch time, neutralized and quoted', () => {
    expect(writeAuditCsv([event])).toBe(
      '\uFEFF' +
        'Wanneer (Nederlandse tijd);Wie;Soort;Vragenlijst;Vraag;Wat;Oude waarde;Nieuwe waarde\r\n' +
        '2026-07-15 14:00:00;"\'=Anna; ""Amsterdam""";Antwoord;mantelzorg;17;' +
        'Mantelzorg · Informatie · vraag 17: Zorgt de gemeente …;geen antwoord;' +
        '"Ja, goed voor elkaar\nToelichting: -via loket"\r\n',
    );
  });

  it('leaves the columns of events about no question empty', () => {
    const lines = writeAuditCsv([
      { ...event, actor: 'Cora', questionnaire: null, question: null, newText: 'x' },
    ]).split('\r\n');
    expect(lines[1]).toBe(
      '2026-07-15 14:00:00;Cora;Antwoord;;;Mantelzorg · Informatie · vraag 17: Zorgt de gemeente …;geen antwoord;x',
    );
  });

  it('is only the header without events', () => {
    expect(writeAuditCsv([]).split('\r\n')).toHaveLength(2);
  });
});
