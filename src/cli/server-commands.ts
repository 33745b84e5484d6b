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

/**
 * The run mode of `bfm serve`: production unless NODE_ENV says otherwise, so that a server
 * started without thinking about it shows no stack traces and builds links only on
 * PUBLIC_URL. `bfm start`, the demo on one's own computer, keeps the development default.
 * Set in process.env too: React and Express read it there, when the build is loaded.
 */
function useProductionByDefault(context: CommandContext): boolean {
  const given = context.io.env.NODE_ENV;
  if (given !== undefined && given !== '') return context.environment().NODE_ENV === 'production';
  // Only the real process environment: a test that passes its own stays as it is.
  if (context.io.env === process.env) process.env.NODE_ENV = 'production';
  return true;
}

/**
 * Serves the web application, with the background job workers, until SIGTERM or SIGINT; then
 * stops gracefully: no new connections, requests in flight answered (up to 25 s), workers
 * stopped after their running job, and the database closed by the caller.
 */
async function serve(
  handle: DatabaseHandle,
  portOption: string | undefined,
  context: CommandContext,
  production: boolean,
): Promise<number> {
  const [{ startWebServer }, { createMailer, createMailTransport }, { startJobs }] =
    await Promise.all([
      import('../web/server.ts'),
      import('../services/mail-service.ts'),
      import('../services/jobs.ts'),
    ]);
  const env = context.environment();
  const port = portOption === undefined ? env.PORT : await parsePort(portOption);
  const logger = context.logger();
  const { createReportPrinter } = await import('../web/report-pdf.ts');
  const { createLinks } = await import('../web/links.ts');
  const jobs = await startJobs({
    handle,
    logger,
    // The weekly digest's links: the public address, or this server's own when none is set.
    links: createLinks(env.PUBLIC_URL ?? `http://localhost:${port}`),
    // The bulk run of reports: a printer (the built app, one Chromium) per run.
    reports: () => createReportPrinter({ db: handle.db }),
    mail: env.SMTP_URL
      ? { transport: createMailTransport(env.SMTP_URL), from: env.MAIL_FROM }
      : undefined,
  });
  let server;
  try {
    server = await startWebServer({
      handle,
      port,
      host: env.HOST,
      logger,
      trustProxy: env.BFM_TRUST_PROXY,
      mailer: createMailer({ queue: env.SMTP_URL ? jobs : undefined }),
      publicUrl: env.PUBLIC_URL,
      production,
      reportQueue: jobs,
      combinationRule: env.BFM_COMBINATION_RULE,
    });
  } catch (error) {
    await jobs.stop();
    throw error;
  }
  // A second process refused by the data folder's lock names this address.
  handle.describeHolder(`bfm serve op ${server.url}/`);
  context.io.stdout(`Basisfunctiemonitor draait op ${server.url}/ (stoppen met Ctrl+C).`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  logger.info({ signal }, 'stopping: finishing requests in flight');
  await server.close();
  await jobs.stop();
  logger.info('stopped');
  return 0;
}

export const startCommand = defineCommand({
  name: 'start',
  usage: '[--port N] [--no-serve]',
  summary:
    'database klaarzetten (register, demonstratiemetingen, demo-account) en de webapplicatie starten',
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
      const [{ ensureReferenceData }, { loadDemoRounds }, { ensureDemoAccount }] =
        await Promise.all([
          import('../services/reference-data.ts'),
          import('../services/demo-data.ts'),
          import('../services/auth-service.ts'),
        ]);
      if (await ensureReferenceData(db))
        io.stderr('Register 2009, register 2025 en opvolgers geladen.');
      for (const id of await loadDemoRounds(db))
        io.stderr(`Synthetische demonstratiemeting '${id}' geladen.`);
      const demo = await ensureDemoAccount(db);
      if (demo) {
        io.stderr(
          `Demo-account aangemaakt: ${demo.email} met wachtwoord ${demo.password} (landelijk coördinator). Bewaar het; het wordt niet opnieuw getoond.`,
        );
      }
      if (options['no-serve'] === true) {
        const [{ analyseRound }, { getInstrument }, { formatAnalysis }] = await Promise.all([
          import('../services/analysis-service.ts'),
          import('../services/instrument-service.ts'),
          import('./format-analysis.ts'),
        ]);
        const analysis = await analyseRound(db, DEMO_ROUND_ID);
        io.stdout(formatAnalysis(analysis, await getInstrument(db, analysis.instrumentVersion)));
        return 0;
      }
      return serve(handle, options.port, context, context.environment().NODE_ENV === 'production');
    });
  },
});

export const serveCommand = defineCommand({
  name: 'serve',
  usage: '[--port N]',
  summary: 'de webapplicatie starten (standaard poort 3000 of PORT)',
  details:
    'Anders dan bfm start laadt deze opdracht geen demonstratiemeting en maakt ze geen ' +
    'demo-account aan; wel worden het register en de opvolgers geladen als ze ontbreken. ' +
    'bfm serve draait in productie (NODE_ENV=production, tenzij anders ingesteld) en vraagt ' +
    'dan PUBLIC_URL, het adres waarop mensen de monitor bereiken.',
  options: { port: PORT_OPTION },
  run: async ({ options }, context) => {
    if (options.port !== undefined) await parsePort(options.port);
    const production = useProductionByDefault(context);
    // Before the database is opened: a server that may not start should not touch it.
    const { assertPublicUrlConfigured } = await import('../web/public-url.ts');
    assertPublicUrlConfigured(context.environment().PUBLIC_URL, production);
    return context.withDatabase(async (handle) => {
      const { ensureReferenceData } = await import('../services/reference-data.ts');
      await ensureReferenceData(handle.db);
      return serve(handle, options.port, context, production);
    });
  },
});
