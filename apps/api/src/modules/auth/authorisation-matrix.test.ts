import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { ACTION_STATUSES, STATUS_TRANSITIONS, type ActionStatus, type Role } from '@lrt/contracts';
import { createTestDatabase, unique } from '@lrt/db/testing';
import { closeDatabase, rawRow } from '@lrt/db';
import { buildApp } from '../../app';
import { hasCapability, isClosed, isSignOff, progressUpdatePermission, type Principal } from '@lrt/domain';
import type { Access } from '../../plugins/auth';
import { expectProblem } from '../../testing/http-expect';
import { createTestWorld, factories, seedSmallPlan, TEST_PASSWORD, type Caller, type TestWorld } from '../../testing/test-app';

/**
 * The authorisation matrix, generated from the app's own route table: every route under /api, sent by every kind
 * of caller, answers as `config.access` and the rule table (domain/permissions.ts) say. A new route is in the
 * matrix the moment it is registered; give it an id and a valid body below to have its success checked too.
 */

interface ApiRoute {
  method: string;
  url: string;
  access: Access | undefined;
}

async function collectApiRoutes(): Promise<ApiRoute[]> {
  const routes: ApiRoute[] = [];
  const db = await createTestDatabase();
  const onRoute = (route: RouteOptions) => {
    if (!route.url.startsWith('/api')) return;
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access: route.config?.access });
  };
  const app = await buildApp({ db, webDistDir: '/nonexistent', scryptCost: 10, onRoute });
  await app.ready();
  await app.close();
  await closeDatabase(db);
  return routes;
}

const ALL_ROUTES = await collectApiRoutes();
const isDocs = (route: ApiRoute) => route.url === '/api/docs' || route.url.startsWith('/api/docs/');
const ROUTES = ALL_ROUTES.filter((route) => !isDocs(route));

type CallerKind =
  | 'no session'
  | 'admin'
  | 'agency lead (own)'
  | 'agency lead (other)'
  | 'subgroup chair (own)'
  | 'subgroup chair (other)'
  | 'independent chair'
  | 'viewer';

interface Links {
  agencyIds: number[];
  subgroupIds: number[];
}

interface Fixtures {
  world: TestWorld;
  plan: Awaited<ReturnType<typeof seedSmallPlan>>;
  otherSubgroup: { id: number };
  /** A user the user routes act on, so no caller of the matrix changes their own account. */
  targetUser: Caller;
  /** A user the public sign-in route signs in. */
  loginUser: Caller;
}

const CALLER_KINDS: { kind: CallerKind; roles: Role[]; links: (fx: Fixtures) => Links }[] = [
  { kind: 'no session', roles: [], links: () => ({ agencyIds: [], subgroupIds: [] }) },
  { kind: 'admin', roles: ['admin'], links: () => ({ agencyIds: [], subgroupIds: [] }) },
  { kind: 'agency lead (own)', roles: ['agency_lead'], links: (fx) => ({ agencyIds: [fx.plan.police.id], subgroupIds: [] }) },
  { kind: 'agency lead (other)', roles: ['agency_lead'], links: (fx) => ({ agencyIds: [fx.plan.health.id], subgroupIds: [] }) },
  { kind: 'subgroup chair (own)', roles: ['subgroup_chair'], links: (fx) => ({ agencyIds: [], subgroupIds: [fx.plan.subgroup.id] }) },
  { kind: 'subgroup chair (other)', roles: ['subgroup_chair'], links: (fx) => ({ agencyIds: [], subgroupIds: [fx.otherSubgroup.id] }) },
  { kind: 'independent chair', roles: ['independent_chair'], links: () => ({ agencyIds: [], subgroupIds: [] }) },
  { kind: 'viewer', roles: ['viewer'], links: () => ({ agencyIds: [], subgroupIds: [] }) },
];

const principalOf = (roles: Role[], links: Links): Principal => ({ id: 0, name: 'matrix', roles, ...links });

