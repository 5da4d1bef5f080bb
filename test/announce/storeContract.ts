/**
 * The contract every AnnouncementStore follows (src/announce/store.ts), as one suite that
 * `storeContract.test.ts` runs against the SQLite file and against Postgres: subscriptions, the
 * compare-and-set commit with the monotonic knowledge version and its atomicity, reminders queued
 * once, claims with one winner across connections (two instances), retries, stale claims coming
 * back as uncertain, expiry, the next due time, and state surviving a reopen; the readers' votes
 * on answers (one per answer and voter, the last one counting, and the hashing secret); and the
 * question log (written, read since a date, pruned by age) and the delivery figures `sma report` shows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnnouncementEvent } from '../../src/announce/events.js';
import { snapshotOf } from '../../src/announce/snapshot.js';
import type { BotStore } from '../../src/announce/resilientStore.js';
import type { ChannelRef } from '../../src/announce/store.js';
import type { QuestionEvent, Vote } from '../../src/curation/types.js';
import { discordChannel, fixtureKb, slackChannel } from './helpers.js';

export interface StoreHarness {
  /** Opens a connection to this test's state: call twice for two instances, again after close() for a restart. */
  open(): Promise<BotStore>;
  /** Removes the state (after every connection is closed). */
  remove(): Promise<void>;
}

const T0 = Date.parse('2024-06-01T00:00:00Z');
const STALE = 60_000;
const snap = snapshotOf(fixtureKb());
const changed = { ...snap, rounds: {} };
const event = (id: string, extra: Partial<AnnouncementEvent> = {}): AnnouncementEvent => ({
  id,
  kind: 'round-scheduled',
  subject: 'r',
  headline: `headline ${id}`,
  detail: '',
  ...extra,
});
const C1 = slackChannel('C1');
const C2 = slackChannel('C2');
const D1 = discordChannel('300000000000000001');
const vote = (extra: Partial<Vote> = {}): Vote => ({
  answer: { intent: 'fact', factId: 'sma-definition', language: 'en' },
  answerKey: 'slack:T1:C1:1700000000.000100',
  platform: 'slack',
  voter: 'a'.repeat(64),
  value: 'up',
  at: new Date(T0),
  ...extra,
});

