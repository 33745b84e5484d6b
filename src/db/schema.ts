/**
 * The database schema: one schema for PGlite and PostgreSQL. Migrations are generated from
 * this file with `npm run db:generate` and committed in src/db/migrations.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** PostgreSQL's full-text document type (read as its text form; written only by the database). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A register of municipalities on a reference date (2009, 2025, or a synthetic one). */
export const registers = pgTable('registers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  referenceDate: date('reference_date').notNull(),
  /** Reference date of the population figures, which may differ from the register's. */
  populationDate: date('population_date'),
  source: text('source').notNull(),
  synthetic: boolean('synthetic').notNull().default(false),
});

export const municipalities = pgTable(
  'municipalities',
  {
    registerId: text('register_id')
      .notNull()
      .references(() => registers.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    provinceCode: text('province_code').notNull(),
    provinceName: text('province_name').notNull(),
    population: integer('population'),
    g4: boolean('g4').notNull().default(false),
    g27: boolean('g27').notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.registerId, table.code] })],
);

/** Each 2009 municipality mapped to its 2025 successor(s), for comparing later rounds. */
export const municipalitySuccessors = pgTable('municipality_successors', {
  code2009: text('code_2009').primaryKey(),
  successorCode: text('successor_code').notNull(),
  relation: text('relation', { enum: ['unchanged', 'merged', 'split'] }).notNull(),
  allSuccessorCodes: text('all_successor_codes').array().notNull(),
  dissolvedOn: date('dissolved_on'),
  /**
   * For a dissolved or split municipality: the share of its 2009 area that lies in the primary
   * successor (overlay of the boundary layers); null where not measured.
   */
  overlayPrimaryShare: doublePrecision('overlay_primary_share'),
});

/**
 * Instrument versions defined in the application (the coordinator copies an earlier version
 * and edits it, or uploads a JSON definition). Bundled versions (2009) are not stored here.
 * `definition` is the raw JSON definition, validated by InstrumentSchema on every write; a
 * version is frozen (read-only) once a round that uses it opens.
 */
