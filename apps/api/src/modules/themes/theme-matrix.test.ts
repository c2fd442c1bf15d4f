import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThemeMatrix } from '@lrt/contracts';
import { createTestWorld, factories, type TestWorld } from '../../testing/test-app';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.close());

describe('GET /api/themes/matrix', () => {
  it('shows which themes recur across reviews, by tag or through actions', async () => {
    const { db } = world;
    const voice = factories.theme(db, { name: "Child's voice" });
    const men = factories.theme(db, { name: 'Hidden men' });
    const agency = factories.agency(db);
    const first = factories.review(db, { code: 'A-2024', notifiedOn: '2024-01-10' });
    const second = factories.review(db, { code: 'B-2025', notifiedOn: '2025-01-10' });
    db.$client.prepare('insert into review_themes (review_id, theme_id) values (?, ?)').run(first.id, voice.id);
    const late = factories.action(db, { reviewId: second.id, ownerAgencyId: agency.id, targetDate: '2026-01-01' });
    const done = factories.action(db, { reviewId: second.id, ownerAgencyId: agency.id, status: 'assured', evidenceOfImpact: 'Audit' });
    const other = factories.action(db, { reviewId: first.id, ownerAgencyId: agency.id });
    for (const [actionId, themeId] of [[late.id, voice.id], [done.id, voice.id], [other.id, men.id]]) {
      db.$client.prepare('insert into action_themes (action_id, theme_id) values (?, ?)').run(actionId, themeId);
    }

    const response = await world.request({ method: 'GET', url: '/api/themes/matrix' });
    expect(response.statusCode).toBe(200);
    const matrix = response.json<ThemeMatrix>();
    expect(matrix.reviews.map((r) => r.code)).toEqual(['A-2024', 'B-2025']);
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
  });

  it('narrows to the reviews a subgroup oversees', async () => {
    const subgroup = factories.subgroup(world.db);
    const theme = factories.theme(world.db);
    const mine = factories.review(world.db, { subgroupId: subgroup.id });
    factories.review(world.db);
    world.db.$client.prepare('insert into review_themes (review_id, theme_id) values (?, ?)').run(mine.id, theme.id);
    const matrix = (await world.request({ method: 'GET', url: `/api/themes/matrix?subgroupId=${subgroup.id}` })).json<ThemeMatrix>();
    expect(matrix.reviews.map((r) => r.id)).toEqual([mine.id]);
    expect(matrix.cells).toHaveLength(1);
  });
});
