import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('configuration', () => {
  it('has the documented defaults', () => {
    expect(readConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databasePath: './data/tracker.db',
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

  it('refuses a bad value, naming the variable', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
  });
});
