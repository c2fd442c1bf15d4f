import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestWorld, type TestWorld } from '../../testing/test-app';
import { expectProblem } from '../../testing/http-expect';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

interface Operation {
  requestBody?: { required?: boolean; content: Record<string, { schema: { type?: string; required?: string[]; additionalProperties?: boolean } }> };
  parameters?: { in: string; name: string }[];
  responses: Record<string, unknown>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
}

type Method = 'get' | 'post' | 'patch';
/** CONTRACT.md's minimum endpoints that this API serves, with the response codes a client must be able to expect. */
const MINIMUM: [Method, string, string[]][] = [
  ['get', '/api/health', ['200']],
  ...(['agencies', 'subgroups', 'themes', 'reviews', 'recommendations', 'actions'] as const).flatMap((resource): [Method, string, string[]][] => [
    ['get', `/api/${resource}`, ['200', '400']],
    ['post', `/api/${resource}`, ['201', '400', '409', '422']],
    ['get', `/api/${resource}/{id}`, ['200', '400', '404']],
    ['patch', `/api/${resource}/{id}`, ['200', '400', '404', '409']],
  ]),
  ['get', '/api/reviews/{id}/learning-points', ['200', '400', '404']],
  ['post', '/api/reviews/{id}/learning-points', ['201', '400', '404', '409']],
  ['patch', '/api/learning-points/{id}', ['200', '400', '404', '409']],
  ['get', '/api/actions/{id}/updates', ['200', '400', '404']],
  ['post', '/api/actions/{id}/updates', ['201', '400', '404', '422']],
  ['get', '/api/dashboard', ['200', '400']],
  ['get', '/api/settings', ['200']],
  ['patch', '/api/settings', ['200', '400', '409']],
];

describe('GET /api/health', () => {
  it('answers 200 {status: "ok"} once the database is migrated', async () => {
    const res = await world.request({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /api/openapi.json', () => {
  async function fetchDocument() {
    const res = await world.request({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.json<OpenApiDocument>();
  }

  it('documents every error response as application/problem+json', async () => {
    const doc = (await world.request({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    }>();
    const errors = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        Object.entries(operation.responses ?? {})
          .filter(([status]) => Number(status) >= 400)
          .map(([status, response]) => ({ where: `${method} ${path} ${status}`, types: Object.keys(response.content ?? {}) })),
      ),
    );
    expect(errors.length).toBeGreaterThan(50);
    for (const { where, types } of errors) expect(types, where).toEqual(['application/problem+json']);
  });

  it('is an OpenAPI 3.1 document of this API', async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toEqual(expect.any(String));
    expect(doc.info.version).toEqual(expect.any(String));
  });

  it("documents every minimum endpoint, with its id parameter, strict JSON request body and response codes", async () => {
    const doc = await fetchDocument();
    const gaps: string[] = [];
    for (const [method, path, codes] of MINIMUM) {
      const name = `${method.toUpperCase()} ${path}`;
      const operation = doc.paths[path]?.[method];
      if (!operation) {
        gaps.push(`${name}: not documented`);
        continue;
      }
      const missingCodes = codes.filter((code) => !(code in operation.responses));
      if (missingCodes.length > 0) gaps.push(`${name}: no ${missingCodes.join(', ')} response`);
      if (path.includes('{id}') && !operation.parameters?.some((p) => p.in === 'path' && p.name === 'id')) gaps.push(`${name}: no id parameter`);
      if (method === 'get') continue;
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (!schema) gaps.push(`${name}: no JSON request body`);
      // Bodies are strict: the document tells clients no other fields are taken.
      else if (schema.type !== 'object' || schema.additionalProperties !== false) gaps.push(`${name}: body is not a strict object`);
      else if (method === 'patch' && !schema.required?.includes('version')) gaps.push(`${name}: body does not require version`);
    }
    expect(gaps).toEqual([]);
  });

  it('documents no list route that does not answer', async () => {
    const doc = await fetchDocument();
    for (const path of Object.keys(doc.paths).filter((p) => !p.includes('{') && doc.paths[p]?.['get'])) {
      const res = await world.request({ method: 'GET', url: path });
      expect(res.statusCode, path).not.toBe(404);
    }
  });
});

describe('GET /api/docs', () => {
  it('answers interactive documentation as HTML', async () => {
    const res = await world.request({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
  });
});

describe('unknown routes under /api', () => {
  it('answer 404 problem+json route.not_found, whatever the method', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/nope' }), { status: 404, code: 'route.not_found' });
    expectProblem(await world.request({ method: 'POST', url: '/api/nope', payload: {} }), { status: 404, code: 'route.not_found' });
    expectProblem(await world.request({ method: 'DELETE', url: '/api/agencies/1' }), { status: 404, code: 'route.not_found' });
    expectProblem(await world.request({ method: 'GET', url: '/api' }), { status: 404, code: 'route.not_found' });
  });
});
