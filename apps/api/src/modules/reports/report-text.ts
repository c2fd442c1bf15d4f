/**
 * What the board assurance report says, once for every format: the words (UK dates, BRAG and status words, the
 * sentences for a cut list or an empty section) and the content of each section as plain blocks (paragraphs,
 * tables, charts) that the Word and HTML renderers only lay out. Both formats therefore say the same things.
 */
import { LABELS, REPORT_SECTION_TITLES } from '@lrt/contracts';
import type { AssuranceReport, ReportAction, ReportSection } from '@lrt/contracts';

type Brag = keyof typeof LABELS.brag;
type Status = keyof typeof LABELS.actionStatus;
type Confidence = keyof typeof LABELS.confidence;

/** The five counts a BRAG tally holds, in the order the report shows them. */
export const TALLY_KEYS = ['blue', 'green', 'amber', 'red', 'withdrawn'] as const;
export type TallyKey = (typeof TALLY_KEYS)[number];
export type Tally = Record<TallyKey, number>;

/** The word for each count of a tally: the BRAG words, and withdrawn (which has no rating). */
export const TALLY_WORDS: Record<TallyKey, string> = { ...LABELS.brag, withdrawn: LABELS.actionStatus.withdrawn };

/**
 * The colours of the BRAG ratings (the tracker's own: GOV.UK blue, green, orange and red), with the text colour
 * that reads on each at 4.5:1 or more, and a light tint for table cells, where black text sits on the tint.
 */
export const TALLY_COLOURS: Record<TallyKey, { fill: string; text: string; tint: string }> = {
  blue: { fill: '1D70B8', text: 'FFFFFF', tint: 'CFE0F0' },
  green: { fill: '00703C', text: 'FFFFFF', tint: 'CCE6D7' },
  amber: { fill: 'F47738', text: '0B0C0C', tint: 'FDDDC9' },
  red: { fill: 'D4351C', text: 'FFFFFF', tint: 'F5CDC6' },
  withdrawn: { fill: 'B1B4B6', text: '0B0C0C', tint: 'E8E9EA' },
};

// Characters XML 1.0 forbids (C0 controls other than tab, newline and carriage return; U+FFFE and U+FFFF; unpaired
// surrogates). One stray control character in a note would otherwise make the whole document unreadable.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** User text made safe to write into XML: forbidden characters removed, line endings made "\n". */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(XML_FORBIDDEN, '');
}

/** Text escaped for HTML or SVG (content and attribute values), after cleaning. */
export function escapeXml(text: string): string {
  return cleanText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A calendar date (YYYY-MM-DD) the UK way: "31 March 2026". No date reads "not set". */
export function ukDate(date: string | null | undefined): string {
  if (!date) return 'not set';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return date;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : date;
}

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as London reads it: "31 March 2026 at 14:05". */
export function ukDateTime(instant: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  const parts = Object.fromEntries(LONDON_PARTS.formatToParts(at).map((p) => [p.type, p.value]));
  return `${ukDate(`${parts.year}-${parts.month}-${parts.day}`)} at ${parts.hour}:${parts.minute}`;
}

/** The day an instant falls on in London, the UK way. */
export function ukDayOf(instant: string): string {
  return ukDateTime(instant).replace(/ at \d\d:\d\d$/, '');
}

/** The day before a calendar date, as YYYY-MM-DD. */
export function dayBefore(date: string): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() - 1);
  return at.toISOString().slice(0, 10);
}

export function bragWord(brag: Brag | null | undefined): string {
  return brag ? LABELS.brag[brag] : 'Not rated';
}

export function statusWord(status: Status): string {
  return LABELS.actionStatus[status];
}

export function confidenceWord(confidence: Confidence): string {
  return LABELS.confidence[confidence];
}

/** "1 action", "3 actions". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** The sentence that ends a list the report cut short. */
export function notListedSentence(notListed: number, one = 'action', many = `${one}s`): string {
  return `A further ${plural(notListed, one, many)} ${notListed === 1 ? 'is' : 'are'} not listed; narrow the scope to see them.`;
}

/** A change written with its sign: "+3", "−2" (a true minus sign), "0". */
export function signed(n: number): string {
  if (n > 0) return `+${n}`;
  if (n < 0) return `\u2212${Math.abs(n)}`;
  return '0';
}

