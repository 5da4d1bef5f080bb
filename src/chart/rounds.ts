/**
 * A timeline of one negotiation's rounds, from the record's `rounds` and `agreements` only: a
 * bar per round from its first to its last day, its dates and place beside it, the day the deal
 * was agreed and signed as marked lines, and the sources underneath. What the record does not
 * know stays visible: a round with no end date is a dot, disputed dates and unofficial numbering
 * are marked and explained.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Knowledge } from '../knowledge/schema.js';
import type { ChartLabels, MilestoneKind } from './labels.js';
import { baseConfig } from './look.js';
import { footerView, sourceLine, wrap } from './sources.js';
import { NoDataError } from './contributions.js';

export interface RoundBar {
  round: number;
  name: string;
  start: string;
  /** The last day, or the first when the end is not known. */
  end: string;
  endUnknown: boolean;
  /** Sources give other dates too. */
  disputed: boolean;
  /** Numbering not stated by the sources. */
  unofficial: boolean;
  line: string;
}

export interface Milestone {
  kind: MilestoneKind;
  date: string;
}

export interface RoundsModel {
  agreement: number;
  rounds: RoundBar[];
  milestones: Milestone[];
  title: string;
  sources: string;
}

/** The agreements whose talks have rounds in the record, newest last (for defaults and help). */
export function agreementsWithRounds(kb: Knowledge): number[] {
  const ids = new Set(kb.rounds.map((r) => r.agreement));
  return kb.agreements
    .filter((a) => ids.has(a.id))
    .map((a) => a.number)
    .sort((a, b) => a - b);
}

export function roundsModel(kb: Knowledge, agreementNumber: number, labels: ChartLabels): RoundsModel {
  const agreement = kb.agreements.find((a) => a.number === agreementNumber);
  const rows = agreement ? kb.rounds.filter((r) => r.agreement === agreement.id).sort((a, b) => a.start.localeCompare(b.start)) : [];
  if (!agreement || !rows.length) {
    throw new NoDataError(labels.noRounds(agreementNumber, agreementsWithRounds(kb)));
  }
  const rounds = rows.map((r) => {
    const endUnknown = !r.end;
    const disputed = Boolean(r.variants?.length);
    const unofficial = Boolean(r.label);
    return {
      round: r.round,
      name: labels.roundName(r.round, unofficial),
      start: r.start,
      end: r.end ?? r.start,
      endUnknown,
      disputed,
      unofficial,
      line: labels.roundLine(labels.dateSpan(r.start, r.end), labels.name(r.place), { endUnknown, disputed, status: r.status }),
    };
  });
  const milestones: Milestone[] = (['agreed', 'signed'] as const).flatMap((kind) => {
    const m = agreement[kind];
    return m ? [{ kind, date: m.date }] : [];
  });
  const first = rounds[0]!.start;
  // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as strings
  const last = rounds.reduce((d, r) => (r.end > d ? r.end : d), first);
  return {
    agreement: agreementNumber,
    rounds,
    milestones,
    title: labels.roundsTitle(agreementNumber, rounds.length, labels.dateSpan(first, last)),
    sources: sourceLine(
      kb,
      rows.map((r) => ({ key: r.round, sourceId: r.sources[0]! })),
      (a, b) => labels.roundsRange(a, b),
      labels,
    ),
  };
}

const ROW = 34;
const PLOT_WIDTH = 860;
const DAY = 86_400_000;
const BAR_COLOR = '#1f4e79';
const MILESTONE_COLOR = '#8a5a00';

const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** First day of every month in [from, to], for the time axis. */
function monthStarts(from: number, to: number): number[] {
  const out: number[] = [];
  const d = new Date(from);
  let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  while (t <= to) {
    if (t >= from) out.push(t);
    const m = new Date(t);
    t = Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1);
  }
  return out;
}

