import type { LegendItem } from './chart-legend';
import { countTicks } from './scale';
import { ChartFigure } from './chart-figure';

export interface BarSeries {
  key: string;
  label: string;
  /** Colour and pattern modifier: `red`, `amber`, `green`, `blue`, `grey`, `purple`, `teal`. */
  tone: string;
}

export interface BarCategory {
  key: string | number;
  /** Short label drawn beside the bar (e.g. an agency's short name). */
  label: string;
  /** Full name, given as the bar's tooltip. */
  title?: string | undefined;
  values: Readonly<Record<string, number>>;
}

export interface StackedBarChartProps {
  /** Unique on the page: the chart's title and description take their ids from it. */
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two. The table beside it has every number. */
  description: string;
  series: readonly BarSeries[];
  categories: readonly BarCategory[];
}

const WIDTH = 640;
const LABEL_WIDTH = 120;
const TOTAL_WIDTH = 44;
const ROW = 30;
const BAR = 20;
const TOP = 8;
const AXIS = 26;
/** Narrower segments than this have no number inside them: it would not fit. */
const MIN_LABELLED = 22;

/**
 * A horizontal stacked bar chart, one bar per category, hand-written in SVG. It is an image to assistive
 * technology (`role="img"` with a title and description); the table beside it is the accessible equivalent.
 * Segments are separated by white gaps and carry their count when there is room, and the legend names each
 * series in words.
 */
export function StackedBarChart({ id, title, description, series, categories }: StackedBarChartProps) {
  const totals = categories.map((category) => series.reduce((sum, s) => sum + (category.values[s.key] ?? 0), 0));
  const ticks = countTicks(Math.max(0, ...totals));
  const top = ticks[ticks.length - 1] ?? 1;
  const plotWidth = WIDTH - LABEL_WIDTH - TOTAL_WIDTH;
  const x = (value: number) => LABEL_WIDTH + (value / top) * plotWidth;
  const height = TOP + categories.length * ROW + AXIS;
  const legend: LegendItem[] = series.map((s) => ({ key: s.key, label: s.label, tone: s.tone }));

  return (
    <ChartFigure id={id} title={title} description={description} legend={legend} width={WIDTH} height={height}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="app-chart__grid" x1={x(tick)} x2={x(tick)} y1={TOP - 4} y2={TOP + categories.length * ROW} />
          <text className="app-chart__tick" x={x(tick)} y={height - 8} textAnchor="middle">
            {tick}
          </text>
        </g>
      ))}
      {categories.map((category, row) => {
        const y = TOP + row * ROW + (ROW - BAR) / 2;
        let start = 0;
        return (
          <g key={category.key}>
            <text className="app-chart__label" x={LABEL_WIDTH - 8} y={y + BAR / 2} dominantBaseline="central" textAnchor="end">
              {category.title ? <title>{category.title}</title> : null}
              {category.label}
            </text>
            {series.map((s) => {
              const value = category.values[s.key] ?? 0;
              if (value <= 0) return null;
              const x0 = x(start);
              start += value;
              const width = x(start) - x0;
              return (
                <g key={s.key}>
                  <rect className={`app-chart__fill app-chart__fill--${s.tone}`} x={x0} y={y} width={width} height={BAR}>
                    <title>{`${category.title ?? category.label}: ${s.label} ${value}`}</title>
                  </rect>
                  {width >= MIN_LABELLED ? (
                    <text className="app-chart__value" x={x0 + width / 2} y={y + BAR / 2} dominantBaseline="central" textAnchor="middle">
                      {value}
                    </text>
                  ) : null}
                </g>
              );
            })}
            <text className="app-chart__total" x={x(start) + 6} y={y + BAR / 2} dominantBaseline="central">
              {totals[row]}
            </text>
          </g>
        );
      })}
      <line className="app-chart__axis" x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={TOP - 4} y2={TOP + categories.length * ROW} />
    </ChartFigure>
  );
}
