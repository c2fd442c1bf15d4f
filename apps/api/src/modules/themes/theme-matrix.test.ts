import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThemeMatrix } from '@lrt/contracts';
import { actionThemes, reviewThemes, writeTransaction } from '@lrt/db';
import { createTestWorld, factories, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.close());

/** Tags a review, or an action, with a theme. */
const tagReview = (reviewId: number, themeId: number) => writeTransaction(world.db, (tx) => tx.insert(reviewThemes).values({ reviewId, themeId }));
const tagAction = (actionId: number, themeId: number) => writeTransaction(world.db, (tx) => tx.insert(actionThemes).values({ actionId, themeId }));

describe('GET /api/themes/matrix', () => {
  it('shows which themes recur across reviews, by tag or through actions', async () => {
    const { db } = world;
    const voice = await factories.theme(db, { name: "Child's voice" });
    const men = await factories.theme(db, { name: 'Hidden men' });
    const agency = await factories.agency(db);
    const first = await factories.review(db, { code: 'A-2024', notifiedOn: '2024-01-10' });
    const second = await factories.review(db, { code: 'B-2025', notifiedOn: '2025-01-10' });
    await tagReview(first.id, voice.id);
    const late = await factories.action(db, { reviewId: second.id, ownerAgencyId: agency.id, targetDate: '2026-01-01' });
    const done = await factories.action(db, { reviewId: second.id, ownerAgencyId: agency.id, status: 'assured', evidenceOfImpact: 'Audit' });
    const other = await factories.action(db, { reviewId: first.id, ownerAgencyId: agency.id });
    for (const [actionId, themeId] of [[late.id, voice.id], [done.id, voice.id], [other.id, men.id]] as const) {
      await tagAction(actionId, themeId);
    }

    const response = await world.request({ method: 'GET', url: '/api/themes/matrix' });
    expect(response.statusCode).toBe(200);
    const matrix = response.json<ThemeMatrix>();
    // Newest first, each with the date it is ordered by.
    expect(matrix.reviews.map((r) => [r.code, r.date])).toEqual([
      ['B-2025', '2025-01-10'],
      ['A-2024', '2024-01-10'],
    ]);
    expect([matrix.reviewCount, matrix.nextCursor, matrix.previousCursor]).toEqual([2, null, null]);
    expect(matrix.cells).toEqual(
      expect.arrayContaining([
        { themeId: voice.id, reviewId: first.id, reviewTagged: true, actions: 0, open: 0, overdue: 0 },
        { themeId: voice.id, reviewId: second.id, reviewTagged: false, actions: 2, open: 1, overdue: 1 },
        { themeId: men.id, reviewId: first.id, reviewTagged: false, actions: 1, open: 1, overdue: 0 },
      ]),
    );
    expect(matrix.cells).toHaveLength(3);
    expect(matrix.byTheme.find((t) => t.themeId === voice.id)).toEqual({ themeId: voice.id, reviews: 2, actions: 2, open: 1, overdue: 1, recurs: true });
    expect(matrix.byTheme.find((t) => t.themeId === men.id)?.recurs).toBe(false);

    // One theme: only it, and only the reviews it is found in.
    // The newest review has neither theme: it is left out.
    await factories.review(db, { code: 'C-2026', notifiedOn: '2026-01-10' });
    const onlyMen = (await world.request({ method: 'GET', url: `/api/themes/matrix?themeId=${men.id}` })).json<ThemeMatrix>();
    expect(onlyMen.themes).toEqual([{ id: men.id, name: 'Hidden men' }]);
    expect([onlyMen.reviews.map((r) => r.code), onlyMen.reviewCount]).toEqual([['A-2024'], 1]);
    expect(onlyMen.cells).toEqual([{ themeId: men.id, reviewId: first.id, reviewTagged: false, actions: 1, open: 1, overdue: 0 }]);
    expect(onlyMen.byTheme).toEqual([{ themeId: men.id, reviews: 1, actions: 1, open: 1, overdue: 0, recurs: false }]);
    const onlyVoice = (await world.request({ method: 'GET', url: `/api/themes/matrix?themeId=${voice.id}` })).json<ThemeMatrix>();
    expect(onlyVoice.reviews.map((r) => r.code)).toEqual(['B-2025', 'A-2024']);
  });

  it('narrows to the reviews a subgroup oversees', async () => {
    const subgroup = await factories.subgroup(world.db);
    const theme = await factories.theme(world.db);
    const mine = await factories.review(world.db, { subgroupId: subgroup.id });
    await factories.review(world.db);
    await tagReview(mine.id, theme.id);
    const matrix = (await world.request({ method: 'GET', url: `/api/themes/matrix?subgroupId=${subgroup.id}` })).json<ThemeMatrix>();
    expect(matrix.reviews.map((r) => r.id)).toEqual([mine.id]);
    expect(matrix.cells).toHaveLength(1);
  });

  it('pages through the reviews newest first, older and newer, with totals over every review', async () => {
    const { db } = world;
    const theme = await factories.theme(db, { name: 'Neglect' });
    const agency = await factories.agency(db);
    // Twenty-five reviews, a month apart; two share a date, so the id breaks the tie. Every one has the theme.
    const reviews = [];
    for (let i = 0; i < 25; i++) {
      reviews.push(
        await factories.review(db, { code: `R-${String(i + 1).padStart(2, '0')}`, notifiedOn: i === 24 ? '2025-12-10' : `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-10` }),
      );
    }
    for (const review of reviews) {
      const action = await factories.action(db, { reviewId: review.id, ownerAgencyId: agency.id });
      await tagAction(action.id, theme.id);
    }
    const get = async (query: string) => {
      const response = await world.request({ method: 'GET', url: `/api/themes/matrix${query}` });
      expect(response.statusCode).toBe(200);
      return response.json<ThemeMatrix>();
    };
    const codes = (matrix: ThemeMatrix) => matrix.reviews.map((r) => r.code);

    const newest = await get('');
    expect(newest.reviews).toHaveLength(20);
    // share 2025-12-10: the later id first.
    expect(codes(newest).slice(0, 4)).toEqual(['R-25', 'R-24', 'R-23', 'R-22']);
    expect(newest.reviewCount).toBe(25);
    expect(newest.previousCursor).toBeNull();
    expect(newest.cells).toHaveLength(20);
    // The theme's totals count all twenty-five reviews, not only the twenty shown.
    expect(newest.byTheme).toEqual([{ themeId: theme.id, reviews: 25, actions: 25, open: 25, overdue: 0, recurs: true }]);

    const older = await get(`?cursor=${encodeURIComponent(newest.nextCursor!)}`);
    expect(codes(older)).toEqual(['R-05', 'R-04', 'R-03', 'R-02', 'R-01']);
    expect(older.nextCursor).toBeNull();
    expect(older.byTheme[0]?.reviews).toBe(25);
    expect(older.cells.map((c) => c.reviewId).sort()).toEqual(older.reviews.map((r) => r.id).sort());

    const back = await get(`?cursor=${encodeURIComponent(older.previousCursor!)}`);
    expect(codes(back)).toEqual(codes(newest));
    expect(back.previousCursor).toBeNull();

    const small = await get('?limit=10');
    expect(codes(small)).toEqual(codes(newest).slice(0, 10));
    const middle = await get(`?limit=10&cursor=${encodeURIComponent(small.nextCursor!)}`);
    expect(codes(middle)).toEqual(codes(newest).slice(10, 20));
    expect(middle.previousCursor).not.toBeNull();
    const middleBack = await get(`?limit=10&cursor=${encodeURIComponent(middle.previousCursor!)}`);
    expect(codes(middleBack)).toEqual(codes(small));
  });

  it('narrows the reviews to a period, and refuses a bad limit or cursor', async () => {
    const { db } = world;
    const theme = await factories.theme(db);
    for (const [code, notifiedOn] of [['OLD', '2023-05-01'], ['MID', '2024-06-15'], ['NEW', '2025-07-01']] as const) {
      const review = await factories.review(db, { code, notifiedOn });
      await tagReview(review.id, theme.id);
    }
    const matrix = (await world.request({ method: 'GET', url: '/api/themes/matrix?from=2024-01-01&to=2025-06-30' })).json<ThemeMatrix>();
    expect([matrix.reviews.map((r) => r.code), matrix.reviewCount]).toEqual([['MID'], 1]);
    expect(matrix.byTheme[0]).toMatchObject({ reviews: 1, recurs: false });

    for (const query of ['limit=0', 'limit=101', 'cursor=nonsense', 'from=2024-02-30']) {
      const response = await world.request({ method: 'GET', url: `/api/themes/matrix?${query}` });
      expect(response.statusCode, query).toBe(400);
    }
  });
});
