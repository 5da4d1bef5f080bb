/**
 * The tuning / validation split of any question set. Tune the router on one part, report on the
 * other: a figure measured on the questions it was tuned on says little.
 *
 * The rule, reproducible anywhere: a row is in the tuning part when the first eight hex digits of
 * SHA-256 of its `id` (UTF-8), read as an unsigned number, modulo 100 are below 60; otherwise it
 * is in the validation part. In a shell:
 *
 *   echo $(( 0x$(printf %s "$ID" | sha256sum | cut -c1-8) % 100 < 60 ))   # 1: tune, 0: validate
 *
 * It depends on the row's id alone, so adding or removing rows never moves another row across.
 */
import { createHash } from 'node:crypto';

export const SPLITS = ['all', 'tune', 'validate'] as const;
export type Split = (typeof SPLITS)[number];

/** Percent of rows in the tuning part (about; the hash decides each row). */
export const TUNE_PERCENT = 60;

export function splitOf(id: string): Exclude<Split, 'all'> {
  const bucket = Number.parseInt(createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 8), 16) % 100;
  return bucket < TUNE_PERCENT ? 'tune' : 'validate';
}

export function inSplit<T extends { id: string }>(rows: T[], split: Split): T[] {
  return split === 'all' ? rows : rows.filter((r) => splitOf(r.id) === split);
}
