/**
 * Instrument versions as the services see them: the bundled versions (2009) and the versions
 * defined in the application (table instrument_versions). Every service resolves a round's
 * instrument here, so that a round is always scored by its own version (decision 020).
 *
 * A stored version is a concept until a round that uses it opens; then it is frozen, and every
 * later change is refused: a changed question means a new version. Frozen versions never change,
 * so they are cached in memory; concepts are read from the database every time, so several app
 * instances on one database always see the same concept.
 */
import { and, asc, desc, eq, isNull, like } from 'drizzle-orm';
import { z } from 'zod';
import type { Instrument } from '../domain/instrument.ts';
import type { Database, Executor } from '../db/client.ts';
import { auditEvents, instrumentVersions } from '../db/schema.ts';
import {
  InstrumentDefinitionError,
  listInstrumentVersions,
  loadInstrument,
  parseInstrument,
  UnknownInstrumentVersionError,
} from '../instruments/index.ts';
import { checkMapping, deriveDefinition } from '../instruments/instrument-versioning.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { ConflictError, NotFoundError, UserInputError } from './errors.ts';
import { assertCan } from './permissions.ts';

/** Who changes versions: an account (checked against the permission table) or `bfm`. */
export type InstrumentActor =
  | { readonly kind: 'user'; readonly user: StaffUser }
  | { readonly kind: 'cli'; readonly label: string };

/** A definition that does not pass; `issues` names each faulty element, in Dutch. */
export class InstrumentValidationError extends UserInputError {
  readonly issues: readonly string[];
  constructor(version: string, issues: readonly string[]) {
    super(
      `De instrumentdefinitie '${version}' is niet opgeslagen:\n${issues.map((i) => `  - ${i}`).join('\n')}`,
    );
    this.name = 'InstrumentValidationError';
    this.issues = issues;
  }
}

/** One version in the list: bundled or stored, concept or frozen. */
export interface InstrumentVersionSummary {
  readonly version: string;
  readonly name: string;
  readonly derivedFrom: string | null;
  /** Shipped with the application (2009): read-only, never stored. */
  readonly bundled: boolean;
  /** Read-only: bundled, or used by a round that opened. */
  readonly frozen: boolean;
  readonly frozenAt: Date | null;
  /** The revision an edit starts from (optimistic concurrency); 0 for bundled versions. */
  readonly revision: number;
  readonly updatedAt: Date | null;
}

const VERSION_PATTERN = /^[A-Za-z0-9._-]+$/;
const frozenCache = new Map<string, Instrument>();

/** Forgets the cached frozen versions (tests that drop their database). */
export function clearInstrumentCache(): void {
  frozenCache.clear();
}

type VersionRow = typeof instrumentVersions.$inferSelect;

async function findVersionRow(
  executor: Executor,
  version: string,
): Promise<VersionRow | undefined> {
  const rows = await executor
    .select()
    .from(instrumentVersions)
    .where(eq(instrumentVersions.version, version));
  return rows[0];
}

/**
 * The instrument of a version, bundled or defined in the application.
 *
 * @throws {UnknownInstrumentVersionError} when no such version exists (message in Dutch)
 */
export async function getInstrument(executor: Executor, version: string): Promise<Instrument> {
  if (listInstrumentVersions().includes(version)) return loadInstrument(version);
  const cached = frozenCache.get(version);
  if (cached) return cached;
  const row = await findVersionRow(executor, version);
  if (!row) {
    throw new UnknownInstrumentVersionError(
      version,
      await listAvailableInstrumentVersions(executor),
    );
  }
  const instrument = parseInstrument(row.definition, version);
  if (row.frozenAt) frozenCache.set(version, instrument);
  return instrument;
}

/** Every version a round can use: the bundled ones, then the stored ones, oldest first. */
export async function listAvailableInstrumentVersions(executor: Executor): Promise<string[]> {
  const rows = await executor
    .select({ version: instrumentVersions.version })
    .from(instrumentVersions)
    .orderBy(asc(instrumentVersions.createdAt), asc(instrumentVersions.version));
  return [...listInstrumentVersions(), ...rows.map((row) => row.version)];
}

