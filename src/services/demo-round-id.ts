/** The id of the synthetic demonstration round; apart from demo-data.ts for the CLI's help. */
export const DEMO_ROUND_ID = 'demo-2009';
