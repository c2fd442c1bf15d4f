import { createHash } from 'node:crypto';
import { AssuranceReport, REPORT_SECTION_TITLES, REPORT_SECTIONS } from '@lrt/contracts';
import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { agencyProgressChartSvg, bragChangeChartSvg } from './charts';
import { ASSURANCE_HTML_CSP, REPORT_CSS, renderAssuranceHtml } from './render-html';
import { AWKWARD, sampleAssuranceReport } from './report-fixture';

function render(report: AssuranceReport, options?: { chartsAsSvg?: boolean }) {
  const html = renderAssuranceHtml(AssuranceReport.parse(report), options);
  return { html, root: parse(html) };
}

const tableByCaption = (root: HTMLElement, caption: string) => {
  const table = root.querySelectorAll('table').find((t) => t.querySelector('caption')?.text === caption);
  expect(table, caption).toBeDefined();
  return table!;
};
const rowCells = (table: HTMLElement, first: string) =>
  table
    .querySelectorAll('tbody tr')
    .find((tr) => tr.querySelector('th')?.text === first)
    ?.querySelectorAll('th, td')
    .map((c) => c.text);

describe('the assurance report as HTML', () => {
  it('is a complete English (UK) document with a title, one stylesheet allowed by its hash, and no script', () => {
    const { html, root } = render(sampleAssuranceReport());
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(root.querySelector('title')!.text).toBe('Board assurance report: Northshire Safeguarding Children Partnership, as at 31 March 2026');
    expect(root.querySelectorAll('script')).toHaveLength(0);
    const styles = root.querySelectorAll('style');
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]!.innerHTML).digest('base64');
    expect(ASSURANCE_HTML_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(ASSURANCE_HTML_CSP).toContain("default-src 'none'");
    // No style attributes anywhere: the policy allows none.
    expect(root.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('prints to A4 with repeating table headers, unbroken rows and a Confidential running line', () => {
    const { root } = render(sampleAssuranceReport());
    expect(REPORT_CSS).toContain('@page { size: A4; margin: 18mm; }');
    expect(REPORT_CSS).toContain('thead { display: table-header-group; }');
    expect(REPORT_CSS).toMatch(/tr, \.report-chart \{ break-inside: avoid;/);
    expect(REPORT_CSS).toMatch(/\.report h2, \.report h3, \.report caption \{ break-after: avoid;/);
    expect(REPORT_CSS).toContain('@top-center { content: "Confidential";');
    expect(REPORT_CSS).toContain('counter(page) " of " counter(pages)');
    expect(root.querySelector('.report-confidential')!.text).toMatch(/^Confidential: /);
    for (const rule of REPORT_CSS.match(/\.[a-z][\w-]*/g) ?? []) expect(rule.startsWith('.report')).toBe(true);
  });

  it('gives the title page facts in UK dates', () => {
    const { root } = render(sampleAssuranceReport());
    const facts = Object.fromEntries(
      root.querySelectorAll('.report-facts dt').map((dt) => [dt.text, (dt.nextElementSibling as HTMLElement | null)?.text]),
    );
    expect(facts).toEqual({
      Partnership: 'Northshire Safeguarding Children Partnership',
      Scope: 'The whole partnership',
      'As at': '31 March 2026',
      Period: '1 April 2025 to 31 March 2026',
      'Compared with': 'Board meeting, 15 January 2026 (as at 15 January 2026)',
      Generated: '31 March 2026 at 14:05',
    });
  });

  it('has a heading and a contents entry for each chosen section, in order, and nothing of the others', () => {
    const chosen = ['brag', 'recommendations', 'changes'] as const;
    const { root } = render(sampleAssuranceReport({ sections: [...chosen] }));
    const titles = chosen.map((s) => REPORT_SECTION_TITLES[s]);
    expect(root.querySelectorAll('main h2').map((h) => h.text)).toEqual(titles);
    expect(root.querySelectorAll('.report-contents a').map((a) => [a.text, a.getAttribute('href')])).toEqual(
      chosen.map((s) => [REPORT_SECTION_TITLES[s], `#report-${s}`]),
    );
    for (const s of chosen) expect(root.getElementById(`report-${s}`)).not.toBeNull();
    const text = root.querySelector('main')!.text;
    for (const other of REPORT_SECTIONS.filter((s) => !(chosen as readonly string[]).includes(s))) {
      expect(text).not.toContain(REPORT_SECTION_TITLES[other]);
    }
    // The agency chart goes with its section.
    expect(root.querySelectorAll('svg')).toHaveLength(1);
  });

  it('gives every table a caption, a head of column headers and the model’s figures, BRAG worded and shaded', () => {
    const report = sampleAssuranceReport();
    const { root } = render(report);
    const tables = root.querySelectorAll('table');
    expect(tables.length).toBeGreaterThan(8);
    for (const table of tables) {
      expect(table.querySelector('caption')!.text.length).toBeGreaterThan(0);
      const heads = table.querySelectorAll('thead th');
      expect(heads.length).toBeGreaterThan(1);
      expect(heads.every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    }
    expect(rowCells(tableByCaption(root, 'Key figures as at 31 March 2026'), 'Actions in scope')).toEqual(['Actions in scope', String(report.totals.actions)]);
    const agencies = tableByCaption(root, 'Actions by agency and BRAG rating as at 31 March 2026');
    expect(rowCells(agencies, 'Northshire Community Health')).toEqual(['Northshire Community Health', '2', '1', '1', '0', '0', '0', '0', '50%']);
    const overdue = tableByCaption(root, 'Actions overdue as at 31 March 2026, longest overdue first');
    const red = overdue.querySelectorAll('tbody tr')[0]!.querySelectorAll('td')[4]!;
    expect(red.text).toBe('Red');
    expect(red.classList.contains('report-brag--red')).toBe(true);
    expect(REPORT_CSS).toContain('.report-brag--red{background:#F5CDC6}');
  });

  it('draws the charts inline as SVG images named by their alternative text, or as PNG images with it', () => {
    const report = sampleAssuranceReport();
    const { root } = render(report);
    const svgs = root.querySelectorAll('figure.report-chart svg');
    expect(svgs.map((s) => s.getAttribute('role'))).toEqual(['img', 'img']);
    const alts = [bragChangeChartSvg(report).altText, agencyProgressChartSvg(report).altText];
    expect(svgs.map((s) => s.getAttribute('aria-label'))).toEqual(alts);
    expect(svgs.map((s) => s.querySelector('title')!.text)).toEqual(alts);
    // Two charts inline in one page: their pattern ids must not clash.
    const ids = root.querySelectorAll('pattern').map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);

    const asPng = render(report, { chartsAsSvg: false }).root;
    expect(asPng.querySelectorAll('svg')).toHaveLength(0);
    const images = asPng.querySelectorAll('figure.report-chart img');
    expect(images.map((i) => i.getAttribute('alt'))).toEqual(alts);
    expect(images.every((i) => i.getAttribute('src')!.startsWith('data:image/png;base64,iVBORw0KGgo'))).toBe(true);
  });

  it('escapes everything users wrote and drops control characters', () => {
    const { html, root } = render(sampleAssuranceReport());
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>markup');
    expect(html).not.toContain('<Team>');
    expect(html).not.toContain('\u0001');
    const cells = root.querySelectorAll('td, th').map((c) => c.text);
    expect(cells).toContain(AWKWARD.action);
    expect(cells).toContain(AWKWARD.agencyName);
    const note = root.querySelectorAll('td').find((td) => td.text.startsWith('Audit done'))!;
    expect(note.innerHTML).toBe(
      'Audit done – 14 of 15 files met standard.<br>Second line: “curly quotes” &amp; &lt;b&gt;markup&lt;/b&gt; stray control.<br>(Jo &quot;JJ&quot; Jones, 1 December 2025, At risk)',
    );
    expect(root.querySelector('.report-partnership')!.text).toBe('Northshire Safeguarding Children Partnership');
  });

  it('says in words when a section is empty or a list was cut, as the Word document does', () => {
    const { root } = render(
      sampleAssuranceReport({
        overdue: { items: [], notListed: 0 },
        recommendations: { items: sampleAssuranceReport().recommendations.items.slice(0, 1), notListed: 12 },
        agencies: [],
        timeliness: [],
      }),
    );
    const paragraphs = root.querySelectorAll('main p').map((p) => p.text);
    expect(paragraphs).toContain('No action was overdue as at 31 March 2026.');
    expect(paragraphs).toContain('A further 12 actions are not listed; narrow the scope to see them.');
    expect(paragraphs).toContain('No agency has actions in this scope.');
    expect(paragraphs).toContain('No review in this scope has statutory timescales to report.');
    expect(root.querySelectorAll('svg')).toHaveLength(1); // no agency chart without agencies
  });
});
