/**
 * `bfm user create`: an account from the command line, e.g. the first coordinator of a
 * production installation.
 */
import { ROLE_LABELS, ROLES, type Role } from '../domain/roles.ts';
import { defineCommand, type CliIo } from './command.ts';

async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin ?? process.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const userCreateCommand = defineCommand({
  name: 'user create',
  usage:
    '--role ROL --email ADRES [--name NAAM] [--municipality CODE] [--province PV27 …] [--password-stdin] [--json]',
  summary: `een account aanmaken (rollen: ${ROLES.join(', ')})`,
  details:
    'Zonder --password-stdin krijgt het account een sterk willekeurig wachtwoord, dat één keer ' +
    'wordt getoond. Een account maakt u in de webapplicatie ook onder Accounts; daar kiest de ' +
    'nieuwe gebruiker zelf een wachtwoord via een gemailde link.',
  options: {
    role: {
      type: 'string',
      required: true,
      value: 'ROL',
      description: `de rol: ${ROLES.map((role) => `${role} (${ROLE_LABELS[role]})`).join(', ')}`,
    },
    email: {
      type: 'string',
      required: true,
      value: 'ADRES',
      description: 'het e-mailadres, waarmee de gebruiker inlogt',
    },
    name: {
      type: 'string',
      value: 'NAAM',
      description: 'de naam van de gebruiker (standaard het e-mailadres)',
    },
    municipality: {
      type: 'string',
      value: 'CODE',
      description: 'de CBS-code van de gemeente, bijvoorbeeld GM0363 (alleen bij rol municipality)',
    },
    province: {
      type: 'string',
      multiple: true,
      value: 'PV27',
      description: 'een provincie van een adviseur, PV20 tot en met PV31 (alleen bij rol advisor)',
    },
    'password-stdin': {
      type: 'boolean',
      description: 'het wachtwoord van standaardinvoer lezen in plaats van er een te genereren',
    },
    json: { type: 'boolean', description: 'het account als JSON tonen' },
  },
  run: async ({ options }, context) => {
    // Imported here, not at the top: the command table must stay light for help (run-cli.ts).
    const [{ createUser, generatePassword }, { ensureReferenceData }] = await Promise.all([
      import('../services/auth-service.ts'),
      import('../services/reference-data.ts'),
    ]);
    const fromStdin = options['password-stdin'] === true;
    const password = fromStdin ? (await readStdin(context.io)).trim() : generatePassword();
    const email = options.email ?? '';
    return context.withDatabase(async ({ db }) => {
      await ensureReferenceData(db);
      const user = await createUser(
        db,
        {
          email,
          name: options.name ?? email,
          password,
          role: options.role as Role,
          municipalityCode: options.municipality,
          provinces: options.province ?? [],
        },
        'bfm user create',
      );
      context.print(
        options.json,
        user,
        () =>
          `Account aangemaakt: ${user.email} (${ROLE_LABELS[user.role]}).` +
          (fromStdin ? '' : ` Wachtwoord: ${password}`),
      );
      return 0;
    });
  },
});

function accessCommand(disabled: boolean) {
  return defineCommand({
    name: disabled ? 'user disable' : 'user enable',
    usage: 'E-MAILADRES [--json]',
    summary: disabled
      ? 'een account blokkeren: sessies beëindigen en API-sleutels intrekken'
      : 'een geblokkeerd account weer toelaten',
    details: disabled
      ? 'Het account kan daarna niet meer inloggen, geen nieuw wachtwoord aanvragen en de API ' +
        'niet gebruiken; alle sessies eindigen meteen en de API-sleutels worden ingetrokken. ' +
        'Dit komt in het logboek. De coördinator doet hetzelfde in de webapplicatie onder Accounts.'
      : 'Het account kan weer inloggen. Ingetrokken API-sleutels blijven ingetrokken: geef zo ' +
        'nodig een nieuwe uit. Dit komt in het logboek.',
    arguments: [
      { name: 'E-MAILADRES', required: true, description: 'het e-mailadres van het account' },
    ],
    options: { json: { type: 'boolean', description: 'het resultaat als JSON tonen' } },
    run: async ({ options, arguments: [email = ''] }, context) =>
      context.withDatabase(async ({ db }) => {
        const { changeAccountAccessByEmail } = await import('../services/account-service.ts');
        const result = await changeAccountAccessByEmail(db, {
          email,
          disabled,
          actorLabel: disabled ? 'bfm user disable' : 'bfm user enable',
        });
        context.print(options.json, { ...result, disabled }, () =>
          disabled
            ? result.changed
              ? `Account ${result.account} geblokkeerd: sessies beëindigd, API-sleutels ingetrokken.`
              : `Account ${result.account} was al geblokkeerd.`
            : result.changed
              ? `Account ${result.account} kan weer inloggen.`
              : `Account ${result.account} was niet geblokkeerd.`,
        );
        return 0;
      }),
  });
}

export const userDisableCommand = accessCommand(true);
export const userEnableCommand = accessCommand(false);
