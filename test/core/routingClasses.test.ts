/**
 * Classes of question the router understands on the real record, each by what a reader would
 * notice: a news organisation named however it is written, a date that decides between two
 * otherwise similar facts, and a place that several negotiations met at.
 */
import { describe, expect, it } from 'vitest';
import { koreanAmounts } from '../../src/core/understand/korean.js';
import { recordResponder } from '../support/record.js';

const responder = recordResponder(new Date('2026-01-31T12:00:00Z'));
const factOf = (q: string) => {
  const a = responder.ask(q);
  return a.kind === 'answer' && a.matched ? a.factIds[0] : a.kind;
};

describe('a publisher named in the question', () => {
  it.each([
    // Its abbreviation, its full name and its Korean name are one word; the month picks the report.
    ['what did the WSJ report in July 2020 about USFK troops', 'troop-cut-options-2020'],
    ['what did the wall street journal report in may 2025 about us troops in korea', 'wsj-troop-cut-2025'],
    // The New York Times is named in the question and cited by the fact, not in its phrasings' words.
    ['NYT wrote that the 10th SMA was signed on feb 10 2019, is that right?', 'sma10-initialing-vs-signing'],
  ])('%s → %s', (q, id) => {
    expect(factOf(q)).toBe(id);
  });

  it('is a word the record knows, so it is not read as an unknown subject', () => {
    expect(responder.normaliser.contentOf('the New York Times and the NYT')).toEqual(['nyt', 'nyt']);
    expect(responder.normaliser.contentOf('월스트리트저널')).toEqual(['wsj']);
  });
});

describe('a figure the question quotes', () => {
  it('is checked against the year it names: the row that states it more precisely answers', () => {
    for (const q of ['YTN said 1.51 trillion won for 2026. correct?', 'is it true korea pays 1.5 trillion won in 2026?', '2026년 분담금 1조 5천억 원 맞아?']) {
      const a = responder.ask(q);
      expect(a, q).toMatchObject({ kind: 'answer', matched: true, intent: 'contribution' });
      expect(a.text, q).toMatch(/1\.5192 trillion won|1조 5,?192억 원/);
    }
  });

  it('a figure no answer states is never given as if it were confirmed', () => {
    const a = responder.ask('is it true that korea pays 3.7 trillion won a year?');
    expect(a.kind === 'answer' && a.matched && /3\.7/.test(a.text)).toBe(false);
  });
});

describe('the kind of answer asked for', () => {
  it('"how many X" is answered only by a reply that counts X', () => {
    // The ratification row matches the words, but it holds no count of lawmakers.
    const votes = responder.ask('how many lawmakers voted for the 11th SMA in the plenary session');
    expect(votes.matched).toBe(false);
    const rounds = responder.ask('how many rounds did the 12th sma take');
    expect(rounds).toMatchObject({ kind: 'answer', matched: true });
    expect(rounds.text).toMatch(/\b8 rounds\b/);
    // "$850 million" counts dollars.
    expect(responder.ask('yonhap converted the 2018 contribution to roughly how many dollars?').text).toMatch(/\$8\d\d/);
  });
});

describe('what is asked about a person', () => {
  it('a name alone does not answer: age and schooling are not in the profiles', () => {
    for (const q of ['how old is lee tae-woo', 'where did james dehart go to university', '이태우 대표 나이 몇 살이에요?']) expect(responder.ask(q).matched, q).toBe(false);
    expect(factOf('who is lee tae-woo')).toBe('lee-tae-woo-profile');
  });
});

describe('numbers written as words or with a magnitude', () => {
  it('"the fifth SMA" names the 5th, even though no fact says "5th"', () => {
    const a = responder.ask('when was the fifth SMA signed');
    expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'agreement' });
    expect(a.text).toMatch(/5th SMA.*April 4, 2002/);
  });

  it('"$33bn" is 33 billion, a figure a fact must state', () => {
    expect(responder.normaliser.contentOf('the $33bn package, 1.5tn won')).toEqual(['33', 'billion', 'packag', '1.5', 'trillion', 'won']);
    expect(responder.ask("what's the itemized breakdown of the $33bn").matched).toBe(false);
  });
});

