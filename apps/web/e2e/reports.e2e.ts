/**
 * The board assurance report, in real Chromium against the built app served by the real API on a fresh database
 * with the demo partnership: the independent chair opens "Board report", scopes it to a review over a period,
 * previews it, downloads the Word document and prints it to an A4 PDF (only the report, rows kept whole, headers
 * repeated); the form is completed again with the keyboard alone. The business unit takes a board snapshot, is told
 * when a name is already used, and the chair's report compared with the snapshot says what changed. Every page is
 * checked with axe (WCAG 2.2 AA) at 1280 px and at 390 px, where nothing may scroll sideways.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAtBothWidths, focused, launchBrowser, newPage, serveCopyOfBuiltSpa, signIn, startApp, tabTo, type RunningApp } from './harness';

const SECTION_TITLES = [
  'Summary',
  'BRAG ratings and their change over the period',
  'Progress by agency',
  'Recommendations and their actions',
  'Overdue actions',
  'Revised target dates',
  'Completed and assured actions: evidence of impact',
  'What changed',
  'Themes that recur across reviews',
  'Reviews against the statutory timescales',
];

let app: RunningApp;
let browser: Browser;
let removeSpaCopy: (() => void) | undefined;
let chair: { context: BrowserContext; page: Page };

const api = async <T>(context: BrowserContext, path: string): Promise<T> => {
  const response = await context.request.get(`${app.baseUrl}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
};

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

async function fillDate(page: Page, legend: string, [day, month, year]: [string, string, string]) {
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

const reportAnswer = (page: Page) =>
  page.waitForResponse((r) => new URL(r.url()).pathname === '/api/reports/assurance' && new URL(r.url()).searchParams.get('format') === 'json');

const sectionHeadings = (page: Page) => page.locator('.app-report h3').allInnerTexts();

beforeAll(async () => {
  removeSpaCopy = await serveCopyOfBuiltSpa();
  app = await startApp();
  browser = await launchBrowser();
  chair = await newPage(browser);
  await signIn(chair.page, app.baseUrl, 'chair@demo.example');
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  removeSpaCopy?.();
});

describe('the board assurance report', () => {
  it('the independent chair previews a review’s report over a period, downloads it as Word and prints it to A4', async () => {
    const { page, context } = chair;
    const reviews = await api<{ items: { id: number; code: string; title: string }[] }>(context, '/api/reviews?limit=50');
    const review = reviews.items[0]!;
    const year = Number(londonToday().slice(0, 4));

    await page.goto(`${app.baseUrl}/overview`);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Board report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Board assurance report' }).waitFor();
    expect(await page.title()).toBe('Board assurance report – Learning Review Tracker');
    await page.getByRole('radio', { name: 'One review' }).check();
    await page.getByLabel('Review', { exact: true }).selectOption({ label: `${review.code}: ${review.title}` });
    await fillDate(page, 'From', ['1', '1', String(year - 3)]);
    await fillDate(page, 'To', ['31', '12', String(year - 1)]);
    const answered = reportAnswer(page);
    await page.getByRole('button', { name: 'Preview' }).click();
    const response = await answered;
    expect(response.status(), await response.text()).toBe(200);
    await page.waitForURL((url) => url.searchParams.get('scope') === 'review' && url.searchParams.get('reviewId') === String(review.id));
    expect(new URL(page.url()).searchParams.get('from')).toBe(`${year - 3}-01-01`);
    expect(new URL(page.url()).searchParams.get('asAt')).toBe(londonToday());

    // Every section, under the report's headings, with ratings as words.
    await page.getByRole('heading', { level: 3, name: 'Summary' }).waitFor();
    expect(await sectionHeadings(page)).toEqual(SECTION_TITLES);
    const brag = page.getByRole('region', { name: 'BRAG ratings and their change over the period' });
    for (const word of ['Blue', 'Red', 'Amber', 'Green']) await brag.getByRole('rowheader', { name: new RegExp(`${word}$`) }).waitFor();
    await page.getByRole('img', { name: /Actions of each agency by BRAG rating/ }).waitFor();
    await checkAtBothWidths(page, 'the chair’s page with the report previewed', 'reports-01-preview');

    // The Word document: a zip holding word/document.xml.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as Word' }).click()]);
    const word = readFileSync((await download.path())!);
    expect(word.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(word.toString('latin1')).toContain('word/document.xml');
    expect(download.suggestedFilename()).toMatch(/\.docx$/);

    // The printable page, with the same query, opens in a new tab.
    const printable = page.getByRole('link', { name: /Open the printable page/ });
    expect(await printable.getAttribute('target')).toBe('_blank');
    const href = new URL((await printable.getAttribute('href'))!, app.baseUrl);
    expect(href.searchParams.get('format')).toBe('html');
    expect(href.searchParams.get('reviewId')).toBe(String(review.id));
    const html = await context.request.get(href.toString());
    expect(html.status()).toBe(200);
    expect(html.headers()['content-type']).toMatch(/^text\/html/);

    // Printed: only the report, rows never split, headers repeated, on more than one A4 page.
    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => {
      const display = (selector: string) => [...document.querySelectorAll(selector)].map((el) => getComputedStyle(el).display);
      return {
        hidden: {
          header: display('.app-header'),
          menu: display('.app-navigation'),
          form: display('.app-report-form'),
          footer: display('.app-footer'),
          tools: display('.app-report-tools'),
        },
        rows: [...document.querySelectorAll('.app-report tr')].map((tr) => getComputedStyle(tr).breakInside),
        heads: display('.app-report thead'),
        headings: [...document.querySelectorAll('.app-report h3')].map((h) => getComputedStyle(h).breakAfter),
        confidential: document.querySelector('.app-report__confidential') ? getComputedStyle(document.querySelector('.app-report__confidential')!).display : 'missing',
      };
    });
    for (const [what, values] of Object.entries(print.hidden)) expect(values, `${what} in print`).toEqual(['none']);
    expect(print.rows.length).toBeGreaterThan(5);
    expect(new Set(print.rows)).toEqual(new Set(['avoid']));
    expect(print.heads.length).toBeGreaterThan(1);
    expect(new Set(print.heads)).toEqual(new Set(['table-header-group']));
    expect(new Set(print.headings)).toEqual(new Set(['avoid']));
    expect(print.confidential).toBe('block');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    await page.emulateMedia({ media: 'screen' });
  }, 180_000);

  it('the chair completes the form with the keyboard alone: Tab, arrows, Space and Enter', async () => {
    const { page, context } = chair;
    const reviews = await api<{ items: { id: number; code: string; title: string }[] }>(context, '/api/reviews?limit=50');
    await page.goto(`${app.baseUrl}/reports`);
    await page.getByRole('button', { name: 'Preview' }).waitFor();
    await page.locator('#main-content').focus();

    await tabTo(page, (f) => f.type === 'radio' && f.label === 'The whole partnership' && f.checked);
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatchObject({ label: 'One review', checked: true });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'select', label: 'Review', value: 'Choose a review' });
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).value).toBe(`${reviews.items[0]!.code}: ${reviews.items[0]!.title}`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ label: 'Day', legends: ['From', 'The period'] });
    await page.keyboard.type('1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('4');
    await page.keyboard.press('Tab');
    await page.keyboard.type(String(Number(londonToday().slice(0, 4)) - 2));

    await tabTo(page, (f) => f.type === 'checkbox' && f.label === 'Themes that recur across reviews');
    expect((await focused(page)).checked).toBe(true);
    await page.keyboard.press('Space');
    expect((await focused(page)).checked).toBe(false);
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Preview');
    const answered = reportAnswer(page);
    await page.keyboard.press('Enter');
    expect((await answered).status()).toBe(200);
    await page.waitForURL((url) => url.searchParams.get('reviewId') === String(reviews.items[0]!.id));
    expect(new URL(page.url()).searchParams.get('sections')).not.toContain('themes');
    await page.getByRole('heading', { level: 3, name: 'Summary' }).waitFor();
    expect(await sectionHeadings(page)).toEqual(SECTION_TITLES.filter((title) => title !== 'Themes that recur across reviews'));
  }, 120_000);

  it('the business unit takes a board snapshot, is told when its name is taken, and the chair’s report compared with it says what changed', async () => {
    const admin = await newPage(browser);
    await signIn(admin.page, app.baseUrl, 'admin@demo.example');
    const { page } = admin;
    const name = 'Board, journey snapshot';

    await page.goto(`${app.baseUrl}/reports`);
    await page.getByRole('link', { name: 'Board snapshots' }).click();
    await page.getByRole('heading', { level: 1, name: 'Board snapshots' }).waitFor();
    await page.getByText(/cannot be changed or deleted once it is taken/).waitFor();
    const form = page.getByRole('form', { name: 'Take a snapshot' });
    await form.getByLabel('Name').fill(name);
    const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/snapshots' && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Take the snapshot' }).click();
    const createdResponse = await created;
    expect(createdResponse.status(), await createdResponse.text()).toBe(201);
    const snapshot = (await createdResponse.json()) as { id: number; asAt: string };
    expect(snapshot.asAt).toBe(londonToday());
    await page.getByText(`Snapshot “${name}” taken`).waitFor();
    const row = page.getByRole('table', { name: 'Every board snapshot, newest first' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toMatch(/Red \d+, Amber \d+, Green \d+, Blue \d+; \d+ withdrawn/);
    await checkAtBothWidths(page, 'the snapshots page after taking one', 'reports-02-snapshot-taken');

    // The same name again: refused, the error beside the name.
    await form.getByLabel('Name').fill(name);
    const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/snapshots' && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Take the snapshot' }).click();
    expect((await refused).status()).toBe(409);
    const message = `There is already a snapshot called “${name}”: choose another name`;
    await page.locator('.govuk-error-summary').getByRole('link', { name: message }).waitFor();
    expect(await page.getByText(`Snapshot “${name}” taken`).count()).toBe(0);
    expect(await form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await form.locator('#snapshot-name-error').getByText(message).waitFor();
    expect(await page.title()).toBe('Error: Board snapshots – Learning Review Tracker');
    await checkAtBothWidths(page, 'the snapshots page with a name already taken', 'reports-03-name-taken');
    await admin.context.close();

    // The chair follows the snapshot's link and previews the report compared with it.
    const { page: chairPage } = chair;
    await chairPage.goto(`${app.baseUrl}/reports/snapshots`);
    await chairPage.getByRole('heading', { level: 1, name: 'Board snapshots' }).waitFor();
    expect(await chairPage.getByRole('form', { name: 'Take a snapshot' }).count()).toBe(0);
    await checkAtBothWidths(chairPage, 'the snapshots page for the chair', 'reports-04-snapshots-chair');
    const listed = chairPage.getByRole('table', { name: 'Every board snapshot, newest first' }).getByRole('row').filter({ has: chairPage.getByRole('rowheader', { name }) });
    // Each link names its snapshot to screen readers, so the links differ when read out of the table.
    const compared = listed.getByRole('link', { name: /^Report compared with this snapshot/ });
    expect(await compared.textContent()).toBe(`Report compared with this snapshot: ${name}`);
    await compared.click();
    await chairPage.waitForURL((url) => url.pathname === '/reports' && url.searchParams.get('compareTo') === String(snapshot.id));
    expect(await chairPage.getByLabel('Compare with').inputValue()).toBe(String(snapshot.id));
    const answered = reportAnswer(chairPage);
    await chairPage.getByRole('button', { name: 'Preview' }).click();
    const response = await answered;
    expect(response.status(), await response.text()).toBe(200);
    expect(new URL(response.url()).searchParams.get('compareTo')).toBe(String(snapshot.id));
    const changes = chairPage.getByRole('region', { name: 'What changed' });
    await changes.waitFor();
    await expect.poll(() => changes.innerText()).toContain(`What changed since the snapshot “${name}”, as at`);
    await checkAtBothWidths(chairPage, 'the report compared with a snapshot', 'reports-05-compared');
  }, 180_000);
});