export const instrumentVersions = pgTable('instrument_versions', {
  version: text('version').primaryKey(),
  name: text('name').notNull(),
  /** The version it was copied from, whose items and basisfuncties its mapping refers to. */
  derivedFrom: text('derived_from'),
  definition: jsonb('definition').notNull(),
  /** Incremented on every change, for detecting conflicting edits. */
  revision: integer('revision').notNull().default(1),
  frozenAt: timestamp('frozen_at', { withTimezone: true }),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A measurement round: one instrument version applied to one register. */
export const rounds = pgTable(
  'rounds',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    registerId: text('register_id')
      .notNull()
      .references(() => registers.id),
    /** Synthetic (demo, benchmark) rounds are labelled as such and never mixed with real ones. */
    synthetic: boolean('synthetic').notNull().default(false),
    /** concept (being prepared), open (answers can be given) or closed. */
    status: text('status', { enum: ['concept', 'open', 'closed'] })
      .notNull()
      .default('closed'),
    opensOn: date('opens_on'),
    closesOn: date('closes_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The earlier round this one follows: the baseline of its trends and the source of prefill. */
    previousRoundId: text('previous_round_id'),
    /** Whether questionnaires start from the previous round's answers when the round opens. */
    prefill: boolean('prefill').notNull().default(false),
    /**
     * The national target for this round: the percentage of municipalities whose Wmo plan
     * includes the basisfuncties (issue 12; the letter to parliament sets 75% from 2012).
     */
    wmoPlanTarget: doublePrecision('wmo_plan_target').notNull().default(75),
    /**
     * A random secret per round from which the open answers' pseudonyms are derived (issue 13):
     * an analyst codes an answer by its pseudonym and never learns which municipality wrote it.
     */
    answerKeySalt: text('answer_key_salt')
      .notNull()
      .default(sql`md5(random()::text || clock_timestamp()::text)`),
  },
  (table) => [
    check(
      'rounds_wmo_plan_target',
      sql`${table.wmoPlanTarget} >= 0 and ${table.wmoPlanTarget} <= 100`,
    ),
  ],
);

/**
 * One municipality's questionnaire in a round. `scaleVector`, `choiceVector` and
 * `answerCount` summarise its answers for analyses (see src/domain/response-vectors.ts) and
 * are rewritten in the same transaction as every change to its answers.
 */
export const responses = pgTable(
  'responses',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    questionnaire: text('questionnaire').notNull(),
    scaleVector: text('scale_vector').notNull(),
    choiceVector: text('choice_vector').notNull().default(''),
    answerCount: integer('answer_count').notNull().default(0),
    /** Set when the municipality submits; the questionnaire is then read-only until reopened. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.roundId, table.municipalityCode, table.questionnaire] }),
    check('responses_scale_vector_digits', sql`${table.scaleVector} ~ '^[0-3]*$'`),
    check('responses_choice_vector_format', sql`${table.choiceVector} ~ '^[0-9a-f.]*$'`),
  ],
);

/**
 * One answer to one question: at most one of points, options and text holds the value; a note
 * may stand alone. A cleared answer keeps its row with every part empty (a tombstone), so its
 * revision never goes back: an editor who read an older revision always meets a conflict check.
 */
export const answers = pgTable(
  'answers',
  {
    roundId: text('round_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    questionnaire: text('questionnaire').notNull(),
    question: smallint('question').notNull(),
    points: smallint('points'),
    options: text('options').array(),
    text: text('text'),
    /** The explanatory note ('toelichting') given with the answer. */
    note: text('note'),
    /** Incremented on every change, for detecting conflicting edits. */
    revision: integer('revision').notNull().default(1),
    /**
     * The open answer and the note as Dutch full-text documents (issue 13): stemmed, so a
     * search for 'vrijwilligers' finds 'vrijwilliger'. Kept by the database itself.
     */
    textSearch: tsvector('text_search').generatedAlwaysAs(
      sql`to_tsvector('dutch'::regconfig, coalesce("text", ''))`,
    ),
    noteSearch: tsvector('note_search').generatedAlwaysAs(
      sql`to_tsvector('dutch'::regconfig, coalesce("note", ''))`,
    ),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The staff account that last changed the answer; null for imports. */
    updatedBy: integer('updated_by'),
    /**
     * The round whose answer this one was prefilled from ('vorige meting'); null when the
     * municipality gave it. A prefilled answer counts as given only once it is confirmed.
     */
    prefilledFrom: text('prefilled_from'),
    /** When and by whom a prefilled answer was confirmed or changed. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: integer('confirmed_by'),
  },
  (table) => [
    primaryKey({
      columns: [table.roundId, table.municipalityCode, table.questionnaire, table.question],
    }),
    foreignKey({
      name: 'answers_response_fk',
      columns: [table.roundId, table.municipalityCode, table.questionnaire],
      foreignColumns: [responses.roundId, responses.municipalityCode, responses.questionnaire],
    }).onDelete('cascade'),
    check('answers_points_range', sql`${table.points} between 1 and 3`),
    check(
      'answers_one_value',
      sql`num_nonnulls(${table.points}, ${table.options}, ${table.text}) <= 1`,
    ),
    index('answers_round_question').on(table.roundId, table.questionnaire, table.question),
    index('answers_text_search').using('gin', table.textSearch),
    index('answers_note_search').using('gin', table.noteSearch),
    // A round's texts and notes without reading its thousands of scale answers: the search
    // over a whole round scans these (bench/open-answers.ts: 34 → 22 ms for a common word).
    index('answers_round_texts')
      .on(table.roundId)
      .where(sql`${table.text} is not null`),
    index('answers_round_notes')
      .on(table.roundId)
      .where(sql`${table.note} is not null`),
  ],
);

/**
 * Every revision of every answer, written with the revision itself. Saving merges against the
 * revision the editor started from (a three-way merge per part), so that a part one editor did
 * not touch keeps what a colleague saved meanwhile.
 */
export const answerRevisions = pgTable(
  'answer_revisions',
  {
    roundId: text('round_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    questionnaire: text('questionnaire').notNull(),
    question: smallint('question').notNull(),
    revision: integer('revision').notNull(),
    points: smallint('points'),
    options: text('options').array(),
    text: text('text'),
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by'),
    /** Set on the revision written when the answer was prefilled from an earlier round. */
    prefilledFrom: text('prefilled_from'),
    /** Set on the revision that confirmed a prefilled answer unchanged. */
    confirmed: boolean('confirmed').notNull().default(false),
  },
  (table) => [
    primaryKey({
      columns: [
        table.roundId,
        table.municipalityCode,
        table.questionnaire,
        table.question,
        table.revision,
      ],
    }),
    foreignKey({
      name: 'answer_revisions_response_fk',
      columns: [table.roundId, table.municipalityCode, table.questionnaire],
      foreignColumns: [responses.roundId, responses.municipalityCode, responses.questionnaire],
    }).onDelete('cascade'),
  ],
);

/** Staff accounts. Personal data is limited to what logging in needs. */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    /** Stored lower-case. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['coordinator', 'advisor', 'municipality', 'analyst'] }).notNull(),
    /** Whether the weekly digest of overdue actions is mailed to this account (issue 12). */
    weeklyDigest: boolean('weekly_digest').notNull().default(true),
    /** For role municipality: the CBS code of its municipality. */
    municipalityCode: text('municipality_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('users_email').on(table.email),
    check(
      'users_municipality_role',
      sql`(${table.role} = 'municipality') = (${table.municipalityCode} is not null)`,
    ),
  ],
);

/** The provinces an advisor works for. */
export const advisorProvinces = pgTable(
  'advisor_provinces',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provinceCode: text('province_code').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.provinceCode] })],
);

/** Server-side sessions. The cookie holds a random token; only its SHA-256 hash is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The absolute end of the session, however active it is. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /**
     * The last request seen, rounded to the minute (written at most once a minute), for the
     * idle timeout. An expired session is kept for a day so that a form posted just after it
     * expired can be kept for its owner (pending_forms), then pruned.
     */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('sessions_user').on(table.userId)],
);

