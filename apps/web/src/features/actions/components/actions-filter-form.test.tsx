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
  it('shows the filters the URL holds', () => {
    renderForm('/actions?q=briefing&status=in_progress&status=not_started&brag=red&overdue=true&agencyId=2&sort=-targetDate');

    expect(screen.getByLabelText('Search')).toHaveValue('briefing');
    expect(screen.getByRole('checkbox', { name: 'In progress' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Not started' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Completed' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Red' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Amber' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Overdue' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Stale/ })).not.toBeChecked();
    expect(screen.getByLabelText('Agency')).toHaveValue('2');
    expect(screen.getByLabelText('Sort by')).toHaveValue('-targetDate');
  });

  it('groups every set of checkboxes under a legend', () => {
    renderForm('/actions');
    for (const legend of ['Status', 'BRAG rating', 'Needs attention', 'Kind of action']) {
      expect(screen.getByRole('group', { name: legend })).toBeInTheDocument();
    }
  });

  it('writes the chosen filters into the URL and goes back to the first page', async () => {
    const user = userEvent.setup();
    renderForm('/actions?status=in_progress&cursor=abc');

    await user.type(screen.getByLabelText('Search'), 'chronology');
    await user.click(screen.getByRole('checkbox', { name: 'Amber' }));
    await user.click(screen.getByRole('checkbox', { name: /Stale/ }));
    await user.selectOptions(screen.getByLabelText('Review'), 'CR-2023: Child R');
    await user.selectOptions(screen.getByLabelText('Theme'), 'Child’s voice');
    await user.selectOptions(screen.getByLabelText('Sort by'), 'Needing attention first');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    const params = new URL(location(), 'http://localhost').searchParams;
    expect(new URL(location(), 'http://localhost').pathname).toBe('/actions');
    expect(params.get('q')).toBe('chronology');
    expect(params.getAll('status')).toEqual(['in_progress']);
    expect(params.getAll('brag')).toEqual(['amber']);
    expect(params.get('stale')).toBe('true');
    expect(params.has('overdue')).toBe(false);
    expect(params.getAll('reviewId')).toEqual(['4']);
    expect(params.getAll('themeId')).toEqual(['6']);
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
