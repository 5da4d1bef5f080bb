/**
 * Checks of a raw platform payload before the platform library reads it (src/slack/malformed.ts,
 * src/discord/malformed.ts): which fields a request lacks, by name, for the log line.
 */

/** A non-empty string. */
export const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The value as an object to read fields from, or undefined when it is none. */
export const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);

/** Collects the names of the fields whose check failed: `need(isText(d.id), 'id')`, then `missing`. */
export function fieldChecks(): { missing: string[]; need(ok: boolean, name: string): void } {
  const missing: string[] = [];
  return { missing, need: (ok, name) => void (ok || missing.push(name)) };
}
