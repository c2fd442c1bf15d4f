import { expect } from 'vitest';
import type { InjectOptions } from 'fastify';
import type { Problem } from '@lrt/contracts';
import type { TestWorld } from './test-app';

type Response = Awaited<ReturnType<TestWorld['request']>>;

export interface ExpectedProblem {
  status: number;
  code: string;
  /** A field the problem's `errors[].path` must name. */
  path?: string;
}

/** The response is an RFC 9457 problem with this status and code (and, if given, names the field). */
export function expectProblem(res: Response, expected: ExpectedProblem, label = ''): Problem {
  const context = `${label} ${res.body}`.trim();
  expect(res.statusCode, context).toBe(expected.status);
  expect(res.headers['content-type'], context).toMatch(/^application\/problem\+json/);
  const body = res.json<Problem>();
  expect(body, context).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
    status: expected.status,
    code: expected.code,
  });
  if (expected.path !== undefined) {
    expect(body.errors?.map((e) => e.path) ?? [], context).toContain(expected.path);
  }
  return body;
}

/** Sends a request that must be refused, and proves the database is exactly as it was. */
export async function expectRefused(world: TestWorld, options: InjectOptions, expected: ExpectedProblem, label = '') {
  const before = await world.snapshot();
  const res = await world.request(options);
  const problem = expectProblem(res, expected, label);
  expect(await world.snapshot(), `${label}: the database changed`).toBe(before);
  return problem;
}

/** A JSON body sent exactly as written (malformed JSON, `__proto__` keys...). */
export const rawJson = (method: 'POST' | 'PATCH', url: string, body: string): InjectOptions => ({
  method,
  url,
  headers: { 'content-type': 'application/json' },
  payload: body,
});

/** Walks a keyset-paginated list from the first page to the last, `limit` rows at a time. */
export async function walkPages<T extends { id: number }>(world: TestWorld, url: string, limit: number) {
  const items: T[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await world.request({
      method: 'GET',
      url: `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: T[]; nextCursor: string | null }>();
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
    expect(pages, 'the list never ended').toBeLessThan(100);
  } while (cursor !== null);
  return { items, pages };
}

/**
 * The version-conflict rule every PATCH shares: a stale `version` answers 409 `<resource>.version_conflict` carrying
 * the resource as it now is (what GET `readUrl` answers), and changes nothing.
 */
export async function expectVersionConflict(
  world: TestWorld,
  options: { patchUrl: string; readUrl?: string; body: Record<string, unknown>; code: string },
) {
  const current = (await world.request({ method: 'GET', url: options.readUrl ?? options.patchUrl })).json();
  const problem = await expectRefused(
    world,
    { method: 'PATCH', url: options.patchUrl, payload: options.body },
    { status: 409, code: options.code, path: 'version' },
    'stale version',
  );
  expect(problem.current).toEqual(current);
  return problem;
}

/** Sends each case and expects a 400 `validation.failed` naming its field, with nothing changed. */
export async function expectInvalidBodies(
  world: TestWorld,
  method: 'POST' | 'PATCH',
  url: string,
  cases: [label: string, payload: unknown, path: string][],
) {
  for (const [label, payload, path] of cases) {
    await expectRefused(world, { method, url, payload: payload as InjectOptions['payload'] }, { status: 400, code: 'validation.failed', path }, label);
  }
}

/** A string `length` characters long. */
export const text = (length: number) => 'x'.repeat(length);

/** Malformed JSON, and JSON that tries prototype pollution, are refused with 400 and change nothing. */
export async function expectHostileJsonRefused(world: TestWorld, method: 'POST' | 'PATCH', url: string, validBody: Record<string, unknown>) {
  const valid = JSON.stringify(validBody);
  const malformed = { status: 400, code: 'request.malformed', path: 'body' };
  await expectRefused(world, rawJson(method, url, valid.slice(0, -1)), malformed, 'truncated JSON');
  await expectRefused(world, rawJson(method, url, `{"__proto__":{"admin":true},${valid.slice(1)}`), malformed, '__proto__ key');
  await expectRefused(world, rawJson(method, url, `{"constructor":{"prototype":{"admin":true}},${valid.slice(1)}`), malformed, 'constructor.prototype key');
}

/** POSTs a body that must be accepted, and returns what was created. */
export async function created<T>(world: TestWorld, url: string, payload: object): Promise<T> {
  const res = await world.request({ method: 'POST', url, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<T>();
}

/** The ids of one page of a list, in the order the list gives them. */
export async function listIds(world: TestWorld, url: string): Promise<number[]> {
  const res = await world.request({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: number }[] }>().items.map((item) => item.id);
}
