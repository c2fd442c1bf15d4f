import type { ReactNode } from 'react';

/**
 * Words that flag an action or a review for attention, as MoJ Frontend badges (`moj-badge`, its Sass only): bold
 * words in a coloured border, never colour alone. Every badge colour reaches 4.5:1 on white and on the light grey
 * panels (WCAG 1.4.3).
 */

export function OverdueFlag() {
  return <strong className="moj-badge moj-badge--red">Overdue</strong>;
}

export function StaleFlag({ cadenceDays }: { cadenceDays?: number | undefined }) {
  return (
    <strong
      className="moj-badge moj-badge--purple"
      title={cadenceDays ? `No progress update in the last ${cadenceDays} days` : 'No recent progress update'}
    >
      Stale
      <span className="govuk-visually-hidden">: no recent progress update</span>
    </strong>
  );
}

export function DueSoonFlag() {
  return <strong className="moj-badge">Due soon</strong>;
}

/** Whether a review met its statutory timescale. `null`: not yet known (the due day has not come). */
export function TimelinessFlag({ late }: { late: boolean | null }) {
  if (late === null) return null;
  return late ? (
    <strong className="moj-badge moj-badge--red">Late</strong>
  ) : (
    <strong className="moj-badge moj-badge--green">On time</strong>
  );
}

export function ActionFlags({ overdue, stale }: { overdue: boolean; stale: boolean }) {
  if (!overdue && !stale) return null;
  return (
    <>
      {overdue ? <OverdueFlag /> : null}
      {overdue && stale ? ' ' : null}
      {stale ? <StaleFlag /> : null}
    </>
  );
}

/** A count beside a heading, as an MoJ badge. The heading says what is counted. */
export function CountBadge({ children }: { children: ReactNode }) {
  return <span className="moj-badge moj-badge--large">{children}</span>;
}
