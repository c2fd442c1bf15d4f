import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEmail } from '@lrt/contracts';
import { createTestWorld, factories, type TestWorld } from '../../testing/test-app';
import { multipartBody } from '../../testing/multipart';

/** Documents through a reply link: uploaded as its holder, cited in their update, downloaded again by them. */
let world: TestWorld;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lrt-respond-evidence-'));
  world = await createTestWorld({ evidenceDir: dir });
});

afterEach(async () => {
  await world.close();
  rmSync(dir, { recursive: true, force: true });
});

const form = (filename: string, content: string) => multipartBody([{ name: 'file', filename, contentType: 'text/plain', content }]);

async function linkForLead() {
  const agency = await factories.agency(world.db);
  const review = await factories.review(world.db);
  const asked = await factories.action(world.db, { reviewId: review.id, ownerAgencyId: agency.id, targetDate: '2026-01-31' });
  const other = await factories.action(world.db, { reviewId: review.id, ownerAgencyId: agency.id, targetDate: '2026-12-31', status: 'in_progress', lastUpdateAt: '2026-03-01T09:00:00.000Z', latestConfidence: 'on_track' });
  const lead = await world.signIn(['agency_lead'], { agencyIds: [agency.id] });
  expect((await world.request({ method: 'POST', url: '/api/chase', payload: { replyBy: '2026-03-16', actionIds: [asked.id] } })).statusCode).toBe(201);
  await world.app.scheduler.runOnce();
  const outbox = (await world.request({ method: 'GET', url: '/api/outbox' })).json<{ items: OutboxEmail[] }>();
  const token = /\/respond\/([\w-]{43})/.exec(outbox.items[0]!.text)![1]!;
  return { asked, other, lead, token };
}

describe('evidence through a reply link', () => {
  it('uploads as the holder, cites it in their update, and downloads it again; a document of another action does not exist for them', async () => {
    const { asked, other, lead, token } = await linkForLead();
    const upload = await world.request({ method: 'POST', url: `/api/respond/${token}/evidence`, as: null, ...form('register.txt', 'Attendance register: 42 of 45') });
    expect(upload.statusCode, upload.body).toBe(201);
    const fileId = upload.json().id as number;
    const post = await world.request({
      method: 'POST',
      url: `/api/respond/${token}/actions/${asked.id}/updates`,
      as: null,
      payload: { note: 'Training done; register attached.', confidence: 'on_track', evidence: [{ label: 'Register', fileId }] },
    });
    expect(post.statusCode, post.body).toBe(201);
    expect(post.json().evidence).toMatchObject([{ label: 'Register', fileId, name: 'register.txt' }]);

    const download = await world.request({ method: 'GET', url: `/api/respond/${token}/evidence/${fileId}`, as: null });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('Attendance register: 42 of 45');
    expect(download.headers['content-disposition']).toContain('attachment');

    // The lead's document on an action the link does not list.
    const elsewhere = await world.request({ method: 'POST', url: '/api/evidence', as: lead, ...form('plan.txt', 'Another plan') });
    const elsewhereId = elsewhere.json().id as number;
    await world.request({ method: 'POST', url: `/api/actions/${other.id}/updates`, as: lead, payload: { note: 'Plan', confidence: 'on_track', evidence: [{ label: 'Plan', fileId: elsewhereId }] } });
    const refused = await world.request({ method: 'GET', url: `/api/respond/${token}/evidence/${elsewhereId}`, as: null });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('evidence.not_found');
  });

  it('checks the link before reading a document', async () => {
    await linkForLead();
    const res = await world.request({ method: 'POST', url: `/api/respond/${'a'.repeat(43)}/evidence`, as: null, ...form('x.txt', 'x') });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('reply_link.not_found');
  });
});
