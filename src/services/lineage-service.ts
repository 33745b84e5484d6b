/**
 * Lineage between the registers of two rounds, from the successor mapping in the database.
 */
import { mapIdentity, mapPredecessors, type Predecessor } from '../domain/lineage.ts';
import type { Executor } from '../db/client.ts';
import { listMunicipalities } from '../db/repositories/register-repository.ts';
import { municipalitySuccessors } from '../db/schema.ts';
import { UserInputError } from './errors.ts';
import { REGISTER_2009, REGISTER_2025 } from './reference-data.ts';

/** Predecessors (in `fromRegisterId`) of every municipality of `toRegisterId`. */
export interface Lineage {
  readonly fromRegisterId: string;
  readonly toRegisterId: string;
  readonly predecessors: ReadonlyMap<string, readonly Predecessor[]>;
}

/**
 * Reads the lineage from one register to another: identity for the same register, the
 * successor mapping for 2009 → 2025.
 *
 * @throws {UserInputError} when no mapping between the two registers is known
 */
export async function loadLineage(
  executor: Executor,
  fromRegisterId: string,
  toRegisterId: string,
): Promise<Lineage> {
  if (fromRegisterId === toRegisterId) {
    const codes = (await listMunicipalities(executor, toRegisterId)).map((m) => m.code);
    return { fromRegisterId, toRegisterId, predecessors: mapIdentity(codes) };
  }
  if (fromRegisterId === REGISTER_2009 && toRegisterId === REGISTER_2025) {
    const rows = await executor.select().from(municipalitySuccessors);
    return {
      fromRegisterId,
      toRegisterId,
      predecessors: mapPredecessors(
        rows.map((row) => ({
          code2009: row.code2009,
          successorCode: row.successorCode,
          relation: row.relation,
          allSuccessorCodes: row.allSuccessorCodes,
          overlayPrimaryShare: row.overlayPrimaryShare,
        })),
      ),
    };
  }
  throw new UserInputError(
    `Er is geen opvolgingstabel van register '${fromRegisterId}' naar register '${toRegisterId}'. Vergelijk metingen op hetzelfde register, of van 2009 naar 2025.`,
  );
}