describe('a negotiation under way on the clock', () => {
  const at = (q: string, day: string) => responder.ask(q, { now: new Date(`${day}T12:00:00Z`) });
  it('"did they reach a deal yet?" asks about the talks of that day, and "not yet" is an answer', () => {
    const a = at('did they reach a deal yet?', '2018-12-20');
    expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'agreement' });
    expect(a.text).toMatch(/As of December 20, 2018, the 10th SMA had not yet been agreed/);
  });

  it('"the final round of the 10th talks" is that negotiation\'s last round, not the latest of all', () => {
    const a = responder.ask('final round of the 10th SMA negotiations dates');
    expect(a).toMatchObject({ kind: 'answer', matched: true });
    expect(a.text).toMatch(/last round of the 10th SMA talks.*December 11–13, 2018/);
  });
});

describe('a round the sources give no end for', () => {
  it('"when did it end?" says the record lacks the end date, as a reply that is not an answer', () => {
    const a = responder.ask('on what date did the los angeles round of the 11th sma talks end');
    expect(a).toMatchObject({ intent: 'round', matched: false });
    expect(a.text).toMatch(/no end date for round 7 of the 11th SMA talks: it began on March 17, 2020/);
    // A round with an end date answers as before.
    expect(responder.ask('when did round 1 of the 12th sma end')).toMatchObject({ kind: 'answer', matched: true });
  });
});

describe('a milestone date quoted in the question', () => {
  it('a day off by a little is checked by the table: the reply gives the real date', () => {
    const a = responder.ask('12th sma ratified on nov 29 2024?');
    expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'agreement' });
    expect(a.text).toMatch(/ratified on November 28, 2024/);
  });

  it('a day that is another milestone is the fact that explains the mix-up', () => {
    expect(factOf('Was the 10th SMA signed on February 10, 2019?')).toBe('sma10-initialing-vs-signing');
  });

  it('"when was it concluded" without a date for the agreement itself gives its initialing or signing', () => {
    expect(responder.ask('when was the 10th sma agreed').text).toMatch(/10th SMA was initialed on February 10, 2019/);
  });
});

describe('places and claims as people write them', () => {
  it('"LA" is the Los Angeles round, which names the round instead of "start" meaning the first', () => {
    const a = responder.ask('11차 협상 LA 회의 언제 시작했지');
    expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'round' });
    expect(a.text).toMatch(/2020년 3월 17일/);
  });

  it('a Korean claim with a counted figure ("4만명이라던데 사실임?") is the fact that checks it', () => {
    expect(factOf('트럼프가 주한미군 4만명이라던데 사실임?')).toBe('trump-troop-claims');
  });
});

describe("an agreement's increase", () => {
  it('is its first rise and then its rule (a frozen first year: the next one too)', () => {
    expect(responder.ask('7th SMA increase percentage').text).toMatch(/^2007: 725\.5 billion won \(\+6\.6% on the year before\)\. The 2008 amount was linked/);
    expect(responder.ask('how did payments rise under the 11th sma').text).toMatch(/2021: 1\.1833 trillion won.*\+13\.9%/);
  });
});

describe('"what else", "other"', () => {
  it("asks beyond what was named: the 12th SMA's other changes are the pension and offshore assets", () => {
    expect(responder.ask('12th sma other changes reported by YTN').text).toMatch(/pension.*offshore/);
  });
});

describe('Korean amounts', () => {
  it.each([
    ['1조 5,192억 원', '1.5192 trillion'],
    ['1조5192억원', '1.5192 trillion'],
    ['9,602억 원', '960.2 billion'],
    ['1조 5천억', '1.5 trillion'],
    ['2만 8,500명', '28500'],
  ])('%s reads as %s, the form English questions and answers use', (ko, en) => {
    expect(koreanAmounts(ko).replace(/\s+/g, ' ')).toContain(en);
  });

  it('leaves words that only contain a unit syllable alone', () => {
    expect(koreanAmounts('2025년 만료, 3년 만에')).toBe('2025년 만료, 3년 만에');
  });
});

