/**
 * Every page of the tracker, at a desktop width and at a phone's (390 px): WCAG 2.2 AA as axe checks it (which
 * includes `scrollable-region-focusable`: every region that scrolls can be reached by keyboard), and nothing
 * scrolls sideways on the phone. Runs against the built app on a fresh demo database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, newPage, signIn, startApp, type RunningApp } from './harness';

let app: RunningApp;
let browser: Browser;
beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const first = async <T>(context: BrowserContext, path: string): Promise<T> => {
  const response = await context.request.get(`${app.baseUrl}${path}`);
  expect(response.status(), path).toBe(200);
  const body = (await response.json()) as { items: T[] };
  expect(body.items.length, path).toBeGreaterThan(0);
  return body.items[0]!;
};

/** Opens a page, waits for it to settle, and checks it at every width. */
async function checkPage(page: Page, path: string) {
  await page.goto(`${app.baseUrl}${path}`);
  await page
    .getByRole('heading', { level: 1 })
    .first()
    .waitFor()
    .catch((error: Error) => {
      throw new Error(`${path} shows no page heading: ${error.message}`);
    });
  await page.waitForLoadState('networkidle');
  for (const { name, width, height } of WIDTHS) {
    await page.setViewportSize({ width, height });
    // Let layout settle after the resize (charts measure their width).
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await expectAccessible(page, `${path} at ${name} width`);
    if (name === 'phone') {
      const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
      expect(overflow.scroll, `${path} scrolls sideways at ${width} px`).toBeLessThanOrEqual(overflow.view);
    }
  }
}

describe('every page, at desktop and phone widths', () => {
  it('as the business unit', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, app.baseUrl, 'admin@demo.example');
    const review = await first<{ id: number }>(context, '/api/reviews?limit=1');
    const action = await first<{ id: number }>(context, '/api/actions?limit=1&sort=attention');
    const theme = await first<{ id: number }>(context, '/api/themes?limit=1');
    const subgroup = await first<{ id: number }>(context, '/api/subgroups?limit=1');
    const user = await first<{ id: number }>(context, '/api/users?limit=1');
    // A token in the list, so its table is checked too.
    const { csrfToken } = (await (await context.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { csrfToken: string };
    const made = await context.request.post(`${app.baseUrl}/api/tokens`, { data: { name: 'Board dashboard (Power BI)', expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) }, headers: { 'x-csrf-token': csrfToken } });
    expect(made.status(), await made.text()).toBe(201);
    // An update request to every agency, so the outbox and the action page's update requests have something to show.
    const chased = await context.request.post(`${app.baseUrl}/api/chase`, { data: { replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10) }, headers: { 'x-csrf-token': csrfToken } });
    expect(chased.status(), await chased.text()).toBe(201);
    // An import in draft, so its page (columns, agencies, preview and commit) is checked too.
    const imported = await context.request.post(`${app.baseUrl}/api/imports`, {
      multipart: {
        reviewId: String(review.id),
        file: { name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from('Agency,Action to be taken,Target date\r\nNorthmoor Police,Brief every response team,31.3.26\r\nHorizons Team,Map the custody cohort,March 2026\r\n') },
      },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(imported.status(), await imported.text()).toBe(201);
    const draft = (await imported.json()) as { id: number };
    // A board snapshot, so the snapshots list and a report compared with it are checked too.
    const snapshotted = await context.request.post(`${app.baseUrl}/api/snapshots`, { data: { name: 'Board, every page', asAt: new Date().toISOString().slice(0, 10) }, headers: { 'x-csrf-token': csrfToken } });
    expect(snapshotted.status(), await snapshotted.text()).toBe(201);
    const snapshot = (await snapshotted.json()) as { id: number };
    const paths = [
      '/overview',
      `/subgroups/${subgroup.id}`,
      '/reviews',
      `/reviews/${review.id}`,
      '/reviews/new',
      `/reviews/${review.id}/edit`,
      `/reviews/${review.id}/actions/new`,
      `/reviews/${review.id}/import`,
      `/reviews/${review.id}/import/${draft.id}`,
      '/actions',
      '/actions?status=completed&sort=attention',
      `/actions/${action.id}`,
      `/actions/${action.id}/edit`,
      '/themes',
      `/themes/${theme.id}`,
      '/reports',
      `/reports?scope=partnership&compareTo=${snapshot.id}`,
      '/reports/snapshots',
      '/admin',
      '/admin/agencies',
      '/admin/subgroups',
      '/admin/themes',
      '/admin/users',
      `/admin/users/${user.id}`,
      '/admin/settings',
      '/admin/tokens',
      '/admin/outbox',
      '/account',
      '/account/password',
      '/account/two-factor',
    ];
    for (const path of paths) await checkPage(page, path);
    await context.close();
  }, 240_000);

  it('as an agency lead, whose home is My agency', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, app.baseUrl, 'police@demo.example');
    const me = (await (await context.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { user: { agencyIds: number[] } };
    const action = await first<{ id: number }>(context, `/api/actions?limit=1&agencyId=${me.user.agencyIds[0]}&status=in_progress`);
    for (const path of ['/my-agency', `/actions/${action.id}`]) await checkPage(page, path);
    await context.close();
  }, 120_000);
});
