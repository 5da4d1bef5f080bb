/**
 * What counts as news: one test per event kind, the corrections and back-filled history that are
 * not announced, the ids, and the reminders' timing.
 */
import { describe, expect, it } from 'vitest';
import { diff, dueReminders, eventText, type AnnouncementEvent } from '../../src/announce/events.js';
import { sameSnapshot, snapshotOf, type Snapshot } from '../../src/announce/snapshot.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { fixtureKb, milestone, round, withRound } from './helpers.js';

const NOW = new Date('2018-04-20T12:00:00Z');
const events = (before: Knowledge, after: Knowledge, now = NOW, revision = 2): AnnouncementEvent[] => diff(snapshotOf(before), after, { now, revision });

const R3 = round({ id: 'sma10-r3', round: 3 });

describe('sameSnapshot', () => {
  it('a stored snapshot (JSON, keys in another order) equals the one rebuilt from the same record; any change does not', () => {
    const built = snapshotOf(withRound(fixtureKb(), R3));
    const stored = JSON.parse(JSON.stringify(built));
    const reordered = { agreements: stored.agreements, rounds: Object.fromEntries(Object.entries(stored.rounds).reverse()) } as Snapshot;
    expect(sameSnapshot(built, reordered)).toBe(true);
    expect(sameSnapshot(built, snapshotOf(withRound(fixtureKb(), { ...R3, end: undefined })))).toBe(false);
    expect(sameSnapshot(built, snapshotOf(withRound(fixtureKb(), { ...R3, place: 'Seoul' })))).toBe(false);
  });
});

