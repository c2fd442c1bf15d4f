import { Marker, type LegendItem } from './chart-legend';
import { countTicks } from './scale';
import { ChartFigure } from './chart-figure';

export interface LineSeries {
  key: string;
  label: string;
  tone: string;
  marker: 'circle' | 'square' | 'triangle';
  /** Drawn dashed, so lines differ in more than colour. */
  dashed?: boolean;
}

export interface LinePoint {
  key: string;
  /** The x-axis label, e.g. "Mar 2026". */
  label: string;
  values: Readonly<Record<string, number>>;
}

export interface LineChartProps {
  id: string;
  title: string;
  /** The text alternative: what the chart shows. The table beside it has every number. */
  description: string;
  series: readonly LineSeries[];
  points: readonly LinePoint[];
  /** Label every nth point on the x axis, counting back from the last, which is always labelled. */
  labelEvery?: number;
}

const WIDTH = 640;
const HEIGHT = 300;
const LEFT = 44;
const RIGHT = 104;
const TOP = 14;
const BOTTOM = 44;
const LABEL_GAP = 15;

/**
 * A line chart of counts over time, hand-written in SVG: an image to assistive technology, with a title and a
 * description, and a table beside it with every number. Each series has its own marker shape, dash and an end
 * label in words, so no one has to match colours.
 */
export function LineChart({ id, title, description, series, points, labelEvery = 3 }: LineChartProps) {
  const max = Math.max(0, ...points.flatMap((point) => series.map((s) => point.values[s.key] ?? 0)));
  const ticks = countTicks(max);
  const top = ticks[ticks.length - 1] ?? 1;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (index: number) => LEFT + (points.length <= 1 ? plotWidth / 2 : (index / (points.length - 1)) * plotWidth);
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const legend: LegendItem[] = series.map((s) => ({ key: s.key, label: s.label, tone: s.tone, marker: s.marker }));
  const endLabels = spreadLabels(
    series.map((s) => ({ key: s.key, label: s.label, tone: s.tone, y: y(points[points.length - 1]?.values[s.key] ?? 0) })),
  );

  return (
    <ChartFigure id={id} title={title} description={description} legend={legend} width={WIDTH} height={HEIGHT}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="app-chart__grid" x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} />
          <text className="app-chart__tick" x={LEFT - 8} y={y(tick)} dominantBaseline="central" textAnchor="end">
            {tick}
          </text>
        </g>
      ))}
      <line className="app-chart__axis" x1={LEFT} x2={WIDTH - RIGHT} y1={y(0)} y2={y(0)} />
      {points.map((point, index) =>
        // Counted back from the newest month, which is always labelled, so labels never crowd at the end.
        (points.length - 1 - index) % labelEvery === 0 ? (
          <text key={point.key} className="app-chart__tick" x={x(index)} y={HEIGHT - BOTTOM + 20} textAnchor="middle">
            {point.label}
          </text>
        ) : null,
      )}
      {series.map((s) => (
        <g key={s.key}>
          <polyline
            className={`app-chart__line app-chart__line--${s.tone}${s.dashed ? ' app-chart__line--dashed' : ''}`}
            points={points.map((point, index) => `${x(index)},${y(point.values[s.key] ?? 0)}`).join(' ')}
          />
          {points.map((point, index) => (
            <Marker key={point.key} shape={s.marker} x={x(index)} y={y(point.values[s.key] ?? 0)} tone={s.tone} size={3} />
          ))}
        </g>
      ))}
      {endLabels.map((label) => (
        <text
          key={label.key}
          className={`app-chart__end-label app-chart__end-label--${label.tone}`}
          x={WIDTH - RIGHT + 10}
          y={label.y}
          dominantBaseline="central"
        >
          {label.label}
        </text>
      ))}
    </ChartFigure>
  );
}

/** Move end labels apart so none overlaps another, keeping their order. */
function spreadLabels<T extends { y: number }>(labels: T[]): T[] {
  const sorted = [...labels].sort((a, b) => a.y - b.y).map((label) => ({ ...label }));
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (current.y - previous.y < LABEL_GAP) current.y = previous.y + LABEL_GAP;
  }
  const overflow = (sorted[sorted.length - 1]?.y ?? 0) - (HEIGHT - BOTTOM);
  if (overflow > 0) for (const label of sorted) label.y -= overflow;
  return sorted;
}
