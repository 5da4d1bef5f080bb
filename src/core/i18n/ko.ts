/**
 * The Korean catalogue: the same sentences as en.ts, written the way a Korean reporter writes
 * them (기사체 "~다" for answers, 합니다체 for the bot speaking to the user), with dates and
 * amounts in Korean press style (format.ts) and particles fitted to the word before them (josa.ts).
 */
import type { IntentName } from '../../knowledge/schema.js';
import { formatAmount, formatDate, formatPercent, formatRange, listing } from '../format.js';
import type { Catalogue } from './en.js';
import { josa } from './josa.js';
import { sentence } from './prose.js';
import type { Amount, MilestoneInfo, MilestoneKey, NegotiatorInfo, RoundInfo, Side, YearInfo } from './types.js';

const date = (d: string) => formatDate(d, 'ko');
const range = (start: string, end?: string) => formatRange(start, end, 'ko');
const amountText = (a: Amount) => formatAmount(a.amount, a.unit, 'ko');
const list = (items: string[]) => listing(items, 'ko');

const SUBJECT = '한미 방위비 분담 협상';
const SIDE_NAMES: Record<Side, string> = { korea: '한국 측', us: '미국 측' };
/** "X가 서명했다": a milestone with the people or body that acted. */
const DONE_BY: Record<MilestoneKey, (by: string) => string> = {
  agreed: (by) => `${josa(by, '이/가')} 합의했다`,
  initialed: (by) => `${josa(by, '이/가')} 가서명했다`,
  cabinet: () => '국무회의에서 의결됐다',
  signed: (by) => `${josa(by, '이/가')} 서명했다`,
  ratified: (by) => `${by}의 비준 동의를 받았다`,
  inForce: () => '발효됐다',
};
const DONE: Record<MilestoneKey, string> = {
  agreed: '타결됐다',
  initialed: '가서명됐다',
  cabinet: '국무회의에서 의결됐다',
  signed: '서명됐다',
  ratified: '비준 동의를 받았다',
  inForce: '발효됐다',
};
const NOT_YET: Record<MilestoneKey, string> = {
  agreed: '타결되지 않았다',
  initialed: '가서명되지 않았다',
  cabinet: '국무회의 의결을 거치지 않았다',
  signed: '서명되지 않았다',
  ratified: '비준 동의를 받지 않았다',
  inForce: '발효되지 않았다',
};
const NOUNS: Record<MilestoneKey, string> = { agreed: '타결', initialed: '가서명', cabinet: '국무회의 의결', signed: '서명', ratified: '비준 동의', inForce: '발효' };
const DAY_WORDS = ['하루', '이틀', '사흘', '나흘', '닷새', '엿새', '이레'];
const dayCount = (days: number) => DAY_WORDS[days - 1] ?? `${days}일`;

const QUESTIONS: Record<IntentName, string> = {
  help: '무엇을 물어볼 수 있나요?',
  sources: '이 답변의 출처는 무엇인가요?',
  round: '1차 회의는 어디서 열렸나요?',
  rounds: '지금까지 회의는 몇 차례 열렸나요?',
  'next-round': '다음 회의는 언제인가요?',
  'latest-round': '가장 최근 회의에서는 무슨 일이 있었나요?',
  negotiators: '협상 대표는 누구인가요?',
  contribution: '올해 한국의 방위비 분담금은 얼마인가요?',
  agreement: '현재 협정의 내용은 무엇인가요?',
  summary: '협상은 지금 어떤 상황인가요?',
};

/** "하와이 호놀룰루", "서울 서초구 국립외교원": a venue that already names its city stands alone. */
function placeText(r: { place: string; venue?: string }): string {
  if (!r.venue) return r.place;
  return r.venue.includes(r.place) ? r.venue : `${r.place} ${r.venue}`;
}

/** "서울에서", or "화상회의로" for a round held by video. */
function where(r: RoundInfo): string {
  const place = placeText(r);
  return r.remote ? josa(place, '으로/로') : `${place}에서`;
}

function dates(r: RoundInfo): string {
  return r.when ? `${r.when}(${range(r.start, r.end)})` : range(r.start, r.end);
}

function whenWhere(r: RoundInfo): string {
  return `${dates(r)}, ${placeText(r)}`;
}

