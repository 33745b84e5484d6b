/**
 * What the benchmarks share: a percentile of sorted timings and logging in over HTTP.
 */

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
