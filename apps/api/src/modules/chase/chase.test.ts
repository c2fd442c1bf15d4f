import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ChaseCandidates, ChaseCreated, ChaseDetail, ChaseSummary, OutboxEmail, RespondView } from '@lrt/contracts';
import { actionAgencies, auditEvents, emails, progressUpdates, replyLinks, settings, users, writeTransaction } from '@lrt/db';
import { createTestWorld, factories, TEST_NOW, type Caller, type TestWorld } from '../../testing/test-app';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/smtp-server';

let world: TestWorld;
let smtp: TestSmtpServer;

beforeEach(async () => {
  smtp = await startTestSmtpServer();
  world = await createTestWorld({ app: { mail: { smtpUrl: smtp.url, from: 'tracker@partnership.example' }, publicUrl: 'https://tracker.example' } });
  await writeTransaction(world.db, (tx) => tx.update(settings).set({ partnershipName: 'Northshire Safeguarding Children Partnership' }));
});

afterEach(async () => {
  await world.close();
  await smtp.stop();
});



/**
 * A partnership of three agencies: police with two leads, health with one, a school with none. Police owes an
 * overdue action and a stale one, and shares a multi-agency action with health that is due soon; health also has
 * an on-track action that needs nothing; the school owes an overdue action.
 */
async function seedPartnership() {
  const subgroup = await factories.subgroup(world.db, { name: 'Quality and Performance' });
  const otherSubgroup = await factories.subgroup(world.db);
  const police = await factories.agency(world.db, { name: 'Northshire Police', kind: 'police', seniorContactName: 'Chief Superintendent Vale', seniorContactEmail: 'vale@police.example' });
  const health = await factories.agency(world.db, { name: 'Northshire ICB', kind: 'health' });
  const school = await factories.agency(world.db, { name: 'Hill Street Primary', kind: 'education' });
  const review = await factories.review(world.db, { code: 'NS-2025', subgroupId: subgroup.id });
  const make = (values: Parameters<typeof factories.action>[1]) => factories.action(world.db, { subgroupId: subgroup.id, createdAt: '2026-02-20T09:00:00.000Z', ...values });
  const overdue = await make({ reviewId: review.id, ownerAgencyId: police.id, ref: 'NS-2025/A1', targetDate: '2026-01-31', status: 'in_progress', lastUpdateAt: '2026-02-25T09:00:00.000Z' });
  const stale = await make({ reviewId: review.id, ownerAgencyId: police.id, ref: 'NS-2025/A2', targetDate: '2026-12-31', createdAt: '2025-11-01T09:00:00.000Z' });
  const shared = await make({ reviewId: review.id, ownerAgencyId: police.id, ref: 'NS-2025/A3', kind: 'multi_agency', targetDate: '2026-03-20' });
  await writeTransaction(world.db, (tx) => tx.insert(actionAgencies).values({ actionId: shared.id, agencyId: health.id }));
  const fine = await make({ reviewId: review.id, ownerAgencyId: health.id, ref: 'NS-2025/A4', targetDate: '2026-12-31', status: 'in_progress', lastUpdateAt: '2026-02-25T09:00:00.000Z', latestConfidence: 'on_track' });
  const schoolAction = await make({ reviewId: review.id, ownerAgencyId: school.id, ref: 'NS-2025/A5', targetDate: '2026-02-01' });
  const elsewhere = await make({ reviewId: review.id, ownerAgencyId: police.id, ref: 'NS-2025/A6', targetDate: '2026-01-15', subgroupId: otherSubgroup.id });
  await writeTransaction(world.db, (tx) =>
    tx
      .insert(progressUpdates)
      .values({ actionId: overdue.id, authorName: 'PC Lee', agencyId: police.id, createdAt: '2026-02-25T09:00:00.000Z', note: 'Training booked for April.', confidence: 'at_risk' }),
  );
  const leadA = await world.signIn(['agency_lead'], { agencyIds: [police.id], name: 'Alex Police' });
  const leadB = await world.signIn(['agency_lead'], { agencyIds: [police.id], name: 'Bea Police' });
  const healthLead = await world.signIn(['agency_lead'], { agencyIds: [health.id], name: 'Cal Health' });
  return { subgroup, otherSubgroup, police, health, school, review, overdue, stale, shared, fine, schoolAction, elsewhere, leadA, leadB, healthLead };
}