export function scopeText(report: AssuranceReport): string {
  const name = cleanText(report.scope.name);
  switch (report.scope.kind) {
    case 'partnership':
      return name && name !== cleanText(report.partnershipName) ? `The whole partnership (${name})` : 'The whole partnership';
    case 'review':
      return `Review: ${name}`;
    case 'subgroup':
      return `Subgroup: ${name}`;
    case 'agency':
      return `Agency: ${name}`;
  }
}

export function periodText(report: AssuranceReport): string {
  return `${ukDate(report.period.from)} to ${ukDate(report.period.to)}`;
}

export function comparedWithText(report: AssuranceReport): string {
  return `${cleanText(report.comparedWith.name)} (as at ${ukDate(report.comparedWith.asAt)})`;
}

/** The lines of the title page, label and value, in order. */
export function titlePageLines(report: AssuranceReport): { label: string; value: string }[] {
  return [
    { label: 'Partnership', value: cleanText(report.partnershipName) },
    { label: 'Scope', value: scopeText(report) },
    { label: 'As at', value: ukDate(report.asAt) },
    { label: 'Period', value: periodText(report) },
    { label: 'Compared with', value: comparedWithText(report) },
    { label: 'Generated', value: ukDateTime(report.generatedAt) },
  ];
}

export const CONFIDENTIAL = 'Confidential';
export const CONFIDENTIAL_LINE = 'Confidential: for the safeguarding partnership board. Do not share beyond its members.';

// ---------------------------------------------------------------------------------------------------------------
// The content of each section, as blocks the renderers lay out.

/** A table cell: its lines of text, optionally rated (shaded in the BRAG colour and worded), bold or a number. */
export type Cell = { lines: string[]; tally?: TallyKey; strong?: boolean; numeric?: boolean };
export type Column = { label: string; /** Relative width. */ width: number; numeric?: boolean; tally?: TallyKey };
export type Block =
  | { kind: 'paragraph'; text: string; emphasis?: 'lead' | 'note' }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'subheading'; text: string }
  | { kind: 'table'; caption: string; columns: Column[]; rows: Cell[][] }
  | { kind: 'chart'; chart: 'agencyProgress' | 'bragChange' };
export type SectionContent = { id: ReportSection; title: string; blocks: Block[] };

/** A longer note is shortened in the report (the tracker holds it whole), so one essay cannot fill pages. */
export const NOTE_LIMIT = 1200;

const text = (value: string, extra: Omit<Cell, 'lines'> = {}): Cell => ({ lines: cleanText(value).split('\n'), ...extra });
const num = (value: number): Cell => ({ lines: [value.toLocaleString('en-GB')], numeric: true });
const bragCell = (brag: Brag | null): Cell => (brag ? { lines: [bragWord(brag)], tally: brag, strong: true } : { lines: [bragWord(null)] });

function shortened(value: string): string {
  const clean = cleanText(value).trim();
  if (clean.length <= NOTE_LIMIT) return clean;
  return `${clean.slice(0, NOTE_LIMIT).trimEnd()}… (shortened: the full note is in the tracker)`;
}

/** The latest progress update of an action: the note, then who wrote it, when, and how confident they were. */
function latestNoteCell(action: ReportAction): Cell {
  const note = action.latestNote;
  if (!note) return { lines: ['No progress update yet'] };
  const by = [cleanText(note.author), ukDayOf(note.on), note.confidence ? confidenceWord(note.confidence) : null].filter(Boolean).join(', ');
  return { lines: [...shortened(note.text).split('\n'), `(${by})`] };
}

function refCell(action: Pick<ReportAction, 'ref'>): Cell {
  return text(action.ref, { strong: true });
}

function targetCell(action: ReportAction): Cell {
  return { lines: [ukDate(action.targetDate)] };
}

function statusCell(action: Pick<ReportAction, 'status' | 'overdue' | 'daysOverdue'>): Cell {
  const lines = [statusWord(action.status)];
  if (action.overdue) lines.push(`Overdue by ${plural(action.daysOverdue, 'day')}`);
  return { lines };
}

function evidenceLines(evidence: { label: string }[]): string[] {
  return evidence.length ? [`Evidence: ${evidence.map((e) => cleanText(e.label)).join('; ')}`] : [];
}

