import { afterEach, describe, it, expect } from 'vitest';
import { asc } from 'drizzle-orm';
import type { ActionStatus, Brag } from '@lrt/contracts';
import { closeDatabase, requireWriteTransactions, type Db } from './client';
import * as schema from './schema';
import { STATUS_TRANSITIONS } from '@lrt/contracts';
import { first } from './query';
import { isDatabaseEmpty, londonDate, seedDemo } from './seed';
import { createTestDatabase } from './testing';

const NOW = new Date('2026-03-04T10:15:00.000Z');
const STALE_DAYS = 56;
const DAY_MS = 86_400_000;

/** The databases a test opened, closed after it (on PostgreSQL each holds connections to a database of its own). */
const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await closeDatabase(db);
});
async function testDatabase() {
  const db = await createTestDatabase();
  opened.push(db);
  return db;
}

async function seeded(now: Date = NOW) {
  const db = await testDatabase();
  // As the server runs it: a write outside a write transaction throws.
  requireWriteTransactions(db);
  const counts = await seedDemo(db, { now });
  return { db, counts };
}

async function load(db: Db) {
  return {
    agencies: await db.select().from(schema.agencies),
    subgroups: await db.select().from(schema.subgroups),
    themes: await db.select().from(schema.themes),
    reviews: await db.select().from(schema.reviews),
    learningPoints: await db.select().from(schema.learningPoints),
    recommendations: await db.select().from(schema.recommendations),
    recommendationLearningPoints: await db.select().from(schema.recommendationLearningPoints),
    actions: await db.select().from(schema.actions),
    actionAgencies: await db.select().from(schema.actionAgencies),
    actionThemes: await db.select().from(schema.actionThemes),
    updates: await db.select().from(schema.progressUpdates).orderBy(asc(schema.progressUpdates.createdAt), asc(schema.progressUpdates.id)),
  };
}

type Loaded = Awaited<ReturnType<typeof load>>;

/** The BRAG rule, written out independently of the API's implementation. */
function brag(action: Loaded['actions'][number], now: Date): { brag: Brag | null; overdue: boolean; stale: boolean } {
  const today = londonDate(now);
  const open = action.status === 'not_started' || action.status === 'in_progress';
  const overdue = open && action.targetDate !== null && action.targetDate < today;
  const staleBefore = new Date(now.getTime() - STALE_DAYS * DAY_MS).toISOString();
  const stale = open && (action.lastUpdateAt ?? action.createdAt) < staleBefore;
  let rating: Brag | null;
  if (action.status === 'withdrawn') rating = null;
  else if (action.status === 'assured') rating = 'blue';
  else if (action.status === 'completed') rating = 'green';
  else if (overdue || action.latestConfidence === 'off_track') rating = 'red';
  else if (action.latestConfidence === 'at_risk' || stale) rating = 'amber';
  else rating = 'green';
  return { brag: rating, overdue, stale };
}

