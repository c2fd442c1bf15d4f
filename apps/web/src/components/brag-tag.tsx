import type { Brag } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';

/**
 * Solid colours for each rating, each word at 4.5:1 or more against its colour (styles/_tracker.scss). The word is
 * always shown too: colour is never the only signal. Statuses are outlined instead (`StatusTag`).
 */
const BRAG_TAG_CLASS: Record<Brag, string> = {
  blue: 'govuk-tag app-brag-tag app-brag-tag--blue',
  green: 'govuk-tag app-brag-tag app-brag-tag--green',
  amber: 'govuk-tag app-brag-tag app-brag-tag--amber',
  red: 'govuk-tag app-brag-tag app-brag-tag--red',
};

export interface BragTagProps {
  /** `null` for a withdrawn action, which is not rated. */
  brag: Brag | null;
  /** Why the action has this rating, in words from the API (e.g. "overdue since 31 March 2026"). */
  reason?: string | undefined;
  /** Show the reason under the tag; otherwise it is read out to screen readers only. */
  showReason?: boolean;
}

export function BragTag({ brag, reason, showReason = false }: BragTagProps) {
  const word = brag ? LABELS.brag[brag] : 'Not rated';
  const className = brag ? BRAG_TAG_CLASS[brag] : 'govuk-tag app-brag-tag app-brag-tag--none';
  return (
    <span className="app-brag">
      <strong className={className}>
        <span className="govuk-visually-hidden">BRAG rating: </span>
        {word}
      </strong>
      {reason ? (
        showReason ? (
          <span className="app-brag__reason">{reason}</span>
        ) : (
          <span className="govuk-visually-hidden">, {reason}</span>
        )
      ) : null}
    </span>
  );
}
