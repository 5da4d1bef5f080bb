/**
 * The fonts charts are drawn with, as files from npm packages, so `npm ci` installs them and no
 * machine's own fonts are ever used (resvg is told `loadSystemFonts: false`): a chart is the same
 * picture on every machine. Each label language names its font set (labels.ts): Noto Sans for
 * English, Noto Sans KR for Korean (Noto Sans has no Hangul; Noto Sans KR has Hangul, Latin and
 * the punctuation the labels use).
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

export const NOTO_SANS_KR: FontSet = {
  family: 'Noto Sans KR',
  files: [
    require.resolve('@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf'),
    require.resolve('@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf'),
  ],
};

/**
 * The font files to hand resvg for drawing `svg`: each font cut down to the characters the SVG
 * holds. resvg (2.6) re-reads a font file from disk for every glyph it draws, so the cost of a
 * chart grows with the size of its font: Noto Sans KR (6 MB a weight) took 1–2 s a chart, its
 * subset (tens of kB) takes milliseconds. The subsets are made once per set of characters (a
 * chart's labels change only with the record) and kept in the system's temporary folder, named
 * by their content's hash. If one cannot be made or written, the whole font is used (slower, the
 * same picture) and `problem` says why, for the caller to log.
 */
export async function fontFilesFor(font: FontSet, svg: string): Promise<FontFiles> {
  const chars = charactersOf(svg);
  const key = `${font.family}\u0000${chars}`;
  let files = subsets.get(key);
  if (!files) {
    files = Promise.all(font.files.map((file) => subsetFile(file, chars))).then(
      (paths) => ({ files: paths }),
      (error: unknown) => {
        subsets.delete(key); // the next chart tries again
        return { files: [...font.files], problem: `${font.family} could not be cut down (${error instanceof Error ? error.message : String(error)}); drawn with the whole font` };
      },
    );
    subsets.set(key, files);
    // Bounded: a long-running bot sees a new set of characters only when the record changes.
    if (subsets.size > MAX_SUBSETS) subsets.delete(subsets.keys().next().value as string);
  }
  return files;
}

export interface FontFiles {
  files: string[];
  /** Set when the whole font is used instead of a subset. */
  problem?: string;
}

const MAX_SUBSETS = 64;
const subsets = new Map<string, Promise<FontFiles>>();
const SUBSET_DIR = join(tmpdir(), 'sma-bot-chart-fonts');

/** Every character of the SVG, markup included (a few ASCII glyphs more), with numeric references decoded. */
export function charactersOf(svg: string): string {
  const referenced = [...svg.matchAll(/&#(?:x([0-9a-f]+)|(\d+));/gi)].map((m) => String.fromCodePoint(m[1] ? parseInt(m[1], 16) : Number(m[2])));
  return [...new Set([...svg, ...referenced])].sort().join('');
}

async function subsetFile(file: string, chars: string): Promise<string> {
  // The font's path, size and time stand for its content: an updated font package makes new subsets.
  const { size, mtimeMs } = await stat(file);
  const name = `${createHash('sha256').update(`${file}\u0000${size}\u0000${mtimeMs}\u0000${chars}`).digest('hex').slice(0, 24)}.ttf`;
  const path = join(SUBSET_DIR, name);
  if (await exists(path)) return path;
  const { default: subsetFont } = await import('subset-font'); // only when a subset is made, not at a bot's start
  const subset = await subsetFont(await readFile(file), chars, { targetFormat: 'truetype', noHinting: true });
  await mkdir(SUBSET_DIR, { recursive: true });
  // Written whole under a temporary name, then renamed: another process never reads half a font.
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, subset);
  await rename(partial, path);
  return path;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

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