type World = Awaited<ReturnType<typeof seedPartnership>>;

const sendChase = (body: Record<string, unknown>, as?: Caller) => world.request({ method: 'POST', url: '/api/chase', payload: { replyBy: '2026-03-16', ...body }, ...(as ? { as } : {}) });

/** Runs the scheduler until the outbox has nothing due (each tick sends a batch). */
async function drain() {
  for (let i = 0; i < 5; i++) await world.app.scheduler.runOnce();
}

const tokenIn = (text: string) => /https:\/\/tracker\.example\/respond\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

async function chaseAndReceive(p: World, body: Record<string, unknown> = {}) {
  const res = await sendChase(body);
  expect(res.statusCode, res.body).toBe(201);
  await drain();
  const created = res.json<ChaseCreated>();
  const mail = await smtp.waitFor(created.messages.length);
  return { created, mail };
}

describe('who owes what (GET /api/chase/candidates)', () => {
  it('lists, per agency, the actions needing an update with their reasons, the leads and the senior contact; the agency with no lead has none', async () => {
    const p = await seedPartnership();
    const res = await world.request({ method: 'GET', url: '/api/chase/candidates' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<ChaseCandidates>();
    expect(body.defaultReplyBy).toBe('2026-03-30');
    const police = body.agencies.find((a) => a.agency.id === p.police.id)!;
    expect(police.actions.map((a) => [a.ref, a.reasons])).toEqual([
      ['NS-2025/A6', ['overdue']],
      ['NS-2025/A1', ['overdue']],
      ['NS-2025/A2', ['stale']],
      ['NS-2025/A3', ['due_soon']],
    ]);
    expect(police.actions.find((a) => a.ref === 'NS-2025/A1')).toMatchObject({ brag: 'red', latestNote: 'Training booked for April.' });
    expect(police.leads.map((l) => l.name)).toEqual(['Alex Police', 'Bea Police']);
    expect(police.seniorContact).toEqual({ name: 'Chief Superintendent Vale', email: 'vale@police.example' });
    expect(police.counts).toEqual({ needingUpdate: 4, overdue: 2, stale: 1, dueSoon: 1, returned: 0 });
    const health = body.agencies.find((a) => a.agency.id === p.health.id)!;
    expect(health.actions.map((a) => a.ref)).toEqual(['NS-2025/A3']);
    const school = body.agencies.find((a) => a.agency.id === p.school.id)!;
    expect(school.leads).toEqual([]);
    // Most overdue first.
    expect(body.agencies[0]!.agency.id).toBe(p.police.id);
  });

  it('shows a subgroup chair only the actions of the subgroups they chair, and refuses another subgroup', async () => {
    const p = await seedPartnership();
    const chair = await world.signIn(['subgroup_chair'], { subgroupIds: [p.subgroup.id] });
    const mine = (await world.request({ method: 'GET', url: '/api/chase/candidates', as: chair })).json<ChaseCandidates>();
    expect(mine.agencies.flatMap((a) => a.actions.map((x) => x.ref))).not.toContain('NS-2025/A6');
    const other = await world.request({ method: 'GET', url: `/api/chase/candidates?subgroupId=${p.otherSubgroup.id}`, as: chair });
    expect(other.statusCode).toBe(403);
    const lead = await world.request({ method: 'GET', url: '/api/chase/candidates', as: p.leadA });
    expect(lead.statusCode).toBe(403);
  });

  it('names an unknown review in a 422', async () => {
    await seedPartnership();
    const res = await world.request({ method: 'GET', url: '/api/chase/candidates?reviewId=999' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'reviewId', message: 'is not a review of the partnership' }]);
  });
});

describe('sending a chase (POST /api/chase)', () => {
  it('sends each lead one message listing exactly their agency’s actions, names the agency with no lead, and records the request', async () => {
    const p = await seedPartnership();
    const { created, mail } = await chaseAndReceive(p);
    expect(created.agenciesWithoutLead).toEqual([{ id: p.school.id, name: 'Hill Street Primary' }]);
    expect(mail).toHaveLength(3);
    const to = (address: string) => mail.filter((m) => m.to.includes(address));
    const [alex] = to(p.leadA.email);
    const [cal] = to(p.healthLead.email);
    expect(to(p.leadB.email)).toHaveLength(1);
    expect(alex!.subject).toBe('Northshire Safeguarding Children Partnership: please update 4 actions for Northshire Police by 16 March 2026');
    for (const ref of ['NS-2025/A1', 'NS-2025/A2', 'NS-2025/A3', 'NS-2025/A6']) expect(alex!.text).toContain(ref);
    expect(alex!.text).not.toContain('NS-2025/A4');
    expect(alex!.text).toContain('Red: Overdue since 2026-01-31');
    expect(alex!.text).toContain('Training booked for April.');
    expect(cal!.text).toContain('NS-2025/A3');
    expect(cal!.text).not.toContain('NS-2025/A1');
    expect(alex!.parsed.from?.value[0]?.address).toBe('tracker@partnership.example');
    // An accessible HTML part: a language, a heading, a table with headers, a link saying what it does.
    expect(alex!.html).toContain('<html lang="en-GB">');
    expect(alex!.html).toMatch(/<th scope="col"[^>]*>Target date<\/th>/);
    expect(alex!.html).toMatch(/<a href="https:\/\/tracker\.example\/respond\/[\w-]{43}"[^>]*>Post your updates<\/a>/);
    // Each lead has their own link.
    expect(tokenIn(alex!.text)).not.toBe(tokenIn(to(p.leadB.email)[0]!.text));

    const detail = (await world.request({ method: 'GET', url: `/api/chase/${created.id}` })).json<ChaseDetail>();
    expect(detail).toMatchObject({ kind: 'chase', createdByName: 'Business Unit Admin', replyBy: '2026-03-16', actions: 6, answered: 0, mail: { sent: 3, queued: 0, retrying: 0 } });
    const school = detail.byAgency.find((a) => a.agency.id === p.school.id)!;
    expect(school.recipients).toEqual([]);
    expect(school.actions).toEqual([{ id: p.schoolAction.id, ref: 'NS-2025/A5', state: 'requested', answeredAt: null }]);
    const list = (await world.request({ method: 'GET', url: '/api/chase' })).json<{ items: ChaseSummary[] }>();
    expect(list.items.map((c) => c.id)).toEqual([created.id]);
    const onAction = (await world.request({ method: 'GET', url: `/api/actions/${p.shared.id}/chases` })).json();
    expect(onAction.items.map((i: { agencyName: string; sentTo: string[] }) => [i.agencyName, i.sentTo])).toEqual([
      ['Northshire ICB', ['Cal Health']],
      ['Northshire Police', ['Alex Police', 'Bea Police']],
    ]);
  });

  it('keeps only hashes of the links: once sent, no token is anywhere in the database', async () => {
    const p = await seedPartnership();
    const { mail } = await chaseAndReceive(p);
    const token = tokenIn(mail[0]!.text)!;
    expect(await world.snapshot()).not.toContain(token);
    expect(await world.db.select().from(replyLinks)).toHaveLength(3);
    const kept = await world.db.select().from(emails);
    expect(kept.every((e) => e.text.includes('[personal link: sent to the recipient, not kept]'))).toBe(true);
  });

  it('sends only references, target dates and BRAG when the partnership keeps notes out of email', async () => {
    const p = await seedPartnership();
    await writeTransaction(world.db, (tx) => tx.update(settings).set({ chaseMessageDetail: 'refs_only' }));
    const { mail } = await chaseAndReceive(p, { agencyId: p.police.id });
    expect(mail).toHaveLength(2);
    expect(mail[0]!.text).toContain('NS-2025/A1');
    expect(mail[0]!.text).not.toContain('Training booked for April.');
    expect(mail[0]!.html).not.toContain('Latest note');
  });

  it('asks about exactly the actions ticked by hand, of the agency chosen', async () => {
    const p = await seedPartnership();
    const { created, mail } = await chaseAndReceive(p, { actionIds: [p.fine.id, p.shared.id], agencyId: p.health.id });
    expect(mail.map((m) => m.to[0])).toEqual([p.healthLead.email]);
    expect(mail[0]!.text).toContain('NS-2025/A4');
    expect(mail[0]!.text).toContain('NS-2025/A3');
    expect(created.messages[0]!.actionIds.sort()).toEqual([p.shared.id, p.fine.id].sort());
  });

  it('previews the messages without recording or sending anything', async () => {
    const p = await seedPartnership();
    const before = await world.snapshot();
    const res = await sendChase({ preview: true });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<ChaseCreated>();
    expect(preview.id).toBeNull();
    expect(preview.messages.map((m) => m.to?.name)).toEqual(expect.arrayContaining(['Alex Police', 'Bea Police', 'Cal Health']));
    expect(preview.messages[0]!.text).toContain('[personal link, made when the message is sent]');
    await drain();
    expect(await world.snapshot()).toBe(before);
    expect(smtp.received).toHaveLength(0);
    expect(p.leadA).toBeDefined();
  });

  it.each([
    [{ replyBy: '2026-03-01' }, 422, 'replyBy'],
    [{ reviewId: 999 }, 422, 'reviewId'],
    [{ actionIds: [999_999] }, 422, 'actionIds'],
    [{ actionIds: [] }, 400, 'actionIds'],
  ])('refuses %j naming the field, and changes and sends nothing', async (body, status, path) => {
    await seedPartnership();
    const before = await world.snapshot();
    const res = await sendChase(body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    await drain();
    expect(await world.snapshot()).toBe(before);
    expect(smtp.received).toHaveLength(0);
  });

  it('refuses a scope with nothing to ask, and a closed action ticked by hand', async () => {
    const p = await seedPartnership();
    const nothing = await sendChase({ agencyId: p.health.id, reviewId: (await factories.review(world.db)).id });
    expect(nothing.statusCode).toBe(422);
    expect(nothing.json().code).toBe('chase.nothing_to_ask');
    const assured = await factories.action(world.db, { reviewId: p.review.id, ownerAgencyId: p.police.id, status: 'assured', evidenceOfImpact: 'Audit shows change' });
    const closed = await sendChase({ actionIds: [assured.id] });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().errors[0].path).toBe('actionIds');
  });

  it('lets a subgroup chair chase their subgroup only', async () => {
    const p = await seedPartnership();
    const chair = await world.signIn(['subgroup_chair'], { subgroupIds: [p.subgroup.id] });
    expect((await sendChase({ actionIds: [p.elsewhere.id] }, chair)).statusCode).toBe(403);
    const res = await sendChase({ subgroupId: p.subgroup.id }, chair);
    expect(res.statusCode, res.body).toBe(201);
    const refs = res.json<ChaseCreated>().messages.flatMap((m) => m.text.match(/NS-2025\/A\d/g) ?? []);
    expect(refs).not.toContain('NS-2025/A6');
  });
});

describe('replying through the link (/api/respond/:token)', () => {
  async function linkFor(p: World, caller: Caller, body: Record<string, unknown> = {}) {
    const { created, mail } = await chaseAndReceive(p, body);
    const message = mail.find((m) => m.to.includes(caller.email))!;
    return { token: tokenIn(message.text)!, chaseId: created.id! };
  }

  it('opens the listed actions to their lead and posts an update as them, audited as them', async () => {
    const p = await seedPartnership();
    const { token, chaseId } = await linkFor(p, p.healthLead);
    const view = await world.request({ method: 'GET', url: `/api/respond/${token}`, as: null });
    expect(view.statusCode, view.body).toBe(200);
    const body = view.json<RespondView>();
    expect(body).toMatchObject({ holder: { name: 'Cal Health' }, agency: { id: p.health.id }, replyBy: '2026-03-16', expiresOn: '2026-03-30' });
    expect(body.actions.map((a) => a.ref)).toEqual(['NS-2025/A3']);
    expect(body.actions[0]!.statusChanges).toEqual(expect.arrayContaining(['in_progress', 'completed']));

    const post = await world.request({
      method: 'POST',
      url: `/api/respond/${token}/actions/${p.shared.id}/updates`,
      as: null,
      payload: { note: 'Joint protocol drafted with police.', confidence: 'on_track', statusChange: { from: 'not_started', to: 'in_progress' } },
    });
    expect(post.statusCode, post.body).toBe(201);
    expect(post.json()).toMatchObject({ authorName: 'Cal Health', agencyId: p.health.id, postedAs: 'agency', statusChange: { from: 'not_started', to: 'in_progress' } });
    const uses = await world.db.select().from(auditEvents).where(eq(auditEvents.operation, 'token_used'));
    expect(uses.map((u) => [u.actorId, u.entity])).toEqual([
      [p.healthLead.userId, 'reply_link'],
      [p.healthLead.userId, 'reply_link'],
    ]);
    const detail = (await world.request({ method: 'GET', url: `/api/chase/${chaseId}` })).json<ChaseDetail>();
    const health = detail.byAgency.find((a) => a.agency.id === p.health.id)!;
    expect(health.actions).toEqual([{ id: p.shared.id, ref: 'NS-2025/A3', state: 'answered', answeredAt: TEST_NOW.toISOString() }]);
    // Police were asked about the same action and have not answered.
    expect(detail.byAgency.find((a) => a.agency.id === p.police.id)!.actions.find((a) => a.id === p.shared.id)!.state).toBe('requested');
  });

  it('opens no other action and no other route', async () => {
    const p = await seedPartnership();
    const { token } = await linkFor(p, p.healthLead);
    const before = await world.snapshot();
    const other = await world.request({ method: 'POST', url: `/api/respond/${token}/actions/${p.fine.id}/updates`, as: null, payload: { note: 'x', confidence: 'on_track' } });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('reply_link.action_not_included');
    const police = await world.request({ method: 'POST', url: `/api/respond/${token}/actions/${p.overdue.id}/updates`, as: null, payload: { note: 'x', confidence: 'on_track' } });
    expect(police.statusCode).toBe(403);
    for (const url of ['/api/actions', `/api/actions/${p.shared.id}`, '/api/auth/me', '/api/dashboard']) {
      const bearer = await world.request({ method: 'GET', url, as: null, headers: { authorization: `Bearer ${token}` } });
      expect(bearer.statusCode, url).toBe(401);
      const cookie = await world.request({ method: 'GET', url, as: null, headers: { cookie: `lrt_session=${token}` } });
      expect(cookie.statusCode, url).toBe(401);
    }
    const direct = await world.request({ method: 'POST', url: `/api/actions/${p.shared.id}/updates`, as: null, headers: { authorization: `Bearer ${token}` }, payload: { note: 'x', confidence: 'on_track' } });
    expect([401, 403]).toContain(direct.statusCode);
    expect(await world.snapshot()).toBe(before);
  });

  it('explains an expired link, and a revoked one, and changes nothing', async () => {
    const p = await seedPartnership();
    const { token, chaseId } = await linkFor(p, p.healthLead);
    await world.setNow(new Date('2026-03-30T22:00:00.000Z'));
    expect((await world.request({ method: 'GET', url: `/api/respond/${token}`, as: null })).statusCode).toBe(200);
    await world.setNow(new Date('2026-03-31T09:00:00.000Z'));
    const expired = await world.request({ method: 'GET', url: `/api/respond/${token}`, as: null });
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ code: 'reply_link.expired', detail: expect.stringContaining('30 March 2026') });
    expect(expired.json().detail).toContain('Sign in');

    await world.setNow(TEST_NOW);
    const detail = (await world.request({ method: 'GET', url: `/api/chase/${chaseId}` })).json<ChaseDetail>();
    const recipient = detail.byAgency.find((a) => a.agency.id === p.health.id)!.recipients[0]!;
    expect(recipient.linkStatus).toBe('active');
    const revoke = await world.request({ method: 'POST', url: `/api/chase/${chaseId}/recipients/${recipient.id}/revoke`, payload: {} });
    expect(revoke.statusCode, revoke.body).toBe(200);
    expect(revoke.json<ChaseDetail>().byAgency.find((a) => a.agency.id === p.health.id)!.recipients[0]!.linkStatus).toBe('revoked');
    const before = await world.snapshot();
    const revoked = await world.request({ method: 'POST', url: `/api/respond/${token}/actions/${p.shared.id}/updates`, as: null, payload: { note: 'Late', confidence: 'on_track' } });
    expect(revoked.statusCode).toBe(410);
    expect(revoked.json().code).toBe('reply_link.revoked');
    expect(await world.snapshot()).toBe(before);
    const unknown = await world.request({ method: 'GET', url: `/api/respond/${'x'.repeat(43)}`, as: null });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses a link whose holder is no longer a lead of the agency', async () => {
    const p = await seedPartnership();
    const { token } = await linkFor(p, p.healthLead);
    await writeTransaction(world.db, (tx) => tx.update(users).set({ active: false }).where(eq(users.id, p.healthLead.userId)));
    const res = await world.request({ method: 'GET', url: `/api/respond/${token}`, as: null });
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('reply_link.holder_changed');
  });

  it('refuses a bad update with the field named, as the signed-in form does', async () => {
    const p = await seedPartnership();
    const { token } = await linkFor(p, p.healthLead);
    const res = await world.request({ method: 'POST', url: `/api/respond/${token}/actions/${p.shared.id}/updates`, as: null, payload: { note: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['note', 'confidence']));
  });
});

