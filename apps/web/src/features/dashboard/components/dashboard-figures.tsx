import type { Dashboard } from '@lrt/contracts';
import { useSettings } from '@/features/settings/api/get-settings';
import type { DashboardScope } from '../api/keys';
import { ActionTrend } from './action-trend';
import { AgencyProgress } from './agency-progress';
import { HeadlineFigures } from './headline-figures';
import { ReviewProgress } from './review-progress';

/**
 * The partnership's settings as the shell already holds them. Never fetched from here: the dashboard pages
 * make no request but their own, and only need the settings for words ("in the last 56 days").
 */
export const useCachedSettings = () => useSettings({ enabled: false }).data;

export interface DashboardSectionsProps {
  dashboard: Dashboard;
  scope: DashboardScope;
  /** Read after each count by screen readers, e.g. "of the Child Exploitation subgroup". */
  whose?: string;
  idPrefix: string;
  /** Which parts to show, in this order. */
  parts?: readonly ('headline' | 'agencies' | 'reviews' | 'trend')[];
}

/** The figures of a dashboard: headline counts, progress by agency, the reviews needing most attention, and the trend. */
export function DashboardSections({ dashboard, scope, whose, idPrefix, parts = ['headline', 'agencies', 'reviews', 'trend'] }: DashboardSectionsProps) {
  const settings = useCachedSettings();
  return (
    <>
      {parts.map((part) => {
        switch (part) {
          case 'headline':
            return (
              <HeadlineFigures
                key={part}
                totals={dashboard.totals}
                scope={scope}
                whose={whose}
                dueSoonDays={settings?.dueSoonDays}
                updateCadenceDays={settings?.updateCadenceDays}
              />
            );
          case 'agencies':
            return <AgencyProgress key={part} rows={dashboard.byAgency} scope={scope} idPrefix={idPrefix} />;
          case 'reviews':
            return <ReviewProgress key={part} rows={dashboard.byReview} total={dashboard.reviewCount} scope={scope} idPrefix={idPrefix} />;
          case 'trend':
            return <ActionTrend key={part} trend={dashboard.trend} idPrefix={idPrefix} />;
          default:
            return null;
        }
      })}
    </>
  );
}
