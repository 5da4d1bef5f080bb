/**
 * Vega-Lite spec → Vega → SVG → PNG, all in-process: Vega lays the chart out and writes SVG
 * (renderer "none": no canvas, no browser), resvg rasterises it with the given fonts only, cut
 * down to the characters the chart draws (fonts.ts says why).
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { fontFilesFor, textWidth, type FontSet } from './fonts.js';

/**
 * PNG pixels per SVG pixel: sharper than 1 on high-density screens (Slack and Discord show the
 * image scaled down, and full size on a click); 2 would cost about 50 ms more per chart.
 */
export const PIXEL_RATIO = 1.5;

// Vega measures text with a canvas when the optional `canvas` package happens to be installed, and
// estimates otherwise; either way the layout would depend on the machine. Ours is the same everywhere.
// (vega re-exports vega-scenegraph's `textMetrics`; its typings leave it out.)
interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}
const { textMetrics } = vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } };
textMetrics.width = (item, text) => textWidth(String(text ?? ''), item.fontSize ?? 11, item.fontWeight === 'bold' || Number(item.fontWeight) >= 600);

// vega-lite sets Set.prototype.toJSON when it is imported, for its own hashing of specs. Left in
// place it changes JSON.stringify of every Set in the process, and discord.js imported after it
// fails to load (its bundled `inspect` meets the string "Set()" where it expects a Set). So it is
// taken off again and put back only while vega-lite compiles (synchronously: nothing else runs).
const VEGA_LITE_SET_TO_JSON = Object.getOwnPropertyDescriptor(Set.prototype, 'toJSON');
const withoutSetToJSON = () => Reflect.deleteProperty(Set.prototype, 'toJSON');
withoutSetToJSON();

function compileSpec(spec: TopLevelSpec) {
  if (VEGA_LITE_SET_TO_JSON) Object.defineProperty(Set.prototype, 'toJSON', VEGA_LITE_SET_TO_JSON);
  try {
    return compile(spec).spec;
  } finally {
    withoutSetToJSON();
  }
}

export interface Rendered {
  svg: string;
  png: Buffer;
  /** In PNG pixels. */
  width: number;
  height: number;
  /** Why the chart was drawn with a whole font rather than its subset (slower, the same picture). */
  fontProblem?: string;
}

export async function renderSpec(spec: TopLevelSpec, font: FontSet): Promise<Rendered> {
  const view = new vega.View(vega.parse(compileSpec(spec)), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const fonts = await fontFilesFor(font, svg);
    const image = new Resvg(svg, {
      font: { fontFiles: fonts.files, loadSystemFonts: false, defaultFontFamily: font.family },
      fitTo: { mode: 'zoom', value: PIXEL_RATIO },
      background: '#ffffff',
    }).render();
    return { svg, png: image.asPng(), width: image.width, height: image.height, ...(fonts.problem ? { fontProblem: fonts.problem } : {}) };
  } finally {
    view.finalize();
  }
}
