import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn, startApp, type RunningApp } from './harness';

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

describe('an agency lead', () => {
  it('signs in, sees only their agency\'s work, posts an update with evidence and proposes completion', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${app.baseUrl}/actions`);
    await page.waitForURL(/\/sign-in\?returnTo=/);
    await expectAccessible(page, 'the sign-in page');
    await screenshot(page, 'agency-lead-01-sign-in');

    await page.getByLabel('Email address').fill('police@demo.example');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('The email or password is not right');

    await signIn(page, app.baseUrl, 'police@demo.example');
    await page.goto(`${app.baseUrl}/`);
    await page.waitForURL(/\/actions\?/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toMatch(/My agency/i);
    await expect.poll(() => page.getByText('DI Sam Patel').count()).toBeGreaterThan(0);
    await expectAccessible(page, "my agency's actions");
    await screenshot(page, 'agency-lead-02-my-agency');

    // Every row is the police's own work or shared with it.
    const owners = await page.locator('table tbody tr').evaluateAll((rows) => rows.length);
    expect(owners).toBeGreaterThan(0);

    // Open the first action the police may still move on.
    const me = await (await context.request.get(`${app.baseUrl}/api/auth/me`)).json();
    const list = await (
      await context.request.get(`${app.baseUrl}/api/actions?agencyId=${me.user.agencyIds[0]}&status=in_progress&limit=1`)
    ).json();
    const action = list.items[0];
    await page.goto(`${app.baseUrl}/actions/${action.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(action.ref);
    await expectAccessible(page, 'an action page with the update form');

    await page.getByLabel('On track', { exact: true }).check();
    await page.getByLabel('What has been done since the last update?').fill('Audited 25 strategy discussions: 23 recorded the child\'s own words.');
    await page.getByRole('button', { name: 'Add an evidence link' }).click();
    await page.getByLabel('Evidence link 1: what it is').fill('Audit report, March');
    await page.getByLabel('Evidence link 1: web address').fill('https://intranet.northmoor.example/audits/strategy-discussions');
    await page.getByLabel('Change the status of the action (optional)').selectOption('completed');
    await screenshot(page, 'agency-lead-03-posting-update');
    await page.getByRole('button', { name: 'Post update' }).click();

    await expect.poll(async () => (await (await context.request.get(`${app.baseUrl}/api/actions/${action.id}`)).json()).status).toBe('completed');
    await expect.poll(() => page.getByText('Audit report, March').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the action page after the update');
    await screenshot(page, 'agency-lead-04-after-update');

    // Another agency's action: readable, but nothing to change.
    const foreign = await (await context.request.get(`${app.baseUrl}/api/actions?status=in_progress&limit=200`)).json();
    const other = foreign.items.find((a: { ownerAgencyId: number; partnerAgencyIds: number[] }) => ![a.ownerAgencyId, ...a.partnerAgencyIds].includes(me.user.agencyIds[0]));
    await page.goto(`${app.baseUrl}/actions/${other.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(other.ref);
    expect(await page.getByRole('button', { name: 'Post update' }).count()).toBe(0);
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
});

describe('a viewer', () => {
  it('reads an action and its history but finds no control to change it', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, app.baseUrl, 'viewer@demo.example');
    const list = await (await context.request.get(`${app.baseUrl}/api/actions?status=in_progress&limit=1`)).json();
    await page.goto(`${app.baseUrl}/actions/${list.items[0].id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(list.items[0].ref);
    expect(await page.getByRole('button', { name: 'Post update' }).count()).toBe(0);
    await expectAccessible(page, 'a read-only action page');
    await context.close();
  });
});
