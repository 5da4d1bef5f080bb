/**
 * Answers written in Korean (`language: 'ko'`) from the real record: Korean dates, amounts as the
 * Korean press writes them, names and places from the glossary, the rows' curated Korean text, and
 * the responder's own replies. Questions are English ones that route today; the Korean analyser
 * is tested on its own.
 */
import { answerView } from '../../src/core/view.js';
import { describe, expect, it } from 'vitest';
import type { AskOptions } from '../../src/core/answer.js';
import { formatAmount, formatDate, formatRange } from '../../src/core/format.js';
import { josa } from '../../src/core/i18n/josa.js';
import { plainText } from '../../src/core/plainText.js';
import { createResponder } from '../../src/core/responder.js';
import { recordKnowledge, recordResponder } from '../support/record.js';

const kb = recordKnowledge();
const responder = recordResponder(new Date('2026-02-01T12:00:00Z'));
const at = (day: string): AskOptions => ({ language: 'ko', now: new Date(`${day}T12:00:00Z`) });
const ko: AskOptions = { language: 'ko' };
const hangul = /[\uac00-\ud7a3]/;

describe('contributions in Korean', () => {
  it('gives the 2026 amount in 조 and 억, with the year and the rise', () => {
    const a = responder.ask('How much does Korea pay in 2026?', ko);
    expect(a.language).toBe('ko');
    expect(a.title).toBe('2026년 한국의 방위비 분담금');
    expect(a.text).toContain('제12차 SMA에 따른 2026년 한국의 방위비 분담금은 1조 5,192억 원으로, 전년보다 8.3% 늘었다.');
    expect(a.text).not.toMatch(/trillion|billion/);
  });

  it('says "this year" in the present, and 억 alone below a trillion', () => {
    const a = responder.ask('How much does Korea pay this year?', at('2018-03-12'));
    expect(a.text).toContain('2018년 한국의 방위비 분담금은 9,602억 원이다.');
  });

  it('answers a button (a structured request) in Korean too', () => {
    const a = responder.ask({ intent: 'contribution', year: 2019 }, ko);
    expect(a.text).toContain('2019년 한국의 방위비 분담금은 1조 389억 원으로');
    expect(a.suggestions[0]).toMatchObject({ question: '2018년 방위비 분담금은 얼마였나요?', request: { intent: 'contribution', year: 2018 } });
  });

  it('cites sources with the publisher from the glossary and the title as recorded', () => {
    const a = responder.ask('How much does Korea pay in 2026?', ko);
    const recorded = new Map(kb.sources.map((s) => [s.id, s]));
    const cited = a.sources.find((s) => recorded.get(s.id)!.publisher === 'Korea Times')!;
    const times = recorded.get(cited.id)!;
    expect(cited.publisher).toBe('코리아타임스');
    expect(cited.title).toBe(times.title);
    expect(plainText(a)).toContain(`코리아타임스, "${times.title}"(${formatDate(times.published, 'ko')})`);
  });
});

describe('rounds in Korean', () => {
  it('names the round, its dates as a Korean range and the place from the glossary', () => {
    const a = responder.ask('Where was round 1 of the 12th SMA talks?', ko);
    expect(a.title).toBe('제12차 SMA 협상 1차 회의');
    expect(a.text).toContain('제12차 SMA 협상 1차 회의는 2024년 4월 23일~25일 하와이 호놀룰루에서 열렸다.');
    // The curated Korean summary, not the English one.
    expect(a.text).toContain(kb.rounds.find((r) => r.id === 'sma12-r1')!.ko!.summary!);
    expect(a.text).not.toContain('Honolulu');
  });

  it('says how many days a round lasted in Korean words', () => {
    const a = responder.ask('how many days did round 1 of the 12th SMA talks last?', ko);
    expect(a.text).toContain('하와이 호놀룰루에서 사흘 일정으로 열렸다');
  });

  it("gives the next round as scheduled on the clock's day, without its outcome", () => {
    const a = responder.ask('When is the next round?', at('2024-05-01'));
    expect(a.title).toBe('다음 회의는 언제인가요?');
    expect(a.text).toContain('2024년 5월 1일 이후 다음 회의는 제12차 SMA 협상 2차 회의다.');
    expect(a.text).toContain('2024년 5월 21일~23일 서울 동대문구 한국국방연구원(KIDA)에서 열릴 예정이다');
    expect(a.text).not.toContain(kb.rounds.find((r) => r.id === 'sma12-r2')!.ko!.summary!);
    expect(responder.ask('When is the next round?', at('2018-03-12')).text).toContain('2018년 4월 11일~12일 제주도에서 열릴 예정이다');
  });

  it('counts the rounds so far and marks unofficial numbering', () => {
    expect(responder.ask('How many rounds so far?', at('2024-06-15')).text).toContain('2024년 6월 15일 현재 제12차 SMA 협상 회의는 지금까지 3차례 열렸다.');
    const eleventh = responder.ask('How many rounds were held in the 11th SMA talks?', ko).text;
    expect(eleventh).toContain('8차(비공식 차수): 2021년 2월 5일, 화상회의');
    expect(eleventh).toContain('8차와 9차는 공식 차수가 아니다.');
  });
});

