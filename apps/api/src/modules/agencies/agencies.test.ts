import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { LIMITS, type Agency } from '@lrt/contracts';
import { createTestWorld, factories, type TestWorld } from '../../testing/test-app';
import {
  expectHostileJsonRefused,
  expectInvalidBodies,
  expectProblem,
  expectRefused,
  expectVersionConflict,
  text,
  walkPages,
} from '../../testing/http-expect';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

const valid = { name: 'Northshire Constabulary', shortName: 'NC', kind: 'police' };

async function createAgency(body: Record<string, unknown> = valid) {
  const res = await world.request({ method: 'POST', url: '/api/agencies', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Agency>();
}

describe('POST /api/agencies', () => {
  it('creates an active agency at version 1, trimming names, and reads it back', async () => {
    const agency = await createAgency({ name: '  Northshire Constabulary ', shortName: ' NC ', kind: 'police' });
    expect(agency).toEqual({ id: expect.any(Number), name: 'Northshire Constabulary', shortName: 'NC', kind: 'police', active: true, seniorContactName: null, seniorContactEmail: null, version: 1 });

    const read = await world.request({ method: 'GET', url: `/api/agencies/${agency.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toMatch(/^application\/json/);
    expect(read.json()).toEqual(agency);
  });

  it('records an agency as inactive when asked, and accepts names at the length limits', async () => {
    const agency = await createAgency({ name: text(LIMITS.name), shortName: text(LIMITS.shortName), kind: 'voluntary', active: false });
    expect(agency).toMatchObject({ kind: 'voluntary', active: false, name: text(LIMITS.name), shortName: text(LIMITS.shortName) });
  });

  it('refuses bad input with a problem naming the field, and saves nothing', async () => {
    await expectInvalidBodies(world, 'POST', '/api/agencies', [
      ['name is a number', { ...valid, name: 42 }, 'name'],
      ['active is a string', { ...valid, active: 'yes' }, 'active'],
      ['kind is null', { ...valid, kind: null }, 'kind'],
      ['name missing', { shortName: 'NC', kind: 'police' }, 'name'],
      ['shortName missing', { name: 'N', kind: 'police' }, 'shortName'],
      ['kind missing', { name: 'N', shortName: 'NC' }, 'kind'],
      ['unknown field', { ...valid, colour: 'blue' }, 'colour'],
      ['id is not writable', { ...valid, id: 7 }, 'id'],
      ['version is not writable on create', { ...valid, version: 1 }, 'version'],
      ['empty name', { ...valid, name: '' }, 'name'],
      ['blank name', { ...valid, name: '   ' }, 'name'],
      ['empty shortName', { ...valid, shortName: '' }, 'shortName'],
      ['name too long', { ...valid, name: text(LIMITS.name + 1) }, 'name'],
      ['shortName too long', { ...valid, shortName: text(LIMITS.shortName + 1) }, 'shortName'],
      ['kind that does not exist', { ...valid, kind: 'army' }, 'kind'],
      ['kind in the wrong case', { ...valid, kind: 'Police' }, 'kind'],
      ['body is an array', [valid], 'body'],
    ]);
  });

  it('refuses malformed JSON and prototype-polluting keys', async () => {
    await expectHostileJsonRefused(world, 'POST', '/api/agencies', valid);
  });

  it('refuses a name or short name another agency has, whatever the case', async () => {
    await createAgency();
    await expectRefused(
      world,
      { method: 'POST', url: '/api/agencies', payload: { ...valid, name: 'NORTHSHIRE constabulary', shortName: 'X' } },
      { status: 409, code: 'agency.name_taken', path: 'name' },
    );
    await expectRefused(
      world,
      { method: 'POST', url: '/api/agencies', payload: { ...valid, name: 'Another', shortName: 'nc' } },
      { status: 409, code: 'agency.short_name_taken', path: 'shortName' },
    );
  });
});

describe('GET /api/agencies/:id', () => {
  it('answers 404 agency.not_found for an id that does not exist', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/agencies/999' }), { status: 404, code: 'agency.not_found' });
  });

  it('answers 400 for an id that is not a positive whole number', async () => {
    for (const id of ['abc', '0', '-1', '1.5']) {
      expectProblem(await world.request({ method: 'GET', url: `/api/agencies/${id}` }), { status: 400, code: 'validation.failed', path: 'id' }, id);
    }
  });
});

describe('GET /api/agencies', () => {
  it('lists agencies by name, case-insensitively, a page at a time, each exactly once', async () => {
    const names = ['delta', 'Alpha', 'charlie', 'Echo', 'bravo', 'foxtrot', 'Golf'];
    for (const name of names) await factories.agency(world.db, { name });
    const { items, pages } = await walkPages<Agency>(world, '/api/agencies', 3);
    expect(pages).toBe(3);
    expect(items.map((a) => a.name)).toEqual(['Alpha', 'bravo', 'charlie', 'delta', 'Echo', 'foxtrot', 'Golf']);
    expect(new Set(items.map((a) => a.id)).size).toBe(names.length);
  });

  it('gives one page and no cursor when everything fits, and an empty list when there is nothing', async () => {
    const empty = await world.request({ method: 'GET', url: '/api/agencies' });
    expect(empty.json()).toEqual({ items: [], nextCursor: null });
    await factories.agency(world.db);
    await factories.agency(world.db);
    const page = (await world.request({ method: 'GET', url: '/api/agencies?limit=2' })).json();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeNull();
  });

  it('refuses a limit outside 1..200 and a cursor it did not give out', async () => {
    for (const limit of ['201', '0', 'ten']) {
      expectProblem(await world.request({ method: 'GET', url: `/api/agencies?limit=${limit}` }), { status: 400, code: 'validation.failed', path: 'limit' }, limit);
    }
    expect((await world.request({ method: 'GET', url: '/api/agencies?limit=200' })).statusCode).toBe(200);
    const tampered = ['abc', Buffer.from('{"id":1}').toString('base64url'), Buffer.from('["a"]').toString('base64url')];
    for (const cursor of tampered) {
      expectProblem(
        await world.request({ method: 'GET', url: `/api/agencies?cursor=${cursor}` }),
        { status: 400, code: 'validation.failed', path: 'cursor' },
        cursor,
      );
    }
  });

  it('filters by active', async () => {
    const open = await factories.agency(world.db, { active: true });
    const closed = await factories.agency(world.db, { active: false });
    const active = (await world.request({ method: 'GET', url: '/api/agencies?active=true' })).json();
    expect(active.items.map((a: Agency) => a.id)).toEqual([open.id]);
    const inactive = (await world.request({ method: 'GET', url: '/api/agencies?active=false' })).json();
    expect(inactive.items.map((a: Agency) => a.id)).toEqual([closed.id]);
    expectProblem(await world.request({ method: 'GET', url: '/api/agencies?active=yes' }), { status: 400, code: 'validation.failed', path: 'active' });
  });

  it('searches name and short name with q, case-insensitively, treating % and _ literally', async () => {
    const police = await factories.agency(world.db, { name: 'Northshire Constabulary', shortName: 'NSP' });
    const health = await factories.agency(world.db, { name: 'Northshire Health Board', shortName: 'NHB' });
    const charity = await factories.agency(world.db, { name: '100% Kids', shortName: 'KIDS_1' });
    const search = async (q: string) =>
      (await world.request({ method: 'GET', url: `/api/agencies?q=${encodeURIComponent(q)}` })).json().items.map((a: Agency) => a.id);
    expect(await search('northshire')).toEqual([police.id, health.id]);
    expect(await search('nhb')).toEqual([health.id]);
    expect(await search('%')).toEqual([charity.id]);
    expect(await search('_')).toEqual([charity.id]);
    expect(await search('nothing like it')).toEqual([]);
  });

  it('combines active and q', async () => {
    await factories.agency(world.db, { name: 'Northshire Police', active: false });
    const open = await factories.agency(world.db, { name: 'Northshire Health', active: true });
    const res = await world.request({ method: 'GET', url: '/api/agencies?q=northshire&active=true' });
    expect(res.json().items.map((a: Agency) => a.id)).toEqual([open.id]);
  });
});

describe('PATCH /api/agencies/:id', () => {
  it('changes only the given fields and moves the version on', async () => {
    const agency = await createAgency();
    const res = await world.request({ method: 'PATCH', url: `/api/agencies/${agency.id}`, payload: { version: 1, active: false, kind: 'other' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...agency, active: false, kind: 'other', version: 2 });
    expect((await world.request({ method: 'GET', url: `/api/agencies/${agency.id}` })).json()).toEqual(res.json());
  });

  it('lets an agency change the case of its own name', async () => {
    const agency = await createAgency();
    const res = await world.request({ method: 'PATCH', url: `/api/agencies/${agency.id}`, payload: { version: 1, name: 'NORTHSHIRE CONSTABULARY', shortName: 'nc' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'NORTHSHIRE CONSTABULARY', shortName: 'nc', version: 2 });
  });

  it('refuses a stale version with 409 and the agency as it now is', async () => {
    const agency = await createAgency();
    await world.request({ method: 'PATCH', url: `/api/agencies/${agency.id}`, payload: { version: 1, name: 'Renamed' } });
    await expectVersionConflict(world, {
      patchUrl: `/api/agencies/${agency.id}`,
      body: { version: 1, name: 'Lost update' },
      code: 'agency.version_conflict',
    });
    expect((await world.request({ method: 'GET', url: `/api/agencies/${agency.id}` })).json()).toMatchObject({ name: 'Renamed', version: 2 });
  });

  it('refuses bad patches, naming the field, and changes nothing', async () => {
    const agency = await createAgency();
    await expectInvalidBodies(world, 'PATCH', `/api/agencies/${agency.id}`, [
      ['version missing', { name: 'X' }, 'version'],
      ['version is a string', { version: '1', name: 'X' }, 'version'],
      ['version is zero', { version: 0 }, 'version'],
      ['name empty', { version: 1, name: '' }, 'name'],
      ['name null', { version: 1, name: null }, 'name'],
      ['shortName too long', { version: 1, shortName: text(LIMITS.shortName + 1) }, 'shortName'],
      ['unknown kind', { version: 1, kind: 'fire' }, 'kind'],
      ['unknown field', { version: 1, id: 99 }, 'id'],
    ]);
    await expectHostileJsonRefused(world, 'PATCH', `/api/agencies/${agency.id}`, { version: 1, name: 'X' });
  });

  it('refuses to take another agency\'s name or short name', async () => {
    const mine = await createAgency();
    await factories.agency(world.db, { name: 'Northshire Health', shortName: 'NH' });
    await expectRefused(
      world,
      { method: 'PATCH', url: `/api/agencies/${mine.id}`, payload: { version: 1, name: 'northshire health' } },
      { status: 409, code: 'agency.name_taken', path: 'name' },
    );
    await expectRefused(
      world,
      { method: 'PATCH', url: `/api/agencies/${mine.id}`, payload: { version: 1, shortName: 'NH' } },
      { status: 409, code: 'agency.short_name_taken', path: 'shortName' },
    );
  });

  it('answers 404 for an agency that does not exist', async () => {
    await expectRefused(world, { method: 'PATCH', url: '/api/agencies/999', payload: { version: 1, name: 'X' } }, { status: 404, code: 'agency.not_found' });
  });
});

describe('ids in the path', () => {
  it('must be written as whole numbers in digits', async () => {
    const agency = await factories.agency(world.db);
    expect((await world.request({ method: 'GET', url: `/api/agencies/${agency.id}` })).statusCode).toBe(200);
    for (const id of ['1e0', '0x1', '01', '1.0', '-1', '0']) {
      expectProblem(await world.request({ method: 'GET', url: `/api/agencies/${id}` }), { status: 400, code: 'validation.failed', path: 'id' });
    }
  });
});
