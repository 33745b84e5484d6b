/**
 * The server side of the editors benchmark (bench/editors.ts), in its own process so that the
 * load generator does not share the server's event loop or memory: prepares a database (the
 * round, an account and an API token per editor), starts the web application and answers the
 * parent's questions over the IPC channel ('memory', 'stop').
 *
 * Started by bench/editors.ts with fork(); arguments: DATABASE (a PostgreSQL URL or a PGlite
 * data folder) and the number of editors.
 */
import { openDatabase } from '../src/db/client.ts';
import { issueApiToken } from '../src/services/api-token-service.ts';
import { createUser } from '../src/services/auth-service.ts';
import { loadReferenceData, readRegister2009 } from '../src/services/reference-data.ts';
import { createRound } from '../src/services/round-service.ts';
import { startWebServer } from '../src/web/server.ts';

export const PASSWORD = 'benchmark wachtwoord 2026';

export type ServerMessage =
  | {
      readonly type: 'ready';
      readonly url: string;
      readonly editors: readonly { code: string; email: string; token: string }[];
      readonly coordinatorToken: string;
    }
  | { readonly type: 'memory'; readonly rssMb: number; readonly heapMb: number };

export type ParentMessage = { readonly type: 'memory' } | { readonly type: 'stop' };

async function main(): Promise<void> {
  const [database = '', count = '200'] = process.argv.slice(2);
  const handle = await openDatabase(
    database.startsWith('postgres') ? { databaseUrl: database } : { dataDir: database },
  );
  await handle.migrate();
  await loadReferenceData(handle.db);
  await createRound(handle.db, { id: 'bench', name: 'Benchmark', status: 'open' });
  const coordinator = await createUser(
    handle.db,
    { email: 'coordinator@bench.invalid', name: 'Bench', password: PASSWORD, role: 'coordinator' },
    'bench',
  );
  const issue = async (email: string) => {
    const issued = await issueApiToken(handle.db, coordinator, { name: 'bench', email, days: 1 });
    if (!issued.ok) throw new Error(`no API token for ${email}`);
    return issued.token;
  };
  const editors = [];
  for (const { code } of readRegister2009().slice(0, Number(count))) {
    const email = `gemeente${code}@bench.invalid`;
    await createUser(
      handle.db,
      {
        email,
        name: `Gemeente ${code}`,
        password: PASSWORD,
        role: 'municipality',
        municipalityCode: code,
      },
      'bench',
    );
    editors.push({ code, email, token: await issue(email) });
  }
  const coordinatorToken = await issue('coordinator@bench.invalid');
  const server = await startWebServer({ handle, port: 0 });
  const send = (message: ServerMessage) => process.send?.(message);
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'memory') {
      const usage = process.memoryUsage();
      send({ type: 'memory', rssMb: usage.rss / 2 ** 20, heapMb: usage.heapUsed / 2 ** 20 });
    } else if (message.type === 'stop') {
      void server
        .close()
        .then(() => handle.close())
        .then(() => process.exit(0));
    }
  });
  send({ type: 'ready', url: server.url, editors, coordinatorToken });
}

if (process.send) await main();