/** The rows each `:id` of a route names: a real row of the right kind. */
const TARGETS: Record<string, { table: string; id: (fx: Fixtures) => number }> = {
  '/api/users/:id': { table: 'users', id: (fx) => fx.targetUser.userId },
  '/api/users/:id/sessions': { table: 'users', id: (fx) => fx.targetUser.userId },
  '/api/users/:id/mfa': { table: 'users', id: (fx) => fx.targetUser.userId },
  '/api/agencies/:id': { table: 'agencies', id: (fx) => fx.plan.police.id },
  '/api/subgroups/:id': { table: 'subgroups', id: (fx) => fx.plan.subgroup.id },
  '/api/themes/:id': { table: 'themes', id: (fx) => fx.plan.theme.id },
  '/api/reviews/:id': { table: 'reviews', id: (fx) => fx.plan.review.id },
  '/api/reviews/:id/learning-points': { table: 'reviews', id: (fx) => fx.plan.review.id },
  '/api/learning-points/:id': { table: 'learning_points', id: (fx) => fx.plan.learningPoint.id },
  '/api/recommendations/:id': { table: 'recommendations', id: (fx) => fx.plan.recommendation.id },
  '/api/actions/:id': { table: 'actions', id: (fx) => fx.plan.action.id },
  '/api/actions/:id/updates': { table: 'actions', id: (fx) => fx.plan.action.id },
  '/api/settings': { table: 'settings', id: () => 1 },
};

const versionOf = async (fx: Fixtures, url: string) => {
  const target = TARGETS[url]!;
  const row = await rawRow<{ version: number }>(fx.world.db, `select version from "${target.table}" where id = ?`, [target.id(fx)]);
  return row!.version;
};

/** A valid request for each known route, and what an allowed caller gets. Bodies are built fresh (current version, unique names). */
const KNOWN: Record<string, { ok: number; body?: (fx: Fixtures, url: string) => Record<string, unknown> | Promise<Record<string, unknown>>; freshCaller?: true }> = {
  'GET /api/health': { ok: 200 },
  'GET /api/openapi.json': { ok: 200 },
  'POST /api/auth/login': { ok: 200, body: (fx) => ({ email: fx.loginUser.email, password: TEST_PASSWORD }), freshCaller: true },
  'POST /api/auth/logout': { ok: 204, freshCaller: true },
  'GET /api/auth/me': { ok: 200 },
  'GET /api/users': { ok: 200 },
  'POST /api/users': {
    ok: 201,
    body: () => ({ email: `${unique('matrix.user.')}@test.example`, name: unique('Matrix User '), password: 'plum orchard lantern 93', roles: ['viewer'] }),
  },
  'GET /api/users/:id': { ok: 200 },
  'PATCH /api/users/:id': { ok: 200, body: async (fx, url) => ({ version: await versionOf(fx, url), name: unique('Renamed User ') }) },
  'DELETE /api/users/:id/sessions': { ok: 200 },
  'GET /api/audit': { ok: 200 },
  'GET /api/agencies': { ok: 200 },
  'POST /api/agencies': { ok: 201, body: () => ({ name: unique('Matrix Agency '), shortName: unique('MA'), kind: 'other' }) },
  'GET /api/agencies/:id': { ok: 200 },
  'PATCH /api/agencies/:id': { ok: 200, body: async (fx, url) => ({ version: await versionOf(fx, url), name: unique('Renamed Agency ') }) },
  'GET /api/subgroups': { ok: 200 },
  'POST /api/subgroups': { ok: 201, body: () => ({ name: unique('Matrix Subgroup '), shortName: unique('MS') }) },
  'GET /api/subgroups/:id': { ok: 200 },
  'PATCH /api/subgroups/:id': { ok: 200, body: async (fx, url) => ({ version: await versionOf(fx, url), name: unique('Renamed Subgroup ') }) },
  'GET /api/themes': { ok: 200 },
  'POST /api/themes': { ok: 201, body: () => ({ name: unique('Matrix Theme ') }) },
  'GET /api/themes/matrix': { ok: 200 },
  'GET /api/themes/:id': { ok: 200 },
  'PATCH /api/themes/:id': { ok: 200, body: async (fx, url) => ({ version: await versionOf(fx, url), description: unique('Described ') }) },
  'GET /api/reviews': { ok: 200 },
  'POST /api/reviews': { ok: 201, body: () => ({ code: unique('MX-'), type: 'lcspr', childPseudonym: 'Child M', title: 'A matrix review' }) },
  'GET /api/reviews/:id': { ok: 200 },
  'PATCH /api/reviews/:id': { ok: 200, body: async (fx, url) => ({ version: await versionOf(fx, url), title: unique('Retitled ') }) },
  'GET /api/reviews/:id/learning-points': { ok: 200 },
  'POST /api/reviews/:id/learning-points': { ok: 201, body: () => ({ title: unique('Learning point ') }) },
  'GET /api/learning-points/:id': { ok: 200 },
  'PATCH /api/learning-points/:id': { ok: 200, body: async (fx, url) => ({ version: await versionOf(fx, url), title: unique('Retitled point ') }) },
  'GET /api/recommendations': { ok: 200 },
  'POST /api/recommendations': { ok: 201, body: (fx) => ({ reviewId: fx.plan.review.id, text: unique('The partnership should ') }) },
  'GET /api/recommendations/:id': { ok: 200 },
  'PATCH /api/recommendations/:id': { ok: 200, body: async (fx, url) => ({ version: await versionOf(fx, url), text: unique('Reworded ') }) },
  'GET /api/actions': { ok: 200 },
  'POST /api/actions': {
    ok: 201,
    body: (fx) => ({ reviewId: fx.plan.review.id, ownerAgencyId: fx.plan.health.id, learningNeed: 'Staff need to hear the child', action: unique('Brief staff ') }),
  },
  'GET /api/actions/:id': { ok: 200 },
  'PATCH /api/actions/:id': { ok: 200, body: async (fx, url) => ({ version: await versionOf(fx, url), successMeasure: unique('Audit ') }) },
  'GET /api/actions/:id/updates': { ok: 200 },
  'POST /api/actions/:id/updates': { ok: 201, body: () => ({ note: unique('Briefed team '), confidence: 'on_track' }) },
  'GET /api/dashboard': { ok: 200 },
  'GET /api/exports/actions.csv': { ok: 200 },
  'GET /api/settings': { ok: 200 },
  'PATCH /api/settings': { ok: 200, body: async (fx, url) => ({ version: await versionOf(fx, url), partnershipName: unique('Northmoor Partnership ') }) },
};
/**
 * Who each known route is for, written out: the matrix derives its expectations from `config.access`, so this
 * pins the rules themselves (a route quietly loosened from `managePlans` to `read` fails here).
 */