const ACTION_COLUMNS: Column[] = [
  { label: 'Ref', width: 9 },
  { label: 'Owner', width: 11 },
  { label: 'Action', width: 28 },
  { label: 'Target date', width: 11 },
  { label: 'Status', width: 11 },
  { label: 'BRAG', width: 8 },
  { label: 'Latest progress update', width: 22 },
];

function actionRow(action: ReportAction & { evidence?: { label: string }[] }): Cell[] {
  return [
    refCell(action),
    text(action.ownerAgency),
    { lines: [...cleanText(action.action).split('\n'), ...evidenceLines(action.evidence ?? [])] },
    targetCell(action),
    statusCell(action),
    bragCell(action.brag),
    latestNoteCell(action),
  ];
}

function tallyTable(caption: string, columns: { label: string; tally: (key: TallyKey) => Cell }[]): Block {
  return {
    kind: 'table',
    caption,
    columns: [{ label: 'BRAG rating', width: 16 }, ...columns.map((c) => ({ label: c.label, width: 12, numeric: true }))],
    rows: TALLY_KEYS.map((key) => [{ lines: [TALLY_WORDS[key]], tally: key, strong: true }, ...columns.map((c) => c.tally(key))]),
  };
}

function summarySection(report: AssuranceReport): Block[] {
  const t = report.totals;
  const blocks: Block[] = report.summary.length
    ? report.summary.map((s) => ({ kind: 'paragraph', text: cleanText(s) }) as Block)
    : [{ kind: 'paragraph', text: `${plural(t.actions, 'action')} in scope as at ${ukDate(report.asAt)}.` }];
  const rows: [string, number][] = [
    ['Actions in scope', t.actions],
    [statusWord('not_started'), t.byStatus.not_started],
    [statusWord('in_progress'), t.byStatus.in_progress],
    [statusWord('completed'), t.byStatus.completed],
    [statusWord('assured'), t.byStatus.assured],
    [statusWord('withdrawn'), t.byStatus.withdrawn],
    ['Overdue', t.overdue],
    ['Stale (no recent progress update)', t.stale],
  ];
  blocks.push({
    kind: 'table',
    caption: `Key figures as at ${ukDate(report.asAt)}`,
    columns: [{ label: 'Measure', width: 30 }, { label: 'Actions', width: 12, numeric: true }],
    rows: [
      ...rows.map(([label, n], i) => [text(label, { strong: i === 0 }), num(n)]),
      ...TALLY_KEYS.filter((k) => k !== 'withdrawn').map((key) => [{ lines: [`Rated ${TALLY_WORDS[key]}`], tally: key, strong: true } as Cell, num(t.byBrag[key])]),
    ],
  });
  return blocks;
}

function bragSection(report: AssuranceReport): Block[] {
  const start = dayBefore(report.period.from);
  const { atStart, atEnd, change } = report.brag;
  return [
    {
      kind: 'paragraph',
      text: `The ratings of the actions in scope as at the end of ${ukDate(start)}, the day before the period began, and as at ${ukDate(report.asAt)}.`,
    },
    { kind: 'chart', chart: 'bragChange' },
    tallyTable(`BRAG ratings at the start and end of the period (${periodText(report)})`, [
      { label: `At ${ukDate(start)}`, tally: (k) => num(atStart[k]) },
      { label: `At ${ukDate(report.asAt)}`, tally: (k) => num(atEnd[k]) },
      { label: 'Change', tally: (k) => ({ lines: [signed(change[k])], numeric: true }) },
    ]),
  ];
}

function agenciesSection(report: AssuranceReport): Block[] {
  if (!report.agencies.length) return [{ kind: 'paragraph', text: 'No agency has actions in this scope.' }];
  const agencies = [...report.agencies].sort((a, b) => b.actions - a.actions || a.name.localeCompare(b.name, 'en-GB'));
  return [
    { kind: 'chart', chart: 'agencyProgress' },
    {
      kind: 'table',
      caption: `Actions by agency and BRAG rating as at ${ukDate(report.asAt)}`,
      columns: [
        { label: 'Agency', width: 24 },
        { label: 'Actions', width: 9, numeric: true },
        ...TALLY_KEYS.map((k) => ({ label: TALLY_WORDS[k], width: 9, numeric: true, tally: k })),
        { label: 'Overdue', width: 9, numeric: true },
        { label: 'Done', width: 8, numeric: true },
      ],
      rows: agencies.map((a) => [
        text(a.name, { strong: true }),
        num(a.actions),
        ...TALLY_KEYS.map((k) => num(a.byBrag[k])),
        num(a.overdue),
        { lines: [`${a.percentDone}%`], numeric: true },
      ]),
    },
    { kind: 'paragraph', emphasis: 'note', text: 'Done is the share of an agency’s actions, other than withdrawn ones, that are completed or assured.' },
  ];
}

