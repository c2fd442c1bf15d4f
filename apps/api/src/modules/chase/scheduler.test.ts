import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { closeDatabase, emails, migrateDatabase, openDatabase, userAgencies, userRoles, users, writeTransaction, type Db } from '@lrt/db';
import { createTestDatabase, factories } from '@lrt/db/testing';
import { buildApp } from '../../app';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/smtp-server';
import { planClock } from '../settings/settings.service';
import { sendChase } from './chase.service';
import { enqueueEmail } from '../mail/outbox.service';
import { MailSender } from '../mail/mail-sender';
import { planRemindersAndEscalations } from './reminders';

/**
 * Two server processes on one database file by mistake, and restarts: each message, reminder and escalation
 * still leaves once. Each "process" here is its own app on its own connection to the same SQLite file.
 */
let dir: string;
let smtp: TestSmtpServer;
let now = new Date('2026-03-02T10:00:00.000Z');
const opened: { app: FastifyInstance; db: Db }[] = [];

async function startProcess(file: string) {
  const db = openDatabase(file);
  await migrateDatabase(db);
  const app = await buildApp({ db, now: () => now, webDistDir: '/nonexistent', mail: { smtpUrl: smtp.url }, publicUrl: 'https://tracker.example' });
  await app.ready();
  const process = { app, db };
  opened.push(process);
  return process;
}

async function stopProcess(process: { app: FastifyInstance; db: Db }) {
  await process.app.close();
  await closeDatabase(process.db);
  opened.splice(opened.indexOf(process), 1);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lrt-scheduler-'));
  smtp = await startTestSmtpServer();
  now = new Date('2026-03-02T10:00:00.000Z');
});

