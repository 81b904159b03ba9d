/**
 * Hot queries prepared once per connection.
 *
 * A drizzle query builder rebuilds its SQL string and better-sqlite3 recompiles the statement on every
 * `.all()` / `.get()`: about 0.1–0.3 ms a query, more than running it on our indexes (profiled on the
 * body dashboard: 30% of a request). `prepared(db, build)` keeps drizzle's prepared query, written with
 * `sql.placeholder(...)`, per connection and per builder function, so a request only binds and steps.
 * Use it for queries on the request path that run with a fixed shape; keep ad-hoc builders elsewhere.
 */
import type { Db } from './client.ts';

const perConnection = new WeakMap<Db, Map<unknown, unknown>>();

/**
 * The statement `build` makes, built once per connection. `key` defaults to the builder itself; pass a
 * string when one builder makes statements of several shapes (e.g. an UPDATE per set of columns).
 */
export function prepared<T>(db: Db, build: (db: Db) => T, key: unknown = build): T {
  let statements = perConnection.get(db);
  if (!statements) perConnection.set(db, (statements = new Map()));
  let stmt = statements.get(key) as T | undefined;
  if (stmt === undefined) {
    stmt = build(db);
    statements.set(key, stmt);
  }
  return stmt;
}
