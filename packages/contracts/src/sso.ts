import { z } from 'zod';
import { Role } from './auth';
import { IdRef, Instant } from './common';
import { SSO_DOMAIN_ROLES, type SSO_REFUSALS } from './constants';

/** Single sign-on with the partnership's OpenID Connect provider ("Sign in with your organisation"). */

export type SsoRefusal = (typeof SSO_REFUSALS)[number];
export type SsoDomainRole = (typeof SSO_DOMAIN_ROLES)[number];

export const OidcStatus = z.object({
  /** Whether "Sign in with your organisation" is offered. */
  enabled: z.boolean(),
  /** The provider's issuer URL, when enabled. */
  issuer: z.string().optional(),
  /** The address to register at the provider as the tracker's redirect URI: `${PUBLIC_URL}/api/auth/oidc/callback`. */
  redirectUri: z.string(),
});
export type OidcStatus = z.infer<typeof OidcStatus>;

export const OidcStartQuery = z.object({
  /** A path of the tracker to land on once signed in; anything else lands on the home page. */
  returnTo: z.string().max(2000).optional(),
});

/** The provider's answer: the code and state, or an error (RFC 6749 §4.1.2). Other parameters are allowed. */
export const OidcCallbackQuery = z.looseObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

/** An email domain: lower case, labels of letters, digits and hyphens, like `northmoor.police.uk`. */
export const EmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, { error: 'must be at most 253 characters' })
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, {
    error: 'must be an email domain, the part after @, like northmoor.police.uk',
  });

export const SsoDomain = z.object({
  domain: z.string(),
  roles: z.array(Role),
  /** The agency an agency lead speaks for; null for other roles. */
  agencyId: z.number().int().nullable(),
  createdAt: Instant,
});
export type SsoDomain = z.infer<typeof SsoDomain>;

export const SsoDomainList = z.object({ items: z.array(SsoDomain) });

export const SsoDomainCreate = z
  .strictObject({
    domain: EmailDomain,
    roles: z
      .array(z.enum(SSO_DOMAIN_ROLES, { error: 'must be agency lead, independent chair or viewer' }))
      .min(1, { error: 'choose at least one role' })
      .max(SSO_DOMAIN_ROLES.length),
    agencyId: IdRef.nullable().default(null),
  })
  .superRefine((value, ctx) => {
    if (value.roles.includes('agency_lead') && value.agencyId === null) {
      ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'choose the agency an agency lead speaks for' });
    }
    if (!value.roles.includes('agency_lead') && value.agencyId !== null) {
      ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'only an agency lead speaks for an agency' });
    }
  });
export type SsoDomainCreate = z.output<typeof SsoDomainCreate>;
export type SsoDomainCreateInput = z.input<typeof SsoDomainCreate>;

export const SsoDomainParams = z.strictObject({ domain: EmailDomain });
