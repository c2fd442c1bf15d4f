import type { ActionTotals } from '@lrt/contracts';
import { CountLink } from '@/features/dashboard/components/count-link';
import { countPath, type CountFilter } from '@/features/dashboard/links';
import { pluralise } from '@/lib/format';

interface Figure {
  key: string;
  label: string;
  hint: string;
  count: number;
  filter: CountFilter;
  tone: string;
}

/** The counts at the top of "My agency", each opening the list of what it counts. */
export function AgencySummary({
  agencyId,
  agencyName,
  totals,
  dueSoonDays,
  updateCadenceDays,
}: {
  agencyId: number;
  agencyName: string;
  totals: ActionTotals;
  dueSoonDays?: number | undefined;
  updateCadenceDays?: number | undefined;
}) {
  const figures: Figure[] = [
    { key: 'overdue', label: 'Overdue', hint: 'Past the target date', count: totals.overdue, filter: { kind: 'overdue' }, tone: 'attention' },
    {
      key: 'stale',
      label: 'No recent update',
      hint: updateCadenceDays ? `None in the last ${updateCadenceDays} days` : 'Stale',
      count: totals.stale,
      filter: { kind: 'stale' },
      tone: 'attention',
    },
    {
      key: 'dueSoon',
      label: 'Due soon',
      hint: dueSoonDays ? `In the next ${pluralise(dueSoonDays, 'day')}` : 'In the coming weeks',
      count: totals.dueSoon,
      filter: { kind: 'dueSoon' },
      tone: 'attention',
    },
    {
      key: 'completed',
      label: 'Awaiting assurance',
      hint: 'Completed, waiting for sign-off',
      count: totals.byStatus.completed,
      filter: { kind: 'status', status: 'completed' },
      tone: 'green',
    },
  ];
  return (
    <ul className="app-figures" aria-label={`Summary for ${agencyName}`}>
      {figures.map((figure) => (
        <li key={figure.key} className={`app-figure app-figure--${figure.tone}`}>
          <span className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-0">{figure.label}</span>
          <CountLink
            className="app-figure__count"
            count={figure.count}
            to={countPath({ agencyId }, figure.filter)}
            label={`${figure.label.toLowerCase()}: actions of ${agencyName}`}
          />
          <span className="app-figure__hint">{figure.hint}</span>
        </li>
      ))}
    </ul>
  );
}
