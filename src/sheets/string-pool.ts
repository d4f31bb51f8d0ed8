// Repeated cell texts ("Москва", "Инженер", "Backend") stored once. Large sheets repeat a few
// values in most columns, and every row's copy would otherwise stay in memory until the report
// is written. Each column keeps its own pool and stops pooling once it proves high-cardinality
// (emails, names, phones), so pooling never costs more than it saves.
const MAX_DISTINCT_PER_POOL = 1_000;

export class StringPool {
  private readonly pools = new Map<string | number, Map<string, string> | null>();

  /** The pooled copy of `text` for column `key` (or `text` itself). */
  intern(key: string | number, text: string): string {
    let pool = this.pools.get(key);
    if (pool === null) return text;
    if (pool === undefined) {
      pool = new Map();
      this.pools.set(key, pool);
    }
    const existing = pool.get(text);
    if (existing !== undefined) return existing;
    if (pool.size >= MAX_DISTINCT_PER_POOL) {
      this.pools.set(key, null);
      return text;
    }
    pool.set(text, text);
    return text;
  }
}
