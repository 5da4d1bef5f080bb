/**
 * Typo correction against the knowledge's own vocabulary: "secnd" → "second", "nxet" → "next".
 * Optimal string alignment distance (adjacent swaps count as one edit), kept conservative so an
 * unknown word is not "corrected" into a known one it merely resembles.
 */

import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

let english: Set<string> | undefined;

/**
 * Whether a word is a real English word (word-list, about 275,000 words): those are left as typed,
 * because a real word that is not in the record is a subject the record may not cover, not a typo.
 * Read once per process, on first use.
 */
export function isEnglishWord(word: string): boolean {
  english ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return english.has(word);
}

/** Edits allowed for a word of this length: none below 4 letters, one up to 7, two beyond. */
export function allowedEdits(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/** The three rolling rows of osaDistance, reused: it runs for every dictionary word a typo is compared with. */
let rowBuffers = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function osaDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  if (rowBuffers[0]!.length < cols) rowBuffers = [0, 1, 2].map(() => new Int32Array(cols * 2));
  // Three rolling rows are enough for the transposition rule.
  let [prev2, prev, cur] = rowBuffers as [Int32Array, Int32Array, Int32Array];
  prev2.fill(0, 0, cols);
  for (let j = 0; j < cols; j++) prev[j] = j;
  cur.fill(0, 0, cols);
  for (let i = 1; i < rows; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const oldest = prev2;
    prev2 = prev;
    prev = cur;
    cur = oldest;
  }
  return prev[cols - 1]!;
}

/**
 * The closest vocabulary word within the allowed edits, sharing the first letter (typos rarely
 * hit it, and requiring it halves false corrections). `minor` words (stop words) lose ties.
 */
export function closestWord(word: string, vocabulary: Iterable<string>, minor: ReadonlySet<string> = new Set()): string | undefined {
  const limit = allowedEdits(word.length);
  if (limit === 0) return undefined;
  let best: string | undefined;
  let bestKey = [limit + 1, 1, 1, Infinity];
  for (const candidate of vocabulary) {
    if (candidate[0] !== word[0] || candidate.length < 3) continue;
    const d = osaDistance(word, candidate, limit);
    if (d > limit) continue;
    // Ties: a word that carries meaning ("thad" → thaad, not "that"), then one the typed word begins, then the closest length.
    const key = [d, minor.has(candidate) ? 1 : 0, candidate.startsWith(word) ? 0 : 1, Math.abs(candidate.length - word.length)];
    if (less(key, bestKey)) {
      best = candidate;
      bestKey = key;
    }
  }
  return best;
}

function less(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
