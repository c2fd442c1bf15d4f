import { EVIDENCE_FILE_TYPES, LIMITS } from '@lrt/contracts/constants';
import { isApiError } from '@/lib/api-client';

/**
 * What the tracker accepts as an evidence document, from the contract's list of types, so a file the API would
 * refuse is refused here first, before its bytes are sent. The API checks again (by what the bytes say they are)
 * and has the last word.
 */

/** 1 MB is 1,048,576 bytes, as the API counts `evidenceMaxMegabytes`. */
const BYTES_PER_MEGABYTE = 1_048_576;

const TYPES: Readonly<Record<string, { label: string; extensions: readonly string[] }>> = EVIDENCE_FILE_TYPES;

export const EVIDENCE_EXTENSIONS: readonly string[] = [...new Set(Object.values(TYPES).flatMap((type) => type.extensions))];

/** For the file input's `accept`: the extensions, so the chooser offers the right files on every platform. */
export const EVIDENCE_ACCEPT = EVIDENCE_EXTENSIONS.map((extension) => `.${extension}`).join(',');

/** "PDF, Word, Excel, PowerPoint, PNG, JPEG, GIF, WebP, text or CSV": the kinds in words, from the same list. */
export const EVIDENCE_KINDS_IN_WORDS = (() => {
  const words = [
    ...new Set(
      Object.values(TYPES).map((type) => {
        const word = type.label.replace(/\s*\(.*\)$/, '').replace(/ image$/, '');
        return word === 'Text' ? 'text' : word;
      }),
    ),
  ];
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : (words[0] ?? '');
})();

export const extensionOf = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** "audit-report.v2.pdf" → "audit-report.v2": the label a document starts with, which the person can change. */
export function labelFromFileName(name: string): string {
  const withoutExtension = name.replace(/\.[^.]+$/, '').trim();
  return (withoutExtension || name).slice(0, LIMITS.label);
}

/** 1,234,567 → "1.2 MB"; 5,300 → "5 KB"; 12 → "12 bytes". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < BYTES_PER_MEGABYTE) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const megabytes = bytes / BYTES_PER_MEGABYTE;
  return `${megabytes >= 100 ? Math.round(megabytes) : Number(megabytes.toFixed(1))} MB`;
}

/** "application/pdf" → "PDF". */
export const fileTypeLabel = (contentType: string) => TYPES[contentType]?.label ?? 'Document';

const tooLarge = (name: string, maxMegabytes: number) => `The file “${name}” is larger than ${maxMegabytes} MB`;
const notAllowed = (name: string) => `The file “${name}” must be a ${EVIDENCE_KINDS_IN_WORDS} file`;
const empty = (name: string) => `The file “${name}” is empty`;

/** Why this file will not be accepted, or null. `maxMegabytes` is the partnership's setting, when known. */
export function checkEvidenceFile(file: Pick<File, 'name' | 'size'>, maxMegabytes: number | undefined): string | null {
  if (!EVIDENCE_EXTENSIONS.includes(extensionOf(file.name))) return notAllowed(file.name);
  if (file.size === 0) return empty(file.name);
  if (maxMegabytes !== undefined && file.size > maxMegabytes * BYTES_PER_MEGABYTE) return tooLarge(file.name, maxMegabytes);
  return null;
}

/** The API's refusal of an upload, in the same words as the checks above; anything else as the API said it. */
export function uploadRefusal(error: unknown, name: string, maxMegabytes: number | undefined): string {
  if (!isApiError(error)) return `The file “${name}” could not be uploaded. Try again.`;
  switch (error.code) {
    case 'evidence.too_large':
      if (maxMegabytes !== undefined) return tooLarge(name, maxMegabytes);
      break;
    case 'evidence.type_not_allowed':
      return notAllowed(name);
    case 'evidence.type_mismatch':
      return `The file “${name}” is not the kind of file its name says (.${extensionOf(name)}). Save it again in that format, then choose it again`;
    case 'evidence.empty':
      return empty(name);
    default:
      break;
  }
  const message = error.fieldErrors.find((fieldError) => fieldError.path === 'file')?.message ?? error.problem.detail ?? error.problem.title;
  if (/^(must|may|is|are|should|cannot|needs|has)\b/.test(message)) return `The file “${name}” ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}