const EXPECTED_ACCESS: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'signed_in',
  'GET /api/auth/me': 'signed_in',
  'GET /api/users': 'manageUsers',
  'POST /api/users': 'manageUsers',
  'GET /api/users/:id': 'manageUsers',
  'PATCH /api/users/:id': 'manageUsers',
  'DELETE /api/users/:id/sessions': 'manageUsers',
  'DELETE /api/users/:id/mfa': 'manageUsers',
  'POST /api/auth/login/mfa': 'public',
  'POST /api/auth/mfa/totp': 'signed_in',
  'POST /api/auth/mfa/totp/confirm': 'signed_in',
  'POST /api/auth/mfa/recovery-codes': 'signed_in',
  'DELETE /api/auth/mfa': 'signed_in',
  'GET /api/audit': 'readAudit',
  'GET /api/agencies': 'read',
  'POST /api/agencies': 'manageReferenceData',
  'GET /api/agencies/:id': 'read',
  'PATCH /api/agencies/:id': 'manageReferenceData',
  'GET /api/subgroups': 'read',
  'POST /api/subgroups': 'manageReferenceData',
  'GET /api/subgroups/:id': 'read',
  'PATCH /api/subgroups/:id': 'manageReferenceData',
  'GET /api/themes': 'read',
  'POST /api/themes': 'manageReferenceData',
  'GET /api/themes/matrix': 'read',
  'GET /api/themes/:id': 'read',
  'PATCH /api/themes/:id': 'manageReferenceData',
  'GET /api/reviews': 'read',
  'POST /api/reviews': 'managePlans',
  'GET /api/reviews/:id': 'read',
  'PATCH /api/reviews/:id': 'managePlans',
  'GET /api/reviews/:id/learning-points': 'read',
  'POST /api/reviews/:id/learning-points': 'managePlans',
  'GET /api/learning-points/:id': 'read',
  'PATCH /api/learning-points/:id': 'managePlans',
  'GET /api/recommendations': 'read',
  'POST /api/recommendations': 'managePlans',
  'GET /api/recommendations/:id': 'read',
  'PATCH /api/recommendations/:id': 'managePlans',
  'GET /api/actions': 'read',
  'POST /api/actions': 'managePlans',
  'GET /api/actions/:id': 'read',
  'PATCH /api/actions/:id': 'managePlans',
  'GET /api/actions/:id/updates': 'read',
  'POST /api/actions/:id/updates': 'postUpdates',
  'GET /api/dashboard': 'read',
  'GET /api/exports/actions.csv': 'read',
  'GET /api/settings': 'read',
  'PATCH /api/settings': 'manageSettings',
  // Plan keeping: the matrix runs these for every caller too; their rules are pinned here.
  'POST /api/reviews/:id/actions': 'managePlans',
  'POST /api/reviews/:id/learning-points/order': 'managePlans',
  'POST /api/reviews/:id/recommendations/order': 'managePlans',
  'POST /api/actions/:id/assurance': 'assureActions',
  'GET /api/actions/:id/target-date-requests': 'read',
  'POST /api/actions/:id/target-date-requests': 'postUpdates',
  'POST /api/target-date-requests/:id/decision': 'postUpdates',
  'POST /api/evidence': 'postUpdates',
  'GET /api/evidence/:id': 'read',
  // Single sign-on: whether it is on is public (the sign-in page asks); which domains open accounts is the admins'.
  'GET /api/auth/oidc/status': 'public',
  'GET /api/sso-domains': 'manageUsers',
  'POST /api/sso-domains': 'manageUsers',
  'DELETE /api/sso-domains/:domain': 'manageUsers',
};

