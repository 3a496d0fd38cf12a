import type { Db } from "./ticket-context.js";

/**
 * A map kept per Kysely instance, holding at most `max` entries (the oldest written go first).
 * Per instance because a transaction is its own instance: what is read or written inside one, which
 * may never commit, stays out of the store's map.
 */
export class PerDbCache<V> {
  private readonly maps = new WeakMap<Db, Map<string, V>>();
  constructor(private readonly max: number) {}

  get(db: Db, key: string): V | undefined {
    return this.maps.get(db)?.get(key);
  }

  set(db: Db, key: string, value: V): void {
    let map = this.maps.get(db);
    if (!map) {
      map = new Map();
      this.maps.set(db, map);
    }
    map.delete(key);
    map.set(key, value);
    if (map.size > this.max) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
  }

  delete(db: Db, key: string): void {
    this.maps.get(db)?.delete(key);
  }
}
