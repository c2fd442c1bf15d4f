import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { withoutPassword, type DatabaseTarget } from '@lrt/db';
import { z } from 'zod';

const Bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * Which proxies in front of the server to believe about the client's address (`X-Forwarded-For`): a number of
 * hops (e.g. `1` for one reverse proxy), or a comma-separated list of proxy addresses and CIDR ranges. `true`
 * would believe every hop, so a client could name any address it liked for the rate limits, sessions and audit
 * trail: it is refused, with the choice explained.
 */
const TrustProxy = z.string().transform((value, context): number | string[] | false => {
  const text = value.trim().toLowerCase();
  if (['false', 'no', '0', 'none'].includes(text)) return false;
  if (['true', 'yes', 'all', '*'].includes(text)) {
    context.addIssue({
      code: 'custom',
      message:
        'must be a hop count (e.g. 1 for one reverse proxy in front of the tracker) or a comma-separated list of proxy addresses ' +
        '(e.g. 10.0.0.5,10.0.1.0/24). "true" would trust every X-Forwarded-For hop, so any client could choose the address that ' +
        'rate limits, sessions and the audit trail record.',
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 10) {
      context.addIssue({ code: 'custom', message: 'a hop count must be between 1 and 10 (the reverse proxies in front of the tracker)' });
      return z.NEVER;
    }
    return hops;
  }
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (entries.length === 0 || bad.length > 0) {
    context.addIssue({ code: 'custom', message: `is not a hop count or a list of proxy addresses: ${bad.join(', ') || value}` });
    return z.NEVER;
  }
  return entries;
});

function isProxyAddress(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * Single sign-on is on with both the issuer and the client id, and off with neither: one alone is a mistake to
 * hear about at start-up, not at someone's first sign-in. The provider is reached over https (http only on this
 * machine, for trying it out), since its answers decide who is signed in.
 */
function checkOidc(env: { OIDC_ISSUER_URL?: string | undefined; OIDC_CLIENT_ID?: string | undefined; OIDC_CLIENT_SECRET?: string | undefined }, ctx: z.RefinementCtx) {
  const given = [env.OIDC_ISSUER_URL, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].some(Boolean);
  if (given && !env.OIDC_ISSUER_URL) ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER_URL'], message: 'set it with OIDC_CLIENT_ID to turn on single sign-on (or unset both)' });
  if (given && !env.OIDC_CLIENT_ID) ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'set it with OIDC_ISSUER_URL to turn on single sign-on (or unset both)' });
  if (env.OIDC_ISSUER_URL && URL.canParse(env.OIDC_ISSUER_URL)) {
    const url = new URL(env.OIDC_ISSUER_URL);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER_URL'], message: 'must be an https address (http only for a provider on this machine)' });
    }
  }
}

/**
 * `DATABASE_URL`: unset, the SQLite file at `DATABASE_PATH`; `sqlite:<file>` (or `file:<file>`), that SQLite
 * file; `postgres://user:password@host:5432/database` (or `postgresql://`), that PostgreSQL database. Anything
 * else stops start-up, naming the setting. Never echoes the password.
 */
const DatabaseUrl = z.string().transform((value, context): { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string } => {
  const text = value.trim();
  const sqlite = /^(?:sqlite|file):(?:\/\/)?(.+)$/i.exec(text);
  if (sqlite) return { kind: 'sqlite', path: sqlite[1]! };
  if (/^postgres(?:ql)?:\/\//i.test(text)) {
    if (URL.canParse(text) && new URL(text).hostname !== '') return { kind: 'postgres', url: text };
    context.addIssue({ code: 'custom', message: `names no server: ${withoutPassword(text)} (write postgres://user:password@host:5432/database)` });
    return z.NEVER;
  }
  context.addIssue({ code: 'custom', message: `must be postgres://user:password@host:5432/database or sqlite:<file>, not ${withoutPassword(text)}` });
  return z.NEVER;
});

/** Every setting the server reads from its environment. The only reader of process.env. */
const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_PATH: z.string().min(1).default('./data/tracker.db'),
    /** Where the data lives, as an address: see DatabaseUrl. Wins over DATABASE_PATH when both are set. */
    DATABASE_URL: DatabaseUrl.optional(),
    /** Connections each instance keeps open to PostgreSQL at most. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** The folder of uploaded evidence documents; back it up with the database. */
    EVIDENCE_DIR: z.string().min(1).optional(),
    SEED_DEMO: Bool.default(true),
    DEMO_PASSWORD: z.string().min(12).optional(),
    /** Read by the create-admin command only. */
    ADMIN_PASSWORD: z.string().optional(),
    PUBLIC_URL: z.url().optional(),
    /** `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465`; unset: mail is kept in the outbox page and logged. */
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// address, e.g. smtp://user:password@mail.example.org:587' }).optional(),
    MAIL_FROM: z.string().min(3).default('tracker@localhost'),
    /** At most this many emails leave per minute (the scheduler sends in the background at this rate). */
    MAIL_PER_MINUTE: z.coerce.number().int().min(1).max(6000).default(120),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** `production` (the Docker image) skips checking each response against its contract (tests always check). */
    NODE_ENV: z.string().optional(),
    MIGRATIONS_DIR: z.string().optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    TRUST_PROXY: TrustProxy.optional(),
    WEB_DIST_DIR: z.string().optional(),
    /** Single sign-on ("Sign in with your organisation"): the OpenID Connect provider and the tracker's registration there. */
    OIDC_ISSUER_URL: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    /** Left out for a public client, which proves itself with PKCE alone. */
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  })
  .superRefine(checkOidc)
  .transform((env) => {
    const url = env.DATABASE_URL;
    const databasePath = url?.kind === 'sqlite' ? url.path : env.DATABASE_PATH;
    const database: DatabaseTarget =
      url?.kind === 'postgres' ? { dialect: 'postgres', url: url.url, maxConnections: env.DATABASE_POOL_SIZE } : { dialect: 'sqlite', path: databasePath };
    return {
      port: env.PORT,
      host: env.HOST,
      database,
      /** The SQLite file (the backup and restore commands work on it); on PostgreSQL, unused. */
      databasePath,
      evidenceDir: env.EVIDENCE_DIR ?? join(dirname(databasePath), 'evidence'),
      seedDemo: env.SEED_DEMO,
      demoPassword: env.DEMO_PASSWORD,
      adminPassword: env.ADMIN_PASSWORD,
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
      smtpUrl: env.SMTP_URL,
      mailFrom: env.MAIL_FROM,
      mailPerMinute: env.MAIL_PER_MINUTE,
      logLevel: env.LOG_LEVEL,
      validateResponses: env.NODE_ENV !== 'production',
      migrationsDir: env.MIGRATIONS_DIR,
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      sessionMaxHours: env.SESSION_MAX_HOURS,
      trustProxy: env.TRUST_PROXY ?? false,
      webDistDir: env.WEB_DIST_DIR,
      oidc:
        env.OIDC_ISSUER_URL && env.OIDC_CLIENT_ID
          ? { issuerUrl: env.OIDC_ISSUER_URL, clientId: env.OIDC_CLIENT_ID, ...(env.OIDC_CLIENT_SECRET ? { clientSecret: env.OIDC_CLIENT_SECRET } : {}) }
          : undefined,
    };
  });

export type Config = z.infer<typeof ConfigSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (as docker compose passes for `${X:-}`) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
