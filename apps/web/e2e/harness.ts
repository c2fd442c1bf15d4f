import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const ARTIFACTS = join(ROOT, 'apps/web/e2e/artifacts');
export const DEMO_PASSWORD = 'e2e demo passphrase for journeys';

/** The built app, served by the real API process on a fresh database with the demo partnership. */
export interface RunningApp {
  baseUrl: string;
  stop: () => Promise<void>;
}

/** `port` and `env` for a journey that must know the address first (a provider's redirect) or sets more (OIDC_*). */
export async function startApp(options: { port?: number; env?: Record<string, string> } = {}): Promise<RunningApp> {
  const server = join(ROOT, 'apps/api/dist/server.js');
  if (!existsSync(server) || !existsSync(join(ROOT, 'apps/web/dist/index.html'))) {
    throw new Error('Build the app first (pnpm build): the journeys run against the built SPA and API.');
  }
  const dir = mkdtempSync(join(tmpdir(), 'lrt-e2e-'));
  const port = options.port ?? 20000 + Math.floor(Math.random() * 20000);
  // localhost, not 127.0.0.1: the session cookie is __Host- and Secure, which browsers keep on localhost.
  const baseUrl = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, [server], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'tracker.db'),
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`The server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error('No Chromium: run scripts/ensure-chromium.sh (installs Debian\'s chromium package)');
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh browser profile (no cookies) for one person's journey. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return { context, page };
}

export async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** WCAG 2.2 AA, as axe-core checks it: no violations allowed. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `accessibility of ${what}`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Makes the servers started after it (by `startApp`) serve a private copy of the built SPA, through
 * `WEB_DIST_DIR`, so that a rebuild of apps/web/dist while the journeys run cannot take chunks from under the
 * browser. The copy is kept once the build output stood still while it was taken and the page names only files
 * that are there. Resolves to a function that removes the copy.
 */
export async function serveCopyOfBuiltSpa(): Promise<() => void> {
  const { cpSync, readdirSync, readFileSync, statSync } = await import('node:fs');
  const dist = join(ROOT, 'apps/web/dist');
  const listing = () =>
    readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        const stat = statSync(path);
        return `${path} ${stat.size} ${stat.mtimeMs}`;
      })
      .sort()
      .join('\n');
  const copy = mkdtempSync(join(tmpdir(), 'lrt-e2e-web-'));
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const before = listing();
      rmSync(copy, { recursive: true, force: true });
      cpSync(dist, copy, { recursive: true });
      const named = [...readFileSync(join(copy, 'index.html'), 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
      if (before === listing() && named.length > 0 && named.every((path) => existsSync(join(copy, path)))) {
        process.env.WEB_DIST_DIR = copy;
        return () => {
          if (process.env.WEB_DIST_DIR === copy) delete process.env.WEB_DIST_DIR;
          rmSync(copy, { recursive: true, force: true });
        };
      }
    } catch {
      // Mid-build: a file went away while it was copied.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  rmSync(copy, { recursive: true, force: true });
  throw new Error('apps/web/dist kept changing for a minute: let the build finish, then run the journeys');
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** axe at 1280 px and at 390 px, where the page must not scroll sideways; a screenshot at each width. */
export async function checkAtBothWidths(page: Page, what: string, name: string) {
  await expectAccessible(page, `${what} (1280 px)`);
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  const widths = await page.evaluate(
    () =>
      new Promise<{ scroll: number; inner: number }>((resolve) =>
        requestAnimationFrame(() => resolve({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })),
      ),
  );
  expect(widths.scroll, `${what} scrolls sideways at 390 px`).toBeLessThanOrEqual(widths.inner);
  await expectAccessible(page, `${what} (390 px)`);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

/** What has the keyboard's focus, as a person would describe it. */
export interface Focused {
  tag: string;
  type: string;
  text: string;
  /** Its label (for=, or aria-labelledby). */
  label: string;
  /** The legends of the fieldsets it is in, innermost first. */
  legends: string[];
  value: string;
  checked: boolean;
}

export const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | HTMLSelectElement | null;
    const labelledBy = el?.getAttribute('aria-labelledby');
    const label = labelledBy
      ? (document.getElementById(labelledBy)?.textContent ?? '')
      : el?.id
        ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '')
        : '';
    const legends: string[] = [];
    for (let fieldset = el?.closest('fieldset'); fieldset; fieldset = fieldset.parentElement?.closest('fieldset') ?? null) {
      legends.push(fieldset.querySelector(':scope > legend')?.textContent?.trim() ?? '');
    }
    const value = el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.textContent ?? '') : ((el as HTMLInputElement | null)?.value ?? '');
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      type: (el as HTMLInputElement | null)?.type ?? '',
      text: ((el as HTMLElement | null)?.innerText ?? '').replace(/\s+/g, ' ').trim(),
      label: label.replace(/\s+/g, ' ').trim(),
      legends,
      value,
      checked: (el as HTMLInputElement | null)?.checked ?? false,
    };
  });

/** Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would. */
export async function tabTo(page: Page, matches: (element: Focused) => boolean, { back = false, most = 80 } = {}) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (matches(await focused(page))) return;
  }
  throw new Error('Tabbed through the page without reaching the control');
}
