/**
 * Charts from the real record: valid PNGs of the size drawn, alt text with the record's figures,
 * units as reported, years without a figure shown as such (never as a zero bar); in Korean too,
 * with a Hangul font that has a glyph for every character the labels use.
 */
import { Resvg } from '@resvg/resvg-js';
import { statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { contributionsModel } from '../../src/chart/contributions.js';
import { fontFilesFor, NOTO_SANS, NOTO_SANS_KR, type FontSet } from '../../src/chart/fonts.js';
import { ALT_TEXT_MAX, drawChart, fitSentences, NoDataError, parseChartRequest, type ChartFile, type ChartRequest } from '../../src/chart/index.js';
import { chartLabels, type ChartLanguage } from '../../src/chart/labels.js';
import { PIXEL_RATIO, renderSpec } from '../../src/chart/render.js';
import { contributionsSpec } from '../../src/chart/contributions.js';
import { roundsModel, roundsSpec } from '../../src/chart/rounds.js';
import { formatAmount } from '../../src/core/format.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { fontCoverage } from '../support/cmap.js';
import { pngSize } from '../support/png.js';
import { recordKnowledge } from '../support/record.js';

let kb: Knowledge;
beforeAll(() => {
  kb = recordKnowledge();
});
const labels = chartLabels('en');
const svgSize = (svg: string) => {
  const m = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg);
  return { width: Number(m![1]), height: Number(m![2]) };
};
const count = (text: string, part: string) => text.split(part).length - 1;

/**
 * A chart of the shipped record, drawn once for all the tests that only look at it (drawing is a
 * pure function of the record, the request and the language, and takes 0.1–0.5 s); the tests of
 * what drawing does (to the process, with a broken font, with another record) draw their own.
 */
function once<T>(draw: (request: ChartRequest, language: ChartLanguage) => Promise<T>) {
  const drawn = new Map<string, Promise<T>>();
  return (request: ChartRequest, language: ChartLanguage = 'en') => {
    const key = JSON.stringify([request, language]);
    if (!drawn.has(key)) drawn.set(key, draw(request, language));
    return drawn.get(key)!;
  };
}
const chartOf: (request: ChartRequest, language?: ChartLanguage) => Promise<ChartFile> = once((request, language) => drawChart(kb, request, language));

describe('the yearly contribution chart', () => {
  it('is a valid PNG, the SVG scaled by the pixel ratio (sharp on high-density screens), landscape', async () => {
    const chart = await chartOf({ kind: 'contributions' });
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
    const { altText, title } = await chartOf({ kind: 'contributions' });
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
    const chart = await chartOf({ kind: 'rounds', agreement: 12 });
    expect(chart.filename).toBe('sma-rounds-12.png');
    expect(pngSize(chart.png)).toEqual({ width: chart.width, height: chart.height });
    expect(chart.title).toBe('The 12th SMA talks: 8 rounds, April 23 – September 27, 2024');
    expect(chart.altText).toContain('Round 1: April 23–25, 2024 · Honolulu, Hawaii; Round 2: May 21–23, 2024 · Seoul;');
    expect(chart.altText).toContain('Round 8: September 25–27, 2024 · Seoul.');
    expect(chart.altText).toContain('Agreed October 2, 2024 and Signed November 4, 2024.');
    expect(chart.altText).toContain('Source: Newsis, October 4, 2024.');
  });

  it('defaults to the latest talks with rounds', async () => {
    expect((await chartOf({ kind: 'rounds' })).filename).toBe('sma-rounds-12.png');
  });

  it('keeps what the record does not know visible: no end date, disputed dates, unofficial numbering', async () => {
    const chart = await chartOf({ kind: 'rounds', agreement: 11 });
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

/** The text of every <text> element of an SVG, entities decoded. */
const svgTexts = (svg: string) =>
  [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
    family: /font-family="([^"]*)"/.exec(m[1]!)?.[1],
    text: m[2]!
      .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  }));
const coverage = new Map<string, Set<number>>();
const covered = (file: string) => coverage.get(file) ?? coverage.set(file, fontCoverage(file)).get(file)!;
/** Characters of `text` that a font file has no glyph for (drawn as tofu boxes); spaces need none. */
const missing = (font: FontSet, text: string) => font.files.flatMap((file) => [...new Set(text)].filter((ch) => ch.trim() && !covered(file).has(ch.codePointAt(0)!)));
const svgOf = once(async (request, language) => {
  const labels = chartLabels(language, kb);
  const spec = request.kind === 'contributions' ? contributionsSpec(contributionsModel(kb, labels), labels) : roundsSpec(roundsModel(kb, request.agreement!, labels), labels);
  return (await renderSpec(spec, labels.font)).svg;
});
const HANGUL = /\p{Script=Hangul}/u;

