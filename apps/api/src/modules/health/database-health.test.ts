import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '@lrt/db';
import { testDialect } from '@lrt/db/testing';
import { buildApp } from '../../app';
import { createTestWorld, type TestWorld } from '../../testing/test-app';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('what the health check says of the database', () => {
  it('names the database the tracker runs on and says it is migrated, while /api/health stays as the contract has it', async () => {
    world = await createTestWorld();
    const database = await world.request({ method: 'GET', url: '/api/health/database', as: null });
    expect(database.statusCode).toBe(200);
    expect(database.json()).toEqual({ database: testDialect === 'postgres' ? 'postgresql' : 'sqlite', migrated: true, latestMigration: expect.stringMatching(/^\d{4}_[a-z_]+$/) });
    const health = await world.request({ method: 'GET', url: '/api/health', as: null });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
  });

  it('says a database without its migrations is not migrated, and /api/health answers 503 for it', async () => {
    const db = openDatabase(':memory:');
    const app = await buildApp({ db, webDistDir: '/nonexistent' });
    try {
      const database = await app.inject({ method: 'GET', url: '/api/health/database' });
      expect(database.statusCode).toBe(200);
      expect(database.json()).toMatchObject({ database: 'sqlite', migrated: false });
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
      expect(health.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await app.close();
      await closeDatabase(db);
    }
  });
});