function summarise(row: VersionRow): InstrumentVersionSummary {
  return {
    version: row.version,
    name: row.name,
    derivedFrom: row.derivedFrom,
    bundled: false,
    frozen: row.frozenAt !== null,
    frozenAt: row.frozenAt,
    revision: row.revision,
    updatedAt: row.updatedAt,
  };
}

function summariseBundled(version: string): InstrumentVersionSummary {
  const instrument = loadInstrument(version);
  return {
    version,
    name: instrument.name,
    derivedFrom: instrument.derivedFrom ?? null,
    bundled: true,
    frozen: true,
    frozenAt: null,
    revision: 0,
    updatedAt: null,
  };
}

/** Every version with its status, without a permission check (the CLI and round creation). */
export async function listInstrumentSummaries(
  executor: Executor,
): Promise<InstrumentVersionSummary[]> {
  const rows = await executor
    .select()
    .from(instrumentVersions)
    .orderBy(asc(instrumentVersions.createdAt), asc(instrumentVersions.version));
  return [...listInstrumentVersions().map(summariseBundled), ...rows.map(summarise)];
}

/** The versions for the instrument pages (coordinator, advisors, analysts). */
export async function listInstrumentVersionsFor(
  executor: Executor,
  user: StaffUser,
): Promise<InstrumentVersionSummary[]> {
  assertCan(user, 'instrument.view');
  return listInstrumentSummaries(executor);
}

/** A version with its instrument and, when it derives from one, the earlier instrument. */
export interface InstrumentVersionDetail {
  readonly summary: InstrumentVersionSummary;
  readonly instrument: Instrument;
  readonly earlier: Instrument | null;
}

/**
 * One version for reading (the instrument pages, the API, `bfm instrument show`).
 *
 * @throws {NotFoundError} when the version does not exist
 */
export async function readInstrumentVersion(
  executor: Executor,
  user: StaffUser | null,
  version: string,
): Promise<InstrumentVersionDetail> {
  if (user) assertCan(user, 'instrument.view');
  let summary: InstrumentVersionSummary;
  if (listInstrumentVersions().includes(version)) summary = summariseBundled(version);
  else {
    const row = await findVersionRow(executor, version);
    if (!row)
      throw new NotFoundError(
        `De instrumentversie '${version}' bestaat niet. Bestaande versies: ${(await listAvailableInstrumentVersions(executor)).join(', ')}.`,
      );
    summary = summarise(row);
  }
  const instrument = await getInstrument(executor, version);
  const earlier = instrument.derivedFrom
    ? await getInstrument(executor, instrument.derivedFrom).catch(() => null)
    : null;
  return { summary, instrument, earlier };
}

/**
 * Validates a raw definition: the schema, then against the version it derives from (that
 * version must exist, and every mapping must resolve). All issues are reported at once.
 *
 * @throws {InstrumentValidationError} listing every issue with the element it concerns
 */
export async function validateInstrumentDefinition(
  executor: Executor,
  raw: unknown,
): Promise<Instrument> {
  const label =
    typeof (raw as { version?: unknown } | null)?.version === 'string'
      ? (raw as { version: string }).version
      : 'zonder versie';
  let instrument: Instrument;
  try {
    instrument = parseInstrument(raw, label);
  } catch (error) {
    if (error instanceof InstrumentDefinitionError)
      throw new InstrumentValidationError(label, error.issues);
    throw error;
  }
  let earlier: Instrument | undefined;
  const issues: string[] = [];
  if (instrument.derivedFrom !== undefined) {
    if (instrument.derivedFrom === instrument.version) {
      issues.push(`derivedFrom: een versie kan niet van zichzelf zijn afgeleid`);
    } else {
      try {
        earlier = await getInstrument(executor, instrument.derivedFrom);
      } catch (error) {
        if (!(error instanceof UnknownInstrumentVersionError)) throw error;
        issues.push(
          `derivedFrom: versie '${instrument.derivedFrom}' bestaat niet. Bestaande versies: ${(await listAvailableInstrumentVersions(executor)).join(', ')}`,
        );
      }
    }
  }
  if (instrument.derivedFrom === undefined || earlier) {
    issues.push(...checkMapping(instrument, earlier));
  }
  if (issues.length > 0) throw new InstrumentValidationError(instrument.version, issues);
  return instrument;
}