/**
 * Rate-limit counters: one row per key, upserted in place and pruned, never one row per
 * request. Keys: `pair:EMAIL|ADDRESS` (failures with increasing delays), `address:ADDRESS`
 * (spraying across accounts), `account:EMAIL` (a ceiling across addresses) and `form:USER`
 * (forms kept after a session expired). See src/services/login-limiter.ts.
 */
export const loginAttempts = pgTable('login_attempts', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
  /** For a pair: until when its address counts as known to the account (a recent success). */
  trustedUntil: timestamp('trusted_until', { withTimezone: true }),
});

/** Every change to an answer, a status, a role or an invitation: who, when, old and new value. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: integer('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    roundId: text('round_id'),
    municipalityCode: text('municipality_code'),
    subject: text('subject').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
  },
  (table) => [
    index('audit_events_municipality').on(table.roundId, table.municipalityCode, table.at),
  ],
);

/** A personal, single-use, expiring invitation for a municipality in a round. */
export const invitations = pgTable(
  'invitations',
  {
    id: serial('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    email: text('email').notNull(),
    /** SHA-256 of the token in the link; the token itself is only in the e-mail. */
    tokenHash: text('token_hash').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    lastReminderAt: timestamp('last_reminder_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('invitations_token').on(table.tokenHash),
    index('invitations_round').on(table.roundId, table.municipalityCode),
  ],
);

/**
 * Every outgoing e-mail. Without SMTP_URL it stays here (status `outbox`) and the coordinator
 * reads it in the app. With SMTP_URL it is `queued` and a background job delivers it; the row,
 * not the job, is the source of truth, so a mail is sent once even when the job runs twice
 * (two instances, a retry after a crash): a worker first claims the row (`sending`), and only
 * the worker holding the claim sends.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: serial('id').primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['outbox', 'queued', 'sending', 'sent', 'failed'] })
      .notNull()
      .default('outbox'),
    /** Delivery attempts over SMTP so far. */
    attempts: integer('attempts').notNull().default(0),
    /** When a worker claimed the row; a claim older than the lease is taken over. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** The last SMTP error, for the operator (never shown to users). */
    lastError: text('last_error'),
    /**
     * Files sent with the message (an iCalendar invitation): `[{ filename, contentType,
     * content }]`, content as text.
     */
    attachments: jsonb('attachments'),
  },
  (table) => [index('outbox_messages_status').on(table.status, table.createdAt)],
);

