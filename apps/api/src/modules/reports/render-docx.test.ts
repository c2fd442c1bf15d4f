import { AssuranceReport, REPORT_SECTION_TITLES, REPORT_SECTIONS } from '@lrt/contracts';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { agencyProgressChartSvg, bragChangeChartSvg } from './charts';
import { renderAssuranceDocx } from './render-docx';
import { AWKWARD, largeAssuranceReport, sampleAssuranceReport } from './report-fixture';
import { TALLY_COLOURS } from './report-text';

type Para = { style: string; text: string };
type DocCell = { text: string; fill: string | null };
type Row = { header: boolean; cantSplit: boolean; cells: DocCell[] };
type Read = { paragraphs: Para[]; tables: Row[][]; images: Record<string, string>[]; instructions: string[] };

/** Reads a WordprocessingML part with a strict XML parser (it throws on anything malformed). */
function readPart(xml: string): Read {
  const out: Read = { paragraphs: [], tables: [], images: [], instructions: [] };
  const parser = new SaxesParser();
  let para: Para | null = null;
  let cell: DocCell | null = null;
  let row: Row | null = null;
  let inText = false;
  let inInstr = false;
  let inCellProps = false;
  let inParaProps = false; // <w:tab> there is a tab stop, not a tab character
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'w:tbl':
        out.tables.push([]);
        break;
      case 'w:tr':
        row = { header: false, cantSplit: false, cells: [] };
        out.tables.at(-1)!.push(row);
        break;
      case 'w:tblHeader':
        row!.header = true;
        break;
      case 'w:cantSplit':
        row!.cantSplit = true;
        break;
      case 'w:tc':
        cell = { text: '', fill: null };
        row!.cells.push(cell);
        break;
      case 'w:tcPr':
        inCellProps = true;
        break;
      case 'w:pPr':
        inParaProps = true;
        break;
      case 'w:shd':
        if (cell && inCellProps) cell.fill = a['w:fill'] ?? null;
        break;
      case 'w:p':
        para = { style: '', text: '' };
        break;
      case 'w:pStyle':
        if (para) para.style = a['w:val'] ?? '';
        break;
      case 'w:t':
        inText = true;
        break;
      case 'w:tab':
        if (para && !inParaProps) para.text += '\t';
        break;
      case 'w:br':
        if (para) para.text += '\n';
        break;
      case 'w:instrText':
        inInstr = true;
        out.instructions.push('');
        break;
      case 'wp:docPr':
        out.images.push(a);
        break;
    }
  });
  parser.on('text', (text) => {
    if (inText && para) para.text += text;
    if (inInstr) out.instructions[out.instructions.length - 1] += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText = false;
    if (tag.name === 'w:instrText') inInstr = false;
    if (tag.name === 'w:tcPr') inCellProps = false;
    if (tag.name === 'w:pPr') inParaProps = false;
    if (tag.name === 'w:p' && para) {
      out.paragraphs.push(para);
      if (cell) cell.text += (cell.text ? '\n' : '') + para.text;
      para = null;
    }
    if (tag.name === 'w:tc') cell = null;
  });
  parser.write(xml).close();
  return out;
}

async function open(report: AssuranceReport) {
  const buffer = await renderAssuranceDocx(AssuranceReport.parse(report));
  expect(buffer.subarray(0, 4)).toEqual(Buffer.from('PK\u0003\u0004', 'latin1'));
  const zip = await JSZip.loadAsync(buffer);
  const text = (name: string) => zip.file(name)!.async('string');
  const documentXml = await text('word/document.xml');
  return { zip, text, documentXml, doc: readPart(documentXml) };
}

const headings = (doc: Read, level: 1 | 2) => doc.paragraphs.filter((p) => p.style === `Heading${level}`).map((p) => p.text);
const rowOf = (table: Row[], first: string) => table.find((r) => r.cells[0]?.text === first);
const cellTexts = (r: Row | undefined) => r?.cells.map((c) => c.text) ?? [];
const tableAfter = (doc: Read, caption: string, documentXml: string) => {
  // Tables appear in document order; find the index of the table whose caption paragraph precedes it.
  const captions = doc.paragraphs.filter((p) => p.style === '' && p.text.length > 0).map((p) => p.text);
  expect(captions).toContain(caption);
  const before = documentXml.slice(0, documentXml.indexOf(caption.replace(/&/g, '&amp;')));
  return doc.tables[(before.match(/<w:tbl>/g) ?? []).length]!;
};

