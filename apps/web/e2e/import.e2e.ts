/**
 * Importing a spreadsheet action plan, in real Chromium against the built app served by the real API on a fresh
 * database with the demo partnership: the business unit opens a review, uploads a CSV in the style of Appendix A of
 * the SD reflective learning event report (reference 002: "Agency", "Identified Learning Need", "Action to be
 * taken", "Progress Update", "Target date", with multi-line cells and dates typed as people type them), corrects
 * the column the tracker did not recognise with the keyboard, creates the one agency the partnership does not know,
 * reads the preview's warnings, imports the plan with the keyboard, and finds the actions on the review's page with
 * their first progress notes marked as imported. Every step is checked with axe (WCAG 2.2 AA) at 1280 px and at
 * 390 px, where nothing may scroll sideways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAtBothWidths, focused, launchBrowser, newPage, serveCopyOfBuiltSpa, signIn, startApp, tabTo, type RunningApp } from './harness';

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

const FILE_NAME = 'SD single agency actions (Appendix A).csv';

/**
 * Appendix A as a partnership keeps it: one row per agency, long cells over several lines, quotes inside them, and
 * a column of named people the tracker does not recognise by its heading. "Horizons Team" is no agency of the demo.
 */
const APPENDIX_A = [
  'Agency,Identified Learning Need,Action to be taken,Progress Update,Target date,Named person',
  'Northmoor Police,"Need to make safeguarding referrals for young people who enter the criminal justice system (especially for weapons/violent crime)","Dip sample 10 cases where children were arrested for violent crime using weapons, to establish whether safeguarding referrals were made at the point of arrest","Audit completed. All 10 cases involved youth violence or weapons.',
  'In 6 cases there was evidence of a referral to MASH.",31/03/2026,DI Morgan',
  'NCS,"Impact of neglect and quality of assessments in neglect cases","Share learning from cases where neglect is a feature in the managers\' reflective sessions, with the findings from audits","The ""Plans"" template has been updated to ensure they are smarter.",31.3.26,Team manager',
  'Horizons Team,"Utilising a whole family approach and mapping to inform assessments and planning","Cross-reference the children in custody cohort with partner agencies, kept as a running log over the financial year",,March 2026,Horizons lead',
  'NHFT,"Use of genograms to link service users and aid a Think Family approach","Deliver the in-house safeguarding training programme for 2026, with genogram training","Training videos on genograms used and well received.",30/09/2026,Named nurse',
].join('\r\n');

