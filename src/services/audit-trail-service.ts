/**
 * Reading the audit trail of a municipality: the coordinator for every municipality, an
 * advisor for the municipalities of their provinces. The web page and the API both ask here.
 */
import type { Executor } from '../db/client.ts';
import { listAuditEvents, type AuditEvent } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { NotFoundError } from './errors.ts';
import { assertCan } from './permissions.ts';
import { loadRound } from './round-service.ts';

/**
 * The audit trail of one municipality in one round, newest first.
 *
 * @throws {NotFoundError} for an unknown round or municipality (or another municipality's)
 * @throws {ForbiddenError} for analysts, municipalities and advisors of other provinces
 */
export async function readAuditTrail(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  municipalityCode: string,
): Promise<{ municipality: string; roundName: string; events: AuditEvent[] }> {
  const loaded = await loadRound(executor, roundId);
  const municipality = loaded.municipalities.find((m) => m.code === municipalityCode);
  if (!municipality)
    throw new NotFoundError('Deze gemeente staat niet in het register van de meting.');
  assertCan(user, 'audit.read', municipality);
  return {
    municipality: municipality.name,
    roundName: loaded.round.name,
    events: await listAuditEvents(executor, roundId, municipalityCode),
  };
}