describe('charts in Korean', () => {
  it('the yearly contribution: a valid PNG the SVG’s size times the pixel ratio, a Korean title', async () => {
    const chart = await chartOf({ kind: 'contributions' }, 'ko');
    expect(pngSize(chart.png)).toEqual({ width: chart.width, height: chart.height });
    const svg = svgSize(await svgOf({ kind: 'contributions' }, 'ko'));
    expect(Math.abs(chart.width - svg.width * PIXEL_RATIO)).toBeLessThanOrEqual(1);
    expect(Math.abs(chart.height - svg.height * PIXEL_RATIO)).toBeLessThanOrEqual(1);
    expect(chart.width).toBeGreaterThan(chart.height * 2);
    expect(chart.filename).toBe('sma-contributions.png');
    expect(chart.title).toBe('한국의 연도별 방위비 분담금(1991~2026년)');
  });

  it('its alt text is Korean and states every figure as the press writes it, the gaps and the sources', async () => {
    const { altText } = await chartOf({ kind: 'contributions' }, 'ko');
    expect(altText.length).toBeLessThanOrEqual(ALT_TEXT_MAX);
    expect(altText).toContain('미국 달러(1991~2004년): 1991년 1억 5,000만 달러, 1992년 1억 8,000만 달러,');
    expect(altText).toContain('2019년 1조 389억 원, 2020년 1조 389억 원, 2021년 1조 1,833억 원, 2022년 1조 2,471억 원, 2025년 1조 4,028억 원, 2026년 1조 5,192억 원.');
    for (const c of kb.contributions) expect(altText).toContain(`${c.year}년 ${formatAmount(c.amount, c.unit, 'ko')}`);
    expect(altText).toContain('출처가 있는 수치가 없는 해: 2023년과 2024년.');
    expect(altText).toContain('1991년, 2002년과 2016년은 출처에 따라 다른 수치도 있다.');
    expect(altText).toContain('국방부, 2018년'); // the publisher by its Korean name (glossary.yaml)
    expect(altText).not.toMatch(/billion|million|Ministry|No sourced/);
  });

  it('bars stand at the won figures in 억 원 (the unit the axis names), labelled as such, never converted from dollars', async () => {
    const labels = chartLabels('ko', kb);
    const [dollars, won] = contributionsModel(kb, labels).panels;
    expect(dollars!.bars[0]).toMatchObject({ year: 1991, amount: 150, plotted: 150, label: '150*' });
    expect(won!.bars.find((b) => b.year === 2019)).toMatchObject({ amount: 1038.9, plotted: 10389, label: '10,389' });
    const texts = svgTexts(await svgOf({ kind: 'contributions' }, 'ko')).map((t) => t.text);
    expect(texts).toContain('1991~2004년(단위: 백만 달러)');
    expect(texts).toContain('2005~2026년(단위: 억 원)');
    expect(texts.filter((t) => t === '억 원')).toHaveLength(1); // the won axis title
    expect(texts.filter((t) => t === '출처 있는 수치 없음')).toHaveLength(2); // 2023, 2024
  });

  it('every label is drawn in the Hangul font, and the font has a glyph for every character (no tofu)', async () => {
    for (const request of [{ kind: 'contributions' }, { kind: 'rounds', agreement: 11 }, { kind: 'rounds', agreement: 12 }] as const) {
      const texts = svgTexts(await svgOf(request, 'ko'));
      expect(texts.length).toBeGreaterThan(20);
      expect(new Set(texts.map((t) => t.family))).toEqual(new Set([NOTO_SANS_KR.family]));
      expect(texts.some((t) => HANGUL.test(t.text))).toBe(true);
      expect(missing(NOTO_SANS_KR, texts.map((t) => t.text).join(''))).toEqual([]);
    }
    // Marks that today's record does not draw but another year's may: an agreement running on.
    expect(missing(NOTO_SANS_KR, chartLabels('ko').agreementBand(13, true) + chartLabels('ko').disputedNote + chartLabels('ko').unofficialNote)).toEqual([]);
  });

  it('the English labels too have every glyph in Noto Sans (which has no Hangul and no arrow)', async () => {
    for (const request of [{ kind: 'contributions' }, { kind: 'rounds', agreement: 11 }] as const) {
      const texts = svgTexts(await svgOf(request, 'en'));
      expect(new Set(texts.map((t) => t.family))).toEqual(new Set([NOTO_SANS.family]));
      expect(missing(NOTO_SANS, texts.map((t) => t.text).join(''))).toEqual([]);
    }
    expect(missing(NOTO_SANS, chartLabels('en').agreementBand(13, true))).toEqual([]);
    expect(missing(NOTO_SANS, '가')).toEqual(['가', '가']); // the check sees a missing glyph in each weight
  });

  it('the rounds timeline in Korean: each round’s dates and place (the glossary’s names), the deal, the source', async () => {
    const chart = await chartOf({ kind: 'rounds', agreement: 12 }, 'ko');
    expect(pngSize(chart.png)).toEqual({ width: chart.width, height: chart.height });
    expect(chart.title).toBe('제12차 SMA 협상: 8차례 회의, 2024년 4월 23일~9월 27일');
    expect(chart.altText).toContain('1차 회의: 2024년 4월 23일~25일 · 하와이 호놀룰루; 2차 회의: 2024년 5월 21일~23일 · 서울;');
    expect(chart.altText).toContain('8차 회의: 2024년 9월 25일~27일 · 서울.');
    expect(chart.altText).toContain('타결 2024년 10월 2일, 서명 2024년 11월 4일.');
    expect(chart.altText).toContain('자료: 뉴시스, 2024년 10월 4일.');
    const unsure = await chartOf({ kind: 'rounds', agreement: 11 }, 'ko');
    expect(unsure.altText).toContain('7차 회의: 2020년 3월 17일(종료일 기록 없음) · 로스앤젤레스');
    expect(unsure.altText).toContain('2차 회의: 2019년 10월 23일~24일 * · 하와이 호놀룰루');
    expect(unsure.altText).toContain('9차 회의 †: 2021년 3월 5일~7일 · 워싱턴');
  });

  it('says in Korean when the record has nothing to draw, or the words name no chart', async () => {
    await expect(drawChart(kb, { kind: 'rounds', agreement: 3 }, 'ko')).rejects.toThrow(
      '기록에 제3차 SMA 협상의 회의가 없습니다. 회의 기록이 있는 협상: 제10차·제11차·제12차 SMA.',
    );
    expect(parseChartRequest('분담금', 'ko')).toEqual({ kind: 'contributions' });
    expect(parseChartRequest('회의', 'ko')).toEqual({ kind: 'rounds' });
    expect(parseChartRequest('회의 12', 'ko')).toEqual({ kind: 'rounds', agreement: 12 });
    expect(parseChartRequest('회의 제11차', 'ko')).toEqual({ kind: 'rounds', agreement: 11 });
    expect(parseChartRequest('원형', 'ko')).toEqual({ error: expect.stringContaining('"원형"은(는) 그릴 수 없습니다') });
    expect(parseChartRequest('회의 열두', 'ko')).toEqual({ error: expect.stringContaining('"열두"은(는) 협정 차수가 아닙니다') });
  });
});

