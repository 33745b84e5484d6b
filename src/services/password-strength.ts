/**
 * The password check besides the length rule: zxcvbn (offline, with the common password list
 * and the Dutch dictionary) must rate a new password at least MIN_SCORE, with the account's
 * own e-mail address and name and the product's words counting as easy to guess.
 *
 * The dictionaries are several megabytes: they are loaded on the first check only, so the
 * `bfm` command and the server start without them.
 */
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';

/** zxcvbn's 0–4 scale; 3 is 'safely unguessable: moderate protection from offline attacks'. */
export const MIN_SCORE = 3;

/** Words every password is checked against, besides the account's own e-mail and name. */
const PRODUCT_WORDS = ['basisfunctiemonitor', 'mantelzorg', 'vrijwilligerswerk'];

let factory: Promise<ZxcvbnFactory> | undefined;

function loadFactory(): Promise<ZxcvbnFactory> {
  factory ??= (async () => {
    const [core, common, dutch] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-nl-be'),
    ]);
    return new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...dutch.dictionary },
      graphs: common.adjacencyGraphs,
      translations: dutch.translations,
    });
  })();
  return factory;
}

/** The parts of an e-mail address and name that a password should not be built from. */
function userWords(account: { email?: string; name?: string }): string[] {
  const words = [...PRODUCT_WORDS];
  if (account.email) words.push(account.email, ...account.email.split(/[@.+_-]/));
  if (account.name) words.push(account.name, ...account.name.split(/\s+/));
  return words.map((word) => word.trim().toLowerCase()).filter((word) => word.length >= 3);
}

/** Our own Dutch explanation of the weakest pattern zxcvbn found (its feedback is English). */
function explain(result: ZxcvbnResult, words: readonly string[]): string {
  const patterns = result.sequence;
  const own = patterns.find(
    (match) =>
      match.pattern === 'dictionary' &&
      match.dictionaryName === 'userInputs' &&
      words.includes(String(match.matchedWord)),
  );
  if (own)
    return 'Het bevat uw naam, uw e-mailadres of een woord uit deze website, en dat is makkelijk te raden.';
  if (
    patterns.some(
      (match) =>
        match.pattern === 'dictionary' && String(match.dictionaryName).startsWith('passwords'),
    )
  )
    return 'Het staat in de lijsten van veelgebruikte wachtwoorden die aanvallers als eerste proberen.';
  if (patterns.some((match) => match.pattern === 'repeat'))
    return 'Het herhaalt dezelfde tekens of woorden.';
  if (patterns.some((match) => match.pattern === 'spatial'))
    return 'Het bevat een toetsenbordpatroon zoals qwerty of azerty.';
  if (patterns.some((match) => match.pattern === 'sequence'))
    return 'Het bevat een reeks zoals abcd of 1234.';
  if (patterns.some((match) => match.pattern === 'date' || match.pattern === 'regex'))
    return 'Het bevat een datum of jaartal.';
  return 'Het bestaat uit te weinig en te bekende woorden.';
}

export type PasswordVerdict =
  { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * Rates a new password offline. The message says why it is refused and how to choose a better
 * one, in Dutch.
 *
 * @example
 * await checkPasswordStrength('wachtwoord1234', {}); // { ok: false, message: 'Kies een sterker …' }
 * await checkPasswordStrength('kastanje fietsbel regenjas', {}); // { ok: true }
 */
export async function checkPasswordStrength(
  password: string,
  account: { email?: string; name?: string },
): Promise<PasswordVerdict> {
  const zxcvbn = await loadFactory();
  const words = userWords(account);
  const result = zxcvbn.check(password, words);
  if (result.score >= MIN_SCORE) return { ok: true };
  return {
    ok: false,
    message:
      `Kies een sterker wachtwoord. ${explain(result, words)} ` +
      'Neem bijvoorbeeld drie of vier losse woorden die niet bij elkaar horen, met spaties ertussen.',
  };
}
