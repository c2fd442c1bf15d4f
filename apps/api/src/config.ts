import { dirname, join } from 'node:path';
import { z } from 'zod';

const Bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

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

/** Every setting the server reads from its environment. The only reader of process.env. */
const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_PATH: z.string().min(1).default('./data/tracker.db'),
    /** The folder of uploaded evidence documents; back it up with the database. */
    EVIDENCE_DIR: z.string().min(1).optional(),
    SEED_DEMO: Bool.default(true),
    DEMO_PASSWORD: z.string().min(12).optional(),
    /** Read by the create-admin command only. */
    ADMIN_PASSWORD: z.string().optional(),
    PUBLIC_URL: z.url().optional(),
    SMTP_URL: z.url().optional(),
    MAIL_FROM: z.string().min(3).default('tracker@localhost'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MIGRATIONS_DIR: z.string().optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    TRUST_PROXY: Bool.default(false),
    WEB_DIST_DIR: z.string().optional(),
    /** Single sign-on ("Sign in with your organisation"): the OpenID Connect provider and the tracker's registration there. */
    OIDC_ISSUER_URL: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    /** Left out for a public client, which proves itself with PKCE alone. */
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  })
  .superRefine(checkOidc)
  .transform((env) => ({
    port: env.PORT,
    host: env.HOST,
    databasePath: env.DATABASE_PATH,
    evidenceDir: env.EVIDENCE_DIR ?? join(dirname(env.DATABASE_PATH), 'evidence'),
    seedDemo: env.SEED_DEMO,
    demoPassword: env.DEMO_PASSWORD,
    adminPassword: env.ADMIN_PASSWORD,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    logLevel: env.LOG_LEVEL,
    migrationsDir: env.MIGRATIONS_DIR,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionMaxHours: env.SESSION_MAX_HOURS,
    trustProxy: env.TRUST_PROXY,
    webDistDir: env.WEB_DIST_DIR,
    oidc:
      env.OIDC_ISSUER_URL && env.OIDC_CLIENT_ID
        ? { issuerUrl: env.OIDC_ISSUER_URL, clientId: env.OIDC_CLIENT_ID, ...(env.OIDC_CLIENT_SECRET ? { clientSecret: env.OIDC_CLIENT_SECRET } : {}) }
        : undefined,
  }));

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
