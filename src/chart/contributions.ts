/**
 * Korea's yearly contribution, from the record's `contributions` only: one panel per unit as the
 * years were reported (US$ million, then billion won; never converted, each with its own axis),
 * the agreements' periods shaded behind the bars, years without a sourced figure marked as such
 * (no bar, no zero, nothing interpolated), and the sources underneath.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Knowledge, Unit } from '../knowledge/schema.js';
import { textWidth } from './fonts.js';
import type { ChartLabels } from './labels.js';
import { baseConfig } from './look.js';
import { footerView, sourceLine, wrap } from './sources.js';

export interface YearBar {
  year: number;
  /** As recorded, in the panel's unit. */
  amount: number;
  /** Where the bar stands on its axis, in the unit the axis is labelled in (labels.plotted). */
  plotted: number;
  /** The figure as printed on the chart ("1,038.9", with the disputed mark when sources differ). */
  label: string;
  disputed: boolean;
}

export interface UnitPanel {
  unit: Unit;
  from: number;
  to: number;
  bars: YearBar[];
  /** Years of this panel's span that have no sourced figure. */
  gaps: number[];
}

export interface AgreementBand {
  number: number;
  from: number;
  to: number;
  /** The agreement's period runs beyond the chart's last year. */
  continues: boolean;
}

export interface ContributionsModel {
  from: number;
  to: number;
  panels: UnitPanel[];
  gaps: number[];
  agreements: AgreementBand[];
  sources: string;
}

/** The record has nothing to draw; the message says so to the person who asked. */
export class NoDataError extends Error {}

export function contributionsModel(kb: Knowledge, labels: ChartLabels): ContributionsModel {
  const rows = [...kb.contributions].sort((a, b) => a.year - b.year);
  if (!rows.length) throw new NoDataError(labels.noContributions);
  const from = rows[0]!.year;
  const to = rows[rows.length - 1]!.year;
  const byYear = new Map(rows.map((r) => [r.year, r]));

  // A new panel starts where the reported unit changes; a year without a figure stays in the
  // panel of the years before it.
  const panels: UnitPanel[] = [];
  for (let year = from; year <= to; year++) {
    const row = byYear.get(year);
    let panel = panels[panels.length - 1];
    if (row && (!panel || panel.unit !== row.unit)) {
      panel = { unit: row.unit, from: year, to: year, bars: [], gaps: [] };
      panels.push(panel);
    }
    panel!.to = year;
    if (!row) {
      panel!.gaps.push(year);
      continue;
    }
    const disputed = Boolean(row.variants?.length);
    const plotted = labels.plotted(row.amount, row.unit);
    panel!.bars.push({ year, amount: row.amount, plotted, disputed, label: `${labels.amount(plotted)}${disputed ? labels.disputedMark : ''}` });
  }

  const agreements = [...kb.agreements]
    .filter((a) => a.period.to >= from && a.period.from <= to)
    .sort((a, b) => a.number - b.number)
    .map((a) => ({ number: a.number, from: Math.max(a.period.from, from), to: Math.min(a.period.to, to), continues: a.period.to > to }));

  return {
    from,
    to,
    panels,
    gaps: panels.flatMap((p) => p.gaps),
    agreements,
    sources: sourceLine(
      kb,
      rows.map((r) => ({ key: r.year, sourceId: r.sources[0]! })),
      (a, b) => labels.yearSpan(a, b),
      labels,
    ),
  };
}

/** Pixels per year: room for a vertical value label and a four-digit year. */
const YEAR_WIDTH = 30;
const PANEL_HEIGHT = 320;
const PANEL_GAP = 56;
/** Headroom above the tallest bar for its vertical label and the band labels. */
const HEADROOM = 1.32;
const COLORS: Record<Unit, string> = { 'USD-million': '#7a9cc6', 'KRW-billion': '#1f4e79' };
const SHADES = ['#e8eef6', '#f6f8fb'];

export function contributionsSpec(model: ContributionsModel, labels: ChartLabels): TopLevelSpec {
  const panels = model.panels.map((p) => panelSpec(p, model.agreements, labels));
  // The panels and the y axes between them (the first axis sits left of the footer's origin).
  const width = model.panels.reduce((w, p) => w + (p.to - p.from + 1) * YEAR_WIDTH, 0) + (PANEL_GAP + 50) * (model.panels.length - 1);
  const disputed = model.panels.some((p) => p.bars.some((b) => b.disputed));
  const footer = [...(disputed ? [labels.disputedNote] : []), ...wrap(model.sources, width, 10)];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: baseConfig(labels.font),
    padding: { left: 16, right: 24, top: 16, bottom: 12 },
    title: { text: labels.contributionsTitle(model.from, model.to), subtitle: wrap(labels.contributionsSubtitle, width, 12) },
    vconcat: [{ hconcat: panels, spacing: PANEL_GAP }, footerView(footer, width)],
    spacing: 18,
  } as TopLevelSpec;
}

