/**
 * Milestones the sources date only to the month, and the Korean cabinet's approval, on the real
 * record: what a reader asking "when was the first SMA concluded?" or "when did the cabinet
 * approve it?" sees, in English and Korean, and what the clock lets an answer say within and
 * around such a month.
 */
import { describe, expect, it } from 'vitest';
import { recordResponder } from '../support/record.js';

const responder = recordResponder(new Date('2026-01-31T12:00:00Z'));
const at = (q: string, day: string) => responder.ask(q, { now: new Date(`${day}T12:00:00Z`) });

describe('a milestone known only to the month', () => {
  it.each(['when was the first ever SMA concluded', 'When was the 1st SMA agreed?', 'what date did they conclude the first special measures agreement'])(
    '"%s" gives the month and says the day is not in the sources',
    (q) => {
      const a = responder.ask(q);
      expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'agreement' });
      expect(a.text).toMatch(/1st SMA was agreed in January 1991 \(the sources do not give the day\)/);
      // Never written as a day of that month, nor as "no date".
      expect(a.text).not.toMatch(/January \d{1,2}, 1991|no date for when the 1st SMA/);
    },
  );

  it.each(['첫 방위비분담특별협정 언제 체결됐어?', '제1차 SMA는 언제 타결됐어?', '첫 번째 SMA 언제 체결'])('%s: 한국어로도 달만, 날짜는 출처에 없다고', (q) => {
    const a = responder.ask(q);
    expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'agreement' });
    expect(a.text).toMatch(/제1차 SMA는 1991년 1월 타결됐다\. 정확한 날짜는 출처에 없다/);
    expect(a.text).not.toMatch(/1991년 1월 \d+일/);
  });

  it('within its month the clock cannot tell whether it had happened: neither "done" nor "not yet"', () => {
    const during = at('when was the 1st SMA agreed?', '1991-01-15');
    expect(during.text).toMatch(/As of January 15, 1991, the record cannot say whether the 1st SMA had been agreed yet/);
    expect(during.text).not.toMatch(/was agreed in January 1991|had not yet been agreed/);
    expect(during.matched).toBe(false);
    expect(at('1차 SMA 타결 언제', '1991-01-15').text).toMatch(/1991년 1월 15일 현재 제1차 SMA의 타결 여부는 기록으로 알 수 없다/);
    // Before the month it had not happened; once the month is over it had.
    expect(at('when was the 1st SMA agreed?', '1990-12-20').text).toMatch(/As of December 20, 1990, the 1st SMA had not yet been agreed/);
    expect(at('when was the 1st SMA agreed?', '1991-02-01').text).toMatch(/agreed in January 1991/);
  });

  it('an agreement dated to a month is in force only once that month is over', () => {
    expect(at('Is there an agreement in force?', '1991-01-15').text).toMatch(/no SMA is in force/);
    expect(at('Is there an agreement in force?', '1991-06-01').text).toMatch(/On June 1, 1991 the 1st SMA \(1991–1993\) is in force/);
  });
});

describe("the Korean cabinet's approval (국무회의 의결)", () => {
  it.each([
    ['when did the cabinet approve the 2nd SMA', /2nd SMA was approved by the Korean cabinet on November 4, 1993/],
    ['When was the 11th SMA approved by the cabinet?', /11th SMA was approved by the Korean cabinet on April 6, 2021/],
    ["the 11th sma's cabinet approval date", /approved by the Korean cabinet on April 6, 2021/],
    ['did the state council approve the 11th SMA', /approved by the Korean cabinet on April 6, 2021/],
    ['제2차 SMA 국무회의 의결 언제', /제2차 SMA는 1993년 11월 4일 국무회의에서 의결됐다/],
    ['국무회의는 언제 11차 방위비 협정을 의결했어?', /제11차 SMA는 2021년 4월 6일 국무회의에서 의결됐다/],
  ])('%s', (q, expected) => {
    const a = responder.ask(q);
    expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'agreement' });
    expect(a.text).toMatch(expected);
  });

  it("is not the National Assembly's ratification, and the Assembly's is not the cabinet's", () => {
    const ratified = responder.ask('when was the 11th SMA ratified');
    expect(ratified.text).toMatch(/^The 11th SMA was ratified on August 31, 2021 by the National Assembly/);
    expect(ratified.text).not.toMatch(/cabinet/);
    expect(responder.ask('11차 협정 국회 비준 언제').text).toMatch(/^제11차 SMA는 2021년 8월 31일 국회의 비준 동의를 받았다/);
    // The 12th SMA's cabinet approval is not in the sources: said so, never its ratification day instead.
    const none = responder.ask('when did the cabinet approve the 12th SMA');
    expect(none).toMatchObject({ intent: 'agreement', matched: false });
    expect(none.text).toMatch(/no date for when the 12th SMA was approved by the Korean cabinet/);
    expect(none.text).not.toMatch(/November 28|ratified on/);
  });

  it('a milestone the record lacks for the 2nd SMA says so, with the step it does date', () => {
    const a = responder.ask('when was the 2nd SMA ratified?');
    expect(a.matched).toBe(false);
    expect(a.text).toMatch(/no date for when the 2nd SMA was ratified\. The 2nd SMA was approved by the Korean cabinet on November 4, 1993/);
  });

  it('follows the clock like every milestone', () => {
    expect(at('when did the cabinet approve the 11th SMA', '2021-04-05').text).toMatch(/As of April 5, 2021, the 11th SMA had not yet been approved by the Korean cabinet/);
    expect(at('when did the cabinet approve the 11th SMA', '2021-04-07').text).toMatch(/approved by the Korean cabinet on April 6, 2021/);
  });

  it('a question about another cabinet meeting is not about an agreement', () => {
    const a = at("how many troops did trump claim at yesterday's cabinet meeting", '2025-07-09');
    expect(a.intent).not.toBe('agreement');
  });
});
