/**
 * Korean questions as Koreans type them, on the real record: the words that carry no subject
 * (verb forms, demonstratives, particles glued to an abbreviation) do not make the router refuse,
 * the words that do (a noun the record lacks, a person it has no successor for) still do, and a
 * counter with 몇 asks the kind of answer the English question word asks.
 */
import { describe, expect, it } from 'vitest';
import { Analyser } from '../../src/core/understand/analyse.js';
import { recordKnowledge, recordResponder } from '../support/record.js';

const now = new Date('2026-01-31T12:00:00Z');
const responder = recordResponder(now);
const analyser = new Analyser(recordKnowledge(), responder.normaliser);
const ask = (q: string) => responder.ask(q, { now });
const factOf = (q: string) => {
  const a = ask(q);
  return a.kind === 'answer' && a.matched ? (a.factIds[0] ?? a.intent) : a.kind;
};
const unknownOf = (q: string) => analyser.analyse(q, now).unknown;

describe('a verb or adjective form the record does not use', () => {
  it.each([
    // connective endings: -면서, -다가, -잖아, -던데, -아서/-어서 fused into the stem, -고 before 있다
    ['드하트가 회의장을 박차고 나오면서 한국 제안을 어떻게 평가했어?', '나오면서'],
    ['원래 사흘 예정이었다가 늘어난 회의가 있어?', '예정이었다가'],
    ['정은보가 대표 맡았잖아 언제 임명됐지?', '맡았잖아'],
    ['해리스 대사가 청와대 가서 요구한 금액은?', '가서'],
    ['무급휴직 근로자들 요즘 어떻게 되고 있어?', '되고'],
    // a modifier before the noun it qualifies (-ㄴ fused into 부르-, -은 after 붙-, -ㄴ of 넘기-)
    ['미국이 처음 부른 금액은 얼마야?', '부른'],
    ['비준할 때 붙은 부대의견 있어?', '붙은'],
    ['분담금이 1조 원을 처음 넘긴 건 언제야?', '넘긴'],
    // a verb made a noun ends a casual question
    ['11차를 왜 1+5 협정이라고 부름?', '부름'],
  ])('%s: %s is not a subject the record lacks', (q, word) => {
    expect(unknownOf(q)).not.toContain(word);
  });

  it('no longer turns a question the record answers into "did you mean"', () => {
    expect(factOf('드하트가 회의장을 박차고 나오면서 한국 측 제안을 뭐라고 평가했어?')).toBe('us-walkout-nov-2019');
    expect(factOf('정은보가 대표 맡았잖아, 언제 임명됐지?')).toBe('jeong-eun-bo-profile');
    expect(factOf('분담금이 1조 원을 처음 넘었던 해가 몇 년도였지?')).toBe('sma10-first-trillion');
    expect(factOf('11차 때 미국 요구액은 2019년 분담금의 몇 배였어?')).toBe('us-demand-5bn');
  });

  it('is not "corrected" into a record word it resembles', () => {
    // 늘어났어 is one letter from 들어갔어, a word of the record.
    expect(analyser.analyse('회의가 며칠까지 늘어났어?', now).text).toContain('늘어났어');
  });
});

describe('a noun the record does not use', () => {
  it('stays a subject, with a particle or before another word', () => {
    expect(unknownOf('이태우 대표 학력은 어떻게 돼?')).toContain('학력은');
    expect(unknownOf('12차 서명하던 날 서울 날씨는 어땠어?')).toContain('날씨는');
    // 독일 is another country: its topic particle is cut, so the question is off the record's subject.
    expect(ask('독일은 주독미군 주둔비 얼마 분담해?').intent).toBe('off-topic');
  });

  it.each(['이태우 대표 학력은 어떻게 돼?', '12차 서명하던 날 서울 날씨는 어땠어?', '정은보가 대표를 맡았던 때 환율은 얼마였어?'])('%s is not answered', (q) => {
    expect(ask(q).matched).toBe(false);
  });
});