export function storeContract(name: string, harness: () => Promise<StoreHarness>): void {
  describe(`store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: BotStore;
    const others: BotStore[] = [];
    const another = async () => {
      const s = await h.open();
      others.push(s);
      return s;
    };

    beforeEach(async () => {
      h = await harness();
      store = await h.open();
    });
    afterEach(async () => {
      await Promise.all([store, ...others.splice(0)].map((s) => s.close()));
      await h.remove();
    });

    /** A baseline and then one change with these events to these channels. */
    async function seed(events: AnnouncementEvent[], channels: ChannelRef[] = [C1, C2, D1]) {
      await store.commit(0, snap, [], [], T0, 1);
      return store.commit(1, changed, events, channels, T0, 1);
    }

    it('check: a fresh store is sound and at the current schema version', async () => {
      expect(await store.check()).toEqual({ ok: true, location: store.location, problems: [] });
    });

    it('subscriptions: subscribe once, list by platform and workspace, unsubscribe once', async () => {
      expect(await store.subscribe(C1, 'U1')).toBe(true);
      expect(await store.subscribe(C1, 'U2')).toBe(false);
      await store.subscribe(slackChannel('C9', 'T2'));
      await store.subscribe(D1);
      expect(await store.subscriptions('slack', 'T1')).toEqual([C1]);
      expect(await store.subscriptions('discord')).toEqual([D1]);
      expect((await store.subscriptions()).length).toBe(3);
      expect(await store.unsubscribe(C1)).toBe(true);
      expect(await store.unsubscribe(C1)).toBe(false);
      expect(await store.subscriptions('slack', 'T1')).toEqual([]);
    });

    it("a Discord subscription keeps the channel's type and the bot's permissions, renewed by subscribing again; deliveries carry them", async () => {
      const announcement = { ...D1, channelType: 5, permissions: '19456' };
      expect(await store.subscribe(announcement, 'U1')).toBe(true);
      expect(await store.subscriptions('discord')).toEqual([announcement]);
      // Subscribing again (say after the permissions changed) is not a new subscription, but updates what was recorded.
      expect(await store.subscribe({ ...D1, channelType: 5, permissions: '2048' }, 'U2')).toBe(false);
      expect(await store.subscriptions('discord')).toEqual([{ ...D1, channelType: 5, permissions: '2048' }]);
      // A subscription without them (the Slack commands, an older client) keeps what is known.
      expect(await store.subscribe(D1)).toBe(false);
      expect((await store.subscriptions('discord'))[0]).toMatchObject({ channelType: 5, permissions: '2048' });
      await store.enqueue([event('e1')], [D1, C1], T0);
      const due = await store.due(T0, T0 - 60_000, 10, ['discord', 'slack']);
      expect(due.map((d) => d.channel)).toEqual([{ ...D1, channelType: 5, permissions: '2048' }, C1]);
    });

    it('subscriptions keep the language of their announcements; each delivery carries it; English is the default', async () => {
      const korean = { ...C2, language: 'ko' as const };
      await store.subscribe(C1);
      await store.subscribe(korean);
      expect(await store.subscriptions('slack', 'T1')).toEqual([C1, korean]);
      expect(await store.setSubscriptionLanguage(C1, 'ko')).toBe(true);
      expect(await store.setSubscriptionLanguage(C1, 'ko')).toBe(false); // unchanged
      expect(await store.setSubscriptionLanguage(slackChannel('C-NONE'), 'ko')).toBe(false); // not subscribed
      expect(await store.setSubscriptionLanguage(korean, 'en')).toBe(true);
      expect(await store.subscriptions('slack', 'T1')).toEqual([{ ...C1, language: 'ko' }, C2]);
      await seed([event('e1')], [{ ...C1, language: 'ko' }, C2]);
      expect((await store.due(T0, T0 - STALE, 10, ['slack'])).map((d) => [d.channel.channelId, d.channel.language])).toEqual([
        ['C1', 'ko'],
        ['C2', undefined],
      ]);
    });

    it('answer-language choices: per user and per channel, changed, forgotten ("auto"), and kept across a reopen', async () => {
      const user = { platform: 'slack' as const, scope: 'user' as const, workspaceId: 'T1', subjectId: 'U1' };
      const sameUserElsewhere = { ...user, workspaceId: 'T2' };
      const channel = { platform: 'slack' as const, scope: 'channel' as const, workspaceId: 'T1', subjectId: 'C1' };
      const discordUser = { platform: 'discord' as const, scope: 'user' as const, workspaceId: '', subjectId: 'U1' };
      expect(await store.languages([user, channel])).toEqual([undefined, undefined]);
      expect(await store.setLanguage(user, 'ko', 'U1')).toBe(true);
      expect(await store.setLanguage(user, 'ko', 'U1')).toBe(false); // unchanged
      expect(await store.setLanguage(channel, 'en', 'U2')).toBe(true);
      expect(await store.languages([user, channel, sameUserElsewhere, discordUser])).toEqual(['ko', 'en', undefined, undefined]);
      expect(await store.setLanguage(user, 'en')).toBe(true);
      await store.close();
      store = await h.open();
      expect(await store.languages([channel, user])).toEqual(['en', 'en']);
      expect(await store.setLanguage(user, undefined)).toBe(true);
      expect(await store.setLanguage(user, undefined)).toBe(false);
      expect(await store.languages([user, channel])).toEqual([undefined, 'en']);
      expect(await store.languages([])).toEqual([]);
    });

    it('commit: the baseline, then each change as the next revision with one delivery per (event, channel), oldest event first', async () => {
      expect(await store.lastAnnounced()).toBeUndefined();
      expect(await store.commit(0, snap, [], [], T0, 20180412)).toEqual({ committed: true, deliveries: 0 });
      expect(await store.lastAnnounced()).toEqual({ revision: 1, knowledgeVersion: 20180412, snapshot: snap });
      expect(await store.commit(1, changed, [event('e1'), event('e2')], [C1, C2, D1], T0, 20180420)).toEqual({ committed: true, deliveries: 6 });
      expect(await store.lastAnnounced()).toEqual({ revision: 2, knowledgeVersion: 20180420, snapshot: changed });
      expect((await store.outbox()).map((d) => `${d.event.id}>${d.channel.channelId}`)).toEqual([
        'e1>300000000000000001',
        'e1>C1',
        'e1>C2',
        'e2>300000000000000001',
        'e2>C1',
        'e2>C2',
      ]);
      expect((await store.outbox())[0]).toMatchObject({ event: event('e1'), status: 'pending', attempts: 0, uncertain: false, createdAt: T0, nextAttemptAt: T0 });
    });

    it('commit is a compare-and-set: a stale revision writes nothing (another instance committed first)', async () => {
      await seed([event('e1')]);
      expect(await store.commit(1, snap, [event('e-late')], [C1], T0, 1)).toEqual({ committed: false, deliveries: 0 });
      expect(await store.commit(0, snap, [], [], T0, 1)).toEqual({ committed: false, deliveries: 0 });
      expect((await store.outbox()).map((d) => d.event.id)).not.toContain('e-late');
    });

    it('two instances committing the same edit at once: exactly one records it', async () => {
      await store.commit(0, snap, [], [], T0, 1);
      const other = await another();
      const results = await Promise.all([store.commit(1, changed, [event('mine')], [C1], T0, 2), other.commit(1, changed, [event('theirs')], [C1], T0, 2)]);
      expect(results.filter((r) => r.committed)).toHaveLength(1);
      expect((await store.outbox()).length).toBe(1);
    });

    it('the knowledge version never goes down: an older record is refused even at the right revision; the same version is accepted', async () => {
      await store.commit(0, snap, [], [], T0, 20180420);
      expect(await store.commit(1, changed, [event('older')], [C1], T0, 20180419)).toEqual({ committed: false, deliveries: 0 });
      expect(await store.lastAnnounced()).toEqual({ revision: 1, knowledgeVersion: 20180420, snapshot: snap });
      expect(await store.commit(1, changed, [event('same-day')], [C1], T0, 20180420)).toEqual({ committed: true, deliveries: 1 });
      expect((await store.outbox()).map((d) => d.event.id)).toEqual(['same-day']);
    });

    it('commit is atomic: when one row fails, neither the snapshot nor any event or delivery is written', async () => {
      await store.commit(0, snap, [], [], T0, 1);
      const bad = { platform: 'teams', workspaceId: '', channelId: 'X' } as unknown as ChannelRef; // violates the platform CHECK
      await expect(store.commit(1, changed, [event('e1')], [C1, bad], T0, 1)).rejects.toThrow(/check constraint/i);
      expect(await store.lastAnnounced()).toEqual({ revision: 1, knowledgeVersion: 1, snapshot: snap });
      expect(await store.outbox()).toEqual([]);
      expect(await store.enqueue([event('e1')], [C1], T0)).toBe(1); // the event was not recorded either
    });

    it('enqueue records an event id once (reminders): the second time creates nothing', async () => {
      expect(await store.enqueue([event('reminder')], [C1, C2], T0)).toBe(2);
      expect(await store.enqueue([event('reminder')], [C1, C2, D1], T0)).toBe(0);
      expect(await store.enqueue([event('silent')], [], T0)).toBe(0);
      expect(await store.enqueue([event('silent')], [C1], T0)).toBe(0); // recorded without deliveries: suppressed for good
    });

    it('due → claim → sent: a delivery is claimed once and, once sent, never due again', async () => {
      await seed([event('e1')], [C1]);
      const [d] = await store.due(T0, T0 - STALE, 10, ['slack']);
      expect(d).toMatchObject({ status: 'pending', attempts: 0, uncertain: false, channel: C1 });
      expect(await store.claim(d!, T0, T0 - STALE)).toBe(true);
      expect(d).toMatchObject({ status: 'sending', attempts: 1 });
      expect(await store.claim(d!, T0, T0 - STALE)).toBe(false); // already ours
      await store.markSent(d!, 'ts-1', T0);
      expect(await store.due(T0 + 10 * STALE, T0 + 9 * STALE, 10, ['slack'])).toEqual([]);
      expect(await store.outbox()).toEqual([]);
      expect(await store.counts()).toEqual({ pending: 0, sending: 0, sent: 1, failed: 0, expired: 0 });
    });

    it('two connections (two instances) claiming the same deliveries at once: each has exactly one winner', async () => {
      const channels = Array.from({ length: 20 }, (_, i) => slackChannel(`C${100 + i}`));
      await seed([event('e1')], channels);
      const other = await another();
      const [mine, theirs] = await Promise.all([store.due(T0, T0 - STALE, 100, ['slack']), other.due(T0, T0 - STALE, 100, ['slack'])]);
      const wins = await Promise.all(mine!.flatMap((d, i) => [store.claim(d, T0, T0 - STALE), other.claim(theirs![i]!, T0, T0 - STALE)]));
      for (let i = 0; i < channels.length; i++) expect(Number(wins[2 * i]) + Number(wins[2 * i + 1])).toBe(1);
      expect(await store.counts()).toMatchObject({ sending: 20, pending: 0 });
    });

    it('a failure with retryAt goes back to pending and is due again only then; uncertainty is kept', async () => {
      await seed([event('e1')], [C1]);
      const [d] = await store.due(T0, T0 - STALE, 10, ['slack']);
      await store.claim(d!, T0, T0 - STALE);
      await store.markFailed(d!, { error: 'Slack: internal_error', retryAt: T0 + 5000, uncertain: true }, T0);
      expect(await store.due(T0 + 4999, T0 - STALE, 10, ['slack'])).toEqual([]);
      const [again] = await store.due(T0 + 5000, T0 - STALE, 10, ['slack']);
      expect(again).toMatchObject({ status: 'pending', attempts: 1, uncertain: true, lastError: 'Slack: internal_error' });
      await store.claim(again!, T0 + 5000, T0 - STALE);
      await store.markFailed(again!, { error: 'Slack: ratelimited', retryAt: T0 + 6000, uncertain: false }, T0 + 5000);
      expect((await store.outbox())[0]).toMatchObject({ attempts: 2, uncertain: true }); // once uncertain, until sent
    });

    it('a failure for good is never due again but stays visible in the outbox', async () => {
      await seed([event('e1')], [C1]);
      const [d] = await store.due(T0, T0 - STALE, 10, ['slack']);
      await store.claim(d!, T0, T0 - STALE);
      await store.markFailed(d!, { error: 'Slack: channel_not_found', uncertain: false }, T0);
      expect(await store.due(T0 + 10 * STALE, T0 + 9 * STALE, 10, ['slack'])).toEqual([]);
      expect((await store.outbox())[0]).toMatchObject({ status: 'failed', lastError: 'Slack: channel_not_found' });
    });

    it('a claim left in sending (the process died mid-post) comes back after a restart once stale, as uncertain', async () => {
      await seed([event('e1')], [C1]);
      const [d] = await store.due(T0, T0 - STALE, 10, ['slack']);
      await store.claim(d!, T0, T0 - STALE);
      await store.close();
      store = await h.open(); // the restart
      expect(await store.due(T0 + STALE, T0, 10, ['slack'])).toEqual([]); // not yet stale
      const [back] = await store.due(T0 + STALE + 1, T0 + 1, 10, ['slack']);
      expect(back).toMatchObject({ status: 'sending', uncertain: false });
      expect(await store.claim(back!, T0 + STALE + 1, T0 + 1)).toBe(true);
      expect(back).toMatchObject({ status: 'sending', attempts: 2, uncertain: true });
      expect((await store.outbox())[0]!.uncertain).toBe(true);
    });

    it('only the platforms asked for; expired deliveries are marked expired, not handed out', async () => {
      await seed([event('e1'), event('reminder', { kind: 'round-reminder', expiresAt: T0 + 1000 })], [C1, D1]);
      expect((await store.due(T0, T0 - STALE, 10, ['discord'])).map((d) => d.channel.platform)).toEqual(['discord', 'discord']);
      expect((await store.due(T0 + 1000, T0 - STALE, 10, ['slack'])).map((d) => d.event.id)).toEqual(['e1']);
      expect((await store.outbox()).filter((d) => d.status === 'expired').map((d) => `${d.event.id}>${d.channel.platform}`)).toEqual(['reminder>slack']);
      expect(await store.counts()).toMatchObject({ pending: 3, expired: 1 });
      expect(await store.due(T0, T0 - STALE, 10, [])).toEqual([]);
    });

    it('nextDueAt: the earliest retry or stale claim on the platforms asked for', async () => {
      expect(await store.nextDueAt(['slack'], STALE)).toBeUndefined();
      await seed([event('e1')], [C1, D1]);
      const [d] = await store.due(T0, T0 - STALE, 1, ['slack']);
      await store.claim(d!, T0, T0 - STALE);
      expect(await store.nextDueAt(['slack'], STALE)).toBe(T0 + STALE);
      await store.markFailed(d!, { error: 'x', retryAt: T0 + 2000, uncertain: false }, T0);
      expect(await store.nextDueAt(['slack'], STALE)).toBe(T0 + 2000);
      expect(await store.nextDueAt(['discord'], STALE)).toBe(T0);
      expect(await store.nextDueAt([], STALE)).toBeUndefined();
    });

    it('votes: a first vote is new, the same again is same (its time kept), another value or reason changes it; the last one counts', async () => {
      expect(await store.recordVote(vote())).toBe('new');
      expect(await store.recordVote(vote({ at: new Date(T0 + 1000) }))).toBe('same');
      expect(await store.recordVote(vote({ value: 'down', at: new Date(T0 + 2000) }))).toBe('changed');
      expect(await store.recordVote(vote({ value: 'down', reason: 'the figure is from 2019', at: new Date(T0 + 3000) }))).toBe('changed');
      expect(await store.recordVote(vote({ value: 'down', reason: 'the figure is from 2019', at: new Date(T0 + 4000) }))).toBe('same');
      expect(await store.votes(new Date(0))).toEqual([vote({ value: 'down', reason: 'the figure is from 2019', at: new Date(T0 + 3000) })]);
      // Back to 👍: the reason belonged to the 👎 and goes with it.
      expect(await store.recordVote(vote({ value: 'up', at: new Date(T0 + 5000) }))).toBe('changed');
      expect(await store.votes(new Date(0))).toEqual([vote({ at: new Date(T0 + 5000) })]);
    });

    it('votes: one per voter per answer; other voters and other answers count apart; read since a time, oldest first', async () => {
      const table = vote({
        answer: { intent: 'rounds', request: { intent: 'rounds', agreement: 11, aspects: ['venue'] }, language: 'ko' },
        answerKey: 'discord:1300000000000000001',
        platform: 'discord',
      });
      expect(await store.recordVote(vote({ at: new Date(T0 + 10) }))).toBe('new');
      expect(await store.recordVote(vote({ voter: 'b'.repeat(64), value: 'down', at: new Date(T0 + 20) }))).toBe('new');
      expect(await store.recordVote({ ...table, at: new Date(T0 + 30) })).toBe('new');
      expect(await store.recordVote(vote({ platform: 'console', answerKey: 'console:1', at: new Date(T0 + 40) }))).toBe('new');
      const all = await store.votes(new Date(T0));
      expect(all.map((v) => [v.answerKey, v.voter.slice(0, 1), v.value])).toEqual([
        ['slack:T1:C1:1700000000.000100', 'a', 'up'],
        ['slack:T1:C1:1700000000.000100', 'b', 'down'],
        ['discord:1300000000000000001', 'a', 'up'],
        ['console:1', 'a', 'up'],
      ]);
      expect(all[2]).toEqual({ ...table, at: new Date(T0 + 30) }); // the request's slots and the language come back as recorded
      expect((await store.votes(new Date(T0 + 30))).map((v) => v.platform)).toEqual(['discord', 'console']);
      expect(await store.votes(new Date(T0 + 41))).toEqual([]);
    });

    it('votes and the hashing secret survive a reopen; the secret is made once and shared by every connection', async () => {
      const secret = await store.curationSecret();
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const other = await another();
      expect(await other.curationSecret()).toBe(secret);
      await store.recordVote(vote());
      await store.close();
      store = await h.open();
      expect(await store.curationSecret()).toBe(secret);
      expect(await store.recordVote(vote())).toBe('same');
      expect(await store.votes(new Date(0))).toHaveLength(1);
    });

    it('a reopen keeps everything: subscriptions, the announced state, the outbox', async () => {
      await store.subscribe(C1, 'U1');
      await seed([event('e1')], [C1]);
      await store.close();
      store = await h.open();
      expect(await store.subscriptions()).toEqual([C1]);
      expect(await store.lastAnnounced()).toMatchObject({ revision: 2, knowledgeVersion: 1 });
      expect(await store.counts()).toMatchObject({ pending: 1 });
      expect(await store.check()).toMatchObject({ ok: true });
    });

    it('the question log: events come back since a date, oldest first, with the words and asker only where they were given', async () => {
      const at = (minutes: number) => new Date(T0 + minutes * 60_000);
      const counted: QuestionEvent = { at: at(0), platform: 'slack', outcome: 'answer', answer: { intent: 'fact', factId: 'troops', language: 'en' }, confidence: 0.9 };
      const table: QuestionEvent = {
        at: at(1),
        platform: 'discord',
        outcome: 'lacks',
        answer: { intent: 'contribution', request: { intent: 'contribution', year: 2024 } },
        confidence: 0.8,
      };
      const logged: QuestionEvent = {
        at: at(2),
        platform: 'console',
        outcome: 'clarify',
        answer: { intent: 'fact', language: 'ko' },
        confidence: 0.5,
        question: '주한미군 몇 명?',
        asker: 'a'.repeat(64),
      };
      for (const e of [logged, counted, table]) await store.logQuestion(e);
      expect(await store.questions(at(0))).toEqual([counted, table, logged]);
      expect(await store.questions(at(1))).toEqual([table, logged]);
      await store.close();
      store = await h.open();
      expect(await store.questions(at(0))).toHaveLength(3);
      expect(await store.pruneQuestions(at(2))).toBe(2);
      expect(await store.pruneQuestions(at(2))).toBe(0);
      expect(await store.questions(new Date(0))).toEqual([logged]);
    });

    it('the question log refuses an outcome or platform it does not know (nothing half-written)', async () => {
      const bad = { at: new Date(T0), platform: 'slack', outcome: 'maybe', answer: { intent: 'fact' }, confidence: 0 } as unknown as QuestionEvent;
      await expect(store.logQuestion(bad)).rejects.toThrow(/check constraint/i);
      expect(await store.questions(new Date(0))).toEqual([]);
    });

    it('delivery figures per platform since a date: sent, retried (more than one attempt), failed, expired, pending', async () => {
      await seed([event('e1'), event('reminder', { kind: 'round-reminder', expiresAt: T0 + 1000 })], [C1, C2, D1]);
      const due = await store.due(T0, T0 - STALE, 10, ['slack']);
      const [c1, c2] = due.filter((d) => d.event.id === 'e1');
      for (const d of [c1!, c2!]) await store.claim(d, T0, T0 - STALE);
      await store.markSent(c1!, 'ts-1', T0);
      await store.markFailed(c2!, { error: 'ratelimited', retryAt: T0, uncertain: false }, T0);
      await store.claim(c2!, T0, T0 - STALE);
      await store.markFailed(c2!, { error: 'channel_not_found', uncertain: false }, T0);
      await store.due(T0 + 1000, T0 - STALE, 10, ['discord']); // the reminder expires on the way
      expect(await store.deliveryFigures(new Date(T0))).toEqual([
        { platform: 'discord', sent: 0, retried: 0, failed: 0, expired: 1, pending: 1 },
        { platform: 'slack', sent: 1, retried: 1, failed: 1, expired: 0, pending: 2 },
      ]);
      expect(await store.deliveryFigures(new Date(T0 + 1))).toEqual([]);
    });
  });
}
