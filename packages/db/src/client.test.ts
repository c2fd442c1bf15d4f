import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, inTransaction, openDatabase, requireWriteTransactions, savepoint, writeTransaction, type Db } from './client';
import { migrateDatabase } from './migrate';
import { first } from './query';
import { agencies } from './schema';
import { createTestDatabase, testDialect } from './testing';

const names = async (db: Db) => (await db.select({ name: agencies.name }).from(agencies).orderBy(agencies.id)).map((r) => r.name);
const addAgency = (tx: Db, name: string) => tx.insert(agencies).values({ name, shortName: name.slice(0, 8), kind: 'other' });

let opened: Db[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const db of opened) await closeDatabase(db);
  opened = [];
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const testDatabase = async () => {
  const db = await createTestDatabase();
  opened.push(db);
  return db;
};

describe('a write transaction', () => {
  it('keeps everything its work wrote, and gives back what the work returned', async () => {
    const db = await testDatabase();
    const result = await writeTransaction(db, async (tx) => {
      await addAgency(tx, 'Police');
      await addAgency(tx, 'Health');
      return 'done';
    });
    expect(result).toBe('done');
    expect(await names(db)).toEqual(['Police', 'Health']);
  });

  it('keeps nothing when its work throws, and hands the error on', async () => {
    const db = await testDatabase();
    await expect(
      writeTransaction(db, async (tx) => {
        await addAgency(tx, 'Police');
        throw new Error('the second half failed');
      }),
    ).rejects.toThrow('the second half failed');
    expect(await names(db)).toEqual([]);
    if (testDialect === 'sqlite') expect(db.$client.inTransaction).toBe(false);
  });

  it('keeps two that begin together apart: neither writes inside the other, and one rolling back leaves the other', async () => {
    const db = await testDatabase();
    const steps: string[] = [];
    const slow = writeTransaction(db, async (tx) => {
      steps.push('slow begins');
      await addAgency(tx, 'Slow one');
      // Several turns of the event loop in the middle of the transaction: the other must still wait.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      steps.push('slow ends');
      throw new Error('slow rolls back');
    });
    const quick = writeTransaction(db, async (tx) => {
      steps.push('quick begins');
      await addAgency(tx, 'Quick one');
      steps.push('quick ends');
    });
    await expect(slow).rejects.toThrow('slow rolls back');
    await quick;
    // On SQLite (one connection) the second waits for the first; PostgreSQL runs them side by side, isolated.
    if (testDialect === 'sqlite') expect(steps).toEqual(['slow begins', 'slow ends', 'quick begins', 'quick ends']);
    // The quick one's write was not swept away by the slow one's rollback.
    expect(await names(db)).toEqual(['Quick one']);
  });

  it('carries on after a failed one: the next transaction is not blocked', async () => {
    const db = await testDatabase();
    await expect(writeTransaction(db, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await writeTransaction(db, (tx) => addAgency(tx, 'Education'));
    expect(await names(db)).toEqual(['Education']);
  });

  it('given its own handle, runs the inner work as a savepoint: a failure inside undoes only the inner work', async () => {
    const db = await testDatabase();
    await writeTransaction(db, async (tx) => {
      expect(inTransaction(tx)).toBe(true);
      expect(inTransaction(db)).toBe(false);
      await addAgency(tx, 'Kept');
      await expect(
        writeTransaction(tx, async (inner) => {
          await addAgency(inner, 'Undone');
          throw new Error('inner failure');
        }),
      ).rejects.toThrow('inner failure');
      await savepoint(tx, (inner) => addAgency(inner, 'Also kept'));
    });
    expect(await names(db)).toEqual(['Kept', 'Also kept']);
  });

  it('refuses a savepoint outside a transaction', async () => {
    const db = await testDatabase();
    await expect(savepoint(db, async () => undefined)).rejects.toThrow('not inside a write transaction');
  });
});

describe('requiring write transactions', () => {
  it('refuses a write outside a transaction, and changes nothing; reads and transactions carry on', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lrt-client-'));
    folders.push(folder);
    const db = openDatabase(join(folder, 'tracker.db'));
    opened.push(db);
    await migrateDatabase(db);
    requireWriteTransactions(db);
    await expect(addAgency(db, 'Stray')).rejects.toThrow('a write outside a write transaction');
    expect(await names(db)).toEqual([]);
    await writeTransaction(db, (tx) => addAgency(tx, 'Police'));
    const police = await first(db.select().from(agencies).where(eq(agencies.name, 'Police')));
    expect(police?.shortName).toBe('Police');
  });
});
