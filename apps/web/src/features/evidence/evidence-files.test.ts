import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { EVIDENCE_ACCEPT, checkEvidenceFile, fileTypeLabel, formatFileSize, labelFromFileName, uploadRefusal } from './evidence-files';

const MB = 1_048_576;

describe('evidence files', () => {
  it('offers the contract’s file kinds to the file chooser', () => {
    expect(EVIDENCE_ACCEPT.split(',')).toEqual(expect.arrayContaining(['.pdf', '.docx', '.xlsx', '.pptx', '.png', '.jpg', '.csv', '.txt']));
    expect(EVIDENCE_ACCEPT).not.toContain('.exe');
  });

  it('refuses a file by its size and kind before it is sent', () => {
    expect(checkEvidenceFile({ name: 'audit.pdf', size: 2 * MB }, 20)).toBeNull();
    expect(checkEvidenceFile({ name: 'audit.pdf', size: 20 * MB }, 20)).toBeNull();
    expect(checkEvidenceFile({ name: 'audit.pdf', size: 20 * MB + 1 }, 20)).toBe('The file “audit.pdf” is larger than 20 MB');
    expect(checkEvidenceFile({ name: 'Audit.PDF', size: 100 }, 20)).toBeNull();
    expect(checkEvidenceFile({ name: 'setup.exe', size: 100 }, 20)).toBe(
      'The file “setup.exe” must be a PDF, Word, Excel, PowerPoint, PNG, JPEG, GIF, WebP, text or CSV file',
    );
    expect(checkEvidenceFile({ name: 'empty.txt', size: 0 }, 20)).toBe('The file “empty.txt” is empty');
    // The limit is the partnership's setting: unknown, the API alone decides.
    expect(checkEvidenceFile({ name: 'huge.pdf', size: 500 * MB }, undefined)).toBeNull();
  });

  it('words sizes, types and labels for people', () => {
    expect(formatFileSize(1_258_291)).toBe('1.2 MB');
    expect(formatFileSize(20 * MB)).toBe('20 MB');
    expect(formatFileSize(5300)).toBe('5 KB');
    expect(formatFileSize(12)).toBe('12 bytes');
    expect(fileTypeLabel('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('Word');
    expect(fileTypeLabel('application/x-unknown')).toBe('Document');
    expect(labelFromFileName('Re-audit of 20 cases.v2.docx')).toBe('Re-audit of 20 cases.v2');
    expect(labelFromFileName('README')).toBe('README');
  });

  it('words the API’s refusals like its own checks', () => {
    const problem = (status: number, code: string) =>
      new ApiError({ type: 'about:blank', title: 'Refused', status, detail: 'file: refused', code, errors: [{ path: 'file', message: 'is refused' }] });
    expect(uploadRefusal(problem(413, 'evidence.too_large'), 'a.pdf', 20)).toBe('The file “a.pdf” is larger than 20 MB');
    expect(uploadRefusal(problem(415, 'evidence.type_not_allowed'), 'a.pdf', 20)).toMatch(/^The file “a.pdf” must be a PDF/);
    expect(uploadRefusal(problem(422, 'evidence.type_mismatch'), 'a.pdf', 20)).toMatch(/is not the kind of file its name says \(\.pdf\)/);
    expect(uploadRefusal(problem(422, 'evidence.empty'), 'a.pdf', 20)).toBe('The file “a.pdf” is empty');
    expect(uploadRefusal(problem(422, 'evidence.other'), 'a.pdf', 20)).toBe('The file “a.pdf” is refused');
  });
});
