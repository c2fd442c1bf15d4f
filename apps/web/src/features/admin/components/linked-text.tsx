import { Fragment } from 'react';

/** http(s) addresses in running text; anything else (mailto:, javascript:…) stays text. */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Punctuation that ends a sentence after an address, not part of it: "… at https://x.example/a." */
const TRAILING = /[.,;:!?)\]]+$/;

export type TextPart = { text: string } | { url: string };

/** Splits text into plain runs and the http(s) addresses in it, in order. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING, '');
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Text as written, its line breaks kept, with every http(s) address in it a link that can be followed. */
export function LinkedText({ text, className }: { text: string; className?: string }) {
  return (
    <p className={`govuk-body app-pre-wrap app-break-anywhere${className ? ` ${className}` : ''}`}>
      {splitLinks(text).map((part, index) =>
        'url' in part ? (
          <a key={index} className="govuk-link" href={part.url}>
            {part.url}
          </a>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </p>
  );
}
