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

/** The problem of a request that never reached the API (offline, DNS, the server down). */
const unreachable = (): Problem => ({
  type: 'about:blank',
  title: 'Cannot reach the tracker',
  status: 0,
  detail: 'The tracker could not be reached. Check your connection and try again.',
  code: 'network.unreachable',
});

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
    throw new ApiError(unreachable());
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

function toProblem(response: Pick<Response, 'status' | 'statusText'>, payload: unknown): Problem {
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
  /** A body is rare on DELETE, but some need proof (turning off two-factor sign-in takes the password). */
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send (the file and the multipart framing), when the browser knows it. */
  total: number | null;
}

export interface UploadOptions {
  /** Called as the browser sends the file: the only way to show a progress bar (fetch reports no upload progress). */
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** Other parts of the form (an import's `reviewId`), sent before the file so the API reads them first. */
  fields?: Record<string, string>;
}

/**
 * Send one file as `multipart/form-data` (a part named `file`, after any `fields`), reporting upload progress. It goes through
 * XMLHttpRequest because fetch cannot report how much of a body has been sent; the headers (the CSRF token) come
 * from `requestHeaders()` and refusals are thrown as the same `ApiError` as every other call. An abort rejects with
 * an `AbortError` DOMException, as fetch does.
 */
export function uploadFile<T>(path: string, file: File, { onProgress, signal, fields = {} }: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abortError = () => new DOMException('The upload was cancelled', 'AbortError');
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    // The browser sets the multipart Content-Type with its boundary; every other header is the client's own.
    requestHeaders('POST', false).forEach((value, name) => xhr.setRequestHeader(name, value));
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);

    xhr.upload.addEventListener('progress', (event) => {
      onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : null });
    });
    xhr.addEventListener('load', () => {
      settle();
      let payload: unknown;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T);
      else reject(new ApiError(toProblem(xhr, payload)));
    });
    xhr.addEventListener('error', () => {
      settle();
      reject(new ApiError(unreachable()));
    });
    xhr.addEventListener('abort', () => {
      settle();
      reject(abortError());
    });

    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

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
