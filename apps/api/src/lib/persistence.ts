import { and, eq, getTableName, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { asPrepared, dialectOf, inJsonIds, postgresErrorOf, type Db, type Tx } from '@lrt/db';
import { conflict, notFound, unprocessable, versionConflict } from '../plugins/problems';
import { changedFields, recordAudit, type Actor } from './audit';

export const nowIso = (now: Date) => now.toISOString();

const preparedQueries = new WeakMap<object, Map<string, unknown>>();

/**
 * A query built once per connection and run again with new values (`sql.placeholder`), for the statements a
 * write runs every time (an action read for its audit view, an audit insert): building a query with drizzle costs
 * more than running it, and a batch such as an import runs them for every row. `name` names the query; `build`
 * must not depend on anything but the connection. A transaction shares its connection's queries. Its all, get and
 * run are awaited: on PostgreSQL they return promises.
 */
export function prepared<T>(db: Db | Tx, name: string, build: (db: Db | Tx) => T): T {
  // PostgreSQL: built for the connection or transaction at hand, and run through its execute (see asPrepared).
  if (dialectOf(db) === 'postgres') return asPrepared(db, build(db)) as T;
  const session = (db as unknown as { session: object }).session;
  let queries = preparedQueries.get(session);
  if (!queries) preparedQueries.set(session, (queries = new Map()));
  let query = queries.get(name) as T | undefined;
  if (query === undefined) {
    query = build(db);
    queries.set(name, query);
  }
  return query;
}

/** The unique constraints of the schema, as a user would hear about them: the index's name, and how SQLite's message names it. */
const UNIQUE_CONSTRAINTS: { match: string; constraint: string; code: string; path: string; message: string }[] = [
  { match: 'agencies_name_unique', constraint: 'agencies_name_unique', code: 'agency.name_taken', path: 'name', message: 'another agency has this name' },
  { match: 'agencies_short_name_unique', constraint: 'agencies_short_name_unique', code: 'agency.short_name_taken', path: 'shortName', message: 'another agency has this short name' },
  { match: 'subgroups_name_unique', constraint: 'subgroups_name_unique', code: 'subgroup.name_taken', path: 'name', message: 'another subgroup has this name' },
  { match: 'subgroups_short_name_unique', constraint: 'subgroups_short_name_unique', code: 'subgroup.short_name_taken', path: 'shortName', message: 'another subgroup has this short name' },
  { match: 'themes_name_unique', constraint: 'themes_name_unique', code: 'theme.name_taken', path: 'name', message: 'another theme has this name' },
  { match: 'reviews_code_unique', constraint: 'reviews_code_unique', code: 'review.code_taken', path: 'code', message: 'another review has this code' },
  { match: 'actions_ref_unique', constraint: 'actions_ref_unique', code: 'action.ref_taken', path: 'ref', message: 'another action has this reference' },
  { match: 'learning_points.review_id, learning_points.number', constraint: 'learning_points_review_number_unique', code: 'learning_point.number_taken', path: 'number', message: 'this review already has a learning point with this number' },
  { match: 'recommendations.review_id, recommendations.number', constraint: 'recommendations_review_number_unique', code: 'recommendation.number_taken', path: 'number', message: 'this review already has a recommendation with this number' },
];

/**
 * Whether `error` is the database refusing a row because the unique index or constraint `name` already has its
 * value. SQLite names the index in the message (or the columns, for an index over several); PostgreSQL names it.
 */
export function isUniqueViolation(error: unknown, name: string, sqliteMatch = name): boolean {
  if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') return error.message.includes(sqliteMatch);
  const postgres = postgresErrorOf(error);
  return postgres?.code === '23505' && postgres.constraint === name;
}

/** Turns a unique-constraint failure into a 409 that names the field; rethrows anything else. */
export function explainConstraint(error: unknown): never {
  const known = UNIQUE_CONSTRAINTS.find((c) => isUniqueViolation(error, c.constraint, c.match));
  if (known) throw conflict(known.code, known.path, known.message);
  throw error;
}

interface VersionedTable extends SQLiteTable {
  id: SQLiteColumn;
  version: SQLiteColumn;
  updatedAt: SQLiteColumn;
}

/**
 * Optimistic concurrency with its audit event: updates the row only if it still has the version the client saw
 * (a stale version changes nothing and answers 409 with the resource as it now is), runs `alsoWrite` (link
 * tables) in the same transaction, and records the fields that changed. Returns the resource as it now is.
 */
export async function updateVersioned<T extends Record<string, unknown>>(
  tx: Tx,
  options: {
    table: VersionedTable;
    resource: string;
    id: number;
    version: number;
    values: Record<string, unknown>;
    now: Date;
    actor: Actor;
    /** The resource as the API shows it. */
    current: () => T | Promise<T>;
    /** The resource as it is, when the caller has just read it in this transaction (saves reading it again). */
    before?: T;
    /** Rules the change must keep, checked once the version is known to be current (so a stale edit hears 409 first). */
    check?: () => void | Promise<void>;
    /** The fields the trail records, when the resource also shows figures computed from elsewhere. */
    auditView?: (resource: T) => Record<string, unknown>;
    alsoWrite?: () => void | Promise<void>;
    /** Changes the resource does not show (a new password), recorded in the same event. */
    alsoChanged?: { before: Record<string, unknown>; after: Record<string, unknown> };
  },
): Promise<T> {
  const { table, id } = options;
  const row = (await prepared(tx, `versioned.${getTableName(table)}`, (d) =>
    d.select({ version: table.version }).from(table).where(eq(table.id, sql.placeholder('id'))).prepare(),
  ).get({ id })) as { version: number } | undefined;
  if (!row) throw notFound(options.resource, id);
  const before = options.before ?? (await options.current());
  if (row.version !== options.version) throw versionConflict(options.resource, before);
  await options.check?.();
  // Nothing to change: the version stays, and nothing enters the trail.
  if (Object.keys(options.values).length === 0 && !options.alsoWrite && !options.alsoChanged) return before;
  try {
    await tx
      .update(table)
      .set({ ...options.values, version: sql`${table.version} + 1`, updatedAt: nowIso(options.now) } as never)
      .where(and(eq(table.id, id), eq(table.version, options.version)));
  } catch (error) {
    explainConstraint(error);
  }
  await options.alsoWrite?.();
  const after = await options.current();
  const view = options.auditView ?? ((resource: T) => resource);
  const shown = changedFields(view(before), view(after));
  const changes = options.alsoChanged
    ? { before: { ...shown?.before, ...options.alsoChanged.before }, after: { ...shown?.after, ...options.alsoChanged.after } }
    : shown;
  if (changes) await recordAudit(tx, options.actor, { entity: options.resource, entityId: id, operation: 'update', ...changes, at: options.now });
  return after;
}

/** Records the creation of a resource, with everything it was created with. */
export async function recordCreation(tx: Tx, actor: Actor, resource: string, created: { id: number } & Record<string, unknown>, now: Date) {
  await recordAudit(tx, actor, { entity: resource, entityId: created.id, operation: 'create', after: created, at: now });
}

export interface Reference {
  table: SQLiteTable & { id: SQLiteColumn };
  ids: readonly number[] | number | null | undefined;
  path: string;
  what: string;
}

/** The ids of a table among some, in one statement prepared once per table (the ids go in as one JSON array). */
const existingIds = (tx: Tx, table: Reference['table']) =>
  prepared(tx, `references.${getTableName(table)}`, (d) =>
    d
      .select({ id: table.id })
      .from(table)
      .where(inJsonIds(d, table.id, sql.placeholder('ids')))
      .prepare(),
  );

/** Checks that every id a request refers to exists, naming the field of any that does not (422). */
export async function requireReferences(tx: Tx, references: Reference[]) {
  const errors = [];
  for (const ref of references) {
    if (ref.ids === null || ref.ids === undefined) continue;
    const ids = [...new Set(Array.isArray(ref.ids) ? ref.ids : [ref.ids])] as number[];
    if (ids.length === 0) continue;
    const found = new Set((await existingIds(tx, ref.table).all({ ids: JSON.stringify(ids) })).map((r) => r.id as number));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) errors.push({ path: ref.path, message: `no ${ref.what} with id ${missing.join(', ')}` });
  }
  if (errors.length > 0) throw unprocessable('validation.unknown_reference', errors);
}

/** Replaces the rows of a link table for one owner (themes of a review, learning points of a recommendation...). */
export async function replaceLinks<T extends SQLiteTable>(
  tx: Tx,
  table: T,
  ownerColumn: SQLiteColumn,
  ownerId: number,
  rows: T['$inferInsert'][],
) {
  const name = getTableName(table);
  await prepared(tx, `links.${name}.${ownerColumn.name}.delete`, (d) => d.delete(table).where(eq(ownerColumn, sql.placeholder('owner')) as SQL).prepare()).run({
    owner: ownerId,
  });
  if (rows.length === 0) return;
  // One prepared insert a row: a link table's rows are few, and all have the same columns.
  const keys = Object.keys(rows[0]!).sort();
  const insert = prepared(tx, `links.${name}.insert.${keys.join()}`, (d) =>
    d
      .insert(table)
      .values(Object.fromEntries(keys.map((key) => [key, sql.placeholder(key)])) as T['$inferInsert'])
      .prepare(),
  );
  for (const row of rows) await insert.run(row as Record<string, unknown>);
}
