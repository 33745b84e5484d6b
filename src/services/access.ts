/**
 * Who may see and do what. Every page, API endpoint and service checks through here.
 *
 * | role         | may see and do                                              |
 * |--------------|-------------------------------------------------------------|
 * | coordinator  | national; everything                                        |
 * | advisor      | the municipalities of their provinces                      |
 * | municipality | its own municipality only                                   |
 * | analyst      | aggregated results; no answers that identify a municipality |
 */
import type { Municipality } from '../domain/register.ts';
import type { StaffUser } from './auth-service.ts';

/** The request is not allowed for this user (HTTP 403). */
export class ForbiddenError extends Error {
  constructor(message = 'U heeft geen toegang tot deze pagina.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The thing asked for does not exist, or its existence is not to be revealed (HTTP 404). */
export class NotFoundError extends Error {
  constructor(message = 'Deze pagina bestaat niet.') {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Whether the user may see (and, in an open round, edit) a municipality's answers. */
export function canAccessMunicipality(
  user: StaffUser,
  municipality: Pick<Municipality, 'code' | 'provinceCode'>,
): boolean {
  switch (user.role) {
    case 'coordinator':
      return true;
    case 'advisor':
      return user.provinces.includes(municipality.provinceCode);
    case 'municipality':
      return user.municipalityCode === municipality.code;
    case 'analyst':
      return false;
  }
}

/**
 * Throws unless the user may access the municipality. Another municipality's data is
 * answered with 404 for municipality accounts, so they cannot probe which exist.
 */
export function assertMunicipalityAccess(
  user: StaffUser,
  municipality: Pick<Municipality, 'code' | 'provinceCode'>,
): void {
  if (canAccessMunicipality(user, municipality)) return;
  if (user.role === 'municipality') throw new NotFoundError();
  throw new ForbiddenError();
}

export function assertCoordinator(user: StaffUser): void {
  if (user.role !== 'coordinator')
    throw new ForbiddenError('Alleen de landelijk coördinator mag dit doen.');
}

/** The municipalities of a register the user may work with. */
export function filterAccessible<T extends Pick<Municipality, 'code' | 'provinceCode'>>(
  user: StaffUser,
  municipalities: readonly T[],
): T[] {
  return municipalities.filter((municipality) => canAccessMunicipality(user, municipality));
}