describe('agreements and negotiators in Korean', () => {
  it('writes a milestone with the Korean date, place and signatories from the glossary', () => {
    const a = responder.ask('When was the 12th SMA signed?', ko);
    expect(a.title).toBe('제12차 SMA(2026~2030년)');
    expect(a.text).toContain('제12차 SMA는 2024년 11월 4일 서울 외교부 청사에서 조태열 외교부 장관과 필립 골드버그 주한 미국대사가 서명했다.');
    expect(a.text).not.toMatch(/Cho Tae-yul|Goldberg/);
  });

  it("says the National Assembly consented, and what had not happened yet on the clock's day", () => {
    expect(responder.ask('When was the 12th SMA ratified?', ko).text).toContain('제12차 SMA는 2024년 11월 28일 국회의 비준 동의를 받았다.');
    expect(responder.ask('When did the 12th SMA enter into force?', at('2024-11-04')).text).toContain('2024년 11월 4일 현재 제12차 SMA는 아직 발효되지 않았다.');
  });

  it('names the negotiators with their Korean titles, present while the talks run', () => {
    const a = responder.ask('Who are the negotiators?', at('2024-06-15'));
    expect(a.title).toBe('제12차 SMA 협상 대표');
    expect(a.text).toContain('제12차 SMA 협상의 한국 측 대표는 이태우 외교부 방위비분담협상대표다.');
    expect(a.text).toContain('미국 측 대표는 린다 스펙트');
  });

  it('puts past negotiators in the past, with when each led', () => {
    const a = responder.ask('Who negotiated the 11th SMA?', ko);
    expect(a.text).toContain('장원삼 외교부 한미 방위비분담협상 대표(2019년 9월 26일까지)와 정은보 외교부 한미 방위비분담협상 대사(2019년 9월 26일부터)였다.');
  });

  it('says plainly that the record has no such agreement', () => {
    const a = responder.ask('What was the 14th SMA?', ko);
    expect(a.matched).toBe(false);
    expect(a.text).toBe('기록에 제14차 SMA는 없다. 기록은 제1차부터 제12차까지의 협정을 다룬다.');
  });
});

describe('facts in Korean', () => {
  const troops = kb.facts.find((f) => f.id === 'usfk-troop-numbers')!;

  it('answers with the curated Korean answer and question, and Korean suggestions', () => {
    const a = responder.ask('How many US troops are in Korea?', ko);
    expect(a.factIds).toEqual([troops.id]);
    expect(a.title).toBe(troops.ko!.question);
    expect(a.text).toBe(troops.ko!.answer);
    expect(a.text).toContain('2만 8,500명');
    const related = troops.related.map((id) => kb.facts.find((f) => f.id === id)!.ko!.question);
    expect(a.suggestions.map((s) => s.question)).toEqual(related.slice(0, 3));
  });

  it('answers a fact without Korean text in English, under a one-line Korean note', () => {
    const partial = { ...kb, facts: kb.facts.map((f) => (f.id === troops.id ? { ...f, ko: undefined } : f)) };
    const a = createResponder(partial).ask('How many US troops are in Korea?', ko);
    expect(a.language).toBe('ko');
    const [note, ...rest] = a.text.split('\n');
    expect(note).toBe('이 항목은 아직 한국어로 정리되지 않아 영어 원문으로 답합니다.');
    expect(rest.join('\n')).toBe(troops.answer);
  });
});