function recommendationsSection(report: AssuranceReport): Block[] {
  const { items, notListed } = report.recommendations;
  const blocks: Block[] = [];
  if (!items.length && !notListed) return [{ kind: 'paragraph', text: 'No recommendation in this scope has actions.' }];
  for (const item of items) {
    const heading =
      item.number === null
        ? `${cleanText(item.reviewCode)}: actions not linked to a recommendation`
        : `${cleanText(item.reviewCode)} recommendation ${item.number}`;
    blocks.push({ kind: 'subheading', text: heading });
    if (item.text.trim()) blocks.push({ kind: 'paragraph', text: cleanText(item.text), emphasis: 'lead' });
    if (item.actions.length) {
      blocks.push({ kind: 'table', caption: `Actions for ${heading}`, columns: ACTION_COLUMNS, rows: item.actions.map(actionRow) });
    } else {
      blocks.push({ kind: 'paragraph', text: 'No action is recorded against this recommendation.' });
    }
  }
  if (notListed > 0) blocks.push({ kind: 'paragraph', text: notListedSentence(notListed) });
  return blocks;
}

function overdueSection(report: AssuranceReport): Block[] {
  const { items, notListed } = report.overdue;
  if (!items.length && !notListed) return [{ kind: 'paragraph', text: `No action was overdue as at ${ukDate(report.asAt)}.` }];
  const blocks: Block[] = [];
  if (items.length) {
    blocks.push({
      kind: 'table',
      caption: `Actions overdue as at ${ukDate(report.asAt)}, longest overdue first`,
      columns: [
        { label: 'Ref', width: 9 },
        { label: 'Owner', width: 11 },
        { label: 'Action', width: 27 },
        { label: 'Target date', width: 11 },
        { label: 'Days overdue', width: 8, numeric: true },
        { label: 'BRAG', width: 8 },
        { label: 'Latest progress update', width: 26 },
      ],
      rows: items.map((a) => [refCell(a), text(a.ownerAgency), text(a.action), targetCell(a), num(a.daysOverdue), bragCell(a.brag), latestNoteCell(a)]),
    });
  }
  if (notListed > 0) blocks.push({ kind: 'paragraph', text: notListedSentence(notListed) });
  return blocks;
}

function revisedDatesSection(report: AssuranceReport): Block[] {
  const { items, notListed } = report.revisedDates;
  if (!items.length && !notListed) return [{ kind: 'paragraph', text: `No target date was revised between ${ukDate(report.period.from)} and ${ukDate(report.period.to)}.` }];
  const blocks: Block[] = [];
  if (items.length) {
    blocks.push({
      kind: 'table',
      caption: `Target dates revised between ${ukDate(report.period.from)} and ${ukDate(report.period.to)}`,
      columns: [
        { label: 'Ref', width: 9 },
        { label: 'Owner', width: 12 },
        { label: 'From', width: 12 },
        { label: 'To', width: 12 },
        { label: 'Reason', width: 31 },
        { label: 'Decided by', width: 12 },
        { label: 'On', width: 12 },
      ],
      rows: items.map((r) => [refCell(r), text(r.ownerAgency), { lines: [ukDate(r.from)] }, { lines: [ukDate(r.to)] }, text(shortened(r.reason)), text(r.decidedBy), { lines: [ukDayOf(r.on)] }]),
    });
  }
  if (notListed > 0) blocks.push({ kind: 'paragraph', text: notListedSentence(notListed, 'revision') });
  return blocks;
}

