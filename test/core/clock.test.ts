/**
 * Relative words resolve against the clock, from the real record: "next round", "this year",
 * "the negotiators", "the deal", "rounds so far" and the status summary at several dates.
 */
import { describe, expect, it } from 'vitest';
import { recordResponder } from '../support/record.js';

const responder = recordResponder();
const at = (date: string) => new Date(`${date}T12:00:00Z`);
const ask = (q: string, date: string) => responder.ask(q, { now: at(date) });

describe('"next round" at several clock dates', () => {
  it.each([
    ['2018-03-12', /round 2 of the 10th SMA talks: April 11–12, 2018, Jeju/],
    ['2018-05-01', /round 3 of the 10th SMA talks: May 14–15, 2018, Washington/],
    ['2024-06-01', /round 3 of the 12th SMA talks: June 10–12, 2024, Washington/],
  ])('on %s', (date, expected) => {
    const a = ask('When is the next round?', date);
    expect(a).toMatchObject({ kind: 'answer', matched: true, intent: 'next-round' });
    expect(a.text).toMatch(expected);
    expect(a.sources.length).toBeGreaterThan(0);
  });

  it('mentions a round under way on the day', () => {
    const a = ask('next round?', '2018-06-26');
    expect(a.text).toMatch(/^Under way on June 26, 2018: Round 4 .*Seoul/);
    expect(a.text).toMatch(/next round after June 26, 2018 is round 5 .*Seattle/);
  });

  it('says plainly when no round is scheduled, with the last round and the agreement in force', () => {
    const a = ask('When is the next round?', '2026-11-27');
    expect(a.text).toMatch(/^No new round of SMA talks has been scheduled in the record/);
    expect(a.text).toMatch(/last round was round 8 of the 12th SMA talks/);
    expect(a.text).toMatch(/12th SMA \(2026–2030\)/);
  });
});

describe('other relative words', () => {
  it('"this year" picks the clock\'s year, and a year without a figure says so', () => {
    expect(ask("What's Korea paying this year?", '2019-06-01').text).toMatch(/2019 is 1\.0389 trillion won/);
    expect(ask('How much does Korea pay this year?', '2026-03-01').text).toMatch(/2026 is 1\.5192 trillion won/);
    const gap = ask('How much does Korea pay this year?', '2024-03-01');
    expect(gap.text).toMatch(/no directly sourced figure for 2024/);
    expect(gap.text).not.toMatch(/2024 is \d/);
  });

  it('"the negotiators" are those leading on the clock\'s day', () => {
    expect(ask('Who is the Korean negotiator?', '2019-09-25').text).toMatch(/Chang Won-sam/);
    expect(ask('Who is the Korean negotiator?', '2019-11-01').text).toMatch(/Jeong Eun-bo/);
    expect(ask('Who negotiates for the US?', '2020-01-15').text).toMatch(/DeHart/);
    expect(ask('Who negotiates for the US?', '2021-03-01').text).toMatch(/Welton/);
    expect(ask('Who are the negotiators?', '2026-11-27').text).toMatch(/Lee Tae-woo.*Linda Specht/s);
  });

  it('"the deal" is the agreement covering the clock\'s year', () => {
    expect(ask('When does the deal expire?', '2018-03-12').text).toMatch(/9th SMA covers 2014–2018.*end of 2018/);
    expect(ask('When does the current agreement expire?', '2026-11-27').text).toMatch(/12th SMA covers 2026–2030.*2030/);
  });

  it('"rounds so far" counts only rounds held by the clock\'s day', () => {
    expect(ask('How many rounds has the current negotiation had?', '2018-10-01').text).toMatch(/have had 7 rounds so far/);
    expect(ask('How many rounds so far?', '2024-07-01').text).toMatch(/12th SMA talks have had 4 rounds so far/);
  });

  it('the status summary changes with the clock', () => {
    expect(ask('What is the latest status?', '2018-10-01').text).toMatch(/9th SMA \(2014–2018\) is the current agreement, in force.*10th SMA are under way: 7 rounds/s);
    expect(ask('What is the latest status?', '2026-11-27').text).toMatch(/12th SMA \(2026–2030\) is the current agreement, in force since November 29, 2024/);
  });
});
