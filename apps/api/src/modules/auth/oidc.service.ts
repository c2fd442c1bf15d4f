import { createHash, timingSafeEqual } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { SsoRefusal } from '@lrt/contracts';
import { first, oidcLogins, ssoDomains, userAgencies, userRoles, users, writeTransaction, type Db, type Tx } from '@lrt/db';
import { recordAudit, type Actor } from '../../lib/audit';
import { recordCreation } from '../../lib/persistence';
import { getUser } from '../users/users.service';

/** The partnership's OpenID Connect provider and the tracker's registration there (see config.ts). */
export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  /** Absent for a public client, which proves itself with PKCE alone. */
  clientSecret?: string | undefined;
}

export const OIDC_SCOPES = 'openid email profile';
/** How long a sign-in started at the tracker may take at the provider. */
export const OIDC_LOGIN_MINUTES = 10;
/**
 * The password hash of an account opened by single sign-on. It is not a scrypt hash, so no password matches it
 * (see verifyPassword): such an account signs in through its organisation until an admin sets a password.
 */
export const NO_PASSWORD_HASH = '!';
const NAME_MAX = 200;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The relying party. The provider's metadata is discovered at the first sign-in, not at start-up, so a provider
 * that is down (or unreachable) never stops the tracker; a failed discovery is tried again at the next sign-in.
 */
export class OidcClient {
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(
    readonly settings: OidcSettings,
    /** `${PUBLIC_URL}/api/auth/oidc/callback`, as registered at the provider. */
    readonly redirectUri: string,
  ) {}

  configuration(): Promise<oidc.Configuration> {
    this.discovered ??= discover(this.settings).catch((error: unknown) => {
      this.discovered = null;
      throw error;
    });
    return this.discovered;
  }
}

function discover(settings: OidcSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuerUrl);
  return oidc.discovery(
    issuer,
    settings.clientId,
    settings.clientSecret ? { client_secret: settings.clientSecret } : undefined,
    settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None(),
    // config.ts allows http only for a provider on this machine (a test or a trial); everywhere else it is https.
    { timeout: 10, ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}) },
  );
}

/**
 * Starts a sign-in: a new state, nonce and PKCE verifier (S256), kept for ten minutes under a hash of the state.
 * Returns the state (for the browser's cookie, which binds the answer to this browser) and the provider's address.
 * Throws when the provider cannot be discovered.
 */
export async function beginOidcLogin(db: Db, client: OidcClient, input: { returnTo: string; now: Date }) {
  const configuration = await client.configuration();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const codeChallenge = await oidc.calculatePKCECodeChallenge(codeVerifier);
  await writeTransaction(db, async (tx) => {
    // Sign-ins that were never finished are worth nothing once expired.
    await tx.delete(oidcLogins).where(lt(oidcLogins.expiresAt, input.now.toISOString()));
    await tx.insert(oidcLogins).values({
      stateHash: sha256(state),
      nonce,
      codeVerifier,
      returnTo: input.returnTo,
      createdAt: input.now.toISOString(),
      expiresAt: new Date(input.now.getTime() + OIDC_LOGIN_MINUTES * 60_000).toISOString(),
    });
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: client.redirectUri,
    scope: OIDC_SCOPES,
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  });
  return { state, url: url.href };
}

/** Takes the sign-in a state names: used once, so it is deleted whether or not it is still in time. */
function takeLogin(db: Db, state: string, now: Date) {
  const stateHash = sha256(state);
  return writeTransaction(db, async (tx) => {
    const row = await first(tx.select().from(oidcLogins).where(eq(oidcLogins.stateHash, stateHash)));
    if (!row) return null;
    await tx.delete(oidcLogins).where(eq(oidcLogins.stateHash, stateHash));
    return row.expiresAt > now.toISOString() ? row : null;
  });
}

export type OidcSignIn =
  | { ok: true; userId: number; returnTo: string; created: boolean }
  | { ok: false; reason: SsoRefusal; /** For the log: what went wrong, never shown to the person. */ cause?: unknown };

export interface OidcCallbackInput {
  /** The callback as the provider sent the browser to it: the registered redirect URI with the answer's query. */
  callbackUrl: URL;
  /** The state in the browser's short-lived cookie, set when this browser started the sign-in. */
  browserState: string | undefined;
  now: Date;
  ip: string;
  requestId: string;
}

/**
 * Finishes a sign-in from the provider's answer. The state must be the one this browser was given (its cookie)
 * and one the tracker is waiting for (a row, used once, within ten minutes); then openid-client exchanges the
 * code with the PKCE verifier and checks the ID token (signature, issuer, audience, expiry, nonce).
 */
