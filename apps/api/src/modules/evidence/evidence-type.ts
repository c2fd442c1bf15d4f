import { EVIDENCE_FILE_TYPES, LIMITS, type EvidenceContentType } from '@lrt/contracts';
import { ProblemError, unprocessable } from '../../plugins/problems';

/** What file-type made of the bytes (undefined: nothing it knows, as for text). */
export interface DetectedType {
  ext: string;
  mime: string;
}

/** Legacy Office documents are all Compound File Binary containers: which one it is, the extension says. */
const CFB_BY_EXTENSION: Record<string, EvidenceContentType> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};
const TEXT_BY_EXTENSION: Record<string, EvidenceContentType> = { txt: 'text/plain', csv: 'text/csv' };

const isAccepted = (mime: string): mime is EvidenceContentType => Object.hasOwn(EVIDENCE_FILE_TYPES, mime);
const extensionsOf = (type: EvidenceContentType): readonly string[] => EVIDENCE_FILE_TYPES[type].extensions;
const isClaimed = (extension: string) => Object.values(EVIDENCE_FILE_TYPES).some((t) => (t.extensions as readonly string[]).includes(extension));
const ACCEPTED_LIST = [...new Set(Object.values(EVIDENCE_FILE_TYPES).map((t) => t.label.replace(/ \(.*\)$/, '')))].join(', ');

/** The extension a name claims, lower-cased, without the dot ('' when it has none). */
export const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

const notAllowed = (message: string) =>
  new ProblemError(415, 'evidence.type_not_allowed', 'Type of document not accepted', `file: ${message}`, [{ path: 'file', message }]);
const mismatch = (message: string) => unprocessable('evidence.type_mismatch', [{ path: 'file', message }]);

/**
 * Decides what an upload is from its bytes, and refuses it unless that is one of EVIDENCE_FILE_TYPES and its name
 * claims the same (a PDF named .pdf, never PNG bytes named .pdf). Text has no magic bytes: a .txt or .csv is
 * taken as text when its bytes are UTF-8 with no NUL. Throws the problem to answer with.
 */
export function decideEvidenceType(upload: { name: string; detected: DetectedType | undefined; isText: boolean }): EvidenceContentType {
  const extension = extensionOf(upload.name);
  const { detected } = upload;
  const textType = TEXT_BY_EXTENSION[extension];

  if (detected?.mime === 'application/x-cfb') {
    const legacy = CFB_BY_EXTENSION[extension];
    if (legacy) return legacy;
    throw extension && isClaimed(extension)
      ? mismatch(`is named .${extension} but is an older (97–2003) Office document: name it .doc, .xls or .ppt`)
      : notAllowed(`is a Compound File (an older Office or other Windows document) not named .doc, .xls or .ppt; accepted: ${ACCEPTED_LIST}`);
  }
  if (detected && isAccepted(detected.mime)) {
    if (extensionsOf(detected.mime).includes(extension)) return detected.mime;
    const expected = extensionsOf(detected.mime).map((e) => `.${e}`).join(' or ');
    throw mismatch(
      extension
        ? `is named .${extension} but its contents are a ${expected} file (${EVIDENCE_FILE_TYPES[detected.mime].label})`
        : `has no extension; its contents are a ${expected} file (${EVIDENCE_FILE_TYPES[detected.mime].label})`,
    );
  }
  // Text trips a few of file-type's weaker signatures (two letters, an XML prolog): text it is if the name says
  // so and the bytes agree.
  if (textType && upload.isText) return textType;
  if (detected) throw notAllowed(`is a ${detected.ext} file, which is not accepted; accepted: ${ACCEPTED_LIST}`);
  if (textType) throw mismatch(`is named .${extension} but is not plain text (UTF-8 without NUL bytes): save it as UTF-8 text`);
  if (extension && isClaimed(extension)) throw mismatch(`is named .${extension} but its contents are not a ${extension.toUpperCase()} document`);
  throw notAllowed(`is not a kind of document the tracker accepts; accepted: ${ACCEPTED_LIST}`);
}

// C0 and C1 controls, and the invisible marks (right-to-left override and the like) that can make an .exe look like a .pdf.
const UNSAFE_CHARACTERS = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2060-\u2069\u061C\uFEFF]/gu;

/**
 * The name kept for a document: the last part of whatever path the browser sent, without control or bidirectional
 * characters, at most LIMITS.fileName characters (cut in the stem, so the extension survives).
 */
export function sanitiseFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(UNSAFE_CHARACTERS, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  const chars = Array.from(cleaned);
  if (chars.length <= LIMITS.fileName) return cleaned;
  const extension = extensionOf(cleaned);
  const suffix = extension && extension.length < 20 ? `.${extension}` : '';
  return chars.slice(0, LIMITS.fileName - suffix.length).join('').trimEnd() + suffix;
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form, which every current browser reads. */
export function contentDisposition(name: string) {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%;]/g, '_').trim();
  const fallback = ascii === '' || ascii.startsWith('.') ? `evidence${ascii}` : ascii;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