describe('demonstratives', () => {
  it('are filler that points back, never a subject', () => {
    for (const q of ['이거 맞아?', '그게 누구야?', '그걸 누가 거부했어?', '이건 언제 서명했어?']) {
      const a = analyser.analyse(q, now);
      expect(a.unknown, q).toEqual([]);
      expect(a.tokens, q).toContain('that');
    }
  });

  it('keep the row of the answer before ("그건 몇 년짜리야?" after the 12th SMA\'s total)', () => {
    const first = ask('12차 협정 총액 얼마야?');
    const next = responder.ask('그건 몇 년짜리야?', { now, previous: first });
    expect(next).toMatchObject({ kind: 'answer', matched: true, intent: 'agreement' });
    expect(next.text).toMatch(/제12차 SMA.*5년/);
    const signed = responder.ask('그거 누가 서명했어?', { now, previous: ask('제11차 SMA 언제 서명했어?') });
    expect(signed.text).toMatch(/최종건.*랩슨/);
  });
});

describe('몇 with its counter', () => {
  it('"몇 년도" asks when, "몇 시" the time of day', () => {
    expect(ask('10차 협정이 비준된 건 몇 년도야?').text).toMatch(/2019년 4월 5일/);
    expect(ask('12차 협정 서명은 몇 시에 했어?').text).toMatch(/오후 5시 30분/);
  });

  it('"몇 표" is answered by the vote count, "몇 년짜리" by the duration', () => {
    expect(ask('제10차 협정 비준 때 찬성은 몇 표?').text).toMatch(/찬성 139명/);
    expect(ask('11차 협정 몇 년짜리야?').text).toMatch(/6년/);
    expect(ask('첫 SMA 유효기간은 몇 년이었어?').text).toMatch(/제1차 SMA.*3년/);
  });

  it('"몇 년생" asks an age, which the profiles do not give', () => {
    for (const q of ['장원삼 대표는 몇 년생이야?', '제임스 드하트는 몇년생이에요?']) expect(ask(q).matched, q).toBe(false);
  });
});

describe('a particle glued to an abbreviation', () => {
  it.each([
    ['SMA는 뭐야?', 'sma'],
    ['USFK가 몇 명이야', 'usfk'],
    ['YTN이 보도한 12차 협정 변경 내용', 'ytn'],
    ['KBS에서 보도한 10차 협상 요구액', 'kbs'],
  ])('%s: the abbreviation is the record word %s', (q, token) => {
    const a = analyser.analyse(q, now);
    expect(a.content).toContain(token);
    expect(a.unknown).toEqual([]);
  });

  it('answers as the abbreviation alone does', () => {
    expect(factOf('SMA는 뭐야?')).toBe('sma-definition');
    expect(factOf('USFK가 몇 명이야')).toBe('usfk-troop-numbers');
  });
});

describe('a compound written together or apart', () => {
  it('is the same words either way ("변경사항", "변경 사항")', () => {
    const together = analyser.analyse('12차 협정 변경사항', now);
    expect(together.content).toEqual(analyser.analyse('12차 협정 변경 사항', now).content);
    expect(together.unknown).toEqual([]);
  });
});

describe('ordinals Korean writes into other words', () => {
  it('"1차관" is the first vice minister and "3차례" three times, not the 1st or 3rd SMA', () => {
    expect(analyser.analyse('11차 협정에 1차관이 서명한 이유', now).slots.agreement).toBe(11);
    expect(analyser.analyse('회의가 3차례 열렸어', now).slots.agreement).toBeUndefined();
  });

  it('"5라운드" is round 5 and "첫 정상회담" the first summit, while "첫해" stays a word', () => {
    expect(ask('10차 협상 5라운드 어디서 했어?').text).toMatch(/5차 회의.*시애틀/);
    expect(factOf('이재명 트럼프 첫 정상회담은 어디서 열렸어?')).toBe('summit-aug-2025');
    expect(analyser.analyse('1조 원 넘은 첫해', now).content).not.toContain('1th');
  });
});

