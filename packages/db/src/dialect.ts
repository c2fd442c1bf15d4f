/**
 * Which database a handle talks to. Services never ask: the few things that differ (a transaction, a prepared
 * query, hand-written SQL that uses one engine's functions) live in packages/db and ask for them.
 */
export type Dialect = 'sqlite' | 'postgres';

const DIALECT = Symbol.for('lrt.dialect');

export function dialectOf(db: object): Dialect {
  return ((db as Record<symbol, unknown>)[DIALECT] as Dialect | undefined) ?? 'sqlite';
}

/** Marks a handle (and, through the prototype, every transaction made from it on SQLite) with its dialect. */
export function markDialect<T extends object>(db: T, dialect: Dialect): T {
  Object.defineProperty(db, DIALECT, { value: dialect, enumerable: false, configurable: true });
  return db;
}