/** A municipality that takes part later or declines a round, with the reason. */
export const participations = pgTable(
  'participations',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    status: text('status', { enum: ['later', 'declined'] }).notNull(),
    reason: text('reason', {
      enum: ['geen-tijd', 'geen-prioriteit', 'personeelstekort', 'onderzoeksmoeheid', 'anders'],
    }).notNull(),
    reasonText: text('reason_text'),
    updatedBy: integer('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.roundId, table.municipalityCode] })],
);

/**
 * A form posted just after its session expired, kept until the same browser has logged in
 * again as the same account, so nothing typed is lost. Found through a random id in that
 * browser's cookie. Only a request with a real, recently expired session keeps a form; one
 * per account and page, and a capped total per account.
 */
export const pendingForms = pgTable(
  'pending_forms',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    payload: jsonb('payload').notNull(),
    /** Characters of the payload as JSON, for the cap per account. */
    size: integer('size').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('pending_forms_user_path').on(table.userId, table.path)],
);

/** A single-use, short-lived link to choose a new password. */
export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * Bearer tokens for API clients. A token acts as the account it belongs to, with that
 * account's role; a coordinator issues and revokes it. Only the SHA-256 hash is stored: the
 * token is shown once.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, to recognise it in the list. */
    prefix: text('prefix').notNull(),
    name: text('name').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('api_tokens_hash').on(table.tokenHash)],
);

/**
 * An answer file uploaded in the web app or the API, kept between its preview and the
 * confirmation so that the confirmation imports exactly the previewed bytes, whichever app
 * instance answers it. Removed on import; expired ones are removed at the next upload.
 */
export const importUploads = pgTable(
  'import_uploads',
  {
    /** A random token; the form of the preview page carries it. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** The file's bytes, base64 (portable between PGlite and PostgreSQL drivers). */
    content: text('content').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('import_uploads_expires').on(table.expiresAt)],
);

// ---------------------------------------------------------------------------------------------
// Issue 9, peer sets and report notes (migration 0010_reports). Kept together at the end of the file
// so that the parts of issue 9 merge without conflicts.
// ---------------------------------------------------------------------------------------------

/**
 * A comparison group a user composed ('eigen vergelijkingsgroep'). A set by size class or by
 * province stores only its criterion and is resolved against the register of the round it is
 * used in, so it follows mergers; a set made by hand stores its municipality codes.
 */
export const peerSets = pgTable(
  'peer_sets',
  {
    id: serial('id').primaryKey(),
    ownerUserId: integer('owner_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['size', 'province', 'manual'] }).notNull(),
    /** The size class id or the province code; null for a set made by hand. */
    criterion: text('criterion'),
    /** The municipality codes of a set made by hand; empty otherwise. */
    members: text('members')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('peer_sets_owner').on(table.ownerUserId),
    check('peer_sets_criterion', sql`(${table.kind} = 'manual') = (${table.criterion} is null)`),
  ],
);

/**
 * A short note per basisfunctie in a municipality's report (the context of a low mark).
 * `version` counts the saves, so two people editing the same note never overwrite each other
 * unseen: a save names the version it started from.
 */
export const reportNotes = pgTable(
  'report_notes',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    questionnaire: text('questionnaire').notNull(),
    basisfunctie: text('basisfunctie').notNull(),
    text: text('text').notNull(),
    version: integer('version').notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    /** The name of who saved it, kept when their account is removed. */
    updatedByName: text('updated_by_name').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({
      columns: [table.roundId, table.municipalityCode, table.questionnaire, table.basisfunctie],
    }),
  ],
);

