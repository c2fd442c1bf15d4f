import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { LIMITS, type Subgroup } from '@lrt/contracts';
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

const valid = { name: 'Learning and Improvement', shortName: 'L&I' };

async function createSubgroup(body: Record<string, unknown> = valid) {
  const res = await world.request({ method: 'POST', url: '/api/subgroups', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Subgroup>();
}

describe('POST /api/subgroups', () => {
  it('creates a subgroup at version 1, trimming its names, and reads it back', async () => {
    const subgroup = await createSubgroup({ name: ' Learning and Improvement  ', shortName: 'L&I ' });
    expect(subgroup).toEqual({ id: expect.any(Number), name: 'Learning and Improvement', shortName: 'L&I', version: 1 });
    const read = await world.request({ method: 'GET', url: `/api/subgroups/${subgroup.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(subgroup);
  });

  it('refuses bad input with a problem naming the field, and saves nothing', async () => {
    await expectInvalidBodies(world, 'POST', '/api/subgroups', [
      ['name is a number', { ...valid, name: 1 }, 'name'],
      ['shortName is an array', { ...valid, shortName: ['L'] }, 'shortName'],
      ['name missing', { shortName: 'X' }, 'name'],
      ['shortName missing', { name: 'X' }, 'shortName'],
      ['unknown field', { ...valid, chair: 'Jo' }, 'chair'],
      ['empty name', { ...valid, name: '' }, 'name'],
      ['blank shortName', { ...valid, shortName: '  ' }, 'shortName'],
      ['name too long', { ...valid, name: text(LIMITS.name + 1) }, 'name'],
      ['shortName too long', { ...valid, shortName: text(LIMITS.shortName + 1) }, 'shortName'],
    ]);
    await expectHostileJsonRefused(world, 'POST', '/api/subgroups', valid);
  });

  it('refuses a name or short name another subgroup has, whatever the case', async () => {
    await createSubgroup();
    await expectRefused(
      world,
      { method: 'POST', url: '/api/subgroups', payload: { name: 'LEARNING AND IMPROVEMENT', shortName: 'Other' } },
      { status: 409, code: 'subgroup.name_taken', path: 'name' },
    );
    await expectRefused(
      world,
      { method: 'POST', url: '/api/subgroups', payload: { name: 'Other', shortName: 'l&i' } },
      { status: 409, code: 'subgroup.short_name_taken', path: 'shortName' },
    );
  });
});

describe('GET /api/subgroups/:id', () => {
  it('answers 404 subgroup.not_found for an unknown id and 400 for one that is not a number', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/subgroups/4242' }), { status: 404, code: 'subgroup.not_found' });
    expectProblem(await world.request({ method: 'GET', url: '/api/subgroups/abc' }), { status: 400, code: 'validation.failed', path: 'id' });
  });
});

describe('GET /api/subgroups', () => {
  it('lists subgroups by name, case-insensitively, a page at a time, each exactly once', async () => {
    // Two subgroups whose names differ only in case sort by id between themselves.
    const names = ['Quality Assurance', 'child exploitation', 'Learning', 'Training', 'audit', 'Neglect'];
    for (const name of names) await factories.subgroup(world.db, { name });
    const { items, pages } = await walkPages<Subgroup>(world, '/api/subgroups', 2);
    expect(pages).toBe(3);
    expect(items.map((s) => s.name)).toEqual(['audit', 'child exploitation', 'Learning', 'Neglect', 'Quality Assurance', 'Training']);
    expect(new Set(items.map((s) => s.id)).size).toBe(names.length);
  });

  it('refuses a limit over 200 and a tampered cursor', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/subgroups?limit=201' }), { status: 400, code: 'validation.failed', path: 'limit' });
    await factories.subgroup(world.db);
    await factories.subgroup(world.db);
    const first = (await world.request({ method: 'GET', url: '/api/subgroups?limit=1' })).json();
    expect(first.nextCursor).toEqual(expect.any(String));
    const tampered = `${first.nextCursor}x!`;
    expectProblem(
      await world.request({ method: 'GET', url: `/api/subgroups?limit=1&cursor=${encodeURIComponent(tampered)}` }),
      { status: 400, code: 'validation.failed', path: 'cursor' },
    );
  });

  it('searches name and short name with q', async () => {
    const exploitation = await factories.subgroup(world.db, { name: 'Child Exploitation', shortName: 'CE' });
    const training = await factories.subgroup(world.db, { name: 'Training', shortName: 'TRN' });
    const ids = async (q: string) => (await world.request({ method: 'GET', url: `/api/subgroups?q=${q}` })).json().items.map((s: Subgroup) => s.id);
    expect(await ids('EXPLOIT')).toEqual([exploitation.id]);
    expect(await ids('trn')).toEqual([training.id]);
    expect(await ids('zzz')).toEqual([]);
  });
});

describe('PATCH /api/subgroups/:id', () => {
  it('changes the given fields and moves the version on', async () => {
    const subgroup = await createSubgroup();
    const res = await world.request({ method: 'PATCH', url: `/api/subgroups/${subgroup.id}`, payload: { version: 1, shortName: 'LIS' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...subgroup, shortName: 'LIS', version: 2 });
    const again = await world.request({ method: 'PATCH', url: `/api/subgroups/${subgroup.id}`, payload: { version: 2, name: 'Learning' } });
    expect(again.json()).toEqual({ ...subgroup, name: 'Learning', shortName: 'LIS', version: 3 });
  });

  it('refuses a stale version with 409 and the subgroup as it now is', async () => {
    const subgroup = await createSubgroup();
    await world.request({ method: 'PATCH', url: `/api/subgroups/${subgroup.id}`, payload: { version: 1, name: 'First edit' } });
    await expectVersionConflict(world, { patchUrl: `/api/subgroups/${subgroup.id}`, body: { version: 1, name: 'Second edit' }, code: 'subgroup.version_conflict' });
  });

  it('refuses bad patches, a taken name and an unknown subgroup, changing nothing', async () => {
    const subgroup = await createSubgroup();
    await factories.subgroup(world.db, { name: 'Training', shortName: 'TRN' });
    await expectInvalidBodies(world, 'PATCH', `/api/subgroups/${subgroup.id}`, [
      ['version missing', { name: 'X' }, 'version'],
      ['version is a fraction', { version: 1.5 }, 'version'],
      ['empty name', { version: 1, name: '' }, 'name'],
      ['unknown field', { version: 1, members: [] }, 'members'],
    ]);
    await expectRefused(
      world,
      { method: 'PATCH', url: `/api/subgroups/${subgroup.id}`, payload: { version: 1, name: 'training' } },
      { status: 409, code: 'subgroup.name_taken', path: 'name' },
    );
    await expectRefused(world, { method: 'PATCH', url: '/api/subgroups/999', payload: { version: 1 } }, { status: 404, code: 'subgroup.not_found' });
  });
});
