/**
 * The board assurance report as a Word document: a title page, a table of contents Word fills in when it opens the
 * file, a Heading 1 per chosen section (Heading 2 within), tables whose header row repeats on every page and whose
 * rows never split, BRAG cells shaded and worded, the two charts as PNG images with alternative text, and
 * "Confidential" with "Page X of Y" on every page. A4, Arial 11.
 *
 * Every piece of user text goes in through a TextRun (docx escapes it), after the characters XML 1.0 forbids are
 * removed, so nothing a user writes can change or corrupt the document's XML.
 */
import {
  LineRuleType,
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Tab,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { AssuranceReport } from '@lrt/contracts';
import { agencyProgressChartSvg, bragChangeChartSvg, svgToPng, type Chart } from './charts';
import {
  CONFIDENTIAL,
  CONFIDENTIAL_LINE,
  TALLY_COLOURS,
  cleanText,
  reportContent,
  titlePageLines,
  type Block,
  type Cell,
  type Column,
} from './report-text';

// A4 in twentieths of a point, with 20 mm margins: 170 mm (9,638 twips, about 642 px) for text.
const PAGE = { width: 11906, height: 16838 };
const MARGIN = 1134;
const TEXT_WIDTH = PAGE.width - 2 * MARGIN;
const PX_PER_TWIP = 96 / 1440;
const FONT = 'Arial';
const BODY_SIZE = 22; // half-points: 11 pt
const TABLE_SIZE = 18; // 9 pt
const HEADER_FILL = 'DEE0E2';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '8C8C8C' } as const;

function run(text: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): TextRun {
  return new TextRun({ text: cleanText(text), ...options });
}

function cellParagraphs(cell: Cell, header = false): Paragraph[] {
  const lines = cell.lines.length ? cell.lines : [''];
  // Styles, not run properties, carry the table text's size and spacing: a large report has thousands of cells.
  const style = header || cell.strong ? (cell.numeric ? 'TableStrongRight' : 'TableStrong') : cell.numeric ? 'TableTextRight' : 'TableText';
  return lines.map((line) => new Paragraph({ style, children: [new TextRun(cleanText(line))] }));
}

function table(block: Extract<Block, { kind: 'table' }>): (Paragraph | Table)[] {
  const total = block.columns.reduce((n, c) => n + c.width, 0);
  const widths = block.columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
  const headerCell = (column: Column, i: number) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      shading: { type: ShadingType.CLEAR, color: 'auto', fill: column.tally ? TALLY_COLOURS[column.tally].tint : HEADER_FILL },
      children: cellParagraphs({ lines: [column.label], numeric: column.numeric }, true),
    });
  const bodyCell = (cell: Cell, i: number) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      ...(cell.tally ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: TALLY_COLOURS[cell.tally].tint } } : {}),
      children: cellParagraphs(cell),
    });
  return [
    new Paragraph({ keepNext: true, spacing: { before: 160, after: 80 }, children: [run(block.caption, { bold: true })] }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: block.columns.map(headerCell) }),
        ...block.rows.map((cells) => new TableRow({ cantSplit: true, children: cells.map(bodyCell) })),
      ],
    }),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  ];
}

function chartParagraph(chart: Chart): Paragraph {
  // Drawn at twice the size it is shown, so it stays sharp when printed.
  const png = svgToPng(chart.svg, chart.width * 2);
  const scale = Math.min(1, (TEXT_WIDTH * PX_PER_TWIP) / chart.width);
  return new Paragraph({
    keepNext: true,
    spacing: { before: 120, after: 120 },
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) },
        altText: { title: cleanText(chart.title), description: cleanText(chart.altText), name: cleanText(chart.title) },
      }),
    ],
  });
}

function blockChildren(block: Block, charts: () => { agencyProgress: Chart; bragChange: Chart }): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'paragraph':
      return [
        new Paragraph({
          spacing: { after: 160 },
          children: block.text.split('\n').map((line, i) => new TextRun({ text: cleanText(line), break: i ? 1 : 0, italics: block.emphasis === 'note', bold: block.emphasis === 'lead' })),
        }),
      ];
    case 'bullets':
      return block.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: [run(item)] }));
    case 'subheading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [run(block.text)] })];
    case 'table':
      return table(block);
    case 'chart':
      return [chartParagraph(charts()[block.chart])];
  }
}

function titlePage(report: AssuranceReport): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 2400, after: 240 }, children: [run(report.title, { bold: true, size: 56 })] }),
    new Paragraph({ spacing: { after: 720 }, children: [run(report.partnershipName, { size: 32 })] }),
    ...titlePageLines(report).map(
      (line) =>
        new Paragraph({
          spacing: { after: 120 },
          tabStops: [{ type: TabStopType.LEFT, position: 2400 }],
          children: [run(line.label, { bold: true }), new TextRun({ children: [new Tab(), cleanText(line.value)] })],
        }),
    ),
    new Paragraph({ spacing: { before: 720 }, children: [run(CONFIDENTIAL_LINE, { bold: true })] }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

function footer(): Footer {
  const pageNumber: ParagraphChild = new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 });
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [run(CONFIDENTIAL, { bold: true, size: 18 }), new TextRun({ children: [new Tab()], size: 18 }), pageNumber],
      }),
    ],
  });
}

function header(report: AssuranceReport): Header {
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [run(CONFIDENTIAL, { bold: true, size: 18 }), new TextRun({ children: [new Tab(), cleanText(report.partnershipName)], size: 18, color: '505A5F' })],
      }),
    ],
  });
}

export async function renderAssuranceDocx(report: AssuranceReport): Promise<Buffer> {
  let charts: { agencyProgress: Chart; bragChange: Chart } | undefined;
  const lazyCharts = () => (charts ??= { agencyProgress: agencyProgressChartSvg(report), bragChange: bragChangeChartSvg(report) });

  const body: (Paragraph | Table | TableOfContents)[] = [
    ...titlePage(report),
    new Paragraph({ spacing: { after: 240 }, children: [run('Contents', { bold: true, size: 32 })] }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1' }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  for (const section of reportContent(report)) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [run(section.title)] }));
    for (const block of section.blocks) body.push(...blockChildren(block, lazyCharts));
  }

  const document = new Document({
    title: cleanText(report.title),
    subject: cleanText(`${report.partnershipName}: board assurance report as at ${report.asAt}`),
    creator: cleanText(report.partnershipName),
    description: CONFIDENTIAL_LINE,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY_SIZE }, paragraph: { spacing: { line: 276, lineRule: LineRuleType.AUTO } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 480, after: 200 }, keepNext: true } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 320, after: 120 }, keepNext: true } },
      },
      paragraphStyles: [
        { id: 'TableText', name: 'Table text', basedOn: 'Normal', quickFormat: true, run: { size: TABLE_SIZE }, paragraph: { spacing: { before: 0, after: 40, line: 240, lineRule: LineRuleType.AUTO } } },
        { id: 'TableTextRight', name: 'Table number', basedOn: 'TableText', paragraph: { alignment: AlignmentType.RIGHT } },
        { id: 'TableStrong', name: 'Table text bold', basedOn: 'TableText', run: { bold: true } },
        { id: 'TableStrongRight', name: 'Table number bold', basedOn: 'TableStrong', paragraph: { alignment: AlignmentType.RIGHT } },
      ],
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 } } },
        headers: { default: header(report) },
        footers: { default: footer() },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
