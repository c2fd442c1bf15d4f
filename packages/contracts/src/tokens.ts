import { z } from 'zod';
import { CalendarDate, IdRef, Instant, page, PageQuery, requiredText } from './common';
import { LIMITS } from './constants';

/**
 * Read-only API tokens for reporting tools (Power BI, Excel Power Query). A token is sent as
 * `Authorization: Bearer lrt_…`, reads what a viewer may read (within its scope) and never writes. Its prefix and
 * longest life are in constants.ts (API_TOKEN_PREFIX, API_TOKEN_MAX_MONTHS), for the SPA without zod.
 */

/** Active until its last day (in London) has passed, unless an administrator revoked it first. */
export const ApiTokenStatus = z.enum(['active', 'expired', 'revoked']);
export type ApiTokenStatus = z.infer<typeof ApiTokenStatus>;

export const ApiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The first characters after `lrt_`, to tell tokens apart; never enough to use. */
  prefix: z.string(),
  createdAt: Instant,
  /** Who made it; null once their account is gone. */
  createdByName: z.string().nullable(),
  /** The last day the token works (a London calendar day). */
  expiresOn: CalendarDate,
  /** The token reads only this subgroup's actions, or this agency's (owned or shared); both null: everything a viewer reads. */
  subgroupId: z.number().int().nullable(),
  agencyId: z.number().int().nullable(),
  revokedAt: Instant.nullable(),
  /** When a reporting tool last used it, to the minute. */
  lastUsedAt: Instant.nullable(),
  status: ApiTokenStatus,
});
export type ApiToken = z.infer<typeof ApiToken>;

/** What creating a token answers: the token itself, this once. Only a hash of it is kept. */
export const ApiTokenCreated = ApiToken.extend({
  token: z.string().describe('The token to give the reporting tool. It is shown only this once.'),
});
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;

export const ApiTokenCreate = z.strictObject({
  name: requiredText(LIMITS.name),
  expiresOn: CalendarDate,
  /** Limit the token to one subgroup's actions, or to one agency's: at most one of the two. */
  subgroupId: IdRef.nullish(),
  agencyId: IdRef.nullish(),
});
export type ApiTokenCreate = z.output<typeof ApiTokenCreate>;
export type ApiTokenCreateInput = z.input<typeof ApiTokenCreate>;

export const ApiTokenListQuery = PageQuery;
export const ApiTokenPage = page(ApiToken);
