import type { ReactNode } from 'react';
import { ChartLegend, type LegendItem } from './chart-legend';
import { chartIds } from './scale';

/**
 * What every chart shares: the key above it in HTML, and an SVG that screen readers announce as one image
 * with its title and a description of what it shows (the table beside each chart has the numbers).
 */
export function ChartFigure({
  id,
  title,
  description,
  legend,
  width,
  height,
  children,
}: {
  id: string;
  title: string;
  description: string;
  legend: readonly LegendItem[];
  width: number;
  height: number;
  children: ReactNode;
}) {
  const ids = chartIds(id);
  return (
    <figure className="app-chart">
      <ChartLegend items={legend} label={`Key to the chart: ${title}`} />
      {/* On a phone the chart is wider than the screen and scrolls sideways: a named region keyboard users can reach. */}
      <div className="app-chart__frame" role="region" aria-label={`${title} (scrolls sideways on narrow screens)`} tabIndex={0}>
        <svg className="app-chart__svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${ids.title} ${ids.desc}`} focusable="false">
          <title id={ids.title}>{title}</title>
          <desc id={ids.desc}>{description}</desc>
          {children}
        </svg>
      </div>
    </figure>
  );
}
