import { describe, expect, it } from 'vitest';
import { ApiError, setCsrfToken } from '@/lib/api-client';
import { storedFile, stubXhr } from '../fake-xhr';
import { uploadEvidence } from './upload-evidence';

describe('uploadEvidence', () => {
  it('sends the file as multipart with the session’s CSRF token and reports progress', async () => {
    const requests = stubXhr();
    setCsrfToken('token-123');
    const progress: unknown[] = [];
    const file = new File(['%PDF-1.7'], 'audit.pdf', { type: 'application/pdf' });
    try {
      const done = uploadEvidence({ file, onProgress: (p) => progress.push(p) });
      const [xhr] = requests;
      expect(xhr?.method).toBe('POST');
      expect(xhr?.url).toBe('/api/evidence');
      expect(xhr?.headers.get('x-csrf-token')).toBe('token-123');
      // The browser sets the multipart boundary itself.
      expect(xhr?.headers.has('content-type')).toBe(false);
      expect(xhr?.file?.name).toBe('audit.pdf');
      await xhr!.progress(4, 8);
      await xhr!.respond(201, storedFile({ name: 'audit.pdf' }));
      await expect(done).resolves.toMatchObject({ id: 91, name: 'audit.pdf' });
      expect(progress).toEqual([{ loaded: 4, total: 8 }]);
    } finally {
      setCsrfToken(null);
    }
  });

  it('throws the API’s problem as an ApiError, and an AbortError when cancelled', async () => {
    const requests = stubXhr();
    const file = new File(['x'], 'a.pdf');
    const refused = uploadEvidence({ file }).catch((caught: unknown) => caught);
    await requests[0]!.respond(413, { type: 'about:blank', title: 'Too large', status: 413, detail: 'file: too large', code: 'evidence.too_large', errors: [{ path: 'file', message: 'is larger than 20 MB' }] });
    const error = await refused;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('evidence.too_large');
    expect((error as ApiError).fieldErrors).toEqual([{ path: 'file', message: 'is larger than 20 MB' }]);

    const controller = new AbortController();
    const cancelled = uploadEvidence({ file, signal: controller.signal });
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(requests[1]!.aborted).toBe(true);
  });
});