function who(actor: InstrumentActor): { id: number | null; label: string } {
  if (actor.kind === 'cli') return { id: null, label: actor.label };
  assertCan(actor.user, 'instrument.edit');
  return { id: actor.user.id, label: actor.user.name };
}

const subjectOf = (version: string) => `instrumentversie ${version}`;

/**
 * What an edit changed, in Dutch, for the version's history: the questions and basisfuncties
 * whose definition differs (by number and id), and questions added or removed.
 */
export function describeChanges(before: Instrument, after: Instrument): string[] {
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`naam: ${after.name}`);
  for (const questionnaire of after.questionnaires) {
    const earlier = before.questionnaires.find((q) => q.id === questionnaire.id);
    if (!earlier) continue;
    const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
    const basisfuncties = questionnaire.basisfuncties
      .filter((b) =>
        differs(
          b,
          earlier.basisfuncties.find((e) => e.id === b.id),
        ),
      )
      .map((b) => b.name);
    if (basisfuncties.length > 0)
      changes.push(`${questionnaire.id}: basisfunctie ${basisfuncties.join(', ')}`);
    const count = questionnaire.items.length - earlier.items.length;
    if (count !== 0)
      changes.push(
        `${questionnaire.id}: ${Math.abs(count)} ${Math.abs(count) === 1 ? 'vraag' : 'vragen'} ${count > 0 ? 'toegevoegd' : 'verwijderd'}`,
      );
    else {
      const items = questionnaire.items
        .filter((item, index) => differs(item, earlier.items[index]))
        .map((item) => item.number);
      if (items.length > 0)
        changes.push(
          `${questionnaire.id}: ${items.length === 1 ? 'vraag' : 'vragen'} ${items.slice(0, 10).join(', ')}${items.length > 10 ? ' …' : ''}`,
        );
    }
  }
  return changes;
}

/** One entry of a version's history: who did what when, in Dutch. */
export interface InstrumentHistoryEntry {
  readonly at: Date;
  readonly actor: string;
  readonly text: string;
}

const HistoryValueSchema = z
  .object({
    derivedFrom: z.string().nullable().optional(),
    changes: z.array(z.string()).optional(),
  })
  .nullable()
  .catch(null);

/** The history of a stored version (added, copied, edited, frozen), newest first. */
export async function listInstrumentHistory(
  executor: Executor,
  user: StaffUser,
  version: string,
): Promise<InstrumentHistoryEntry[]> {
  assertCan(user, 'instrument.view');
  const rows = await executor
    .select()
    .from(auditEvents)
    .where(
      and(like(auditEvents.action, 'instrument.%'), eq(auditEvents.subject, subjectOf(version))),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id));
  return rows.map((row) => {
    const value = HistoryValueSchema.parse(row.newValue);
    const text =
      row.action === 'instrument.copy'
        ? `gemaakt als kopie van versie ${value?.derivedFrom ?? '?'}`
        : row.action === 'instrument.add'
          ? `toegevoegd uit een JSON-definitie${value?.derivedFrom ? `, afgeleid van versie ${value.derivedFrom}` : ''}`
          : row.action === 'instrument.freeze'
            ? 'bevroren: een meting met deze versie werd geopend of aangemaakt'
            : `gewijzigd${value?.changes?.length ? `: ${value.changes.join('; ')}` : ''}`;
    return { at: row.at, actor: row.actorLabel, text };
  });
}

/**
 * Stores a new version from its JSON definition (`bfm instrument add`, the upload form, the
 * API). Nothing is stored unless the whole definition is valid.
 *
 * @throws {ForbiddenError} for anyone but the coordinator
 * @throws {InstrumentValidationError} for an invalid definition
 * @throws {ConflictError} when the version already exists
 */