const api = async <T>(context: BrowserContext, path: string): Promise<T> => {
  const response = await context.request.get(`${app.baseUrl}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
};

/** With a select focused, presses the arrow keys until the option wanted is chosen. */
async function arrowTo(page: Page, wanted: string) {
  for (const key of ['ArrowDown', 'ArrowUp']) {
    for (let i = 0; i < 30; i++) {
      if ((await focused(page)).value === wanted) return;
      await page.keyboard.press(key);
    }
  }
  expect((await focused(page)).value, 'the option reached with the arrow keys').toBe(wanted);
}

describe('importing a spreadsheet action plan', () => {
  it('the business unit brings an Appendix A plan into a review in a few steps, creating the agency it names that the tracker does not know', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, app.baseUrl, 'admin@demo.example');
    const reviews = await api<{ items: { id: number; code: string }[] }>(context, '/api/reviews?limit=1');
    const review = reviews.items[0]!;
    const before = await api<{ items: { id: number }[] }>(context, `/api/actions?reviewId=${review.id}&limit=200`);

    // From the review's page.
    await page.goto(`${app.baseUrl}/reviews/${review.id}`);
    await page.getByRole('link', { name: /^Import from a spreadsheet/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Import an action plan' }).waitFor();
    expect(await page.title()).toContain(review.code);
    await page.getByRole('link', { name: 'Download a blank template' }).waitFor();
    await checkAtBothWidths(page, 'the import page, before a file is chosen', 'import-01-upload');

    // Upload: the preview opens at its own address.
    await page.getByLabel('Choose the spreadsheet').setInputFiles({ name: FILE_NAME, mimeType: 'text/csv', buffer: Buffer.from(APPENDIX_A, 'utf8') });
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/imports') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Upload and read the file' }).click();
    const upload = await uploaded;
    expect(upload.status(), await upload.text()).toBe(201);
    await page.waitForURL(new RegExp(`/reviews/${review.id}/import/\\d+$`));
    await page.getByRole('heading', { level: 2, name: '2. Check the columns' }).waitFor();

    // The columns: the five of Appendix A are recognised; "Named person" is not, and is corrected with the keyboard.
    const select = (heading: string) => page.getByLabel(`Read the column “${heading}” as`);
    expect(await select('Agency').locator('option:checked').innerText()).toBe('Owner agency');
    expect(await select('Identified Learning Need').locator('option:checked').innerText()).toBe('Identified learning need');
    expect(await select('Action to be taken').locator('option:checked').innerText()).toBe('Action to be taken');
    expect(await select('Progress Update').locator('option:checked').innerText()).toBe('Progress update (becomes a progress note)');
    expect(await select('Target date').locator('option:checked').innerText()).toBe('Target date');
    expect(await select('Named person').locator('option:checked').innerText()).toBe('Leave this column out');
    // Its first values are shown to recognise it by.
    await expect.poll(() => select('Named person').locator('xpath=ancestor::tr').innerText()).toContain('DI Morgan');
    await checkAtBothWidths(page, 'the import: its columns, agencies and preview', 'import-02-columns');

    await tabTo(page, (el) => el.tag === 'select' && el.label === 'Read the column “Named person” as', { most: 120 });
    await arrowTo(page, 'Lead officer (kept with the progress note)');
    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Apply the columns');
    const mapped = page.waitForResponse((r) => r.url().includes('/api/imports/') && r.request().method() === 'PATCH');
    await page.keyboard.press('Enter');
    const mapping = await mapped;
    expect(mapping.status(), await mapping.text()).toBe(200);
    await page.getByText(/^The preview has been read again\./).waitFor({ state: 'attached' });
    expect(await select('Named person').locator('option:checked').innerText()).toBe('Lead officer (kept with the progress note)');

    // The agencies: three known by name or short name; "Horizons Team" is created.
    const agencies = page.getByRole('region', { name: '3. Match the agencies' });
    await agencies.getByRole('heading', { name: '“Horizons Team”' }).waitFor();
    await agencies.getByText('Matched to Northmoor Police by its name.').waitFor();
    await agencies.getByText(/^Matched to Northmoor Children.s Services by its short name\.$/).waitFor();
    const commit = page.getByRole('button', { name: 'Import the plan' });
    expect(await commit.isDisabled(), 'no import while a row names an agency that is not matched').toBe(true);
    await page.getByText(/1 row has errors\./).waitFor();
    await page.getByLabel('Which agency is “Horizons Team”?').selectOption({ label: 'Create it as a new agency' });
    expect(await page.getByLabel('Name of the new agency').inputValue()).toBe('Horizons Team');
    await page.getByLabel('Short name').fill('Horizons');
    await page.getByLabel('Kind of agency').selectOption({ label: 'Local authority' });
    await checkAtBothWidths(page, 'the import, creating an agency', 'import-03-create-agency');
    const matched = page.waitForResponse((r) => r.url().includes('/api/imports/') && r.request().method() === 'PATCH');
    await agencies.getByRole('button', { name: 'Apply the agencies' }).click();
    expect((await matched).status()).toBe(200);
    await agencies.getByText('Will be created as a new agency, Horizons Team (Horizons), when the plan is imported.').waitFor();

    // The preview: four actions to create, with the guessed dates as warnings.
    const preview = page.getByRole('region', { name: '4. Check the preview' });
    await expect.poll(() => preview.locator('.govuk-summary-list__row', { hasText: 'Actions to create' }).innerText()).toMatch(/4$/);
    await preview.getByRole('link', { name: /^With warnings \(\d+\)$/ }).click();
    await page.waitForURL((url) => url.searchParams.get('show') === 'warnings');
    const warned = preview.getByRole('table', { name: /^With warnings:/ });
    await expect.poll(() => warned.innerText()).toMatch(/Warning: Target date: .*31\.3\.26/);
    await expect.poll(() => warned.innerText()).toMatch(/Warning: Target date: .*March 2026/);
    await checkAtBothWidths(page, 'the preview of rows with warnings', 'import-04-preview-warnings');

    // A reload shows the same import, as the server keeps it.
    await page.reload();
    await page.getByRole('table', { name: /^With warnings:/ }).waitFor();
    await page.getByText('Will be created as a new agency, Horizons Team (Horizons), when the plan is imported.').waitFor();

    // Import, with the keyboard.
    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Import the plan', { most: 200 });
    const committed = page.waitForResponse((r) => r.url().endsWith('/commit'));
    await page.keyboard.press('Enter');
    const commitResponse = await committed;
    expect(commitResponse.status(), await commitResponse.text()).toBe(200);
    await page.getByText('4 actions created, 0 updated, 1 agency created').waitFor();
    await checkAtBothWidths(page, 'the import done', 'import-05-done');

    // The review's page lists the actions, the new agency owns one, and the first notes say they were imported.
    await page.getByRole('link', { name: 'Go back to the review' }).click();
    await page.waitForURL(new RegExp(`/reviews/${review.id}$`));
    await page.getByText(/Dip sample 10 cases where children were arrested/).first().waitFor();
    await page.getByText(/Cross-reference the children in custody cohort/).first().waitFor();
    const after = await api<{ items: { id: number; action: string; ownerAgencyId: number }[] }>(context, `/api/actions?reviewId=${review.id}&limit=200`);
    expect(after.items.length - before.items.length).toBe(4);
    const allAgencies = await api<{ items: { id: number; name: string; shortName: string }[] }>(context, '/api/agencies?limit=200');
    const horizons = allAgencies.items.find((agency) => agency.name === 'Horizons Team');
    expect(horizons?.shortName).toBe('Horizons');
    expect(after.items.find((action) => action.action.startsWith('Cross-reference'))?.ownerAgencyId).toBe(horizons?.id);
    await checkAtBothWidths(page, 'the review with the imported actions', 'import-06-review');

    const audited = after.items.find((action) => action.action.startsWith('Dip sample'))!;
    await page.goto(`${app.baseUrl}/actions/${audited.id}`);
    await page.getByText(`Imported from ${FILE_NAME}`).waitFor();
    await context.close();
  }, 240_000);

  it('a plan of 10,000 rows shows the file being read, then its preview fifty rows at a time', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, app.baseUrl, 'admin@demo.example');
    const review = (await api<{ items: { id: number }[] }>(context, '/api/reviews?limit=1')).items[0]!;
    const lines = ['Agency,Identified Learning Need,Action to be taken,Target date'];
    for (let i = 1; i <= 10_000; i++) lines.push(`Northmoor Police,Learning need ${i},"Action ${i}: brief the response teams, then audit",31/03/2027`);

    await page.goto(`${app.baseUrl}/reviews/${review.id}/import`);
    await page.getByLabel('Choose the spreadsheet').setInputFiles({ name: 'large plan.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) });
    const started = Date.now();
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/imports') && r.request().method() === 'POST', { timeout: 90_000 });
    await page.getByRole('button', { name: 'Upload and read the file' }).click();
    await page.getByText(/^(Reading the file “large plan\.csv”…|\d+% uploaded|Uploading…)$/).waitFor();
    const table = page.getByRole('table', { name: 'All rows: rows 1 to 50 of 10000' });
    const response = await answered;
    expect(response.status()).toBe(201);
    const readIn = (Date.now() - started) / 1000;
    await table.waitFor({ timeout: 90_000 });
    const shownIn = (Date.now() - started) / 1000;
    console.log(`10,000 rows: the API answered in ${readIn.toFixed(1)} s, the preview was shown at ${shownIn.toFixed(1)} s`);
    expect(await table.locator('tbody tr').count()).toBe(50);
    await page.getByRole('link', { name: /Next page of rows/ }).click();
    await page.getByRole('table', { name: 'All rows: rows 51 to 100 of 10000' }).waitFor();
    await context.close();
  }, 180_000);
});
