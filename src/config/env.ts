/**
 * The environment, parsed once at start-up. Every setting the application reads is here.
 *
 * Each variable carries a `.describe()` text: the Configuration table in README.md is
 * generated from this schema (`npm run docs:cli`), with the default and allowed values.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import './zod-messages.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'test', 'production'] as const;
/**
 * The rules of src/domain/combination.ts (config may not import the domain; a unit test in
 * combination.test.ts keeps the two lists equal).
 */
export const COMBINATION_RULE_IDS = [
  'gewogen-gemiddelde',
  'aandeel-goed',
  'grootste-voorganger',
] as const;

export const EnvSchema = z.object({
  BFM_DATA_DIR: z
    .string()
    .min(1, 'BFM_DATA_DIR mag niet leeg zijn')
    .default('./.data')
    .describe('Folder of the embedded PGlite database; used when `DATABASE_URL` is not set.'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL moet beginnen met postgres:// of postgresql://')
    .optional()
    .describe('PostgreSQL connection string; when set, PostgreSQL is used instead of PGlite.'),
  PORT: z.coerce
    .number({ error: 'PORT moet een poortnummer zijn, van 1 tot en met 65535' })
    .int('PORT moet een poortnummer zijn, van 1 tot en met 65535')
    .min(1, 'PORT moet een poortnummer zijn, van 1 tot en met 65535')
    .max(65_535, 'PORT moet een poortnummer zijn, van 1 tot en met 65535')
    .default(3000)
    .describe('Port of the web server (`bfm start`, `bfm serve`); `--port` takes precedence.'),
  HOST: z
    .string()
    .min(1, 'HOST mag niet leeg zijn')
    .default('127.0.0.1')
    .describe(
      'Address the web server listens on; keep 127.0.0.1 unless it must be reachable from elsewhere.',
    ),
  BFM_TRUST_PROXY: z
    .string()
    .default('0')
    .transform((value, context) => {
      const parsed = parseTrustProxy(value);
      if (parsed === undefined) {
        context.addIssue({
          code: 'custom',
          message:
            "BFM_TRUST_PROXY moet 0 zijn, een aantal proxy's (bijvoorbeeld 1), of de adressen van de vertrouwde proxy's, gescheiden door komma's (bijvoorbeeld loopback of 10.0.0.1,10.0.0.0/24)",
        });
        return z.NEVER;
      }
      return parsed;
    })
    .describe(
      'Behind a TLS-terminating proxy: which proxies to trust for `X-Forwarded-*` (and Secure cookies). `0`: none; a number: that many proxy hops in front of the app; or a comma-separated list of proxy addresses or subnets (`loopback`, `10.0.0.1`, `10.0.0.0/24`, `uniquelocal`). A client that is not behind a trusted proxy cannot change its address with `X-Forwarded-For`.',
    ),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL moet beginnen met smtp:// of smtps://')
    .optional()
    .describe(
      'SMTP server for e-mail, e.g. `smtp://user:pass@mail.example.nl:587`; without it, mail goes to the outbox the coordinator reads in the app.',
    ),
  MAIL_FROM: z
    .string()
    .min(3, 'MAIL_FROM moet een afzender zijn, bijvoorbeeld Monitor <monitor@example.nl>')
    .default('Basisfunctiemonitor <noreply@basisfunctiemonitor.invalid>')
    .describe('Sender address of e-mail.'),
  PUBLIC_URL: z
    .string()
    .url('PUBLIC_URL moet een volledig webadres zijn, bijvoorbeeld https://monitor.example.nl')
    .refine(
      (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
      'PUBLIC_URL moet beginnen met https:// of http://, bijvoorbeeld https://monitor.example.nl',
    )
    .optional()
    .describe(
      'The address people use to reach the web app: every link in e-mail is built on it, and forms are accepted only from its origin. Required when `NODE_ENV` is `production`; in development it defaults to the address the server listens on. Never taken from the request.',
    ),
  BFM_COMBINATION_RULE: z
    .enum(COMBINATION_RULE_IDS, {
      error: `BFM_COMBINATION_RULE moet een van deze zijn: ${COMBINATION_RULE_IDS.join(', ')}`,
    })
    .default('gewogen-gemiddelde')
    .describe(
      "How the marks of a merged or split municipality's predecessors become one baseline in trends (decision 019): `gewogen-gemiddelde` (population-weighted mean mark), `aandeel-goed` (weighted share of predecessors 'goed voor elkaar') or `grootste-voorganger` (the largest predecessor). Pages (`?regel=`), `bfm compare --rule` and the API (`rule`) may choose another per request.",
    ),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `LOG_LEVEL moet een van deze zijn: ${LOG_LEVELS.join(', ')}` })
    .default('warn')
    .describe('pino log level; logs go to stderr.'),
  NODE_ENV: z
    .enum(NODE_ENVS, { error: `NODE_ENV moet een van deze zijn: ${NODE_ENVS.join(', ')}` })
    .default('development')
    .describe(
      'Run mode, read by the libraries (React, Express). `bfm serve` defaults to `production` (which requires `PUBLIC_URL`), other commands, `bfm start` included, to `development`.',
    ),
});

export type Env = z.infer<typeof EnvSchema>;

/** Express's `trust proxy` setting: nothing, a hop count, or the trusted proxy addresses. */
export type TrustProxy = false | number | readonly string[];

/** Names Express (proxy-addr) knows for address ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Reads BFM_TRUST_PROXY: `0` or empty trusts no proxy, a number that many hops, otherwise a
 * comma-separated list of addresses, subnets or range names. `true` (trust every hop) is not
 * offered: with it, any client could choose its own address by sending X-Forwarded-For.
 *
 * @returns the setting, or undefined when the value is not one of these
 * @example parseTrustProxy('loopback, 10.0.0.0/24') // ['loopback', '10.0.0.0/24']
 */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === '0') return false;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) <= 100 ? Number(trimmed) : undefined;
  const entries = trimmed.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    if (PROXY_RANGE_NAMES.has(entry)) return true;
    const [address, prefix, ...rest] = entry.split('/');
    if (rest.length > 0 || address === undefined || isIP(address) === 0) return false;
    if (prefix === undefined) return true;
    return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128);
  });
  return valid ? entries : undefined;
}

/** The environment has invalid values; the message names each variable, in Dutch. */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

/**
 * Parses the environment.
 *
 * @throws {EnvironmentError} with a Dutch message naming each invalid variable
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse({
    ...source,
    DATABASE_URL: source.DATABASE_URL === '' ? undefined : source.DATABASE_URL,
    SMTP_URL: source.SMTP_URL === '' ? undefined : source.SMTP_URL,
  });
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  - ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new EnvironmentError(`Ongeldige omgevingsvariabelen:\n${lines.join('\n')}`);
  }
  return result.data;
}
