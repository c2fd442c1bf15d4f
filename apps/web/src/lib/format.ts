const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const instantDateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const instantTimeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});

/** A calendar date `2026-03-03` → "3 March 2026". Read as UTC so no time zone moves it a day. */
export function formatDate(value: string | null | undefined, empty = 'Not set'): string {
  if (!value) return empty;
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** An instant → "3 March 2026 at 2:05pm", in UK time. */
export function formatDateTime(value: string | null | undefined, empty = 'Never'): string {
  if (!value) return empty;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const time = instantTimeFormat.format(date).replace(/\s/g, '').toLowerCase();
  return `${instantDateFormat.format(date)} at ${time}`;
}

/** An instant → its UK calendar day, "3 March 2026". */
export function formatInstantDate(value: string | null | undefined, empty = 'Never'): string {
  if (!value) return empty;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : instantDateFormat.format(date);
}

export const pluralise = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
