/**
 * Two-factor sign-in in real Chromium against the built app: a demo user sets up an authenticator app from their
 * account page (the codes are computed here from the key the page shows, as the app would), signs out, signs in
 * with a code, is refused a wrong code, and signs in with a recovery code, once. Each step is checked with axe at
 * desktop and phone widths, and reached with the keyboard.
 */
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkAtBothWidths, DEMO_PASSWORD, launchBrowser, newPage, serveCopyOfBuiltSpa, startApp, tabTo, type RunningApp } from './harness';

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

const EMAIL = 'chair@demo.example';
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

/** What the authenticator app shows for `secret`, `steps` steps from now (the server accepts one either side). */
const codeFor = (secret: string, steps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + steps * 30_000 });

async function passwordStep(page: Page) {
  await page.goto(`${app.baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The password is checked with a deliberately slow hash: wait as long as Playwright does, not a poll's second.
  await page.getByRole('heading', { level: 1, name: 'Enter the 6-digit code from your authenticator app' }).waitFor();
}

let secret = '';
let recoveryCodes: string[] = [];

describe('two-factor sign-in', () => {
  it('is set up from the account page with the key the page shows, and gives recovery codes once', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    await page.getByRole('link', { name: 'Your account' }).click();
    await page.waitForURL(/\/account$/);
    await expect.poll(() => heading(page)).toBe('Your account');
    await checkAtBothWidths(page, 'your account', 'two-factor-01-account');

    const section = page.getByRole('region', { name: 'Two-factor sign-in' });
    await tabTo(page, (el) => el.text === 'Set up two-factor sign-in');
    await page.keyboard.press('Enter');
    await expect.poll(() => section.getByTestId('totp-key').count()).toBe(1);
    const image = section.getByRole('img', { name: /QR code for your authenticator app/ });
    expect(await image.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    secret = (await section.getByTestId('totp-key').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await checkAtBothWidths(page, 'setting up two-factor sign-in', 'two-factor-02-set-up');

    await tabTo(page, (el) => el.label === '6-digit code from your authenticator app');
    await page.keyboard.type(codeFor(secret));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Two-factor sign-in is on').count(), { timeout: 10_000 }).toBe(1);
    recoveryCodes = await section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    await checkAtBothWidths(page, 'the recovery codes', 'two-factor-03-recovery-codes');

    const download = page.waitForEvent('download');
    await section.getByRole('button', { name: 'Download recovery codes' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('tracker-recovery-codes.txt');

    await section.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await expect.poll(() => section.getByText(/On since/).count()).toBe(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await context.close();
  });

  it('asks for the code after the password; a wrong code is refused, the right one signs in', async () => {
    const { context, page } = await newPage(browser);
    await passwordStep(page);
    const code = page.getByLabel('Code from your authenticator app');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    await checkAtBothWidths(page, 'the code step of signing in', 'two-factor-04-code');

    const wrong = String((Number(codeFor(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    await code.fill(wrong);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').innerText(), { timeout: 10_000 }).toMatch(/The code is not right/);
    await checkAtBothWidths(page, 'a wrong code', 'two-factor-05-wrong-code');

    // The code of the step after the one that set the app up: the one that did is spent.
    await code.fill(codeFor(secret, 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await expect.poll(() => page.getByRole('banner').innerText()).toMatch(/Signed in as/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await context.close();
  });

  it('takes a recovery code instead, once', async () => {
    const { context, page } = await newPage(browser);
    await passwordStep(page);
    await tabTo(page, (el) => el.text === 'Use a recovery code instead');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('Enter one of your recovery codes');
    await checkAtBothWidths(page, 'the recovery code step of signing in', 'two-factor-06-recovery-code');
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);

    await passwordStep(page);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').innerText(), { timeout: 10_000 }).toMatch(/The code is not right/);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });
});