describe('a place several negotiations met at', () => {
  it('asks which round, offering the rounds as buttons that answer', () => {
    const a = responder.ask('where was the honolulu round held?');
    expect(a).toMatchObject({ kind: 'clarify', matched: false, intent: 'round' });
    expect(a.text).toMatch(/rounds held in Honolulu.*March 7–9, 2018.*April 23–25, 2024.*Which one/);
    expect(a.suggestions.length).toBeGreaterThan(1);
    const first = a.suggestions[0]!;
    expect(first.request).toMatchObject({ intent: 'round', agreement: 12, round: 1 });
    const picked = responder.ask(first.request!);
    expect(picked).toMatchObject({ kind: 'answer', matched: true });
    expect(picked.text).toMatch(/April 23–25, 2024/);
  });

  it('answers when the year says which negotiation', () => {
    const a = responder.ask('where was the 2024 honolulu round');
    expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'round' });
    expect(a.text).toMatch(/12th SMA talks.*April 23–25, 2024/);
  });

  it('asks in Korean too', () => {
    const a = responder.ask('호놀룰루 회의 어디서 열렸어?');
    expect(a).toMatchObject({ kind: 'clarify', matched: false, language: 'ko' });
    expect(a.text).toMatch(/호놀룰루.*어느 회의/);
  });
});

describe("a person's background, career or title", () => {
  it.each([
    ['james dehart previous post', 'james-dehart-profile'],
    ['donna welton bckground', 'welton-replaces-dehart'],
    ["what's chang won-sam's bio", 'chang-won-sam-profile'],
    ['lee tae-woo career', 'lee-tae-woo-profile'],
    ['정은보는 원래 뭐 하던 사람?', 'jeong-eun-bo-profile'],
    ['린다 스펙트 약력', 'linda-specht-profile'],
  ])('is their profile: %s → %s', (q, id) => {
    expect(factOf(q)).toBe(id);
  });

  it('is not what they did afterwards, which the record does not say', () => {
    expect(factOf('where did chang won-sam get posted after the SMA job')).not.toBe('chang-won-sam-profile');
  });
});

describe('"this week"', () => {
  // Round 2 of the 10th SMA talks met on April 11–12, 2018 (a Wednesday and a Thursday).
  const at = (day: string) => new Date(`${day}T12:00:00Z`);
  it.each(['2018-04-09', '2018-04-13', '2018-04-15'])('is the clock’s own Monday-to-Sunday week (asked on %s)', (day) => {
    const a = responder.ask('where did the negotiators meet this week', { now: at(day) });
    expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'round' });
    expect(a.text).toMatch(/Round 2 of the 10th SMA talks: April 11–12, 2018, Jeju/);
  });

  it('is not the week before: the Friday before the round has no round that week', () => {
    expect(responder.ask('where did the negotiators meet this week', { now: at('2018-04-06') }).text).not.toMatch(/Jeju/);
  });

  it('reads the same in Korean (이번 주)', () => {
    expect(responder.ask('이번 주 협상 어디서 해?', { now: at('2018-04-13') }).text).toMatch(/제주/);
  });
});

describe('one English word the record never uses', () => {
  it.each([
    ['when did usfk send the 60-day furlough notice', 'furlough-notices'],
    ["when did trump pitch 'one-stop shopping' and to whom", 'one-stop-shopping'],
    ["why was jeong eun-bo's appointment peculiar", 'jeong-eun-bo-profile'],
  ])('is a paraphrase when the fact accounts for the rest: %s → %s', (q, id) => {
    expect(factOf(q)).toBe(id);
  });

  it('is never the word asked for ("what format"): that is the subject', () => {
    expect(factOf('first sma meeting after biden took office — what format')).not.toBe('sma11-biden-deal');
  });

  it.each(["What's the weather like in Honolulu?", 'what is the population of honolulu', 'where did linda specht go to college'])(
    'is the subject when little else is asked: %s',
    (q) => {
      expect(responder.ask(q).matched).toBe(false);
    },
  );
});

describe('"how long"', () => {
  it('needs a span in the reply: a date it happened on does not say how long it lasted', () => {
    expect(responder.ask('how long did hwang joon-kook serve as ambassador to the UK').matched).toBe(false);
    expect(responder.ask('how long did the first honolulu round last').text).toMatch(/March 7–9, 2018/);
  });
});

