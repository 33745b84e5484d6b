/**
 * The environment, parsed once at start-up. Every setting the application reads is here.
 */
import { z } from 'zod';
import './zod-messages.ts';

export const EnvSchema = z.object({
  /** Folder of the embedded PGlite database, used when DATABASE_URL is not set. */
  BFM_DATA_DIR: z.string().min(1).default('./.data'),
  /** A PostgreSQL connection string; when set, PostgreSQL is used instead of PGlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL moet beginnen met postgres:// of postgresql://')
    .optional(),
  /** Port of the web server (`bfm serve`); --port takes precedence. */
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** Address the web server listens on; 127.0.0.1 unless it must be reachable from elsewhere. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Set to 1 behind a TLS-terminating proxy: trust X-Forwarded-* and send Secure cookies. */
  BFM_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** SMTP server for e-mail, e.g. smtp://user:pass@mail.example.nl:587; without it mail goes to the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL moet beginnen met smtp:// of smtps://')
    .optional(),
  /** Sender address of e-mail. */
  MAIL_FROM: z.string().min(3).default('Basisfunctiemonitor <noreply@basisfunctiemonitor.invalid>'),
  /** The address people use to reach the web app, for links in e-mail. */
  PUBLIC_URL: z
    .string()
    .url('PUBLIC_URL moet een volledig webadres zijn, bijvoorbeeld https://monitor.example.nl')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

export type Env = z.infer<typeof EnvSchema>;

/**
 * Parses the environment.
 *
 * @throws {Error} with a Dutch message naming each invalid variable
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
    throw new Error(`Ongeldige omgevingsvariabelen:\n${lines.join('\n')}`);
  }
  return result.data;
}
