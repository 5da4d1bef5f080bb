/**
 * `sma chart` in-process: the PNG file it writes, what it prints, the language rule (the one
 * given, else the words', else English) and its usage errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../announce/helpers.js';
import { sma } from '../support/cli.js';
import { pngSize } from '../support/png.js';

const tmp = tempDir('sma-cli-chart-');
afterAll(() => tmp.remove());
const out = (name: string) => join(tmp.dir, name);

describe('sma chart', () => {
  it('--language ko writes the Korean chart to the file and prints its Korean title, size and alt text', async () => {
    const file = out('contributions-ko.png');
    const run = await sma(['chart', '--language', 'ko', '--out', file]);
    expect(run.code).toBe(0);
    const size = pngSize(readFileSync(file));
    expect(run.out).toContain(`${file}: 한국의 연도별 방위비 분담금(1991~2026년) (${size.width}×${size.height} px)`);
    expect(run.out).toContain('alt text: 1991~2026년 한국의 연도별 방위비 분담금 막대그래프.');
    expect(run.out).toContain('2019년 1조 389억 원');
  });

  it('Korean words draw in Korean without the flag; English words and --language en in English', async () => {
    const korean = await sma(['chart', '회의', '12', '--out', out('rounds-ko.png')]);
    expect(korean.out).toContain('제12차 SMA 협상: 8차례 회의');
    const english = await sma(['chart', 'rounds', '12', '--out', out('rounds-en.png')]);
    expect(english.out).toContain('The 12th SMA talks: 8 rounds');
    const chosen = await sma(['chart', '회의', '12', '--language', 'en', '--out', out('rounds-en2.png')]);
    expect(chosen.out).toContain('The 12th SMA talks: 8 rounds');
  });

  it('bad flags and words are usage errors (exit 2) in the chart’s language; nothing to draw is exit 1', async () => {
    const language = await sma(['chart', '--language', 'fr', '--out', out('x.png')]);
    expect(language.code).toBe(2);
    expect(language.err).toContain('--language must be en, ko or auto (got "fr")');
    const words = await sma(['chart', '원형', '--language', 'ko', '--out', out('x.png')]);
    expect(words.code).toBe(2);
    expect(words.err).toContain('"원형"은(는) 그릴 수 없습니다');
    const none = await sma(['chart', '회의', '3', '--out', out('x.png')]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('기록에 제3차 SMA 협상의 회의가 없습니다.');
  });
});