function completedSection(report: AssuranceReport): Block[] {
  const { items, notListed } = report.completed;
  if (!items.length && !notListed) {
    return [{ kind: 'paragraph', text: `No action was completed or assured between ${ukDate(report.period.from)} and ${ukDate(report.period.to)}.` }];
  }
  const blocks: Block[] = [];
  if (items.length) {
    blocks.push({
      kind: 'table',
      caption: `Actions completed or assured between ${ukDate(report.period.from)} and ${ukDate(report.period.to)}`,
      columns: [
        { label: 'Ref', width: 9 },
        { label: 'Owner', width: 11 },
        { label: 'Action', width: 24 },
        { label: 'Status', width: 13 },
        { label: 'Evidence of impact', width: 30 },
        { label: 'Evidence', width: 13 },
      ],
      rows: items.map((a) => [
        refCell(a),
        text(a.ownerAgency),
        text(a.action),
        {
          lines: [
            statusWord(a.status),
            ...(a.completedOn ? [`Completed ${ukDate(a.completedOn)}`] : []),
            ...(a.assuredOn ? [`Assured ${ukDate(a.assuredOn)}`] : []),
          ],
        },
        a.evidenceOfImpact?.trim() ? text(shortened(a.evidenceOfImpact)) : { lines: ['None recorded'] },
        a.evidence.length ? { lines: a.evidence.map((e) => cleanText(e.label)) } : { lines: ['None attached'] },
      ]),
    });
  }
  if (notListed > 0) blocks.push({ kind: 'paragraph', text: notListedSentence(notListed) });
  return blocks;
}

function changesSection(report: AssuranceReport): Block[] {
  const c = report.changes;
  const since = comparedWithText(report);
  const lists = [c.moved, c.newlyOverdue, c.assured, c.withdrawn, c.added];
  if (lists.every((l) => !l.length) && !c.notListed) {
    return [{ kind: 'paragraph', text: `No action changed between ${since} and ${ukDate(report.asAt)}.` }];
  }
  const blocks: Block[] = [{ kind: 'paragraph', text: `What moved between ${since} and ${ukDate(report.asAt)}.` }];
  blocks.push({
    kind: 'bullets',
    items: [
      `${plural(c.moved.length, 'action')} changed status or BRAG rating`,
      `${plural(c.newlyOverdue.length, 'action')} became overdue`,
      `${plural(c.assured.length, 'action')} assured`,
      `${plural(c.withdrawn.length, 'action')} withdrawn`,
      `${plural(c.added.length, 'action')} added`,
    ],
  });
  blocks.push({ kind: 'subheading', text: 'Changes of status or BRAG rating' });
  if (c.moved.length) {
    blocks.push({
      kind: 'table',
      caption: 'Actions whose status or BRAG rating changed',
      columns: [
        { label: 'Ref', width: 12 },
        { label: 'Owner', width: 18 },
        { label: 'Status was', width: 14 },
        { label: 'Status now', width: 14 },
        { label: 'BRAG was', width: 11 },
        { label: 'BRAG now', width: 11 },
      ],
      rows: c.moved.map((m) => [refCell(m), text(m.ownerAgency), { lines: [statusWord(m.fromStatus)] }, { lines: [statusWord(m.toStatus)] }, bragCell(m.fromBrag), bragCell(m.toBrag)]),
    });
  } else {
    blocks.push({ kind: 'paragraph', text: 'No action changed status or BRAG rating.' });
  }
  const groups: [string, ReportAction[], string][] = [
    ['Newly overdue', c.newlyOverdue, 'No action became overdue.'],
    ['Assured', c.assured, 'No action was assured.'],
    ['Withdrawn', c.withdrawn, 'No action was withdrawn.'],
    ['Added', c.added, 'No action was added.'],
  ];
  for (const [title, list, none] of groups) {
    blocks.push({ kind: 'subheading', text: title });
    if (list.length) blocks.push({ kind: 'table', caption: `${title} since ${since}`, columns: ACTION_COLUMNS, rows: list.map(actionRow) });
    else blocks.push({ kind: 'paragraph', text: none });
  }
  if (c.notListed > 0) blocks.push({ kind: 'paragraph', text: notListedSentence(c.notListed, 'change') });
  return blocks;
}

