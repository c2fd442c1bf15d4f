import { afterEach, describe, expect, it } from 'vitest';
import { rawRow } from '@lrt/db';
import { createTestWorld, type TestWorld } from '../testing/test-app';

/**
 * What address the server believes a request came from, with a proxy in front or not, when the client sends an
 * X-Forwarded-For of its own choosing. The address is what rate limits, sessions and the audit trail record.
 */
let world: TestWorld;
afterEach(() => world?.close());

async function addressSeen(trustProxy: number | string[] | false, remoteAddress: string, forwardedFor?: string) {
  world = await createTestWorld({ app: { trustProxy } });
  const res = await world.request({
    method: 'POST',
    url: '/api/auth/login',
    as: null,
    remoteAddress,
    payload: { email: 'nobody@northmoor.example', password: 'wrong password here' },
    ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}),
  });
  expect(res.statusCode).toBe(401);
  const row = (await rawRow<{ ip: string }>(world.db, `select ip from audit_events where operation = 'sign_in_failed'`))!;
  await world.close();
  world = undefined as never;
  return row.ip;
}

describe('TRUST_PROXY', () => {
  it('with no proxy, ignores X-Forwarded-For entirely', async () => {
    expect(await addressSeen(false, '198.51.100.7', '10.9.9.9')).toBe('198.51.100.7');
  });

  it('with one hop, believes only what the proxy added, not what the client wrote before it', async () => {
    // The client sent "X-Forwarded-For: 10.9.9.9"; the proxy appended the address it saw.
    expect(await addressSeen(1, '10.0.0.2', '10.9.9.9, 198.51.100.7')).toBe('198.51.100.7');
    expect(await addressSeen(1, '10.0.0.2', '198.51.100.7')).toBe('198.51.100.7');
  });

  it('with a list of proxies, believes a header only from them', async () => {
    expect(await addressSeen(['10.0.0.0/24'], '10.0.0.2', '10.9.9.9, 198.51.100.7')).toBe('198.51.100.7');
    // Straight from the internet, not through the proxy: the header is the client's own and is ignored.
    expect(await addressSeen(['10.0.0.0/24'], '198.51.100.50', '10.9.9.9')).toBe('198.51.100.50');
  });
});
