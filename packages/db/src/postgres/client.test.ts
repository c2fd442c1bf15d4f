import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isConnectionFailure, openPostgres, withoutPassword } from './client';
import { testDialect } from '../testing';

const SERVER = process.env.TEST_POSTGRES_URL;

describe('connecting to PostgreSQL', () => {
  it('stops with a reason naming the database, never its password, when no server answers', async () => {
    const url = 'postgres://tracker:s3cret-Pa55@127.0.0.1:1/tracker';
    const error = await openPostgres(url, { connectTimeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toMatch(/^cannot connect to postgres:\/\/tracker:\*\*\*@127\.0\.0\.1:1\/tracker: .*ECONNREFUSED/);
    expect((error as Error).message).not.toContain('s3cret-Pa55');
    expect(isConnectionFailure((error as Error).cause)).toBe(true);
  });

  it('masks the password of any address it writes down', () => {
    expect(withoutPassword('postgres://a:b@h:5432/d')).toBe('postgres://a:***@h:5432/d');
    expect(withoutPassword('postgres://h/d')).toBe('postgres://h/d');
    expect(withoutPassword('postgres://a:b%@[bad')).not.toContain('b%');
  });

  it.skipIf(testDialect !== 'postgres')('stops with the server\'s own reason when the database does not exist', async () => {
    const url = new URL(SERVER!);
    url.pathname = '/no_such_partnership';
    url.password = 'not-shown';
    const error = await openPostgres(url.toString()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toMatch(/database "no_such_partnership" does not exist/);
    expect((error as Error).message).not.toContain('not-shown');
  });
});