describe('diff: rounds', () => {
  it('nothing changed → no events', () => {
    expect(events(fixtureKb(), fixtureKb())).toEqual([]);
  });

  it('a round added as scheduled → round-scheduled, with the headline, a detail line and the source', () => {
    const [e, ...rest] = events(fixtureKb(), withRound(fixtureKb(), { ...R3, summary: 'Talks move to Washington', ko: { summary: '협상 장소가 워싱턴으로 옮겨진다' } }));
    expect(rest).toEqual([]);
    const source = { publisher: 'KBS World', title: 'Second round report', url: 'http://world.kbs.co.kr/english/news/news_In_detail.htm?No=135255', date: '2018-04-08' };
    expect(e).toEqual({
      id: 'round-scheduled:sma10-r3@2',
      kind: 'round-scheduled',
      subject: 'sma10-r3',
      headline: 'Round 3 of the 10th SMA talks: May 14–15, 2018, Washington',
      detail: 'Talks move to Washington.',
      source,
      // The same news for Korean subscriptions: Korean dates and title, the record's Korean summary,
      // the publisher by its Korean name (the glossary); a place the glossary lacks stays as recorded.
      text: { ko: { headline: '제10차 SMA 협상 3차 회의: 2018년 5월 14일~15일, Washington', detail: '협상 장소가 워싱턴으로 옮겨진다.', publisher: 'KBS 월드' } },
    });
    expect(eventText(e!, 'ko').headline).toBe(e!.text!.ko!.headline);
    expect(eventText({ ...e!, text: undefined }, 'ko')).toEqual({ headline: e!.headline, detail: e!.detail }); // stored before Korean: English
  });

  it('a scheduled round whose dates change → round-rescheduled, saying what it was', () => {
    const before = withRound(fixtureKb(), R3);
    const [e] = events(before, withRound(before, { ...R3, start: '2018-05-16', end: '2018-05-17' }));
    expect(e).toMatchObject({
      kind: 'round-rescheduled',
      headline: 'Rescheduled: Round 3 of the 10th SMA talks: May 16–17, 2018, Washington',
      detail: 'Previously May 14–15, 2018, Washington.',
    });
  });

  it('a scheduled round whose place changes → round-rescheduled', () => {
    const before = withRound(fixtureKb(), R3);
    const [e] = events(before, withRound(before, { ...R3, place: 'Seoul' }));
    expect(e).toMatchObject({ kind: 'round-rescheduled', headline: expect.stringMatching(/, Seoul$/), detail: 'Previously May 14–15, 2018, Washington.' });
  });

  it('a round that was held → round-held with its summary', () => {
    const before = withRound(fixtureKb(), { ...R3, start: '2018-04-16', end: '2018-04-17' });
    const held = { ...R3, start: '2018-04-16', end: '2018-04-17', status: 'held' as const, summary: 'No deal; the gap on the total remained' };
    const [e, ...rest] = events(before, withRound(before, held));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      id: 'round-held:sma10-r3@2',
      kind: 'round-held',
      headline: 'Held: Round 3 of the 10th SMA talks: April 16–17, 2018, Washington',
      detail: 'No deal; the gap on the total remained.',
    });
  });

  it('a held round without a summary still says so', () => {
    const before = withRound(fixtureKb(), { ...R3, start: '2018-04-16', end: '2018-04-17' });
    const [e] = events(before, withRound(before, { ...R3, start: '2018-04-16', end: '2018-04-17', status: 'held' }));
    expect(e!.detail).toBe('The round was held; no outcome has been recorded yet.');
  });

  it('a round postponed → round-postponed, saying when it had been scheduled', () => {
    const before = withRound(fixtureKb(), R3);
    const [e] = events(before, withRound(before, { ...R3, status: 'postponed' }));
    expect(e).toMatchObject({
      kind: 'round-postponed',
      headline: 'Postponed: Round 3 of the 10th SMA talks: May 14–15, 2018, Washington',
      detail: 'It had been scheduled for May 14–15, 2018, Washington.',
    });
  });

  it('a round cancelled → round-cancelled', () => {
    const before = withRound(fixtureKb(), R3);
    const [e] = events(before, withRound(before, { ...R3, status: 'cancelled', summary: 'Called off by Washington' }));
    expect(e).toMatchObject({ kind: 'round-cancelled', headline: expect.stringMatching(/^Cancelled: Round 3/), detail: 'Called off by Washington.' });
  });

  it('a postponed round scheduled again → round-rescheduled, saying it had been postponed', () => {
    const before = withRound(fixtureKb(), { ...R3, status: 'postponed' });
    const [e] = events(before, withRound(before, { ...R3, start: '2018-06-01', end: '2018-06-02' }));
    expect(e).toMatchObject({ kind: 'round-rescheduled', detail: 'Previously postponed (May 14–15, 2018, Washington).' });
  });

  it('a rough date ("the second week of April") stays in the headline', () => {
    const [e] = events(fixtureKb(), withRound(fixtureKb(), { ...R3, when: 'mid-May' }));
    expect(e!.headline).toBe('Round 3 of the 10th SMA talks: mid-May (May 14–15, 2018), Washington');
  });

  it("corrections of the past are not news: a held round's dates, a removed round", () => {
    const kb = fixtureKb(); // round 1 was held on 7–9 March 2018
    const corrected = withRound(kb, { ...kb.rounds[0]!, start: '2018-03-08', end: '2018-03-10' });
    expect(events(kb, corrected)).toEqual([]);
    const removed = structuredClone(kb);
    removed.rounds = removed.rounds.filter((r) => r.id !== 'sma10-r2');
    expect(events(kb, removed)).toEqual([]);
  });

  it('back-filled history is not news: a round that ended long before now', () => {
    const old = round({ id: 'sma9-r1', agreement: 'sma-9', round: 1, start: '2013-06-18', end: '2013-06-19', status: 'held', sources: ['yonhap-2018-03-12'] });
    expect(events(fixtureKb(), withRound(fixtureKb(), old))).toEqual([]);
    // …but a round held last week is.
    const recent = { ...R3, start: '2018-04-10', end: '2018-04-12', status: 'held' as const };
    expect(events(fixtureKb(), withRound(fixtureKb(), recent)).map((e) => e.kind)).toEqual(['round-held']);
  });

  it('ids carry the revision: the same change recorded under another revision is another event', () => {
    const a = events(fixtureKb(), withRound(fixtureKb(), R3), NOW, 2)[0]!;
    const b = events(fixtureKb(), withRound(fixtureKb(), R3), NOW, 3)[0]!;
    expect(a.id).not.toBe(b.id);
  });
});

