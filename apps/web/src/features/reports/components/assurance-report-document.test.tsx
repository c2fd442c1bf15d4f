import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { REPORT_SECTION_TITLES } from '@lrt/contracts';
import { renderAt } from '@/test/render';
import { makeReport, makeReportAction } from '../test-factories';
import { AssuranceReportDocument } from './assurance-report-document';

const section = (title: string) => screen.getByRole('region', { name: title });
const rowOf = (table: HTMLElement, header: string | RegExp) => within(table).getByRole('rowheader', { name: header }).closest('tr')!;

describe('AssuranceReportDocument', () => {
  it('prints every chosen section under its heading, in the order of the report', () => {
    renderAt(<AssuranceReportDocument report={makeReport()} />);
    expect(screen.getByRole('heading', { level: 2, name: 'Board assurance report' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual(Object.values(REPORT_SECTION_TITLES));
    expect(screen.getByText(/^Confidential/)).toBeInTheDocument();
    const summary = section('Summary');
    expect(summary).toHaveTextContent('Twelve actions are in scope; three are overdue.');
    expect(summary).toHaveTextContent('Red 3, Amber 4, Green 2, Blue 2; withdrawn 1');
  });

  it('gives each rating as a word with its counts at the start and end of the period and the change', () => {
    renderAt(<AssuranceReportDocument report={makeReport()} />);
    const table = within(section('BRAG ratings and their change over the period')).getByRole('table');
    expect(within(rowOf(table, /^BRAG rating: ?Red$/)).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['1', '3', '+2']);
    expect(within(rowOf(table, /^BRAG rating: ?Amber$/)).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['5', '4', '\u22121']);
    expect(within(rowOf(table, 'Withdrawn (not rated)')).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['0', '1', '+1']);
  });

  it('shows progress by agency as a table beside the chart', async () => {
    renderAt(<AssuranceReportDocument report={makeReport()} />);
    const agencies = section('Progress by agency');
    const table = within(agencies).getByRole('table', { name: 'Progress by agency' });
    expect(within(rowOf(table, 'West Midlands Police (WMP)')).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['7', '3', '2', '1', '1', '0', '3', '14%']);
    expect(await within(agencies).findByRole('img', { name: /Actions of each agency by BRAG rating/ })).toBeInTheDocument();
  });

  it('lists recommendations with their actions, latest notes and evidence, each action linking to its page', () => {
    renderAt(<AssuranceReportDocument report={makeReport()} />);
    const recommendations = section('Recommendations and their actions');
    expect(within(recommendations).getByRole('heading', { level: 4, name: 'SD-2022, recommendation 2' })).toBeInTheDocument();
    expect(recommendations).toHaveTextContent('Agencies should make sure the child is seen and heard.');
    expect(within(recommendations).getByRole('link', { name: 'SD-2022/A3' })).toHaveAttribute('href', '/actions/7');
    expect(within(recommendations).getByRole('link', { name: 'Briefing slides' })).toHaveAttribute('href', '/api/evidence/55');
    expect(within(recommendations).getByRole('link', { name: 'Training log' })).toHaveAttribute('href', 'https://intranet.example/log');
    expect(recommendations).toHaveTextContent('Half of the teams are briefed.');
    expect(recommendations).toHaveTextContent('Sam Patel: At risk');
    expect(recommendations).toHaveTextContent('BRAG rating: Red');
    expect(recommendations).toHaveTextContent('A further 3 actions are not listed here.');
  });

  it('gives overdue actions their days overdue, revised dates their reasons and completed actions their evidence of impact', () => {
    renderAt(<AssuranceReportDocument report={makeReport()} />);
    const overdue = within(section('Overdue actions')).getByRole('table');
    expect(rowOf(overdue, 'SD-2022/A3')).toHaveTextContent('41 days');
    const revised = section('Revised target dates');
    expect(revised).toHaveTextContent('31 December 2025');
    expect(revised).toHaveTextContent('Training venue cancelled');
    const completed = section('Completed and assured actions: evidence of impact');
    expect(completed).toHaveTextContent('An audit of 20 cases found the child was seen alone in 19.');
    expect(within(completed).getByRole('link', { name: 'Audit report' })).toHaveAttribute('href', '/api/evidence/61');
  });

  it('says what changed against the snapshot it is compared with, and that nothing was withdrawn or added', () => {
    renderAt(<AssuranceReportDocument report={makeReport()} />);
    const changes = section('What changed');
    expect(changes).toHaveTextContent('What changed since the snapshot “Board, 12 December 2025”, as at 12 December 2025.');
    expect(changes).toHaveTextContent('was Amber, now Red');
    expect(within(changes).getByRole('table', { name: /^Newly overdue since/ })).toHaveTextContent('SD-2022/A3');
    expect(within(changes).getByRole('table', { name: /^Assured since/ })).toHaveTextContent('SD-2022/A5');
    expect(changes).toHaveTextContent('No action was withdrawn.');
    expect(changes).toHaveTextContent('No action was added.');
  });

  it('crosses themes with reviews and marks reviews late against the statutory timescales in words', () => {
    renderAt(<AssuranceReportDocument report={makeReport()} />);
    const themes = within(section('Themes that recur across reviews')).getByRole('table');
    expect(within(rowOf(themes, 'Voice of the child')).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['3', '2', '2', '5']);
    const timeliness = section('Reviews against the statutory timescales');
    const row = rowOf(within(timeliness).getByRole('table'), 'SD-2022: Child SD');
    expect(row).toHaveTextContent('held 14 February 2022. Late');
    expect(row).toHaveTextContent('published 20 August 2022. On time');
  });

  it('shows only the chosen sections, and says in words when one has nothing in it', () => {
    const report = makeReport({
      sections: ['overdue', 'revisedDates', 'changes', 'themes'],
      comparedWith: { snapshotId: null, name: 'The start of the period', asAt: '2025-03-31' },
      overdue: { items: [], notListed: 0 },
      revisedDates: { items: [], notListed: 0 },
      changes: { moved: [], newlyOverdue: [], assured: [], withdrawn: [], added: [makeReportAction({ id: 30, ref: 'C-2024/A1' })], notListed: 0 },
      themes: { themes: [], reviews: [], cells: [] },
    });
    renderAt(<AssuranceReportDocument report={report} />);
    expect(screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual([
      'Overdue actions',
      'Revised target dates',
      'What changed',
      'Themes that recur across reviews',
    ]);
    expect(section('Overdue actions')).toHaveTextContent('No action is overdue as at 13 March 2026.');
    expect(within(section('Overdue actions')).queryByRole('table')).not.toBeInTheDocument();
    expect(section('Revised target dates')).toHaveTextContent('No target date was revised in the period.');
    expect(section('What changed')).toHaveTextContent('What changed since the start of the period (31 March 2025).');
    expect(section('What changed')).toHaveTextContent('No action changed its status or BRAG rating.');
    expect(within(section('What changed')).getByRole('link', { name: 'C-2024/A1' })).toHaveAttribute('href', '/actions/30');
    expect(section('Themes that recur across reviews')).toHaveTextContent('No action in this scope is tagged with a theme.');
    expect(screen.queryByRole('region', { name: 'Summary' })).not.toBeInTheDocument();
  });
});
