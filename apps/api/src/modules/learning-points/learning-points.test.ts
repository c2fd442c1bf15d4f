import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { LIMITS, type LearningPoint } from '@lrt/contracts';
import { createTestWorld, factories, type TestWorld } from '../../testing/test-app';
import {
  expectHostileJsonRefused,
  expectInvalidBodies,
  expectProblem,
  walkPages,
  expectRefused,
  expectVersionConflict,
  text,
} from '../../testing/http-expect';

let world: TestWorld;
let reviewId: number;
beforeEach(async () => {
  world = await createTestWorld();
  reviewId = factories.review(world.db).id;
});
afterEach(async () => {
  await world.close();
});

async function addPoint(body: Record<string, unknown>, review = reviewId) {
  const res = await world.request({ method: 'POST', url: `/api/reviews/${review}/learning-points`, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<LearningPoint>();
}

async function listPoints(review = reviewId) {
  const res = await world.request({ method: 'GET', url: `/api/reviews/${review}/learning-points` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: LearningPoint[]; nextCursor: string | null }>();
}

describe('POST /api/reviews/:id/learning-points', () => {
  it('adds a learning point numbered 1, with an empty description by default, and reads it back', async () => {
    const point = await addPoint({ title: '  Hearing the voice of the child ' });
    expect(point).toEqual({ id: expect.any(Number), reviewId, number: 1, title: 'Hearing the voice of the child', description: '', version: 1 });
    const read = await world.request({ method: 'GET', url: `/api/learning-points/${point.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(point);
  });

  it('numbers each new point after the highest so far, per review', async () => {
    expect((await addPoint({ title: 'One' })).number).toBe(1);
    expect((await addPoint({ title: 'Two' })).number).toBe(2);
    expect((await addPoint({ title: 'Seven', number: 7 })).number).toBe(7);
    expect((await addPoint({ title: 'Next' })).number).toBe(8);
    expect((await addPoint({ title: 'Three', number: 3 })).number).toBe(3);
    const otherReview = factories.review(world.db).id;
    expect((await addPoint({ title: 'Elsewhere' }, otherReview)).number).toBe(1);
  });

  it('refuses a number the review already uses, but not one another review uses', async () => {
    await addPoint({ title: 'One', number: 1 });
    await expectRefused(
      world,
      { method: 'POST', url: `/api/reviews/${reviewId}/learning-points`, payload: { title: 'Again', number: 1 } },
      { status: 409, code: 'learning_point.number_taken', path: 'number' },
    );
    const otherReview = factories.review(world.db).id;
    expect((await addPoint({ title: 'One elsewhere', number: 1 }, otherReview)).number).toBe(1);
  });

  it('answers 404 review.not_found for a review that does not exist, and 400 for a bad review id', async () => {
    await expectRefused(
      world,
      { method: 'POST', url: '/api/reviews/999/learning-points', payload: { title: 'Orphan' } },
      { status: 404, code: 'review.not_found' },
    );
    await expectRefused(
      world,
      { method: 'POST', url: '/api/reviews/abc/learning-points', payload: { title: 'Orphan' } },
      { status: 400, code: 'validation.failed', path: 'id' },
    );
  });

  it('refuses bad input with a problem naming the field, and saves nothing', async () => {
    await expectInvalidBodies(world, 'POST', `/api/reviews/${reviewId}/learning-points`, [
      ['title missing', { description: 'x' }, 'title'],
      ['title a number', { title: 1 }, 'title'],
      ['title empty', { title: '' }, 'title'],
      ['title too long', { title: text(LIMITS.title + 1) }, 'title'],
      ['description too long', { title: 'T', description: text(LIMITS.text + 1) }, 'description'],
      ['number zero', { title: 'T', number: 0 }, 'number'],
      ['number over 999', { title: 'T', number: 1000 }, 'number'],
      ['number a fraction', { title: 'T', number: 1.5 }, 'number'],
      ['number a string', { title: 'T', number: '2' }, 'number'],
      ['reviewId comes from the path, not the body', { title: 'T', reviewId }, 'reviewId'],
    ]);
    await expectHostileJsonRefused(world, 'POST', `/api/reviews/${reviewId}/learning-points`, { title: 'T' });
  });
});

describe('GET /api/reviews/:id/learning-points', () => {
  it("lists only this review's points, in number order, in one page", async () => {
    await addPoint({ title: 'Third', number: 3 });
    await addPoint({ title: 'First', number: 1 });
    await addPoint({ title: 'Tenth', number: 10 });
    await addPoint({ title: 'Second', number: 2 });
    await addPoint({ title: 'Elsewhere' }, factories.review(world.db).id);
    const list = await listPoints();
    expect(list.items.map((p) => [p.number, p.title])).toEqual([
      [1, 'First'],
      [2, 'Second'],
      [3, 'Third'],
      [10, 'Tenth'],
    ]);
    expect(list.nextCursor).toBeNull();
  });

  it('pages through many learning points in number order', async () => {
    for (let n = 1; n <= 7; n++) await addPoint({ title: `Point ${n}` });
    const { items, pages } = await walkPages<LearningPoint>(world, `/api/reviews/${reviewId}/learning-points`, 3);
    expect(items.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pages).toBe(3);
    const tampered = await world.request({ method: 'GET', url: `/api/reviews/${reviewId}/learning-points?cursor=nonsense` });
    expectProblem(tampered, { status: 400, code: 'validation.failed', path: 'cursor' });
  });

  it('answers an empty list for a review without points, 404 for an unknown review, 400 for a bad id', async () => {
    expect(await listPoints()).toEqual({ items: [], nextCursor: null });
    expectProblem(await world.request({ method: 'GET', url: '/api/reviews/999/learning-points' }), { status: 404, code: 'review.not_found' });
    expectProblem(await world.request({ method: 'GET', url: '/api/reviews/x/learning-points' }), { status: 400, code: 'validation.failed', path: 'id' });
  });
});

describe('GET /api/learning-points/:id', () => {
  it('answers 404 learning_point.not_found for an unknown id and 400 for one that is not a number', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/learning-points/999' }), { status: 404, code: 'learning_point.not_found' });
    expectProblem(await world.request({ method: 'GET', url: '/api/learning-points/abc' }), { status: 400, code: 'validation.failed', path: 'id' });
  });
});

describe('PATCH /api/learning-points/:id', () => {
  it('changes the given fields, renumbers, and moves the version on', async () => {
    const point = await addPoint({ title: 'One', description: 'Before' });
    const res = await world.request({ method: 'PATCH', url: `/api/learning-points/${point.id}`, payload: { version: 1, number: 4, description: 'After' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...point, number: 4, description: 'After', version: 2 });
    expect((await listPoints()).items).toEqual([res.json()]);
  });

  it("refuses a number another of the review's points has", async () => {
    const one = await addPoint({ title: 'One' });
    await addPoint({ title: 'Two' });
    await expectRefused(
      world,
      { method: 'PATCH', url: `/api/learning-points/${one.id}`, payload: { version: 1, number: 2 } },
      { status: 409, code: 'learning_point.number_taken', path: 'number' },
    );
  });

  it('refuses a stale version with 409 and the point as it now is', async () => {
    const point = await addPoint({ title: 'One' });
    await world.request({ method: 'PATCH', url: `/api/learning-points/${point.id}`, payload: { version: 1, title: 'Edited' } });
    const problem = await expectVersionConflict(world, {
      patchUrl: `/api/learning-points/${point.id}`,
      body: { version: 1, title: 'Lost' },
      code: 'learning_point.version_conflict',
    });
    expect(problem.current).toMatchObject({ title: 'Edited', version: 2 });
  });

  it('refuses bad patches and unknown points, changing nothing', async () => {
    const point = await addPoint({ title: 'One' });
    await expectInvalidBodies(world, 'PATCH', `/api/learning-points/${point.id}`, [
      ['version missing', { title: 'X' }, 'version'],
      ['version negative', { version: -1 }, 'version'],
      ['title empty', { version: 1, title: '' }, 'title'],
      ['number null', { version: 1, number: null }, 'number'],
      ['moving to another review is not a field', { version: 1, reviewId: 2 }, 'reviewId'],
    ]);
    await expectHostileJsonRefused(world, 'PATCH', `/api/learning-points/${point.id}`, { version: 1, title: 'X' });
    await expectRefused(world, { method: 'PATCH', url: '/api/learning-points/999', payload: { version: 1 } }, { status: 404, code: 'learning_point.not_found' });
  });
});
