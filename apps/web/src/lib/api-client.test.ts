import { describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '@/test/render';
import { ApiError, api, setCsrfToken } from './api-client';

describe('api client', () => {
  it('sends JSON to the API with the session cookie and repeats array filters', async () => {
    const fetchMock = vi.fn().mockResolvedValue(jsonResponse({ items: [], nextCursor: null }));
    vi.stubGlobal('fetch', fetchMock);

    await api.get('/actions', { query: { status: ['in_progress', 'not_started'], q: '', overdue: true } });

    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/actions?status=in_progress&status=not_started&overdue=true');
    expect(init.credentials).toBe('same-origin');
  });

  it('adds the CSRF token to state-changing requests only', async () => {
    const fetchMock = vi.fn().mockImplementation(() => Promise.resolve(jsonResponse({ ok: true })));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-123');
    try {
      await api.post('/actions/1/updates', { note: 'x' });
      await api.get('/actions/1');
    } finally {
      setCsrfToken(null);
    }
    const headersOf = (call: number) => new Headers((fetchMock.mock.calls[call] as [string, RequestInit])[1].headers);
    expect(headersOf(0).get('X-CSRF-Token')).toBe('token-123');
    expect(headersOf(0).get('Content-Type')).toBe('application/json');
    expect(headersOf(1).get('X-CSRF-Token')).toBeNull();
  });

  it('throws an ApiError carrying the problem details', async () => {
    const problem = {
      type: 'https://example.test/problems/action.not_found',
      title: 'Action not found',
      status: 404,
      detail: 'There is no action 99',
      code: 'action.not_found',
    };
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(jsonResponse(problem, { status: 404 })));

    const error = await api.get('/actions/99').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toEqual(problem);
    expect((error as ApiError).message).toBe('There is no action 99');
  });
});