describe('abbreviations people type', () => {
  it('are the words the record spells out', () => {
    expect(responder.normaliser.contentOf('amb. harris, gen. abrams, the state dept, the korean govt, the trump admin, natl assembly')).toEqual(
      responder.normaliser.contentOf('ambassador harris, general abrams, the state department, the korean government, the trump administration, national assembly'),
    );
  });

  it('do not stop a question from being answered', () => {
    expect(responder.ask('what did amb harry harris seek when he visited the blue house in dec 2018').text).toMatch(/\$1\.2 billion/);
  });
});

describe('a person the question names', () => {
  it('is not spoken for by a table row whose reply does not name them', () => {
    const a = responder.ask('what did biden say when the 11th sma deal was reached');
    expect(a.intent).not.toBe('agreement');
    expect(a.text).not.toMatch(/^The 11th SMA was agreed on March 7, 2021/);
  });

  it('leaves the row to questions that name no one', () => {
    expect(responder.ask('when was the 11th sma deal reached')).toMatchObject({ kind: 'answer', intent: 'agreement' });
  });
});

describe('venue names', () => {
  it('do not make a place of a word they share with the subject ("defense cost talks" is not a venue)', () => {
    const a = responder.ask('dates of the jeju round of the defense cost talks');
    expect(a).toMatchObject({ kind: 'answer', intent: 'round' });
    expect(a.text).toMatch(/^Round 2 of the 10th SMA talks: April 11–12, 2018, Jeju Island/);
  });

  it('name their place when said whole, and every place when two venues share the name', () => {
    expect(responder.ask('round at the institute for defense analyses').text).toMatch(/held in Seoul:/);
    expect(responder.ask('which round was held at the national defense university').text).toMatch(/held in Washington and Seoul:/);
  });
});

describe('"how many X did Y"', () => {
  it('is answered by a count of what was done ("how many lawmakers voted": 139 votes)', () => {
    const a = responder.ask('how many lawmakers voted for the 10th SMA');
    expect(a).toMatchObject({ kind: 'answer', matched: true });
    expect(a.text).toMatch(/139 votes/);
  });

  it('still needs a count in the reply: a date alone does not answer it', () => {
    expect(responder.ask('how many lawmakers attended the 10th SMA signing').text).not.toMatch(/^The 10th SMA was signed/);
  });
});

describe('"what did X say"', () => {
  it('is answered only by a fact that reports a statement', () => {
    expect(responder.ask('what did north korea say about the 12th sma').matched).toBe(false);
    expect(factOf('what did trump say about thaad')).toBe('thaad-trump-billion');
    expect(factOf('트럼프가 사드 비용에 대해 뭐라고 했어?')).toBe('thaad-trump-billion');
  });

  it('leaves a reported claim to be checked ("Bloomberg says…, true?")', () => {
    expect(factOf('bloomberg says the 10th deal was ~18% higher. true?')).toBe('sma10-increase');
  });
});

