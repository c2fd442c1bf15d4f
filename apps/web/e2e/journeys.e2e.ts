/**
 * The journeys of the people the tracker is for, in real Chromium against the built app served by the real API on
 * a fresh database with the demo partnership. Every page visited is checked with axe (WCAG 2.2 AA) and saved as a
 * screenshot in e2e/artifacts. The journeys run in order: the lead proposes an action complete, the chair assures it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, newPage, screenshot, serveCopyOfBuiltSpa, signIn, startApp, tabTo, type RunningApp } from './harness';

let app: RunningApp;
let browser: Browser;
let removeSpaCopy: (() => void) | undefined;
beforeAll(async () => {
  removeSpaCopy = await serveCopyOfBuiltSpa();
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  removeSpaCopy?.();
});

interface ActionSummary {
  id: number;
  ref: string;
  status: string;
  ownerAgencyId: number;
  partnerAgencyIds: number[];
  subgroupId: number | null;
}

const api = async <T>(context: BrowserContext, path: string): Promise<T> => {
  const response = await context.request.get(`${app.baseUrl}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
};

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();


/** The action the police lead proposes complete and the subgroup chair then assures. */
let proposed: ActionSummary;

describe('the business unit', () => {
  it('finds the stale actions from the overview and opens one', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, app.baseUrl, 'admin@demo.example');
    await page.waitForURL(/\/overview$/);
    await expect.poll(() => heading(page)).toMatch(/overview/i);
    await expectAccessible(page, 'the overview');
    await screenshot(page, 'business-unit-01-overview');

    await page.getByRole('link', { name: /^\d+ stale actions?$/ }).first().click();
    await page.waitForURL(/\/actions\?.*stale=true/);
    await expect.poll(() => page.locator('table tbody tr').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the stale actions');
    await screenshot(page, 'business-unit-02-stale-actions');

    const stale = await api<{ items: ActionSummary[] }>(context, '/api/actions?stale=true&limit=200');
    const first = page.locator('table tbody tr').first().getByRole('link').first();
    const ref = (await first.innerText()).trim();
    expect(stale.items.map((a) => a.ref)).toContain(ref);
    await first.click();
    await expect.poll(() => heading(page)).toContain(ref);
    await expect.poll(() => page.locator('.moj-badge', { hasText: 'Stale' }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'a stale action');
    await screenshot(page, 'business-unit-03-stale-action');

    await page.getByRole('link', { name: 'Edit action' }).click();
    await page.waitForURL(/\/edit$/);
    await expectAccessible(page, 'the edit action page');
    await page.goto(`${app.baseUrl}/admin`);
    await expectAccessible(page, 'administration');
    await page.goto(`${app.baseUrl}/admin/users`);
    await expect.poll(() => page.getByText('police@demo.example').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'users and roles');
    await screenshot(page, 'business-unit-04-users');
    await context.close();
  });
});

