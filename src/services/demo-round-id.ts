/** The ids of the synthetic demonstration rounds; apart from demo-data.ts for the CLI's help. */
export const DEMO_ROUND_ID = 'demo-2009';

/** The synthetic follow-up round on the 2025 register, built from the demo round (decision 023). */
export const DEMO_FOLLOW_UP_ROUND_ID = 'demo-2026';

/**
 * The domain of the demo coders' accounts (issue 13): disabled analysts who coded the demo's
 * open answers. They are not accounts anyone uses, so `bfm start` still makes its demo
 * coordinator when they are the only ones.
 */
export const DEMO_CODER_EMAIL_DOMAIN = '@demo.basisfunctiemonitor.invalid';
