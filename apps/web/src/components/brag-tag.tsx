import type { Brag } from '@lrt/contracts';
import { LABELS } from '@/lib/contract-constants';

/** GOV.UK tag colours for each rating. The word is always shown too: colour is never the only signal. */
const BRAG_TAG_CLASS: Record<Brag, string> = {
  blue: 'govuk-tag',
  green: 'govuk-tag govuk-tag--green',
  amber: 'govuk-tag govuk-tag--orange',
  red: 'govuk-tag govuk-tag--red',
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
  const className = brag ? BRAG_TAG_CLASS[brag] : 'govuk-tag govuk-tag--grey';
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