describe('who, and whose successor', () => {
  it('"which official" is answered by a reply that names the officials', () => {
    const a = ask('330억 달러를 새 돈이 아니라고 설명한 당국자는 누구야?');
    expect(a.factIds).toEqual(['fact-sheet-33bn-explained']);
    expect(a.text).toMatch(/박윤주.*위성락/);
  });

  it('a successor is someone else than the person named, and the record has none for Lee Tae-woo', () => {
    expect(ask('장원삼 대표 후임으로 누가 왔어?').text).toMatch(/정은보/);
    for (const q of ['이태우 다음으로 협상대표 된 사람 누구?', 'who replaced lee tae-woo?']) expect(ask(q).matched, q).toBe(false);
    // DeHart's successor is on record, whichever words name him.
    expect(factOf('Who replaced James DeHart?')).toBe('welton-replaces-dehart');
  });
});

describe('몇 with a unit, and 몇 spelled as Koreans type it', () => {
  it('"몇억", "몇 천억", "몇 퍼센트" ask an amount: the table gives the figure', () => {
    for (const q of ['2026년 분담금 전년보다 몇억 올랐나', '2026년 분담금 몇 천억이야?', '2021년 분담금 몇 퍼센트 올랐어?']) {
      const a = analyser.analyse(q, now);
      expect(a.content, q).toContain('howmuch');
      expect(a.content, q).not.toContain('howmany');
    }
    expect(ask('2026년 분담금 전년보다 몇억 올랐나').text).toMatch(/1,164억 원/);
    expect(ask('2021년 분담금 몇 퍼센트 올랐어?').text).toMatch(/13\.9%/);
  });

  it('"몇일", "몇 년치" ask a span, as 며칠 does', () => {
    for (const q of ['호놀룰루 1차 회의 몇일동안 했어?', '330억 달러는 몇 년치야?', '1차 회의 몇 일간 열렸어?']) expect(analyser.analyse(q, now).content, q).toContain('howlong');
  });

  it('"몇 차" asks which agreement, "몇 차까지" how many there are', () => {
    const which = responder.ask('어제 발효된 방위비 협정 몇차야', { now: new Date('2024-11-30T12:00:00Z') });
    expect(which).toMatchObject({ kind: 'answer', intent: 'agreement' });
    expect(which.text).toMatch(/제12차 SMA는 2024년 11월 29일 발효/);
    expect(analyser.analyse('방위비 협정 몇 차까지 있어', now).content).toContain('howmany');
  });
});

describe('"how much" is answered by an amount', () => {
  it.each(['주한미군 한국인 근로자 평균 월급은 얼마예요?', '한국인 근로자 평균 임금 얼마야'])('%s is not answered by a count of workers', (q) => {
    const a = ask(q);
    expect(a.matched, a.text).toBe(false);
  });

  it('a share and money still answer it', () => {
    expect(ask('2026년 분담금 얼마야?').text).toMatch(/1조 5,192억 원/);
    expect(ask('2026년 분담금 인상률은 얼마야?').text).toMatch(/8\.3%/);
  });
});

describe('a noun the record writes with a particle only', () => {
  it('is the record word with any other particle ("이행약정엔", "군수지원은")', () => {
    for (const [q, word] of [
      ['11차 이행약정엔 누가 서명했어', '이행약정'],
      ['이행약정은 누가 서명했나요', '이행약정'],
      ['군수지원은 현금으로 주나요', '군수지원'],
    ] as const) {
      const a = analyser.analyse(q, now);
      expect(a.content, q).toContain(word);
      expect(a.unknown, q).toEqual([]);
    }
  });

  it('the Implementation Arrangement is answered by the signing note that names its signatories', () => {
    expect(ask('11차 이행약정엔 누가 서명했어').text).toMatch(/김상진.*와이들리/);
    expect(factOf('분담금 중에 군수지원은 현금으로 주나요 아니면 현물로 주나요?')).toBe('sma-payment-method');
  });

  it('a verb form is not learned as a noun ("부담하겠다고" stays a word the record lacks)', () => {
    expect(unknownOf('한국이 근로자 인건비 부담하겠다고 한 규모가 얼마야')).toContain('부담하겠다고');
  });
});

