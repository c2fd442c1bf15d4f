/**
 * One layout for every email: a plain-text part that reads well on its own, and an HTML part that is simple,
 * accessible markup (a language, a title, real headings, lists and tables with headers, a link whose text says
 * where it goes, no images and no colour-only meaning), so screen readers and text-only clients do as well as
 * any.
 */

export interface EmailTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface EmailContent {
  partnershipName: string;
  /** The first line of the message. */
  heading: string;
  greeting: string;
  /** Paragraphs before the table. */
  intro: string[];
  table?: EmailTable | undefined;
  /** The call to action: its words, and the address (or LINK_PLACEHOLDER). */
  link?: { text: string; url: string } | undefined;
  /** Paragraphs after the link. */
  outro?: string[] | undefined;
}

export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export function renderEmail(content: EmailContent): { text: string; html: string } {
  const text = [
    content.greeting,
    '',
    ...content.intro.flatMap((p) => [p, '']),
    ...(content.table ? [tableText(content.table), ''] : []),
    ...(content.link ? [`${content.link.text}:`, content.link.url, ''] : []),
    ...(content.outro ?? []).flatMap((p) => [p, '']),
    `${content.partnershipName}`,
  ].join('\n');

  const cell = 'style="border:1px solid #505a5f;padding:6px 8px;text-align:left;vertical-align:top"';
  const table = content.table
    ? `<table style="border-collapse:collapse;margin:16px 0"><caption style="text-align:left;font-weight:bold;padding-bottom:4px">${escapeHtml(content.table.caption)}</caption>` +
      `<thead><tr>${content.table.columns.map((c) => `<th scope="col" ${cell}>${escapeHtml(c)}</th>`).join('')}</tr></thead>` +
      `<tbody>${content.table.rows.map((r) => `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row" ${cell}>${escapeHtml(v)}</th>` : `<td ${cell}>${escapeHtml(v)}</td>`)).join('')}</tr>`).join('')}</tbody></table>`
    : '';
  const link = content.link
    ? `<p style="margin:16px 0"><a href="${escapeHtml(content.link.url)}" style="color:#1d70b8;font-weight:bold">${escapeHtml(content.link.text)}</a></p>`
    : '';
  const html = [
    '<!doctype html>',
    `<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.heading)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;margin:0;padding:16px">',
    `<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(content.heading)}</h1>`,
    `<p>${escapeHtml(content.greeting)}</p>`,
    ...content.intro.map((p) => `<p>${escapeHtml(p)}</p>`),
    table,
    link,
    ...(content.outro ?? []).map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p>${escapeHtml(content.partnershipName)}</p>`,
    '</body></html>',
  ].join('\n');
  return { text, html };
}

/** A table as plain text: one block per row, each column named, since columns cannot line up in every client. */
function tableText(table: EmailTable): string {
  return [
    `${table.caption}:`,
    ...table.rows.map((row) => ['', ...row.map((value, i) => (i === 0 ? `- ${value}` : `  ${table.columns[i]}: ${value}`))].join('\n')),
  ].join('\n');
}
