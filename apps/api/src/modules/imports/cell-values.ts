import type { ActionKind, ActionStatus, Brag, Confidence } from '@lrt/contracts';

/**
 * What people write in a plan's cells, read as the tracker's values. Each reader says what it made of the text
 * and, where it had to guess, a warning in words; text it cannot read is an error the preview shows on the row.
 */
export type Reading<T> = { value: T; warning?: string } | { error: string };

/** Words compared without case, curly punctuation or spacing: "Amber / Green" = "amber/green". */
export const normaliseWords = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‛′`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

/** A heading or a name as a key: letters and digits only ("Target date:" = "target-date" = "TargetDate"). */
export const keyOf = (text: string) => normaliseWords(text).replace(/[^\p{L}\p{N}]+/gu, '');

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthNumber = (word: string) => {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const index = MONTHS.findIndex((m) => m.startsWith(w) || (w === 'sept' && m === 'september'));
  return index < 0 ? undefined : index + 1;
};

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const fullYear = (y: number) => (y < 100 ? 2000 + y : y);
const ukLong = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]!.replace(/^./, (c) => c.toUpperCase())} ${y}`;
};

function validDay(y: number, m: number, d: number, written: string): Reading<string> {
  if (m < 1 || m > 12) return { error: `${written} is not a date: there is no month ${m}` };
  if (d < 1 || d > lastDay(y, m)) return { error: `${written} is not a date: ${MONTHS[m - 1]!.replace(/^./, (c) => c.toUpperCase())} ${y} has no day ${d}` };
  if (y < 1990 || y > 2100) return { error: `${written} is not a plausible target date (the year ${y})` };
  return { value: iso(y, m, d) };
}

/** Days from Excel's day 0 (30 December 1899, keeping its leap-year quirk) to 1 January 1970. */
const EXCEL_EPOCH_OFFSET = 25569;

/** Words that mean "no date (yet)". */
const NO_DATE = /^(tbc|tba|tbd|n\/?a|none|ongoing|on-going|continuous|not known|unknown|-+|to be confirmed|to be agreed)$/;

/**
 * A target date as people type it: 31/03/2026, 31.3.26, 31-03-2026, 2026-03-31, 31 March 2026, 31st Mar 26,
 * "March 2026" and "Mar-26" (the month's last day), "end of Q3 2026" or "Q3 2026/27" (quarters of the financial
 * year, April to March), an Excel serial number (46112). Day first, always: this is a UK product.
 */
