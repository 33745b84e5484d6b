/**
 * The environment, parsed once at start-up. Every setting the application reads is here.
 *
 * Each variable carries a `.describe()` text: the Configuration table in README.md is
 * generated from this schema (`npm run docs:cli`), with the default and allowed values.
 */
import { z } from 'zod';
import './zod-messages.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'test', 'production'] as const;

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
    .enum(['0', '1'], { error: 'BFM_TRUST_PROXY moet 0 of 1 zijn' })
    .default('0')
    .describe(
      'Set to `1` behind a TLS-terminating proxy: trust `X-Forwarded-*` and send Secure cookies.',
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
    .optional()
    .describe(
      'The address people use to reach the web app, for links in e-mail; without it, the address of the request is used.',
    ),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `LOG_LEVEL moet een van deze zijn: ${LOG_LEVELS.join(', ')}` })
    .default('warn')
    .describe('pino log level; logs go to stderr.'),
  NODE_ENV: z
    .enum(NODE_ENVS, { error: `NODE_ENV moet een van deze zijn: ${NODE_ENVS.join(', ')}` })
    .default('development')
    .describe(
      'Run mode, read by the libraries (React, Express); the application only checks the value.',
    ),
});

export type Env = z.infer<typeof EnvSchema>;

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