function panelSpec(panel: UnitPanel, agreements: AgreementBand[], labels: ChartLabels) {
  const years = Array.from({ length: panel.to - panel.from + 1 }, (_, i) => panel.from + i);
  const bands = agreements
    .filter((a) => a.to >= panel.from && a.from <= panel.to)
    .map((a) => {
      const from = Math.max(a.from, panel.from);
      const to = Math.min(a.to, panel.to);
      const room = (to - from + 1) * YEAR_WIDTH - 4;
      // "12th »" where the period runs on past the chart and there is room for the mark.
      const withArrow = labels.agreementBand(a.number, a.continues && to === a.to);
      const label = textWidth(withArrow, 10) <= room ? withArrow : labels.agreementBand(a.number, false);
      return { x0: from - 0.5, x1: to + 0.5, mid: (from + to) / 2, label, shade: String(a.number % 2), fits: textWidth(label, 10) <= room };
    });
  const max = Math.max(...panel.bars.map((b) => b.plotted));
  const x = { type: 'quantitative', scale: { domain: [panel.from - 0.5, panel.to + 0.5], nice: false, zero: false } } as const;
  // Layers share the x scale and merge their axes: only the first layer describes it. Vega thins
  // explicit tick values down to tickCount, so that is every year too.
  const yearAxis = {
    values: years,
    tickCount: years.length,
    format: 'd',
    labelAngle: -90,
    labelAlign: 'right',
    labelBaseline: 'middle',
    labelPadding: 4,
    title: null,
    grid: false,
    labelOverlap: false,
  } as const;
  const bars = panel.bars.map((b) => ({ ...b, x0: b.year - 0.36, x1: b.year + 0.36 }));
  return {
    width: years.length * YEAR_WIDTH,
    height: PANEL_HEIGHT,
    title: { text: labels.unitPanel(panel.unit, panel.from, panel.to), fontSize: 13, fontWeight: 'bold', anchor: 'start', offset: 8 },
    layer: [
      {
        data: { values: bands },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'x0', ...x, axis: yearAxis },
          x2: { field: 'x1' },
          color: { field: 'shade', type: 'nominal', scale: { domain: ['0', '1'], range: SHADES }, legend: null },
        },
      },
      {
        data: { values: bands.filter((b) => b.fits) },
        mark: { type: 'text', baseline: 'top', fontSize: 10, color: '#4a5a70', dy: 5 },
        encoding: { x: { field: 'mid', ...x }, y: { value: 0 }, text: { field: 'label' } },
      },
      {
        data: { values: bars },
        mark: { type: 'rect', color: COLORS[panel.unit] },
        encoding: {
          x: { field: 'x0', ...x },
          x2: { field: 'x1' },
          y: {
            field: 'plotted',
            type: 'quantitative',
            scale: { domain: [0, max * HEADROOM], nice: false },
            axis: { title: labels.unitAxis(panel.unit), tickCount: 6, format: ',d' },
          },
          y2: { datum: 0 },
        },
      },
      {
        data: { values: bars },
        mark: { type: 'text', angle: 270, align: 'left', baseline: 'middle', dx: 4, fontSize: 10, color: '#222' },
        encoding: { x: { field: 'year', ...x }, y: { field: 'plotted', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        data: { values: panel.gaps.map((year) => ({ year })) },
        mark: { type: 'text', angle: 270, align: 'left', baseline: 'middle', dx: 6, fontSize: 10, color: '#8a5a00' },
        encoding: { x: { field: 'year', ...x }, y: { datum: 0 }, text: { value: labels.noFigure } },
      },
    ],
  };
}

/** Alt text that states every figure, each gap, the agreement periods and the sources. */
export function contributionsAltText(model: ContributionsModel, labels: ChartLabels): string[] {
  return labels.altContributions({
    from: model.from,
    to: model.to,
    series: model.panels.map((p) => ({ unit: p.unit, from: p.from, to: p.to, values: p.bars.map((b) => labels.yearValue(b.year, labels.spokenAmount(b.amount, p.unit))) })),
    gaps: model.gaps,
    disputed: model.panels.flatMap((p) => p.bars.filter((b) => b.disputed).map((b) => b.year)),
    agreements: model.agreements.map((a) => labels.agreementPeriod(a.number, labels.yearSpan(a.from, a.to), a.continues)),
    sources: model.sources,
  });
}
