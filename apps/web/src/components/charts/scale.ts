/** Round steps for a count axis: 0, 5, 10… or 0, 20, 40…, always whole numbers, topping out at or above `max`. */
export function countTicks(max: number, count = 5): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalised = raw / magnitude;
  const step = Math.max(1, (normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10) * magnitude);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  return ticks;
}

/** Ids unique on the page for a chart's title and description, from a readable stem. */
export const chartIds = (stem: string) => {
  const safe = stem.replace(/[^a-z0-9-]/gi, '-').toLowerCase();
  return { title: `${safe}-title`, desc: `${safe}-desc` };
};
