/**
 * Chasing updates, in real Chromium against the built app served by the real API on a fresh database with the
 * demo partnership and no SMTP server (mail stays in the outbox): the business unit opens "Chase updates", scopes
 * it to one agency, previews the message and sends it; the lead's personal link is read from the outbox; someone
 * who has never signed in opens it in a fresh browser, posts an update, and the request's page shows the action
 * answered. Revoking the link then closes it, and the page says so in words. Every page visited is checked with
 * axe (WCAG 2.2 AA) at 1280 px and at 390 px, where nothing may scroll sideways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAtBothWidths, launchBrowser, newPage, serveCopyOfBuiltSpa, signIn, startApp, type RunningApp } from './harness';

interface Candidates {
  agencies: {
    agency: { id: number; name: string };
    leads: { userId: number; name: string; email: string }[];
    actions: { id: number; ref: string; status: string }[];
  }[];
}

interface Outbox {
  items: { kind: string; toAddress: string; chaseId: number | null; text: string; status: string }[];
  transport: 'smtp' | 'log';
}

let app: RunningApp;
let browser: Browser;
let removeSpaCopy: (() => void) | undefined;
let admin: { context: BrowserContext; page: Page };

const api = async <T>(context: BrowserContext, path: string): Promise<T> => {
  const response = await context.request.get(`${app.baseUrl}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
};

beforeAll(async () => {
  removeSpaCopy = await serveCopyOfBuiltSpa();
  app = await startApp();
  browser = await launchBrowser();
  admin = await newPage(browser);
  await signIn(admin.page, app.baseUrl, 'admin@demo.example');
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  removeSpaCopy?.();
});

describe('chasing updates', () => {
  it('the business unit chases one agency, its lead answers through the link without an account, and the request shows the answer', async () => {
    const { page, context } = admin;

    // An agency that owes updates and has a lead to ask.
    const candidates = await api<Candidates>(context, '/api/chase/candidates');
    const owing = candidates.agencies.find((entry) => entry.leads.length > 0 && entry.actions.some((action) => action.status === 'in_progress'));
    expect(owing, 'an agency of the demo with a lead and an open action needing an update').toBeDefined();
    const { agency, leads } = owing!;
    const lead = leads[0]!;

    // The menu leads to the chase page; it is scoped to the agency through the URL.
    await page.goto(`${app.baseUrl}/overview`);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Chase updates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chase updates' }).waitFor();
    await page.getByRole('heading', { name: 'Who owes updates' }).waitFor();
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: agency.name });
    await page.getByRole('button', { name: 'Show these actions' }).click();
    await page.waitForURL((url) => url.searchParams.get('agencyId') === String(agency.id));
    const section = page.getByRole('region', { name: new RegExp(`^${agency.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`) });
    await section.waitFor();
    await expect.poll(() => section.innerText()).toContain(`${lead.name}, ${lead.email}`);
    await section.getByText(/^Actions needing an update/).click();
    await checkAtBothWidths(page, 'the chase page scoped to one agency, its actions open', 'chase-01-who-owes-what');

    // Preview: nothing is sent, the message is shown as it will go.
    const form = page.getByRole('form', { name: 'Ask for updates' });
    const previewed = page.waitForResponse((r) => r.url().endsWith('/api/chase') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Preview messages' }).click();
    expect((await previewed).status()).toBe(200);
    const preview = page.getByRole('region', { name: /^Preview: \d+ messages? would be sent$/ });
    await preview.waitFor();
    await preview.getByRole('heading', { name: `To ${lead.name} (${lead.email}), ${agency.name}` }).waitFor();
    // The plain text as it will go: the agency's actions by reference (the personal link is made when it is sent).
    expect(await preview.locator('pre').first().innerText()).toContain(owing!.actions[0]!.ref);
    await checkAtBothWidths(page, 'the chase page with the preview of the messages', 'chase-02-preview');

    // Send, and land on the request's page.
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/chase') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Send update requests' }).click();
    expect((await sent).status()).toBe(201);
    await page.waitForURL(/\/chase\/\d+$/);
    const chaseId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByText(/^Update requests sent: \d+ messages?$/).waitFor();
    const recipient = page.getByRole('heading', { level: 4, name: `${lead.name}, ${lead.email}` }).locator('xpath=..');
    await expect.poll(() => recipient.innerText()).toContain('Active');
    await checkAtBothWidths(page, 'the update request just sent', 'chase-03-request-sent');

    // Without SMTP_URL the message stays in the outbox, link and all: the business unit reads it there.
    const outbox = await api<Outbox>(context, `/api/outbox?kind=chase&limit=200`);
    expect(outbox.transport).toBe('log');
    expect(outbox.items.filter((item) => item.chaseId === chaseId).map((item) => item.toAddress)).toContain(lead.email);
    await page.goto(`${app.baseUrl}/admin/outbox?kind=chase`);
    await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    const message = page.locator('li', { has: page.getByRole('link', { name: /Open the update request/ }) }).filter({ hasText: lead.email }).first();
    // The scheduler keeps it within a tick; the page, left open, says so without being reloaded.
    await message.getByText('Kept in the outbox').waitFor();
    await message.locator('summary', { hasText: 'Read the message' }).click();
    const personal = message.getByRole('link', { name: /\/respond\// });
    await personal.first().waitFor();
    const link = await personal.first().getAttribute('href');
    expect(link, 'the personal link in the message').toMatch(new RegExp(`^${app.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/respond/[A-Za-z0-9_-]+$`));
    await page.goto(`${app.baseUrl}/chase/${chaseId}`);

    // Someone who never signed in opens the link in a browser of their own and posts an update.
    const holder = await newPage(browser);
    await holder.page.goto(link!);
    await holder.page.getByRole('heading', { level: 1, name: `Updates asked of ${agency.name}` }).waitFor();
    expect(holder.page.url()).toBe(link);
    await holder.page.getByText(`${lead.name}, ${lead.email}`).first().waitFor();
    const asked = holder.page.locator('section[aria-labelledby^="reply-action-"]');
    await expect.poll(() => asked.count()).toBeGreaterThan(0);
    const first = asked.first();
    const ref = await first.getByRole('heading', { level: 2 }).innerText();
    await checkAtBothWidths(holder.page, 'the page a reply link opens', 'chase-04-reply-link');
    await first.getByLabel('On track', { exact: true }).check();
    await first.getByLabel(/What has been done since the last update\?|Your answer/).fill('Briefings delivered to every team in March; the audit follows in May.');
    const posted = holder.page.waitForResponse((r) => /\/api\/respond\/[^/]+\/actions\/\d+\/updates$/.test(r.url()));
    await first.getByRole('button', { name: /^Post (update|your answer)$/ }).click();
    expect((await posted).status()).toBe(201);
    await first.getByText(`Your update on ${ref} is posted`).waitFor();
    await first.getByText(/^Answered$/).waitFor();
    await first.getByText('Briefings delivered to every team in March; the audit follows in May.').waitFor();
    await checkAtBothWidths(holder.page, 'a reply link after posting an update', 'chase-05-answered');

    // The business unit sees the action answered on the request's page.
    await page.reload();
    const row = page.locator('.govuk-summary-list__row', { has: page.getByRole('link', { name: ref, exact: true }) });
    await expect.poll(() => row.innerText()).toMatch(/Answered on \d{1,2} \w+ \d{4}/);
    await expect.poll(() => recipient.innerText()).not.toContain('Not used yet');

    // Revoking the link closes it: the page it opened now says so, and offers signing in.
    await recipient.getByRole('button', { name: `Revoke the link sent to ${lead.name}` }).click();
    const revoked = page.waitForResponse((r) => r.url().endsWith('/revoke'));
    await page.getByRole('button', { name: 'Yes, revoke the link' }).click();
    const revokedResponse = await revoked;
    expect(revokedResponse.status(), await revokedResponse.text()).toBe(200);
    await page.getByText(`The link sent to ${lead.name} is revoked`).waitFor();
    await holder.page.reload();
    await holder.page.getByRole('heading', { level: 1, name: 'This link has been revoked' }).waitFor();
    expect(await holder.page.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in?returnTo=%2Fmy-agency');
    await checkAtBothWidths(holder.page, 'a revoked reply link', 'chase-06-revoked-link');
    await holder.context.close();
  }, 180_000);
});