export async function addInstrumentVersion(
  db: Database,
  actor: InstrumentActor,
  raw: unknown,
): Promise<InstrumentVersionSummary> {
  const by = who(actor);
  const instrument = await validateInstrumentDefinition(db, raw);
  return insertVersion(db, by, instrument, 'instrument.add');
}

async function insertVersion(
  db: Database,
  by: { id: number | null; label: string },
  instrument: Instrument,
  action: string,
): Promise<InstrumentVersionSummary> {
  if ((await listAvailableInstrumentVersions(db)).includes(instrument.version))
    throw new ConflictError(
      `De instrumentversie '${instrument.version}' bestaat al. Kies een ander versienummer, of pas de bestaande versie aan zolang zij nog geen meting heeft.`,
    );
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(instrumentVersions)
      .values({
        version: instrument.version,
        name: instrument.name,
        derivedFrom: instrument.derivedFrom ?? null,
        definition: instrument,
        createdBy: by.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ConflictError(`De instrumentversie '${instrument.version}' bestaat al.`);
    await recordAudit(tx, {
      actorId: by.id,
      actorLabel: by.label,
      action,
      subject: subjectOf(instrument.version),
      newValue: { version: instrument.version, derivedFrom: instrument.derivedFrom ?? null },
    });
    return summarise(row);
  });
}

/** The form that starts a new version from an existing one. */
export interface CopyInstrumentInput {
  readonly from: string;
  readonly version: string;
  readonly name: string;
}

/**
 * A new concept version copied from an existing one: same items ('zelfde vraag'), same
 * basisfuncties, same scoring, mapped to the original.
 *
 * @throws {UserInputError} for an invalid version id or an unknown original
 * @throws {ConflictError} when the version already exists
 */
export async function copyInstrumentVersion(
  db: Database,
  actor: InstrumentActor,
  input: CopyInstrumentInput,
): Promise<InstrumentVersionSummary> {
  const by = who(actor);
  if (!VERSION_PATTERN.test(input.version))
    throw new UserInputError(
      `'${input.version}' is geen geldig versienummer. Gebruik letters, cijfers, '.', '_' of '-', bijvoorbeeld 2026.`,
    );
  let from: Instrument;
  try {
    from = await getInstrument(db, input.from);
  } catch (error) {
    if (error instanceof UnknownInstrumentVersionError) throw new UserInputError(error.message);
    throw error;
  }
  const instrument = await validateInstrumentDefinition(
    db,
    deriveDefinition(from, input.version, input.name),
  );
  return insertVersion(db, by, instrument, 'instrument.copy');
}

/**
 * Changes a concept version: `change` gets the stored definition and returns the new one,
 * which is validated as a whole. The edit names the revision it started from; when someone
 * else saved in between it is refused, never silently overwritten.
 *
 * @throws {ForbiddenError} for anyone but the coordinator
 * @throws {NotFoundError} for an unknown version
 * @throws {ConflictError} for a bundled or frozen version, or a stale revision
 * @throws {InstrumentValidationError} when the result is not a valid definition
 */
