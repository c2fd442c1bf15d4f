/**
 * The report's two charts as SVG text, built from the model with no DOM, and made PNG (for Word) with resvg.
 *
 * Neither relies on colour alone: every BRAG count is worded in the legend, each rating has its own pattern as
 * well as its colour (so a greyscale print still tells them apart), and the counts are written on or beside the
 * bars. Every piece of text is escaped: agency names are written by users.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { AssuranceReport } from '@lrt/contracts';
import { TALLY_COLOURS, TALLY_KEYS, TALLY_WORDS, cleanText, dayBefore, escapeXml, plural, signed, ukDate, type TallyKey } from './report-text';

export type Chart = { svg: string; width: number; height: number; altText: string; title: string };

/** A chart shows at most this many agencies (those with most actions), so a whole partnership stays readable. */
export const CHART_AGENCY_LIMIT = 25;
/** Alternative text is kept under this length; the tables beside the charts hold every figure. */
export const ALT_TEXT_LIMIT = 600;

const WIDTH = 640;
const FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';
const INK = '#0B0C0C';
const MUTED = '#505A5F';

type Segment = TallyKey | 'unrated';
const SEGMENT_WORDS: Record<Segment, string> = { ...TALLY_WORDS, unrated: 'Not rated' };

/** One pattern per rating, in its colour: solid, diagonal lines, dots, cross-hatching, horizontal lines. */
function patternDefs(prefix: string): string {
  const c = (k: TallyKey) => `#${TALLY_COLOURS[k].fill}`;
  return [
    `<pattern id="${prefix}-blue" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${c('blue')}"/></pattern>`,
    `<pattern id="${prefix}-green" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${c('green')}"/><rect width="2" height="6" fill="#FFFFFF"/></pattern>`,
    `<pattern id="${prefix}-amber" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${c('amber')}"/><circle cx="3" cy="3" r="1.3" fill="${INK}"/></pattern>`,
    `<pattern id="${prefix}-red" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${c('red')}"/><rect width="1.5" height="6" fill="#FFFFFF"/><rect width="6" height="1.5" fill="#FFFFFF"/></pattern>`,
    `<pattern id="${prefix}-withdrawn" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${c('withdrawn')}"/><rect y="2" width="6" height="1.5" fill="${INK}"/></pattern>`,
    `<pattern id="${prefix}-unrated" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#FFFFFF"/></pattern>`,
    `<pattern id="${prefix}-start" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#FFFFFF"/><rect width="2" height="6" fill="${MUTED}"/></pattern>`,
  ].join('');
}

function svgOpen(width: number, height: number, title: string, altText: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(altText)}" font-family="${FONT}">` +
    `<title>${escapeXml(altText)}</title><rect width="${width}" height="${height}" fill="#FFFFFF"/>` +
    `<text x="0" y="18" font-size="15" font-weight="bold" fill="${INK}">${escapeXml(title)}</text>`
  );
}

/** A legend entry: a swatch in the segment's pattern, outlined, and its word. Returns the width it took. */
function legendItem(x: number, y: number, fill: string, word: string): { svg: string; width: number } {
  const width = 22 + approxTextWidth(word, 12) + 16;
  return {
    svg: `<rect x="${x}" y="${y}" width="14" height="14" fill="${fill}" stroke="${INK}" stroke-width="0.75"/><text x="${x + 20}" y="${y + 11.5}" font-size="12" fill="${INK}">${escapeXml(word)}</text>`,
    width,
  };
}

/** The width of text in DejaVu Sans, roughly (its average advance is about 0.6 em), for layout without a DOM. */
function approxTextWidth(text: string, size: number): number {
  return Math.ceil([...text].length * size * 0.6);
}

/** Text cut to fit a width, with an ellipsis. */
function fit(text: string, width: number, size: number): string {
  const clean = cleanText(text).replace(/\s+/g, ' ').trim();
  const max = Math.max(1, Math.floor(width / (size * 0.6)));
  const chars = [...clean];
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Sentences joined until the limit, then "and N more …". */
function boundedList(parts: string[], limit: number, more: (n: number) => string): string {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const rest = parts.length - i - 1;
    const next = `${out}${out ? '; ' : ''}${parts[i]}`;
    const tail = rest > 0 ? `; ${more(rest)}` : '';
    if (next.length + tail.length > limit && out) return `${out}; ${more(parts.length - i)}`;
    out = next;
  }
  return out;
}

/**
 * Progress by agency: a horizontal stacked bar per agency (Blue, Green, Amber, Red, withdrawn), its short name as the
 * label, each count written on its segment where it fits and the total beside the bar. At most 25 agencies, those
 * with most actions; the title says when there are more.
 */