const HELD: Record<RoundInfo['state'], string> = {
  future: '열릴 예정이다',
  underway: '열리고 있다',
  held: '열렸다',
  scheduled: '열릴 예정이다',
  postponed: '열릴 예정이었으나 연기됐다',
  cancelled: '열릴 예정이었으나 취소됐다',
};

/** "제10차 SMA 협상 1차 회의는 2018년 3월 7일~9일 하와이 호놀룰루에서 열렸다." and what is known of it. */
function describeRound(r: RoundInfo, days?: number): string {
  const verb = days !== undefined && r.state === 'held' ? `${dayCount(days)} 일정으로 열렸다` : HELD[r.state];
  const head = `${josa(r.name, '은/는')} ${dates(r)} ${where(r)} ${verb}.`;
  if (r.state === 'future') return `${head} 아직 결과는 알려지지 않았다.`;
  if (r.state === 'underway') return head;
  const parts = [head];
  if (r.state === 'scheduled') parts.push('결과는 아직 기록되지 않았다.');
  if (r.summary) parts.push(sentence(r.summary));
  if (r.dateNote) parts.push(sentence(r.dateNote));
  for (const v of r.variants) parts.push(`출처에 따라 날짜가 다르다: ${range(v.start, v.end)}(${v.note.replace(/\.$/, '')}).`);
  return parts.join(' ');
}

/** "장원삼 외교부 한미 방위비분담협상 대표(2019년 9월 26일까지)": name, then title, as the press writes them. */
function negotiator(n: NegotiatorInfo): string {
  const span = n.from && n.to ? `(${range(n.from, n.to)})` : n.from ? `(${date(n.from)}부터)` : n.to ? `(${date(n.to)}까지)` : '';
  return `${n.name} ${n.title}${span}`;
}

function change(p: number): string {
  return p > 0 ? `${formatPercent(p, false)} 인상` : p < 0 ? `${formatPercent(p, false)} 인하` : '동결';
}

/** "전년보다 8.3% 늘었다". */
function changeVerb(p: number): string {
  return p > 0 ? `전년보다 ${formatPercent(p, false)} 늘었다` : p < 0 ? `전년보다 ${formatPercent(p, false)} 줄었다` : '전년과 같은 수준이다';
}

/** "전년보다 8.3% 늘어난 금액이다": a change for a year still ahead. */
function changedAmount(p: number): string {
  return p > 0 ? `전년보다 ${formatPercent(p, false)} 늘어난 금액이다` : p < 0 ? `전년보다 ${formatPercent(p, false)} 줄어든 금액이다` : '전년과 같은 금액이다';
}

function latestOf(label: string, last: RoundInfo | undefined): string {
  return last ? ` ${label} ${josa(`${last.round}차 회의(${range(last.start, last.end)}, ${placeText(last)})`, '이었다/였다')}.` : '';
}

const agreementWithPeriod = (agreement: string, period: string) => `${agreement}(${period})`;

