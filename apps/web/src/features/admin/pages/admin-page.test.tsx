import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { DatabaseHealth } from '@lrt/contracts';
import { makeAgencyLeadMe, makeMe } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
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

  it('says where the partnership’s data is kept and whether the database is up to date', async () => {
    const health = (body: DatabaseHealth) =>
      vi.stubGlobal(
        'fetch',
        vi.fn<typeof fetch>(async (input) => (new URL(String(input), 'http://localhost').pathname === '/api/health/database' ? jsonResponse(body) : jsonResponse({}))),
      );
    health({ database: 'postgresql', migrated: true, latestMigration: '0001_triggers_and_search' });
    const { unmount } = renderAt(<AdminPage />, { url: '/admin' });
    expect(await screen.findByRole('heading', { name: 'Where the data is kept' })).toBeInTheDocument();
    expect(screen.getByText(/kept in PostgreSQL, a database server run alongside the tracker\. It is up to date with this version of the tracker \(migration 0001_triggers_and_search\)/)).toBeInTheDocument();
    unmount();
    health({ database: 'sqlite', migrated: false, latestMigration: '0014_rating_indexes' });
    renderAt(<AdminPage />, { url: '/admin' });
    expect(await screen.findByText(/kept in SQLite, a database file on the tracker’s own server\. It is not up to date .* restart the tracker/)).toBeInTheDocument();
  });

  it('keeps where the data is to those who manage the settings', () => {
    const fetchMock = vi.fn<typeof fetch>(async () => jsonResponse({ database: 'sqlite', migrated: true, latestMigration: '0014_rating_indexes' }));
    vi.stubGlobal('fetch', fetchMock);
    renderAt(<AdminPage />, { url: '/admin', me: makeMe({}, { manageUsers: false, manageSettings: false }) });
    expect(screen.queryByRole('heading', { name: 'Where the data is kept' })).not.toBeInTheDocument();
    expect(fetchMock.mock.calls.map(([input]) => String(input))).not.toContainEqual(expect.stringContaining('/health/database'));
  });

  it('tells anyone else they do not have access', () => {
    renderAt(<AdminPage />, { url: '/admin', me: makeAgencyLeadMe() });
    expect(screen.getByRole('heading', { name: 'You do not have access to administration' })).toBeInTheDocument();
    expect(document.title).toMatch(/^You do not have access to administration/);
  });
});
