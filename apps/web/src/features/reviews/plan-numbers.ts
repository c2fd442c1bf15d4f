/** A learning point's or recommendation's number as typed: none (the next free one), a whole number, or an error. */
export function numberFrom(text: string): { value: number | undefined; error?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  if (!/^\d{1,6}$/.test(trimmed)) return { value: undefined, error: 'Number must be a whole number, for example 3' };
  return { value: Number(trimmed) };
}

/** The schema's range of numbers (1 to 999), in words. */
export const NUMBER_MESSAGES: Partial<Record<string, string>> = {
  too_small: 'Number must be 1 or more',
  too_big: 'Number must be 999 or less',
};