export async function editInstrumentVersion(
  db: Database,
  actor: InstrumentActor,
  version: string,
  revision: number,
  change: (definition: Instrument) => Instrument,
): Promise<InstrumentVersionSummary> {
  const by = who(actor);
  if (listInstrumentVersions().includes(version))
    throw new ConflictError(
      `Versie ${version} wordt met de applicatie meegeleverd en kan niet worden gewijzigd. Maak een nieuwe versie op basis van ${version}.`,
    );
  const row = await findVersionRow(db, version);
  if (!row) throw new NotFoundError(`De instrumentversie '${version}' bestaat niet.`);
  assertEditable(row);
  await assertNotDerivedFrom(db, version);
  if (row.revision !== revision) throw await staleRevision(db, version);
  const current = parseInstrument(row.definition, version);
  let changed: Instrument;
  try {
    changed = change(current);
  } catch (error) {
    if (error instanceof RangeError) throw new NotFoundError(error.message);
    throw error;
  }
  if (changed.version !== version || changed.derivedFrom !== current.derivedFrom)
    throw new UserInputError(
      'Het versienummer en de versie waarvan deze is afgeleid veranderen niet; maak daarvoor een nieuwe versie.',
    );
  const instrument = await validateInstrumentDefinition(db, changed);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(instrumentVersions)
      .set({
        name: instrument.name,
        definition: instrument,
        revision: revision + 1,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(instrumentVersions.version, version),
          eq(instrumentVersions.revision, revision),
          isNull(instrumentVersions.frozenAt),
        ),
      )
      .returning();
    if (!updated) {
      // Someone saved or a round opened between the read and the write.
      const now = await findVersionRow(tx, version);
      if (now) assertEditable(now);
      throw await staleRevision(tx, version);
    }
    await recordAudit(tx, {
      actorId: by.id,
      actorLabel: by.label,
      action: 'instrument.edit',
      subject: subjectOf(version),
      oldValue: { revision },
      newValue: { revision: revision + 1, changes: describeChanges(current, instrument) },
    });
    return summarise(updated);
  });
}

/** The first version that derives from `version`, if any. */
export async function findDerivedVersion(
  executor: Executor,
  version: string,
): Promise<string | null> {
  const [derived] = await executor
    .select({ version: instrumentVersions.version })
    .from(instrumentVersions)
    .where(eq(instrumentVersions.derivedFrom, version))
    .limit(1);
  return derived?.version ?? null;
}

/**
 * A later version's mapping refers to this one's item numbers: changing them would silently
 * re-point it, so a version that others derive from stays as it is.
 *
 * @throws {ConflictError} when another version derives from it
 */
export async function assertNotDerivedFrom(executor: Executor, version: string): Promise<void> {
  const derived = await findDerivedVersion(executor, version);
  if (derived)
    throw new ConflictError(
      `Versie ${derived} is afgeleid van versie ${version} en verwijst naar haar vragen; daarom kan versie ${version} niet meer worden gewijzigd. Wijzig versie ${derived}, of maak een nieuwe versie.`,
    );
}

function assertEditable(row: VersionRow): void {
  if (row.frozenAt)
    throw new ConflictError(
      `Versie ${row.version} is bevroren: een meting met deze versie is geopend, en haar uitslagen moeten met dezelfde vragen blijven rekenen. Maak een nieuwe versie op basis van ${row.version} om vragen te wijzigen.`,
    );
}

async function staleRevision(executor: Executor, version: string): Promise<ConflictError> {
  const [last] = await executor
    .select({ actorLabel: auditEvents.actorLabel })
    .from(auditEvents)
    .where(
      and(eq(auditEvents.subject, subjectOf(version)), like(auditEvents.action, 'instrument.%')),
    )
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return new ConflictError(
    `Versie ${version} is intussen gewijzigd door ${last?.actorLabel ?? 'een collega'}; uw wijziging is niet opgeslagen. Laad de pagina opnieuw en breng uw wijziging opnieuw aan.`,
  );
}

/**
 * Freezes a stored version: called in the transaction that opens a round on it (or creates a
 * round that is open or already has answers). Bundled versions are always read-only.
 */
export async function freezeInstrumentVersion(executor: Executor, version: string): Promise<void> {
  if (listInstrumentVersions().includes(version)) return;
  const frozen = await executor
    .update(instrumentVersions)
    .set({ frozenAt: new Date() })
    .where(and(eq(instrumentVersions.version, version), isNull(instrumentVersions.frozenAt)))
    .returning({ version: instrumentVersions.version });
  if (frozen.length > 0)
    await recordAudit(executor, {
      actorId: null,
      actorLabel: 'systeem',
      action: 'instrument.freeze',
      subject: subjectOf(version),
      newValue: { frozen: true },
    });
}

/** The raw JSON definition of a version, to edit and add again (`bfm instrument show --json`). */
export async function readInstrumentDefinition(
  executor: Executor,
  version: string,
): Promise<Instrument> {
  return (await readInstrumentVersion(executor, null, version)).instrument;
}