describe('everyday paraphrases of the words the record uses', () => {
  it("fold into the record's own word, whatever the inflection", () => {
    const content = (text: string) => responder.normaliser.contentOf(text);
    expect(content('killed scrapped vetoed turned down refused')).toEqual(Array(5).fill('reject'));
    expect(content('road ahead, prospects')).toEqual(['outlook', 'outlook']);
    expect(content('calendar timetable')).toEqual(['schedule', 'schedule']);
    expect(content('mismatch discrepancy different')).toEqual(['differ', 'differ', 'differ']);
    expect(content('goal target')).toEqual(['aim', 'aim']);
    expect(content('tied pegged')).toEqual(['link', 'link']);
    expect(content('a counter-offer, a counteroffer')).toEqual(['offer', 'offer']);
    // "sources" used to stem apart from "source".
    expect(content('sources')).toEqual(content('source'));
  });

  it.each([
    ['did trump kill the tentative deal in 2020', 'trump-rejected-13-percent'],
    ['did trump veto the 2020 deal with seoul', 'trump-rejected-13-percent'],
    ['trump nixed the tentative 2020 agreement?', 'trump-rejected-13-percent'],
    ['road ahead for the 2018 sma talks', 'talks-2018-difficult'],
    ['prospects for the 10th sma talks', 'talks-2018-difficult'],
    ["was korea's budget calendar considered in the talks", 'talks-2018-budget-schedule'],
    ["seoul's counteroffer in the 10th sma end game", 'endgame-2018'],
    ['discrepancy in the dates of the honolulu round', 'honolulu-time-difference'],
    ["what was notable about jeong eun-bo's appointment", 'jeong-eun-bo-profile'],
  ])("answer as the record's words do: %s → %s", (q, id) => {
    expect(factOf(q)).toBe(id);
  });

  it("reach the table rows too: an agreement's goal is its terms, abstentions are the ratification vote", () => {
    expect(responder.ask('what were the 10th sma increases tied to').text).toMatch(/8\.2% rise matched the growth of Korea's 2019 defense budget/);
    expect(responder.ask('what was the target of the 2nd sma').text).toMatch(/one third of USFK/);
    expect(responder.ask('10th sma abstentions').text).toMatch(/139 votes to 33 with 22 abstentions/);
  });

  it.each([
    'how many us soldiers were killed in the korean war',
    'what weapons does north korea have',
    "what is the forecast for korea's gdp growth",
    'who abstained in the UN vote on north korea',
    'how many legislators backed the 12th sma',
  ])('do not make a subject the record lacks answerable: %s', (q) => {
    expect(responder.ask(q).matched).toBe(false);
  });
});

describe('"which officials…"', () => {
  it('asks for people, as "who" does: a reply that names no one does not answer it', () => {
    const a = responder.ask('which korean officials explained the 33bn');
    expect(a.text).not.toMatch(/^The Korea–US joint fact sheet, released on November 13, 2025/);
    expect(a.text).toMatch(/Park Yoon-joo/);
  });
});

describe('"after YEAR"', () => {
  it('is the years after it: a fact whose dates all fall earlier does not answer', () => {
    expect(responder.ask('what did donna welton do after 2021').matched).toBe(false);
  });

  it('is met by a fact dated after it', () => {
    const a = responder.ask('what did trump demand after 2024');
    expect(a.matched, a.text).toBe(true);
    expect(a.text).toMatch(/2025/);
  });
});

describe('"the next…"', () => {
  it('is not answered by a fact about one that already happened', () => {
    const a = responder.ask('when is the next lee trump summit');
    expect(a.matched).toBe(false);
  });

  it('still finds the next round from the table', () => {
    expect(responder.ask('when is the next round', { now: new Date('2018-03-12T12:00:00Z') })).toMatchObject({ matched: true, intent: 'next-round' });
  });
});

describe('a statistic asked for ("the average salary")', () => {
  it('is answered only by a fact that states one', () => {
    expect(responder.ask('average salary of a korean usfk employee').matched).toBe(false);
    expect(responder.ask('주한미군 한국인 근로자 평균 월급 얼마예요').matched).toBe(false);
    expect(factOf('what was the average increase over five years')).toBe('sma12-why-8-3');
  });
});

describe('"double"', () => {
  it('is one word however put, and the round where a 100% rise was reported answers it', () => {
    expect(responder.normaliser.contentOf('doubled twofold 2배')).toEqual(['double', 'double', 'double']);
    expect(responder.ask("did the US ask to double korea's payment at the jeju round?").text).toMatch(/Round 2 of the 10th SMA talks/);
  });
});

describe('a figure asked as it is now', () => {
  it("is not a fact's figure of its own day", () => {
    expect(responder.ask('지금 원달러 환율 얼마?').matched).toBe(false);
    expect(responder.ask('what is the won dollar exchange rate right now, how much').matched).toBe(false);
  });

  it('leaves the tables to answer "this year" by the clock', () => {
    expect(responder.ask('how much does korea pay right now', { now: new Date('2026-06-01T12:00:00Z') }).text).toMatch(/1\.5192 trillion won/);
  });
});

describe('an agreement the question names', () => {
  it('is answered by its own row when the best-scoring fact is about another agreement', () => {
    const a = responder.ask('what were the 10th sma increases tied to');
    expect(a).toMatchObject({ kind: 'answer', intent: 'agreement' });
    expect(a.text).toMatch(/^2019: 1\.0389 trillion won/);
  });
});
