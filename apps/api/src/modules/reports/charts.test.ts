import { AssuranceReport } from '@lrt/contracts';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { ALT_TEXT_LIMIT, CHART_AGENCY_LIMIT, agencyProgressChartSvg, bragChangeChartSvg, svgToPng } from './charts';
import { AWKWARD, largeAssuranceReport, sampleAssuranceReport } from './report-fixture';

/** resvg parses SVG as strict XML: a stray "&" or an unclosed tag makes it throw. */
function parses(svg: string): boolean {
  new Resvg(svg);
  return true;
}

/** The text content of every <text> element, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
}

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('agency progress chart', () => {
  it('is well-formed SVG with a bar per agency, its name, its counts and a worded legend', () => {
    const report = AssuranceReport.parse(sampleAssuranceReport());
    const chart = agencyProgressChartSvg(report);
    expect(parses(chart.svg)).toBe(true);
    expect(chart.svg).toContain(`width="${chart.width}" height="${chart.height}"`);
    const words = texts(chart.svg);
    for (const word of ['Blue', 'Green', 'Amber', 'Red', 'Withdrawn']) expect(words).toContain(word);
    for (const label of ['Police', 'Health', 'Schools', AWKWARD.agencyShort]) expect(words).toContain(label);
    // Police: 1 Red and 1 withdrawn, 2 in all, written on the bar and beside it.
    const police = words.indexOf('Police');
    expect(words.slice(police + 1, police + 4)).toEqual(['1', '1', '2']);
    expect(chart.svg).toContain('role="img"');
  });

  it('escapes agency names and keeps no raw markup from them', () => {
    const chart = agencyProgressChartSvg(sampleAssuranceReport());
    expect(chart.svg).toContain('CS&amp;EH &lt;x&gt;');
    expect(chart.svg).not.toContain('<x>');
    expect(chart.altText).toContain('CS&EH <x>: 1 action, 1 Amber');
  });

  it('says what it shows in a sentence, largest agencies first', () => {
    const chart = agencyProgressChartSvg(sampleAssuranceReport());
    expect(chart.altText).toMatch(/^Progress by agency as at 31 March 2026: Health: 2 actions, 1 Blue, 1 Green; Police: 2 actions, 1 Red, 1 withdrawn; /);
    expect(chart.altText.endsWith('.')).toBe(true);
  });

  it('shows the 25 agencies with most actions of 150 and says so, its alt text bounded', () => {
    const report = largeAssuranceReport(150);
    const chart = agencyProgressChartSvg(report);
    expect(parses(chart.svg)).toBe(true);
    expect(chart.title).toBe(`Progress by agency: the ${CHART_AGENCY_LIMIT} agencies with most actions, of 150`);
    const labels = texts(chart.svg).filter((t) => /^Agency \d+$/.test(t));
    expect(labels).toHaveLength(CHART_AGENCY_LIMIT);
    // The ten big agencies (40 more actions each) are all there; a small one ranked below 25 is not.
    for (let i = 1; i <= 10; i++) expect(labels).toContain(`Agency ${i}`);
    const ranked = [...report.agencies].sort((a, b) => b.actions - a.actions);
    expect(labels).not.toContain(ranked[CHART_AGENCY_LIMIT + 10]!.shortName);
    expect(chart.altText.length).toBeLessThanOrEqual(ALT_TEXT_LIMIT);
    expect(chart.altText).toContain('the 25 agencies with most actions of 150');
    const listed = (chart.altText.match(/Agency \d+:/g) ?? []).length;
    expect(chart.altText).toContain(`and ${150 - listed} more agencies.`);
  });

  it('says when no agency has actions', () => {
    const chart = agencyProgressChartSvg(sampleAssuranceReport({ agencies: [] }));
    expect(parses(chart.svg)).toBe(true);
    expect(texts(chart.svg)).toContain('No agency has actions in this scope.');
    expect(chart.altText).toContain('no agency has actions');
  });
});

describe('BRAG change chart', () => {
  it('labels each rating with its counts at the start and the end of the period', () => {
    const report = sampleAssuranceReport({
      brag: {
        atStart: { blue: 4, green: 9, amber: 3, red: 7, withdrawn: 0 },
        atEnd: { blue: 6, green: 11, amber: 2, red: 5, withdrawn: 1 },
        change: { blue: 2, green: 2, amber: -1, red: -2, withdrawn: 1 },
      },
    });
    const chart = bragChangeChartSvg(report);
    expect(parses(chart.svg)).toBe(true);
    const words = texts(chart.svg);
    for (const word of ['Blue', 'Green', 'Amber', 'Red', 'Withdrawn']) expect(words).toContain(word);
    // Per rating: start count, "Start", end count, "End", then the rating's word.
    const red = words.indexOf('Red');
    expect(words.slice(red - 4, red)).toEqual(['7', 'Start', '5', 'End']);
    expect(chart.altText).toBe(
      'BRAG ratings at the start of the period (31 March 2025) and as at 31 March 2026: Blue 4 then 6, Green 9 then 11, Amber 3 then 2, Red 7 then 5, withdrawn 0 then 1.',
    );
    expect(words.at(-1)).toBe('Change: Blue +2, Green +2, Amber −1, Red −2, Withdrawn +1');
  });
});

describe('svgToPng', () => {
  it('draws a PNG of the width asked for, with the text set in a real font', () => {
    const chart = agencyProgressChartSvg(sampleAssuranceReport());
    const png = svgToPng(chart.svg, 1280);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual({ width: 1280, height: Math.round((chart.height * 1280) / chart.width) });
    // With no font the labels would not be drawn: the chart with its labels differs from one without.
    const withoutText = chart.svg.replace(/<text[^>]*>[^<]*<\/text>/g, '');
    expect(svgToPng(withoutText, 1280).equals(png)).toBe(false);
  });
});
