import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { LIMITS, type Theme } from '@lrt/contracts';
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

async function createTheme(body: Record<string, unknown>) {
  const res = await world.request({ method: 'POST', url: '/api/themes', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Theme>();
}

describe('POST /api/themes', () => {
  it('creates a theme with an empty description by default, at version 1', async () => {
    const theme = await createTheme({ name: 'Neglect' });
    expect(theme).toEqual({ id: expect.any(Number), name: 'Neglect', description: '', version: 1 });
    const read = await world.request({ method: 'GET', url: `/api/themes/${theme.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(theme);
  });

  it('keeps a description up to the text limit', async () => {
    const theme = await createTheme({ name: 'Voice of the child', description: text(LIMITS.text) });
    expect(theme.description).toHaveLength(LIMITS.text);
  });

  it('refuses bad input with a problem naming the field, and saves nothing', async () => {
    await expectInvalidBodies(world, 'POST', '/api/themes', [
      ['name missing', { description: 'x' }, 'name'],
      ['name is a boolean', { name: true }, 'name'],
      ['description is a number', { name: 'N', description: 3 }, 'description'],
      ['description is null', { name: 'N', description: null }, 'description'],
      ['empty name', { name: '' }, 'name'],
      ['name too long', { name: text(LIMITS.name + 1) }, 'name'],
      ['description too long', { name: 'N', description: text(LIMITS.text + 1) }, 'description'],
      ['unknown field', { name: 'N', colour: 'red' }, 'colour'],
    ]);
    await expectHostileJsonRefused(world, 'POST', '/api/themes', { name: 'Neglect' });
  });

  it('refuses a name another theme has, whatever the case', async () => {
    await createTheme({ name: 'Neglect' });
    await expectRefused(world, { method: 'POST', url: '/api/themes', payload: { name: 'NEGLECT' } }, { status: 409, code: 'theme.name_taken', path: 'name' });
  });
});

describe('GET /api/themes/:id', () => {
  it('answers 404 theme.not_found for an unknown id and 400 for one that is not a number', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/themes/31337' }), { status: 404, code: 'theme.not_found' });
    expectProblem(await world.request({ method: 'GET', url: '/api/themes/abc' }), { status: 400, code: 'validation.failed', path: 'id' });
  });
});

describe('GET /api/themes', () => {
  it('lists themes by name, a page at a time, each exactly once', async () => {
    const names = ['Neglect', 'domestic abuse', 'Mental health', 'voice of the child', 'Adolescents', 'substance misuse', 'Bruising'];
    for (const name of names) await factories.theme(world.db, { name });
    const { items, pages } = await walkPages<Theme>(world, '/api/themes', 3);
    expect(pages).toBe(3);
    expect(items.map((t) => t.name)).toEqual([
      'Adolescents',
      'Bruising',
      'domestic abuse',
      'Mental health',
      'Neglect',
      'substance misuse',
      'voice of the child',
    ]);
  });

  it('refuses a limit over 200 and a cursor it did not give out', async () => {
    expectProblem(await world.request({ method: 'GET', url: '/api/themes?limit=500' }), { status: 400, code: 'validation.failed', path: 'limit' });
    expectProblem(await world.request({ method: 'GET', url: '/api/themes?cursor=not-a-cursor' }), { status: 400, code: 'validation.failed', path: 'cursor' });
  });

  it('searches name and description with q', async () => {
    const neglect = await factories.theme(world.db, { name: 'Neglect', description: 'Chronic neglect and its cumulative harm' });
    const bruising = await factories.theme(world.db, { name: 'Bruising in non-mobile babies' });
    const ids = async (q: string) => (await world.request({ method: 'GET', url: `/api/themes?q=${encodeURIComponent(q)}` })).json().items.map((t: Theme) => t.id);
    expect(await ids('cumulative')).toEqual([neglect.id]);
    expect(await ids('BABIES')).toEqual([bruising.id]);
    expect(await ids('')).toEqual([bruising.id, neglect.id]);
  });
});

describe('PATCH /api/themes/:id', () => {
  it('changes the description and moves the version on', async () => {
    const theme = await createTheme({ name: 'Neglect' });
    const res = await world.request({ method: 'PATCH', url: `/api/themes/${theme.id}`, payload: { version: 1, description: 'Cumulative harm' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...theme, description: 'Cumulative harm', version: 2 });
  });

  it('refuses a stale version with 409 and the theme as it now is', async () => {
    const theme = await createTheme({ name: 'Neglect' });
    await world.request({ method: 'PATCH', url: `/api/themes/${theme.id}`, payload: { version: 1, description: 'First' } });
    await world.request({ method: 'PATCH', url: `/api/themes/${theme.id}`, payload: { version: 2, description: 'Second' } });
    const problem = await expectVersionConflict(world, { patchUrl: `/api/themes/${theme.id}`, body: { version: 2, name: 'Late' }, code: 'theme.version_conflict' });
    expect(problem.current).toMatchObject({ description: 'Second', version: 3 });
  });

  it('refuses bad patches, a taken name and an unknown theme, changing nothing', async () => {
    const theme = await createTheme({ name: 'Neglect' });
    await createTheme({ name: 'Bruising' });
    await expectInvalidBodies(world, 'PATCH', `/api/themes/${theme.id}`, [
      ['version missing', { description: 'x' }, 'version'],
      ['version null', { version: null }, 'version'],
      ['name blank', { version: 1, name: ' ' }, 'name'],
      ['description too long', { version: 1, description: text(LIMITS.text + 1) }, 'description'],
      ['unknown field', { version: 1, archived: true }, 'archived'],
    ]);
    await expectRefused(
      world,
      { method: 'PATCH', url: `/api/themes/${theme.id}`, payload: { version: 1, name: 'bruising' } },
      { status: 409, code: 'theme.name_taken', path: 'name' },
    );
    await expectRefused(world, { method: 'PATCH', url: '/api/themes/999', payload: { version: 1 } }, { status: 404, code: 'theme.not_found' });
  });
});
