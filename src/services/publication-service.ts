/**
 * Publishing a closed round as open data: the coordinator (in the app, through the API or with
 * `bfm rounds publish`) makes the round's aggregates public under /openbaar, with small cells
 * suppressed (decision 018). Only a round that is published AND closed is public: a published
 * round that is reopened drops out of the public view until it is closed again, so figures
 * that are still changing are never open data.
 */
import { sql } from 'drizzle-orm';
import type { Executor, Database } from '../db/client.ts';
import { queryRows } from '../db/query.ts';
import {
  deletePublication,
  findPublication,
  insertPublication,
  listPublishedClosedRounds,
  type PublicationRow,
} from '../db/repositories/publication-repository.ts';
import { findRound, lockRound } from '../db/repositories/round-repository.ts';
import { loadAnalysisView, type AnalysisView } from './analysis-view-service.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { NotFoundError, UserInputError } from './errors.ts';
import { assertCan } from './permissions.ts';
import type { Links } from './links.ts';
import { buildOpenData, type OpenDataDocument } from './open-data.ts';
import { MIN_GROUP_SIZE } from '../domain/disclosure.ts';

/** Who publishes: an account (checked against the permission table) or `bfm` on the server. */
export type PublicationActor =
  | { readonly kind: 'user'; readonly user: StaffUser }
  | { readonly kind: 'cli'; readonly label: string };

export interface Publication {
  readonly roundId: string;
  readonly publishedAt: Date;
  readonly publishedByName: string;
}

/** The message for a round that is not (or no longer) public: the same as for no round at all. */
export const NOT_PUBLISHED = 'Deze meting is niet (of niet meer) openbaar gepubliceerd.';

function assertActor(actor: PublicationActor): { id: number | null; label: string } {
  if (actor.kind === 'cli') return { id: null, label: actor.label };
  assertCan(actor.user, 'round.publish');
  return { id: actor.user.id, label: actor.user.name };
}

function toPublication(row: PublicationRow): Publication {
  return {
    roundId: row.roundId,
    publishedAt: row.publishedAt,
    publishedByName: row.publishedByName,
  };
}

/**
 * Publishes a closed round. Publishing a round that is published already changes nothing and
 * keeps its first date (`changed: false`).
 *
 * @throws {ForbiddenError} for a user who is not the coordinator
 * @throws {NotFoundError} for an unknown round
 * @throws {UserInputError} for a round that is not closed
 */
export async function publishRound(
  db: Database,
  actor: PublicationActor,
  roundId: string,
): Promise<{ publication: Publication; changed: boolean }> {
  const who = assertActor(actor);
  return db.transaction(async (tx) => {
    // Serialised with status changes of the same round: no publication of a round being reopened.
    await lockRound(tx, roundId);
    const round = await findRound(tx, roundId);
    if (!round) throw new NotFoundError(`De meting '${roundId}' bestaat niet.`);
    if (round.status !== 'closed')
      throw new UserInputError(
        `${round.name} is nog ${round.status === 'open' ? 'open' : 'in voorbereiding'}. Alleen een gesloten meting kan worden gepubliceerd: sluit de meting eerst.`,
      );
    const existing = await findPublication(tx, roundId);
    if (existing) return { publication: toPublication(existing), changed: false };
    const row = await insertPublication(tx, {
      roundId,
      publishedBy: who.id,
      publishedByName: who.label,
    });
    await recordAudit(tx, {
      actorId: who.id,
      actorLabel: who.label,
      action: 'round.published',
      roundId,
      subject: `meting ${roundId}: publicatie`,
      oldValue: null,
      newValue: { publishedAt: row.publishedAt.toISOString() },
    });
    return { publication: toPublication(row), changed: true };
  });
}

/**
 * Withdraws the publication of a round. A round that is not published changes nothing
 * (`changed: false`).
 *
 * @throws {ForbiddenError} for a user who is not the coordinator
 * @throws {NotFoundError} for an unknown round
 */
export async function unpublishRound(
  db: Database,
  actor: PublicationActor,
  roundId: string,
): Promise<{ changed: boolean }> {
  const who = assertActor(actor);
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId);
    if (!round) throw new NotFoundError(`De meting '${roundId}' bestaat niet.`);
    const existing = await findPublication(tx, roundId);
    if (!existing) return { changed: false };
    await deletePublication(tx, roundId);
    await recordAudit(tx, {
      actorId: who.id,
      actorLabel: who.label,
      action: 'round.unpublished',
      roundId,
      subject: `meting ${roundId}: publicatie`,
      oldValue: { publishedAt: existing.publishedAt.toISOString() },
      newValue: null,
    });
    return { changed: true };
  });
}

/** The publication of a round, or null (for the round page's status line). */
export async function readPublication(
  executor: Executor,
  roundId: string,
): Promise<Publication | null> {
  const row = await findPublication(executor, roundId);
  return row ? toPublication(row) : null;
}

