/**
 * How large a request body may be, per path, in one table. Bodies are refused from their
 * declared length before a byte is read (src/web/request-guards.ts), so a huge post never
 * reaches memory. Measured: the largest legitimate post is the questionnaire section
 * 'visie-en-beleid' (16 items, one open answer): at most 10,000 + 16 × 4,000 characters,
 * plus the hidden revision fields, about 75 kB in plain ASCII and under 700 kB even when every
 * character is a three-byte UTF-8 character sent percent-encoded (9 bytes each).
 */

import {
  MAX_IMPORT_API_BODY_BYTES,
  MAX_IMPORT_FILE_BYTES,
} from '../services/import/import-limits.ts';

const KIB = 1024;
const MIB = 1024 * KIB;

export interface BodyLimit {
  /** Matches the path; React Router posts from scripts to the same path plus `.data`. */
  readonly path: RegExp;
  readonly bytes: number;
}

/** Ordinary forms: login, accounts, invitations (a list of up to 10,000 characters of names). */
export const DEFAULT_BODY_LIMIT = 256 * KIB;

/** The first matching row wins; paths without a row get DEFAULT_BODY_LIMIT. */
export const BODY_LIMITS: readonly BodyLimit[] = [
  // The import upload of a round (CSV or .xlsx). In the web app twice the largest file: a file
  // somewhat too large still reaches the page, which names its size and the limit next to the
  // file field; only far larger posts get the plain refusal. In the API the file comes
  // base64-encoded (4 bytes per 3) in JSON, and the router answers in JSON itself.
  { path: /^\/metingen\/[^/]+\/importeren(?:\.data)?$/, bytes: 2 * MAX_IMPORT_FILE_BYTES + MIB },
  {
    path: /^\/api\/rounds\/[^/]+\/imports(?:\/preview)?$/,
    bytes: MAX_IMPORT_API_BODY_BYTES,
  },
  // A questionnaire section and its autosave: see the measurement above.
  {
    path: /^\/metingen\/[^/]+\/gemeenten\/[^/]+\/[^/]+\/[^/]+(?:\/autosave)?(?:\.data)?$/,
    bytes: 2 * MIB,
  },
  // The JSON API (its router refuses more than 1,000,000 bytes with a JSON message of its own).
  { path: /^\/api\//, bytes: 1_000_000 },
];

/** The largest body accepted on this path, in bytes. */
export function findBodyLimit(path: string): number {
  return BODY_LIMITS.find((limit) => limit.path.test(path))?.bytes ?? DEFAULT_BODY_LIMIT;
}
