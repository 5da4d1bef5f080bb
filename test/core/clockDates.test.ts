/**
 * The clock never lets an answer know the future: at each of these dates, the six relative
 * questions are answered as they could have been on that day, from the real record. No outcome
 * after the day is stated; "current" means in force (or concluded and awaiting entry into force);
 * rounds of talks not yet begun, or too far off to have been announced, are not known.
 */
import { answerView } from '../../src/core/view.js';
import { describe, expect, it } from 'vitest';
import { recordResponder } from '../support/record.js';

const responder = recordResponder();
const ask = (q: string, date: string) => responder.ask(q, { now: new Date(`${date}T12:00:00Z`) });

const NEXT = 'When is the next round?';
const LATEST = 'What happened in the latest round?';
const CURRENT = 'What is the current agreement?';
const IN_FORCE = 'Is there an agreement in force?';
const NEGOTIATORS = 'Who are the negotiators?';
const PAYMENT = 'How much does Korea pay this year?';

/** [date, question, pattern the answer must match, pattern it must not match (a later event)] */
const CASES: [string, string, RegExp, RegExp?][] = [
  ['2010-06-01', NEXT, /no next round of SMA talks had been announced.*8th SMA \(2009–2013\) is in force/s, /2018|10th SMA talks/],
  ['2010-06-01', LATEST, /No round had been held by June 1, 2010/],
  ['2010-06-01', CURRENT, /8th SMA covers 2009–2013/, /9th|10th/],
  ['2010-06-01', IN_FORCE, /On June 1, 2010 the 8th SMA \(2009–2013\) is in force/],
  ['2010-06-01', NEGOTIATORS, /names no negotiator .* 8th SMA talks/, /Chang Won-sam/],
  ['2010-06-01', PAYMENT, /2010 is 790\.4 billion won under the 8th SMA/],

  ['2016-06-01', NEXT, /no next round of SMA talks had been announced.*9th SMA \(2014–2018\) is in force/s, /2018–|10th SMA talks/],
  ['2016-06-01', LATEST, /No round had been held by June 1, 2016/],
  ['2016-06-01', CURRENT, /9th SMA covers 2014–2018/, /10th/],
  ['2016-06-01', IN_FORCE, /9th SMA \(2014–2018\) is in force/],
  ['2016-06-01', NEGOTIATORS, /Hwang Joon-kook/, /Chang Won-sam/],
  ['2016-06-01', PAYMENT, /2016 is 944\.1 billion won under the 9th SMA/],

  ['2018-03-12', NEXT, /round 2 of the 10th SMA talks: April 11–12, 2018, Jeju Island\. It is scheduled; no outcome is known yet/, /In-depth talks/],
  ['2018-03-12', LATEST, /round 1 of the 10th SMA talks: March 7–9, 2018, Honolulu/],
  ['2018-03-12', CURRENT, /9th SMA covers 2014–2018/],
  ['2018-03-12', IN_FORCE, /9th SMA \(2014–2018\) is in force/],
  ['2018-03-12', NEGOTIATORS, /Chang Won-sam.*Timothy Betts/s, /Jeong Eun-bo/],
  ['2018-03-12', PAYMENT, /2018 is 960\.2 billion won under the 9th SMA/],

  ['2018-12-20', NEXT, /As of December 20, 2018, no next round .*Talks on the 10th SMA are under way.*round 10 of the 10th SMA talks/s, /11th SMA|2019/],
  ['2018-12-20', LATEST, /round 10 of the 10th SMA talks: December 11–13, 2018, Seoul/],
  ['2018-12-20', CURRENT, /9th SMA covers 2014–2018/, /initialed|February 10, 2019/],
  ['2018-12-20', IN_FORCE, /9th SMA \(2014–2018\) is in force/],
  ['2018-12-20', NEGOTIATORS, /Chang Won-sam/],
  ['2018-12-20', PAYMENT, /2018 is 960\.2 billion won/],

  ['2020-04-15', NEXT, /no next round .*Talks on the 11th SMA are under way.*round 7 of the 11th SMA talks: March 17, 2020, Los Angeles/s, /2021|Video/],
  ['2020-04-15', LATEST, /round 7 of the 11th SMA talks: March 17, 2020, Los Angeles/],
  ['2020-04-15', CURRENT, /On April 15, 2020 no SMA is in force: the 10th SMA \(2019\) expired at the end of 2019/, /11th SMA \(2020–2025\)|2021/],
  ['2020-04-15', IN_FORCE, /no SMA is in force/, /2021/],
  ['2020-04-15', NEGOTIATORS, /Jeong Eun-bo/, /2021/],
  ['2020-04-15', PAYMENT, /2020 had not yet been set/, /1\.0389|2019 level/],

  ['2021-06-01', NEXT, /no next round .*announced/s, /2024|12th/],
  ['2021-06-01', LATEST, /11th SMA talks: March 5–7, 2021, Washington/],
  ['2021-06-01', CURRENT, /11th SMA covers 2020–2025/, /September 1, 2021/],
  ['2021-06-01', IN_FORCE, /11th SMA \(2020–2025\) has been concluded but has not yet entered into force/, /September 1/],
  ['2021-06-01', NEGOTIATORS, /Jeong Eun-bo/, /Lee Tae-woo/],
  ['2021-06-01', PAYMENT, /2021 is 1\.1833 trillion won/],

  ['2024-05-01', NEXT, /round 2 of the 12th SMA talks: May 21–23, 2024, Seoul.*no outcome is known yet/s],
  ['2024-05-01', LATEST, /round 1 of the 12th SMA talks: April 23–25, 2024, Honolulu/],
  ['2024-05-01', CURRENT, /11th SMA covers 2020–2025/, /12th SMA was/],
  ['2024-05-01', IN_FORCE, /11th SMA \(2020–2025\) is in force, since September 1, 2021/],
  ['2024-05-01', NEGOTIATORS, /Lee Tae-woo.*Linda Specht/s],
  ['2024-05-01', PAYMENT, /no directly sourced figure for 2024/, /1\.5192/],
];

describe('answers at a clock date know nothing after it', () => {
  it.each(CASES)('%s: %s', (date, question, expected, later) => {
    const a = ask(question, date);
    expect(a.text).toMatch(expected);
    if (later) expect(a.text).not.toMatch(later);
  });

  it('today: the 12th SMA is current and in force, no round is scheduled, and 2026 is paid', () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(ask(CURRENT, today).text).toMatch(/12th SMA covers 2026–2030/);
    expect(ask(IN_FORCE, today).text).toMatch(/12th SMA \(2026–2030\) is in force, since November 29, 2024/);
    expect(ask(NEXT, today).text).toMatch(/No new round of SMA talks has been scheduled in the record/);
    expect(ask(LATEST, today).text).toMatch(/round 8 of the 12th SMA talks: September 25–27, 2024, Seoul/);
    expect(ask(NEGOTIATORS, today).text).toMatch(/Lee Tae-woo .*was|were/s);
    expect(ask(PAYMENT, '2026-12-01').text).toMatch(/2026 is 1\.5192 trillion won/);
  });

  it('a year without a sourced figure is said so, and is not an answer (matched: false)', () => {
    expect(ask(PAYMENT, '2024-05-01')).toMatchObject({ matched: false, kind: 'unknown' });
  });

  it('a fact whose sources are later than the clock says so', () => {
    const a = ask('Why were USFK workers furloughed?', '2018-03-12');
    expect(a.clockDay).toBe('2018-03-12');
    expect(answerView(a).asOf).toMatch(/^as of .* 20(19|20|21), after March 12, 2018$/);
  });
});