export async function finishOidcLogin(db: Db, client: OidcClient, input: OidcCallbackInput): Promise<OidcSignIn> {
  const params = input.callbackUrl.searchParams;
  const state = params.get('state');
  const ours = !!state && !!input.browserState && safeEqual(state, input.browserState);
  const login = ours ? await takeLogin(db, state, input.now) : null;

  const error = params.get('error');
  if (error) return { ok: false, reason: error === 'access_denied' ? 'cancelled' : 'provider', cause: `the provider answered ${error}` };
  if (!login || !state) return { ok: false, reason: 'state' };

  let claims: oidc.IDToken | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(await client.configuration(), input.callbackUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (cause) {
    return { ok: false, reason: 'provider', cause };
  }
  if (!claims) return { ok: false, reason: 'provider', cause: 'no ID token' };

  const result = await signInWithIdentity(db, {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : undefined,
    emailVerified: emailIsVerified(claims),
    name: typeof claims.name === 'string' ? claims.name : undefined,
    now: input.now,
    actor: { id: null, name: 'Single sign-on', requestId: input.requestId, ip: input.ip },
  });
  return result.ok ? { ...result, returnTo: login.returnTo } : result;
}

/**
 * The provider vouches for the address: `email_verified: true`. Microsoft Entra ID sends no `email_verified` for
 * work accounts; its `xms_edov: true` (the address's domain is verified by the tenant that owns it) stands in for
 * it when, and only when, `email_verified` is absent.
 */
export function emailIsVerified(claims: Record<string, unknown>): boolean {
  if (claims.email_verified !== undefined) return claims.email_verified === true;
  return claims.xms_edov === true;
}

interface Identity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
  now: Date;
  actor: Actor;
}

/**
 * Matches an identity the provider vouched for to an account: by verified email, case-insensitively, to an
 * active account. The first sign-in records the identity (`<issuer> <sub>`) on the account; after that only that
 * identity signs in to it. Without an account, one is opened only if an admin set up the email's domain.
 */
export async function signInWithIdentity(
  db: Db,
  identity: Identity,
): Promise<{ ok: true; userId: number; created: boolean } | { ok: false; reason: SsoRefusal }> {
  const email = identity.email?.trim().toLowerCase();
  if (!email || !identity.emailVerified) return refuse(db, identity, 'unverified_email');
  const oidcSubject = `${identity.issuer} ${identity.subject}`;
  const at = identity.now.toISOString();

  return writeTransaction(db, async (tx) => {
    const user = await first(
      tx
        .select({ id: users.id, name: users.name, active: users.active, oidcSubject: users.oidcSubject })
        .from(users)
        .where(sql`lower(${users.email}) = ${email}`),
    );
    // The identity is already another account's (its email changed at the provider or here): never two accounts.
    const holder = await first(tx.select({ id: users.id }).from(users).where(eq(users.oidcSubject, oidcSubject)));

    if (user) {
      if (!user.active) return refuseIn(tx, identity, email, 'deactivated');
      if ((user.oidcSubject && user.oidcSubject !== oidcSubject) || (holder && holder.id !== user.id)) return refuseIn(tx, identity, email, 'other_identity');
      await tx.update(users).set({ lastSignInAt: at, oidcSubject }).where(eq(users.id, user.id));
      await recordAudit(tx, { ...identity.actor, id: user.id, name: user.name }, {
        entity: 'user',
        entityId: user.id,
        operation: 'sign_in',
        after: { method: 'oidc', ...(user.oidcSubject ? {} : { linkedIdentity: oidcSubject }) },
        at: identity.now,
      });
      return { ok: true as const, userId: user.id, created: false };
    }

    const domain = email.slice(email.lastIndexOf('@') + 1);
    const rule = await first(tx.select().from(ssoDomains).where(eq(ssoDomains.domain, domain)));
    if (!rule) return refuseIn(tx, identity, email, 'no_account');
    if (holder) return refuseIn(tx, identity, email, 'other_identity');

    const name = identity.name?.trim().slice(0, NAME_MAX) || email;
    const created = (await first(
      tx
        .insert(users)
        .values({ email, name, passwordHash: NO_PASSWORD_HASH, oidcSubject, lastSignInAt: at, createdAt: at, updatedAt: at })
        .returning({ id: users.id }),
    ))!;
    await tx.insert(userRoles).values(rule.roles.map((role) => ({ userId: created.id, role })));
    if (rule.agencyId !== null && rule.roles.includes('agency_lead')) await tx.insert(userAgencies).values({ userId: created.id, agencyId: rule.agencyId });
    await recordCreation(tx, { ...identity.actor, name: `Single sign-on (${domain})` }, 'user', await getUser(tx, created.id), identity.now);
    await recordAudit(tx, { ...identity.actor, id: created.id, name }, {
      entity: 'user',
      entityId: created.id,
      operation: 'sign_in',
      after: { method: 'oidc', linkedIdentity: oidcSubject },
      at: identity.now,
    });
    return { ok: true as const, userId: created.id, created: true };
  });
}

function refuse(db: Db, identity: Identity, reason: SsoRefusal) {
  return writeTransaction(db, (tx) => refuseIn(tx, identity, identity.email?.trim().toLowerCase(), reason));
}

/** A refused sign-in is in the audit trail, like a refused password: who the provider said it was, and why. */
async function refuseIn(tx: Tx, identity: Identity, email: string | undefined, reason: SsoRefusal) {
  await recordAudit(tx, { ...identity.actor, name: (email ?? identity.actor.name).slice(0, 254) }, {
    entity: 'user',
    entityId: null,
    operation: 'sign_in_failed',
    after: { method: 'oidc', email: email?.slice(0, 254) ?? null, identity: `${identity.issuer} ${identity.subject}`.slice(0, 500), refused: reason },
    at: identity.now,
  });
  return { ok: false as const, reason };
}
