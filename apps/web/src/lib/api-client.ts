import type { Problem } from '@lrt/contracts';

/**
 * The one way the SPA talks to the API. Every request goes through `request()`, so headers that every call
 * needs (the CSRF token of a signed-in session, for one) are added in one place: `requestHeaders()` below.
 */

/** A failed API call, carrying the RFC 9457 problem the API sent (or one made up for network failures). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.status = problem.status;
    this.problem = problem;
  }

  get code() {
    return this.problem.code;
  }

  /** Field errors from a validation problem, keyed by dotted path (`evidence.0.url`). */
  get fieldErrors() {
    return this.problem.errors ?? [];
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type QueryParams = Record<string, QueryValue>;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;

/** Remember the CSRF token of the signed-in session (from `POST /api/auth/login` or `GET /api/auth/me`). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Headers sent with every request. The single place to add more. */
function requestHeaders(method: string, hasBody: boolean): Headers {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  if (hasBody) headers.set('Content-Type', 'application/json');
  if (csrfToken && UNSAFE_METHODS.has(method)) headers.set('X-CSRF-Token', csrfToken);
  return headers;
}

/** `{ status: ['a', 'b'], q: '' }` → `status=a&status=b`: arrays repeat, empty values are left out. */
export function toSearchParams(params: QueryParams = {}): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly (string | number | boolean)[]) search.append(key, String(item));
    } else {
      search.append(key, String(value));
    }
  }
  return search;
}

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const search = toSearchParams(options.query).toString();
  const url = `/api${path}${search ? `?${search}` : ''}`;
  const hasBody = options.body !== undefined;

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: requestHeaders(method, hasBody),
      body: hasBody ? JSON.stringify(options.body) : null,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'about:blank',
      title: 'Cannot reach the tracker',
      status: 0,
      detail: 'The tracker could not be reached. Check your connection and try again.',
      code: 'network.unreachable',
    });
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await readJson(response);
  if (!response.ok) throw new ApiError(toProblem(response, payload));
  return payload as T;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toProblem(response: Response, payload: unknown): Problem {
  if (payload && typeof payload === 'object' && 'status' in payload && 'code' in payload) {
    const problem = payload as Partial<Problem>;
    return {
      type: problem.type ?? 'about:blank',
      title: problem.title ?? response.statusText,
      status: problem.status ?? response.status,
      detail: problem.detail ?? problem.title ?? response.statusText,
      code: problem.code ?? 'unknown',
      ...(problem.errors ? { errors: problem.errors } : {}),
      ...(problem.current !== undefined ? { current: problem.current } : {}),
    };
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: `The tracker answered ${response.status} ${response.statusText}`.trim(),
    code: response.status >= 500 ? 'server.error' : 'request.failed',
  };
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
};

/** A keyset page as every list endpoint returns it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Every item of a list, following `nextCursor` at the largest page size. Only for small reference lists
 * (agencies, subgroups, themes, reviews), never for actions.
 */
export async function getAllPages<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pageCount = 0; pageCount < 50; pageCount += 1) {
    const page = await api.get<Page<T>>(path, { ...options, query: { ...options.query, limit: 200, cursor } });
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}
