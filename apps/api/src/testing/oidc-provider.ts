import { createServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID Connect provider for tests (oidc-provider, the certified implementation), on a free loopback
 * port: one client registered for the tracker's callback, the people it knows, and its development sign-in form,
 * which takes any password. API tests drive that form with fetch (`authorize`); browser journeys fill it in.
 */

/** Someone the provider knows, by the login name typed into its form. */
export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** The `sub` claim: the login name unless given. */
  sub?: string;
  /** More ID token claims (e.g. Microsoft Entra ID's `xms_edov`). */
  claims?: Record<string, unknown>;
}

export interface TestOidcProvider {
  /** The issuer URL, for OIDC_ISSUER_URL. */
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** Who can sign in; change it between sign-ins as a test needs. */
  accounts: Map<string, TestAccount>;
  /**
   * Follows the tracker's redirect to the provider as a browser would (carrying the provider's cookies), signs in
   * as `login`, and returns where the provider sends the browser back: the tracker's callback with code and state.
   */
  authorize: (authorizationUrl: string, login: string) => Promise<URL>;
  /** The same, but the person cancels at the sign-in form: the callback carries `error=access_denied`. */
  cancel: (authorizationUrl: string) => Promise<URL>;
  close: () => Promise<void>;
}

export interface TestOidcProviderOptions {
  /** The tracker's `${PUBLIC_URL}/api/auth/oidc/callback`. */
  redirectUris: string[];
  accounts?: Record<string, TestAccount>;
  clientId?: string;
  /** `null` registers a public client (PKCE alone, no secret). */
  clientSecret?: string | null;
}

/** A port no one is listening on now, for a server that must know its own address before it starts. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const SCOPES = 'openid email profile';

export async function startOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? 'learning-review-tracker';
  const clientSecret = options.clientSecret === null ? undefined : (options.clientSecret ?? 'a test client secret of some length');
  const accounts = new Map(Object.entries(options.accounts ?? {}));

  // The issuer names the port, so listen first and hand the requests to the provider once it exists.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        ...(clientSecret ? { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_post' } : { token_endpoint_auth_method: 'none' }),
        redirect_uris: options.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: account.sub ?? id,
          ...(account.email !== undefined ? { email: account.email } : {}),
          ...(account.email_verified !== undefined ? { email_verified: account.email_verified } : {}),
          ...(account.name !== undefined ? { name: account.name } : {}),
          ...account.claims,
        }),
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
    // The claims of the scopes go in the ID token itself (the tracker reads only the ID token, as with Entra ID).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['a cookie key for the test provider'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    // A first-party client: no consent screen, the grant is given as soon as the person has signed in.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope(SCOPES);
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.on('server_error', (_ctx, error) => console.error('test OpenID provider:', error));
  server.on('request', provider.callback());

  /** Follows redirects within the provider, carrying its cookies, until it sends the browser elsewhere. */
  async function browse(authorizationUrl: string, atForm: (form: { action: string; prompt: string; uid: string }) => { method: 'GET' | 'POST'; url: string; body?: URLSearchParams }) {
    const jar = new Map<string, string>();
    const send = async (method: 'GET' | 'POST', url: string, body?: URLSearchParams) => {
      const response = await fetch(url, {
        method,
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body ? { body: body.toString() } : {}),
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const eq = pair.indexOf('=');
        const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
        if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') jar.delete(name);
        else jar.set(name, value);
      }
      return response;
    };
    let response = await send('GET', authorizationUrl);
    for (let step = 0; step < 20; step++) {
      const location = response.headers.get('location');
      if (location) {
        const next = new URL(location, issuer);
        if (next.origin !== issuer) return next;
        response = await send('GET', next.href);
        continue;
      }
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      if (response.status !== 200 || !action || !prompt) throw new Error(`The test provider answered ${response.status}: ${html.slice(0, 500)}`);
      const uid = new URL(action, issuer).pathname.split('/').pop()!;
      const next = atForm({ action: new URL(action, issuer).href, prompt, uid });
      response = await send(next.method, next.url, next.body);
    }
    throw new Error('The test provider never sent the browser back');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    authorize: (authorizationUrl, login) =>
      browse(authorizationUrl, ({ action, prompt }) => ({ method: 'POST', url: action, body: new URLSearchParams({ prompt, login, password: 'any password' }) })),
    cancel: (authorizationUrl) => browse(authorizationUrl, ({ uid }) => ({ method: 'GET', url: `${issuer}/interaction/${uid}/abort` })),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
