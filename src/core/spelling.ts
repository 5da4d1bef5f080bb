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

/**
 * Three rolling rows in one buffer, reused across calls: a knowledge load runs the distance tens of
 * thousands of times (Korean typo matching on jamo), and allocating rows per call was most of its cost.
 */
let rows3 = new Int32Array(0);

export function osaDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const cols = b.length + 1;
  if (rows3.length < 3 * cols) rows3 = new Int32Array(3 * cols * 2);
  // Row offsets into rows3: the row before the previous one, the previous one, the current one.
  let prev2 = 0;
  let prev = cols;
  let cur = 2 * cols;
  const r = rows3;
  for (let j = 0; j < cols; j++) {
    r[prev2 + j] = 0;
    r[prev + j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    r[cur] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(r[prev + j]! + 1, r[cur + j - 1]! + 1, r[prev + j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) v = Math.min(v, r[prev2 + j - 2]! + 1);
      r[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return r[prev + cols - 1]!;
}

/**
 * The closest vocabulary word within the allowed edits, sharing the first letter (typos rarely
 * hit it, and requiring it halves false corrections). `minor` words (stop words) lose ties.
 */
export function closestWord(word: string, vocabulary: Iterable<string>, minor: ReadonlySet<string> = new Set()): string | undefined {
  const limit = allowedEdits(word.length);
  if (limit === 0) return undefined;
  let best: string | undefined;
  let bestKey = [limit + 1, 1, 1, 1, Infinity];
  for (const candidate of vocabulary) {
    if (candidate[0] !== word[0] || candidate.length < 3) continue;
    const d = osaDistance(word, candidate, limit);
    if (d > limit) continue;
    // Ties: a word that carries meaning ("thad" → thaad, not "that"), then one the typed word only
    // left letters out of ("seatle" → seattle, not "settle": a skipped letter is the commonest
    // typo), then one the typed word begins, then the closest length.
    const key = [d, minor.has(candidate) ? 1 : 0, isSubsequence(word, candidate) ? 0 : 1, candidate.startsWith(word) ? 0 : 1, Math.abs(candidate.length - word.length)];
    if (less(key, bestKey)) {
      best = candidate;
      bestKey = key;
    }
  }
  return best;
}

/** Whether every letter of `short` appears in `long` in order. */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

function less(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
