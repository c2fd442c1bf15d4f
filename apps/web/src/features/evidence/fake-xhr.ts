import { act } from '@testing-library/react';
import { vi } from 'vitest';

/**
 * Test use only. jsdom sends no real uploads and fires no upload progress, so tests put this in place of
 * XMLHttpRequest and play the API's part: report progress, then answer.
 */
type Listener = (event: { loaded: number; total: number; lengthComputable: boolean }) => void;

class Listeners {
  private readonly byType = new Map<string, Set<Listener>>();
  addEventListener(type: string, listener: Listener) {
    if (!this.byType.has(type)) this.byType.set(type, new Set());
    this.byType.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: Listener) {
    this.byType.get(type)?.delete(listener);
  }
  dispatch(type: string, event = { loaded: 0, total: 0, lengthComputable: false }) {
    this.byType.get(type)?.forEach((listener) => listener(event));
  }
}

export class FakeXhr extends Listeners {
  method = '';
  url = '';
  readonly headers = new Map<string, string>();
  body: FormData | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  aborted = false;
  readonly upload = new Listeners();

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers.set(name.toLowerCase(), value);
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.dispatch('abort');
  }

  /** The file sent, as the API would read its `file` part. */
  get file() {
    return this.body?.get('file') as File | null;
  }

  async progress(loaded: number, total: number) {
    await act(async () => this.upload.dispatch('progress', { loaded, total, lengthComputable: true }));
  }

  async respond(status: number, body: unknown, statusText = '') {
    await act(async () => {
      this.status = status;
      this.statusText = statusText;
      this.responseText = JSON.stringify(body);
      this.dispatch('load');
    });
  }
}

/** Replace XMLHttpRequest for this test; `requests` holds every one made, in order. */
export function stubXhr() {
  const requests: FakeXhr[] = [];
  vi.stubGlobal(
    'XMLHttpRequest',
    class extends FakeXhr {
      constructor() {
        super();
        requests.push(this);
      }
    },
  );
  return requests;
}

/** A stored evidence document as `POST /api/evidence` answers. */
export const storedFile = (overrides: Partial<{ id: number; name: string; size: number; contentType: string }> = {}) => ({
  id: 91,
  name: 'audit-report.pdf',
  size: 1_258_291,
  contentType: 'application/pdf',
  sha256: 'a'.repeat(64),
  uploadedAt: '2026-03-03T10:00:00.000Z',
  ...overrides,
});