describe('diff: agreements', () => {
  const AT = new Date('2019-04-30T12:00:00Z');
  const steps = [
    ['agreed', 'agreement-agreed', 'Agreement reached on the 10th SMA (2019): February 10, 2019, Seoul'],
    ['initialed', 'agreement-initialed', 'The 10th SMA (2019) is initialed: February 10, 2019, Seoul'],
    ['signed', 'agreement-signed', 'The 10th SMA (2019) is signed: March 8, 2019, Seoul'],
    ['ratified', 'agreement-ratified', 'The 10th SMA (2019) is ratified: April 5, 2019, Seoul'],
    ['inForce', 'agreement-in-force', 'The 10th SMA (2019) is in force: April 5, 2019, Seoul'],
  ] as const;
  const dates = { agreed: '2019-02-10', initialed: '2019-02-10', signed: '2019-03-08', ratified: '2019-04-05', inForce: '2019-04-05' };

  it.each(steps)('%s appears → %s', (key, kind, headline) => {
    const before = fixtureKb();
    const after = structuredClone(before);
    after.agreements[1]![key] = milestone(dates[key], { place: 'Seoul', by: ['Chang Won-sam', 'Timothy Betts'] });
    after.agreements[1]!.terms = '1.0389 trillion won for 2019, an 8.2% increase';
    const [e, ...rest] = events(before, after, new Date(Date.parse(dates[key]) + 3 * 86_400_000)); // news: three days after
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      id: `${kind}:sma-10@2`,
      kind,
      subject: 'sma-10',
      headline,
      detail: 'By Chang Won-sam and Timothy Betts. 1.0389 trillion won for 2019, an 8.2% increase.',
    });
    expect(e!.source).toMatchObject({ publisher: 'Yonhap' });
  });

  it('a milestone whose date is corrected, or one back-filled from years ago, is not news', () => {
    const before = fixtureKb();
    before.agreements[1]!.signed = milestone('2019-03-08');
    const after = structuredClone(before);
    after.agreements[1]!.signed = milestone('2019-03-09');
    after.agreements[0]!.signed = milestone('2014-02-02'); // the 9th SMA, signed five years earlier
    expect(events(before, after, AT)).toEqual([]);
  });
});

describe('dueReminders', () => {
  const kb = withRound(fixtureKb(), R3); // starts 2018-05-14 (00:00 UTC)
  const at = (iso: string, lead = 24) => dueReminders(kb, new Date(iso), lead).map((e) => e.id);

  it('fires from the lead time until the round starts', () => {
    expect(at('2018-05-12T23:59:59.999Z')).toEqual([]);
    expect(at('2018-05-13T00:00:00.000Z')).toEqual(['round-reminder:sma10-r3:2018-05-14']);
    expect(at('2018-05-13T23:59:59.999Z')).toEqual(['round-reminder:sma10-r3:2018-05-14']);
    expect(at('2018-05-14T00:00:00.000Z')).toEqual([]); // started: past
  });

  it('uses the configured lead time', () => {
    expect(at('2018-05-11T00:00:00Z', 72)).toEqual(['round-reminder:sma10-r3:2018-05-14']);
    expect(at('2018-05-13T12:00:00Z', 6)).toEqual([]);
    expect(at('2018-05-13T18:00:00Z', 6)).toEqual(['round-reminder:sma10-r3:2018-05-14']);
  });

  it('none for a past, held, postponed or cancelled round, or one known only roughly', () => {
    for (const status of ['held', 'postponed', 'cancelled'] as const) {
      expect(dueReminders(withRound(kb, { ...R3, status }), new Date('2018-05-13T12:00:00Z'), 24)).toEqual([]);
    }
    expect(dueReminders(withRound(kb, { ...R3, when: 'mid-May' }), new Date('2018-05-13T12:00:00Z'), 24)).toEqual([]);
    // Round 2 of the fixture is scheduled with rough dates ("the second week of April"): never reminded.
    expect(dueReminders(fixtureKb(), new Date('2018-04-08T12:00:00Z'), 24)).toEqual([]);
  });

  it('a reminder reads like the others and expires when the round starts', () => {
    const [e] = dueReminders(withRound(kb, { ...R3, venue: 'the State Department' }), new Date('2018-05-13T12:00:00Z'), 24);
    expect(e).toMatchObject({
      kind: 'round-reminder',
      // The same prose as an answer about the round: the venue after the place.
      headline: 'Starting soon: Round 3 of the 10th SMA talks: May 14–15, 2018, Washington (the State Department)',
      detail: 'The round opens at the State Department, Washington.',
      expiresAt: Date.parse('2018-05-14T00:00:00Z'),
    });
  });

  it('a rescheduled round gets a new reminder id (the old one was for another start)', () => {
    const moved = dueReminders(withRound(kb, { ...R3, start: '2018-05-20', end: '2018-05-21' }), new Date('2018-05-19T12:00:00Z'), 24);
    expect(moved.map((e) => e.id)).toEqual(['round-reminder:sma10-r3:2018-05-20']);
  });
});
