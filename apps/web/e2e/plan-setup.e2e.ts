/**
 * The business unit sets up a whole plan with the keyboard alone, in real Chromium against the built app served by
 * the real API on a fresh demo database: a review modelled on the reflective learning event after the rapid review
 * of SD (reference 002), its learning points and recommendations, then five actions typed in row after row. Every
 * page is checked with axe (WCAG 2.2 AA) at 1280 px and at phone width (390 px, where nothing may scroll
 * sideways) and saved as a screenshot in e2e/artifacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAtBothWidths, focused, launchBrowser, newPage, signIn, startApp, tabTo, type RunningApp } from './harness';

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

interface Agency {
  id: number;
  name: string;
  shortName: string;
  kind: string;
  active: boolean;
}

interface Recommendation {
  id: number;
  number: number;
  addressee: string;
  leadAgencyId: number | null;
  targetDate: string | null;
  learningPointIds: number[];
}

interface ActionSummary {
  id: number;
  ref: string;
  recommendationId: number | null;
  ownerAgencyId: number;
  targetDate: string | null;
}

const api = async <T>(context: BrowserContext, path: string): Promise<T> => {
  const response = await context.request.get(`${app.baseUrl}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
};





const textOf = (text: string | RegExp) => (value: string) => (typeof text === 'string' ? value === text : text.test(value));
/** Tab to the field with this label (and, given, inside the fieldset with this legend: "Action 3"). */
const tabToField = (page: Page, label: string | RegExp, legend?: string) =>
  tabTo(page, (el) => textOf(label)(el.label) && (legend === undefined || el.legends.includes(legend)));
const tabToButton = (page: Page, name: string | RegExp, options?: { back?: boolean }) =>
  tabTo(page, (el) => (el.tag === 'button' || el.tag === 'a') && textOf(name)(el.text), options);

/** In a focused select or radio group, presses the arrow keys until the wanted option is chosen. */
async function arrowTo(page: Page, wanted: string | RegExp) {
  const isWanted = async () => {
    const el = await focused(page);
    return el.tag === 'select' ? textOf(wanted)(el.value) : el.checked && textOf(wanted)(el.label);
  };
  for (const key of ['ArrowDown', 'ArrowUp']) {
    for (let i = 0; i < 20; i++) {
      if (await isWanted()) return;
      await page.keyboard.press(key);
    }
  }
  if (!(await isWanted())) throw new Error(`No option ${String(wanted)} reached with the arrow keys`);
}

/**
 * Enters text in the field with focus, then checks the field holds it. Short values (codes, names, dates) are typed
 * key by key; prose goes in as one keyboard insertion (as pasting or dictating does), which keeps the journey fast.
 */
async function type(page: Page, text: string) {
  if (text.length <= 24) await page.keyboard.type(text);
  else await page.keyboard.insertText(text);
  expect((await focused(page)).value).toBe(text);
}

/** A date of the GOV.UK kind (day, month and year boxes) in the fieldset with this legend. */
async function typeDate(page: Page, legend: string, [day, month, year]: [string, string, string]) {
  await tabTo(page, (el) => el.label === 'Day' && el.legends.includes(legend));
  await type(page, day);
  await page.keyboard.press('Tab');
  await type(page, month);
  await page.keyboard.press('Tab');
  await type(page, year);
}

const REVIEW = {
  code: 'CT-2026',
  child: 'Child T',
  title: 'Local child safeguarding practice review: Child T',
  leadReviewer: 'Lesley Hagger, Independent Chair',
  summary:
    'A 17-year-old known to agencies for over ten years was seriously injured in the community. The rapid review found five key learning points.',
};

const LEARNING_POINTS = [
  {
    title: 'Real-time information sharing and analysis, including mapping',
    description: 'Mapping should inform assessments, plans and decision-making.',
  },
  {
    title: 'Transitions between services as young people approach 18',
    description: 'Plans ended two months before his 18th birthday.',
  },
];

const RECOMMENDATIONS = [
  'Consider re-instating read-only access to children’s case files for Adult Social Care.',
  'Ensure all agencies can see who has been involved with a family and which interventions were offered.',
  'Provide briefings on the role of the Lead Professional and the Team Around the Family process.',
];

