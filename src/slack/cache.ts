/**
 * A small in-memory map whose entries expire: processed event ids (retry dedupe), the last answer per
 * conversation, answers waiting to be shared. Bounded, so a busy workspace cannot grow it forever.
 * Time comes from the real clock, never from the bot's answering clock (SMA_NOW may be a fixed date).
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): void {
    this.entries.delete(key); // re-inserting moves the key to the end (newest)
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    this.prune();
  }

  /** Records `key` unless it is already there: true the first time, false for a repeat. */
  claim(key: string, value: V): boolean {
    if (this.has(key)) return false;
    this.set(key, value);
    return true;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    const now = this.now();
    // Entries are in insertion order and share one TTL, so the expired ones are at the front.
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && entry.expires > now) break;
      this.entries.delete(key);
    }
  }
}
