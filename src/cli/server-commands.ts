/**
 * `bfm start` and `bfm serve`: the web application.
 */
/*
 * zod, the services and the web server are imported inside the functions, not at the top:
 * the command table is loaded for every `bfm` call, help included, and must stay light
 * (run-cli.ts).
 */
import type { DatabaseHandle } from '../services/database.ts';
import { DEMO_ROUND_ID } from '../services/demo-round-id.ts';
import { defineCommand, type CommandContext } from './command.ts';
import { parseOptions } from './errors.ts';

const PORT_OPTION = {
  type: 'string',
  value: 'N',
  description: 'de poort van de webapplicatie (standaard 3000, of PORT); 0 kiest een vrije poort',
} as const;

/** A port number, from --port (0 lets the system choose). */
async function parsePort(value: string): Promise<number> {
  const { z } = await import('zod');
  return parseOptions(
    z
      .string()
      .regex(/^\d+$/, `--port moet een poortnummer zijn, niet '${value}'.`)
      .transform(Number)
      .refine((port) => port <= 65_535, `--port moet een poortnummer zijn, niet '${value}'.`),
    value,
  );
}

/** Serves the web application until the process is stopped. */
async function serve(
  handle: DatabaseHandle,
  portOption: string | undefined,
  context: CommandContext,
): Promise<number> {
  const [{ startWebServer }, { createMailer }] = await Promise.all([
    import('../web/server.ts'),
    import('../services/mail-service.ts'),
  ]);
  const env = context.environment();
  const port = portOption === undefined ? env.PORT : await parsePort(portOption);
  const server = await startWebServer({
    handle,
    port,
    host: env.HOST,
    logger: context.logger(),
    trustProxy: env.BFM_TRUST_PROXY === '1',
    mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }),
    publicUrl: env.PUBLIC_URL,
  });
  context.io.stdout(`Basisfunctiemonitor draait op ${server.url}/ (stoppen met Ctrl+C).`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

export const startCommand = defineCommand({
  name: 'start',
  usage: '[--port N] [--no-serve]',
  summary:
    'database klaarzetten (register, demonstratiemeting, demo-account) en de webapplicatie starten',
  details:
    'Bij de eerste start wordt een demo-account van een landelijk coördinator aangemaakt; het ' +
    'e-mailadres en het wachtwoord worden één keer getoond. De webapplicatie draait tot Ctrl+C.',
  options: {
    port: PORT_OPTION,
    'no-serve': {
      type: 'boolean',
      description:
        'alleen de database klaarzetten en de analyse van de demonstratiemeting tonen, zonder de webapplicatie te starten',
    },
  },
  run: async ({ options }, context) => {
    const { io } = context;
    // Check --port before the database is touched.
    if (options.port !== undefined) await parsePort(options.port);
    return context.withDatabase(async (handle) => {
      const { db } = handle;
      const [{ ensureReferenceData }, { loadDemoRound }, { ensureDemoAccount }] = await Promise.all(
        [
          import('../services/reference-data.ts'),
          import('../services/demo-data.ts'),
          import('../services/auth-service.ts'),
        ],
      );
      if (await ensureReferenceData(db))
        io.stderr('Register 2009, register 2025 en opvolgers geladen.');
      if (await loadDemoRound(db))
        io.stderr(`Synthetische demonstratiemeting '${DEMO_ROUND_ID}' geladen.`);
      const demo = await ensureDemoAccount(db);
      if (demo) {
        io.stderr(
          `Demo-account aangemaakt: ${demo.email} met wachtwoord ${demo.password} (landelijk coördinator). Bewaar het; het wordt niet opnieuw getoond.`,
        );
      }
      if (options['no-serve'] === true) {
        const [{ analyseRound }, { loadInstrument }, { formatAnalysis }] = await Promise.all([
          import('../services/analysis-service.ts'),
          import('../instruments/index.ts'),
          import('./format-analysis.ts'),
        ]);
        const analysis = await analyseRound(db, DEMO_ROUND_ID);
        io.stdout(formatAnalysis(analysis, loadInstrument(analysis.instrumentVersion)));
        return 0;
      }
      return serve(handle, options.port, context);
    });
  },
});

export const serveCommand = defineCommand({
  name: 'serve',
  usage: '[--port N]',
  summary: 'de webapplicatie starten (standaard poort 3000 of PORT)',
  details:
    'Anders dan bfm start laadt deze opdracht geen demonstratiemeting en maakt ze geen ' +
    'demo-account aan; wel worden het register en de opvolgers geladen als ze ontbreken.',
  options: { port: PORT_OPTION },
  run: async ({ options }, context) => {
    if (options.port !== undefined) await parsePort(options.port);
    return context.withDatabase(async (handle) => {
      const { ensureReferenceData } = await import('../services/reference-data.ts');
      await ensureReferenceData(handle.db);
      return serve(handle, options.port, context);
    });
  },
});