describe('the business unit', () => {
  it('sets up a whole plan with the keyboard', { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(browser);
    // Anything awaited fails within 10 s and names itself, well inside the journey's time.
    page.setDefaultTimeout(10_000);
    await signIn(page, app.baseUrl, 'admin@demo.example');
    const agencies = (await api<{ items: Agency[] }>(context, '/api/agencies?limit=200')).items.filter((agency) => agency.active);
    const agency = (kind: string, name: RegExp) => {
      const found = agencies.find((a) => a.kind === kind && name.test(a.name));
      expect(found, `an active ${kind} agency like ${String(name)}`).toBeDefined();
      return found!;
    };
    const police = agency('police', /police/i);
    const childrens = agency('local_authority', /children/i);
    const adults = agency('local_authority', /adult/i);
    const ambulance = agency('health', /ambulance/i);
    const youthJustice = agency('local_authority', /youth justice/i);

    // 1. The review, from the reviews list.
    await page.goto(`${app.baseUrl}/reviews`);
    await page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
    await page.getByRole('table').first().waitFor();
    await checkAtBothWidths(page, 'the reviews', 'plan-setup-01-reviews');
    await tabToButton(page, 'Add a review');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/reviews\/new$/);
    await page.getByRole('textbox', { name: 'Code' }).waitFor();

    await tabToField(page, 'Code');
    await type(page, REVIEW.code);
    await tabToField(page, 'Type of review');
    await arrowTo(page, 'Local child safeguarding practice review');
    await tabToField(page, 'Child’s pseudonym');
    await type(page, REVIEW.child);
    await tabToField(page, 'Title');
    await type(page, REVIEW.title);
    await tabTo(page, (el) => el.type === 'radio' && el.legends.includes('Stage'));
    await arrowTo(page, 'Review under way');
    await typeDate(page, 'Date the partnership was notified (optional)', ['14', '9', '2026']);
    await typeDate(page, 'Date of the rapid review (optional)', ['2', '10', '2026']);
    await typeDate(page, 'Date the review started (optional)', ['20', '10', '2026']);
    await tabToField(page, 'Lead reviewer (optional)');
    await type(page, REVIEW.leadReviewer);
    await tabToField(page, 'Subgroup overseeing the plan (optional)');
    await arrowTo(page, 'Learning and Practice Review subgroup');
    for (const theme of ['Information sharing', 'Transitions to adulthood']) {
      await tabTo(page, (el) => el.type === 'checkbox' && el.label === theme);
      await page.keyboard.press('Space');
      expect((await focused(page)).checked, theme).toBe(true);
    }
    await tabToField(page, 'Summary (optional)');
    await type(page, REVIEW.summary);
    await checkAtBothWidths(page, 'the review form, filled in', 'plan-setup-02-review-form');
    await tabToButton(page, 'Add review');
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/reviews\/\d+$/);
    const reviewId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByText(`Review ${REVIEW.code} has been added`).waitFor();
    await page.getByRole('heading', { level: 1, name: REVIEW.title }).waitFor();
    const details = page.locator('.govuk-summary-list').first();
    for (const text of [REVIEW.child, 'Local child safeguarding practice review', 'Review under way', REVIEW.leadReviewer, 'Learning and Practice Review subgroup', 'Information sharing', 'Transitions to adulthood']) {
      await details.getByText(text, { exact: true }).waitFor();
    }
    const saved = await api<{ code: string; startedOn: string | null; themeIds: number[] }>(context, `/api/reviews/${reviewId}`);
    expect(saved).toMatchObject({ code: REVIEW.code, startedOn: '2026-10-20' });
    expect(saved.themeIds).toHaveLength(2);
    await checkAtBothWidths(page, 'the new review', 'plan-setup-03-review-added');

    // 2. Two learning points, then three recommendations, in place on the review page.
    await tabToButton(page, 'Add a learning point');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).label).toBe('Title');
    for (const [index, point] of LEARNING_POINTS.entries()) {
      await type(page, point.title);
      await tabToField(page, 'Description (optional)');
      await type(page, point.description);
      const last = index === LEARNING_POINTS.length - 1;
      await tabToButton(page, last ? 'Save and close' : 'Save and add another learning point');
      await page.keyboard.press('Enter');
      if (!last) {
        await page.getByRole('status').getByText('Learning point 1 has been added.').waitFor();
        expect((await focused(page)).label).toBe('Title');
      }
    }
    await page.getByRole('heading', { name: `Learning point 2: ${LEARNING_POINTS[1]!.title}` }).waitFor();
    await expect.poll(async () => (await focused(page)).text, { timeout: 5000 }).toBe('Add a learning point');

    await tabToButton(page, 'Add a recommendation');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).label).toBe('Recommendation');
    // 1: to the children's services, answering learning point 1, due 31 March 2027.
    await type(page, RECOMMENDATIONS[0]!);
    await tabTo(page, (el) => el.type === 'radio' && el.legends.includes('Addressed to'));
    await arrowTo(page, 'A named agency');
    await tabToField(page, 'Which agency?');
    await arrowTo(page, `${childrens.name} (${childrens.shortName})`);
    await tabTo(page, (el) => el.type === 'checkbox' && el.label.startsWith('1. '));
    await page.keyboard.press('Space');
    await typeDate(page, 'Target date (optional)', ['31', '3', '2027']);
    await tabToButton(page, 'Save and add another recommendation');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Recommendation 1 has been added.').waitFor();
    // 2: to the partnership (as the form starts), answering learning point 1.
    expect((await focused(page)).label).toBe('Recommendation');
    await type(page, RECOMMENDATIONS[1]!);
    await tabTo(page, (el) => el.type === 'checkbox' && el.label.startsWith('1. '));
    await page.keyboard.press('Space');
    await checkAtBothWidths(page, 'the review page with the recommendation form open', 'plan-setup-04-recommendation-form');
    await tabToButton(page, 'Save and add another recommendation');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Recommendation 2 has been added.').waitFor();
    // 3: to the Learning and Practice Review subgroup (the review's, which the form starts with), answering point 2.
    await type(page, RECOMMENDATIONS[2]!);
    await tabTo(page, (el) => el.type === 'radio' && el.legends.includes('Addressed to'));
    await arrowTo(page, 'A subgroup');
    await tabToField(page, 'Which subgroup?');
    expect((await focused(page)).value).toBe('Learning and Practice Review subgroup');
    await tabTo(page, (el) => el.type === 'checkbox' && el.label.startsWith('2. '));
    await page.keyboard.press('Space');
    await tabToButton(page, 'Save and close');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 3, name: 'Recommendation 3' }).waitFor();
    await expect.poll(async () => (await focused(page)).text, { timeout: 5000 }).toBe('Add a recommendation');

    const recommendations = (await api<{ items: Recommendation[] }>(context, `/api/recommendations?reviewId=${reviewId}&limit=200`)).items.sort(
      (a, b) => a.number - b.number,
    );
    expect(recommendations.map((r) => [r.number, r.addressee])).toEqual([
      [1, 'agency'],
      [2, 'partnership'],
      [3, 'subgroup'],
    ]);
    expect(recommendations[0]).toMatchObject({ leadAgencyId: childrens.id, targetDate: '2027-03-31' });
    for (const r of recommendations) expect(r.learningPointIds).toHaveLength(1);
    for (const [index, text] of RECOMMENDATIONS.entries()) {
      await page.getByRole('region', { name: `Recommendation ${index + 1}` }).getByText(text).waitFor();
    }

    // 3. Five actions, typed in row after row, from "Add actions" on recommendation 1.
    await tabToButton(page, /^Add actions\s*for recommendation 1$/, { back: true });
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/reviews/${reviewId}/actions/new\\?recommendationId=${recommendations[0]!.id}$`));
    await page.getByRole('heading', { level: 1, name: `Add actions to ${REVIEW.code}` }).waitFor();

    // The unhappy path first: a row without its agency is refused, with the reason by the row and in the summary.
    await tabToField(page, 'Recommendation it serves', 'Action 1');
    expect((await focused(page)).value).toMatch(/^Recommendation 1: /);
    await tabToField(page, 'Identified learning need', 'Action 1');
    await type(page, 'Need to connect known family members on the system');
    await tabToField(page, 'Action to be taken', 'Action 1');
    await type(page, 'Refresher training for staff on linking family members in case records');
    await tabToButton(page, 'Save 1 action');
    await page.keyboard.press('Enter');
    const summary = page.locator('.govuk-error-summary');
    await summary.getByRole('link', { name: 'Row 1: Choose the agency' }).waitFor();
    await page.getByRole('group', { name: 'Action 1' }).getByText('Choose the agency').waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: /);
    expect((await api<{ items: ActionSummary[] }>(context, `/api/actions?reviewId=${reviewId}`)).items).toEqual([]);
    await checkAtBothWidths(page, 'the actions entry page with errors', 'plan-setup-05-actions-errors');

    // The summary's link goes straight to the field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await tabToButton(page, 'Row 1: Choose the agency');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).label).toBe('Agency');

    const rows: {
      recommendation: number;
      agency: Agency;
      learningNeed?: string;
      action?: string;
      successMeasure: string;
      targetDate: string;
      targetWords: string;
      theme?: string;
    }[] = [
      {
        recommendation: 1,
        agency: adults,
        successMeasure: 'Audit of 20 records shows family members linked in 18',
        targetDate: '31/3/2027',
        targetWords: '31 March 2027',
      },
      {
        recommendation: 1,
        agency: childrens,
        learningNeed: 'A joined-up approach when a young person is on a child in need plan and in exploitation processes',
        action: 'Team manager reflective sessions on cumulative neglect and exploitation',
        successMeasure: 'Practice reviews show history taken into account',
        targetDate: '30/4/2027',
        targetWords: '30 April 2027',
      },
      {
        recommendation: 2,
        agency: ambulance,
        learningNeed: 'Crews need to record details of children present on call-outs',
        action: 'Training for paramedics on what to record and when to refer',
        successMeasure: 'Dip sample of patient report forms records every child present',
        targetDate: '31/5/2027',
        targetWords: '31 May 2027',
        theme: 'Information sharing',
      },
      {
        recommendation: 2,
        agency: police,
        learningNeed: 'Safeguarding referrals for young people entering the criminal justice system',
        action: 'Dip sample 10 arrests for violent crime with weapons for safeguarding referrals',
        successMeasure: 'Every arrest of a child for serious youth violence has a referral considered',
        targetDate: '30/6/2027',
        targetWords: '30 June 2027',
      },
      {
        recommendation: 3,
        agency: youthJustice,
        learningNeed: 'A whole-family approach and mapping to inform assessments and plans',
        action: 'Agree next steps at the youth justice partnership board and cross-reference with education',
        successMeasure: 'Mapping of the custody cohort reviewed each quarter',
        targetDate: '31/7/2027',
        targetWords: '31 July 2027',
        theme: 'Transitions to adulthood',
      },
    ];

    for (const [index, row] of rows.entries()) {
      const legend = `Action ${index + 1}`;
      if (index > 0) {
        await tabToButton(page, 'Add another action');
        await page.keyboard.press('Enter');
        // The new row starts at its first field, with the recommendation the page was opened for.
        await expect.poll(async () => (await focused(page)).legends[0]).toBe(legend);
        expect((await focused(page)).label).toBe('Recommendation it serves');
        await arrowTo(page, new RegExp(`^Recommendation ${row.recommendation}: `));
        await tabToField(page, 'Agency', legend);
      }
      // The agency by its short name, in the type-ahead.
      await page.keyboard.type(row.agency.shortName);
      await page.keyboard.press('Enter');
      expect((await focused(page)).value).toBe(`${row.agency.name} (${row.agency.shortName})`);
      if (row.learningNeed && row.action) {
        await tabToField(page, 'Identified learning need', legend);
        await type(page, row.learningNeed);
        await tabToField(page, 'Action to be taken', legend);
        await type(page, row.action);
      }
      await tabToField(page, 'Measure of success (optional)', legend);
      await type(page, row.successMeasure);
      await tabToField(page, 'Target date (optional)', legend);
      await type(page, row.targetDate);
      await page.getByRole('group', { name: legend }).getByText(row.targetWords, { exact: true }).waitFor();
      if (row.theme) {
        await tabToField(page, 'Themes (optional)', legend);
        await page.keyboard.type(row.theme.slice(0, 6));
        await page.keyboard.press('Enter');
        await page.getByRole('group', { name: legend }).getByRole('button', { name: `Remove ${row.theme}` }).waitFor();
      }
      if (index === 1) await checkAtBothWidths(page, 'the actions entry page with two rows', 'plan-setup-06-actions-two-rows');
    }

    await tabToButton(page, 'Save 5 actions');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/reviews/${reviewId}$`));
    await page.getByRole('alert').getByText('5 actions added', { exact: true }).waitFor();
    await page.getByText(`References: ${REVIEW.code}/A1 to ${REVIEW.code}/A5.`).waitFor();

    const actions = (await api<{ items: ActionSummary[] }>(context, `/api/actions?reviewId=${reviewId}&sort=ref`)).items;
    expect(actions.map((a) => a.ref)).toEqual([1, 2, 3, 4, 5].map((n) => `${REVIEW.code}/A${n}`));
    for (const [index, row] of rows.entries()) {
      const action = actions[index]!;
      expect(action.ownerAgencyId).toBe(row.agency.id);
      expect(action.recommendationId).toBe(recommendations[row.recommendation - 1]!.id);
      const table = page.getByRole('table', { name: `Actions for recommendation ${row.recommendation}` });
      await table.getByRole('link', { name: action.ref, exact: true }).waitFor();
    }
    await checkAtBothWidths(page, 'the review with its plan', 'plan-setup-07-review-with-plan');
    await context.close();
  });
});
