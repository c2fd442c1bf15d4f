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
});
