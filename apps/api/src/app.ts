import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { compiledSerializer } from './plugins/serializer';
import { sendProblem } from './plugins/error-handler';
import type { Db } from '@lrt/db';
import { refuseNulCharacters } from './plugins/nul-characters';
import { DEFAULT_SCRYPT_COST } from './lib/password-hash';
import { authPlugin, cookieName } from './plugins/auth';
import { databasePlugin } from './plugins/database';
import { errorHandlerPlugin } from './plugins/error-handler';
import { openApiPlugin } from './plugins/openapi';
import { securityHeadersPlugin } from './plugins/security-headers';
import { spaPlugin } from './plugins/spa';
import { agencyRoutes } from './modules/agencies/agencies.routes';
import { subgroupRoutes } from './modules/subgroups/subgroups.routes';
import { themeRoutes } from './modules/themes/themes.routes';
import { reviewRoutes } from './modules/reviews/reviews.routes';
import { learningPointRoutes } from './modules/learning-points/learning-points.routes';
import { recommendationRoutes } from './modules/recommendations/recommendations.routes';
import { actionRoutes } from './modules/actions/actions.routes';
import { reviewActionRoutes } from './modules/actions/review-actions.routes';
import { progressUpdateRoutes } from './modules/progress-updates/progress-updates.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { settingsRoutes } from './modules/settings/settings.routes';
import { healthRoutes } from './modules/health/health.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { mfaRoutes } from './modules/auth/mfa.routes';
import { oidcRoutes } from './modules/auth/oidc.routes';
import type { OidcSettings } from './modules/auth/oidc.service';
import { ssoDomainRoutes } from './modules/sso-domains/sso-domains.routes';
import { SignInGuard, type ThrottleLimits } from './modules/auth/sign-in-throttle';
import { ownSessionRoutes } from './modules/auth/sessions.routes';
import { userRoutes } from './modules/users/users.routes';
import { accountLinkRoutes } from './modules/account-links/account-links.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { importRoutes } from './modules/imports/imports.routes';
import { exportRoutes } from './modules/exports/exports.routes';
import { defaultEvidenceDir, evidenceRoutes } from './modules/evidence/evidence.routes';
import { targetDateRoutes } from './modules/target-dates/target-dates.routes';
import { tokenRoutes } from './modules/tokens/tokens.routes';
import { chaseRoutes } from './modules/chase/chase.routes';
import { reportRoutes } from './modules/reports/reports.routes';
import { snapshotRoutes } from './modules/snapshots/snapshots.routes';
import { respondRoutes } from './modules/chase/respond.routes';
import { planRemindersAndEscalations } from './modules/chase/reminders';
import { outboxRoutes } from './modules/mail/outbox.routes';
import { MailSender } from './modules/mail/mail-sender';
import { Scheduler } from './modules/mail/scheduler';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sends the outbox (SMTP, or the log without SMTP_URL). */
    mail: MailSender;
    /** The background work: reminders, escalations, sending. Tests call `runOnce()`. */
    scheduler: Scheduler;
  }
}

export interface AppOptions {
  db: Db;
  /** Where the migrations are (MIGRATIONS_DIR): the health check compares the database with them. */
  migrationsDir?: string | undefined;
  /** The current instant; tests fix it. */
  now?: () => Date;
  /** Check every response against its contract before writing it (default: yes; production turns it off). */
  validateResponses?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** The built SPA; defaults to apps/web/dist beside this app. */
  webDistDir?: string;
  /** The address people use; https there turns on Secure cookies and HSTS. */
  publicUrl?: string;
  sessionIdleMinutes?: number;
  sessionMaxHours?: number;
  /** log2 of scrypt's N for new password hashes; tests lower it, production keeps 17. */
  scryptCost?: number;
  /** The proxies to believe about the client's address: a hop count or a list of addresses (see config.ts). */
  trustProxy?: number | string[] | false;
  /** How password checks are throttled; tests tighten or loosen it. */
  signInLimits?: ThrottleLimits;
  /**
   * Where uploaded evidence documents are kept; defaults to `evidence/` beside a file database. An in-memory
   * database has no such place: without one, uploads are refused (503).
   */
  evidenceDir?: string;
  /** Sees every route as it is registered (tests use it to build the authorisation matrix from the route table). */
  onRoute?: (route: RouteOptions) => void;
  /** Single sign-on with an OpenID Connect provider ("Sign in with your organisation"); off without it. */
  oidc?: OidcSettings | undefined;
  /** How email leaves: an SMTP server, or (without `smtpUrl`) the outbox page and the log. */
  mail?: { smtpUrl?: string | undefined; from?: string | undefined; perMinute?: number | undefined } | undefined;
  /**
   * Runs the scheduler (reminders, escalations, sending the outbox) every `intervalMs`, from start-up. Off unless
   * given: server.ts turns it on; tests drive it with `app.scheduler.runOnce()`.
   */
  scheduler?: { intervalMs: number } | undefined;
}

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/** Browsers treat https and localhost as secure contexts, where a `__Host-` Secure cookie is kept. */
export function isSecureContextUrl(publicUrl: string) {
  const url = new URL(publicUrl);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export const cookieNameFor = (publicUrl: string) => cookieName(isSecureContextUrl(publicUrl));

/** Never written to the log: credentials, cookies, session and CSRF tokens. */
export const LOG_REDACTIONS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'body.password',
  'password',
  'csrfToken',
];

