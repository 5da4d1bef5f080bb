/**
 * Charts from the real record: valid PNGs of the size drawn, alt text with the record's figures,
 * units as reported, years without a figure shown as such (never as a zero bar).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { contributionsModel } from '../../src/chart/contributions.js';
import { ALT_TEXT_MAX, drawChart, fitSentences, NoDataError, parseChartRequest } from '../../src/chart/index.js';
import { chartLabels } from '../../src/chart/labels.js';
import { PIXEL_RATIO, renderSpec } from '../../src/chart/render.js';
import { contributionsSpec } from '../../src/chart/contributions.js';
import { loadOrThrow } from '../../src/boot.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { pngSize } from '../support/png.js';

let kb: Knowledge;
beforeAll(() => {
  kb = loadOrThrow('knowledge');
});
const labels = chartLabels('en');
const svgSize = (svg: string) => {
  const m = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg);
  return { width: Number(m![1]), height: Number(m![2]) };
};
const count = (text: string, part: string) => text.split(part).length - 1;

describe('the yearly contribution chart', () => {
  it('is a valid PNG, the SVG scaled by the pixel ratio (sharp on high-density screens), landscape', async () => {
    const chart = await drawChart(kb, { kind: 'contributions' });
    expect(chart.filename).toBe('sma-contributions.png');
    expect(pngSize(chart.png)).toEqual({ width: chart.width, height: chart.height });
    const rendered = await renderSpec(contributionsSpec(contributionsModel(kb, labels), labels), labels.font);
    const png = pngSize(chart.png);
    const svg = svgSize(rendered.svg);
    expect(Math.abs(png.width - svg.width * PIXEL_RATIO)).toBeLessThanOrEqual(1);
    expect(Math.abs(png.height - svg.height * PIXEL_RATIO)).toBeLessThanOrEqual(1);
    expect(chart.width).toBeGreaterThan(chart.height * 2);
  });

  it('alt text states the record’s figures per unit, the gaps and the sources, within Slack’s limit', async () => {
    const { altText, title } = await drawChart(kb, { kind: 'contributions' });
    expect(title).toBe("Korea's yearly contribution under the SMA, 1991–2026");
    expect(altText.length).toBeLessThanOrEqual(ALT_TEXT_MAX);
    expect(altText).toContain('In US$ million, 1991–2004: 1991 150, 1992 180,');
    expect(altText).toContain('In billion won, 2005–2026: 2005 680.4,');
    expect(altText).toContain('2019 1,038.9, 2020 1,038.9, 2021 1,183.3, 2022 1,247.1, 2025 1,402.8, 2026 1,519.2.');
    expect(altText).toContain('No sourced figure for 2023 and 2024.');
    expect(altText).toContain('Sources give other figures too for 1991, 2002 and 2016.');
    expect(altText).toContain('ROK Ministry of National Defense');
    // Every bar's figure is in the alt text.
    for (const c of kb.contributions) expect(altText).toContain(`${c.year} ${labels.amount(c.amount)}`);
  });

  it('keeps each unit on its own panel and axis, never converted', async () => {
    const model = contributionsModel(kb, labels);
    expect(model.panels.map((p) => [p.unit, p.from, p.to])).toEqual([
      ['USD-million', 1991, 2004],
      ['KRW-billion', 2005, 2026],
    ]);
    const { svg } = await renderSpec(contributionsSpec(model, labels), labels.font);
    expect(svg).toContain('In US$ million, 1991–2004');
    expect(svg).toContain('In billion won, 2005–2026');
    expect(count(svg, '>US$ million<')).toBe(1); // the dollar axis title
    expect(count(svg, '>billion won<')).toBe(1); // the won axis title
  });

  it('a year without a sourced figure is a labelled gap, not a zero bar and not interpolated', async () => {
    // Take 2010 out as well: a gap in the middle of a run of figures.
    const holed = { ...kb, contributions: kb.contributions.filter((c) => c.year !== 2010) };
    const model = contributionsModel(holed, labels);
    expect(model.gaps).toEqual([2010, 2023, 2024]);
    const won = model.panels[1]!;
    expect(won.bars.map((b) => b.year)).not.toContain(2010);
    expect(won.bars.every((b) => b.amount > 0)).toBe(true);
    const { svg } = await renderSpec(contributionsSpec(model, labels), labels.font);
    expect(count(svg, '>no sourced figure<')).toBe(3);
    const chart = await drawChart(holed, { kind: 'contributions' });
    expect(chart.altText).toContain('No sourced figure for 2010, 2023 and 2024.');
    expect(chart.altText).not.toMatch(/2010 0\b/);
    expect(chart.altText).toContain('2009 760, 2011 812.5');
  });

  it('shades every agreement period the chart spans, the 12th marked as running on', () => {
    const model = contributionsModel(kb, labels);
    expect(model.agreements.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(model.agreements.at(-1)).toEqual({ number: 12, from: 2026, to: 2026, continues: true });
  });

  it('says so when the record has no figures at all', async () => {
    await expect(drawChart({ ...kb, contributions: [] }, { kind: 'contributions' })).rejects.toThrow(NoDataError);
  });
});

describe('the rounds timeline', () => {
  it('draws the 12th SMA talks: a valid PNG; alt text with every round’s dates and place and the deal', async () => {
    const chart = await drawChart(kb, { kind: 'rounds', agreement: 12 });
    expect(chart.filename).toBe('sma-rounds-12.png');
    expect(pngSize(chart.png)).toEqual({ width: chart.width, height: chart.height });
    expect(chart.title).toBe('The 12th SMA talks: 8 rounds, April 23 – September 27, 2024');
    expect(chart.altText).toContain('Round 1: April 23–25, 2024 · Honolulu, Hawaii; Round 2: May 21–23, 2024 · Seoul;');
    expect(chart.altText).toContain('Round 8: September 25–27, 2024 · Seoul.');
    expect(chart.altText).toContain('Agreed October 2, 2024 and Signed November 4, 2024.');
    expect(chart.altText).toContain('Source: Newsis, October 4, 2024.');
  });

  it('defaults to the latest talks with rounds', async () => {
    expect((await drawChart(kb, { kind: 'rounds' })).filename).toBe('sma-rounds-12.png');
  });

  it('keeps what the record does not know visible: no end date, disputed dates, unofficial numbering', async () => {
    const chart = await drawChart(kb, { kind: 'rounds', agreement: 11 });
    expect(chart.altText).toContain('Round 7: March 17, 2020 (end date not found) · Los Angeles');
    expect(chart.altText).toContain('Round 2: October 23–24, 2019 * · Honolulu, Hawaii');
    expect(chart.altText).toContain('Round 9 †: March 5–7, 2021 · Washington');
  });

  it('talks without rounds in the record: a plain message naming those that have them', async () => {
    await expect(drawChart(kb, { kind: 'rounds', agreement: 3 })).rejects.toThrow(
      'The record has no rounds of the 3rd SMA talks; it has the rounds of the 10th, 11th and 12th SMA talks.',
    );
  });
});

describe('requests and alt-text length', () => {
  it('parses what people type after "chart"', () => {
    expect(parseChartRequest('')).toEqual({ kind: 'contributions' });
    expect(parseChartRequest(' Contributions ')).toEqual({ kind: 'contributions' });
    expect(parseChartRequest('rounds')).toEqual({ kind: 'rounds' });
    expect(parseChartRequest('rounds 12')).toEqual({ kind: 'rounds', agreement: 12 });
    expect(parseChartRequest('rounds 11th')).toEqual({ kind: 'rounds', agreement: 11 });
    expect(parseChartRequest('rounds twelve')).toEqual({ error: expect.stringContaining('"twelve" is not an agreement number') });
    expect(parseChartRequest('pie')).toEqual({ error: expect.stringContaining('not "pie"') });
  });

  it('drops whole sentences from the end, never a figure from the middle', () => {
    expect(fitSentences(['Figures: 1, 2, 3.', 'Gaps: none.', 'Sources: a long list of them.'], 30)).toBe('Figures: 1, 2, 3. Gaps: none.');
    expect(fitSentences(['x'.repeat(50)], 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