describe('해 as the verb and as the year', () => {
  it('"어디서 해?" asks where the next round is, "처음 낸 해" and "그 해" are a year', () => {
    const next = responder.ask('다음 회의 어디서 해?', { now: new Date('2018-11-01T12:00:00Z') });
    expect(next).toMatchObject({ kind: 'answer', intent: 'next-round' });
    expect(next.text).toMatch(/호놀룰루/);
    expect(analyser.analyse('언제 해?', now).content).not.toContain('year');
    expect(analyser.analyse('분담금 처음 낸 해', now).content).toContain('year');
    expect(analyser.analyse('그 해 분담금은?', now).content).toContain('year');
  });
});

describe('two agreements compared', () => {
  it.each(['10차랑 12차 첫해 인상률 비교하면?', '10차와 12차 인상률 차이', 'compare the 10th and the 12th SMA first-year increases'])(
    '%s is not answered by a fact about one of them',
    (q) => {
      expect(ask(q).matched).toBe(false);
    },
  );

  it('a fact about both still answers', () => {
    expect(factOf('12차랑 11차 인상 방식 차이가 뭐야?')).toBe('sma12-vs-sma11-formula');
  });
});

describe('rounds counted by where they were held', () => {
  it.each(['12차 협상중에 미국서 열린 회의 몇번?', '12차 때 한국에서 열린 회의 몇 번이야?', 'how many rounds were held in the US during the 12th SMA talks?'])(
    '%s is not answered by one round or by all of them',
    (q) => {
      expect(ask(q).matched).toBe(false);
    },
  );

  it('the days of "the 1st round in Honolulu" name each negotiation whose first round was held there', () => {
    const a = ask('호놀룰루 1차 회의 몇일동안 했어?');
    expect(a.text).toMatch(/2024년 4월 23일~25일/);
    expect(a.text).toMatch(/제10차 SMA 협상, 2018년 3월 7일~9일/);
  });
});

describe('an agreement named by the year of a milestone', () => {
  it('"작년에 타결된 협정" is the one concluded last year, not the one in force', () => {
    const a = responder.ask('작년에 타결된 방위비 협정 유효기간 몇 년?', { now: new Date('2025-03-01T12:00:00Z') });
    expect(a.text).toMatch(/제12차 SMA/);
    expect(a.text).toMatch(/5년/);
    expect(responder.ask('the agreement signed last year, how long does it run?', { now: new Date('2025-03-01T12:00:00Z') }).text).toMatch(/12th SMA/);
  });

  it('"2021년 협정은 언제 서명됐어" asks when: the agreement covering 2021', () => {
    expect(ask('2021년 협정은 언제 서명됐어?').text).toMatch(/제11차 SMA는 2021년 4월 8일/);
  });
});

describe('who, fused and with its particles', () => {
  it.each(['드하트 후임자 누군데 전에 어디있었음?', '드하트 후임은 누군지 알려줘'])('%s asks who', (q) => {
    expect(analyser.analyse(q, now).unknown).toEqual([]);
    expect(factOf(q)).toBe('welton-replaces-dehart');
  });

  it('a stand-in president is a word of the record (한덕수 대행, 권한대행)', () => {
    expect(factOf('트럼프가 한덕수 대행이랑 첫 통화때 방위비를 뭐랑 묶자고 했어?')).toBe('one-stop-shopping');
    expect(unknownOf('한덕수 권한대행 통화')).toEqual([]);
  });
});