/** The whole application as a Fastify instance: used by server.ts and by every test (through app.inject). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const publicUrl = options.publicUrl ?? 'http://localhost:3000';
  const logger = options.logger === undefined || options.logger === false ? false : { ...(typeof options.logger === 'object' ? options.logger : {}), redact: { paths: LOG_REDACTIONS, censor: '[redacted]' } };
  const app = Fastify({
    logger,
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A hop count believes that many proxies nearest the server (what proxy-addr does with a number); a list
    // believes only those addresses. Never every hop: the client's own X-Forwarded-For would choose its address.
    trustProxy: typeof options.trustProxy === 'number' ? trustHops(options.trustProxy) : (options.trustProxy ?? false),
    routerOptions: { ignoreTrailingSlash: true },
    // The request id is always the server's own, so no one can file their event under another's request in the
    // audit trail; a proxy's or client's id is kept beside it in the log line, to follow a request across hops.
    genReqId: () => crypto.randomUUID(),
    // The router's own refusals (a path segment longer than it allows, a path that is not UTF-8) are problems too.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = (error as { code?: string }).code === 'FST_ERR_ROUTER_URL_TOO_LONG' || /too long/i.test(error.message);
      return sendProblem(
        reply,
        tooLong
          ? { title: 'Address too long', status: 414, detail: 'A part of this address is longer than the tracker accepts.', code: 'request.uri_too_long' }
          : { title: 'Bad address', status: 400, detail: 'This address is not one the tracker can read (it is not valid UTF-8).', code: 'request.malformed' },
      );
    },
    childLoggerFactory: (parent, bindings, options, rawRequest) => {
      const given = rawRequest.headers['x-request-id'];
      const clientRequestId = typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : undefined;
      return parent.child(clientRequestId ? { ...bindings, clientRequestId } : bindings, options);
    },
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.addHook('preValidation', refuseNulCharacters);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compiledSerializer({ validate: options.validateResponses ?? true }) as never);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  const session = {
    secureCookie: isSecureContextUrl(publicUrl),
    idleMinutes: options.sessionIdleMinutes ?? 60,
    absoluteHours: options.sessionMaxHours ?? 12,
  };
  const scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;

  await app.register(databasePlugin, { db: options.db, now: options.now ?? (() => new Date()) });
  const signInGuard = new SignInGuard(options.db, () => app.now(), options.signInLimits, app.log);
  app.addHook('onClose', async () => signInGuard.close());
  await app.register(errorHandlerPlugin);
  await app.register(securityHeadersPlugin, { https: new URL(publicUrl).protocol === 'https:' });
  await app.register(cookie);
  await app.register(authPlugin, session);
  await app.register(openApiPlugin);

  const mailContext = { publicUrl: publicUrl.replace(/\/$/, '') };
  const mail = new MailSender(options.db, () => app.now(), { ...options.mail, from: options.mail?.from ?? 'tracker@localhost', publicUrl: mailContext.publicUrl }, app.log);
  const tickMs = options.scheduler?.intervalMs ?? 5_000;
  const scheduler = new Scheduler(
    [
      { name: 'plan reminders and escalations', run: () => planRemindersAndEscalations(options.db, app.now(), mailContext) },
      { name: 'send the outbox', run: () => mail.deliverDue(mail.batchSize(tickMs)) },
    ],
    app.log,
  );
  app.decorate('mail', mail);
  app.decorate('scheduler', scheduler);
  if (options.scheduler) app.addHook('onReady', async () => scheduler.start(tickMs));
  app.addHook('onClose', async () => {
    await scheduler.stop();
    mail.close();
  });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { migrationsDir: options.migrationsDir });
      await api.register(authRoutes, { ...session, scryptCost, signInGuard });
      await api.register(ownSessionRoutes, { signInGuard });
      await api.register(mfaRoutes, { ...session, signInGuard });
      await api.register(oidcRoutes, { ...session, oidc: options.oidc, publicUrl: publicUrl.replace(/\/$/, '') });
      await api.register(userRoutes, { scryptCost });
      await api.register(accountLinkRoutes, { scryptCost });
      await api.register(ssoDomainRoutes);
      await api.register(tokenRoutes);
      await api.register(auditRoutes);
      await api.register(agencyRoutes);
      await api.register(subgroupRoutes);
      await api.register(themeRoutes);
      await api.register(reviewRoutes);
      await api.register(learningPointRoutes);
      await api.register(recommendationRoutes);
      await api.register(actionRoutes);
      await api.register(reviewActionRoutes);
      await api.register(progressUpdateRoutes, mailContext);
      await api.register(targetDateRoutes);
      await api.register(dashboardRoutes);
      await api.register(settingsRoutes);
      await api.register(exportRoutes);
      await api.register(importRoutes, mailContext);
      await api.register(reportRoutes);
      await api.register(snapshotRoutes);
      await api.register(evidenceRoutes, { evidenceDir: options.evidenceDir ?? defaultEvidenceDir(options.db) });
      await api.register(chaseRoutes, mailContext);
      await api.register(respondRoutes, mailContext);
      await api.register(outboxRoutes, { transport: mail.transport });
    },
    { prefix: '/api' },
  );

  await app.register(spaPlugin, { webDistDir: options.webDistDir ?? DEFAULT_WEB_DIST });
  return app;
}