afterEach(async () => {
  for (const process of [...opened]) await stopProcess(process);
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function seed(db: Db) {
  const police = await factories.agency(db, { name: 'Northshire Police', seniorContactName: 'Chief Superintendent Vale', seniorContactEmail: 'vale@police.example' });
  const review = await factories.review(db);
  await factories.action(db, { reviewId: review.id, ownerAgencyId: police.id, targetDate: '2026-01-31' });
  await factories.action(db, { reviewId: review.id, ownerAgencyId: police.id, targetDate: '2026-02-28' });
  for (const name of ['Alex Police', 'Bea Police']) {
    await writeTransaction(db, async (tx) => {
      const [user] = await tx.insert(users).values({ email: `${name.split(' ')[0]!.toLowerCase()}@police.example`, name, passwordHash: 'x' }).returning();
      await tx.insert(userRoles).values({ userId: user!.id, role: 'agency_lead' });
      await tx.insert(userAgencies).values({ userId: user!.id, agencyId: police.id });
    });
  }
  const admin = { id: 1_000, name: 'Business Unit Admin', roles: ['admin'] as const, agencyIds: [], subgroupIds: [] };
  const clock = await planClock(db, now, { ...admin, roles: ['admin'] });
  await sendChase(db, { replyBy: '2026-03-16', preview: false }, clock, { id: null, name: admin.name }, { publicUrl: 'https://tracker.example' });
}

/**
 * One tick of each "process", in turn. They share this test's one thread: while one is inside a write transaction
 * (awaiting its queries), the other's BEGIN would wait for the lock in SQLite's busy handler, which holds the thread
 * the first needs to finish, until the busy timeout. Real processes each wait on their own thread.
 */
const tick = async (...processes: { app: FastifyInstance }[]) => {
  for (const p of processes) await p.app.scheduler.runOnce();
};

describe('the scheduler', () => {
  it('sends each message, reminder and escalation once, with two processes on one file and across restarts', async () => {
    const file = join(dir, 'tracker.db');
    const first = await startProcess(file);
    const second = await startProcess(file);
    await seed(first.db);

    await tick(first, second);
    await tick(first, second);
    await smtp.waitFor(2);
    await tick(first, second);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['alex@police.example', 'bea@police.example']);

    // The reminder falls due while both run: each lead gets one.
    now = new Date('2026-03-13T09:00:00.000Z');
    await tick(first, second);
    await tick(first, second);
    await tick(second, first);
    await smtp.waitFor(4);
    expect(smtp.received).toHaveLength(4);

    // A restart plans again from scratch: nothing is sent twice.
    await stopProcess(first);
    const restarted = await startProcess(file);
    await tick(restarted, second);
    await tick(restarted, second);
    expect(smtp.received).toHaveLength(4);

    // Down over the escalation day: it goes out once when a process is back.
    await stopProcess(restarted);
    await stopProcess(second);
    now = new Date('2026-03-30T09:00:00.000Z');
    const back = await startProcess(file);
    const other = await startProcess(file);
    await tick(back, other);
    await tick(other, back);
    await smtp.waitFor(5);
    await tick(back, other);
    expect(smtp.received).toHaveLength(5);
    expect(smtp.received[4]!.to).toEqual(['vale@police.example']);
    expect(smtp.received.slice(2, 4).every((m) => m.subject.includes('reminder'))).toBe(true);
  }, 20_000); // five app start-ups on a file

  it('sends at a bounded rate: each tick takes only its share of the per-minute rate, and the rest waits', async () => {
    const db = openDatabase(join(dir, 'rate.db'));
    await migrateDatabase(db);
    // 24 a minute over ticks of 5 seconds: 2 a tick.
    const app = await buildApp({ db, now: () => now, webDistDir: '/nonexistent', mail: { smtpUrl: smtp.url, perMinute: 24 } });
    await app.ready();
    opened.push({ app, db });
    await writeTransaction(db, async (tx) => {
      for (let n = 1; n <= 5; n++) {
        await enqueueEmail(tx, { kind: 'chase', to: { name: `Lead ${n}`, address: `lead${n}@agency.example` }, subject: `Message ${n}`, text: 'Hello', html: '<p>Hello</p>', at: now });
      }
    });
    await app.scheduler.runOnce();
    await smtp.waitFor(2);
    expect(smtp.received).toHaveLength(2);
    await app.scheduler.runOnce();
    await app.scheduler.runOnce();
    await smtp.waitFor(5);
    expect(smtp.received.map((m) => m.subject)).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4', 'Message 5']);
  });
});

describe('planning in two instances at the same moment', () => {
  it('queues each reminder and escalation once: the outbox key is unique, whoever inserts it first', async () => {
    const db = await createTestDatabase();
    try {
      const quiet = { info: () => {}, warn: () => {}, error: () => {} } as unknown as FastifyBaseLogger;
      const mail = { publicUrl: 'https://tracker.example' };
      await seed(db);
      // The chase itself goes out ("log" transport: kept in the outbox as logged), so its leads can be reminded.
      await new MailSender(db, () => now, { from: 'tracker@example.org', publicUrl: mail.publicUrl }, quiet).deliverDue();
      const byKind = async (kind: string) => (await db.select({ kind: emails.kind, dedupeKey: emails.dedupeKey }).from(emails)).filter((e) => e.kind === kind);

      now = new Date('2026-03-13T09:00:00.000Z');
      const reminders = await Promise.all([planRemindersAndEscalations(db, now, mail), planRemindersAndEscalations(db, now, mail)]);
      expect(reminders[0].queued + reminders[1].queued).toBe(2);
      expect(new Set((await byKind('reminder')).map((e) => e.dedupeKey)).size).toBe(2);
      expect(await byKind('reminder')).toHaveLength(2);

      now = new Date('2026-03-30T09:00:00.000Z');
      const escalations = await Promise.all([planRemindersAndEscalations(db, now, mail), planRemindersAndEscalations(db, now, mail)]);
      expect(escalations[0].queued + escalations[1].queued).toBe(1);
      expect(await byKind('escalation')).toHaveLength(1);
      expect(await byKind('reminder')).toHaveLength(2);
    } finally {
      await closeDatabase(db);
    }
  });
});
