/**
 * The charts' shared look, apart from the renderer: the specs are built from it (contributions.ts,
 * rounds.ts) without loading Vega, which a bot imports only when it draws its first chart.
 */
import type { FontSet } from './fonts.js';

/** Shared look: one font everywhere, quiet axes, no outline around views. */
export function baseConfig(font: FontSet) {
  return {
    font: font.family,
    view: { stroke: null },
    axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', labelColor: '#333', titleColor: '#333', domainColor: '#888', tickColor: '#888', gridColor: '#e6e6e6' },
    title: { fontSize: 17, subtitleFontSize: 12, anchor: 'start', subtitleColor: '#444', offset: 12 },
  } as const;
}
