/**
 * What the benchmarks share: a percentile of sorted timings, logging in over HTTP and the CSV
 * of a full synthetic round.
 */
import type { AnswerValue } from '../src/db/repositories/answer-repository.ts';

/** The p-th percentile of ascending timings (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Logs in through the login form and returns the session cookie. */
export async function logIn(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/inloggen`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: url },
    body: new URLSearchParams({ email, password, terug: '/' }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`login failed for ${email}: ${response.status}`);
  return cookie;
}

/** Answers as an import file of round 'bench' (the format of docs/import-format.md). */
export function toCsv(values: readonly AnswerValue[]): string {
  const lines = ['meting,gemeentecode,vragenlijst,vraag,antwoord'];
  for (const v of values) {
    const answer =
      v.points !== null
        ? String(v.points)
        : v.options !== null
          ? v.options.join(';')
          : `"${v.text}"`;
    lines.push(`bench,GM${v.municipalityCode},${v.questionnaire},${v.question},${answer}`);
  }
  return `${lines.join('\n')}\n`;
}
