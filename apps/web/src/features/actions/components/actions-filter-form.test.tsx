import type { Agency, Review, Subgroup, Theme } from '@lrt/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeAgency } from '@/test/factories';
import { renderAt } from '@/test/render';
import { ActionsFilterForm } from './actions-filter-form';

const agencies: Agency[] = [
  makeAgency({ id: 1, name: 'West Midlands Police', shortName: 'WMP' }),
  makeAgency({ id: 2, name: 'West Midlands Ambulance Service', shortName: 'WMAS', kind: 'health' }),
];
const reviews = [
  { id: 3, code: 'SD-2022', childPseudonym: 'SD', title: 'Review of SD' },
  { id: 4, code: 'CR-2023', childPseudonym: 'Child R', title: 'Review of Child R' },
] as Review[];
const subgroups: Subgroup[] = [{ id: 5, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 }];
const themes: Theme[] = [{ id: 6, name: 'Child’s voice', description: '', version: 1 }];

const renderForm = (url: string) =>
  renderAt(<ActionsFilterForm agencies={agencies} reviews={reviews} subgroups={subgroups} themes={themes} />, { url });

const location = () => screen.getByTestId('location').textContent ?? '';

describe('ActionsFilterForm', () => {
  it('shows the filters the URL holds, several values of each', () => {
    renderForm('/actions?status=in_progress&status=not_started&brag=red&overdue=true&agencyId=1&agencyId=2&reviewId=4&themeId=6&dueAfter=2026-04-01&dueBefore=2026-06-30&kind=multi_agency');

    expect(screen.getByRole('checkbox', { name: 'In progress' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Not started' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Completed' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Red' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Amber' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Overdue' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Stale/ })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'West Midlands Police (WMP)' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'West Midlands Ambulance Service (WMAS)' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'CR-2023: Child R' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Child’s voice' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Multi-agency' })).toBeChecked();
    expect(screen.getByLabelText('On or after')).toHaveValue('2026-04-01');
    expect(screen.getByLabelText('On or before')).toHaveValue('2026-06-30');
  });

  it('groups every set of checkboxes under a legend', () => {
    renderForm('/actions');
    for (const legend of ['Needs attention', 'Status', 'BRAG rating', 'Target date', 'Agency', 'Review', 'Subgroup', 'Theme', 'Kind of action']) {
      expect(screen.getByRole('group', { name: new RegExp(`^${legend}`) })).toBeInTheDocument();
    }
  });

  it('applied unchanged, writes back exactly the filters of the URL (every filter, repeated ones too), on the first page', async () => {
    const user = userEvent.setup();
    const all =
      'q=briefing&status=not_started&status=in_progress&brag=red&brag=amber&kind=single_agency&agencyId=1&agencyId=2&reviewId=3&reviewId=4' +
      '&recommendationId=11&subgroupId=5&themeId=6&overdue=true&stale=false&dueAfter=2026-01-01&dueBefore=2026-12-31&sort=-ref';
    renderForm(`/actions?${all}&cursor=abc`);

    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    const params = new URL(location(), 'http://localhost').searchParams;
    const expected = new URLSearchParams(all);
    for (const key of new Set(expected.keys())) expect(params.getAll(key), key).toEqual(expected.getAll(key));
    expect(params.has('cursor')).toBe(false);
  });

  it('writes the chosen filters into the URL and goes back to the first page', async () => {
    const user = userEvent.setup();
    renderForm('/actions?status=in_progress&q=chronology&sort=attention&cursor=abc');

    await user.click(screen.getByRole('checkbox', { name: 'Amber' }));
    await user.click(screen.getByRole('checkbox', { name: /Stale/ }));
    await user.click(screen.getByRole('checkbox', { name: 'CR-2023: Child R' }));
    await user.click(screen.getByRole('checkbox', { name: 'SD-2022: SD' }));
    await user.click(screen.getByRole('checkbox', { name: 'Child’s voice' }));
    await user.click(screen.getByRole('checkbox', { name: 'Learning and Practice Review subgroup' }));
    await user.type(screen.getByLabelText('On or before'), '2026-05-31');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    const params = new URL(location(), 'http://localhost').searchParams;
    expect(new URL(location(), 'http://localhost').pathname).toBe('/actions');
    expect(params.get('q')).toBe('chronology');
    expect(params.getAll('status')).toEqual(['in_progress']);
    expect(params.getAll('brag')).toEqual(['amber']);
    expect(params.get('stale')).toBe('true');
    expect(params.has('overdue')).toBe(false);
    expect(params.getAll('reviewId')).toEqual(['3', '4']);
    expect(params.getAll('themeId')).toEqual(['6']);
    expect(params.getAll('subgroupId')).toEqual(['5']);
    expect(params.get('dueBefore')).toBe('2026-05-31');
    expect(params.has('agencyId')).toBe(false);
    expect(params.get('sort')).toBe('attention');
    expect(params.has('cursor')).toBe(false);
  });

  it('leaves the URL clean when nothing is chosen', async () => {
    const user = userEvent.setup();
    renderForm('/actions?brag=red');

    await user.click(screen.getByRole('checkbox', { name: 'Red' }));
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(location()).toBe('/actions');
  });
});
