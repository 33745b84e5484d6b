/**
 * The web addresses that services put in e-mail. Services do not know the web app's routes or
 * its public address: the web layer hands them an implementation (app/lib/links.server.ts),
 * built from the configured public address.
 */
export interface Links {
  /** The personal link with which a municipality creates its account. */
  invitation(token: string): string;
  /** The single-use link to choose a (new) password. */
  passwordReset(token: string): string;
  /** A municipality's page in a round. */
  municipality(roundId: string, municipalityCode: string): string;
}