export function agencyProgressChartSvg(report: AssuranceReport): Chart {
  const all = [...report.agencies].sort((a, b) => b.actions - a.actions || a.name.localeCompare(b.name, 'en-GB'));
  const shown = all.slice(0, CHART_AGENCY_LIMIT);
  const capped = all.length > shown.length;
  const title = capped
    ? `Progress by agency: the ${shown.length} agencies with most actions, of ${all.length}`
    : `Progress by agency as at ${ukDate(report.asAt)}`;

  const segmentsOf = (a: (typeof all)[number]): [Segment, number][] => {
    const rated = TALLY_KEYS.map((k) => [k, Math.max(0, a.byBrag[k])] as [Segment, number]);
    const unrated = Math.max(0, a.actions - rated.reduce((n, [, v]) => n + v, 0));
    return unrated ? [...rated, ['unrated', unrated]] : rated;
  };
  const anyUnrated = shown.some((a) => segmentsOf(a).some(([k]) => k === 'unrated'));

  const describe = (a: (typeof all)[number]) => {
    const counts = segmentsOf(a)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k === 'withdrawn' || k === 'unrated' ? SEGMENT_WORDS[k].toLowerCase() : SEGMENT_WORDS[k]}`);
    return `${cleanText(a.shortName || a.name)}: ${plural(a.actions, 'action')}${counts.length ? `, ${counts.join(', ')}` : ''}`;
  };
  const intro = capped
    ? `Progress by agency as at ${ukDate(report.asAt)}, the ${shown.length} agencies with most actions of ${all.length}: `
    : `Progress by agency as at ${ukDate(report.asAt)}: `;
  const altText = all.length
    ? `${intro}${boundedList(shown.map(describe), ALT_TEXT_LIMIT - intro.length - 40, (n) => `and ${plural(capped ? n + (all.length - shown.length) : n, 'more agency', 'more agencies')}`)}.`
    : `Progress by agency as at ${ukDate(report.asAt)}: no agency has actions in this scope.`;

  const prefix = 'lrt-agency';
  const legendY = 30;
  const top = 62;
  const rowHeight = 24;
  const barHeight = 16;
  const labelWidth = 150;
  const barLeft = labelWidth + 6;
  const barMax = WIDTH - barLeft - 48;
  const height = top + Math.max(1, shown.length) * rowHeight + 10;
  const max = Math.max(1, ...shown.map((a) => a.actions));

  const parts: string[] = [svgOpen(WIDTH, height, title, altText), `<defs>${patternDefs(prefix)}</defs>`];
  let x = 0;
  for (const k of [...TALLY_KEYS, ...(anyUnrated ? (['unrated'] as const) : [])]) {
    const item = legendItem(x, legendY, `url(#${prefix}-${k})`, SEGMENT_WORDS[k]);
    parts.push(item.svg);
    x += item.width;
  }
  if (!shown.length) {
    parts.push(`<text x="0" y="${top + 14}" font-size="12" fill="${INK}">No agency has actions in this scope.</text>`);
  }
  shown.forEach((a, i) => {
    const y = top + i * rowHeight;
    const label = fit(a.shortName || a.name, labelWidth - 6, 12);
    parts.push(`<text x="${labelWidth}" y="${y + 12.5}" font-size="12" text-anchor="end" fill="${INK}">${escapeXml(label)}</text>`);
    let at = barLeft;
    for (const [k, n] of segmentsOf(a)) {
      if (!n) continue;
      const w = (n / max) * barMax;
      parts.push(`<rect x="${at.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${barHeight}" fill="url(#${prefix}-${k})" stroke="${INK}" stroke-width="0.5"><title>${escapeXml(`${label}: ${n} ${SEGMENT_WORDS[k]}`)}</title></rect>`);
      const digits = String(n);
      const badge = approxTextWidth(digits, 10) + 4;
      if (w >= badge + 4) {
        const cx = at + w / 2;
        parts.push(
          `<rect x="${(cx - badge / 2).toFixed(2)}" y="${y + 2}" width="${badge}" height="12" fill="#FFFFFF"/>` +
            `<text x="${cx.toFixed(2)}" y="${y + 11.5}" font-size="10" text-anchor="middle" fill="${INK}">${digits}</text>`,
        );
      }
      at += w;
    }
    parts.push(`<text x="${(at + 5).toFixed(2)}" y="${y + 12.5}" font-size="12" font-weight="bold" fill="${INK}">${a.actions}</text>`);
  });
  parts.push('</svg>');
  return { svg: parts.join(''), width: WIDTH, height, altText, title };
}

