/**
 * Korean particles that depend on how the word before them ends: 은/는, 이/가, 을/를, 과/와,
 * 으로/로, 이나/나, 이라/라 and the copula 이다/다, 이었다/였다. The choice follows the word's last sound as it is read aloud, so a
 * figure or an acronym is read first: `2026년은`, `12차가`, `3%는` (퍼센트), `SMA를` (에스엠에이),
 * `USFK는`, `8일로` (ㄹ takes 로).
 */

export type Particle = '은/는' | '이/가' | '을/를' | '과/와' | '으로/로' | '이나/나' | '이라/라' | '이다/다' | '이었다/였다';

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** The final consonant index of the syllable ㄹ (리을) in the Unicode Hangul block. */
const RIEUL = 8;

/** How the last digit of a number is read: 일 (ㄹ), 이 (none), 삼 (ㅁ)… as a final-consonant index. */
const DIGIT_FINALS = [21, RIEUL, 0, 16, 0, 0, 1, RIEUL, RIEUL, 0];
/** 십, 백, 천, 만, 억, 조: how a number ending in zeros is read. */
const POWER_FINALS = [17, 1, 4, 4, 4, 4, 4, 4, 1, 1, 1, 1, 0];
/** Latin letters read by their names: L 엘, M 엠, N 엔, R 알 end in a consonant; the rest in a vowel. */
const LETTER_FINALS: Record<string, number> = { l: RIEUL, m: 16, n: 4, r: RIEUL };

/** The final-consonant index (0 = none) of how `word` ends when read aloud, or undefined if unknown. */
export function finalSound(word: string): number | undefined {
  // A parenthesis or quote at the end is not read into the particle: "방위비분담특별협정(SMA)은".
  const t = word
    .trim()
    .replace(/\s*\([^()]*\)$/, '')
    .replace(/["'”’」』]+$/, '');
  if (t.endsWith('%')) return 0; // 퍼센트
  const last = t.charAt(t.length - 1);
  const code = last.charCodeAt(0);
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) return (code - HANGUL_FIRST) % 28;
  const digits = /(\d+)$/.exec(t.replace(/,/g, ''));
  if (digits) {
    const n = digits[1]!;
    const zeros = n.length - n.replace(/0+$/, '').length;
    if (zeros === 0 || n === '0'.repeat(n.length)) return DIGIT_FINALS[Number(n.at(-1))];
    return POWER_FINALS[zeros - 1];
  }
  if (/[a-z]$/i.test(t)) return LETTER_FINALS[last.toLowerCase()] ?? 0;
  return undefined;
}

/** The particle itself for `word`: `particle('장원삼', '이/가')` is `이`. */
export function particle(word: string, which: Particle): string {
  const [withFinal, without] = which.split('/') as [string, string];
  const final = finalSound(word);
  // An unknown ending: the written form that reads either way ("(이)가" would look like a template slip).
  if (final === undefined) return without;
  if (which === '으로/로') return final === 0 || final === RIEUL ? without : withFinal;
  return final === 0 ? without : withFinal;
}

/** The word followed by its particle: `josa('2026년', '은/는')` is `2026년은`. */
export function josa(word: string, which: Particle): string {
  return word + particle(word, which);
}
