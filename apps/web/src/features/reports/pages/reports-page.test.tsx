import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPORT_SECTIONS } from '@lrt/contracts';
import { londonToday } from '@lrt/domain';
import { jsonResponse, renderAt } from '@/test/render';
import { makeReport, makeSnapshot } from '../test-factories';
import { ReportsPage } from './reports-page';

const reviews = [
  { id: 3, code: 'SD-2022', childPseudonym: 'SD', title: 'Child SD' },
  { id: 5, code: 'R-2023', childPseudonym: 'R', title: 'Child R' },
];
const subgroups = [{ id: 4, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 }];
const agencies = [
  { id: 1, name: 'West Midlands Police', shortName: 'WMP', kind: 'police', active: true, version: 1 },
  { id: 2, name: 'Northshire Primary School', shortName: 'NPS', kind: 'education', active: true, version: 1 },
];

function stubApi({ report = () => jsonResponse(makeReport()) }: { report?: (url: URL) => Response } = {}) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/reviews') return jsonResponse({ items: reviews, nextCursor: null });
    if (url.pathname === '/api/subgroups') return jsonResponse({ items: subgroups, nextCursor: null });
    if (url.pathname === '/api/agencies') return jsonResponse({ items: agencies, nextCursor: null });
    if (url.pathname === '/api/snapshots') return jsonResponse({ items: [makeSnapshot()], nextCursor: null });
    if (url.pathname === '/api/reports/assurance') return report(url);
    return jsonResponse({ code: 'not_found', status: 404, title: 'Not found', detail: 'Not found', type: 'about:blank' }, { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const reportRequests = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls.map(([input]) => new URL(String(input), 'http://localhost')).filter((url) => url.pathname === '/api/reports/assurance');

const location = () => new URL(screen.getByTestId('location').textContent!, 'http://localhost');
const render = (url = '/reports') => renderAt(<ReportsPage />, { url, path: '/reports' });
const dateBoxes = (legend: string) => {
  const group = screen.getByRole('group', { name: legend });
  return ['Day', 'Month', 'Year'].map((label) => within(group).getByLabelText(label) as HTMLInputElement);
};
async function typeDate(user: ReturnType<typeof userEvent.setup>, legend: string, day: string, month: string, year: string) {
  const [d, m, y] = dateBoxes(legend);
  for (const [box, value] of [[d!, day], [m!, month], [y!, year]] as const) {
    await user.clear(box);
    await user.type(box, value);
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('the chair’s page', () => {
  it('asks before making a report: today as the as-at date, every section ticked, snapshots to compare with', async () => {
    const fetchMock = stubApi();
    render();
    expect(screen.getByRole('heading', { level: 1, name: 'Board assurance report' })).toBeInTheDocument();
    await screen.findByRole('button', { name: 'Preview' });
    expect(document.title).toBe('Board assurance report – Learning Review Tracker');
    const [year, month, day] = londonToday(new Date()).split('-');
    expect(dateBoxes('As at').map((box) => box.value)).toEqual([String(Number(day)), String(Number(month)), year]);
    const sections = screen.getByRole('group', { name: 'Sections' });
    expect(within(sections).getAllByRole('checkbox').filter((box) => (box as HTMLInputElement).checked)).toHaveLength(REPORT_SECTIONS.length);
    expect(screen.getByRole('radio', { name: 'The whole partnership' })).toBeChecked();
    expect(within(screen.getByLabelText('Compare with')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'The start of the period',
      'Snapshot: Board, 12 December 2025 (as at 12 December 2025)',
    ]);
    expect(reportRequests(fetchMock)).toEqual([]);
    expect(screen.queryByRole('link', { name: 'Download as Word' })).not.toBeInTheDocument();
  });

  it('previews a review’s report over a period: the choices go into the URL, and Word and the printable page carry the same query', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole('radio', { name: 'One review' }));
    await user.selectOptions(screen.getByLabelText('Review'), 'SD-2022: Child SD');
    await typeDate(user, 'From', '1', '4', '2025');
    await typeDate(user, 'To', '31', '3', '2026');
    await typeDate(user, 'As at', '13', '3', '2026');
    await user.selectOptions(screen.getByLabelText('Compare with'), 'Snapshot: Board, 12 December 2025 (as at 12 December 2025)');
    await user.click(screen.getByRole('checkbox', { name: 'Themes that recur across reviews' }));
    await user.click(screen.getByRole('button', { name: 'Preview' }));

    await screen.findByRole('heading', { level: 2, name: 'Board assurance report' });
    const wanted = REPORT_SECTIONS.filter((s) => s !== 'themes').join(',');
    expect(Object.fromEntries(location().searchParams)).toEqual({
      scope: 'review',
      reviewId: '3',
      from: '2025-04-01',
      to: '2026-03-31',
      asAt: '2026-03-13',
      compareTo: '4',
      sections: wanted,
    });
    const asked = reportRequests(fetchMock);
    expect(asked).toHaveLength(1);
    expect(Object.fromEntries(asked[0]!.searchParams)).toEqual({
      reviewId: '3',
      from: '2025-04-01',
      to: '2026-03-31',
      asAt: '2026-03-13',
      compareTo: '4',
      sections: wanted,
      format: 'json',
    });
    const word = screen.getByRole('link', { name: 'Download as Word' });
    expect(word).toHaveAttribute('download');
    const wordUrl = new URL(word.getAttribute('href')!, 'http://localhost');
    expect(wordUrl.pathname).toBe('/api/reports/assurance');
    expect(Object.fromEntries(wordUrl.searchParams)).toEqual({ ...Object.fromEntries(asked[0]!.searchParams), format: 'docx' });
    const printable = screen.getByRole('link', { name: /Open the printable page/ });
    expect(printable).toHaveAttribute('target', '_blank');
    expect(new URL(printable.getAttribute('href')!, 'http://localhost').searchParams.get('format')).toBe('html');
    expect(new URL(printable.getAttribute('href')!, 'http://localhost').searchParams.get('reviewId')).toBe('3');

    const print = vi.fn();
    vi.stubGlobal('print', print);
    await user.click(screen.getByRole('button', { name: 'Print or save as PDF' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('reproduces a report from its link: the form shows the choices and the preview opens at once', async () => {
    const fetchMock = stubApi();
    render('/reports?scope=agency&agencyId=2&asAt=2026-01-31&compareTo=4&sections=summary,overdue');
    await screen.findByRole('heading', { level: 2, name: 'Board assurance report' });
    expect(screen.getByRole('radio', { name: 'One agency' })).toBeChecked();
    expect(screen.getByLabelText('Agency')).toHaveValue('2');
    expect(dateBoxes('As at').map((box) => box.value)).toEqual(['31', '1', '2026']);
    expect(screen.getByLabelText('Compare with')).toHaveValue('4');
    expect(screen.getByRole('checkbox', { name: 'Summary' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'What changed' })).not.toBeChecked();
    expect(Object.fromEntries(reportRequests(fetchMock)[0]!.searchParams)).toEqual({
      agencyId: '2',
      asAt: '2026-01-31',
      compareTo: '4',
      sections: 'summary,overdue',
      format: 'json',
    });
  });

  it('says what to correct before asking: a scope without its choice, an as-at date in the future, no section', async () => {
    const fetchMock = stubApi();
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole('radio', { name: 'One subgroup' }));
    const nextYear = String(new Date().getFullYear() + 1);
    await typeDate(user, 'As at', '1', '1', nextYear);
    for (const box of within(screen.getByRole('group', { name: 'Sections' })).getAllByRole('checkbox')) await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Preview' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Choose the subgroup the report is about', '#report-subgroup'],
      [expect.stringMatching(/^The as-at date must be today \(.+\) or earlier$/), '#report-as-at'],
      ['Choose at least one section for the report', '#report-sections'],
    ]);
    expect(document.title).toBe('Error: Board assurance report – Learning Review Tracker');
    await user.click(within(summary).getByRole('link', { name: 'Choose the subgroup the report is about' }));
    expect(screen.getByLabelText('Subgroup')).toHaveFocus();
    expect(location().search).toBe('');
    expect(reportRequests(fetchMock)).toEqual([]);
  });

  it('shows the API’s refusal of the query beside the field it names', async () => {
    stubApi({
      report: () =>
        jsonResponse(
          {
            type: 'about:blank',
            title: 'Validation failed',
            status: 422,
            detail: 'The report query is not valid',
            code: 'validation.failed',
            errors: [{ path: 'asAt', message: 'must not be before the partnership’s first record (1 April 2020)' }],
          },
          { status: 422 },
        ),
    });
    render('/reports?scope=partnership&asAt=2001-01-01');
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: 'The as-at date must not be before the partnership’s first record (1 April 2020)' });
    expect(link).toHaveAttribute('href', '#report-as-at');
    expect(screen.getByRole('group', { name: 'As at' })).toHaveTextContent('Error: The as-at date must not be before');
    expect(screen.queryByRole('link', { name: 'Download as Word' })).not.toBeInTheDocument();
  });

  it('offers to try again when the report cannot be made for another reason', async () => {
    let fail = true;
    stubApi({
      report: () =>
        fail
          ? jsonResponse({ type: 'about:blank', title: 'Server error', status: 500, detail: 'The report could not be built', code: 'server.error' }, { status: 500 })
          : jsonResponse(makeReport()),
    });
    const user = userEvent.setup();
    render('/reports?scope=partnership');
    await screen.findByText('The report could not be built');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Board assurance report' })).toBeInTheDocument());
  });
});
