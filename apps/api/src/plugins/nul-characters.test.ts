import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../testing/test-app';
import { expectRefused } from '../testing/http-expect';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.close());

describe('the character U+0000 in a request', () => {
  it('is refused with a 400 naming the field, wherever it is, and nothing is saved', async () => {
    await expectRefused(
      world,
      { method: 'POST', url: '/api/agencies', payload: { name: 'Police\u0000Scotland', shortName: 'PS', kind: 'police' } },
      { status: 400, code: 'validation.failed', path: 'name' },
    );
    await expectRefused(
      world,
      { method: 'POST', url: '/api/themes', payload: { name: 'Neglect', tags: { list: ['ok', 'bad\u0000'] } } },
      { status: 400, code: 'validation.failed', path: 'tags.list.1' },
    );
    const query = await world.request({ method: 'GET', url: '/api/agencies?q=po%00lice' });
    expect(query.statusCode).toBe(400);
    expect(query.json().errors).toEqual([{ path: 'q', message: 'must not contain the character U+0000' }]);
  });

  it('is refused at sign-in too, before any account is looked up', async () => {
    const res = await world.request({ method: 'POST', url: '/api/auth/login', as: null, payload: { email: 'a\u0000@test.example', password: 'x'.repeat(12) } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'email' }] });
  });

  it('leaves every other character alone', async () => {
    const res = await world.request({ method: 'POST', url: '/api/agencies', payload: { name: 'Ysgol Gymraeg \u00e2\u2013\u{1F600}', shortName: 'YG', kind: 'education' } });
    expect(res.statusCode, res.body).toBe(201);
  });
});
