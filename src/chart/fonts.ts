/**
 * The fonts charts are drawn with, as files from npm packages, so `npm ci` installs them and no
 * machine's own fonts are ever used (resvg is told `loadSystemFonts: false`): a chart is the same
 * picture on every machine. Each label language names its font set (labels.ts); Korean labels
 * need one with Hangul (Noto Sans KR), since Noto Sans has none.
 */
import { createRequire } from 'node:module';

export interface FontSet {
  family: string;
  /** TrueType files, regular and bold: the only weights the charts use. */
  files: readonly string[];
}

const require = createRequire(import.meta.url);

export const NOTO_SANS: FontSet = {
  family: 'Noto Sans',
  files: [require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'), require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf')],
};

/**
 * Text width in pixels, from Noto Sans' average advance widths per kind of character (Hangul is
 * full width). Vega lays labels out with this rather than with a canvas that may or may not be
 * installed, so the layout is deterministic; it errs on the wide side, which only costs a little
 * white space.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch);
  return em * fontSize * (bold ? 1.05 : 1);
}

function charWidth(ch: string): number {
  if (/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch)) return 1;
  if (/[0-9]/.test(ch)) return 0.57;
  if (ch === ' ') return 0.26;
  if (/[.,:;'’|!il1j()[\]]/.test(ch)) return 0.3;
  if (/[mwMW@%]/.test(ch)) return 0.9;
  if (/[A-Z]/.test(ch)) return 0.68;
  if (/[a-z]/.test(ch)) return 0.56;
  if (/[–—→]/.test(ch)) return ch === '—' ? 1 : 0.6;
  return 0.57;
}
