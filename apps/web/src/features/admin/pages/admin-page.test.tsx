import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeAgencyLeadMe, makeMe } from '@/test/factories';
import { renderAt } from '@/test/render';
import { AdminPage } from './admin-page';

describe('AdminPage', () => {
  it('links to each area of administration with what it is for', () => {
    renderAt(<AdminPage />, { url: '/admin' });
    expect(screen.getByRole('heading', { level: 1, name: 'Administration' })).toBeInTheDocument();
    for (const [name, href] of [
      ['Agencies', '/admin/agencies'],
      ['Subgroups', '/admin/subgroups'],
      ['Themes', '/admin/themes'],
      ['Users', '/admin/users'],
      ['Single sign-on', '/admin/single-sign-on'],
      ['Settings', '/admin/settings'],
      ['Outbox', '/admin/outbox'],
    ] as const) {
      expect(screen.getByRole('link', { name })).toHaveAttribute('href', href);
    }
    expect(screen.getByText(/how often agencies must update their actions/)).toBeInTheDocument();
  });

  it('offers only the areas someone may manage', () => {
    renderAt(<AdminPage />, { url: '/admin', me: makeMe({}, { manageUsers: false, manageSettings: false }) });
    expect(screen.getByRole('link', { name: 'Agencies' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Outbox' })).not.toBeInTheDocument();
  });

  it('tells anyone else they do not have access', () => {
    renderAt(<AdminPage />, { url: '/admin', me: makeAgencyLeadMe() });
    expect(screen.getByRole('heading', { name: 'You do not have access to administration' })).toBeInTheDocument();
    expect(document.title).toMatch(/^You do not have access to administration/);
  });
});