/**
 * BRAG ratings at the start of the period and as at the report's date: a pair of bars per rating, the start hatched
 * and the end solid, each labelled with its count, and "Start" and "End" written under the bars.
 */
export function bragChangeChartSvg(report: AssuranceReport): Chart {
  const { atStart, atEnd } = report.brag;
  const startDate = ukDate(dayBefore(report.period.from));
  const endDate = ukDate(report.asAt);
  const title = `BRAG ratings at ${startDate} and at ${endDate}`;
  const altText = `BRAG ratings at the start of the period (${startDate}) and as at ${endDate}: ${TALLY_KEYS.map(
    (k) => `${k === 'withdrawn' ? 'withdrawn' : TALLY_WORDS[k]} ${atStart[k]} then ${atEnd[k]}`,
  ).join(', ')}.`;

  const prefix = 'lrt-brag';
  const height = 300;
  const legendY = 30;
  const plotTop = 78;
  const baseline = 238;
  const plotHeight = baseline - plotTop;
  const groupWidth = WIDTH / TALLY_KEYS.length;
  const barWidth = 38;
  const gap = 8;
  const max = Math.max(1, ...TALLY_KEYS.flatMap((k) => [atStart[k], atEnd[k]]));

  const parts: string[] = [svgOpen(WIDTH, height, title, altText), `<defs>${patternDefs(prefix)}</defs>`];
  // Start bars are grey and hatched whatever the rating; end bars carry the rating's own colour and pattern.
  const start = legendItem(0, legendY, `url(#${prefix}-start)`, `Start (grey, hatched): ${startDate}`);
  const endX = start.width + 8;
  const end = legendItem(endX, legendY, 'none', `End (the rating’s colour): ${endDate}`);
  const strips = TALLY_KEYS.slice(0, 4)
    .map((k, i) => `<rect x="${endX + i * 3.5}" y="${legendY}" width="3.5" height="14" fill="url(#${prefix}-${k})"/>`)
    .join('');
  parts.push(start.svg, strips, end.svg);
  parts.push(`<line x1="0" y1="${baseline}" x2="${WIDTH}" y2="${baseline}" stroke="${INK}" stroke-width="1"/>`);

  TALLY_KEYS.forEach((k, i) => {
    const centre = groupWidth * i + groupWidth / 2;
    const colour = `#${TALLY_COLOURS[k].fill}`;
    const bars: [string, number, number, string][] = [
      ['Start', atStart[k], centre - gap / 2 - barWidth, `url(#${prefix}-start)`],
      ['End', atEnd[k], centre + gap / 2, `url(#${prefix}-${k})`],
    ];
    for (const [when, n, x, fill] of bars) {
      const h = (n / max) * plotHeight;
      const y = baseline - h;
      if (n > 0) {
        parts.push(
          `<rect x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${barWidth}" height="${h.toFixed(2)}" fill="${fill}" stroke="${colour}" stroke-width="2"><title>${escapeXml(`${TALLY_WORDS[k]}, ${when.toLowerCase()}: ${n}`)}</title></rect>`,
        );
      }
      parts.push(`<text x="${(x + barWidth / 2).toFixed(2)}" y="${(y - 5).toFixed(2)}" font-size="12" font-weight="bold" text-anchor="middle" fill="${INK}">${n}</text>`);
      parts.push(`<text x="${(x + barWidth / 2).toFixed(2)}" y="${baseline + 14}" font-size="10" text-anchor="middle" fill="${MUTED}">${when}</text>`);
    }
    parts.push(`<text x="${centre.toFixed(2)}" y="${baseline + 32}" font-size="13" font-weight="bold" text-anchor="middle" fill="${INK}">${escapeXml(TALLY_WORDS[k])}</text>`);
  });
  parts.push(`<text x="0" y="${height - 8}" font-size="11" fill="${MUTED}">Change: ${escapeXml(TALLY_KEYS.map((k) => `${TALLY_WORDS[k]} ${signed(atEnd[k] - atStart[k])}`).join(', '))}</text>`);
  parts.push('</svg>');
  return { svg: parts.join(''), width: WIDTH, height, altText, title };
}

const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF'].filter((dir) => existsSync(dir));

/**
 * An SVG drawn as a PNG of the given width (in pixels), on white. Text is set in DejaVu Sans: the image needs that
 * font installed (Debian's fonts-dejavu-core); other system fonts are the fallback.
 */
export function svgToPng(svg: string, width: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width) },
    background: '#FFFFFF',
    font: { loadSystemFonts: true, fontDirs: FONT_DIRS, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
