import { lazy } from 'react';

/**
 * The charts load after the figures and tables they illustrate, each as its own chunk: the numbers are on the
 * page at once, and the first page's JavaScript stays within its budget.
 */
export const StackedBarChart = lazy(async () => ({
  default: (await import('@/components/charts/stacked-bar-chart')).StackedBarChart,
}));

export const LineChart = lazy(async () => ({ default: (await import('@/components/charts/line-chart')).LineChart }));

export function ChartLoading() {
  return (
    <p className="app-chart__loading" role="status">
      Loading the chart…
    </p>
  );
}