const known = (route: ApiRoute) => KNOWN[`${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`];

const UPDATE_ROUTE = 'POST /api/actions/:id/updates';
/**
 * Who may post a progress update (the agency's progress), written out by hand so the rule table is checked against
 * it too. A subgroup chair's word is a comment, not the agency's progress.
 */
const UPDATE_OUTCOMES: Record<CallerKind, number> = {
  'no session': 401,
  admin: 201,
  'agency lead (own)': 201,
  'agency lead (other)': 403,
  'subgroup chair (own)': 403,
  'subgroup chair (other)': 403,
  'independent chair': 403,
  viewer: 403,
};
/** Who may comment on an action: the overseeing subgroup's chair and the business unit. */
const COMMENT_OUTCOMES: Record<CallerKind, number> = {
  'no session': 401,
  admin: 201,
  'agency lead (own)': 403,
  'agency lead (other)': 403,
  'subgroup chair (own)': 201,
  'subgroup chair (other)': 403,
  'independent chair': 403,
  viewer: 403,
};

describe('the route table', () => {
  it('gives every route under /api an access rule', () => {
    const open = ROUTES.filter((route) => !route.access).map((route) => `${route.method} ${route.url}`);
    expect(open).toEqual([]);
  });

  it('is the whole API, as far as this matrix knows it', () => {
    // A sanity check that the hook saw the table, not an exhaustive list: new routes join the matrix by themselves.
    const names = new Set(ROUTES.map((route) => `${route.method} ${route.url}`));
    for (const name of Object.keys(KNOWN)) expect(names, name).toContain(name);
    expect(ALL_ROUTES.some(isDocs)).toBe(true);
  });

  it('asks of each known route what the product says it should', () => {
    const names = new Set(ROUTES.map((route) => `${route.method} ${route.url}`));
    for (const name of Object.keys(KNOWN)) expect(EXPECTED_ACCESS, name).toHaveProperty([name]);
    for (const name of Object.keys(EXPECTED_ACCESS)) expect(names, name).toContain(name);
    for (const route of ROUTES) {
      const name = `${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`;
      if (EXPECTED_ACCESS[name]) expect(route.access, `${route.method} ${route.url}`).toBe(EXPECTED_ACCESS[name]);
    }
  });

  it('turns away a route registered without an access rule', async () => {
    const db = await createTestDatabase();
    const app = await buildApp({ db, webDistDir: '/nonexistent', scryptCost: 10 });
    expect(() => app.get('/api/forgotten', async () => ({ open: true }))).toThrow(/declares no access rule/);
    await app.close();
    await closeDatabase(db);
  });
});

