/**
 * Keeping a plan on track, in real Chromium against the built app served by the real API on a fresh database with
 * the demo partnership: a police lead asks for a new target date and the subgroup's chair agrees it; the lead
 * uploads a PDF as evidence and it downloads as an attachment; the chair returns a completed action with a
 * question, the lead answers and proposes it complete again, and the chair assures it from the subgroup's queue.
 * Every page visited is checked with axe (WCAG 2.2 AA) at 1280 px and at 390 px, where nothing may scroll sideways,
 * and saved as a screenshot in e2e/artifacts at both widths.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowser,
  newPage,
  serveCopyOfBuiltSpa,
  signIn,
  startApp,
  tabTo,
  checkAtBothWidths,
  type RunningApp,
} from './harness';

interface ActionSummary {
  id: number;
  ref: string;
  status: string;
  brag: string | null;
  ownerAgencyId: number;
  subgroupId: number | null;
  targetDate: string | null;
  targetDateHistory: { targetDate: string | null; from: string | null; reason: string | null }[];
  pendingTargetDateRequest: unknown;
  returned: { question: string; replyBy: string } | null;
  evidenceOfImpact: string | null;
}

interface Me {
  user: { name: string; agencyIds: number[]; subgroupIds: number[] };
  csrfToken: string;
}

const api = async <T>(context: BrowserContext, path: string): Promise<T> => {
  const response = await context.request.get(`${app.baseUrl}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
};

interface Person {
  context: BrowserContext;
  page: Page;
  me: Me;
}

let app: RunningApp;
let browser: Browser;
let removeSpaCopy: (() => void) | undefined;
let files: string;
/** The police lead (police@demo.example) and the chair of the subgroup overseeing most reviews (subgroup@demo.example). */
let lead: Person;
let chair: Person;
let police: number;
let subgroup: number;

async function signedIn(email: string, landing: RegExp): Promise<Person> {
  const { context, page } = await newPage(browser);
  await signIn(page, app.baseUrl, email);
  await page.waitForURL(landing);
  return { context, page, me: await api<Me>(context, '/api/auth/me') };
}

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'lrt-e2e-files-'));
  removeSpaCopy = await serveCopyOfBuiltSpa();
  app = await startApp();
  browser = await launchBrowser();
  lead = await signedIn('police@demo.example', /\/my-agency$/);
  chair = await signedIn('subgroup@demo.example', /\/subgroups\/\d+$/);
  police = lead.me.user.agencyIds[0]!;
  subgroup = chair.me.user.subgroupIds[0]!;
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  removeSpaCopy?.();
  if (files) rmSync(files, { recursive: true, force: true });
});



const focusedElement = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '' };
  });

/** "2027-03-31" → "31 March 2027", as the tracker writes dates. */
const inWords = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

async function openAction(page: Page, action: Pick<ActionSummary, 'id' | 'ref'>) {
  await page.goto(`${app.baseUrl}/actions/${action.id}`);
  await expect.poll(() => heading(page)).toBe(`Action ${action.ref}`);
  // The timeline has loaded (it comes after the action itself).
  await page.getByRole('heading', { name: 'Progress updates', level: 2 }).waitFor();
  await page.getByText(/Loading progress updates/).waitFor({ state: 'detached' });
}

