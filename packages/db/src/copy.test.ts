import { getTableName } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, writeTransaction, type Db } from './client';
import { copyDatabase, CopyRefused, tablesInCopyOrder } from './copy';
import { dialectOf } from './dialect';
import { migrateDatabase } from './migrate';
import { agencies } from './schema';
import { seedDemo } from './seed';
import { createTestDatabase, testDialect } from './testing';

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await closeDatabase(db);
});
const sqliteDatabase = async () => {
  const db = openDatabase(':memory:');
  await migrateDatabase(db);
  opened.push(db);
  return db;
};
const testDatabase = async () => {
  const db = await createTestDatabase();
  opened.push(db);
  return db;
};

/** Every row of every table, as the API's queries read them, in a stable order. */
async function everything(db: Db) {
  const out: Record<string, string[]> = {};
  for (const table of tablesInCopyOrder()) out[getTableName(table)] = (await db.select().from(table)).map((row) => JSON.stringify(row)).sort();
  return out;
}

describe('copying a partnership to another database', () => {
  it(`copies the demo partnership from SQLite to ${testDialect === 'postgres' ? 'PostgreSQL' : 'another SQLite file'} and back, losing nothing`, async () => {
    const original = await sqliteDatabase();
    await seedDemo(original, { now: new Date('2026-03-02T10:00:00.000Z') });
    const before = await everything(original);
    expect(before['actions']!.length).toBeGreaterThan(10);
    expect(before['progress_updates']!.length).toBeGreaterThan(10);

    const moved = await testDatabase();
    const copied = await copyDatabase(original, moved);
    expect(copied.find((t) => t.table === 'actions')?.rows).toBe(before['actions']!.length);
    expect(await everything(moved)).toEqual(before);

    const back = await sqliteDatabase();
    await copyDatabase(moved, back);
    expect(await everything(back)).toEqual(before);
  });

  it('carries on numbering after the highest id copied, so new rows never collide', async () => {
    const original = await sqliteDatabase();
    await seedDemo(original, { now: new Date('2026-03-02T10:00:00.000Z') });
    const moved = await testDatabase();
    await copyDatabase(original, moved);
    const highest = Math.max(...(await moved.select({ id: agencies.id }).from(agencies)).map((a) => a.id));
    const [created] = await writeTransaction(moved, (tx) => tx.insert(agencies).values({ name: 'A new agency', shortName: 'NEW', kind: 'other' }).returning());
    expect(created!.id).toBeGreaterThan(highest);
    expect(dialectOf(moved)).toBe(testDialect);
  });

  it('refuses a target that already holds a partnership, and changes nothing there', async () => {
    const original = await sqliteDatabase();
    await seedDemo(original, { now: new Date('2026-03-02T10:00:00.000Z') });
    const occupied = await testDatabase();
    await seedDemo(occupied, { now: new Date('2026-03-02T10:00:00.000Z') });
    const before = await everything(occupied);
    await expect(copyDatabase(original, occupied)).rejects.toThrow(CopyRefused);
    await expect(copyDatabase(original, occupied)).rejects.toThrow(/not empty \([a-z_]+ has rows\): copy into a new, empty database/);
    expect(await everything(occupied)).toEqual(before);
  });
});
