/**
 * The `bfm` command. It parses arguments, opens the database and calls services; it holds no
 * business logic of its own.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseEnv, type Env } from '../config/env.ts';
import { createLogger } from '../config/logger.ts';
import { loadInstrument, listInstrumentVersions } from '../instruments/index.ts';
import { analyseRound, crossTabulateItems } from '../services/analysis-service.ts';
import { openApplicationDatabase, type DatabaseHandle } from '../services/database.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../services/demo-data.ts';
import { importAnswerFile } from '../services/import/import-service.ts';
import { AnswerFileError } from '../services/import/read-answer-file.ts';
import { ensureReferenceData, loadReferenceData } from '../services/reference-data.ts';
import { listRounds, loadRound } from '../services/round-service.ts';
import { ServiceError, UserInputError } from '../services/errors.ts';
import {
  createUser,
  ensureDemoAccount,
  generatePassword,
  ROLE_LABELS,
  type Role,
} from '../services/auth-service.ts';
import { startWebServer } from '../web/server.ts';
import { createMailer } from '../services/mail-service.ts';
import type { Logger } from 'pino';
import { formatAnalysis, formatCrossTab } from './format-analysis.ts';
import { renderTable } from './text-table.ts';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Record<string, string | undefined>;
}

const HELP = `bfm – Basisfunctiemonitor

Gebruik:
  bfm start                          database klaarzetten (register, demonstratiemeting, demo-account) en de webapplicatie starten
  bfm serve [--port N]               de webapplicatie starten (standaard poort 3000 of PORT)
  bfm user create --role ROL --email ADRES [--name NAAM] [--municipality CODE] [--province PV27 …] [--password-stdin]
                                     een account aanmaken (rollen: coordinator, advisor, municipality, analyst)
  bfm import BESTAND [--round ID]    antwoorden importeren uit CSV of .xlsx (alles of niets)
  bfm analyse --round ID [--json]    landelijke analyse van een meting
  bfm crosstab --round ID --questionnaire VRAGENLIJST --row VRAAG --column VRAAG [--json]
                                     kruistabel van twee driepuntsvragen met rijpercentages
  bfm rounds [--json]                metingen tonen
  bfm reference load                 register 2009, register 2025 en opvolgers (her)laden
  bfm demo [--replace]               synthetische demonstratiemeting ${DEMO_ROUND_ID} laden
  bfm db migrate                     databasemigraties uitvoeren
  bfm instrument [--version V] [--json]
                                     vragenlijsten en basisfuncties tonen
  bfm help                           deze hulp

Omgeving: BFM_DATA_DIR (standaard ./.data) voor de ingebouwde database, of DATABASE_URL voor PostgreSQL.
Het importformaat staat in docs/import-format.md.`;

const RoundOptionSchema = z
  .string({ error: 'geef de meting op met --round ID' })
  .min(1, 'geef de meting op met --round ID');
const QuestionNumberSchema = (flag: string) =>
  z
    .string({ error: `geef ${flag} op met een vraagnummer` })
    .regex(/^\d+$/, `${flag} moet een vraagnummer zijn, bijvoorbeeld 17`)
    .transform(Number);

const CrossTabArgsSchema = z.object({
  round: RoundOptionSchema,
  questionnaire: z.string({ error: 'geef de vragenlijst op met --questionnaire' }),
  row: QuestionNumberSchema('--row'),
  column: QuestionNumberSchema('--column'),
});

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new UserInputError(result.error.issues.map((issue) => issue.message).join('; '));
  }
  return result.data;
}

async function withDatabase<T>(env: Env, run: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openApplicationDatabase(env);
  try {
    return await run(handle);
  } finally {
    await handle.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Serves the web application until the process is stopped. */