function themesSection(report: AssuranceReport): Block[] {
  const { themes, reviews, cells } = report.themes;
  if (!themes.length) return [{ kind: 'paragraph', text: 'No theme is tagged on the actions in this scope.' }];
  const codes = new Map(reviews.map((r) => [r.id, cleanText(r.code)]));
  const sorted = [...themes].sort((a, b) => b.reviewCount - a.reviewCount || b.actions - a.actions || a.name.localeCompare(b.name, 'en-GB'));
  return [
    {
      kind: 'paragraph',
      text: `${plural(themes.length, 'theme')} across ${plural(reviews.length, 'review')}, those that recur across most reviews first.`,
    },
    {
      kind: 'table',
      caption: 'Themes, the reviews they recur in and their actions',
      columns: [
        { label: 'Theme', width: 26 },
        { label: 'Reviews', width: 10, numeric: true },
        { label: 'Actions', width: 10, numeric: true },
        { label: 'Actions in each review', width: 54 },
      ],
      rows: sorted.map((t) => {
        const inReviews = cells
          .filter((c) => c.themeId === t.id && c.actions > 0)
          .map((c) => `${codes.get(c.reviewId) ?? `Review ${c.reviewId}`} (${c.actions})`);
        return [text(t.name, { strong: true }), num(t.reviewCount), num(t.actions), { lines: [inReviews.join(', ') || 'None'] }];
      }),
    },
  ];
}

/** A timescale's verdict: late, on time, or (null) not yet due and not yet done. */
function timescaleWord(late: boolean | null, done: boolean): string {
  if (late === true) return 'Late';
  if (late === false) return done ? 'On time' : 'Not yet due';
  return 'Not yet due';
}

function timelinessSection(report: AssuranceReport): Block[] {
  const rows = report.timeliness;
  if (!rows.length) return [{ kind: 'paragraph', text: 'No review in this scope has statutory timescales to report.' }];
  const late = rows.filter((r) => r.rapidReviewLate === true || r.reviewLate === true).length;
  return [
    {
      kind: 'paragraph',
      text: late
        ? `${plural(late, 'review')} of ${rows.length} missed a statutory timescale.`
        : `No review of the ${rows.length} in scope has missed a statutory timescale.`,
    },
    {
      kind: 'table',
      caption: 'Reviews against the statutory timescales',
      columns: [
        { label: 'Review', width: 24 },
        { label: 'Type and stage', width: 16 },
        { label: 'Notified', width: 12 },
        { label: 'Rapid review', width: 18 },
        { label: 'Review', width: 18 },
        { label: 'Timescales', width: 12 },
      ],
      rows: rows.map((r): Cell[] => {
        const rapid = timescaleWord(r.rapidReviewLate, r.rapidReviewOn !== null);
        const review = timescaleWord(r.reviewLate, r.publishedOn !== null);
        return [
          { lines: [cleanText(r.code), ...cleanText(r.title).split('\n')], strong: true },
          { lines: [LABELS.reviewType[r.type], LABELS.reviewStage[r.stage]] },
          { lines: [ukDate(r.notifiedOn)] },
          { lines: [`Due ${ukDate(r.rapidReviewDueOn)}`, r.rapidReviewOn ? `Held ${ukDate(r.rapidReviewOn)}` : 'Not yet held'] },
          { lines: [`Due ${ukDate(r.reviewDueOn)}`, r.publishedOn ? `Published ${ukDate(r.publishedOn)}` : 'Not yet published'] },
          { lines: [`Rapid review: ${rapid}`, `Review: ${review}`], strong: r.rapidReviewLate === true || r.reviewLate === true },
        ];
      }),
    },
  ];
}

const BUILDERS: Record<ReportSection, (report: AssuranceReport) => Block[]> = {
  summary: summarySection,
  brag: bragSection,
  agencies: agenciesSection,
  recommendations: recommendationsSection,
  overdue: overdueSection,
  revisedDates: revisedDatesSection,
  completed: completedSection,
  changes: changesSection,
  themes: themesSection,
  timeliness: timelinessSection,
};

/** The sections the report was asked for, in its order, each titled and with its content. */
export function reportContent(report: AssuranceReport): SectionContent[] {
  const seen = new Set<ReportSection>();
  return report.sections
    .filter((id) => (seen.has(id) ? false : (seen.add(id), true)))
    .map((id) => ({ id, title: REPORT_SECTION_TITLES[id], blocks: BUILDERS[id](report) }));
}