/** Every invariant of the seeded data that must hold whatever day it is seeded. */
function checkInvariants(data: Loaded, now: Date) {
  const nowIso = now.toISOString();
  const today = londonDate(now);
  const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
  const isoDate = /^\d{4}-\d{2}-\d{2}$/;

  for (const r of data.reviews) {
    for (const d of [r.notifiedOn, r.rapidReviewOn, r.startedOn, r.completedOn, r.publishedOn]) {
      if (d === null) continue;
      expect(d).toMatch(isoDate);
      expect(d <= today, `${r.code} date ${d} is in the future`).toBe(true);
      expect(d >= r.createdAt.slice(0, 10), `${r.code} created after its own date ${d}`).toBe(true);
    }
    expect(r.createdAt <= nowIso).toBe(true);
    expect(r.updatedAt <= nowIso).toBe(true);
    expect(r.createdAt <= r.updatedAt).toBe(true);
  }

  const updatesByAction = new Map<number, Loaded['updates']>();
  for (const u of data.updates) {
    expect(u.createdAt).toMatch(isoInstant);
    expect(u.createdAt <= nowIso, `update ${u.id} is in the future`).toBe(true);
    const list = updatesByAction.get(u.actionId) ?? [];
    list.push(u);
    updatesByAction.set(u.actionId, list);
  }

  const reviewsById = new Map(data.reviews.map((r) => [r.id, r]));
  for (const a of data.actions) {
    const review = reviewsById.get(a.reviewId);
    expect(review).toBeDefined();
    expect(a.ref.startsWith(`${review?.code}/A`)).toBe(true);
    expect(a.createdAt).toMatch(isoInstant);
    expect(a.createdAt <= nowIso).toBe(true);
    expect(a.createdAt >= (review?.createdAt ?? '')).toBe(true);
    if (a.targetDate !== null) expect(a.targetDate).toMatch(isoDate);

    const history = updatesByAction.get(a.id) ?? [];
    let status: ActionStatus = 'not_started';
    let impact: string | null = null;
    let reason: string | null = null;
    let previous = a.createdAt;
    for (const u of history) {
      expect(u.createdAt > previous, `${a.ref}: update before creation or a previous update`).toBe(true);
      previous = u.createdAt;
      expect(u.authorName.trim().length).toBeGreaterThan(0);
      expect(u.note.trim().length).toBeGreaterThan(0);
      if (u.statusTo === null) {
        expect(u.statusFrom).toBeNull();
        continue;
      }
      expect(u.statusFrom, `${a.ref}: statusFrom must be the status before`).toBe(status);
      expect(STATUS_TRANSITIONS[status], `${a.ref}: ${status} -> ${u.statusTo}`).toContain(u.statusTo);
      if (u.statusTo === 'completed') {
        expect(u.evidence.length, `${a.ref}: completed needs evidence`).toBeGreaterThan(0);
        for (const e of u.evidence) {
          expect(e.label.length).toBeGreaterThan(0);
          expect("url" in e ? e.url : "", `${a.ref}: demo evidence is a link`).toMatch(/^https:\/\//);
        }
      }
      // Sign-off decisions are kept as such, with no confidence; a return asks a question and gives a day to answer by.
      const signOff = status === 'completed' && (u.statusTo === 'assured' || u.statusTo === 'in_progress');
      expect(u.kind, `${a.ref}: kind of a ${status} -> ${u.statusTo} entry`).toBe(signOff ? (u.statusTo === 'assured' ? 'assurance' : 'return') : 'progress');
      if (signOff) expect(u.confidence).toBeNull();
      if (u.kind === 'return') {
        expect(u.question?.length ?? 0).toBeGreaterThan(0);
        expect(u.replyBy).toMatch(isoDate);
      }
      if (u.statusTo === 'assured') {
        expect(u.evidenceOfImpact?.trim().length ?? 0, `${a.ref}: assured needs evidence of impact`).toBeGreaterThan(0);
        impact = u.evidenceOfImpact;
      }
      if (u.statusTo === 'withdrawn') {
        expect(u.reason?.trim().length ?? 0, `${a.ref}: withdrawn needs a reason`).toBeGreaterThan(0);
        reason = u.reason;
      }
      status = u.statusTo;
    }
    // The agency's progress, not a sign-off decision, sets the last update and the latest confidence.
    const latest = history.filter((u) => u.kind === 'progress').at(-1);
    const last = history.at(-1);
    expect(a.status, `${a.ref}: status agrees with history`).toBe(status);
    expect(a.lastUpdateAt, `${a.ref}: lastUpdateAt`).toBe(latest?.createdAt ?? null);
    expect(a.latestConfidence, `${a.ref}: latestConfidence`).toBe(latest?.confidence ?? null);
    // Returned for more information exactly when a return is the last word.
    expect(a.returnedReplyBy, `${a.ref}: returned`).toBe(last?.kind === 'return' ? last.replyBy : null);
    expect(a.evidenceOfImpact, `${a.ref}: evidenceOfImpact only when assured`).toBe(status === 'assured' ? impact : null);
    expect(a.withdrawnReason, `${a.ref}: withdrawnReason only when withdrawn`).toBe(status === 'withdrawn' ? reason : null);
    expect(a.updatedAt <= nowIso).toBe(true);
    expect(a.updatedAt >= a.createdAt).toBe(true);
  }
}

describe('seedDemo', () => {
  it('shows every step of plan keeping: a return awaiting its answer, an agreed revised date and a request awaiting a decision', async () => {
    const { db } = await seeded();
    const { actions, updates } = await load(db);
    const requests = await db.select().from(schema.targetDateRequests);
    const changes = await db.select().from(schema.targetDateChanges).orderBy(asc(schema.targetDateChanges.changedAt));
    const today = NOW.toISOString().slice(0, 10);
    expect(actions.some((a) => a.returnedReplyBy !== null && a.returnedReplyBy >= today)).toBe(true);
    expect(requests.filter((r) => r.state === 'pending')).toHaveLength(1);
    expect(requests.filter((r) => r.state === 'agreed').length).toBeGreaterThanOrEqual(1);
    // Each action's target date is its original moved on by every agreed request, in order.
    for (const change of changes) {
      const action = actions.find((a) => a.id === change.actionId)!;
      const mine = changes.filter((c) => c.actionId === action.id);
      expect(mine.at(-1)!.toDate, action.ref).toBe(action.targetDate);
      const request = requests.find((r) => r.id === change.requestId)!;
      expect(request).toMatchObject({ state: 'agreed', currentTargetDate: change.fromDate, requestedTargetDate: change.toDate });
    }
    // Decisions are part of the history too.
    expect(updates.some((u) => u.kind === 'assurance')).toBe(true);
    expect(updates.some((u) => u.kind === 'return')).toBe(true);
  });

  it('loads a partnership of the expected size and returns the counts', async () => {
    const { db, counts } = await seeded();
    const data = await load(db);
    expect(counts).toEqual({
      agencies: data.agencies.length,
      subgroups: data.subgroups.length,
      themes: data.themes.length,
      reviews: data.reviews.length,
      learningPoints: data.learningPoints.length,
      recommendations: data.recommendations.length,
      actions: data.actions.length,
      progressUpdates: data.updates.length,
    });
    expect(counts.agencies).toBeGreaterThanOrEqual(12);
    expect(data.agencies.filter((a) => a.kind === 'police')).toHaveLength(1);
    expect(data.agencies.filter((a) => a.kind === 'health' && a.active).length).toBeGreaterThanOrEqual(3);
    expect(counts.subgroups).toBeGreaterThanOrEqual(4);
    expect(counts.themes).toBeGreaterThanOrEqual(12);
    for (const t of data.themes) expect(t.description.length).toBeGreaterThan(20);
    expect(counts.reviews).toBeGreaterThanOrEqual(5);
    expect(counts.actions).toBeGreaterThanOrEqual(60);
    expect(counts.progressUpdates).toBeGreaterThan(counts.actions);

    const settings = await first(db.select().from(schema.settings));
    expect(settings?.partnershipName).toBe('Northmoor Safeguarding Children Partnership');
  });

  it('gives every review learning points, numbered recommendations linked to them, and actions', async () => {
    const { db } = await seeded();
    const data = await load(db);
    expect(new Set(data.reviews.map((r) => r.type)).size).toBe(data.reviews.length);
    expect(new Set(data.reviews.map((r) => r.stage))).toEqual(new Set(['rapid_review', 'review', 'published', 'closed']));
    for (const r of data.reviews) {
      const lps = data.learningPoints.filter((lp) => lp.reviewId === r.id);
      expect(lps.length, r.code).toBeGreaterThanOrEqual(3);
      expect(lps.length, r.code).toBeLessThanOrEqual(6);
      expect(lps.map((lp) => lp.number).sort((x, y) => x - y)).toEqual(lps.map((_, i) => i + 1));
      const recs = data.recommendations.filter((rec) => rec.reviewId === r.id);
      expect(recs.length, r.code).toBeGreaterThan(0);
      expect(recs.map((rec) => rec.number).sort((x, y) => x - y)).toEqual(recs.map((_, i) => i + 1));
      for (const rec of recs) {
        expect(data.recommendationLearningPoints.some((l) => l.recommendationId === rec.id), `${r.code} rec ${rec.number}`).toBe(true);
        if (rec.addressee === 'agency') expect(rec.leadAgencyId).not.toBeNull();
      }
      expect(data.actions.filter((a) => a.reviewId === r.id).length, r.code).toBeGreaterThan(0);
      expect(r.code).toMatch(/^[A-Z]+-\d{4}$/);
    }
    const addressees = new Set(data.recommendations.map((r) => r.addressee));
    expect(addressees).toEqual(new Set(['partnership', 'subgroup', 'agency']));

    // One subgroup oversees most reviews.
    const bySubgroup = new Map<number | null, number>();
    for (const r of data.reviews) bySubgroup.set(r.subgroupId, (bySubgroup.get(r.subgroupId) ?? 0) + 1);
    expect(Math.max(...bySubgroup.values())).toBeGreaterThan(data.reviews.length / 2);
  });

  it('gives actions unique refs, themes, and partner agencies exactly when multi-agency', async () => {
    const { db } = await seeded();
    const data = await load(db);
    expect(new Set(data.actions.map((a) => a.ref.toLowerCase())).size).toBe(data.actions.length);
    for (const a of data.actions) {
      expect(data.actionThemes.some((t) => t.actionId === a.id), a.ref).toBe(true);
      const partners = data.actionAgencies.filter((p) => p.actionId === a.id);
      if (a.kind === 'multi_agency') expect(partners.length, a.ref).toBeGreaterThan(0);
      else expect(partners, a.ref).toHaveLength(0);
      expect(partners.some((p) => p.agencyId === a.ownerAgencyId), a.ref).toBe(false);
      expect(a.learningNeed.length).toBeGreaterThan(10);
      expect(a.successMeasure.length).toBeGreaterThan(10);
    }
    expect(data.actions.some((a) => a.kind === 'single_agency')).toBe(true);
    expect(data.actions.some((a) => a.kind === 'multi_agency')).toBe(true);
  });

  it('writes histories that obey the workflow and agree with the action rows, with nothing in the future', async () => {
    const { db } = await seeded();
    checkInvariants(await load(db), NOW);
  });

  it('keeps the invariants whatever day and time it is seeded (including late evening in British Summer Time)', async () => {
    for (const now of [
      new Date('2026-07-15T23:30:00.000Z'),
      new Date('2025-12-31T23:59:59.000Z'),
      new Date('2027-01-01T00:00:30.000Z'),
      new Date(),
    ]) {
      const { db } = await seeded(now);
      checkInvariants(await load(db), now);
    }
  });

  it('spreads progress updates over more than 20 of the last 24 months', async () => {
    const { db } = await seeded();
    const data = await load(db);
    const [y, m] = londonDate(NOW).split('-').map(Number) as [number, number];
    const months: string[] = [];
    for (let i = 0; i < 24; i++) {
      const d = new Date(Date.UTC(y, m - 1 - i, 1));
      months.push(d.toISOString().slice(0, 7));
    }
    const withUpdates = months.filter((month) => data.updates.some((u) => u.createdAt.startsWith(month)));
    expect(withUpdates.length).toBeGreaterThan(20);
  });

  it('has an action in every status, with updates from several agencies and the business unit', async () => {
    const { db } = await seeded();
    const data = await load(db);
    const statuses = new Set(data.actions.map((a) => a.status));
    expect(statuses).toEqual(new Set(['not_started', 'in_progress', 'completed', 'assured', 'withdrawn']));
    // Returned for more information at least once.
    expect(data.updates.some((u) => u.statusFrom === 'completed' && u.statusTo === 'in_progress')).toBe(true);
    expect(new Set(data.updates.map((u) => u.agencyId)).size).toBeGreaterThan(10);
    expect(data.updates.some((u) => u.agencyId === null)).toBe(true);
  });

  it('shows every BRAG colour, overdue and stale actions, in believable proportions', async () => {
    const { db } = await seeded();
    const data = await load(db);
    const rated = data.actions.map((a) => ({ a, ...brag(a, NOW) }));
    const n = (colour: Brag | null) => rated.filter((r) => r.brag === colour).length;
    expect(n('blue')).toBeGreaterThan(0);
    expect(n('green')).toBeGreaterThan(0);
    expect(n('amber')).toBeGreaterThan(0);
    expect(n('red')).toBeGreaterThan(0);
    expect(n(null)).toBeGreaterThan(0);
    expect(rated.some((r) => r.overdue)).toBe(true);
    expect(rated.some((r) => r.stale)).toBe(true);
    // Stale on its own (not also overdue or at risk) shows as amber.
    expect(rated.some((r) => r.stale && !r.overdue && r.a.latestConfidence === 'on_track' && r.brag === 'amber')).toBe(true);
    // Red because the author says off track, not only because it is overdue.
    expect(rated.some((r) => !r.overdue && r.brag === 'red')).toBe(true);

    // Most are green or amber, a handful red, some blue.
    const total = rated.length;
    expect(n('green') + n('amber')).toBeGreaterThan(total / 2);
    expect(n('green')).toBeGreaterThan(n('amber'));
    expect(n('red')).toBeGreaterThanOrEqual(3);
    expect(n('red')).toBeLessThanOrEqual(total * 0.15);
    expect(n('blue')).toBeLessThan(n('green') + n('amber'));
    expect(n(null)).toBeLessThanOrEqual(total * 0.1);
  });

  it('keeps the rapid review late against its 15 working days and the review under way within its six months', async () => {
    const { db } = await seeded();
    const data = await load(db);
    const rapid = data.reviews.find((r) => r.stage === 'rapid_review');
    expect(rapid?.notifiedOn).not.toBeNull();
    expect(rapid?.rapidReviewOn).not.toBeNull();
    // 28 calendar days always hold more than 15 working days, bank holidays included.
    const gap = (Date.parse(rapid?.rapidReviewOn ?? '') - Date.parse(rapid?.notifiedOn ?? '')) / DAY_MS;
    expect(gap).toBeGreaterThanOrEqual(28);
    const underWay = data.reviews.find((r) => r.stage === 'review');
    expect(underWay?.startedOn).not.toBeNull();
    expect(underWay?.publishedOn).toBeNull();
  });

  it('refuses to seed a database that is not empty, changing nothing', async () => {
    const { db, counts } = await seeded();
    expect(await isDatabaseEmpty(db)).toBe(false);
    await expect(seedDemo(db, { now: NOW })).rejects.toThrow(/not|empty/i);
    expect((await load(db)).actions).toHaveLength(counts.actions);
    expect((await load(db)).updates).toHaveLength(counts.progressUpdates);
  });

  it('reports a fresh database as empty', async () => {
    const db = await testDatabase();
    expect(await isDatabaseEmpty(db)).toBe(true);
  });
});
