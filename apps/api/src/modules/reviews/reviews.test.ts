import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { LIMITS, type Review } from '@lrt/contracts';
import { reviewThemes, writeTransaction } from '@lrt/db';
import { createTestWorld, factories, type TestWorld } from '../../testing/test-app';
import {
  expectHostileJsonRefused,
  expectInvalidBodies,
  expectProblem,
  expectRefused,
  expectVersionConflict,
  text,
  walkPages,
  created,
  listIds as listIdsOf,
} from '../../testing/http-expect';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

const minimal = { code: 'SD-2026-01', type: 'lcspr', childPseudonym: 'Child K', title: 'Learning from the experiences of Child K' };

const createReview = (overrides: Record<string, unknown> = {}) => created<Review>(world, '/api/reviews', { ...minimal, ...overrides });

const getReview = async (id: number) => (await world.request({ method: 'GET', url: `/api/reviews/${id}` })).json<Review>();

const listIds = (query: string) => listIdsOf(world, `/api/reviews?${query}`);

describe('POST /api/reviews', () => {
  it('records a review with defaults for everything left out', async () => {
    const review = await createReview();
    expect(review).toEqual({
      id: expect.any(Number),
      ...minimal,
      stage: 'rapid_review',
      notifiedOn: null,
      rapidReviewOn: null,
      startedOn: null,
      completedOn: null,
      publishedOn: null,
      leadReviewer: '',
      subgroupId: null,
      summary: '',
      themeIds: [],
      timeliness: { rapidReviewDueOn: null, rapidReviewLate: null, reviewDueOn: null, reviewLate: null },
      actionCounts: { total: 0, overdue: 0, byBrag: { blue: 0, green: 0, amber: 0, red: 0 } },
      version: 1,
    });
    const read = await world.request({ method: 'GET', url: `/api/reviews/${review.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(review);
  });

  it('records every field given, with themes in id order and named once', async () => {
    const subgroup = await factories.subgroup(world.db);
    const neglect = await factories.theme(world.db);
    const voice = await factories.theme(world.db);
    const review = await createReview({
      type: 'scr',
      stage: 'published',
      notifiedOn: '2025-01-06',
      rapidReviewOn: '2025-01-20',
      startedOn: '2025-02-03',
      completedOn: '2025-07-01',
      publishedOn: '2025-07-30',
      leadReviewer: 'Dr A Reviewer',
      subgroupId: subgroup.id,
      summary: 'What we learned.',
      themeIds: [voice.id, neglect.id, voice.id],
    });
    expect(review).toMatchObject({
      type: 'scr',
      stage: 'published',
      notifiedOn: '2025-01-06',
      rapidReviewOn: '2025-01-20',
      startedOn: '2025-02-03',
      completedOn: '2025-07-01',
      publishedOn: '2025-07-30',
      leadReviewer: 'Dr A Reviewer',
      subgroupId: subgroup.id,
      summary: 'What we learned.',
      themeIds: [neglect.id, voice.id],
    });
  });

  it('refuses bad input with a problem naming the field, and saves nothing', async () => {
    const themeIds = Array.from({ length: LIMITS.ids + 1 }, (_, i) => i + 1);
    await expectInvalidBodies(world, 'POST', '/api/reviews', [
      ['code is a number', { ...minimal, code: 2026 }, 'code'],
      ['subgroupId is a string', { ...minimal, subgroupId: '1' }, 'subgroupId'],
      ['themeIds is not a list', { ...minimal, themeIds: 1 }, 'themeIds'],
      ['themeIds holds a string', { ...minimal, themeIds: ['neglect'] }, 'themeIds.0'],
      ['themeIds holds zero', { ...minimal, themeIds: [0] }, 'themeIds.0'],
      ['too many themeIds', { ...minimal, themeIds }, 'themeIds'],
      ['code missing', { ...minimal, code: undefined }, 'code'],
      ['type missing', { ...minimal, type: undefined }, 'type'],
      ['childPseudonym missing', { ...minimal, childPseudonym: undefined }, 'childPseudonym'],
      ['title missing', { ...minimal, title: undefined }, 'title'],
      ['unknown field', { ...minimal, childName: 'Real Name' }, 'childName'],
      ['computed timeliness is not writable', { ...minimal, timeliness: {} }, 'timeliness'],
      ['empty code', { ...minimal, code: '' }, 'code'],
      ['empty title', { ...minimal, title: ' ' }, 'title'],
      ['code with characters a reference cannot hold', { ...minimal, code: 'SD/2026' }, 'code'],
      ['code too long', { ...minimal, code: text(LIMITS.code + 1) }, 'code'],
      ['title too long', { ...minimal, title: text(LIMITS.title + 1) }, 'title'],
      ['childPseudonym too long', { ...minimal, childPseudonym: text(LIMITS.shortName * 5 + 1) }, 'childPseudonym'],
      ['leadReviewer too long', { ...minimal, leadReviewer: text(LIMITS.name + 1) }, 'leadReviewer'],
      ['summary too long', { ...minimal, summary: text(LIMITS.text + 1) }, 'summary'],
      ['type that does not exist', { ...minimal, type: 'serious_case_review' }, 'type'],
      ['stage that does not exist', { ...minimal, stage: 'draft' }, 'stage'],
      ['impossible date', { ...minimal, notifiedOn: '2026-02-30' }, 'notifiedOn'],
      ['29 February outside a leap year', { ...minimal, startedOn: '2025-02-29' }, 'startedOn'],
      ['date without zero padding', { ...minimal, publishedOn: '2026-3-1' }, 'publishedOn'],
      ['date as an instant', { ...minimal, completedOn: '2026-03-01T00:00:00Z' }, 'completedOn'],
      ['date as a number', { ...minimal, rapidReviewOn: 20260301 }, 'rapidReviewOn'],
    ]);
    await expectHostileJsonRefused(world, 'POST', '/api/reviews', minimal);
  });

  it('refuses a subgroup or theme that does not exist with 422 naming the field', async () => {
    const theme = await factories.theme(world.db);
    await expectRefused(
      world,
      { method: 'POST', url: '/api/reviews', payload: { ...minimal, subgroupId: 404 } },
      { status: 422, code: 'validation.unknown_reference', path: 'subgroupId' },
    );
    const problem = await expectRefused(
      world,
      { method: 'POST', url: '/api/reviews', payload: { ...minimal, themeIds: [theme.id, 405] } },
      { status: 422, code: 'validation.unknown_reference', path: 'themeIds' },
    );
    expect(problem.detail).toContain('405');
  });

  it('refuses a code another review has, whatever the case', async () => {
    await createReview();
    await expectRefused(
      world,
      { method: 'POST', url: '/api/reviews', payload: { ...minimal, code: 'sd-2026-01' } },
      { status: 409, code: 'review.code_taken', path: 'code' },
    );
  });

  it('refuses dates out of order with 422 naming the later field', async () => {
    await expectRefused(
      world,
      { method: 'POST', url: '/api/reviews', payload: { ...minimal, notifiedOn: '2026-02-10', rapidReviewOn: '2026-02-09' } },
      { status: 422, code: 'review.dates_out_of_order', path: 'rapidReviewOn' },
    );
    // Gaps are skipped: published is compared with the last date given before it.
    await expectRefused(
      world,
      { method: 'POST', url: '/api/reviews', payload: { ...minimal, startedOn: '2025-09-01', publishedOn: '2025-08-31' } },
      { status: 422, code: 'review.dates_out_of_order', path: 'publishedOn' },
    );
    // The same day twice is in order.
    await createReview({ notifiedOn: '2026-01-05', rapidReviewOn: '2026-01-05', startedOn: '2026-01-05' });
  });
});

describe('GET /api/reviews/:id', () => {
  it('answers 404 review.not_found for an unknown id and 400 for one that is not a number', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/reviews/777' }), { status: 404, code: 'review.not_found' });
    expectProblem(await world.request({ method: 'GET', url: '/api/reviews/abc' }), { status: 400, code: 'validation.failed', path: 'id' });
  });
});

describe('timeliness against the statutory timescales (today is 2026-03-02 in London)', () => {
  it('is due 15 working days after notification, and late when held after that', async () => {
    const late = await createReview({ code: 'RR-1', notifiedOn: '2026-01-05', rapidReviewOn: '2026-01-27' });
    expect(late.timeliness).toEqual({ rapidReviewDueOn: '2026-01-26', rapidReviewLate: true, reviewDueOn: null, reviewLate: null });
    const onTheDay = await createReview({ code: 'RR-2', notifiedOn: '2026-01-05', rapidReviewOn: '2026-01-26' });
    expect(onTheDay.timeliness.rapidReviewLate).toBe(false);
  });

  it('skips bank holidays, and counts an outstanding rapid review as late once the due day has passed', async () => {
    // Notified Friday 19 December 2025: Christmas Day, Boxing Day and New Year's Day do not count.
    const review = await createReview({ notifiedOn: '2025-12-19' });
    expect(review.timeliness).toMatchObject({ rapidReviewDueOn: '2026-01-14', rapidReviewLate: true });
  });

  it('is not late while the due day is still ahead, and becomes late as the clock passes it', async () => {
    const review = await createReview({ notifiedOn: '2026-02-20' });
    expect(review.timeliness).toMatchObject({ rapidReviewDueOn: '2026-03-13', rapidReviewLate: false });
    await world.setNow(new Date('2026-03-13T23:30:00.000Z')); // the due day itself, late evening in London (GMT)
    expect((await getReview(review.id)).timeliness.rapidReviewLate).toBe(false);
    await world.setNow(new Date('2026-03-16T09:00:00.000Z'));
    expect((await getReview(review.id)).timeliness.rapidReviewLate).toBe(true);
  });

  it('expects publication six months after the start, at the end of a shorter month', async () => {
    const review = await createReview({ startedOn: '2025-08-31' });
    expect(review.timeliness).toEqual({ rapidReviewDueOn: null, rapidReviewLate: null, reviewDueOn: '2026-02-28', reviewLate: true });
    const published = await world.request({
      method: 'PATCH',
      url: `/api/reviews/${review.id}`,
      payload: { version: 1, stage: 'published', completedOn: '2026-02-01', publishedOn: '2026-02-27' },
    });
    expect(published.json<Review>().timeliness).toMatchObject({ reviewDueOn: '2026-02-28', reviewLate: false });
  });
});

describe('actionCounts', () => {
  it('counts the review\'s actions, those overdue, and each BRAG rating', async () => {
    const review = await createReview();
    const other = await createReview({ code: 'OTHER-1' });
    const agency = await factories.agency(world.db);
    const recent = '2026-02-20T09:00:00.000Z';
    const action = (values: Parameters<typeof factories.action>[1]) => factories.action(world.db, values);
    const base = { reviewId: review.id, ownerAgencyId: agency.id, createdAt: recent };
    await action({ ...base, targetDate: '2026-01-31' }); // overdue: red
    await action({ ...base, targetDate: '2026-01-31', status: 'completed' }); // green, done so not overdue
    await action({ ...base, status: 'assured', evidenceOfImpact: 'Audit shows the change' }); // blue
    await action({ ...base, targetDate: '2026-01-31', status: 'withdrawn', withdrawnReason: 'Superseded' }); // no rating
    await action({ ...base, status: 'in_progress', latestConfidence: 'at_risk', lastUpdateAt: recent, targetDate: '2026-09-30' }); // amber
    await action({ ...base, status: 'in_progress', createdAt: '2025-12-01T09:00:00.000Z', targetDate: '2026-09-30' }); // stale: amber
    await action({ ...base, targetDate: '2026-09-30' }); // green
    await action({ reviewId: other.id, ownerAgencyId: agency.id, createdAt: recent, targetDate: '2026-01-01' }); // another review's

    const expected = { total: 7, overdue: 1, byBrag: { blue: 1, green: 2, amber: 2, red: 1 } };
    expect((await getReview(review.id)).actionCounts).toEqual(expected);
    const listed = (await world.request({ method: 'GET', url: '/api/reviews' })).json<{ items: Review[] }>().items;
    expect(listed.find((r) => r.id === review.id)?.actionCounts).toEqual(expected);
    expect(listed.find((r) => r.id === other.id)?.actionCounts).toEqual({ total: 1, overdue: 1, byBrag: { blue: 0, green: 0, amber: 0, red: 1 } });
  });
});

describe('GET /api/reviews', () => {
  it('lists the most recent first (by notified, else started, else recorded date), each exactly once across pages', async () => {
    const make = (code: string, dates: { notifiedOn?: string; startedOn?: string; createdAt?: string }) =>
      factories.review(world.db, { code, ...dates });
    await make('A', { notifiedOn: '2025-03-01' });
    await make('B', { startedOn: '2025-09-01' });
    await make('C', { notifiedOn: '2025-09-01' }); // ties with B: the later id first
    await make('D', { createdAt: '2026-01-15T12:00:00.000Z' });
    await make('E', { notifiedOn: '2024-11-30', startedOn: '2026-02-01' }); // notified counts, not started
    await make('F', { notifiedOn: '2025-12-24' });
    await make('G', { startedOn: '2025-01-10' });
    const { items, pages } = await walkPages<Review>(world, '/api/reviews', 2);
    expect(pages).toBe(4);
    expect(items.map((r) => r.code)).toEqual(['D', 'F', 'C', 'B', 'A', 'G', 'E']);
  });

  it('refuses a limit over 200 and a cursor it did not give out', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/reviews?limit=201' }), { status: 400, code: 'validation.failed', path: 'limit' });
    for (const cursor of ['%%%', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('not json').toString('base64url')]) {
      expectProblem(
        await world.request({ method: 'GET', url: `/api/reviews?cursor=${encodeURIComponent(cursor)}` }),
        { status: 400, code: 'validation.failed', path: 'cursor' },
        cursor,
      );
    }
  });

  it('filters by type and stage, each repeatable', async () => {
    const rapid = await factories.review(world.db, { type: 'rapid_review', stage: 'rapid_review' });
    const lcspr = await factories.review(world.db, { type: 'lcspr', stage: 'review' });
    const audit = await factories.review(world.db, { type: 'multi_agency_audit', stage: 'closed' });
    expect(await listIds('type=lcspr')).toEqual([lcspr.id]);
    expect((await listIds('type=lcspr&type=multi_agency_audit')).sort()).toEqual([lcspr.id, audit.id].sort());
    expect(await listIds('stage=rapid_review')).toEqual([rapid.id]);
    expect((await listIds('stage=closed&stage=rapid_review')).sort()).toEqual([rapid.id, audit.id].sort());
    expect(await listIds('type=lcspr&stage=closed')).toEqual([]);
    expectProblem(await world.request({ method: 'GET', url: '/api/reviews?type=scr&type=bogus' }), { status: 400, code: 'validation.failed', path: 'type.1' });
    expectProblem(await world.request({ method: 'GET', url: '/api/reviews?stage=draft' }), { status: 400, code: 'validation.failed', path: 'stage.0' });
  });

  it('lists only the reviews asked for by id, and refuses an id that is not one', async () => {
    const [a, b, c] = [await factories.review(world.db), await factories.review(world.db), await factories.review(world.db)];
    expect((await listIds(`id=${a.id}&id=${c.id}`)).sort()).toEqual([a.id, c.id].sort());
    expect(await listIds(`id=${b.id}`)).toEqual([b.id]);
    expect(await listIds('id=999999')).toEqual([]);
    expectProblem(await world.request({ method: 'GET', url: '/api/reviews?id=abc' }), { status: 400, code: 'validation.failed', path: 'id.0' });
  });

  it('filters by subgroup and by theme, each repeatable', async () => {
    const [sg1, sg2] = [await factories.subgroup(world.db), await factories.subgroup(world.db)];
    const [neglect, voice] = [await factories.theme(world.db), await factories.theme(world.db)];
    const a = await factories.review(world.db, { subgroupId: sg1.id });
    const b = await factories.review(world.db, { subgroupId: sg2.id });
    const c = await factories.review(world.db);
    await writeTransaction(world.db, (tx) =>
      tx.insert(reviewThemes).values([
        { reviewId: a.id, themeId: neglect.id },
        { reviewId: a.id, themeId: voice.id },
        { reviewId: c.id, themeId: voice.id },
      ]),
    );
    expect(await listIds(`subgroupId=${sg1.id}`)).toEqual([a.id]);
    expect((await listIds(`subgroupId=${sg1.id}&subgroupId=${sg2.id}`)).sort()).toEqual([a.id, b.id].sort());
    expect(await listIds(`themeId=${neglect.id}`)).toEqual([a.id]);
    // A review with both themes is listed once.
    expect((await listIds(`themeId=${neglect.id}&themeId=${voice.id}`)).sort()).toEqual([a.id, c.id].sort());
    expect(await listIds(`themeId=${voice.id}&subgroupId=${sg2.id}`)).toEqual([]);
    expectProblem(await world.request({ method: 'GET', url: '/api/reviews?subgroupId=abc' }), { status: 400, code: 'validation.failed', path: 'subgroupId.0' });
  });

  it('searches code, title, child pseudonym and summary with q, case-insensitively', async () => {
    const byCode = await factories.review(world.db, { code: 'NSCP-2025-07', title: 'One' });
    const byTitle = await factories.review(world.db, { title: 'Thematic review of bruising' });
    const byChild = await factories.review(world.db, { childPseudonym: 'Baby Robin' });
    const bySummary = await factories.review(world.db, { summary: 'Professional curiosity about cohabiting adults' });
    expect(await listIds('q=nscp-2025')).toEqual([byCode.id]);
    expect(await listIds('q=BRUISING')).toEqual([byTitle.id]);
    expect(await listIds('q=robin')).toEqual([byChild.id]);
    expect(await listIds('q=curiosity')).toEqual([bySummary.id]);
    expect(await listIds('q=%25')).toEqual([]);
  });
});

describe('PATCH /api/reviews/:id', () => {
  it('changes the given fields, keeps the rest and moves the version on', async () => {
    const subgroup = await factories.subgroup(world.db);
    const theme = await factories.theme(world.db);
    const review = await createReview({ subgroupId: subgroup.id, themeIds: [theme.id], notifiedOn: '2026-01-05' });
    const res = await world.request({ method: 'PATCH', url: `/api/reviews/${review.id}`, payload: { version: 1, stage: 'review', startedOn: '2026-02-02' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      ...review,
      stage: 'review',
      startedOn: '2026-02-02',
      timeliness: { ...review.timeliness, reviewDueOn: '2026-08-02', reviewLate: false },
      version: 2,
    });
    expect(await getReview(review.id)).toEqual(res.json());
  });

  it('replaces the themes when themeIds is given, and clears the subgroup with null', async () => {
    const subgroup = await factories.subgroup(world.db);
    const [t1, t2, t3] = [await factories.theme(world.db), await factories.theme(world.db), await factories.theme(world.db)];
    const review = await createReview({ subgroupId: subgroup.id, themeIds: [t1.id, t2.id] });
    const res = await world.request({ method: 'PATCH', url: `/api/reviews/${review.id}`, payload: { version: 1, themeIds: [t3.id, t2.id], subgroupId: null } });
    expect(res.json()).toMatchObject({ themeIds: [t2.id, t3.id], subgroupId: null, version: 2 });
    const cleared = await world.request({ method: 'PATCH', url: `/api/reviews/${review.id}`, payload: { version: 2, themeIds: [] } });
    expect(cleared.json()).toMatchObject({ themeIds: [], version: 3 });
  });

  it('refuses a stale version with 409 and the review as it now is, keeping its themes', async () => {
    const theme = await factories.theme(world.db);
    const review = await createReview({ themeIds: [theme.id] });
    await world.request({ method: 'PATCH', url: `/api/reviews/${review.id}`, payload: { version: 1, title: 'Renamed' } });
    const problem = await expectVersionConflict(world, {
      patchUrl: `/api/reviews/${review.id}`,
      body: { version: 1, title: 'Lost update', themeIds: [] },
      code: 'review.version_conflict',
    });
    expect(problem.current).toMatchObject({ title: 'Renamed', themeIds: [theme.id], version: 2 });
  });

  it('refuses bad patches, naming the field, and changes nothing', async () => {
    const review = await createReview();
    await expectInvalidBodies(world, 'PATCH', `/api/reviews/${review.id}`, [
      ['version missing', { title: 'X' }, 'version'],
      ['version a string', { version: '1' }, 'version'],
      ['title empty', { version: 1, title: '' }, 'title'],
      ['code null', { version: 1, code: null }, 'code'],
      ['impossible date', { version: 1, startedOn: '2026-04-31' }, 'startedOn'],
      ['stage that does not exist', { version: 1, stage: 'archived' }, 'stage'],
      ['unknown field', { version: 1, actionCounts: {} }, 'actionCounts'],
    ]);
    await expectHostileJsonRefused(world, 'PATCH', `/api/reviews/${review.id}`, { version: 1, title: 'X' });
  });

  it('refuses a date out of order with the dates already recorded', async () => {
    const review = await createReview({ notifiedOn: '2026-01-05', startedOn: '2026-02-02' });
    await expectRefused(
      world,
      { method: 'PATCH', url: `/api/reviews/${review.id}`, payload: { version: 1, notifiedOn: '2026-02-10' } },
      { status: 422, code: 'review.dates_out_of_order', path: 'startedOn' },
    );
    await expectRefused(
      world,
      { method: 'PATCH', url: `/api/reviews/${review.id}`, payload: { version: 1, publishedOn: '2026-01-31' } },
      { status: 422, code: 'review.dates_out_of_order', path: 'publishedOn' },
    );
    // Clearing a date removes it from the order.
    const res = await world.request({ method: 'PATCH', url: `/api/reviews/${review.id}`, payload: { version: 1, startedOn: null, notifiedOn: '2026-02-10' } });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses unknown references, a taken code and an unknown review', async () => {
    const review = await createReview();
    await createReview({ code: 'TAKEN-1' });
    await expectRefused(
      world,
      { method: 'PATCH', url: `/api/reviews/${review.id}`, payload: { version: 1, subgroupId: 999 } },
      { status: 422, code: 'validation.unknown_reference', path: 'subgroupId' },
    );
    await expectRefused(
      world,
      { method: 'PATCH', url: `/api/reviews/${review.id}`, payload: { version: 1, themeIds: [999] } },
      { status: 422, code: 'validation.unknown_reference', path: 'themeIds' },
    );
    await expectRefused(
      world,
      { method: 'PATCH', url: `/api/reviews/${review.id}`, payload: { version: 1, code: 'taken-1' } },
      { status: 409, code: 'review.code_taken', path: 'code' },
    );
    await expectRefused(world, { method: 'PATCH', url: '/api/reviews/999', payload: { version: 1 } }, { status: 404, code: 'review.not_found' });
  });
});

describe('cursors', () => {
  it('refuses a cursor whose values are not the kinds this list gives out', async () => {
    const forged = Buffer.from(JSON.stringify([1, 'x'])).toString('base64url');
    const response = await world.request({ method: 'GET', url: `/api/reviews?cursor=${forged}` });
    expectProblem(response, { status: 400, code: 'validation.failed', path: 'cursor' });
  });
});
