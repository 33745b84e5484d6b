/**
 * Instrument versions as the services see them: the bundled versions (2009) and the versions
 * defined in the application (table instrument_versions). Every service resolves a round's
 * instrument here, so that a round is always scored by its own version.
 */
import type { Instrument } from '../domain/instrument.ts';
import type { Executor } from '../db/client.ts';
import { listInstrumentVersions, loadInstrument } from '../instruments/index.ts';

/**
 * The instrument of a version, bundled or defined in the application.
 *
 * @throws {UnknownInstrumentVersionError} when no such version exists (message in Dutch)
 */
export async function getInstrument(_executor: Executor, version: string): Promise<Instrument> {
  // Foundation: bundled versions only; the instrument editor adds the stored versions.
  return Promise.resolve(loadInstrument(version));
}

/** Every version a round can use, oldest first. */
export async function listAvailableInstrumentVersions(_executor: Executor): Promise<string[]> {
  return Promise.resolve(listInstrumentVersions());
}
