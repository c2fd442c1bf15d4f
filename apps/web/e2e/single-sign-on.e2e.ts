/**
 * "Sign in with your organisation", in real Chromium: the built server started with OIDC_* pointing at a real
 * OpenID Connect provider (oidc-provider) that this journey starts on another site (127.0.0.1, where the tracker
 * is at localhost), so the provider's redirect back is the cross-site navigation it is in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freePort, startOidcProvider, type TestOidcProvider } from '../../api/src/testing/oidc-provider';
import { checkAtBothWidths, expectAccessible, launchBrowser, newPage, screenshot, serveCopyOfBuiltSpa, signIn, startApp, type RunningApp } from './harness';

let app: RunningApp;
let provider: TestOidcProvider;
let browser: Browser;
let removeSpaCopy: (() => void) | undefined;

beforeAll(async () => {
  removeSpaCopy = await serveCopyOfBuiltSpa();
  const port = await freePort();
  provider = await startOidcProvider({
    redirectUris: [`http://localhost:${port}/api/auth/oidc/callback`],
    accounts: {
      'sam.patel': { email: 'Police@Demo.Example', email_verified: true, name: 'DI Sam Patel' },
      stranger: { email: 'stranger@elsewhere.example', email_verified: true, name: 'A Stranger' },
      'kim.reader': { email: 'kim.reader@council.example', email_verified: true, name: 'Kim Reader' },
    },
  });
  app = await startApp({ port, env: { OIDC_ISSUER_URL: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret! } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await provider?.close();
  removeSpaCopy?.();
});

/** The provider's development sign-in form (it takes any password). Its stylesheet's web font is not fetched. */
async function signInAtProvider(page: Page, login: string) {
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
}

async function organisationPage(browser: Browser) {
  const opened = await newPage(browser);
  await opened.context.route((url) => url.hostname !== 'localhost' && url.hostname !== '127.0.0.1', (route) => route.abort());
  return opened;
}

describe('signing in with your organisation', () => {
  it('takes the police lead from the sign-in page through the provider and into the tracker', async () => {
    const { context, page } = await organisationPage(browser);
    await page.goto(`${app.baseUrl}/sign-in?returnTo=${encodeURIComponent('/actions?sort=attention')}`);
    const button = page.getByRole('link', { name: 'Sign in with your organisation' });
    await button.waitFor();
    expect(await button.getAttribute('href')).toBe('/api/auth/oidc/start?returnTo=%2Factions%3Fsort%3Dattention');
    await checkAtBothWidths(page, 'the sign-in page with single sign-on', 'single-sign-on-01-sign-in');

    await button.click();
    await signInAtProvider(page, 'sam.patel');
    await page.waitForURL((url) => url.origin === app.baseUrl && url.pathname === '/actions');
    expect(new URL(page.url()).search).toBe('?sort=attention');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toMatch(/actions/i);

    // Signed in as the demo account with that email, its role and agency: the tracker's own session.
    const me = (await (await context.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { user: { email: string; roles: string[] } };
    expect(me.user).toMatchObject({ email: 'police@demo.example', roles: ['agency_lead'] });
    await screenshot(page, 'single-sign-on-02-signed-in');

    // Signing out ends the tracker's session only, and says so.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    // Only when single sign-on is on, and only after signing out here (not on every visit to the page).
    await page.getByText('You are signed out of the tracker; you may still be signed in to your organisation.').waitFor();
    await expectAccessible(page, 'the sign-in page after signing out');
    expect((await context.request.get(`${app.baseUrl}/api/auth/me`)).status()).toBe(401);
    await context.close();
  });

  it('sends someone without an account back to sign in, saying why', async () => {
    const { context, page } = await organisationPage(browser);
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
    await signInAtProvider(page, 'stranger');
    await page.waitForURL((url) => url.origin === app.baseUrl && url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('sso')).toBe('no_account');
    await page.getByText('There is no tracker account for the email address your organisation gave.', { exact: false }).waitFor();
    await checkAtBothWidths(page, 'the sign-in page after a refused single sign-on', 'single-sign-on-03-no-account');
    expect((await context.request.get(`${app.baseUrl}/api/auth/me`)).status()).toBe(401);
    await context.close();
  });

  it('opens an account for a domain the business unit set up, the first time someone from it signs in', async () => {
    const admin = await newPage(browser);
    await signIn(admin.page, app.baseUrl, 'admin@demo.example');
    await admin.page.goto(`${app.baseUrl}/admin`);
    await admin.page.getByRole('link', { name: 'Single sign-on' }).click();
    await admin.page.waitForURL((url) => url.pathname === '/admin/single-sign-on');
    await admin.page.getByText(provider.issuer).waitFor();
    await admin.page.getByLabel('Email domain').fill('council.example');
    await admin.page.getByRole('button', { name: 'Add domain' }).click();
    await admin.page.getByText('Accounts will be opened for council.example').waitFor();
    await admin.page.getByRole('rowheader', { name: 'council.example' }).waitFor();
    await checkAtBothWidths(admin.page, 'single sign-on administration', 'single-sign-on-04-admin');
    await admin.context.close();

    const { context, page } = await organisationPage(browser);
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
    await signInAtProvider(page, 'kim.reader');
    await page.waitForURL((url) => url.origin === app.baseUrl && url.pathname !== '/sign-in');
    const me = (await (await context.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { user: { email: string; name: string; roles: string[] } };
    expect(me.user).toMatchObject({ email: 'kim.reader@council.example', name: 'Kim Reader', roles: ['viewer'] });
    await context.close();
  });
});