describe('keeping the plan', () => {
  it('an agency lead asks for a revised target date and uploads a PDF as evidence', async () => {
    const open = await api<{ items: ActionSummary[] }>(
      lead.context,
      `/api/actions?agencyId=${police}&subgroupId=${subgroup}&status=in_progress&limit=200`,
    );
    const action = open.items.find(
      (a) => a.ownerAgencyId === police && a.targetDate !== null && a.pendingTargetDateRequest === null && a.targetDateHistory.length === 1,
    )!;
    expect(action, 'an open police action overseen by the chair’s subgroup, its date never revised').toBeDefined();
    const original = action.targetDate!;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const wanted = addDays(original > today ? original : today, 90);
    const [year, month, day] = wanted.split('-').map(Number) as [number, number, number];
    const reason = 'The force’s new pre-birth checklist goes live in February; we need one full quarter of meetings to audit.';

    // The lead asks for a new target date, with the reason.
    const { page } = lead;
    await openAction(page, action);
    await page.getByRole('button', { name: 'Ask for a new target date' }).click();
    const ask = page.getByRole('form', { name: 'Ask for a new target date' });
    await expect.poll(() => focusedElement(page).then((el) => el.tag)).toBe('input');
    // Sending it empty says what is missing.
    await ask.getByRole('button', { name: 'Ask for this date' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Enter the reason for the new target date');
    await ask.getByLabel('Day').fill(String(day));
    await ask.getByLabel('Month').fill(String(month));
    await ask.getByLabel('Year').fill(String(year));
    await ask.getByLabel('Reason for the new target date').fill(reason);
    await checkAtBothWidths(page, 'an open action with the form asking for a new target date', 'plan-keeping-01-ask-for-date');
    const asked = page.waitForResponse((r) => r.url().endsWith(`/api/actions/${action.id}/target-date-requests`) && r.request().method() === 'POST');
    await ask.getByRole('button', { name: 'Ask for this date' }).click();
    expect((await asked).status()).toBe(201);
    await page.getByText(`You have asked for a new target date of ${inWords(wanted)}`).waitFor();
    await page.getByText('You can ask for another date once this request is decided.').waitFor();

    // The subgroup's chair sees the request on the action and agrees to it.
    const chairPage = chair.page;
    await openAction(chairPage, action);
    await chairPage.getByText(`A new target date of ${inWords(wanted)} has been asked for by ${lead.me.user.name}`).waitFor();
    await chairPage.getByText(reason).first().waitFor();
    await checkAtBothWidths(chairPage, 'a request for a new target date, for the chair', 'plan-keeping-02-chair-decides-date');
    await chairPage.getByLabel('Note about your decision (optional)').fill('Agreed at the November subgroup meeting.');
    const decided = chairPage.waitForResponse((r) => /\/api\/target-date-requests\/\d+\/decision$/.test(r.url()));
    await chairPage.getByRole('button', { name: `Agree to the new target date of ${inWords(wanted)}` }).click();
    expect((await decided).status()).toBe(200);
    await chairPage.getByText(`The target date of action ${action.ref} is now ${inWords(wanted)}`).waitFor();
    const revised = `${inWords(wanted)}, revised from ${inWords(original)}`;
    await chairPage.getByText(revised).waitFor();
    await chairPage.getByText('Target date history').click();
    const history = chairPage.getByRole('table', { name: /Target dates of action .*: the original and one revision/ });
    await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
    expect(await history.locator('tbody tr').nth(1).innerText()).toContain(reason);
    await checkAtBothWidths(chairPage, 'an action with a revised target date', 'plan-keeping-03-date-revised');
    const after = await api<ActionSummary>(chair.context, `/api/actions/${action.id}`);
    expect(after.targetDate).toBe(wanted);
    expect(after.targetDateHistory.map((entry) => entry.targetDate)).toEqual([original, wanted]);

    // The lead sees the revised date beside the original, and posts an update with a PDF.
    await openAction(page, action);
    await page.getByText(revised).waitFor();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
    const pdfPath = join(files, 'pre-birth-audit-november.pdf');
    writeFileSync(pdfPath, pdf);
    await page.getByLabel('On track', { exact: true }).check();
    await page.getByLabel('What has been done since the last update?').fill('Audited all 21 pre-birth strategy meetings since September: checks presented at 20.');
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/evidence') && r.request().method() === 'POST');
    await page.getByLabel('Add a document').setInputFiles(pdfPath);
    const stored = (await (await uploaded).json()) as { id: number; name: string; size: number; contentType: string; sha256: string };
    expect(stored).toMatchObject({ name: 'pre-birth-audit-november.pdf', size: pdf.length, contentType: 'application/pdf' });
    // The upload has finished: the document is listed with its name, size and type and a label to edit.
    const documentLabel = page.getByLabel('Document 1: what it is');
    await documentLabel.waitFor();
    await page.getByText(/Document 1:\s*pre-birth-audit-november\.pdf/).waitFor();
    await documentLabel.fill('Pre-birth strategy meetings audit, November');
    await checkAtBothWidths(page, 'the update form with an uploaded document', 'plan-keeping-04-document-uploaded');
    const posted = page.waitForResponse((r) => r.url().endsWith(`/api/actions/${action.id}/updates`) && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Post update' }).click();
    expect((await posted).status()).toBe(201);
    await page.getByText('Your progress update has been posted').waitFor();

    // The timeline lists the document, as a download.
    const timeline = page.getByRole('list', { name: 'Progress updates, newest first' });
    const link = timeline.getByRole('link', { name: 'Pre-birth strategy meetings audit, November (download)' });
    await link.waitFor();
    await checkAtBothWidths(page, 'the action after the update with a document', 'plan-keeping-05-document-posted');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('pre-birth-audit-november.pdf');
    expect(readFileSync((await download.path())!).equals(pdf)).toBe(true);
    const href = (await link.getAttribute('href'))!;
    const response = await lead.context.request.get(`${app.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toMatch(/^attachment/);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(await response.body()).equals(pdf)).toBe(true);
  }, 150_000);

  it('the subgroup chair returns an action, the lead answers, the chair assures it', async () => {
    const completed = await api<{ items: ActionSummary[] }>(
      chair.context,
      `/api/actions?agencyId=${police}&subgroupId=${subgroup}&status=completed&limit=200`,
    );
    let action = completed.items.find((a) => a.ownerAgencyId === police);
    if (!action) {
      // None waiting in the demo: the lead proposes one complete, with evidence, first.
      const open = await api<{ items: ActionSummary[] }>(lead.context, `/api/actions?agencyId=${police}&subgroupId=${subgroup}&status=in_progress&limit=200`);
      const chosen = open.items.find((a) => a.ownerAgencyId === police)!;
      const proposed = await lead.context.request.post(`${app.baseUrl}/api/actions/${chosen.id}/updates`, {
        headers: { 'x-csrf-token': lead.me.csrfToken },
        data: {
          note: 'Done: see the audit.',
          confidence: 'on_track',
          evidence: [{ label: 'Audit', url: 'https://intranet.northmoor.example/audit' }],
          statusChange: { from: 'in_progress', to: 'completed' },
        },
      });
      expect(proposed.status()).toBe(201);
      action = await api<ActionSummary>(chair.context, `/api/actions/${chosen.id}`);
    }
    const question =
      'The audit shows the checks were presented. What shows they changed the plan for the baby? Please sample five cases.';

    // The chair returns it for more information, with the keyboard alone.
    const chairPage = chair.page;
    await openAction(chairPage, action);
    await chairPage.getByRole('heading', { name: 'Sign-off', level: 2 }).waitFor();
    await chairPage.locator('body').focus();
    await tabTo(chairPage, (el) => el.tag === 'button' && el.text.startsWith('Return for more information'));
    await chairPage.keyboard.press('Enter');
    await expect.poll(async () => (await focusedElement(chairPage)).tag).toBe('textarea');
    await chairPage.keyboard.type(question);
    await checkAtBothWidths(chairPage, 'a completed action with the return form', 'plan-keeping-11-return-form');
    // The answer-due day comes filled in with the partnership's reply period: tab past it, and send.
    expect((await focusedElement(chairPage)).tag).toBe('textarea');
    await chairPage.keyboard.press('Tab');
    expect(await chairPage.evaluate(() => (document.activeElement as HTMLInputElement).value)).toMatch(/^\d{1,2}$/);
    const returnedResponse = chairPage.waitForResponse((r) => r.url().endsWith(`/api/actions/${action!.id}/assurance`));
    await tabTo(chairPage, (el) => el.tag === 'button' && el.text === 'Return for more information');
    await chairPage.keyboard.press('Enter');
    expect((await returnedResponse).status()).toBe(201);
    await chairPage.getByText(`Action ${action.ref} was returned to Northmoor Police for more information`).waitFor();
    await chairPage.getByText(/^Returned to Northmoor Police for more information on /).waitFor();
    const returned = await api<ActionSummary>(chair.context, `/api/actions/${action.id}`);
    expect(returned.status).toBe('in_progress');
    expect(returned.returned?.question).toBe(question);
    expect(returned.brag).toBe('amber');

    // The lead sees it first on My agency, under "Returned to you", with the question, and answers it there.
    const { page } = lead;
    await page.goto(`${app.baseUrl}/my-agency`);
    await page.getByRole('heading', { name: /^Returned to you/ }).waitFor();
    const row = page.getByTestId(`action-row-${action.id}`);
    await row.getByText(question).waitFor();
    await page.getByRole('button', { name: `Answer the question on action ${action.ref}` }).click();
    const answerForm = row.getByRole('form', { name: 'Answer the question' });
    await answerForm.waitFor();
    await answerForm.getByLabel('On track', { exact: true }).check();
    await answerForm.getByLabel('Your answer').fill('Sampled five cases: in four the plan named the father and set a review of his contact; one is still open.');
    await answerForm.getByLabel('Change the status of the action (optional)').selectOption('completed');
    await answerForm.getByText('Evidence (required to propose completion)').waitFor();
    await answerForm.getByRole('button', { name: 'Add an evidence link' }).click();
    await answerForm.getByLabel('Evidence link 1: what it is').fill('Case sampling, five pre-birth plans');
    await answerForm.getByLabel('Evidence link 1: web address').fill('https://intranet.northmoor.example/audits/pre-birth-sampling');
    await checkAtBothWidths(page, 'my agency with the answer form on a returned action', 'plan-keeping-12-answer-form');
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/actions/${action!.id}/updates`) && r.request().method() === 'POST');
    await answerForm.getByRole('button', { name: 'Post your answer' }).click();
    expect((await answered).status()).toBe(201);
    await row.getByText('Your answer has been posted').waitFor();
    const reproposed = await api<ActionSummary>(lead.context, `/api/actions/${action.id}`);
    expect(reproposed.status).toBe('completed');
    expect(reproposed.returned).toBeNull();

    // The chair assures it from the subgroup's queue, with the evidence of impact.
    await chairPage.goto(`${app.baseUrl}/subgroups/${subgroup}`);
    await chairPage.getByRole('heading', { name: /^Completed actions awaiting assurance/ }).waitFor();
    const assure = chairPage.getByRole('button', { name: `Assure action ${action.ref}` });
    await assure.waitFor();
    await assure.click();
    const impact = 'Case sampling in November: four of five pre-birth plans named the father and set how his contact is reviewed.';
    await chairPage.getByLabel('Evidence of impact').fill(impact);
    await chairPage.getByLabel('Note for the record (optional)').fill('Assured at the December subgroup meeting.');
    await checkAtBothWidths(chairPage, 'the subgroup’s queue with the assure form', 'plan-keeping-13-assure-form');
    const assured = chairPage.waitForResponse((r) => r.url().endsWith(`/api/actions/${action!.id}/assurance`));
    await chairPage.getByRole('button', { name: 'Assure action', exact: true }).click();
    expect((await assured).status()).toBe(201);
    await chairPage.getByText(`Action ${action.ref} is assured`).waitFor();

    // The action is assured and Blue, and its timeline keeps both decisions and the answer between them.
    await openAction(chairPage, action);
    const tags = chairPage.locator('.app-tag-list');
    await expect.poll(() => tags.innerText()).toMatch(/Assured[\s\S]*Blue/);
    await chairPage.getByText(impact).first().waitFor();
    const titles = await chairPage.getByRole('list', { name: 'Progress updates, newest first' }).locator('.moj-timeline__title').allInnerTexts();
    expect(titles.slice(0, 3)).toEqual([
      `Assured by ${chair.me.user.name}`,
      'Status changed from In progress to Completed',
      `Returned for more information by ${chair.me.user.name}`,
    ]);
    await chairPage.getByText(question).first().waitFor();
    await checkAtBothWidths(chairPage, 'the assured action', 'plan-keeping-14-assured');
  }, 150_000);
});
