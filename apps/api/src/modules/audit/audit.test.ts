import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import type { AuditEvent } from '@lrt/contracts';
import { rawRow, rawRows, rawRun, writeTransaction } from '@lrt/db';
import { testDialect } from '@lrt/db/testing';
import { expectProblem, expectRefused, walkPages } from '../../testing/http-expect';
import { createTestWorld, seedSmallPlan, TEST_NOW, type Caller, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
let plan: Awaited<ReturnType<typeof seedSmallPlan>>;
beforeEach(async () => {
  world = await createTestWorld();
  plan = await seedSmallPlan(world.db);
});
afterEach(() => world.close());

type Row = { id: number; at: string; actor_id: number | null; actor_name: string; entity: string; entity_id: number | null; operation: string; before: string | null; after: string | null; request_id: string | null };
const lastEventId = async () => (await rawRow<{ id: number }>(world.db, 'select coalesce(max(id), 0) as id from audit_events'))!.id;
const eventsSince = async (id: number) =>
  (await rawRows<Row>(world.db, 'select * from audit_events where id > ? order by id', [id])).map((row) => ({
    ...row,
    before: row.before === null ? null : (JSON.parse(row.before) as Record<string, unknown>),
    after: row.after === null ? null : (JSON.parse(row.after) as Record<string, unknown>),
  }));

/**
 * Makes every audit write fail, to show that a change and its event commit together or not at all: a trigger that
 * refuses every insert (SQLite's a temporary one; PostgreSQL has none, so an ordinary one, dropped by mendTheTrail).
 */
const breakTheTrail = () =>
  writeTransaction(world.db, async (tx) => {
    if (testDialect === 'postgres') {
      await rawRun(tx, "create or replace function audit_down() returns trigger language plpgsql as $$ begin raise exception 'the trail is down'; end $$");
      await rawRun(tx, 'create trigger audit_down before insert on audit_events for each row execute function audit_down()');
    } else {
      await rawRun(tx, "CREATE TEMP TRIGGER audit_down BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'the trail is down'); END;");
    }
  });
const mendTheTrail = () =>
  writeTransaction(world.db, async (tx) => {
    if (testDialect === 'postgres') {
      await rawRun(tx, 'drop trigger audit_down on audit_events');
      await rawRun(tx, 'drop function audit_down()');
    } else {
      await rawRun(tx, 'DROP TRIGGER temp.audit_down');
    }
  });

interface Change {
  label: string;
  request: () => InjectOptions;
  status: number;
  /** Built once the world exists: it names the rows of the plan. */
  event: () => { entity: string; entityId: number | 'created'; operation: string; before: Record<string, unknown> | null; after: Record<string, unknown> };
}

const evidence = [{ label: 'Audit of 30 case files', url: 'https://intranet.example/audits/30' }];

const CHANGES: Change[] = [
  {
    label: 'create an agency',
    request: () => ({ method: 'POST', url: '/api/agencies', payload: { name: 'Northmoor Ambulance Service', shortName: 'NAS', kind: 'health' } }),
    status: 201,
    event: () => ({ entity: 'agency', entityId: 'created', operation: 'create', before: null, after: { name: 'Northmoor Ambulance Service', shortName: 'NAS', kind: 'health', active: true, version: 1 } }),
  },
  {
    label: 'patch an agency',
    request: () => ({ method: 'PATCH', url: `/api/agencies/${plan.police.id}`, payload: { version: 1, shortName: 'NMP', kind: 'police' } }),
    status: 200,
    event: () => ({ entity: 'agency', entityId: plan.police.id, operation: 'update', before: { shortName: plan.police.shortName }, after: { shortName: 'NMP' } }),
  },
  {
    label: 'create a review',
    request: () => ({ method: 'POST', url: '/api/reviews', payload: { code: 'SD-2026-07', type: 'lcspr', childPseudonym: 'Child K', title: 'Learning from Child K' } }),
    status: 201,
    event: () => ({ entity: 'review', entityId: 'created', operation: 'create', before: null, after: { code: 'SD-2026-07', childPseudonym: 'Child K', title: 'Learning from Child K' } }),
  },
  {
    label: 'patch a review',
    request: () => ({ method: 'PATCH', url: `/api/reviews/${plan.review.id}`, payload: { version: 1, title: 'Learning from Child D', leadReviewer: plan.review.leadReviewer } }),
    status: 200,
    event: () => ({ entity: 'review', entityId: plan.review.id, operation: 'update', before: { title: plan.review.title }, after: { title: 'Learning from Child D' } }),
  },
  {
    label: 'create an action',
    request: () => ({
      method: 'POST',
      url: '/api/actions',
      payload: { reviewId: plan.review.id, ownerAgencyId: plan.health.id, learningNeed: 'Midwives need to ask about fathers', action: 'Add questions to the booking appointment' },
    }),
    status: 201,
    event: () => ({ entity: 'action', entityId: 'created', operation: 'create', before: null, after: { ownerAgencyId: plan.health.id, status: 'not_started', action: 'Add questions to the booking appointment' } }),
  },
  {
    label: 'patch an action',
    request: () => ({ method: 'PATCH', url: `/api/actions/${plan.action.id}`, payload: { version: 1, targetDate: '2026-09-30', targetDateReason: 'The audit tool is delayed' } }),
    status: 200,
    event: () => ({ entity: 'action', entityId: plan.action.id, operation: 'update', before: { targetDate: '2026-06-30' }, after: { targetDate: '2026-09-30', targetDateReason: 'The audit tool is delayed' } }),
  },
  {
    label: 'post a progress update that changes the status',
    request: () => ({
      method: 'POST',
      url: `/api/actions/${plan.action.id}/updates`,
      payload: { note: 'Briefings delivered to all teams', confidence: 'on_track', statusChange: { to: 'completed' }, evidence },
    }),
    status: 201,
    event: () => ({
      entity: 'action',
      entityId: plan.action.id,
      operation: 'progress_update',
      before: { status: 'not_started', lastUpdateAt: null, latestConfidence: null },
      after: {
        status: 'completed',
        lastUpdateAt: TEST_NOW.toISOString(),
        latestConfidence: 'on_track',
        kind: 'progress',
        // The business unit posted it on the owner agency's behalf.
        postedAs: 'business_unit',
        agencyId: plan.police.id,
        note: 'Briefings delivered to all teams',
      },
    }),
  },
  {
    label: 'patch the settings',
    request: () => ({ method: 'PATCH', url: '/api/settings', payload: { version: 1, updateCadenceDays: 42, dueSoonDays: 28 } }),
    status: 200,
    event: () => ({ entity: 'settings', entityId: 1, operation: 'update', before: { updateCadenceDays: 56 }, after: { updateCadenceDays: 42 } }),
  },
  {
    label: 'create a user',
    request: () => ({
      method: 'POST',
      url: '/api/users',
      payload: { email: 'dc.okafor@northmoor.example', name: 'DC Okafor', password: 'plum orchard lantern 93', roles: ['agency_lead'], agencyIds: [plan.police.id] },
    }),
    status: 201,
    event: () => ({ entity: 'user', entityId: 'created', operation: 'create', before: null, after: { email: 'dc.okafor@northmoor.example', roles: ['agency_lead'], agencyIds: [plan.police.id], active: true } }),
  },
  {
    label: 'patch a user',
    request: () => ({ method: 'PATCH', url: `/api/users/${world.admin.userId}`, payload: { version: 1, name: 'Business Unit', roles: ['admin'] } }),
    status: 200,
    event: () => ({ entity: 'user', entityId: world.admin.userId, operation: 'update', before: { name: 'Business Unit Admin' }, after: { name: 'Business Unit' } }),
  },
];

describe('each change writes one event, in its own transaction', () => {
  for (const change of CHANGES) {
    it(change.label, async () => {
      // With the trail down, the change itself is refused: nothing is changed without its event.
      await breakTheTrail();
      try {
        const before = await world.snapshot();
        const failed = await world.request(change.request());
        expect(failed.statusCode, failed.body).toBe(500);
        expect(await world.snapshot(), 'changed without an audit event').toBe(before);
      } finally {
        // Mended even when the test fails: a PostgreSQL test database is emptied and given to the next test, triggers and all.
        await mendTheTrail();
      }

      const since = await lastEventId();
      const res = await world.request({ ...change.request(), headers: { 'x-request-id': 'audit-test-0001' } });
      expect(res.statusCode, res.body).toBe(change.status);
      const events = await eventsSince(since);
      expect(events).toHaveLength(1);
      const [event] = events;
      const expected = change.event();
      const entityId = expected.entityId;
      expect(event).toMatchObject({
        at: TEST_NOW.toISOString(),
        actor_id: world.admin.userId,
        actor_name: 'Business Unit Admin',
        entity: expected.entity,
        entity_id: entityId === 'created' ? res.json().id : entityId,
        operation: expected.operation,
        // The server's own request id (a client's is never taken as it), the one its answer carries.
        request_id: res.headers['x-request-id'],
      });
      expect(event!.request_id).not.toBe('audit-test-0001');
      if (expected.operation === 'create') {
        expect(event!.before).toBeNull();
        expect(event!.after).toMatchObject({ id: res.json().id, ...expected.after });
      } else {
        // Only what changed: the fields sent unchanged, the version and the timestamp are not in it.
        expect(event!.before).toEqual(expected.before);
        const { progressUpdateId, ...after } = event!.after ?? {};
        expect(after).toEqual(expected.after);
        if (expected.operation === 'progress_update') expect(progressUpdateId).toBe(res.json().id);
      }
      const served = (await world.request({ method: 'GET', url: `/api/audit?entity=${expected.entity}&limit=1` })).json<{ items: AuditEvent[] }>();
      expect(served.items[0]).toMatchObject({ id: event!.id, actorId: world.admin.userId, actorName: 'Business Unit Admin', before: event!.before, after: event!.after });
    });
  }

  it('records a new password as changed, never its value or hash', async () => {
    const user = (await world.request(CHANGES.find((c) => c.label === 'create a user')!.request())).json();
    const since = await lastEventId();
    const res = await world.request({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: 1, password: 'quiet harbour tangerine 7' } });
    expect(res.statusCode, res.body).toBe(200);
    const events = await eventsSince(since);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entity: 'user', entity_id: user.id, operation: 'update', before: { password: 'previous' }, after: { password: 'changed' } });
    expect(JSON.stringify(await rawRows(world.db, 'select * from audit_events'))).not.toMatch(/quiet harbour|plum orchard|scrypt\$/);
  });

  it('records a new name and a new password in one event', async () => {
    const user = (await world.request(CHANGES.find((c) => c.label === 'create a user')!.request())).json();
    const since = await lastEventId();
    await world.request({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: 1, name: 'Renamed Person', password: 'quiet harbour tangerine 7' } });
    const events = await eventsSince(since);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ before: { name: user.name, password: 'previous' }, after: { name: 'Renamed Person', password: 'changed' } });
  });

  it('records nothing for a patch that changes nothing', async () => {
    const since = await lastEventId();
    const res = await world.request({ method: 'PATCH', url: `/api/agencies/${plan.police.id}`, payload: { version: 1, name: plan.police.name } });
    expect(res.statusCode).toBe(200);
    expect(await eventsSince(since)).toEqual([]);
  });
});