export function readDate(raw: string): Reading<string | null> {
  const text = normaliseWords(raw).replace(/^(by|due|target:?|end of|end|by end of|by the end of|the end of)\s+/, '').replace(/\s*\(.*\)$/, '');
  if (text === '') return { value: null };
  if (NO_DATE.test(text)) return { value: null, warning: `“${raw.trim()}” is not a date: imported with no target date` };

  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+z?)?$/.exec(text);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]), raw.trim());

  m = /^(\d{1,2})[/.\-\\ ](\d{1,2})[/.\-\\ ](\d{2}|\d{4})$/.exec(text);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const reading = validDay(fullYear(y), mo, d, raw.trim());
    if ('error' in reading) return reading;
    // A two-digit year or dots leave room for doubt; 31/03/2026 does not (day first, always).
    const guessed = m[3]!.length === 2 || text.includes('.');
    return guessed ? { value: reading.value, warning: `“${raw.trim()}” read as ${ukLong(reading.value)}` } : reading;
  }

  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+\.?)[\s,-]+(\d{2}|\d{4})$/.exec(text);
  if (m && monthNumber(m[2]!)) {
    const reading = validDay(fullYear(Number(m[3])), monthNumber(m[2]!)!, Number(m[1]), raw.trim());
    if ('error' in reading) return reading;
    return m[3]!.length === 2 ? { value: reading.value, warning: `“${raw.trim()}” read as ${ukLong(reading.value)}` } : reading;
  }

  m = /^([a-z]+\.?)[\s,'-]+(\d{2}|\d{4})$/.exec(text);
  if (m && monthNumber(m[1]!)) {
    const y = fullYear(Number(m[2]));
    const mo = monthNumber(m[1]!)!;
    const value = iso(y, mo, lastDay(y, mo));
    return { value, warning: `“${raw.trim()}” names a month: read as its last day, ${ukLong(value)}` };
  }

  m = /^(?:q|quarter\s*)([1-4])\s*(?:of\s*)?(?:fy\s*)?(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?$/.exec(text);
  if (m) {
    const quarter = Number(m[1]);
    const startYear = Number(m[2]);
    // Quarters of the financial year that starts in April of the year named: Q1 ends in June, Q4 in March.
    const [y, mo] = quarter === 4 ? [startYear + 1, 3] : [startYear, 3 + quarter * 3];
    const value = iso(y, mo, lastDay(y, mo));
    return { value, warning: `“${raw.trim()}” read as the end of quarter ${quarter} of the financial year ${startYear}/${String(startYear + 1).slice(2)}: ${ukLong(value)}` };
  }

  m = /^(\d{5})(?:\.\d+)?$/.exec(text);
  if (m) {
    const serial = Number(m[1]);
    const date = new Date((serial - EXCEL_EPOCH_OFFSET) * 86_400_000).toISOString().slice(0, 10);
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    const reading = validDay(y, mo, d, raw.trim());
    if ('error' in reading) return reading;
    return { value: reading.value, warning: `${serial} is an Excel date number: read as ${ukLong(reading.value)}` };
  }

  return { error: `“${raw.trim()}” is not a date the import can read: write it as 31/03/2027` };
}

/** The BRAG or RAG word as people write it. Mixed ratings ("Amber/Green") take the first colour, with a warning. */
export function readBrag(raw: string): Reading<Brag | null> {
  const text = normaliseWords(raw);
  if (text === '' || text === 'n/a' || text === 'none') return { value: null };
  const colours: [RegExp, Brag][] = [
    [/^(b|blue|complete|completed|done)\b/, 'blue'],
    [/^(g|green|on track)\b/, 'green'],
    [/^(a|amber|yellow|at risk)\b/, 'amber'],
    [/^(r|red|off track)\b/, 'red'],
  ];
  const found = colours.find(([pattern]) => pattern.test(text));
  if (!found) return { error: `“${raw.trim()}” is not a BRAG rating: write Blue, Green, Amber or Red` };
  const mixed = /[/\-&]|\band\b/.test(text.replace(/^(on|off) track/, '').replace(/^at risk/, ''));
  return mixed ? { value: found[1], warning: `“${raw.trim()}” read as ${found[1].replace(/^./, (c) => c.toUpperCase())}` } : { value: found[1] };
}

/** A status word as people write it; a BRAG word in a status column says as much as it can. */
export function readStatus(raw: string): Reading<ActionStatus | null> {
  const text = normaliseWords(raw);
  if (text === '') return { value: null };
  const words: [RegExp, ActionStatus, string?][] = [
    [/^(not started|not yet started|not begun|planned|to do|todo|not commenced|pending)$/, 'not_started'],
    [/^(in progress|in hand|ongoing|on-going|on track|started|open|underway|under way|progressing|active|live|partially complete|partially completed|part complete)$/, 'in_progress'],
    [/^(complete|completed|done|closed|finished|achieved|met|fully complete|implemented)$/, 'completed'],
    [/^(assured|signed off|complete and assured|closed and assured)$/, 'assured'],
    [/^(withdrawn|cancelled|canceled|no longer required|superseded|not required|dropped)$/, 'withdrawn'],
    [/^(overdue|delayed|behind|late|at risk|off track|slipped)$/, 'in_progress', 'says the action is behind: imported as In progress (the tracker works out whether it is overdue from its target date)'],
    [/^(green|amber|red|amber\/green|green\/amber|amber\/red|red\/amber)$/, 'in_progress', 'is a RAG rating, not a status: imported as In progress'],
    [/^(blue)$/, 'completed', 'is a BRAG rating: Blue read as Completed'],
  ];
  for (const [pattern, status, note] of words) {
    if (pattern.test(text)) return note ? { value: status, warning: `“${raw.trim()}” ${note}` } : { value: status };
  }
  return { error: `“${raw.trim()}” is not a status: write Not started, In progress, Completed, Assured or Withdrawn` };
}

export function readConfidence(raw: string): Reading<Confidence | null> {
  const text = normaliseWords(raw);
  if (text === '') return { value: null };
  if (/^(on track|green|high|confident|g)$/.test(text)) return { value: 'on_track' };
  if (/^(at risk|amber|medium|some risk|a)$/.test(text)) return { value: 'at_risk' };
  if (/^(off track|red|low|not on track|r)$/.test(text)) return { value: 'off_track' };
  return { error: `“${raw.trim()}” is not a confidence: write On track, At risk or Off track` };
}

/** The confidence a RAG word implies about the agency's own view: green on track, amber at risk, red off track. */
export const confidenceOfBrag = (brag: Brag): Confidence => (brag === 'red' ? 'off_track' : brag === 'amber' ? 'at_risk' : 'on_track');

export function readKind(raw: string): Reading<ActionKind | null> {
  const text = keyOf(raw);
  if (text === '') return { value: null };
  if (/^(single|singleagency|sa|single agency)$/.test(text)) return { value: 'single_agency' };
  if (/^(multi|multiagency|ma|partnership|joint|multiagencyaction)$/.test(text)) return { value: 'multi_agency' };
  return { error: `“${raw.trim()}” is not a kind of action: write Single agency or Multi-agency` };
}

/** A number given as "Recommendation 2", "Rec. 2", "R2", "KLP 1", "2" or "2.". */
export function readNumber(raw: string, what: string): Reading<number | null> {
  const text = normaliseWords(raw);
  if (text === '') return { value: null };
  const m = /^(?:[a-z. ]*?)\s*(\d{1,3})\.?$/.exec(text);
  if (!m) return { error: `“${raw.trim()}” is not a ${what} number` };
  return { value: Number(m[1]) };
}

/** Names in one cell: separated by semicolons, commas, slashes, ampersands, "and" or new lines. */
export function splitNames(raw: string): string[] {
  return raw
    .split(/[;\n,/&]|\s+and\s+/i)
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter((name) => name !== '' && name !== '-');
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:)]/gi;

/** Links in an evidence cell, labelled by what precedes them ("Audit report: https://…") or by their host. */
export function readEvidenceLinks(raw: string): { links: { label: string; url: string }[]; rest: string } {
  const links: { label: string; url: string }[] = [];
  let rest = raw;
  for (const match of raw.matchAll(URL_PATTERN)) {
    const url = match[0];
    const before = raw.slice(0, match.index).split(/[\n;]/).pop()?.replace(/[:\-–\s]+$/, '').trim() ?? '';
    const label = before || new URL(url).hostname;
    links.push({ label: label.slice(0, 200), url });
    rest = rest.replace(before ? `${before}` : '', '').replace(url, '');
  }
  return { links, rest: rest.replace(/[\s:;\-–]+/g, ' ').trim() };
}

export function readVersion(raw: string): Reading<number | null> {
  const text = raw.trim();
  if (text === '') return { value: null };
  if (!/^\d{1,9}$/.test(text)) return { error: `“${text}” is not a version number: leave the Version column as the export wrote it` };
  return { value: Number(text) };
}
