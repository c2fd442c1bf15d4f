import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { closeDatabase, emails, writeTransaction, type Db } from '@lrt/db';
import { createTestDatabase, testDialect } from '@lrt/db/testing';
import { MailSender } from './mail-sender';
import { enqueueEmail } from './outbox.service';

/**
 * Two API instances on one database claim the outbox at the same moment: each due message is claimed by exactly
 * one of them. Their write transactions take turns (on SQLite one connection; on PostgreSQL the write lock every
 * instance takes), and on PostgreSQL the claim also skips rows any other connection holds (FOR UPDATE SKIP LOCKED).
 */
const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} } as unknown as FastifyBaseLogger;
const now = new Date('2026-03-02T10:00:00.000Z');
let db: Db;

beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await closeDatabase(db);
});

async function queue(count: number, at = now) {
  const ids: number[] = [];
  await writeTransaction(db, async (tx) => {
    for (let n = 1; n <= count; n++) {
      const id = await enqueueEmail(tx, { kind: 'chase', to: { name: `Lead ${n}`, address: `lead${n}@agency.example` }, subject: `Message ${n}`, text: 'Hello', html: '<p>Hello</p>', at });
      ids.push(id!);
    }
  });
  return ids;
}

const options = { from: 'tracker@example.org', publicUrl: 'https://tracker.example' };
const instance = (on: Db = db) => new MailSender(on, () => now, options, quiet);

describe('claiming the outbox', () => {
  it('gives each due message to exactly one of two instances claiming at once', async () => {
    const first = instance();
    const second = instance();
    const due = await queue(30);
    // Not yet due: neither takes it.
    await queue(1, new Date(now.getTime() + 60_000));

    const [a, b] = await Promise.all([first.claim(20), second.claim(20)]);
    const claimed = [...a, ...b].map((e) => e.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort((x, y) => x - y)).toEqual(due);
    expect(a.length).toBeLessThanOrEqual(20);
    expect(b.length).toBeLessThanOrEqual(20);

    // What each was given is what the outbox says it holds, and nothing is left to claim.
    const rows = await db.select({ id: emails.id, status: emails.status, claimedBy: emails.claimedBy }).from(emails);
    const holders = new Map(rows.map((r) => [r.id, r]));
    const holderOf = (list: typeof a) => new Set(list.map((e) => holders.get(e.id)!.claimedBy));
    expect(rows.filter((r) => r.status === 'sending')).toHaveLength(30);
    if (a.length > 0 && b.length > 0) {
      expect(holderOf(a).size).toBe(1);
      expect(holderOf(b).size).toBe(1);
      expect([...holderOf(a)][0]).not.toBe([...holderOf(b)][0]);
    }
    expect(await Promise.all([first.claim(20), second.claim(20)])).toEqual([[], []]);
  });

  it('keeps them apart over many rounds, however the claims interleave', async () => {
    const claimers = [instance(), instance(), instance()];
    for (let round = 0; round < 5; round++) {
      const due = await queue(25);
      const taken = (await Promise.all(claimers.map((c) => c.claim(10)))).flat().map((e) => e.id);
      expect(new Set(taken).size).toBe(taken.length);
      expect(taken.sort((x, y) => x - y)).toEqual(due);
    }
  });

  // Write transactions take turns under the one write lock on PostgreSQL too (packages/db, writeTransaction), so
  // two claims never overlap; the claim's FOR UPDATE SKIP LOCKED is the second guard, for rows locked by any other
  // connection. SQLite has no row locks to show it with.
  it.skipIf(testDialect === 'sqlite')('passes over messages another connection holds locked, and takes the rest', async () => {
    const due = await queue(10);
    // Another connection locks the first four messages and keeps its transaction open (outside the write lock).
    const pool = (db as unknown as { $client: { connect: () => Promise<{ query: (text: string, values?: unknown[]) => Promise<unknown>; release: () => void }> } }).$client;
    const holder = await pool.connect();
    await holder.query('begin');
    await holder.query('select id from emails where id = any($1::int[]) for update', [due.slice(0, 4)]);
    const claimed = (await instance().claim(10)).map((e) => e.id);
    await holder.query('rollback');
    holder.release();
    expect(claimed.sort((a, b) => a - b)).toEqual(due.slice(4));
    const rows = await db.select({ id: emails.id, status: emails.status }).from(emails);
    expect(rows.filter((r) => r.status === 'sending').map((r) => r.id).sort((a, b) => a - b)).toEqual(due.slice(4));
  });
});