// --- Issue 9, helper D: the reports as PDF (migration 0010). -------------------------------

/**
 * A run that renders the report PDF of every municipality of a round (the coordinator's
 * _Rapporten_ page). The row is the progress the page shows; the work itself is a pg-boss job
 * with a singleton key per round, so it survives a restart and runs once however many app
 * instances share the database.
 */
export const reportRuns = pgTable(
  'report_runs',
  {
    id: serial('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    /** 'queued', 'running', 'done' or 'failed'. */
    status: text('status').notNull().default('queued'),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    /** Of `done`: reports skipped because the stored PDF has the same data hash. */
    skipped: integer('skipped').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    startedBy: integer('started_by').references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    error: text('error'),
  },
  (table) => [index('report_runs_round').on(table.roundId, table.id)],
);

/**
 * The latest rendered report PDF per municipality and round, with the hash of the data it was
 * rendered from: a download or a run whose hash is the same uses the stored file.
 */
export const reportFiles = pgTable(
  'report_files',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    dataHash: text('data_hash').notNull(),
    /** The PDF's bytes, base64 (portable between PGlite and PostgreSQL drivers). */
    pdf: text('pdf').notNull(),
    renderedAt: timestamp('rendered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.roundId, table.municipalityCode] })],
);
// --- Issue 9 (helper B): municipality settings ----------------------------------------------

/**
 * Settings a municipality account chooses for its own municipality, across rounds. Keyed by
 * CBS code (not per register), because the choice belongs to the municipality, not to a
 * round. No row means every setting at its default.
 */
export const municipalitySettings = pgTable('municipality_settings', {
  municipalityCode: text('municipality_code').primaryKey(),
  /**
   * Whether other municipalities may see this one by name where it has a basisfunctie 'goed
   * voor elkaar' (the report's examples, the regional view). Off unless the municipality
   * turns it on.
   */
  namedConsent: boolean('named_consent').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

// --- Issue 10 (helper D): publication of a round as open data (migration 0011). -------------

/**
 * A closed round the coordinator has published: its aggregates, with small cells suppressed,
 * appear without login under /openbaar and as open data. A table of its own rather than
 * columns on `rounds`, so unpublishing is deleting the row (the audit trail keeps the history)
 * and a round without a row is simply not public.
 */
export const roundPublications = pgTable('round_publications', {
  roundId: text('round_id')
    .primaryKey()
    .references(() => rounds.id, { onDelete: 'cascade' }),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  publishedBy: integer('published_by').references(() => users.id, { onDelete: 'set null' }),
  /** Who published it, kept when the account is removed ('bfm rounds publish' from the CLI). */
  publishedByName: text('published_by_name').notNull(),
});

// --- Issue 12: the improvement loop (migration 0013). ---------------------------------------

/**
 * An advice talk between a provincial advisor (or the coordinator) and one municipality about
 * the results of a round. A talk is planned (a date in the future, an invitation with an
 * iCalendar attachment) and later recorded: participants, the points discussed per basisfunctie
 * (advice_talk_topics) and the agreed actions (advice_actions). `version` counts the saves of
 * the talk itself, so two editors never overwrite each other unseen.
 */
export const adviceTalks = pgTable(
  'advice_talks',
  {
    id: serial('id').primaryKey(),
    /** The round whose results the talk discusses. */
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    /** The day of the talk (Dutch calendar date). */
    heldOn: date('held_on').notNull(),
    /** Start time 'HH:MM' (Europe/Amsterdam) when planned with a time; null for a whole day. */
    startTime: text('start_time'),
    durationMinutes: integer('duration_minutes'),
    location: text('location'),
    /** Who took part, as typed (names and roles); not accounts. */
    participants: text('participants').notNull().default(''),
    /** A general summary of the talk. */
    summary: text('summary').notNull().default(''),
    version: integer('version').notNull().default(1),
    /** The UID of its iCalendar event and how often the invitation was sent (SEQUENCE). */
    calendarUid: text('calendar_uid').notNull(),
    calendarSequence: integer('calendar_sequence').notNull().default(0),
    invitedAt: timestamp('invited_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedByName: text('updated_by_name').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('advice_talks_municipality').on(table.municipalityCode, table.heldOn),
    index('advice_talks_round').on(table.roundId),
    uniqueIndex('advice_talks_calendar_uid').on(table.calendarUid),
  ],
);

/** The points discussed about one basisfunctie in a talk. */
export const adviceTalkTopics = pgTable(
  'advice_talk_topics',
  {
    talkId: integer('talk_id')
      .notNull()
      .references(() => adviceTalks.id, { onDelete: 'cascade' }),
    questionnaire: text('questionnaire').notNull(),
    /** A basisfunctie id of the round's instrument, or 'visie-en-beleid'. */
    basisfunctie: text('basisfunctie').notNull(),
    points: text('points').notNull(),
  },
  (table) => [primaryKey({ columns: [table.talkId, table.questionnaire, table.basisfunctie] })],
);

/**
 * An action agreed in a talk, for one basisfunctie. The municipality updates its status; a
 * dropped action carries a reason. `version` counts the saves (optimistic concurrency).
 */
export const adviceActions = pgTable(
  'advice_actions',
  {
    id: serial('id').primaryKey(),
    talkId: integer('talk_id')
      .notNull()
      .references(() => adviceTalks.id, { onDelete: 'cascade' }),
    questionnaire: text('questionnaire').notNull(),
    basisfunctie: text('basisfunctie').notNull(),
    description: text('description').notNull(),
    /** The suggested activity of the basisfunctie it was taken from, when it was. */
    activity: text('activity'),
    /** Who does it (a name or a role, as typed). */
    owner: text('owner').notNull().default(''),
    dueOn: date('due_on'),
    status: text('status', { enum: ['planned', 'in_progress', 'done', 'dropped'] })
      .notNull()
      .default('planned'),
    /** Why the status is what it is; required when dropped. */
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedByName: text('updated_by_name').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('advice_actions_talk').on(table.talkId),
    index('advice_actions_due').on(table.status, table.dueOn),
    check(
      'advice_actions_dropped_reason',
      sql`${table.status} <> 'dropped' or coalesce(${table.statusReason}, '') <> ''`,
    ),
  ],
);

/** A comment on an action, by the municipality, its advisor or the coordinator. */
export const adviceActionComments = pgTable(
  'advice_action_comments',
  {
    id: serial('id').primaryKey(),
    actionId: integer('action_id')
      .notNull()
      .references(() => adviceActions.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('advice_action_comments_action').on(table.actionId, table.createdAt)],
);

/**
 * Whether a municipality's current Wmo policy plan includes the basisfuncties, per round. The
 * municipality fills it in (or the coordinator imports it); the advisor confirms it. An
 * imported status counts as confirmed by the coordinator who imported it.
 */
export const wmoPlans = pgTable(
  'wmo_plans',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    included: text('included', { enum: ['ja', 'gedeeltelijk', 'nee'] }).notNull(),
    /** The plan's period in years, for example 2012–2015. */
    periodFrom: integer('period_from'),
    periodTo: integer('period_to'),
    title: text('title').notNull().default(''),
    url: text('url'),
    /** The basisfuncties the plan names, as `questionnaire:basisfunctie` keys. */
    basisfuncties: text('basisfuncties')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** 'form' (the web form or the API) or 'import' (a spreadsheet). */
    source: text('source', { enum: ['form', 'import'] })
      .notNull()
      .default('form'),
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedByName: text('updated_by_name').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by the advisor (or an import); cleared when the municipality changes the status. */
    confirmedBy: integer('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    confirmedByName: text('confirmed_by_name'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.roundId, table.municipalityCode] }),
    check(
      'wmo_plans_period',
      sql`${table.periodFrom} is null or ${table.periodTo} is null or ${table.periodFrom} <= ${table.periodTo}`,
    ),
  ],
);

/**
 * The weekly digest of overdue actions: one row per week and account, inserted before the
 * mail is written in the same transaction, so a digest goes out once per week and person
 * however often (or on however many instances) the job runs.
 */
export const digestDeliveries = pgTable(
  'digest_deliveries',
  {
    /** ISO week, for example '2026-W48'. */
    week: text('week').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    actions: integer('actions').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.week, table.userId] })],
);

// --- Issue 13: open answers as research material (migration 0014). -------------------------

/**
 * The two parts of an answer that hold free text: the answer to an open question (`text`) and
 * the explanatory note ('toelichting') any item may carry (`note`).
 */
export const ANSWER_TEXT_PARTS = ['text', 'note'] as const;

/**
 * A codebook: the themes into which the open answers (or the notes) of one question of a round
 * are coded. `version` counts the changes to its themes, so two people editing it never
 * silently overwrite each other.
 */
export const codebooks = pgTable(
  'codebooks',
  {
    id: serial('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    questionnaire: text('questionnaire').notNull(),
    question: smallint('question').notNull(),
    part: text('part', { enum: ANSWER_TEXT_PARTS }).notNull(),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('codebooks_source').on(
      table.roundId,
      table.questionnaire,
      table.question,
      table.part,
    ),
  ],
);

/** A theme of a codebook: a name and a description of what belongs to it. */
export const codebookThemes = pgTable(
  'codebook_themes',
  {
    id: serial('id').primaryKey(),
    codebookId: integer('codebook_id')
      .notNull()
      .references(() => codebooks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The order in which the themes are listed (and their columns in an export). */
    position: integer('position').notNull(),
  },
  (table) => [
    uniqueIndex('codebook_themes_name').on(table.codebookId, sql`lower(${table.name})`),
    check('codebook_themes_name_filled', sql`length(trim(${table.name})) > 0`),
  ],
);

/**
 * One coder's coding of one answer: the themes they gave it (possibly none, which is also a
 * judgement). Two coders code the same answers independently, each in a row of their own;
 * their agreement is Cohen's kappa per theme. `revision` detects a stale save.
 */
export const answerCodings = pgTable(
  'answer_codings',
  {
    codebookId: integer('codebook_id')
      .notNull()
      .references(() => codebooks.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    coderId: integer('coder_id')
      .notNull()
      .references(() => users.id),
    themeIds: integer('theme_ids')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    revision: integer('revision').notNull().default(1),
    codedAt: timestamp('coded_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.codebookId, table.municipalityCode, table.coderId] })],
);

/**
 * The coding of an answer as settled after the coders compared their work: it counts instead
 * of the first coder's coding. The independent codings stay as they were, so the agreement
 * they reached on their own is still reported.
 */
export const answerSettlements = pgTable(
  'answer_settlements',
  {
    codebookId: integer('codebook_id')
      .notNull()
      .references(() => codebooks.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    themeIds: integer('theme_ids')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    settledBy: integer('settled_by').references(() => users.id),
    settledAt: timestamp('settled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.codebookId, table.municipalityCode] })],
);

/**
 * An answer (or note) marked as a quote for the national report, where it appears anonymised
 * ('een gemeente in Gelderland met 20.000 – < 50.000 inwoners').
 */
export const answerQuotes = pgTable(
  'answer_quotes',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    questionnaire: text('questionnaire').notNull(),
    question: smallint('question').notNull(),
    part: text('part', { enum: ANSWER_TEXT_PARTS }).notNull(),
    municipalityCode: text('municipality_code').notNull(),
    markedBy: integer('marked_by').references(() => users.id),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({
      columns: [
        table.roundId,
        table.questionnaire,
        table.question,
        table.part,
        table.municipalityCode,
      ],
    }),
  ],
);
