/**
 * The web addresses that services put in e-mail (and in open-data files). Services do not know the web app's routes or
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
  /** The public page of a published round; its open-data files are beneath it. */
  publicRound(roundId: string): string;
  /** An advice talk (issue 12). */
  talk(talkId: number): string;
  /** One agreed action with its status and comments (issue 12). */
  action(actionId: number): string;
  /** The signed-in user's open actions, overdue first (issue 12). */
  actions(): string;
  /** The user's own settings, where the weekly digest is switched off (issue 12). */
  settings(): string;
}

/**
 * The web address (path) of a municipality's report in a round: the page the PDF is printed
 * from. One function, so the PDF pipeline, the CLI and the bench follow the page wherever it is.
 */
export function reportPagePath(roundId: string, municipalityCode: string): string {
  return `/metingen/${encodeURIComponent(roundId)}/gemeenten/${encodeURIComponent(municipalityCode)}/rapport`;
}

/** The address of a municipality's report as PDF (the stored or freshly rendered file). */
export function reportPdfPath(roundId: string, municipalityCode: string): string {
  return `/metingen/${encodeURIComponent(roundId)}/gemeenten/${encodeURIComponent(municipalityCode)}/rapport.pdf`;
}