export type PublishedRound = Awaited<ReturnType<typeof listPublishedClosedRounds>>[number];

/** The rounds the public sees: published and closed, oldest publication first. Reads only. */
export async function listPublishedRounds(executor: Executor): Promise<PublishedRound[]> {
  return listPublishedClosedRounds(executor);
}

export interface PublicAnalysis {
  readonly round: PublishedRound;
  readonly view: AnalysisView;
}

/**
 * The aggregates of a published, closed round as the public sees them: small cells
 * suppressed, no municipality by name. Reads only: an anonymous visitor writes nothing.
 *
 * @throws {NotFoundError} unless the round is published and closed (the same answer as for a
 *   round that does not exist, so the public cannot probe for unpublished rounds)
 */
export async function loadPublicAnalysis(
  executor: Executor,
  roundId: string,
): Promise<PublicAnalysis> {
  const round = (await listPublishedRounds(executor)).find((r) => r.id === roundId);
  if (!round) throw new NotFoundError(NOT_PUBLISHED);
  const view = await loadAnalysisView(executor, { kind: 'public' }, roundId);
  return { round, view };
}

/**
 * What publishing or withdrawing would do, for the confirmation page (coordinator only).
 *
 * @throws {ForbiddenError} for a user who is not the coordinator
 * @throws {NotFoundError} for an unknown round
 */
export async function previewPublication(
  executor: Executor,
  user: StaffUser,
  roundId: string,
): Promise<{
  readonly round: { readonly id: string; readonly name: string; readonly closed: boolean };
  readonly publication: Publication | null;
}> {
  assertCan(user, 'round.publish');
  const round = await findRound(executor, roundId);
  if (!round) throw new NotFoundError(`De meting '${roundId}' bestaat niet.`);
  return {
    round: { id: round.id, name: round.name, closed: round.status === 'closed' },
    publication: await readPublication(executor, roundId),
  };
}

/**
 * The open-data documents computed last, per round and public address, with the stamp of the
 * data they were computed from. Public pages are read by many at once and the document costs a
 * full analysis (100–200 ms); the stamp is read from the database on every request, so a
 * change on any instance (an answer corrected with --override, a new publication) is seen at
 * once and the cache never serves stale figures.
 */
const openDataCache = new Map<
  string,
  { readonly stamp: string; readonly document: OpenDataDocument }
>();
const OPEN_DATA_CACHE_SIZE = 16;

/** What the document depends on besides the code: the publication and the responses. */
async function readOpenDataStamp(executor: Executor, round: PublishedRound): Promise<string> {
  const [row] = await queryRows<{ n: number; latest: string | null }>(
    executor,
    // The content itself, not max(updated_at): updated_at is a transaction's start time, so a
    // transaction that started earlier and commits later would not move the maximum.
    sql`select count(*)::int as n,
          md5(string_agg(municipality_code || ' ' || questionnaire || ' ' || answer_count::text
                || ' ' || scale_vector || ' ' || choice_vector, ','
                order by municipality_code, questionnaire)) as latest
        from responses where round_id = ${round.id}`,
  );
  return [round.publishedAt.toISOString(), round.name, round.registerId, row?.n, row?.latest].join(
    '|',
  );
}

/** Forgets the cached documents (tests that change a round behind the services' back). */
export function clearOpenDataCache(): void {
  openDataCache.clear();
}

/**
 * The open-data document of a published round (data.json; the page, data.csv and
 * metadata.json are drawn from it, so they all say the same). Links are built on the
 * configured public address, never on the request's host. Reads only.
 *
 * @throws {NotFoundError} unless the round is published and closed
 */
export async function loadOpenData(
  executor: Executor,
  links: Pick<Links, 'publicRound'>,
  roundId: string,
): Promise<OpenDataDocument> {
  const round = (await listPublishedRounds(executor)).find((r) => r.id === roundId);
  if (!round) throw new NotFoundError(NOT_PUBLISHED);
  const pageUrl = links.publicRound(round.id);
  const key = `${round.id}\u0000${pageUrl}`;
  const stamp = await readOpenDataStamp(executor, round);
  const cached = openDataCache.get(key);
  if (cached?.stamp === stamp) return cached.document;
  const view = await loadAnalysisView(executor, { kind: 'public' }, roundId);
  const document = buildOpenData(view, {
    pageUrl,
    publishedAt: round.publishedAt,
    opensOn: round.opensOn,
    closesOn: round.closesOn,
    minimumRespondents: MIN_GROUP_SIZE,
  });
  openDataCache.delete(key);
  openDataCache.set(key, { stamp, document });
  // Oldest first in a Map: drop the least recently computed beyond the limit.
  while (openDataCache.size > OPEN_DATA_CACHE_SIZE) {
    const oldest = openDataCache.keys().next().value;
    if (oldest === undefined) break;
    openDataCache.delete(oldest);
  }
  return document;
}
