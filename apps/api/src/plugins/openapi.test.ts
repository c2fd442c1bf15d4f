import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closeDatabase, type Db } from '@lrt/db';
import { createTestDatabase } from '@lrt/db/testing';
import { buildApp } from '../app';
import type { Access } from './auth';
import { openApiPlugin, operationIdFor, securityFor } from './openapi';

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}
interface Document {
  info: { license?: { name?: string; identifier?: string; url?: string } };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  components: { securitySchemes?: Record<string, Record<string, string>> };
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const operationsOf = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ where: `${method.toUpperCase()} ${path}`, method, path, operation })),
  );

let db: Db;
let doc: Document;
const routes: { method: string; url: string; access: Access | undefined; hidden: boolean }[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const onRoute = (route: RouteOptions) => {
    if (!route.url.startsWith('/api')) return;
    const hidden = Boolean((route.schema as { hide?: boolean } | undefined)?.hide);
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access: route.config?.access, hidden });
  };
  const app = await buildApp({ db, webDistDir: '/nonexistent', scryptCost: 10, onRoute });
  await app.ready();
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  doc = response.json();
  await app.close();
});
afterAll(() => closeDatabase(db));

const operation = (method: string, path: string) => {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`no ${method.toUpperCase()} ${path} in the document`);
  return found;
};

describe('the OpenAPI document', () => {
  it('names every operation with a unique, camelCase operationId', () => {
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(40);
    const ids = operations.map(({ operation }) => operation.operationId);
    for (const { where, operation } of operations) expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operation('get', '/api/actions/{id}').operationId).toBe('getActionsById');
    expect(operation('get', '/api/actions').operationId).toBe('getActions');
    expect(operation('post', '/api/reviews/{id}/learning-points/order').operationId).toBe('postReviewsByIdLearningPointsOrder');
  });

  it('has an operation for every route it does not hide', () => {
    const shown = routes.filter((route) => !route.hidden && route.method !== 'HEAD' && !route.url.startsWith('/api/docs'));
    expect(shown.length).toBe(operationsOf(doc).length);
  });

  it('says which credentials each operation takes, from its access rule', () => {
    // Public: explicitly none.
    expect(operation('get', '/api/health').security).toEqual([]);
    expect(operation('post', '/api/auth/login').security).toEqual([]);
    // Anything that changes data: the session cookie with its CSRF token.
    expect(operation('post', '/api/actions').security).toEqual([{ sessionCookie: [], csrfToken: [] }]);
    expect(operation('patch', '/api/actions/{id}').security).toEqual([{ sessionCookie: [], csrfToken: [] }]);
    expect(operation('post', '/api/auth/logout').security).toEqual([{ sessionCookie: [], csrfToken: [] }]);
    // Reading what a viewer may read: the session cookie, or a read-only bearer token.
    expect(operation('get', '/api/actions').security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
    expect(operation('get', '/api/exports/actions.csv').security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
    // Reading what needs more than a viewer: the session cookie only.
    expect(operation('get', '/api/audit').security).toEqual([{ sessionCookie: [] }]);

    for (const route of routes.filter((r) => !r.hidden && r.method !== 'HEAD' && !r.url.startsWith('/api/docs'))) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const found = operation(route.method.toLowerCase(), path);
      expect(found.security, `${route.method} ${path}`).toEqual(securityFor(route.access, route.method));
      if (route.access !== 'public') expect(Object.keys(found.responses), `${route.method} ${path}`).toContain('401');
    }
  });

  it('declares the security schemes the operations name', () => {
    const schemes = doc.components.securitySchemes ?? {};
    expect(schemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'lrt_session' });
    expect(schemes.sessionCookie?.description).toContain('__Host-lrt_session');
    expect(schemes.csrfToken).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' });
    expect(schemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    const named = new Set(operationsOf(doc).flatMap(({ operation }) => (operation.security ?? []).flatMap((requirement) => Object.keys(requirement))));
    expect([...named].sort()).toEqual(Object.keys(schemes).sort());
  });

  it('describes every tag an operation uses', () => {
    const described = new Map((doc.tags ?? []).map((tag) => [tag.name, tag.description ?? '']));
    for (const { where, operation } of operationsOf(doc)) {
      expect(operation.tags?.length, `${where} has a tag`).toBeGreaterThan(0);
      for (const tag of operation.tags ?? []) expect(described.get(tag)?.trim(), `tag "${tag}" of ${where} is described in openapi.ts`).toBeTruthy();
    }
  });

  it('has a licence and a server', () => {
    expect(doc.info.license?.name).toBe('MIT');
    expect(doc.info.license?.identifier ?? doc.info.license?.url).toBeTruthy();
    expect(doc.servers?.length).toBeGreaterThan(0);
  });
});

describe('operationIdFor', () => {
  it('is the method and the path after /api, a parameter as By<Name>', () => {
    expect(operationIdFor('GET', '/api/actions/{id}/target-date-requests')).toBe('getActionsByIdTargetDateRequests');
    expect(operationIdFor('delete', '/api/users/{id}/sessions')).toBe('deleteUsersByIdSessions');
    expect(operationIdFor('get', '/api/exports/actions.csv')).toBe('getExportsActionsCsv');
    expect(operationIdFor('patch', '/api/reviews/{reviewId}')).toBe('patchReviewsByReviewId');
    expect(operationIdFor('get', '/api/reviews/:reviewId')).toBe('getReviewsByReviewId');
  });
});

describe('an operationId a route names itself', () => {
  async function documentOf(register: (app: ReturnType<typeof Fastify>) => void) {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(openApiPlugin);
    register(app);
    await app.ready();
    try {
      return app.swagger() as unknown as Document;
    } finally {
      await app.close();
    }
  }
  const schema = (operationId?: string) => ({
    tags: ['Service'],
    summary: 'A route',
    ...(operationId ? { operationId } : {}),
    response: { 200: z.object({ ok: z.boolean() }) },
  });

  it('wins over the derived one', async () => {
    const document = await documentOf((app) => {
      app.get('/api/things/:id', { config: { access: 'read' }, schema: schema('readThing') }, async () => ({ ok: true }));
      app.post('/api/things', { config: { access: 'managePlans' }, schema: schema() }, async () => ({ ok: true }));
    });
    expect(document.paths['/api/things/{id}']?.get?.operationId).toBe('readThing');
    expect(document.paths['/api/things']?.post?.operationId).toBe('postThings');
  });

  it('may not be another operation\'s', async () => {
    await expect(
      documentOf((app) => {
        app.get('/api/things', { config: { access: 'read' }, schema: schema('postThings') }, async () => ({ ok: true }));
        app.post('/api/things', { config: { access: 'managePlans' }, schema: schema() }, async () => ({ ok: true }));
      }),
    ).rejects.toThrow(/operationId postThings is used by both/);
  });
});
