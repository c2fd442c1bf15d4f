export interface LegendItem {
  key: string;
  label: string;
  /** The modifier that gives the swatch its colour and pattern, e.g. `red` for `app-chart__swatch--red`. */
  tone: string;
  /** How the series is drawn, for line charts: a dashed line, a square marker… in words, so no one relies on colour. */
  marker?: 'circle' | 'square' | 'triangle' | undefined;
}

/**
 * The key to a chart, in HTML above it so it reads and zooms like text. Each entry says its name in words;
 * colour is never the only way to tell series apart.
 */
export function ChartLegend({ items, label }: { items: readonly LegendItem[]; label: string }) {
  return (
    <ul className="app-chart-legend" aria-label={label}>
      {items.map((item) => (
        <li key={item.key} className="app-chart-legend__item">
          <svg className="app-chart-legend__key" viewBox="0 0 28 16" width="28" height="16" aria-hidden="true" focusable="false">
            {item.marker ? (
              <>
                <line x1="0" y1="8" x2="28" y2="8" className={`app-chart__line app-chart__line--${item.tone}`} />
                <Marker shape={item.marker} x={14} y={8} tone={item.tone} />
              </>
            ) : (
              <rect x="0" y="0" width="28" height="16" className={`app-chart__fill app-chart__fill--${item.tone}`} />
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** A data point's marker. Different shapes per series, so the lines differ in more than colour. */
export function Marker({ shape, x, y, tone, size = 4 }: { shape: 'circle' | 'square' | 'triangle'; x: number; y: number; tone: string; size?: number }) {
  const className = `app-chart__marker app-chart__marker--${tone}`;
  if (shape === 'square') return <rect x={x - size} y={y - size} width={size * 2} height={size * 2} className={className} />;
  if (shape === 'triangle') {
    const h = size * 1.2;
    return <polygon points={`${x},${y - h} ${x + h},${y + h} ${x - h},${y + h}`} className={className} />;
  }
  return <circle cx={x} cy={y} r={size} className={className} />;
}
