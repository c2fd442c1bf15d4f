import { text } from 'node:stream/consumers';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Action } from '@lrt/contracts';
import { createTestWorld, seedSmallPlan, type TestWorld } from '../../testing/test-app';
import { listActions } from '../actions/actions.service';
import { planClock } from '../settings/settings.service';
import { planCsvStream } from './actions-csv';
import { planXlsxStream } from './actions-xlsx';
import { loadPlanNames } from './plan-cells';

let world: TestWorld;
let action: Action;
beforeEach(async () => {
  world = await createTestWorld();
  await seedSmallPlan(world.db);
  action = (await listActions(world.db, { limit: 1, sort: 'ref' }, await planClock(world.db, world.app.now(), null))).items[0]!;
});
afterEach(() => world.close());

/** A view whose second page cannot be read (the database went away part way). */
async function* failingPages() {
  yield [action];
  throw new Error('disk I/O error');
}

const drain = (stream: Readable) =>
  new Promise<{ bytes: number; error: Error | null }>((resolve) => {
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    stream.on('end', () => resolve({ bytes, error: null }));
    stream.on('error', (error) => resolve({ bytes, error }));
  });

describe('an export that fails part way', () => {
  it('CSV: reports the failure and ends the download with an error, not as a file that looks complete', async () => {
    const onError = vi.fn();
    const stream = planCsvStream(failingPages(), await loadPlanNames(world.db), onError);
    const outcome = await drain(stream);
    expect(outcome.error?.message).toBe('disk I/O error');
    expect(outcome.bytes).toBeGreaterThan(0);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk I/O error' }));
  });

  it('Excel: reports the failure and destroys the stream', async () => {
    const onError = vi.fn();
    const stream = planXlsxStream({ db: world.db, pages: failingPages(), names: await loadPlanNames(world.db), reviewIds: [], now: new Date() }, onError);
    const outcome = await drain(stream);
    expect(outcome.error?.message).toBe('disk I/O error');
    expect(onError).toHaveBeenCalledOnce();
  });

  it('CSV of a view that reads: the whole file, ended', async () => {
    async function* pages() {
      yield [action];
    }
    const csv = await text(planCsvStream(pages(), await loadPlanNames(world.db), () => {}));
    expect(csv.split('\r\n')).toHaveLength(3);
  });
});