describe('what drawing leaves behind', () => {
  it('no Set.prototype.toJSON from vega-lite: Sets stringify as always, and discord.js still loads after a chart', async () => {
    await drawChart(kb, { kind: 'rounds', agreement: 12 });
    expect(Object.hasOwn(Set.prototype, 'toJSON')).toBe(false);
    expect(JSON.stringify({ s: new Set([1]) })).toBe('{"s":{}}');
    await expect(import('discord.js')).resolves.toHaveProperty('Client');
  });
});

describe('the fonts resvg is given', () => {
  it('are the chart’s fonts cut down to its characters: small files, made once, the same picture as the whole font', async () => {
    const svg = await svgOf({ kind: 'rounds', agreement: 12 }, 'ko');
    const { files, problem } = await fontFilesFor(NOTO_SANS_KR, svg);
    expect(problem).toBeUndefined();
    expect(files).toHaveLength(2);
    for (const file of files) expect(statSync(file).size).toBeLessThan(200_000); // the whole font: 6 MB a weight
    expect((await fontFilesFor(NOTO_SANS_KR, svg)).files).toEqual(files);
    const draw = (fontFiles: string[]) =>
      new Resvg(svg, { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: NOTO_SANS_KR.family }, background: '#ffffff' }).render().asPng();
    expect(draw(files).equals(draw([...NOTO_SANS_KR.files]))).toBe(true);
  });

  it('a font that cannot be cut down is used whole (slower, the same picture), and the caller is told why', async () => {
    const broken: FontSet = { family: 'Broken', files: ['/nonexistent/font.ttf'] };
    expect(await fontFilesFor(broken, '<svg><text>가</text></svg>')).toEqual({
      files: ['/nonexistent/font.ttf'],
      problem: expect.stringMatching(/^Broken could not be cut down \(.*ENOENT.*\); drawn with the whole font$/),
    });
    expect((await drawChart(kb, { kind: 'rounds', agreement: 12 })).fontProblem).toBeUndefined();
  });
});
