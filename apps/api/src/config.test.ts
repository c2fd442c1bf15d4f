import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('configuration', () => {
  it('has the documented defaults', () => {
    expect(readConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databasePath: './data/tracker.db',
      evidenceDir: 'data/evidence',
      seedDemo: true,
      publicUrl: 'http://localhost:3000',
      smtpUrl: undefined,
      mailFrom: 'tracker@localhost',
    });
  });

  it('reads the environment, treating empty values as unset', () => {
    expect(readConfig({ PORT: '8080', SEED_DEMO: 'false', SMTP_URL: '', PUBLIC_URL: 'https://tracker.example.org/' })).toMatchObject({
      port: 8080,
      seedDemo: false,
      smtpUrl: undefined,
      publicUrl: 'https://tracker.example.org',
    });
  });

  it('keeps evidence documents beside the database unless told otherwise', () => {
    expect(readConfig({ DATABASE_PATH: '/data/tracker.db' }).evidenceDir).toBe('/data/evidence');
    expect(readConfig({ DATABASE_PATH: '/data/tracker.db', EVIDENCE_DIR: '/srv/evidence' }).evidenceDir).toBe('/srv/evidence');
    expect(readConfig({ EVIDENCE_DIR: '' }).evidenceDir).toBe('data/evidence');
  });

  it('takes DATABASE_URL as a SQLite file or a PostgreSQL database, and stops on a mistyped address, naming the setting and never the password', () => {
    expect(readConfig({})).toMatchObject({ database: { dialect: 'sqlite', path: './data/tracker.db' } });
    expect(readConfig({ DATABASE_URL: 'sqlite:./data/other.db' })).toMatchObject({
      database: { dialect: 'sqlite', path: './data/other.db' },
      databasePath: './data/other.db',
      evidenceDir: 'data/evidence',
    });
    expect(readConfig({ DATABASE_URL: 'file:///srv/tracker.db', DATABASE_PATH: '/data/tracker.db' })).toMatchObject({
      databasePath: '/srv/tracker.db',
      evidenceDir: '/srv/evidence',
    });
    const url = 'postgres://tracker:s3cret-Pa55@db.council.example:5432/tracker';
    expect(readConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '20' })).toMatchObject({ database: { dialect: 'postgres', url, maxConnections: 20 } });
    expect(readConfig({ DATABASE_URL: 'postgresql://db.council.example/tracker' }).database).toMatchObject({ dialect: 'postgres', maxConnections: 10 });
    const refusal = (env: Record<string, string>) => {
      try {
        readConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`${JSON.stringify(env)} was accepted`);
    };
    const mistyped = refusal({ DATABASE_URL: 'mysql://tracker:s3cret-Pa55@db/tracker' });
    expect(mistyped).toMatch(/DATABASE_URL: must be postgres:\/\/user:password@host:5432\/database or sqlite:<file>/);
    expect(mistyped).not.toContain('s3cret-Pa55');
    const noServer = refusal({ DATABASE_URL: 'postgres://tracker:s3cret-Pa55@/tracker' });
    expect(noServer).toMatch(/^Invalid configuration:\n {2}DATABASE_URL: names no server/);
    expect(noServer).not.toContain('s3cret-Pa55');
    expect(refusal({ DATABASE_URL: 'postgres://tracker:s3cret%Pa55@[bad' })).not.toContain('s3cret');
    expect(refusal({ DATABASE_URL: url, DATABASE_POOL_SIZE: '0' })).toMatch(/DATABASE_POOL_SIZE/);
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
  });

  it('takes TRUST_PROXY as a hop count or a list of proxy addresses, and refuses "true" with the reason', () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1' }).trustProxy).toEqual(['10.0.0.5', '10.0.1.0/24', '::1']);
    expect(() => readConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: must be a hop count.*every X-Forwarded-For hop/s);
    expect(() => readConfig({ TRUST_PROXY: '0.0.0.0/0x' })).toThrow(/TRUST_PROXY: is not a hop count or a list of proxy addresses: 0\.0\.0\.0\/0x/);
    expect(() => readConfig({ TRUST_PROXY: '10.0.0.1,proxy.local' })).toThrow(/proxy\.local/);
    expect(() => readConfig({ TRUST_PROXY: '99' })).toThrow(/between 1 and 10/);
  });

  it('turns on single sign-on with an issuer and a client id together, and refuses one without the other', () => {
    expect(readConfig({}).oidc).toBeUndefined();
    expect(readConfig({ OIDC_ISSUER_URL: 'https://login.microsoftonline.com/0000-tenant/v2.0', OIDC_CLIENT_ID: 'tracker', OIDC_CLIENT_SECRET: 's3cret' }).oidc).toEqual({
      issuerUrl: 'https://login.microsoftonline.com/0000-tenant/v2.0',
      clientId: 'tracker',
      clientSecret: 's3cret',
    });
    // A public client proves itself with PKCE alone.
    expect(readConfig({ OIDC_ISSUER_URL: 'https://id.example.org', OIDC_CLIENT_ID: 'tracker', OIDC_CLIENT_SECRET: '' }).oidc).toEqual({ issuerUrl: 'https://id.example.org', clientId: 'tracker' });
    expect(() => readConfig({ OIDC_ISSUER_URL: 'https://id.example.org' })).toThrow(/OIDC_CLIENT_ID: set it with OIDC_ISSUER_URL/);
    expect(() => readConfig({ OIDC_CLIENT_ID: 'tracker', OIDC_CLIENT_SECRET: 's3cret' })).toThrow(/OIDC_ISSUER_URL: set it with OIDC_CLIENT_ID/);
    expect(() => readConfig({ OIDC_ISSUER_URL: 'not a url', OIDC_CLIENT_ID: 'tracker' })).toThrow(/OIDC_ISSUER_URL/);
    expect(() => readConfig({ OIDC_ISSUER_URL: 'http://id.example.org', OIDC_CLIENT_ID: 'tracker' })).toThrow(/OIDC_ISSUER_URL: must be an https address/);
    expect(readConfig({ OIDC_ISSUER_URL: 'http://127.0.0.1:4000', OIDC_CLIENT_ID: 'tracker' }).oidc?.issuerUrl).toBe('http://127.0.0.1:4000');
  });
});