describe('a refused change writes no event', () => {
  it.each<[string, () => InjectOptions & { as?: Caller | null }, number, string]>([
    ['a stale version', () => ({ method: 'PATCH', url: `/api/agencies/${plan.police.id}`, payload: { version: 9, name: 'Renamed' } }), 409, 'agency.version_conflict'],
    ['an invalid body', () => ({ method: 'POST', url: '/api/agencies', payload: { name: '', shortName: 'X', kind: 'health' } }), 400, 'validation.failed'],
    ['a duplicate name', () => ({ method: 'POST', url: '/api/agencies', payload: { name: plan.police.name, shortName: 'DUP', kind: 'police' } }), 409, 'agency.name_taken'],
    ['a move the workflow refuses', () => ({ method: 'POST', url: `/api/actions/${plan.action.id}/updates`, payload: { note: 'Done', confidence: 'on_track', statusChange: { to: 'assured' }, evidenceOfImpact: 'Re-audit' } }), 422, 'action.transition_not_allowed'],
    ['a missing session', () => ({ method: 'PATCH', url: '/api/settings', payload: { version: 1, dueSoonDays: 14 }, as: null }), 401, 'auth.unauthenticated'],
    ['a missing CSRF token', () => ({ method: 'PATCH', url: '/api/settings', payload: { version: 1, dueSoonDays: 14 }, withoutCsrf: true }) as never, 403, 'auth.csrf'],
  ])('%s', async (_label, request, status, code) => {
    const since = await lastEventId();
    await expectRefused(world, request(), { status, code });
    expect(await eventsSince(since)).toEqual([]);
  });

  it('a role that may not', async () => {
    const viewer = await world.signIn(['viewer']);
    const lead = await world.signIn(['agency_lead'], { agencyIds: [plan.health.id] });
    const since = await lastEventId();
    await expectRefused(world, { method: 'PATCH', url: '/api/settings', payload: { version: 1, dueSoonDays: 14 }, as: viewer } as never, { status: 403, code: 'auth.forbidden' });
    await expectRefused(
      world,
      { method: 'POST', url: `/api/actions/${plan.action.id}/updates`, payload: { note: 'Not mine', confidence: 'on_track' }, as: lead } as never,
      { status: 403, code: 'auth.forbidden' },
    );
    expect(await eventsSince(since)).toEqual([]);
  });
});

