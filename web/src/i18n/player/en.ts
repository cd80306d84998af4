/**
 * English messages the player console loads a moment after it shows (lib/lazy.ts): the alerts
 * on top of the phone and the budget check. Kept out of `main`, so the phone's first download
 * stays under its budget (scripts/build.mjs).
 */
const en = {
  alerts: {
    title: 'Needs your attention',
    invalid: 'Your draft breaks a rule: at the deadline it would take no action.',
    fixCap: (cap: string) => `Lower subsidies to the cap (${cap})`,
    fixLand: (quota: string) => `Release only the ${quota} km² left`,
    fixFacility: 'Stop funding the facility',
    toForm: 'Go to your decisions',
    closing: (seconds: string) => `Less than ${seconds} s left in the round, and your city has not submitted.`,
    submitNow: 'Submit now',
    offer: (from: string, kind: string) => `${from} offers you a deal: ${kind}.`,
    seeOffer: 'See the offer',
    answer: 'Answer',
    event: (title: string) => `This round: ${title}`,
    dismiss: 'Dismiss',
  },
  budget: {
    title: 'Budget check',
    line: (total: string, most: string, available: string) =>
      `Expected spending ${total}, up to ${most} if the other cities cut or undercut their subsidies, of ${available} available (budget plus credit)`,
    parts: (subsidies: string, land: string, environment: string, projects: string, parks: string) =>
      `subsidies ${subsidies} (for the newcomers the model expects) · land ${land} · environment ${environment} · projects ${projects} · running your parks ${parks}`,
    note:
      'The model’s own rule on this round, with the other cities keeping last round’s subsidies (their submitted ones when bids are open). You pay for those who actually come; past your credit limit, only in part.',
  },
};

export type PlayerMessages = typeof en;
export default en;