describe('every route × every caller', () => {
  let fx: Fixtures;
  const callers = new Map<CallerKind, Caller | null>();

  beforeAll(async () => {
    const world = await createTestWorld();
    const plan = await seedSmallPlan(world.db);
    const otherSubgroup = await factories.subgroup(world.db);
    fx = {
      world,
      plan,
      otherSubgroup,
      targetUser: await world.signIn(['viewer'], { name: 'Matrix Target' }),
      loginUser: await world.signIn(['viewer'], { name: 'Matrix Sign In' }),
    };
    for (const { kind, roles, links } of CALLER_KINDS) {
      callers.set(kind, kind === 'admin' ? world.admin : roles.length === 0 ? null : await world.signIn(roles, { ...links(fx), name: `Matrix ${kind}` }));
    }
  });
  afterAll(() => fx.world.close());

  it('agrees with the hand-written rules on who may post a progress update', () => {
    const scope = { status: 'not_started' as const, agencyIds: [fx.plan.police.id], subgroupId: fx.plan.subgroup.id };
    for (const { kind, roles, links } of CALLER_KINDS) {
      if (kind === 'no session') continue;
      const principal = principalOf(roles, links(fx));
      const allowed = hasCapability(principal, 'postUpdates') && progressUpdatePermission(principal, scope).canPostUpdate;
      expect(allowed ? 201 : 403, kind).toBe(UPDATE_OUTCOMES[kind]);
    }
  });

  for (const route of ROUTES) {
    const name = `${route.method} ${route.url}`;
    it(`${name} (${route.access ?? 'no rule'})`, async () => {
      const { world } = fx;
      const spec = known(route);
      for (const { kind, roles, links } of CALLER_KINDS) {
        const principal = principalOf(roles, links(fx));
        let caller = callers.get(kind) ?? null;
        // Signing in or out ends the session it is sent with: those routes get a caller of their own.
        if (caller && spec?.freshCaller) caller = await world.signIn(roles, { ...links(fx), name: unique(`Matrix fresh ${kind} `) });

        const url = route.url.replace(/:(\w+)/g, () => String(TARGETS[route.url]?.id(fx) ?? 999_999));
        const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? ((await spec?.body?.(fx, route.url)) ?? {}) : undefined;

        let expected: number | 'allowed';
        if (route.access === 'public') expected = spec ? spec.ok : 'allowed';
        else if (kind === 'no session') expected = 401;
        else if (route.access !== 'signed_in' && !hasCapability(principal, route.access!)) expected = 403;
        else if (name === UPDATE_ROUTE) {
          const scope = { status: 'not_started' as const, agencyIds: [fx.plan.police.id], subgroupId: fx.plan.subgroup.id };
          expected = progressUpdatePermission(principal, scope).canPostUpdate ? 201 : 403;
          expect(expected, kind).toBe(UPDATE_OUTCOMES[kind]);
        } else expected = spec ? spec.ok : 'allowed';

        const before = await world.snapshot();
        const response = await world.request({ method: route.method as 'GET', url, ...(body ? { payload: body } : {}), as: caller });
        const label = `${name} as ${kind}`;
        if (expected === 401 || expected === 403) {
          expect(response.statusCode, `${label}: ${response.body}`).toBe(expected);
          if (route.method !== 'HEAD') expectProblem(response, { status: expected, code: expected === 401 ? 'auth.unauthenticated' : 'auth.forbidden' }, label);
          expect(await world.snapshot(), `${label}: a refusal changed the database`).toBe(before);
        } else if (expected === 'allowed') {
          // A route the matrix has no valid request for: past the door is all it can check (400 for `{}` is fine).
          expect([401, 403], `${label}: ${response.body}`).not.toContain(response.statusCode);
          expect(response.statusCode, `${label}: ${response.body}`).toBeLessThan(500);
        } else {
          expect(response.statusCode, `${label}: ${response.body}`).toBe(expected);
        }
      }
    });
  }
});

