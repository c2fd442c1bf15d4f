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

  it('refuses a bad value, naming the variable', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
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