export function roundsSpec(model: RoundsModel, labels: ChartLabels): TopLevelSpec {
  const starts = model.rounds.map((r) => utc(r.start));
  const ends = model.rounds.map((r) => utc(r.end) + DAY);
  const marks = model.milestones.map((m) => utc(m.date));
  const lo = Math.min(...starts);
  const hi = Math.max(...ends, ...marks);
  const pad = Math.max(7 * DAY, (hi - lo) * 0.03);
  const domain = [lo - pad, hi + pad];
  // Label beside each bar: to its right, unless that would run past the plot.
  const rightRoom = (t: number) => ((domain[1]! - t) / (domain[1]! - domain[0]!)) * PLOT_WIDTH;
  const bars = model.rounds.map((r, i) => {
    const x0 = starts[i]!;
    const x1 = ends[i]!;
    const right = rightRoom(x1) > 330;
    return { ...r, x0, x1, text: r.line, at: right ? x1 : x0, align: right ? 'left' : 'right' };
  });
  const ticks = monthStarts(domain[0]!, domain[1]!);
  // At most a dozen labelled months; the year on the first labelled month of each year.
  const every = Math.ceil(ticks.length / 12);
  let lastYear = NaN;
  const tickLabels = Object.fromEntries(
    ticks.map((t, i) => {
      if (i % every !== 0) return [t, ''];
      const d = new Date(t);
      const year = d.getUTCFullYear();
      const label = labels.monthTick(year, d.getUTCMonth() + 1, year !== lastYear);
      lastYear = year;
      return [t, label];
    }),
  );
  // Time as plain UTC milliseconds on a linear scale: no time zone can shift a day, and the ticks
  // (first of each month) are labelled from the catalogue. Layers share the scale; the first defines it.
  const x = { type: 'quantitative' } as const;
  const y = { field: 'name', type: 'ordinal', sort: model.rounds.map((r) => r.name), title: null } as const;
  const footer = [
    ...(model.rounds.some((r) => r.disputed) ? [labels.disputedDatesNote] : []),
    ...(model.rounds.some((r) => r.unofficial) ? [labels.unofficialNote] : []),
    ...wrap(model.sources, PLOT_WIDTH + 70, 10),
  ];
  const milestones = model.milestones.map((m, i) => ({ t: utc(m.date), text: labels.milestone(m.kind, labels.dateSpan(m.date)), dy: i * 13 }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: baseConfig(labels.font),
    padding: { left: 16, right: 24, top: 16, bottom: 12 },
    title: { text: model.title, subtitle: wrap(labels.roundsSubtitle, PLOT_WIDTH + 70, 12) },
    vconcat: [
      {
        width: PLOT_WIDTH,
        height: model.rounds.length * ROW,
        layer: [
          {
            data: { values: bars.filter((b) => !b.endUnknown) },
            mark: { type: 'rect', color: BAR_COLOR, height: 14, cornerRadius: 2 },
            encoding: {
              x: {
                field: 'x0',
                ...x,
                scale: { domain, nice: false, zero: false },
                axis: {
                  values: ticks,
                  tickCount: ticks.length,
                  labelExpr: `${JSON.stringify(tickLabels)}[datum.value]`,
                  labelOverlap: false,
                  title: null,
                  grid: true,
                  gridColor: '#eeeeee',
                },
              },
              x2: { field: 'x1' },
              y: { ...y, axis: { labelFontSize: 12, labelFontWeight: 'bold', labelPadding: 8, ticks: false, domain: false } },
            },
          },
          {
            // A round with no known end: a dot on its first day.
            data: { values: bars.filter((b) => b.endUnknown) },
            mark: { type: 'point', shape: 'circle', size: 90, filled: true, opacity: 1, color: BAR_COLOR },
            encoding: { x: { field: 'x0', ...x }, y },
          },
          ...(['left', 'right'] as const).map((align) => ({
            data: { values: bars.filter((b) => b.align === align) },
            mark: { type: 'text', align, baseline: 'middle', dx: align === 'left' ? 6 : -6, fontSize: 11, color: '#222' },
            encoding: { x: { field: 'at', ...x }, y, text: { field: 'text' } },
          })),
          {
            data: { values: milestones },
            mark: { type: 'rule', strokeDash: [4, 3], color: MILESTONE_COLOR },
            encoding: { x: { field: 't', ...x } },
          },
          {
            data: { values: milestones },
            mark: { type: 'text', align: 'right', baseline: 'top', dx: -4, fontSize: 10, color: MILESTONE_COLOR },
            encoding: { x: { field: 't', ...x }, y: { field: 'dy', type: 'quantitative', scale: null }, text: { field: 'text' } },
          },
        ],
      },
      footerView(footer, PLOT_WIDTH + 70),
    ],
    spacing: 16,
  } as TopLevelSpec;
}

export function roundsAltText(model: RoundsModel, labels: ChartLabels): string[] {
  return labels.altRounds({
    title: model.title,
    rounds: model.rounds.map((r) => `${r.name}: ${r.line}`),
    milestones: model.milestones.map((m) => labels.milestone(m.kind, labels.dateSpan(m.date))),
    sources: model.sources,
  });
}
