/**
 * Deals between cities (§3): the projects that need several cities to agree.
 * Terms are proposed, countered, accepted by every party, and once signed go to the model
 * with the round. The schema checks each term's own rule; whether a deal is feasible in the
 * current state (land quota left, a host that can host) is the model's check.
 */
import * as v from 'valibot';
import { MAX_SUBSIDY } from './decisions';
import { id, int, num } from './validate';
import { fieldsOf, say } from './refusals';

/** Park operation mode (§4.3, "death if managed, chaos if released"). */
export const OPERATION_MODES = ['government', 'third-party', 'mixed'] as const;
export type OperationMode = (typeof OPERATION_MODES)[number];

const members = (min: number, max: number) =>
  v.pipe(
    v.array(id),
    v.minLength(min, say('min-items', { min, items: 'cities' })),
    v.maxLength(max, say('max-items', { max, items: 'cities' })),
    v.check((xs) => new Set(xs).size === xs.length, say('listed-twice')),
  );

/** A reverse-enclave park (§3, Fig. 4, 6): a lagging sponsor's park inside a core host. */
export const parkTermsSchema = v.pipe(
  v.strictObject({
    kind: v.literal('park'),
    /** The (lagging) city that sponsors the park and pays its park subsidies. */
    sponsor: id,
    /** The (core) city the park physically sits in. */
    host: id,
    /** Construction-land quota the sponsor hands the host, km² (§3.1: land indicators for space). */
    landQuota: num(0, 100),
    /** Innovation space the host grants the park, km². */
    space: num(0.1, 50),
    mode: v.picklist(OPERATION_MODES, say('one-of', { options: [...OPERATION_MODES] })),
    /** Share of the park's innovation statistics credited to the sponsor (the rest to the host). */
    statsShare: num(0, 1),
    /** Share of the park's tax revenue that goes to the sponsor (the rest to the host). */
    taxShare: num(0, 1),
  }),
  v.check((t) => t.sponsor !== t.host, say('same-city')),
);

/** A science corridor along a transport axis (§2.1, G60), its members in order along the axis; its core end is its most developed member. */
export const corridorTermsSchema = v.strictObject({ kind: v.literal('corridor'), members: members(2, 16) });

/** A cooperation zone of adjacent cities: one factor market, pooled subsidies (§2.2). */
export const zoneTermsSchema = v.strictObject({ kind: v.literal('cooperation-zone'), members: members(2, 8) });

/** A coordination platform (§4.3, new regionalism): joint meetings, an optional subsidy cap
 * (breaking it is public), an optional technology-trading platform. */
export const platformTermsSchema = v.strictObject({
  kind: v.literal('platform'),
  members: members(2, 64),
  subsidyCap: v.nullable(num(0, MAX_SUBSIDY)),
  techTrading: v.boolean(say('not-a-flag')),
});

export const dealTermsSchema = v.variant(
  'kind',
  [parkTermsSchema, corridorTermsSchema, zoneTermsSchema, platformTermsSchema],
  'kind must be one of park, corridor, cooperation-zone, platform',
);

export type ParkTerms = v.InferOutput<typeof parkTermsSchema>;
export type CorridorTerms = v.InferOutput<typeof corridorTermsSchema>;
export type ZoneTerms = v.InferOutput<typeof zoneTermsSchema>;
export type PlatformTerms = v.InferOutput<typeof platformTermsSchema>;
export type DealTerms = v.InferOutput<typeof dealTermsSchema>;
export type DealKind = DealTerms['kind'];

export const dealIdSchema = v.pipe(v.string(say('not-text')), v.regex(/^d[0-9]{1,6}$/, say('not-a-deal-id')));

/**
 * Most deals one round may carry to the resolver (`resolveRequestSchema`, core/protocol/api.ts).
 * The deal book (core/deals) refuses to sign more, so a round can always be resolved.
 */
export const MAX_ROUND_DEALS = 64;

/** A deal every party has accepted: what the room hands the model with the round. */
export const signedDealSchema = v.strictObject({
  id: dealIdSchema,
  terms: dealTermsSchema,
  /** The round during which it was signed; it takes effect in that round's resolution. */
  signedRound: int(1, 1000),
});
export type SignedDeal = v.InferOutput<typeof signedDealSchema>;

/** The cities that must all accept a deal before it is signed. */
export function partiesOf(terms: DealTerms): string[] {
  return terms.kind === 'park' ? [terms.sponsor, terms.host] : [...terms.members];
}

/** Where a deal stands. `lapsed`: it was still open when the game ended. */
export const DEAL_STATUSES = ['open', 'signed', 'rejected', 'withdrawn', 'lapsed'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/**
 * What a seat may see of a deal: the room shows a deal only to its parties until it is
 * signed; signed deals are public. Bots see exactly the same (core/bots).
 */
export interface DealView {
  id: string;
  terms: DealTerms;
  /** City that proposed (or countered with) these terms. */
  proposer: string;
  /** Every city that must accept: partiesOf(terms). */
  parties: readonly string[];
  /** Parties that have accepted these terms so far (the proposer counts as accepting). */
  accepted: readonly string[];
  status: DealStatus;
  /** Round during which it was proposed. */
  round: number;
  /** The deal these terms counter, if any (a counter replaces the deal it answers). */
  counters: string | null;
}

/**
 * What a seat can do about deals: the room's client messages for deals, one for one.
 * A counter withdraws the countered deal and proposes new terms to the same parties.
 */
export const dealActionSchema = v.variant(
  'type',
  [
    v.strictObject({ type: v.literal('propose'), terms: dealTermsSchema }, fieldsOf('propose')),
    v.strictObject({ type: v.literal('counter'), deal: dealIdSchema, terms: dealTermsSchema }, fieldsOf('counter')),
    v.strictObject({ type: v.literal('accept'), deal: dealIdSchema }, fieldsOf('accept')),
    v.strictObject({ type: v.literal('reject'), deal: dealIdSchema }, fieldsOf('reject')),
    v.strictObject({ type: v.literal('withdraw'), deal: dealIdSchema }, fieldsOf('withdraw')),
  ],
  say('unknown-type', { types: ['propose', 'counter', 'accept', 'reject', 'withdraw'] }),
);
export type DealAction = v.InferOutput<typeof dealActionSchema>;

/**
 * The deal id of a platform a game starts with (settings.platform, §4.3): cap breaches and
 * "member of" refusals name it like a signed deal's. Deal numbers start at 1 (core/deals/ids.ts),
 * so no deal of the book ever takes it.
 */
export const FOUNDING_DEAL = 'd0';

/** Id of the park a signed park deal creates: one park per sponsor and host. */
export function parkId(terms: ParkTerms): string {
  return `park-${terms.sponsor}-${terms.host}`;
}