describe('every status change × role × status', () => {
  let world: TestWorld;
  let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
  let otherSubgroupId: number;
  const callers = new Map<CallerKind, { caller: Caller; principal: Principal }>();

  beforeAll(async () => {
    world = await createTestWorld();
    plan = await seedSmallPlan(world.db);
    otherSubgroupId = (await factories.subgroup(world.db)).id;
    const fx = { plan, otherSubgroup: { id: otherSubgroupId } } as Fixtures;
    for (const { kind, roles, links } of CALLER_KINDS) {
      if (kind === 'no session') continue;
      const caller = kind === 'admin' ? world.admin : await world.signIn(roles, { ...links(fx), name: `Mover ${kind}` });
      callers.set(kind, { caller, principal: principalOf(roles, links(fx)) });
    }
  });
  afterAll(() => world.close());

  /** The answer the rule table and the workflow give, in the order the service asks them. */
  function expectedOutcome(principal: Principal, from: ActionStatus, to: ActionStatus): { status: number; code?: string } {
    if (!hasCapability(principal, 'postUpdates')) return { status: 403, code: 'auth.forbidden' };
    const scope = { status: from, agencyIds: [plan.police.id], subgroupId: plan.subgroup.id };
    const permission = progressUpdatePermission(principal, scope);
    // An assured or withdrawn action takes nothing more: said to those who could post or comment were it open.
    if (isClosed(from)) {
      const whileOpen = progressUpdatePermission(principal, { ...scope, status: 'in_progress' });
      return whileOpen.canPostUpdate || whileOpen.canComment ? { status: 422, code: 'action.closed' } : { status: 403, code: 'auth.forbidden' };
    }
    // Assuring or returning is a sign-off decision, for those who may sign this action off.
    if (isSignOff(from, to)) return permission.canDecideAssurance ? { status: 201 } : { status: 403, code: 'auth.forbidden' };
    if (!permission.canPostUpdate) return { status: 403, code: 'auth.forbidden' };
    if (!STATUS_TRANSITIONS[from].includes(to)) return { status: 422, code: 'action.transition_not_allowed' };
    if (!permission.statusChanges.includes(to)) return { status: 403, code: 'auth.forbidden' };
    return { status: 201 };
  }

  const actionIn = (status: ActionStatus) =>
    factories.action(world.db, {
      reviewId: plan.review.id,
      ownerAgencyId: plan.police.id,
      subgroupId: plan.subgroup.id,
      status,
      evidenceOfImpact: status === 'assured' ? 'Re-audit shows the change' : null,
      withdrawnReason: status === 'withdrawn' ? 'Superseded' : null,
      createdAt: '2026-02-20T09:00:00.000Z',
    });

  it('matches the workflow written out for the main roles', () => {
    const outcome = (kind: CallerKind, from: ActionStatus, to: ActionStatus) => expectedOutcome(callers.get(kind)!.principal, from, to).status;
    expect(outcome('agency lead (own)', 'not_started', 'in_progress')).toBe(201);
    expect(outcome('agency lead (own)', 'in_progress', 'completed')).toBe(201);
    expect(outcome('agency lead (own)', 'in_progress', 'withdrawn')).toBe(403);
    expect(outcome('agency lead (own)', 'not_started', 'completed')).toBe(201);
    expect(outcome('agency lead (own)', 'not_started', 'withdrawn')).toBe(403);
    expect(outcome('agency lead (own)', 'completed', 'assured')).toBe(403);
    expect(outcome('agency lead (own)', 'completed', 'in_progress')).toBe(403);
    expect(outcome('agency lead (other)', 'not_started', 'in_progress')).toBe(403);
    expect(outcome('subgroup chair (own)', 'completed', 'assured')).toBe(201);
    expect(outcome('subgroup chair (own)', 'completed', 'in_progress')).toBe(201);
    expect(outcome('subgroup chair (own)', 'not_started', 'in_progress')).toBe(403);
    expect(outcome('subgroup chair (own)', 'completed', 'withdrawn')).toBe(403);
    expect(outcome('subgroup chair (own)', 'assured', 'in_progress')).toBe(422);
    expect(outcome('subgroup chair (other)', 'completed', 'assured')).toBe(403);
    expect(outcome('admin', 'completed', 'withdrawn')).toBe(201);
    expect(outcome('admin', 'assured', 'in_progress')).toBe(422);
    // Closed: nothing more from anyone who could otherwise post, whatever the move.
    const code = (kind: CallerKind, from: ActionStatus, to: ActionStatus) => expectedOutcome(callers.get(kind)!.principal, from, to).code;
    for (const kind of ['admin', 'agency lead (own)', 'subgroup chair (own)'] as const) {
      expect(code(kind, 'assured', 'assured')).toBe('action.closed');
      expect(code(kind, 'withdrawn', 'in_progress')).toBe('action.closed');
    }
    expect(outcome('agency lead (other)', 'withdrawn', 'in_progress')).toBe(403);
    expect(outcome('independent chair', 'completed', 'assured')).toBe(403);
    expect(outcome('viewer', 'not_started', 'in_progress')).toBe(403);
  });

  for (const from of ACTION_STATUSES) {
    for (const { kind } of CALLER_KINDS.filter((c) => c.kind !== 'no session')) {
      it(`from ${from}, as ${kind}`, async () => {
        const { caller, principal } = callers.get(kind)!;
        for (const to of ACTION_STATUSES) {
          const action = await actionIn(from);
          const expected = expectedOutcome(principal, from, to);
          const before = await world.snapshot();
          const response = await world.request({
            method: 'POST',
            url: `/api/actions/${action.id}/updates`,
            as: caller,
            payload: {
              note: `Moving ${from} to ${to}`,
              confidence: 'on_track',
              statusChange: { to },
              evidence: [{ label: 'Audit of 30 case files', url: 'https://intranet.example/audits/30' }],
              evidenceOfImpact: 'Re-audit: 27 of 30 records show the child was seen alone',
              reason: 'Superseded by a multi-agency action',
            },
          });
          const label = `${kind}: ${from} → ${to}`;
          if (expected.status === 201) {
            expect(response.statusCode, `${label}: ${response.body}`).toBe(201);
            expect(response.json().statusChange, label).toEqual({ from, to });
            const row = (await rawRow<{ status: string }>(world.db, 'select status from actions where id = ?', [action.id]))!;
            expect(row.status, label).toBe(to);
          } else {
            expectProblem(response, { status: expected.status, code: expected.code! }, label);
            expect(await world.snapshot(), `${label}: a refusal changed the database`).toBe(before);
          }
        }
      });
    }
  }
});

