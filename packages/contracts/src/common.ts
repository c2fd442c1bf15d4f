import { z } from 'zod';
import { LIMITS } from './constants';


/**
 * The largest id or version there can be: PostgreSQL numbers rows with `integer` (SQLite goes further, but no
 * partnership comes near). A larger number names nothing, and is refused as such before any query.
 */
export const MAX_ID = 2_147_483_647;

/** An id in a path or query string (text that must be a positive whole number). */
export const Id = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/, { error: 'must be a whole number from 1 up, written in digits' })
  .transform(Number)
  .refine((id) => id <= MAX_ID, { error: `must be at most ${MAX_ID}` });
/** An id in a JSON body. */
export const IdRef = z.number().int().positive().max(MAX_ID, { error: `must be at most ${MAX_ID}` });
export const IdParams = z.strictObject({ id: Id });

/** A calendar date, `YYYY-MM-DD`, that exists (2026-02-30 does not). */
export const CalendarDate = z.iso
  .date({ error: 'must be a real calendar date written YYYY-MM-DD' })
  // Statutory timescales and due-soon windows are counted from these days: years far outside a plan's life would
  // only overflow that arithmetic, never mean anything.
  .refine((date) => date >= '1900-01-01' && date <= '2199-12-31', { error: 'must be a day between 1900 and 2199' });
export const Instant = z.iso.datetime();

export const requiredText = (max: number) =>
  z.string().trim().min(1, { error: 'must not be empty' }).max(max, { error: `must be at most ${max} characters` });
export const optionalText = (max: number) =>
  z.string().trim().max(max, { error: `must be at most ${max} characters` });

export const Version = z.number().int().min(1).max(MAX_ID, { error: `must be at most ${MAX_ID}` });

/** Words typed into a search box: at most 200 characters, and no control characters (a NUL is never a word). */
export const SearchText = z
  .string()
  .trim()
  .max(200, { error: 'must be at most 200 characters' })
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, { error: 'must not contain control characters' });

/** Query parameters that may repeat (`?status=a&status=b`) arrive as a string or an array. */
export const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(item).max(LIMITS.ids));

export const QueryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const FieldError = z.object({ path: z.string(), message: z.string() });

/** RFC 9457 problem details. `current` carries the resource as it now is, on version conflicts. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(FieldError).optional(),
  current: z.unknown().optional(),
});
export type Problem = z.infer<typeof Problem>;
export type FieldError = z.infer<typeof FieldError>;

export const Health = z.object({ status: z.literal('ok') });

/** Which database the tracker runs on, and whether it holds every migration this version has. */
export const DatabaseHealth = z.object({
  database: z.enum(['sqlite', 'postgresql']),
  migrated: z.boolean(),
  /** The newest migration this version has (migrations/<database>/), which a migrated database has applied. */
  latestMigration: z.string(),
});
export type DatabaseHealth = z.infer<typeof DatabaseHealth>;
