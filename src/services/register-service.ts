/**
 * Municipalities across registers: accounts, peer sets and the audit trail name a
 * municipality by code, whichever register its rounds use (decision 022).
 */
import type { Municipality } from '../domain/register.ts';
import type { Executor } from '../db/client.ts';
import { listMunicipalities, listRegisters } from '../db/repositories/register-repository.ts';

/**
 * Every municipality of every loaded (not synthetic) register, by code, in code order. A code
 * in several registers gets the name and province of the newest register that has it, so a
 * municipality account of 2009's Groningen shows today's name while Eemsdelta (1979, only in
 * 2025) is known too.
 */
export async function listKnownMunicipalities(executor: Executor): Promise<Municipality[]> {
  const registers = [...(await listRegisters(executor))]
    .filter((register) => !register.synthetic)
    .sort((a, b) => (a.referenceDate < b.referenceDate ? -1 : 1));
  const byCode = new Map<string, Municipality>();
  for (const register of registers)
    for (const municipality of await listMunicipalities(executor, register.id))
      byCode.set(municipality.code, municipality);
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}
