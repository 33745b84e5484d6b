/**
 * The roles of staff accounts and their Dutch labels. Pure constants, apart from
 * auth-service.ts so that the help of `bfm user create` can name them without loading the
 * services.
 */
export const ROLES = ['coordinator', 'advisor', 'municipality', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  coordinator: 'landelijk coördinator',
  advisor: 'provinciaal adviseur',
  municipality: 'gemeente',
  analyst: 'analist',
};
