/**
 * The secret voter (and asker) ids are hashed with (`hashId.ts`). The operator's `CURATION_SECRET`
 * when set; else one the store created at random on first use and keeps (SQLite `meta`, Postgres
 * `settings`), so every instance on one database, and every restart, hashes a person the same way.
 * The store's own secret lives beside the hashes: it keeps ids out of reports and exports, but
 * whoever can read the whole database could try ids against it. Set CURATION_SECRET (kept
 * elsewhere) when that matters.
 */
export interface SecretKeeper {
  /** The store's own secret, created once at random (32 bytes, base64url) and never changed. */
  curationSecret(): Promise<string>;
}

/** A function giving the secret; the store is asked once (a failure is asked again next time). */
export function secretResolver(configured: string | undefined, keeper: SecretKeeper): () => Promise<string> {
  if (configured) return () => Promise.resolve(configured);
  let kept: Promise<string> | undefined;
  return () => {
    kept ??= keeper.curationSecret().catch((error: unknown) => {
      kept = undefined;
      throw error;
    });
    return kept;
  };
}