describe('a return asks again', () => {
  it('sends the agency’s leads a request for that action alone, with the question, and its link answers it', async () => {
    const p = await seedPartnership();
    const done = await factories.action(world.db, { reviewId: p.review.id, ownerAgencyId: p.health.id, subgroupId: p.subgroup.id, ref: 'NS-2025/A7', status: 'completed', targetDate: '2026-06-30' });
    const chair = await world.signIn(['subgroup_chair'], { subgroupIds: [p.subgroup.id], name: 'Dee Chair' });
    const res = await world.request({
      method: 'POST',
      url: `/api/actions/${done.id}/assurance`,
      as: chair,
      payload: { decision: 'return', question: 'How many staff completed the training?', replyBy: '2026-03-20' },
    });
    expect(res.statusCode, res.body).toBe(201);
    await drain();
    const [message] = await smtp.waitFor(1);
    expect(smtp.received).toHaveLength(1);
    expect(message!.to).toEqual([p.healthLead.email]);
    expect(message!.subject).toBe('Northshire Safeguarding Children Partnership: more information needed on NS-2025/A7 by 20 March 2026');
    expect(message!.text).toContain('How many staff completed the training?');
    expect(message!.text).toContain('Dee Chair');
    const token = tokenIn(message!.text)!;
    const view = (await world.request({ method: 'GET', url: `/api/respond/${token}`, as: null })).json<RespondView>();
    expect(view).toMatchObject({ kind: 'return', question: 'How many staff completed the training?', replyBy: '2026-03-20' });
    expect(view.actions.map((a) => a.ref)).toEqual(['NS-2025/A7']);
    const answer = await world.request({
      method: 'POST',
      url: `/api/respond/${token}/actions/${done.id}/updates`,
      as: null,
      payload: { note: '42 of 45 staff trained; register attached.', confidence: 'on_track', evidence: [{ label: 'Register', url: 'https://intranet.example/register' }] },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    const action = (await world.request({ method: 'GET', url: `/api/actions/${done.id}` })).json();
    expect(action.returned).toBeNull();
    const chases = (await world.request({ method: 'GET', url: `/api/actions/${done.id}/chases` })).json();
    expect(chases.items).toMatchObject([{ kind: 'return', state: 'answered', createdByName: 'Dee Chair' }]);
  });
});

describe('reminders and escalation', () => {
  it('reminds the leads who have not answered once, before the reply-by date, and escalates to the senior contact once after it', async () => {
    const p = await seedPartnership();
    await chaseAndReceive(p, { agencyId: p.police.id, replyBy: '2026-03-16' });
    expect(smtp.received).toHaveLength(2);
    // Bea answers one of police's actions; police still owes the rest, so both are reminded (police's leads share the agency's actions).
    await world.setNow(new Date('2026-03-12T09:00:00.000Z'));
    await drain();
    expect(smtp.received).toHaveLength(2);
    await world.setNow(new Date('2026-03-13T09:00:00.000Z'));
    await drain();
    await drain();
    await smtp.waitFor(4);
    const reminders = smtp.received.slice(2);
    expect(reminders.map((m) => m.to[0]).sort()).toEqual([p.leadA.email, p.leadB.email].sort());
    expect(reminders[0]!.subject).toContain('reminder');
    expect(tokenIn(reminders[0]!.text)).toBeDefined();
    await world.setNow(new Date('2026-03-20T09:00:00.000Z'));
    await drain();
    expect(smtp.received).toHaveLength(4);
    await world.setNow(new Date('2026-03-23T09:00:00.000Z'));
    await drain();
    await drain();
    await smtp.waitFor(5);
    expect(smtp.received).toHaveLength(5);
    const escalation = smtp.received[4]!;
    expect(escalation.to).toEqual(['vale@police.example']);
    expect(escalation.text).toContain('Alex Police, Bea Police');
    expect(escalation.text).not.toMatch(/\/respond\//);
  });

  it('does not remind a lead whose agency has answered everything asked', async () => {
    const p = await seedPartnership();
    const { mail } = await chaseAndReceive(p, { agencyId: p.health.id, replyBy: '2026-03-16' });
    const token = tokenIn(mail[0]!.text)!;
    await world.request({ method: 'POST', url: `/api/respond/${token}/actions/${p.shared.id}/updates`, as: null, payload: { note: 'Done', confidence: 'on_track' } });
    await world.setNow(new Date('2026-03-14T09:00:00.000Z'));
    await drain();
    await world.setNow(new Date('2026-03-24T09:00:00.000Z'));
    await drain();
    expect(smtp.received).toHaveLength(1);
  });
});

describe('the outbox', () => {
  it('retries while the SMTP server is down, shows the failure, and loses nothing when it is back', async () => {
    const p = await seedPartnership();
    await smtp.stop();
    const res = await sendChase({ agencyId: p.police.id });
    const chaseId = res.json<ChaseCreated>().id!;
    await world.app.scheduler.runOnce();
    const failing = (await world.request({ method: 'GET', url: `/api/chase/${chaseId}` })).json<ChaseDetail>();
    expect(failing.mail).toEqual({ queued: 0, retrying: 2, sent: 0 });
    const outbox = (await world.request({ method: 'GET', url: '/api/outbox' })).json<{ items: OutboxEmail[]; transport: string }>();
    expect(outbox.transport).toBe('smtp');
    expect(outbox.items.every((e) => e.status === 'queued' && e.attempts === 1 && e.lastError)).toBe(true);
    // No link was kept for messages that did not leave.
    expect(await world.db.select().from(replyLinks)).toHaveLength(0);

    await smtp.start();
    await world.app.scheduler.runOnce();
    expect(smtp.received).toHaveLength(0); // not yet due again
    await world.setNow(new Date(TEST_NOW.getTime() + 2 * 60_000));
    await drain();
    await smtp.waitFor(2);
    await drain();
    expect(smtp.received).toHaveLength(2);
    expect((await world.request({ method: 'GET', url: `/api/chase/${chaseId}` })).json<ChaseDetail>().mail).toEqual({ queued: 0, retrying: 0, sent: 2 });
  });

  it('is for administrators only', async () => {
    const p = await seedPartnership();
    const chair = await world.signIn(['subgroup_chair'], { subgroupIds: [p.subgroup.id] });
    expect((await world.request({ method: 'GET', url: '/api/outbox', as: chair })).statusCode).toBe(403);
  });
});

describe('without SMTP_URL', () => {
  it('keeps messages in the outbox, link included, for the demo', async () => {
    const local = await createTestWorld();
    try {
      const agency = await factories.agency(local.db);
      const review = await factories.review(local.db);
      await factories.action(local.db, { reviewId: review.id, ownerAgencyId: agency.id, targetDate: '2026-01-01' });
      await local.signIn(['agency_lead'], { agencyIds: [agency.id] });
      const res = await local.request({ method: 'POST', url: '/api/chase', payload: { replyBy: '2026-03-16' } });
      expect(res.statusCode, res.body).toBe(201);
      await local.app.scheduler.runOnce();
      const outbox = (await local.request({ method: 'GET', url: '/api/outbox' })).json<{ items: OutboxEmail[]; transport: string }>();
      expect(outbox.transport).toBe('log');
      expect(outbox.items[0]).toMatchObject({ status: 'logged', kind: 'chase' });
      const token = /\/respond\/([\w-]{43})/.exec(outbox.items[0]!.text)?.[1];
      expect(token).toBeDefined();
      expect((await local.request({ method: 'GET', url: `/api/respond/${token}`, as: null })).statusCode).toBe(200);
    } finally {
      await local.close();
    }
  });
});