describe('the assurance report as Word', () => {
  it('is a valid zip of well-formed parts, with a title page, a contents field Word updates, and A4 pages', async () => {
    const { zip, text, doc, documentXml } = await open(sampleAssuranceReport());
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
      readPart(await text(name)); // throws if any part is not well-formed XML
    }
    const lines = doc.paragraphs.map((p) => p.text);
    expect(lines[0]).toBe('Board assurance report');
    expect(lines).toContain('Partnership\tNorthshire Safeguarding Children Partnership');
    expect(lines).toContain('As at\t31 March 2026');
    expect(lines).toContain('Period\t1 April 2025 to 31 March 2026');
    expect(lines).toContain('Compared with\tBoard meeting, 15 January 2026 (as at 15 January 2026)');
    expect(lines).toContain('Generated\t31 March 2026 at 14:05'); // 13:05 UTC is 14:05 in London (BST)
    expect(doc.instructions.some((i) => /^\s*TOC\b.*\\o "1-1"/.test(i))).toBe(true);
    expect(await text('word/settings.xml')).toMatch(/<w:updateFields( w:val="(true|1)")?\/>/);
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const styles = await text('word/styles.xml');
    expect(styles).toMatch(/<w:rFonts w:ascii="Arial"/);
  });

  it('has a Heading 1 for each chosen section, in order, and none for the others', async () => {
    const chosen = ['summary', 'agencies', 'overdue', 'timeliness'] as const;
    const { doc } = await open(sampleAssuranceReport({ sections: [...chosen] }));
    expect(headings(doc, 1)).toEqual(chosen.map((s) => REPORT_SECTION_TITLES[s]));
    const everything = doc.paragraphs.map((p) => p.text);
    for (const other of REPORT_SECTIONS.filter((s) => !(chosen as readonly string[]).includes(s))) {
      expect(everything).not.toContain(REPORT_SECTION_TITLES[other]);
    }
    const all = await open(sampleAssuranceReport());
    expect(headings(all.doc, 1)).toEqual(REPORT_SECTIONS.map((s) => REPORT_SECTION_TITLES[s]));
    expect(headings(all.doc, 2)).toContain('LCSPR-2025-01 recommendation 2');
  });

  it('writes tables whose header row repeats and whose rows never split across pages', async () => {
    const { doc } = await open(sampleAssuranceReport());
    expect(doc.tables.length).toBeGreaterThan(8);
    for (const table of doc.tables) {
      expect(table[0]!.header).toBe(true);
      expect(table.slice(1).every((r) => !r.header)).toBe(true);
      expect(table.every((r) => r.cantSplit)).toBe(true);
    }
  });

  it('gives the figures of the model, and BRAG as a word in a shaded cell', async () => {
    const report = sampleAssuranceReport();
    const { doc, documentXml } = await open(report);
    const key = tableAfter(doc, 'Key figures as at 31 March 2026', documentXml);
    expect(cellTexts(rowOf(key, 'Actions in scope'))).toEqual(['Actions in scope', String(report.totals.actions)]);
    expect(cellTexts(rowOf(key, 'Overdue'))).toEqual(['Overdue', '2']);

    const agencies = tableAfter(doc, 'Actions by agency and BRAG rating as at 31 March 2026', documentXml);
    expect(cellTexts(agencies[0])).toEqual(['Agency', 'Actions', 'Blue', 'Green', 'Amber', 'Red', 'Withdrawn', 'Overdue', 'Done']);
    expect(cellTexts(rowOf(agencies, 'Northshire Police'))).toEqual(['Northshire Police', '2', '0', '0', '0', '1', '1', '1', '0%']);
    expect(cellTexts(rowOf(agencies, AWKWARD.agencyName))).toEqual([AWKWARD.agencyName, '1', '0', '0', '1', '0', '0', '1', '0%']);

    const overdue = tableAfter(doc, 'Actions overdue as at 31 March 2026, longest overdue first', documentXml);
    const a11 = rowOf(overdue, 'A1.1')!;
    expect(cellTexts(a11).slice(3, 6)).toEqual(['31 January 2026', '59', 'Red']);
    expect(a11.cells[5]!.fill).toBe(TALLY_COLOURS.red.tint);
    const a21 = rowOf(overdue, 'A2.1')!;
    expect(a21.cells[5]).toEqual({ text: 'Amber', fill: TALLY_COLOURS.amber.tint });

    const brag = tableAfter(doc, 'BRAG ratings at the start and end of the period (1 April 2025 to 31 March 2026)', documentXml);
    expect(cellTexts(brag[0])).toEqual(['BRAG rating', 'At 31 March 2025', 'At 31 March 2026', 'Change']);
    expect(cellTexts(rowOf(brag, 'Green'))).toEqual(['Green', '3', '1', '−2']);
    expect(rowOf(brag, 'Blue')!.cells[0]!.fill).toBe(TALLY_COLOURS.blue.tint);
  });

  it('embeds both charts as PNG images described by their alternative text', async () => {
    const report = sampleAssuranceReport();
    const { zip, doc } = await open(report);
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    for (const name of media) {
      const bytes = await zip.file(name)!.async('nodebuffer');
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    const descriptions = doc.images.map((i) => i.descr);
    expect(descriptions).toEqual([bragChangeChartSvg(report).altText, agencyProgressChartSvg(report).altText]);
    expect(doc.images.map((i) => i.title)).toEqual(['BRAG ratings at 31 March 2025 and at 31 March 2026', 'Progress by agency as at 31 March 2026']);
  });

  it('leaves the charts out with their sections', async () => {
    const { zip, doc } = await open(sampleAssuranceReport({ sections: ['overdue'] }));
    expect(Object.keys(zip.files).filter((n) => n.startsWith('word/media/'))).toEqual([]);
    expect(doc.images).toEqual([]);
  });

  it('says Confidential in the header and footer, with Page X of Y', async () => {
    const { zip, text } = await open(sampleAssuranceReport());
    const footerName = Object.keys(zip.files).find((n) => /^word\/footer\d*\.xml$/.test(n))!;
    const headerName = Object.keys(zip.files).find((n) => /^word\/header\d*\.xml$/.test(n))!;
    const footer = readPart(await text(footerName));
    expect(footer.paragraphs[0]!.text).toMatch(/^Confidential\tPage .* of /);
    expect(footer.instructions.map((i) => i.trim())).toEqual(['PAGE', 'NUMPAGES']);
    expect(readPart(await text(headerName)).paragraphs[0]!.text).toBe('Confidential\tNorthshire Safeguarding Children Partnership');
  });

  it('keeps awkward user text as text: markup escaped, quotes kept, control characters dropped', async () => {
    const { doc, documentXml } = await open(sampleAssuranceReport());
    expect(documentXml).not.toContain('<script>');
    expect(documentXml).not.toContain('<b>');
    expect(documentXml).not.toContain('\u0001');
    expect(documentXml).toContain('&lt;script&gt;');
    const cells = doc.tables.flatMap((t) => t.flatMap((r) => r.cells.map((c) => c.text)));
    expect(cells).toContain(AWKWARD.action);
    expect(cells).toContain(AWKWARD.agencyName);
    // The note keeps its two lines, curly quotes and markup as text, without the control character.
    expect(cells).toContain(
      'Audit done – 14 of 15 files met standard.\nSecond line: “curly quotes” & <b>markup</b> stray control.\n(Jo "JJ" Jones, 1 December 2025, At risk)',
    );
    // The long note is shortened, and says so.
    expect(cells.some((c) => c.startsWith('Paragraph 1 of the health visiting update') && c.includes('… (shortened: the full note is in the tracker)'))).toBe(true);
    expect(doc.paragraphs.map((p) => p.text)).toContain('Neglect & “cumulative harm”');
  });

  it('says so when a section is empty, and when a list was cut', async () => {
    const base = sampleAssuranceReport();
    const { doc } = await open(
      sampleAssuranceReport({
        overdue: { items: [], notListed: 0 },
        completed: { items: base.completed.items, notListed: 3 },
        revisedDates: { items: [], notListed: 1 },
        themes: { themes: [], reviews: [], cells: [] },
      }),
    );
    const lines = doc.paragraphs.map((p) => p.text);
    expect(lines).toContain('No action was overdue as at 31 March 2026.');
    expect(lines).toContain('A further 3 actions are not listed; narrow the scope to see them.');
    expect(lines).toContain('A further 1 revision is not listed; narrow the scope to see them.');
    expect(lines).toContain('No theme is tagged on the actions in this scope.');
    expect(lines).not.toContain('No action was completed or assured between 1 April 2025 and 31 March 2026.');
  });

  it('renders the largest report (150 agencies, 500 actions a section) in a few seconds', async () => {
    const report = largeAssuranceReport(150, 500);
    const started = performance.now();
    const { doc, documentXml } = await open(report);
    const took = performance.now() - started;
    expect(took).toBeLessThan(8000);
    const agencies = tableAfter(doc, 'Actions by agency and BRAG rating as at 31 March 2026', documentXml);
    expect(agencies).toHaveLength(151);
    const overdue = tableAfter(doc, 'Actions overdue as at 31 March 2026, longest overdue first', documentXml);
    expect(overdue).toHaveLength(501);
    expect(doc.paragraphs.map((p) => p.text)).toContain('A further 300 actions are not listed; narrow the scope to see them.');
  }, 20_000);
});