describe('an agency lead', () => {
  it("signs in, sees only their agency's work, posts an update with evidence and proposes completion", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${app.baseUrl}/my-agency`);
    await page.waitForURL(/\/sign-in\?returnTo=/);
    await expectAccessible(page, 'the sign-in page');
    await screenshot(page, 'agency-lead-01-sign-in');

    await page.getByLabel('Email address').fill('police@demo.example');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('The email or password is not right');

    await signIn(page, app.baseUrl, 'police@demo.example');
    await page.waitForURL(/\/my-agency$/);
    await expect.poll(() => page.getByText('DI Sam Patel').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'my agency');
    await screenshot(page, 'agency-lead-02-my-agency');

    const me = await api<{ user: { agencyIds: number[] }; csrfToken: string }>(context, '/api/auth/me');
    const police = me.user.agencyIds[0]!;
    const mine = await api<{ items: ActionSummary[] }>(context, `/api/actions?agencyId=${police}&status=not_started&status=in_progress&limit=200`);
    // Every open action listed is the police's own or shared with it, and all of them are there: a returned one
    // offers "Answer" (the question on it) instead of "Post an update".
    const shown = await page.getByRole('button', { name: /^(Post an update|Answer the question) on action / }).allInnerTexts();
    expect(shown.length).toBe(mine.items.length);
    for (const text of shown) {
      expect(mine.items.map((a) => a.ref)).toContain(text.replace(/^(Post an update|Answer the question)\s+on action /, '').trim());
    }

    const subgroups = await api<{ items: { id: number; name: string }[] }>(context, '/api/subgroups?q=Learning');
    const learning = subgroups.items[0]!.id;
    proposed = mine.items.find((a) => a.status === 'in_progress' && a.subgroupId === learning && a.ownerAgencyId === police)!;
    expect(proposed, 'an in-progress police action overseen by the Learning and Practice Review subgroup').toBeDefined();

    // Two clicks: open the form on the row, then post.
    await page.getByRole('button', { name: `Post an update on action ${proposed.ref}` }).click();
    await page.getByLabel('On track', { exact: true }).check();
    await page.getByLabel('What has been done since the last update?').fill("Audited 25 strategy discussions: 23 recorded the child's own words.");
    await page.getByRole('button', { name: 'Add an evidence link' }).click();
    await page.getByLabel('Evidence link 1: what it is').fill('Audit report, March');
    await page.getByLabel('Evidence link 1: web address').fill('https://intranet.northmoor.example/audits/strategy-discussions');
    await page.getByLabel('Change the status of the action (optional)').selectOption('completed');
    await expectAccessible(page, 'the update form on my agency');
    await screenshot(page, 'agency-lead-03-posting-update');
    await page.getByRole('button', { name: 'Post update' }).click();
    await expect.poll(async () => (await api<ActionSummary>(context, `/api/actions/${proposed.id}`)).status).toBe('completed');

    await page.goto(`${app.baseUrl}/actions/${proposed.id}`);
    await expect.poll(() => page.getByText('Audit report, March').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the action after the update');
    await screenshot(page, 'agency-lead-04-action');

    // Another agency's action: readable, with no control to change it, and the API refuses anyway.
    const all = await api<{ items: ActionSummary[] }>(context, '/api/actions?status=in_progress&limit=200');
    const other = all.items.find((a) => ![a.ownerAgencyId, ...a.partnerAgencyIds].includes(police))!;
    await page.goto(`${app.baseUrl}/actions/${other.id}`);
    await expect.poll(() => heading(page)).toContain(other.ref);
    expect(await page.getByRole('button', { name: 'Post update' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit action' }).count()).toBe(0);
    const refused = await context.request.post(`${app.baseUrl}/api/actions/${other.id}/updates`, {
      data: { note: 'Trying anyway', confidence: 'on_track' },
      headers: { 'x-csrf-token': me.csrfToken },
    });
    expect(refused.status()).toBe(403);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    expect((await context.request.get(`${app.baseUrl}/api/auth/me`)).status()).toBe(401);
    await context.close();
  });

  it('posts an update with the keyboard alone', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, app.baseUrl, 'health@demo.example');
    await page.waitForURL(/\/my-agency$/);
    await expect.poll(() => page.getByRole('button', { name: /^Post an update on action / }).count()).toBeGreaterThan(0);
    const target = (await page.getByRole('button', { name: /^Post an update on action / }).first().innerText()).replace(/^Post an update\s+on action /, '').trim();

    await tabTo(page, (el) => el.tag === 'button' && el.text.startsWith('Post an update'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
    await page.keyboard.press('Space');
    await tabTo(page, (el) => el.tag === 'textarea');
    await page.keyboard.type('Keyboard-only update: two team briefings delivered this month.');
    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Post update');
    await page.keyboard.press('Enter');

    await expect
      .poll(async () => (await api<{ items: { ref: string }[] }>(context, '/api/actions?q=keyboard%20briefings')).items.map((a) => a.ref))
      .toEqual([target]);
    await context.close();
  });
});

describe('a subgroup chair', () => {
  it('assures the completed action with evidence of impact', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, app.baseUrl, 'subgroup@demo.example');
    await page.waitForURL(/\/subgroups\/\d+$/);
    await expectAccessible(page, 'the subgroup view');
    await screenshot(page, 'subgroup-chair-01-subgroup');

    await page.getByRole('button', { name: `Assure action ${proposed.ref}` }).click();
    await page.getByLabel('Evidence of impact').fill('Re-audit of 30 strategy discussions in May: 28 recorded the child’s own words, up from 11 in the review.');
    await page.getByLabel('Note for the record').fill('Agreed at the subgroup meeting.');
    await expectAccessible(page, 'the assurance form');
    await page.getByRole('button', { name: 'Assure action', exact: true }).click();
    await expect.poll(async () => (await api<ActionSummary>(context, `/api/actions/${proposed.id}`)).status).toBe('assured');
    await screenshot(page, 'subgroup-chair-02-assured');

    await page.goto(`${app.baseUrl}/actions/${proposed.id}`);
    await expect.poll(() => page.getByText(/28 recorded the child/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the assured action');
    await context.close();
  });
});

describe('the independent chair', () => {
  it('reads the overview and the themes matrix, and cannot edit', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, app.baseUrl, 'chair@demo.example');
    await page.waitForURL(/\/overview$/);
    // The overview lists the few reviews needing most attention, saying of how many, never every review held.
    const dashboard = await api<{ reviewCount: number }>(context, '/api/dashboard');
    const needing = page.getByRole('region', { name: 'Reviews needing most attention' });
    await expect.poll(() => needing.getByRole('table').count()).toBe(1);
    expect(await needing.getByRole('rowheader').count()).toBe(Math.min(dashboard.reviewCount, 10));
    expect(await needing.innerText()).toMatch(dashboard.reviewCount > 10 ? `of ${dashboard.reviewCount.toLocaleString('en-GB')} with actions` : /reviews? with actions/);
    await expectAccessible(page, 'the overview for the chair');

    await page.getByRole('link', { name: 'Themes', exact: true }).click();
    await page.waitForURL(/\/themes$/);
    await expect.poll(() => page.getByText('Recurs').count()).toBeGreaterThan(0);
    const matrix = await api<{ reviewCount: number; reviews: unknown[] }>(context, '/api/themes/matrix');
    expect(await page.getByRole('status').filter({ hasText: 'found in two or more of the' }).innerText()).toContain(`of the ${matrix.reviewCount} reviews`);
    expect(await page.getByRole('table').getByRole('columnheader').count()).toBe(2 + matrix.reviews.length);
    await expectAccessible(page, 'the themes matrix');
    await screenshot(page, 'independent-chair-01-themes');

    const actions = await api<{ items: ActionSummary[] }>(context, '/api/actions?limit=1');
    await page.goto(`${app.baseUrl}/actions/${actions.items[0]!.id}`);
    await expect.poll(() => heading(page)).toContain(actions.items[0]!.ref);
    expect(await page.getByRole('button', { name: 'Post update' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit action' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await expectAccessible(page, 'an action, read-only');

    await page.goto(`${app.baseUrl}/admin/users`);
    await expect.poll(() => page.getByText(/do not have access/i).count()).toBeGreaterThan(0);
    await context.close();
  });
});