export const ko: Catalogue = {
  lang: 'ko',
  format: { date, range, amount: amountText },
  questions: QUESTIONS,

  names: {
    agreement: (n) => `제${n}차 SMA`,
    period: (from, to) => (from === to ? `${from}년` : `${from}~${to}년`),
    // The record's labels explain in English why a number is unofficial; a Korean reader is told that it is.
    round: (round, label, agreement) => `${agreement ? `${agreement} 협상 ` : ''}${round}차 회의${label ? '(비공식 차수)' : ''}`,
  },

  round: {
    whenWhere,
    describe: (r) => describeRound(r),
    negotiator,
    title: (round, agreement) => (agreement ? `${agreement} 협상 ${round}차 회의` : `${round}차 회의`),
    none: (agreement, count, round) =>
      count ? `기록에 있는 ${agreement} 협상 회의는 ${count}차례뿐이어서 ${round}차 회의는 없다.` : `기록에는 ${agreement} 협상 회의가 없어 ${round}차 회의도 없다.`,
    noEnd: (r) => `기록에는 ${r.name}의 종료일이 없다. ${date(r.start)} ${r.place}에서 시작됐다. ${describeRound(r)}`,
    lasted: (r, days) => describeRound(r, days),
    others: (round, others) =>
      ` 다른 협상의 ${round}차 회의: ${others.map((o) => `${o.agreement} 협상, ${whenWhere(o.round)}${o.days !== undefined ? `(${dayCount(o.days)} 일정)` : ''}`).join('; ')}.`,
    whereWas: (round, agreement) => `${agreement ? `${agreement} 협상 ` : ''}${round}차 회의는 어디서 열렸나요?`,
    severalAt: (place, rounds) =>
      `기록에는 ${place}에서 열린 회의가 ${rounds.length}차례 있습니다: ${rounds.map((r) => `${r.name}, ${range(r.start, r.end)}`).join('; ')}. 어느 회의를 말씀하시나요?`,
    option: (r) => `${r.name}(${range(r.start, r.end)})`,
    during: (from, to, rounds) =>
      `${from === to ? date(from) : `${date(from)}부터 ${date(to)}까지`} 기록된 회의는 ${rounds.length}차례다. ${rounds.map((r) => `${r.name}: ${whenWhere(r)}`).join('; ')}.`,
  },

  rounds: {
    missingTitle: '협상 회의',
    title: (agreement) => `${agreement} 협상 회의`,
    item: (r) => `${r.round}차${r.label ? '(비공식 차수)' : ''}: ${range(r.start, r.end)}, ${placeText(r)}`,
    none: (agreement) => `기록에는 ${agreement} 협상의 개별 회의가 나와 있지 않다.`,
    notYet: (agreement, day) => `${date(day)}까지 ${agreement} 협상 회의는 한 차례도 열리지 않았다.`,
    all: (agreement, count, items) => `기록상 ${agreement} 협상 회의는 모두 ${count}차례 열렸다. ${items.join('; ')}.`,
    soFar: (agreement, day, count, items) => `${date(day)} 현재 ${agreement} 협상 회의는 지금까지 ${count}차례 열렸다. ${items.join('; ')}.`,
    unofficial: (rounds) => ` ${josa(list(rounds.map((r) => `${r.round}차`)), '은/는')} 공식 차수가 아니다.`,
  },

  latestRound: {
    text: (day, r) => `${date(day)} 현재 가장 최근 회의는 ${josa(r.name, '이다/다')}. ${describeRound({ ...r, name: '이 회의' })}`,
    none: (day) => `기록상 ${date(day)}까지 열린 회의는 없다.`,
    lastOf: (agreement, r) => `기록상 ${agreement} 협상의 마지막 회의는 ${josa(r.name, '이다/다')}. ${describeRound({ ...r, name: '이 회의' })}`,
    noneOf: (agreement, day) => `기록상 ${date(day)}까지 열린 ${agreement} 협상 회의는 없다.`,
  },

  nextRound: {
    underway: (day, r) => `${date(day)} 현재 ${josa(r.name, '이/가')} 진행 중이다. ${describeRound({ ...r, name: '이 회의' })}`,
    next: (day, r) => `${date(day)} 이후 다음 회의는 ${josa(r.name, '이다/다')}. ${describeRound({ ...r, name: '이 회의' })}`,
    talksUnderway: (agreement) => ` ${agreement} 협상은 진행 중이다.`,
    noneYet: (day, under) => `${date(day)} 현재 기록상 다음 SMA 협상 회의 일정은 발표되지 않았다.${under}`,
    none: (recordDate, under) => `기록상 새 SMA 협상 회의 일정은 잡혀 있지 않다${recordDate ? `(기록의 가장 최근 출처: ${date(recordDate)})` : ''}.${under}`,
    last: (r) => `마지막 회의는 ${josa(r.name, '으로/로')}, ${dates(r)} ${where(r)} 열렸다.`,
    current: (agreement, period, inForce) =>
      `${josa(agreementWithPeriod(agreement, period), inForce ? '이/가' : '은/는')} ${inForce ? '발효 중이다' : '체결돼 발효를 앞두고 있다'}.`,
  },

  agreement: {
    missingTitle: 'SMA',
    title: agreementWithPeriod,
    whatWas: (agreement) => `${josa(agreement, '은/는')} 어떤 협정이었나요?`,
    inForce: (day, agreement, period, since) =>
      `${date(day)} 현재 ${josa(agreementWithPeriod(agreement, period), '이/가')} 발효 중이다.${since ? ` 이 협정은 ${date(since)} 발효됐다.` : ''}`,
    awaiting: (day, agreement, period) => `${date(day)} 현재 ${josa(agreementWithPeriod(agreement, period), '은/는')} 체결됐지만 아직 발효되지 않았다.`,
    noneInForce: (day, lapsed) =>
      `${date(day)} 현재 발효 중인 SMA는 없다.${lapsed ? ` ${josa(agreementWithPeriod(lapsed.agreement, lapsed.period), '이/가')} ${lapsed.to}년 말 만료된 뒤 후속 협정이 발효되지 않았다.` : ''}`,
    milestone: (agreement: string, key: MilestoneKey, m: MilestoneInfo) => {
      const place = m.place ? `${m.place}에서 ` : '';
      const done = m.by?.length ? DONE_BY[key](list(m.by)) : DONE[key];
      // A date known only to the month ("1991-01") is never written as a day.
      const day = m.date.length === 7 ? ' 정확한 날짜는 출처에 없다.' : '';
      return `${josa(agreement, '은/는')} ${date(m.date)} ${place}${done}.${day}${m.note ? ` ${sentence(m.note)}` : ''}`;
    },
    milestoneUnsure: (day, agreement, key) => `${date(day)} 현재 ${agreement}의 ${NOUNS[key]} 여부는 기록으로 알 수 없다. 출처에는 날짜 없이 달만 나온다.`,
    milestoneNotYet: (day, agreement, key) => `${date(day)} 현재 ${josa(agreement, '은/는')} 아직 ${NOT_YET[key]}.`,
    milestoneUnknown: (agreement, key) => `${agreement}의 ${NOUNS[key]} 날짜는 기록에 없다.`,
    notConcluded: (day, agreement) => `${date(day)} 현재 ${josa(agreement, '은/는')} 아직 체결되지 않았다.`,
    expiry: (agreement, period, to, expired) => `${agreement}의 유효기간은 ${josa(period, '으로/로')}, ${date(`${to}-12-31`)} ${expired ? '만료됐다' : '만료된다'}.`,
    duration: (agreement, period, years) => (years === 1 ? `${agreement}의 유효기간은 ${period} 한 해다.` : `${agreement}의 유효기간은 ${period}의 ${years}년이다.`),
    yearRow: (year, a, p) => `${year}년: ${amountText(a)}${p !== undefined ? `(전년 대비 ${change(p)})` : ''}.`,
    yearly: (rows) => `연도별 분담금(보도 기준): ${rows.map((r) => `${r.year}년 ${amountText(r)}`).join(', ')}.`,
    noIncrease: (agreement) => `${agreement}에서 연도별 금액이 어떻게 바뀌었는지는 기록에 없다.`,
    noCurrency: (agreement) => `${agreement} 분담금을 어느 통화로 냈는지는 기록에 없다.`,
    talks: (from, to, rounds) => (rounds ? `협상은 ${range(from, to)} 진행됐으며, 기록상 회의는 ${rounds}차례 열렸다.` : `협상은 ${range(from, to)} 진행됐다.`),
    noTalks: (agreement, before) => `${before ? `${date(before)} 이전의 ` : ''}${agreement} 협상 날짜는 기록에 없다.`,
    missing: (n, first, last) => `기록에 제${n}차 SMA는 없다. 기록은 제${first}차부터 제${last}차까지의 협정을 다룬다.`,
  },

  contribution: {
    title: (years) => `${years.join('·')}년 한국의 방위비 분담금`,
    howMuch: (year) => `${year}년 방위비 분담금은 얼마였나요?`,
    notYetSet: (day, year) => `${date(day)} 현재 ${year}년 한국의 방위비 분담금은 아직 정해지지 않았다. ${year}년에 적용될 협정이 체결되기 전이다.`,
    year: (y: YearInfo) => {
      const amount = amountText(y);
      const subject = `${y.under ? `${y.under}에 따른 ` : ''}${y.year}년 한국의 방위비 분담금은`;
      let text: string;
      if (y.tense === 'future') text = `${subject} ${josa(amount, '으로/로')} 정해져 있다.${y.change !== undefined ? ` ${changedAmount(y.change)}.` : ''}`;
      else if (y.change !== undefined) text = `${subject} ${josa(amount, '으로/로')}, ${changeVerb(y.change)}.`;
      else text = `${subject} ${josa(amount, y.tense === 'past' ? '이었다/였다' : '이다/다')}.`;
      if (y.note) text += ` ${sentence(y.note)}`;
      for (const v of y.variants) text += ` 다른 보도: ${amountText(v)}(${v.note.replace(/\.$/, '')}).`;
      return text;
    },
    beforeFirst: (first, year) => `한국의 방위비 분담은 ${first}년에 시작됐으므로 ${year}년 분담금은 없다.`,
    noAgreement: (year, last) => `기록에 있는 협정 가운데 ${year}년에 적용되는 협정은 없다.${last ? ` 가장 최근 협정인 ${last.agreement}의 유효기간은 ${last.to}년까지다.` : ''}`,
    gap: (year, agreement, period, rule, known) =>
      `${year}년은 ${agreementWithPeriod(agreement, period)}의 적용 기간이지만, 이 해의 금액을 직접 밝힌 출처는 기록에 없다.${rule ? ` ${sentence(rule)}` : ''}${known.length ? ` 가장 가까운 연도의 보도 금액: ${known.map((c) => `${c.year}년 ${amountText(c)}`).join(', ')}.` : ''}`,
  },

  negotiators: {
    missingTitle: '협상 대표',
    title: (agreement) => `${agreement} 협상 대표`,
    none: (side, agreement) => `기록에는 ${agreement} 협상의 ${SIDE_NAMES[side]} 대표가 나와 있지 않다.`,
    named: (side, agreement, people, now) => `${agreement} 협상의 ${SIDE_NAMES[side]} 대표는 ${josa(list(people.map(negotiator)), now ? '이다/다' : '이었다/였다')}.`,
    note: (note) => sentence(note),
    ended: (month) => `이 협상은 ${date(month)} 타결됐다.`,
  },

  summary: {
    title: (day) => `${date(day)} 현재 협상 현황`,
    current: (agreement, period, state, since) => {
      const name = josa(agreementWithPeriod(agreement, period), '으로/로');
      if (state === 'awaiting') return `현재 협정은 ${name}, 체결돼 발효를 앞두고 있다.`;
      return since ? `현재 협정은 ${name}, ${date(since)} 발효됐다.` : `현재 협정은 ${name}, 발효 중이다.`;
    },
    noneInForce: (day) => `${date(day)} 현재 발효 중인 SMA는 없다.`,
    concluded: (agreement, when, rounds, last) => `${agreement} 협상은 ${rounds}차례 회의 끝에 ${date(when)} 타결됐다.${latestOf('마지막 회의는', last)}`,
    underway: (agreement, rounds, last) => `${agreement} 협상이 진행 중이며, 지금까지 ${rounds}차례 회의가 열렸다.${latestOf('가장 최근 회의는', last)}`,
    lastRound: (r) => `마지막 협상 회의는 ${range(r.start, r.end)} ${where(r)} 열렸다.`,
    next: (r) => `다음 회의: ${r.name}, ${range(r.start, r.end)}, ${placeText(r)}.`,
    noNext: (recordDate) => `기록상 새 협상 회의 일정은 잡혀 있지 않다${recordDate ? `(가장 최근 출처: ${date(recordDate)})` : ''}.`,
  },

  sources: {
    title: (of) => `출처: ${of}`,
    text: (lines) => `이 답변의 출처: ${lines.join('; ')}.`,
    line: (publisher, title, when, url) => `${publisher}, "${title}"(${date(when)})${url ? ` ${url}` : ''}`,
  },

  help: {
    text:
      '한미 방위비분담특별협정(SMA) 협상에 관한 질문에, 출처를 확인해 정리한 기록으로 답합니다. ' +
      '예: "다음 협상은 언제야?", "올해 방위비 분담금은 얼마야?", "제12차 SMA 협상 대표는 누구야?", "제10차 SMA는 언제 비준됐어?", ' +
      '"2020년 협상이 결렬됐을 때 무슨 일이 있었어?", "트럼프는 무엇을 요구했어?" 모든 답변에는 출처와 기준 날짜가 함께 나옵니다.',
    greetingTitle: '안녕하세요',
    greeting: (help) => `안녕하세요! ${help}`,
  },

  responder: {
    notAvailableTitle: '답할 수 없는 요청',
    notAvailable: '이 요청에는 기록으로 답할 수 없습니다.',
    emptyTitle: '빈 질문',
    empty: `${SUBJECT}에 관해 질문해 주세요. 예: "다음 협상은 언제야?"`,
    tooLongTitle: '너무 긴 질문',
    tooLong: (length, max) => `메시지가 ${length}자입니다. ${max}자 이내로, 한 번에 한 가지씩 질문해 주세요.`,
    noWordsTitle: '질문을 읽지 못함',
    noWords: `메시지에서 단어를 찾지 못했습니다. ${SUBJECT}에 관해 질문해 주세요.`,
    offTopicTitle: '다루지 않는 주제',
    offTopic: (subject) => `저는 한미 방위비분담특별협정(SMA) 협상만 다루기 때문에 ${subject}에 관해서는 답할 수 없습니다.`,
    unknownTitle: '답을 찾지 못함',
    nothingMore: (title) => `기록에는 "${title}"에 관해 더 나와 있는 내용이 없습니다. 다음 질문이 도움이 될 수 있습니다.`,
    clarifyTitle: '이 질문인가요?',
    clarify: (questions) => `어떤 질문인지 확실하지 않습니다. 혹시 다음 질문을 찾으시나요? ${questions.map((q) => `"${q}"`).join(', ')}`,
    unknown: (recordDate, close) =>
      `그 질문에는 답할 수 없습니다. ${SUBJECT} 기록${recordDate ? `(${date(recordDate)}까지의 출처)` : ''}에 없는 내용입니다.${close ? ' 다음 질문이 가까울 수 있습니다.' : ' 다음 질문을 해 보세요.'}`,
    untranslated: '이 항목은 아직 한국어로 정리되지 않아 영어 원문으로 답합니다.',
  },

  plain: {
    asOf: (asOf) => `${asOf}.`,
    sources: (lines) => ` 출처: ${lines.join('; ')}.`,
    related: '관련 질문',
    suggestions: '추천 질문',
  },

  view: {
    sources: () => '출처',
    cite: (publisher, title, when) => `${publisher}, "${title}"(${when})`,
    approximate: (when) => `${when}경`,
    more: (count) => `외 ${count}건`,
    asOf: (when) => `${when} 기준`,
    asOfLater: (when, day) => `${when} 기준(${day} 이후)`,
    related: '관련 질문',
    tryThese: '추천 질문',
    noAnswer: '(답변 없음)',
    share: '채널에 공유',
    sharedBy: (who) => `${who} 님이 공유함`,
    pick: '번호를 입력하면 질문합니다',
    askSources: '"이 답변의 출처는?"이라고 물어보세요',
  },

  announce: {
    roundPrefix: { scheduled: '', rescheduled: '[일정 변경] ', held: '[개최] ', postponed: '[연기] ', cancelled: '[취소] ', reminder: '[곧 시작] ' },
    round: (prefix, r) => `${prefix}${r.name}: ${whenWhere(r)}`,
    held: '회의가 열렸다. 결과는 아직 기록되지 않았다.',
    scheduledNew: '방위비 분담 협상의 새 회의 일정이 잡혔다.',
    hadBeen: (was) => `당초 ${was} 예정이었다.`,
    previously: (status, was) => `이전: ${[status, was].filter(Boolean).join(', ')}.`,
    statusWord: { scheduled: '예정', held: '개최', postponed: '연기', cancelled: '취소' },
    was: (r) => `${range(r.start, r.end)}, ${r.place}`,
    opens: (place, venue) => `회의는 ${placeText({ place, venue })}에서 열린다.`,
    milestone: {
      agreed: (name) => `${name} 타결`,
      initialed: (name) => `${name} 가서명`,
      cabinet: (name) => `${name} 국무회의 의결`,
      signed: (name) => `${name} 서명`,
      ratified: (name) => `${name} 비준 동의`,
      inForce: (name) => `${name} 발효`,
    },
    milestoneHeadline: (headline, m) => `${headline}: ${date(m.date)}${m.place ? `, ${m.place}` : ''}`,
    by: (names) => `참여: ${list(names)}.`,
    agreementName: agreementWithPeriod,
  },
};