async function serve(
  handle: DatabaseHandle,
  env: Env,
  portOption: string | undefined,
  io: CliIo,
  logger: Logger,
): Promise<number> {
  const port = portOption === undefined ? env.PORT : Number(portOption);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UserInputError(`--port moet een poortnummer zijn, niet '${portOption}'.`);
  const server = await startWebServer({
    handle,
    port,
    host: env.HOST,
    logger,
    trustProxy: env.BFM_TRUST_PROXY === '1',
    mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }),
    publicUrl: env.PUBLIC_URL,
  });
  io.stdout(`Basisfunctiemonitor draait op ${server.url}/ (stoppen met Ctrl+C).`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

/** Runs the CLI and returns the exit code (0 ok, 1 failure, 2 usage error). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let env: Env;
  try {
    env = parseEnv(io.env);
  } catch (error) {
    io.stderr((error as Error).message);
    return 2;
  }
  const logger = createLogger(env.LOG_LEVEL);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        round: { type: 'string' },
        questionnaire: { type: 'string' },
        row: { type: 'string' },
        column: { type: 'string' },
        version: { type: 'string' },
        json: { type: 'boolean', default: false },
        replace: { type: 'boolean', default: false },
        port: { type: 'string' },
        role: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        municipality: { type: 'string' },
        province: { type: 'string', multiple: true },
        'password-stdin': { type: 'boolean', default: false },
        'no-serve': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(
      `${(error as Error).message.replace(/^Unknown option/, 'Onbekende optie')}\n\n${HELP}`,
    );
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const json = values.json === true;
  const print = (data: unknown, text: () => string) =>
    io.stdout(json ? JSON.stringify(data, null, 2) : text());

  try {
    switch (command) {
      case undefined:
      case 'help':
        io.stdout(HELP);
        return 0;
      case 'start':
        return await withDatabase(env, async ({ db, ...handle }) => {
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
          if (values['no-serve'] === true) {
            const analysis = await analyseRound(db, DEMO_ROUND_ID);
            io.stdout(formatAnalysis(analysis, loadInstrument(analysis.instrumentVersion)));
            return 0;
          }
          return serve({ db, ...handle }, env, values.port as string | undefined, io, logger);
        });
      case 'serve':
        return await withDatabase(env, async (handle) => {
          await ensureReferenceData(handle.db);
          return serve(handle, env, values.port as string | undefined, io, logger);
        });
      case 'user': {
        if (rest[0] !== 'create')
          throw new UserInputError('Bedoelt u: bfm user create --role ROL --email ADRES?');
        const password =
          values['password-stdin'] === true ? (await readStdin()).trim() : generatePassword();
        return await withDatabase(env, async ({ db }) => {
          await ensureReferenceData(db);
          const user = await createUser(
            db,
            {
              email: String(values.email ?? ''),
              name: String(values.name ?? values.email ?? ''),
              password,
              role: values.role as Role,
              municipalityCode: values.municipality as string | undefined,
              provinces: (values.province as string[] | undefined) ?? [],
            },
            'bfm user create',
          );
          print(
            user,
            () =>
              `Account aangemaakt: ${user.email} (${ROLE_LABELS[user.role]}).` +
              (values['password-stdin'] === true ? '' : ` Wachtwoord: ${password}`),
          );
          return 0;
        });
      }
      case 'import': {
        const [file] = rest;
        if (!file)
          throw new UserInputError('Geef het bestand op: bfm import BESTAND [--round ID].');
        return await withDatabase(env, async ({ db }) => {
          await ensureReferenceData(db);
          const result = await importAnswerFile(db, file, {
            round: values.round as string | undefined,
          });
          logger.info({ result }, 'import finished');
          print(result, () =>
            [
              `${result.rows} regels gelezen.`,
              ...result.rounds.map(
                (r) =>
                  `Meting ${r.round}${r.created ? ' (nieuw aangemaakt)' : ''}: ${r.inserted} nieuw, ${r.updated} gewijzigd, ` +
                  `${r.unchanged} ongewijzigd, ${r.cleared} gewist; ${r.responses} vragenlijsten.`,
              ),
            ].join('\n'),
          );
          return 0;
        });
      }
      case 'analyse':
      case 'analyze': {
        const round = parseOrThrow(RoundOptionSchema, values.round);
        return await withDatabase(env, async ({ db }) => {
          const analysis = await analyseRound(db, round);
          print(analysis, () =>
            formatAnalysis(analysis, loadInstrument(analysis.instrumentVersion)),
          );
          return 0;
        });
      }
      case 'crosstab': {
        const request = parseOrThrow(CrossTabArgsSchema, values);
        return await withDatabase(env, async ({ db }) => {
          const result = await crossTabulateItems(db, request);
          const loaded = await loadRound(db, request.round);
          print(result, () => formatCrossTab(result, loaded.instrument));
          return 0;
        });
      }
      case 'rounds':
        return await withDatabase(env, async ({ db }) => {
          const rounds = await listRounds(db);
          print(rounds, () =>
            rounds.length === 0
              ? 'Er zijn nog geen metingen.'
              : renderTable(
                  ['meting', 'naam', 'instrument', 'register', 'synthetisch'],
                  rounds.map((r) => [
                    r.id,
                    r.name,
                    r.instrumentVersion,
                    r.registerId,
                    r.synthetic ? 'ja' : 'nee',
                  ]),
                  { alignRight: [] },
                ),
          );
          return 0;
        });
      case 'reference': {
        if (rest[0] !== 'load') throw new UserInputError('Bedoelt u: bfm reference load?');
        return await withDatabase(env, async ({ db }) => {
          const summary = await loadReferenceData(db);
          print(
            summary,
            () =>
              `Geladen: register 2009 (${summary.registers['2009']} gemeenten), register 2025 (${summary.registers['2025']} gemeenten), ${summary.successors} opvolgers.`,
          );
          return 0;
        });
      }
      case 'demo':
        return await withDatabase(env, async ({ db }) => {
          await ensureReferenceData(db);
          const built = await loadDemoRound(db, { replace: values.replace === true });
          io.stdout(
            built
              ? `Synthetische demonstratiemeting '${DEMO_ROUND_ID}' geladen.`
              : `De demonstratiemeting '${DEMO_ROUND_ID}' bestaat al; gebruik --replace om haar opnieuw op te bouwen.`,
          );
          return 0;
        });
      case 'db': {
        if (rest[0] !== 'migrate') throw new UserInputError('Bedoelt u: bfm db migrate?');
        return await withDatabase(env, async (handle) => {
          io.stdout(`Database (${handle.kind}) is bijgewerkt.`);
          return 0;
        });
      }
      case 'instrument': {
        const version =
          (values.version as string | undefined) ?? listInstrumentVersions()[0] ?? '2009';
        const instrument = loadInstrument(version);
        print(instrument, () =>
          instrument.questionnaires
            .map(
              (questionnaire) =>
                `${questionnaire.name} (${questionnaire.items.length} vragen)\n` +
                questionnaire.basisfuncties
                  .map((b) => {
                    const numbers = questionnaire.items
                      .filter((i) => i.basisfunctie === b.id)
                      .map((i) => i.number);
                    return `  ${b.name}: vragen ${numbers.join(', ')}`;
                  })
                  .join('\n'),
            )
            .join('\n\n'),
        );
        return 0;
      }
      default:
        io.stderr(`Onbekende opdracht '${command}'.\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ServiceError || error instanceof AnswerFileError) {
      io.stderr(error.message);
      return 1;
    }
    logger.error({ err: error }, 'command failed');
    io.stderr(`Er ging iets onverwachts mis: ${(error as Error).message}`);
    return 1;
  }
}
