import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from './password-strength.ts';
import { pairDelayMs } from './login-limiter.ts';

const anna = { email: 'beleid@amsterdam.nl', name: 'Anna Amsterdam' };

describe('the password check', () => {
  it.each([
    ['wachtwoord1234', /veelgebruikte wachtwoorden/],
    ['welkom123456', /veelgebruikte wachtwoorden/],
    ['mantelzorg2026!', /uw naam, uw e-mailadres of een woord uit deze website/],
    ['Amsterdam12345', /uw naam, uw e-mailadres of een woord uit deze website/],
    ['beleid@amsterdam.nl', /uw naam, uw e-mailadres of een woord uit deze website/],
    ['aaaaaaaaaaaa', /herhaalt dezelfde tekens/],
  ])('refuses %s with a Dutch reason and advice', async (password, reason) => {
    const verdict = await checkPasswordStrength(password, anna);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.message).toMatch(/^Kies een sterker wachtwoord\. /);
    expect(verdict.message).toMatch(reason);
    expect(verdict.message).toMatch(/drie of vier losse woorden/);
  });

  it.each(['kastanje fietsbel regenjas', 'een lang wachtwoord voor de test'])(
    'accepts %s',
    async (password) => {
      expect(await checkPasswordStrength(password, anna)).toEqual({ ok: true });
    },
  );
});

describe('the delay of an account and address after failures', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 60_000],
    [6, 120_000],
    [7, 240_000],
    [8, 480_000],
    [9, 900_000],
    [50, 900_000],
  ])('after %i failures: %i ms', (failures, delay) => {
    expect(pairDelayMs(failures)).toBe(delay);
  });
});
