/**
 * The board assurance report as one self-contained, printable HTML page (what `format=html` returns): inline CSS,
 * inline SVG charts, tables with captions and column headers that repeat on every printed page, A4 margins and a
 * "Confidential" running line. Everything written in it is HTML-escaped.
 *
 * The page has no script. Its one inline stylesheet is allowed by hash: serve it with ASSURANCE_HTML_CSP as its
 * Content-Security-Policy (the API's own policy allows no inline style). Class names are prefixed `report-` so
 * the SPA's printable page can reuse REPORT_CSS.
 */
import { createHash } from 'node:crypto';
import type { AssuranceReport } from '@lrt/contracts';
import { agencyProgressChartSvg, bragChangeChartSvg, svgToPng, type Chart } from './charts';
import {
  CONFIDENTIAL,
  CONFIDENTIAL_LINE,
  TALLY_COLOURS,
  TALLY_KEYS,
  cleanText,
  escapeXml as esc,
  reportContent,
  titlePageLines,
  ukDate,
  type Block,
  type Cell,
} from './report-text';

const bragRules = TALLY_KEYS.map((k) => `.report-brag--${k}{background:#${TALLY_COLOURS[k].tint}}`).join('\n');

export const REPORT_CSS = `
@page { size: A4; margin: 18mm; }
@page {
  @top-center { content: "${CONFIDENTIAL}"; font: bold 9pt Arial, Helvetica, sans-serif; }
  @bottom-left { content: "${CONFIDENTIAL}"; font: 9pt Arial, Helvetica, sans-serif; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt Arial, Helvetica, sans-serif; }
}
:root { color: #0b0c0c; background: #fff; }
body.report { font: 11pt/1.45 Arial, Helvetica, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.25rem 3rem; }
.report a { color: #1d70b8; }
.report a:focus { outline: 3px solid #ffdd00; outline-offset: 0; background: #ffdd00; color: #0b0c0c; }
.report-confidential { border: 2px solid #0b0c0c; padding: .4rem .75rem; font-weight: bold; margin: 0 0 1.5rem; }
.report-cover h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .25rem; }
.report-cover .report-partnership { font-size: 1.25rem; margin: 0 0 1.25rem; }
.report-facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.5rem; margin: 0 0 1.5rem; }
.report-facts dt { font-weight: bold; }
.report-facts dd { margin: 0; }
.report-contents ol { padding-left: 1.5rem; }
.report h2 { font-size: 1.5rem; line-height: 1.25; margin: 2.25rem 0 .75rem; border-top: 1px solid #b1b4b6; padding-top: .75rem; }
.report h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
.report h1, .report h2, .report h3, .report caption { break-after: avoid; page-break-after: avoid; }
.report-lead { font-weight: bold; }
.report-note { font-style: italic; color: #505a5f; }
.report-table { width: 100%; border-collapse: collapse; margin: 0 0 1.25rem; font-size: 9pt; line-height: 1.35; }
.report-table caption { text-align: left; font-weight: bold; font-size: 10.5pt; padding: 0 0 .4rem; }
.report-table th, .report-table td { border: 1px solid #8c8c8c; padding: .25rem .4rem; vertical-align: top; text-align: left; overflow-wrap: break-word; }
.report-table thead th { hyphens: manual; }
.report-table thead .report-num { white-space: nowrap; }
.report-table thead th { background: #dee0e2; }
.report-table tbody th { font-weight: bold; }
.report-table .report-num { text-align: right; font-variant-numeric: tabular-nums; }
.report-table .report-strong { font-weight: bold; }
${bragRules}
.report-brag { font-weight: bold; }
.report-chart { margin: 1rem 0 1.25rem; }
.report-chart svg, .report-chart img { max-width: 100%; height: auto; display: block; }
thead { display: table-header-group; }
tr, .report-chart { break-inside: avoid; page-break-inside: avoid; }
@media screen and (max-width: 40rem) {
  .report-table th, .report-table td { overflow-wrap: anywhere; }
  .report-table thead .report-num { white-space: normal; }
}
@media print {
  body.report { max-width: none; padding: 0; font-size: 10.5pt; }
  .report-contents { break-after: page; }
  .report a { color: inherit; text-decoration: none; }
  .report-table thead th, .report-brag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.trim();

const STYLE_HASH = createHash('sha256').update(REPORT_CSS).digest('base64');

/**
 * The Content-Security-Policy to serve the page with: nothing may load or run but its own inline stylesheet (by
 * hash) and data: images (the charts, when drawn as PNG).
 */
export const ASSURANCE_HTML_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function lines(values: string[]): string {
  return values.map((line) => esc(line)).join('<br>');
}

function cellHtml(cell: Cell, tag: 'td' | 'th'): string {
  const classes = [cell.numeric ? 'report-num' : '', cell.strong ? 'report-strong' : '', cell.tally ? `report-brag report-brag--${cell.tally}` : ''].filter(Boolean);
  const attrs = `${tag === 'th' ? ' scope="row"' : ''}${classes.length ? ` class="${classes.join(' ')}"` : ''}`;
  return `<${tag}${attrs}>${lines(cell.lines)}</${tag}>`;
}

function tableHtml(block: Extract<Block, { kind: 'table' }>): string {
  // Column widths are left to the browser: a style attribute would need 'unsafe-inline' in the policy.
  const head = block.columns
    .map((c) => {
      const classes = [c.numeric ? 'report-num' : '', c.tally ? `report-brag report-brag--${c.tally}` : ''].filter(Boolean);
      return `<th scope="col"${classes.length ? ` class="${classes.join(' ')}"` : ''}>${esc(c.label)}</th>`;
    })
    .join('');
  const body = block.rows.map((row) => `<tr>${row.map((cell, i) => cellHtml(cell, i === 0 ? 'th' : 'td')).join('')}</tr>`).join('\n');
  return `<table class="report-table"><caption>${esc(block.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function chartHtml(chart: Chart, asSvg: boolean): string {
  if (asSvg) return `<figure class="report-chart">${chart.svg}</figure>`;
  const png = svgToPng(chart.svg, chart.width * 2).toString('base64');
  return `<figure class="report-chart"><img src="data:image/png;base64,${png}" width="${chart.width}" height="${chart.height}" alt="${esc(chart.altText)}"></figure>`;
}

function blockHtml(block: Block, charts: () => { agencyProgress: Chart; bragChange: Chart }, asSvg: boolean): string {
  switch (block.kind) {
    case 'paragraph': {
      const cls = block.emphasis === 'lead' ? ' class="report-lead"' : block.emphasis === 'note' ? ' class="report-note"' : '';
      return `<p${cls}>${lines(block.text.split('\n'))}</p>`;
    }
    case 'bullets':
      return `<ul>${block.items.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>`;
    case 'subheading':
      return `<h3>${esc(block.text)}</h3>`;
    case 'table':
      return tableHtml(block);
    case 'chart':
      return chartHtml(charts()[block.chart], asSvg);
  }
}

/**
 * The report as a complete HTML5 document. Charts are inline SVG (`chartsAsSvg`, the default), or PNG images with
 * the same alternative text when `chartsAsSvg` is false (for readers that do not draw SVG).
 */
export function renderAssuranceHtml(report: AssuranceReport, options: { chartsAsSvg?: boolean } = {}): string {
  const asSvg = options.chartsAsSvg !== false;
  let charts: { agencyProgress: Chart; bragChange: Chart } | undefined;
  const lazyCharts = () => (charts ??= { agencyProgress: agencyProgressChartSvg(report), bragChange: bragChangeChartSvg(report) });
  const sections = reportContent(report);
  const title = `${cleanText(report.title)}: ${cleanText(report.partnershipName)}, as at ${ukDate(report.asAt)}`;

  const facts = titlePageLines(report)
    .map((line) => `<dt>${esc(line.label)}</dt><dd>${esc(line.value)}</dd>`)
    .join('');
  const contents = sections.map((s) => `<li><a href="#report-${s.id}">${esc(s.title)}</a></li>`).join('');
  const body = sections
    .map(
      (s) =>
        `<section class="report-section" id="report-${s.id}" aria-labelledby="report-${s.id}-title">\n<h2 id="report-${s.id}-title">${esc(s.title)}</h2>\n${s.blocks
          .map((b) => blockHtml(b, lazyCharts, asSvg))
          .join('\n')}\n</section>`,
    )
    .join('\n');

  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body class="report">
<p class="report-confidential">${esc(CONFIDENTIAL_LINE)}</p>
<header class="report-cover">
<h1>${esc(report.title)}</h1>
<p class="report-partnership">${esc(report.partnershipName)}</p>
<dl class="report-facts">${facts}</dl>
</header>
<nav class="report-contents" aria-labelledby="report-contents-title">
<h2 id="report-contents-title">Contents</h2>
<ol>${contents}</ol>
</nav>
<main>
${body}
</main>
</body>
</html>
`;
}
