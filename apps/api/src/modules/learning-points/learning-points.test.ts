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
  reviewId = (await factories.review(world.db)).id;
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
    const otherReview = (await factories.review(world.db)).id;
    expect((await addPoint({ title: 'Elsewhere' }, otherReview)).number).toBe(1);
  });

  it('refuses a number the review already uses, but not one another review uses', async () => {
    await addPoint({ title: 'One', number: 1 });
    await expectRefused(
      world,
      { method: 'POST', url: `/api/reviews/${reviewId}/learning-points`, payload: { title: 'Again', number: 1 } },
      { status: 409, code: 'learning_point.number_taken', path: 'number' },
    );
    const otherReview = (await factories.review(world.db)).id;
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
    await addPoint({ title: 'Elsewhere' }, (await factories.review(world.db)).id);
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

describe('POST /api/reviews/:id/learning-points/order', () => {
  const orderUrl = (review = reviewId) => `/api/reviews/${review}/learning-points/order`;

  it('renumbers the points 1..n in the order given, moving on the version of each that moved, with an audit event each', async () => {
    const one = await addPoint({ title: 'One' });
    const two = await addPoint({ title: 'Two' });
    const three = await addPoint({ title: 'Three', number: 5 });
    const res = await world.request({ method: 'POST', url: orderUrl(), payload: { ids: [three.id, one.id, two.id] } });
    expect(res.statusCode, res.body).toBe(200);
    const expected = [
      { ...three, number: 1, version: 2 },
      { ...one, number: 2, version: 2 },
      { ...two, number: 3, version: 2 },
    ];
    expect(res.json()).toEqual({ items: expected });
    expect((await listPoints()).items).toEqual(expected);

    const audit = await world.request({ method: 'GET', url: `/api/audit?entity=learning_point&entityId=${three.id}` });
    expect(audit.json().items[0]).toMatchObject({ operation: 'update', actorName: 'Business Unit Admin', before: { number: 5 }, after: { number: 1 } });
  });

  it('leaves alone, version and trail, the points whose number does not change', async () => {
    const one = await addPoint({ title: 'One' });
    const two = await addPoint({ title: 'Two' });
    const three = await addPoint({ title: 'Three' });
    const res = await world.request({ method: 'POST', url: orderUrl(), payload: { ids: [one.id, three.id, two.id] } });
    expect(res.json().items.map((p: LearningPoint) => [p.id, p.number, p.version])).toEqual([
      [one.id, 1, 1],
      [three.id, 2, 2],
      [two.id, 3, 2],
    ]);
    const trail = await world.request({ method: 'GET', url: `/api/audit?entity=learning_point&entityId=${one.id}` });
    expect(trail.json().items.map((e: { operation: string }) => e.operation)).toEqual(['create']);
    // The same order again changes nothing.
    const before = await world.snapshot();
    const again = await world.request({ method: 'POST', url: orderUrl(), payload: { ids: [one.id, three.id, two.id] } });
    expect(again.statusCode).toBe(200);
    expect(await world.snapshot()).toBe(before);
  });

  it("refuses with 422 naming ids, changing nothing, a list that is not exactly the review's points", async () => {
    const one = await addPoint({ title: 'One' });
    const two = await addPoint({ title: 'Two' });
    const elsewhere = await addPoint({ title: 'Elsewhere' }, (await factories.review(world.db)).id);
    const cases: [string, number[], RegExp][] = [
      ['one missing', [two.id], new RegExp(`${one.id} is missing`)],
      ["another review's point", [two.id, one.id, elsewhere.id], new RegExp(`${elsewhere.id} is not this review's`)],
      ['a point that does not exist', [two.id, one.id, 999], /999 is not this review's/],
      ['one twice', [two.id, one.id, two.id], new RegExp(`${two.id} is listed more than once`)],
      ['none', [], /missing/],
    ];
    for (const [label, ids, message] of cases) {
      const problem = await expectRefused(world, { method: 'POST', url: orderUrl(), payload: { ids } }, { status: 422, code: 'learning_point.order_invalid', path: 'ids' }, label);
      expect(problem.errors?.[0]?.message, label).toMatch(message);
    }
  });

  it('refuses bad bodies with 400, an unknown review with 404, and anyone but the business unit with 403', async () => {
    const one = await addPoint({ title: 'One' });
    await expectInvalidBodies(world, 'POST', orderUrl(), [
      ['ids missing', {}, 'ids'],
      ['ids not a list', { ids: one.id }, 'ids'],
      ['an id as a string', { ids: [String(one.id)] }, 'ids.0'],
      ['an unknown field', { ids: [one.id], reviewId }, 'reviewId'],
    ]);
    await expectRefused(world, { method: 'POST', url: orderUrl(999), payload: { ids: [] } }, { status: 404, code: 'review.not_found' });
    for (const roles of [['viewer'], ['agency_lead'], ['subgroup_chair'], ['independent_chair']] as const) {
      const caller = await world.signIn([...roles]);
      const before = await world.snapshot();
      const res = await world.request({ method: 'POST', url: orderUrl(), payload: { ids: [one.id] }, as: caller });
      expectProblem(res, { status: 403, code: 'auth.forbidden' }, roles[0]);
      expect(await world.snapshot()).toBe(before);
    }
  });

  it('is in the OpenAPI document with its body and answers', async () => {
    const doc = (await world.request({ method: 'GET', url: '/api/openapi.json' })).json();
    const operation = doc.paths['/api/reviews/{id}/learning-points/order'].post;
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '422']));
    expect(operation.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', required: ['ids'], additionalProperties: false });
  });
});