/**
 * The rules a penetration test asked for, for every kind of caller: a chair's comment is not the agency's progress;
 * the business unit posts on an agency's behalf; an assured or withdrawn action takes nothing; nobody signs off
 * a completion they proposed. Each expectation comes from the rule table and is pinned by a hand-written one.
 */
describe('comments, posting on behalf, closed actions and own proposals × every caller', () => {
  let world: TestWorld;
  let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
  const callers = new Map<CallerKind, { caller: Caller | null; principal: Principal }>();
  const evidence = [{ label: 'Audit of 30 case files', url: 'https://intranet.example/audits/30' }];

  beforeAll(async () => {
    world = await createTestWorld();
    plan = await seedSmallPlan(world.db);
    const fx = { plan, otherSubgroup: { id: (await factories.subgroup(world.db)).id } } as Fixtures;
    for (const { kind, roles, links } of CALLER_KINDS) {
      const caller = kind === 'admin' ? world.admin : roles.length === 0 ? null : await world.signIn(roles, { ...links(fx), name: `Rules ${kind}` });
      callers.set(kind, { caller, principal: principalOf(roles, links(fx)) });
    }
  });
  afterAll(() => world.close());

  const actionIn = (status: ActionStatus) =>
    factories.action(world.db, {
      reviewId: plan.review.id,
      ownerAgencyId: plan.police.id,
      subgroupId: plan.subgroup.id,
      status,
      evidenceOfImpact: status === 'assured' ? 'Re-audit shows the change' : null,
      withdrawnReason: status === 'withdrawn' ? 'Superseded' : null,
      createdAt: '2026-02-20T09:00:00.000Z',
    });
  const post = (actionId: number, as: Caller | null, payload: Record<string, unknown>) =>
    world.request({ method: 'POST', url: `/api/actions/${actionId}/updates`, payload, as });
  const scopeOf = (status: ActionStatus, completionProposedBy: number | null = null) => ({
    status,
    agencyIds: [plan.police.id],
    subgroupId: plan.subgroup.id,
    completionProposedBy,
  });

  it('lets only the overseeing chair and the business unit comment, leaving the action as it was', async () => {
    for (const { kind } of CALLER_KINDS) {
      const { caller, principal } = callers.get(kind)!;
      const expected =
        kind === 'no session' ? 401 : hasCapability(principal, 'postUpdates') && progressUpdatePermission(principal, scopeOf('in_progress')).canComment ? 201 : 403;
      expect(expected, kind).toBe(COMMENT_OUTCOMES[kind]);
      const action = await actionIn('in_progress');
      const before = await world.snapshot();
      const response = await post(action.id, caller, { kind: 'comment', note: `A comment from ${kind}` });
      expect(response.statusCode, `${kind}: ${response.body}`).toBe(expected);
      if (expected === 201) {
        expect(response.json(), kind).toMatchObject({ kind: 'comment', confidence: null, agencyId: null });
        const row = await rawRow(world.db, 'select version, last_update_at, latest_confidence from actions where id = ?', [action.id]);
        expect(row, kind).toEqual({ version: 1, last_update_at: null, latest_confidence: null });
      } else {
        expect(await world.snapshot(), `${kind}: a refusal changed the database`).toBe(before);
      }
    }
  });

  it("refuses a chair's progress note, and takes the business unit's as the owner agency's", async () => {
    for (const { kind } of CALLER_KINDS) {
      const { caller } = callers.get(kind)!;
      const action = await actionIn('in_progress');
      const response = await post(action.id, caller, { note: `Progress from ${kind}`, confidence: 'on_track' });
      expect(response.statusCode, `${kind}: ${response.body}`).toBe(UPDATE_OUTCOMES[kind]);
      if (kind === 'admin') expect(response.json()).toMatchObject({ agencyId: plan.police.id, postedAs: 'business_unit' });
      if (kind === 'agency lead (own)') expect(response.json()).toMatchObject({ agencyId: plan.police.id, postedAs: 'agency' });
      if (kind === 'subgroup chair (own)') expect(response.json().detail).toMatch(/comment/);
    }
  });

  it('takes nothing at all on an assured or withdrawn action', async () => {
    for (const status of ['assured', 'withdrawn'] as const) {
      for (const { kind } of CALLER_KINDS) {
        const { caller, principal } = callers.get(kind)!;
        const whileOpen = progressUpdatePermission(principal, scopeOf('in_progress'));
        for (const payload of [{ note: 'More', confidence: 'on_track' }, { kind: 'comment', note: 'More' }]) {
          const action = await actionIn(status);
          const expected =
            kind === 'no session'
              ? 401
              : !hasCapability(principal, 'postUpdates') || (!whileOpen.canPostUpdate && !whileOpen.canComment)
                ? 403
                : 422;
          const before = await world.snapshot();
          const response = await post(action.id, caller, payload);
          const label = `${kind} on ${status}, ${'kind' in payload ? 'comment' : 'progress'}`;
          expect(response.statusCode, `${label}: ${response.body}`).toBe(expected);
          if (expected === 422) expect(response.json().code, label).toBe('action.closed');
          expect(await world.snapshot(), `${label}: a refusal changed the database`).toBe(before);
        }
      }
    }
  });

  it('refuses whoever proposed a completion the sign-off, and lets the others who may sign off do it', async () => {
    const lead = callers.get('agency lead (own)')!.caller!;
    const proposers = [
      { name: 'the business unit', caller: world.admin, principal: callers.get('admin')!.principal },
      {
        name: 'a chair who leads the agency',
        caller: await world.signIn(['subgroup_chair', 'agency_lead'], { subgroupIds: [plan.subgroup.id], agencyIds: [plan.police.id] }),
        principal: principalOf(['subgroup_chair', 'agency_lead'], { agencyIds: [plan.police.id], subgroupIds: [plan.subgroup.id] }),
      },
    ];
    for (const proposer of proposers) {
      const mayDecide = progressUpdatePermission({ ...proposer.principal, id: proposer.caller.userId }, scopeOf('completed', proposer.caller.userId));
      expect(mayDecide, proposer.name).toMatchObject({ canDecideAssurance: false, proposedCompletion: true });
      for (const decision of [
        { decision: 'assure', evidenceOfImpact: 'Re-audit shows the change' },
        { decision: 'return', question: 'Where is the re-audit?' },
      ]) {
        const action = await actionIn('in_progress');
        expect((await post(action.id, proposer.caller, { note: 'Done', confidence: 'on_track', statusChange: { to: 'completed' }, evidence })).statusCode).toBe(201);
        const before = await world.snapshot();
        const own = await world.request({ method: 'POST', url: `/api/actions/${action.id}/assurance`, payload: decision, as: proposer.caller });
        expectProblem(own, { status: 403, code: 'action.own_proposal' }, `${proposer.name} deciding ${decision.decision}`);
        expect(await world.snapshot()).toBe(before);
      }
    }
    // Proposed by the agency's lead: each caller who may sign off does, and the lead may not.
    for (const { kind } of CALLER_KINDS) {
      const { caller, principal } = callers.get(kind)!;
      const action = await actionIn('in_progress');
      await post(action.id, lead, { note: 'Done', confidence: 'on_track', statusChange: { to: 'completed' }, evidence });
      const expected =
        kind === 'no session'
          ? 401
          : hasCapability(principal, 'assureActions') && progressUpdatePermission(principal, scopeOf('completed', lead.userId)).canDecideAssurance
            ? 201
            : 403;
      const response = await world.request({
        method: 'POST',
        url: `/api/actions/${action.id}/assurance`,
        payload: { decision: 'assure', evidenceOfImpact: 'Re-audit shows the change' },
        as: caller,
      });
      expect(response.statusCode, `${kind}: ${response.body}`).toBe(expected);
    }
  });
});
