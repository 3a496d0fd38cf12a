// Which statements are worth preparing once and running by name, and a bounded map of the ones a
// database session holds. Shared by the PGlite thread (pglite-worker.mjs) and the PostgreSQL pool
// (pg-prepared.ts); plain JavaScript because the worker is (copied to dist/ by `npm run build`).
//
// Parsing and planning are most of a short statement's cost: on PGlite, select by id 223 -> 134 µs
// and update … returning * 345 -> 164 µs on a 30-column table; on PostgreSQL with two replicas,
// the machine's CPU at 500 ticket events/s went from 84% to 68–74%. Statement texts are not a
// bounded set (an IN list of each length is its own text), so the map is: least recently used
// first out, and the caller lets that one go on the database too.

/** Data statements, the only ones prepared: DDL and transaction control run once or cost nothing to parse. */
const DATA = /^\s*\(?\s*(select|insert|update|delete|with)\b/i;

/**
 * `on conflict (cols) where status = $1`: PostgreSQL finds the partial unique index this names while
 * planning, with the parameter's value. After five runs a prepared statement may be planned once for
 * any value (a generic plan), the index is no longer found, and the insert fails ("no unique or
 * exclusion constraint matching the ON CONFLICT specification"). Such statements run unnamed, which
 * plans them with their values every time.
 */
const ARBITER_PREDICATE = /\bon\s+conflict\s*\([^)]*\)\s*where\b/i;

/**
 * Statements that leave every table's shape alone. Any other statement that is not preparable (DDL,
 * DO blocks, DISCARD) may change what a prepared statement returns, so the session's prepared
 * statements are let go before it runs.
 */
const KEEPS_SCHEMA =
  /^\s*(begin|start|commit|end|rollback|abort|savepoint|release|set|reset|show|analyze|vacuum|explain|lock|truncate|listen|unlisten|notify|deallocate)\b/i;

/**
 * How a session runs a statement: "prepare" (once, then by name), "unnamed" (as it comes, leaving
 * the prepared ones alone) or "schema" (unnamed, after letting go of every prepared statement).
 */
export function statementUse(text) {
  if (DATA.test(text)) return ARBITER_PREDICATE.test(text) ? "unnamed" : "prepare";
  return KEEPS_SCHEMA.test(text) ? "unnamed" : "schema";
}

/**
 * The error PostgreSQL gives for a prepared statement whose tables changed shape since ("cached
 * plan must not change result type"), or one that no longer exists: run afresh unprepared, it is
 * what an unnamed statement would have done.
 */
export function isStalePlan(err) {
  return (err?.code === "0A000" && /cached plan/.test(err.message ?? "")) || err?.code === "26000";
}

export class PreparedStatements {
  #max;
  #byText = new Map();
  #count = 0;

  constructor(max) {
    this.#max = max;
  }

  /** The name the text was prepared under (and it becomes the most recently used), or undefined. */
  get(text) {
    const name = this.#byText.get(text);
    if (name !== undefined) {
      this.#byText.delete(text);
      this.#byText.set(text, name);
    }
    return name;
  }

  /** A name never used before in this session. */
  newName() {
    this.#count += 1;
    return `termsight_${this.#count}`;
  }

  /** Remembers a prepared text; answers the name to let go of when the map is over its bound. */
  add(text, name) {
    this.#byText.set(text, name);
    if (this.#byText.size <= this.#max) return undefined;
    const [oldest, oldestName] = this.#byText.entries().next().value;
    this.#byText.delete(oldest);
    return oldestName;
  }

  delete(text) {
    this.#byText.delete(text);
  }

  /** Forgets every statement; answers their names. */
  clear() {
    const names = [...this.#byText.values()];
    this.#byText.clear();
    return names;
  }
}
