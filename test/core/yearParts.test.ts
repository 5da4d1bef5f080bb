/**
 * Parts of a year ("summer 2020", "late 2018", "the first half of 2019", "2019년 상반기", "올
 * 여름") as date ranges on the real record: the words are explained by the range, the facts and
 * rounds in it answer, and a part of a year with nothing in it is never answered with a row from
 * another time.
 */
import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/core/understand/dates.js';
import { recordResponder } from '../support/record.js';

const NOW = new Date('2026-01-31T12:00:00Z');
const responder = recordResponder(NOW);
const range = (q: string, now = NOW) => findDates(responder.normaliser.rewrite(q), now).map((d) => `${d.from}..${d.to}`);

describe('the range a part of a year stands for', () => {
  it.each([
    ['by summer 2020', '2020-06-01..2020-08-31'],
    ['spring 2020 tentative deal', '2020-03-01..2020-05-31'],
    ['in the fall of 2019', '2019-09-01..2019-11-30'],
    // Meteorological winter: the one that begins in December of the year named.
    ['winter 2019', '2019-12-01..2020-02-29'],
    ['early 2019', '2019-01-01..2019-04-30'],
    ['mid-2020', '2020-05-01..2020-08-31'],
    ['late 2018', '2018-09-01..2018-12-31'],
    ['by the end of last year', '2025-09-01..2025-12-31'],
    ['the first half of 2019', '2019-01-01..2019-06-30'],
    ['H2 2019', '2019-07-01..2019-12-31'],
    ['Q3 2024', '2024-07-01..2024-09-30'],
    ['2019년 상반기', '2019-01-01..2019-06-30'],
    ['2019년 하반기에', '2019-07-01..2019-12-31'],
    ['2018년 말', '2018-09-01..2018-12-31'],
    ['2019년 초', '2019-01-01..2019-04-30'],
    ['2020년 여름까지', '2020-06-01..2020-08-31'],
    ['올 여름', '2026-06-01..2026-08-31'],
    ['작년 말', '2025-09-01..2025-12-31'],
  ])('%s → %s', (q, expected) => {
    expect(range(q)).toEqual([expected]);
  });

  it('"last summer" is the latest one over by the clock, "this winter" in January began in December', () => {
    expect(range('last summer', new Date('2020-07-15T12:00:00Z'))).toEqual(['2019-06-01..2019-08-31']);
    expect(range('last summer', new Date('2020-10-15T12:00:00Z'))).toEqual(['2020-06-01..2020-08-31']);
    expect(range('this winter', new Date('2020-01-15T12:00:00Z'))).toEqual(['2019-12-01..2020-02-29']);
  });

  it('leaves words that only look like one alone', () => {
    const parts = (q: string) => findDates(responder.normaliser.rewrite(q), NOW).filter((d) => d.grain === 'season' || d.grain === 'part');
    // "말했다" is "said", not "the end of"; "later this year" is the rest of it, not its last third.
    for (const q of ['who said it in 2018?', '트럼프는 2018년 말했다', 'what happened later this year', 'the fall of the talks', 'did the contribution fall in 2006?'])
      expect(parts(q), q).toEqual([]);
  });
});

describe('a question naming a part of a year', () => {
  it.each([
    // The fact says "by mid-2020": its months meet the summer asked about.
    ['what was washington asking for by summer 2020', /\$1\.3 billion/],
    ['미국은 2020년 여름까지 얼마를 요구했어?', /13억 달러/],
    // "Around the end of March 2020" and "April 20, 2020" are in spring 2020.
    ['spring 2020 tentative deal % and what happened to it', /13%.*Trump rejected it/],
    ['2020년 봄 잠정 합의는 어떻게 됐어?', /13% 인상에 잠정 합의했지만 트럼프 대통령이 이를 거부했다/],
  ])('%s → the fact of that time', (q, expected) => {
    const a = responder.ask(q);
    expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'fact' });
    expect(a.text).toMatch(expected);
  });

  it('names the agreement whose milestone falls in it, the milestone asked first', () => {
    const signed = responder.ask('which agreement was signed in early 2019');
    expect(signed).toMatchObject({ kind: 'answer', matched: true, intent: 'agreement' });
    expect(signed.text).toMatch(/^The 10th SMA was signed on March 8, 2019/);
    expect(responder.ask('2021년 봄 타결된 협정').text).toMatch(/^제11차 SMA는 2021년 3월 7일 워싱턴에서 타결됐다/);
  });

  it('lists every round held in it, not only the last', () => {
    const summer = responder.ask('which rounds were held in summer 2024');
    expect(summer).toMatchObject({ kind: 'answer', matched: true, intent: 'round' });
    expect(summer.text).toMatch(/^From June 2024 to August 2024 the record has 5 rounds: round 3 of the 12th SMA talks, June 10–12, 2024/);
    expect(summer.text).toMatch(/round 7 of the 12th SMA talks, August 27–29, 2024, Seoul\.$/);
    const late = responder.ask('2018년 말 회의는 어디서 열렸어?');
    expect(late.text).toMatch(/^2018년 9월부터 2018년 12월까지 기록된 회의는 4차례다\. 제10차 SMA 협상 7차 회의/);
    expect(late.text).toMatch(/10차 회의: 2018년 12월 11일~13일, 서울\.$/);
    expect(responder.ask('2019년 하반기 협상 회의').text).toMatch(/기록된 회의는 5차례다\. 제11차 SMA 협상 1차 회의: 2019년 9월 24일~25일/);
  });

  it('with nothing in it, no answer is given from another time', () => {
    for (const q of ['what happened in summer 2017', 'the round in summer 2017', 'rounds in the first half of 2019', '올 여름 회의 언제']) {
      const a = responder.ask(q);
      expect(a.matched, q).toBe(false);
      // Not a round or an agreement of some other season given as if it were the one asked.
      expect(a.intent === 'round' || a.intent === 'agreement', q).toBe(false);
    }
  });
});