describe('GET /api/audit', () => {
  /** Three days of changes by two people. */
  async function history() {
    const chair = await world.signIn(['subgroup_chair'], { subgroupIds: [plan.subgroup.id], name: 'Dr Patel' });
    await world.setNow(new Date('2026-03-03T09:00:00.000Z'));
    await world.request({ method: 'PATCH', url: `/api/agencies/${plan.police.id}`, payload: { version: 1, shortName: 'NMP' } });
    await world.request({ method: 'PATCH', url: `/api/agencies/${plan.health.id}`, payload: { version: 1, shortName: 'NHS' } });
    await world.setNow(new Date('2026-03-04T12:00:00.000Z'));
    await world.request({ method: 'POST', url: `/api/actions/${plan.action.id}/updates`, payload: { kind: 'comment', note: 'Asked for the audit' }, as: chair });
    await world.request({ method: 'PATCH', url: `/api/agencies/${plan.police.id}`, payload: { version: 2, kind: 'other' } });
    await world.setNow(new Date('2026-03-05T16:30:00.000Z'));
    await world.request({ method: 'PATCH', url: '/api/settings', payload: { version: 1, dueSoonDays: 14 } });
    await world.request({ method: 'POST', url: `/api/actions/${plan.action.id}/updates`, payload: { kind: 'comment', note: 'Audit received' }, as: chair });
    return { chair };
  }
  const list = async (query: string) => {
    const res = await world.request({ method: 'GET', url: `/api/audit?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: AuditEvent[]; nextCursor: string | null }>().items;
  };

  it('lists the trail newest first, and filters by entity, entity id, actor and dates', async () => {
    const { chair } = await history();
    const all = await list('limit=200');
    expect(all).toHaveLength(6);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());

    expect((await list('entity=agency')).map((e) => [e.entityId, e.after])).toEqual([
      [plan.police.id, { kind: 'other' }],
      [plan.health.id, { shortName: 'NHS' }],
      [plan.police.id, { shortName: 'NMP' }],
    ]);
    expect((await list(`entity=agency&entityId=${plan.police.id}`)).map((e) => e.after)).toEqual([{ kind: 'other' }, { shortName: 'NMP' }]);
    const byChair = await list(`actorId=${chair.userId}`);
    expect(byChair.map((e) => [e.entity, e.operation, e.actorName])).toEqual([
      ['action', 'progress_update', 'Dr Patel'],
      ['action', 'progress_update', 'Dr Patel'],
    ]);
    expect((await list(`actorId=${world.admin.userId}`)).every((e) => e.actorId === world.admin.userId)).toBe(true);

    expect((await list('from=2026-03-04&to=2026-03-04')).map((e) => e.at)).toEqual(['2026-03-04T12:00:00.000Z', '2026-03-04T12:00:00.000Z']);
    expect(await list('from=2026-03-05')).toHaveLength(2);
    expect(await list('to=2026-03-03')).toHaveLength(2);
    expect(await list('from=2026-03-04T12:00:00.000Z&to=2026-03-05T16:29:59.000Z')).toHaveLength(2);
    expect(await list('from=2026-03-06')).toEqual([]);
    expect(await list(`entity=settings&actorId=${chair.userId}`)).toEqual([]);
  });

  it('pages with a cursor, never repeating or skipping an event', async () => {
    await history();
    const all = await list('limit=200');
    const { items, pages } = await walkPages<AuditEvent>(world, '/api/audit', 2);
    expect(pages).toBe(3);
    expect(items.map((e) => e.id)).toEqual(all.map((e) => e.id));
    const filtered = await walkPages<AuditEvent>(world, '/api/audit?entity=agency', 1);
    expect(filtered.items.map((e) => e.id)).toEqual((await list('entity=agency')).map((e) => e.id));
  });

  it('refuses filters that are not valid', async () => {
    for (const query of ['entityId=abc', 'from=yesterday', 'actorId=-1', 'limit=0']) {
      expectProblem(await world.request({ method: 'GET', url: `/api/audit?${query}` }), { status: 400, code: 'validation.failed' }, query);
    }
  });

  it('may be read by the business unit and the independent chair only', async () => {
    const readers = [world.admin, await world.signIn(['independent_chair'])];
    const others = [
      await world.signIn(['agency_lead'], { agencyIds: [plan.police.id] }),
      await world.signIn(['subgroup_chair'], { subgroupIds: [plan.subgroup.id] }),
      await world.signIn(['viewer']),
    ];
    for (const as of readers) expect((await world.request({ method: 'GET', url: '/api/audit', as })).statusCode).toBe(200);
    for (const as of others) expectProblem(await world.request({ method: 'GET', url: '/api/audit', as }), { status: 403, code: 'auth.forbidden' }, as.name);
    expectProblem(await world.request({ method: 'GET', url: '/api/audit', as: null }), { status: 401, code: 'auth.unauthenticated' });
  });
});

describe('the trail is append-only', () => {
  it('refuses UPDATE and DELETE even in direct SQL', async () => {
    await world.request({ method: 'PATCH', url: `/api/agencies/${plan.police.id}`, payload: { version: 1, shortName: 'NMP' } });
    const id = await lastEventId();
    expect(id).toBeGreaterThan(0);
    const before = await world.snapshot();
    // Each in a write transaction of its own, as every write is: the trail's triggers refuse it, not the write guard.
    const direct = (statement: string, params: unknown[] = []) => writeTransaction(world.db, (tx) => rawRun(tx, statement, params));
    await expect(direct("update audit_events set actor_name = 'Someone else' where id = ?", [id])).rejects.toThrow(/append-only/);
    await expect(direct("update audit_events set after = '{}'")).rejects.toThrow(/append-only/);
    await expect(direct('delete from audit_events where id = ?', [id])).rejects.toThrow(/append-only/);
    await expect(direct('delete from audit_events')).rejects.toThrow(/append-only/);
    expect(await world.snapshot()).toBe(before);
  });
});