describe("the responder's own replies in Korean", () => {
  it('offers "did you mean" in Korean with Korean questions', () => {
    // No bar is reachable: every question that comes close is offered, never answered.
    const unsure = createResponder(kb, { thresholds: { answer: 1.01 } });
    const a = unsure.ask('How many US troops are in Korea?', ko);
    expect(a.kind).toBe('clarify');
    expect(a.title).toBe('이 질문인가요?');
    expect(a.text).toMatch(/^어떤 질문인지 확실하지 않습니다\. 혹시 다음 질문을 찾으시나요\? "/);
    expect(a.suggestions.length).toBeGreaterThan(0);
    for (const s of a.suggestions) expect(s.question).toMatch(hangul);
  });

  it('says "I don\'t know" in Korean, with the record\'s date and Korean starters', () => {
    const a = responder.ask('zzz qqq', ko);
    expect(a.kind).toBe('unknown');
    expect(a.title).toBe('답을 찾지 못함');
    expect(a.text).toMatch(/^그 질문에는 답할 수 없습니다\. 한미 방위비 분담 협상 기록\(\d{4}년 \d{1,2}월( \d{1,2}일)?까지의 출처\)에 없는 내용입니다\./);
    expect(a.suggestions.map((s) => s.question)).toEqual(['협상은 지금 어떤 상황인가요?', '다음 회의는 언제인가요?', '올해 한국의 방위비 분담금은 얼마인가요?']);
    expect(plainText(a)).toContain('추천 질문: 협상은 지금 어떤 상황인가요?');
  });

  it('explains empty and over-long messages in Korean', () => {
    expect(responder.ask('   ', ko)).toMatchObject({ title: '빈 질문', language: 'ko' });
    expect(responder.ask('x'.repeat(600), ko).text).toBe('메시지가 600자입니다. 500자 이내로, 한 번에 한 가지씩 질문해 주세요.');
  });

  it('greets and helps in Korean', () => {
    expect(responder.ask('hello', ko).text).toMatch(/^안녕하세요! 한미 방위비분담특별협정\(SMA\) 협상에 관한 질문에/);
    expect(responder.ask('help', ko).title).toBe('무엇을 물어볼 수 있나요?');
  });

  it('notes in Korean that a fact is as of a date after the clock', () => {
    const a = responder.ask('How many US troops are in Korea?', at('2018-03-12'));
    expect(answerView(a).asOf).toMatch(/^\d{4}년 \d{1,2}월 \d{1,2}일 기준\(2018년 3월 12일 이후\)$/);
  });

  it('keeps Korean through a follow-up and a sources question', () => {
    const first = responder.ask('How much did Korea pay in 2019?', ko);
    const next = responder.ask('and in 2020?', { ...ko, previous: first });
    expect(next.text).toContain('2020년 한국의 방위비 분담금은 1조 389억 원');
    const sources = responder.ask('what is the source for this?', { ...ko, previous: next });
    expect(sources.intent).toBe('sources');
    expect(sources.text).toMatch(/^이 답변의 출처: /);
    expect(sources.text).not.toContain('Ministry of National Defense,');
  });

  it('labels the plain text in Korean', () => {
    const text = plainText(responder.ask('When was the 12th SMA signed?', ko));
    expect(text).toMatch(/\n\d{4}년 \d{1,2}월( \d{1,2}일)? 기준\. 출처: /);
    expect(text).toContain('관련 질문: 제11차 SMA는 어떤 협정이었나요?');
  });

  it('still answers in English without a language, and says so', () => {
    const a = responder.ask('How much does Korea pay in 2026?');
    expect(a.language).toBe('en');
    expect(a.text).toContain('1.5192 trillion won');
  });
});

describe('Korean formats and particles', () => {
  it('writes amounts as the Korean press does', () => {
    expect(formatAmount(1519.2, 'KRW-billion', 'ko')).toBe('1조 5,192억 원');
    expect(formatAmount(960.2, 'KRW-billion', 'ko')).toBe('9,602억 원');
    expect(formatAmount(10000, 'USD-million', 'ko')).toBe('100억 달러');
    expect(formatAmount(150, 'USD-million', 'ko')).toBe('1억 5,000만 달러');
  });

  it('writes dates and ranges with Intl ko-KR', () => {
    expect(formatDate('2024-11-04', 'ko')).toBe('2024년 11월 4일');
    expect(formatDate('2019-02', 'ko')).toBe('2019년 2월');
    expect(formatRange('2024-06-10', '2024-06-12', 'ko')).toBe('2024년 6월 10일~12일');
    expect(formatRange('2019-12-30', '2020-01-02', 'ko')).toBe('2019년 12월 30일~2020년 1월 2일');
  });

  it.each([
    ['장원삼', '이/가', '장원삼이'],
    ['정은보', '이/가', '정은보가'],
    ['2026년', '은/는', '2026년은'],
    ['12차', '은/는', '12차는'],
    ['1조 5,192억 원', '으로/로', '1조 5,192억 원으로'],
    ['8일', '으로/로', '8일로'],
    ['서울', '으로/로', '서울로'],
    ['SMA', '을/를', 'SMA를'],
    ['USFK', '은/는', 'USFK는'],
    ['3%', '은/는', '3%는'],
    ['10', '은/는', '10은'],
    ['2', '과/와', '2와'],
    ['방위비분담특별협정(SMA)', '은/는', '방위비분담특별협정(SMA)은'],
    ['1억 5,000만 달러', '이었다/였다', '1억 5,000만 달러였다'],
  ] as const)('%s + %s → %s', (word, which, expected) => {
    expect(josa(word, which)).toBe(expected);
  });
});
