/** Words that flag an action or a review for attention. Bold words with a border, never colour alone. */

export function OverdueFlag() {
  return <strong className="app-flag app-flag--overdue">Overdue</strong>;
}

export function StaleFlag({ cadenceDays }: { cadenceDays?: number | undefined }) {
  return (
    <strong
      className="app-flag app-flag--stale"
      title={cadenceDays ? `No progress update in the last ${cadenceDays} days` : 'No recent progress update'}
    >
      Stale
      <span className="govuk-visually-hidden">: no recent progress update</span>
    </strong>
  );
}

/** Whether a review met its statutory timescale. `null`: not yet known (the due day has not come). */
export function TimelinessFlag({ late }: { late: boolean | null }) {
  if (late === null) return null;
  return late ? (
    <strong className="app-flag app-flag--late">Late</strong>
  ) : (
    <strong className="app-flag app-flag--on-time">On time</strong>
  );
}

export function ActionFlags({ overdue, stale }: { overdue: boolean; stale: boolean }) {
  if (!overdue && !stale) return null;
  return (
    <>
      {overdue ? <OverdueFlag /> : null}
      {stale ? <StaleFlag /> : null}
    </>
  );
}
