/**
 * The question log as an operator relies on it: every turn asked through the conversation
 * service is counted in the store (a real SQLite file); with QUESTION_LOG=off no words and no asker
 * are stored anywhere (not in the log, not in the conversation's memory); with it on, the words of
 * what could not be answered and a keyed hash of the asker are, and a pick from "did you mean" is
 * recorded with the question it answered; retention deletes old events; a store that fails or
 * hangs never fails or delays an answer, and its failure is logged without the question.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/announce/sqliteStore.js';
import { factQuestion } from '../../src/adapters/payload.js';
import { ConversationService, type ConversationMemory } from '../../src/conversation/service.js';
import { hashUserId } from '../../src/curation/hashId.js';
import { DAY_MS, QuestionLog, outcomeOf, startRetention } from '../../src/curation/questionLog.js';
import type { QuestionEvent, QuestionLogStore } from '../../src/curation/types.js';
import { MemoryConversationState } from '../../src/state/conversationState.js';
import { captureLogger, tempDir } from '../announce/helpers.js';
import { recordResponder } from '../support/record.js';

const ANSWERING = new Date('2026-01-24T12:00:00Z');
const responder = recordResponder(ANSWERING);
const SECRET = 'a-curation-secret-of-at-least-32-characters';
const SLACK_USER = { platform: 'slack' as const, userId: 'U0ASKER01' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function sqlite(): SqliteStore {
  const tmp = tempDir('sma-qlog-');
  const store = openSqliteStore(join(tmp.dir, 'data'));
  cleanups.push(
    () => tmp.remove(),
    () => store.close(),
  );
  return store;
}

function session(store: QuestionLogStore, keepQuestions: boolean, extra: { logger?: ReturnType<typeof captureLogger>['logger']; maxPending?: number } = {}) {
  const log = new QuestionLog({ store, keepQuestions, ...(keepQuestions ? { secret: SECRET } : {}), ...extra });
  const state = new MemoryConversationState();
  const service = new ConversationService(responder, { questionLog: log, state });
  const ask = (q: string, key = 'slack:cmd:T1:C1:U0ASKER01') => service.ask(key, q, { from: SLACK_USER });
  return { log, state, service, ask };
}

/** The scripted turns: a "did you mean" and its pick, an "I don't know", a "the record has no …", an answer. */
async function script(ask: (q: string) => Promise<unknown>) {
  await ask('troops'); // did you mean: usfk-troop-numbers, …
  await ask('yes'); // picks the first
  await ask('what is the weather in busan today');
  await ask('how much did korea pay in 2024?'); // no directly sourced figure for 2024
  await ask('usfk troop count');
}

const columns = (store: SqliteStore) =>
  store.db.prepare('SELECT outcome, question, asker FROM question_events ORDER BY id').all() as { outcome: string; question: string | null; asker: string | null }[];

describe('the question log, through the conversation service', () => {
  it('QUESTION_LOG=off: every turn is counted by outcome and answer, and no words or asker are stored, nor kept in memory', async () => {
    const store = sqlite();
    const { log, ask, state } = session(store, false);
    await script(ask);
    await log.flush();
    const events = await store.questions(new Date(0));
    expect(events.map((e) => e.outcome)).toEqual(['clarify', 'pick', 'unknown', 'lacks', 'answer']);
    expect(events[1]!.answer).toMatchObject({ intent: 'fact', factId: 'usfk-troop-numbers' });
    expect(events[3]!.answer).toMatchObject({ intent: 'contribution', request: { intent: 'contribution', year: 2024 } });
    expect(columns(store).every((r) => r.question === null && r.asker === null)).toBe(true);
    // The clarify is remembered as such, without its words.
    await ask('troops');
    expect((await state.get<ConversationMemory>('slack:cmd:T1:C1:U0ASKER01'))?.clarified).toEqual({});
  });

  it('QUESTION_LOG=on: the words of what was not answered, and the asker as a keyed hash; a pick carries the question it answered', async () => {
    const store = sqlite();
    const { log, ask } = session(store, true);
    await script(ask);
    await log.flush();
    const asker = hashUserId(SECRET, 'slack', 'U0ASKER01');
    expect(asker).toMatch(/^[0-9a-f]{64}$/);
    expect(columns(store)).toEqual([
      { outcome: 'clarify', question: 'troops', asker },
      { outcome: 'pick', question: 'troops', asker },
      { outcome: 'unknown', question: 'what is the weather in busan today', asker },
      { outcome: 'lacks', question: 'how much did korea pay in 2024?', asker },
      { outcome: 'answer', question: null, asker: null },
    ]);
    // Another secret or another platform gives another hash: ids cannot be matched across them.
    expect(hashUserId(`${SECRET}x`, 'slack', 'U0ASKER01')).not.toBe(asker);
    expect(hashUserId(SECRET, 'discord', 'U0ASKER01')).not.toBe(asker);
  });

  it('a click on a "did you mean" button (its fact asked as its question) is a pick; a later click is not', async () => {
    const store = sqlite();
    const { log, ask } = session(store, true);
    const clarify = await responder.ask('troops');
    await ask('troops');
    const second = clarify.suggestions[1]!;
    await ask(factQuestion(responder, second.factId!)!);
    await ask(factQuestion(responder, second.factId!)!); // asked again after an answer: an answer, not a pick
    await log.flush();
    const events = await store.questions(new Date(0));
    expect(events.map((e) => [e.outcome, e.answer.factId ?? null, e.question ?? null])).toEqual([
      ['clarify', null, 'troops'],
      ['pick', second.factId, 'troops'],
      ['answer', second.factId, null],
    ]);
  });

  it("the clarified question lives only as long as the conversation's memory (its TTL)", async () => {
    const store = sqlite();
    let t = 0;
    const log = new QuestionLog({ store, keepQuestions: true, secret: SECRET });
    const service = new ConversationService(responder, { questionLog: log, clock: () => t, ttlMs: 1000 });
    await service.ask('k', 'troops', { from: SLACK_USER });
    t += 1001;
    await service.ask('k', 'yes', { from: SLACK_USER }); // the "did you mean" is forgotten: not a pick
    await log.flush();
    expect((await store.questions(new Date(0))).map((e) => e.outcome)).not.toContain('pick');
  });

  it('outcomes: "the record has no…" from a table or a fact is lacks; off-topic and unusable input are unknown; help is an answer', () => {
    expect(outcomeOf(responder.ask('who negotiated the 13th sma'))).toBe('lacks');
    expect(outcomeOf(responder.ask('what is the gdp of japan'))).toBe('unknown');
    expect(outcomeOf(responder.ask(''))).toBe('unknown');
    expect(outcomeOf(responder.ask('help'))).toBe('answer');
    expect(outcomeOf(responder.ask('troops'))).toBe('clarify');
  });

  it('input that cannot be a question keeps no words even with the log on', async () => {
    const store = sqlite();
    const { log, service } = session(store, true);
    await service.ask('k', 'x'.repeat(600), { from: SLACK_USER });
    await log.flush();
    expect(columns(store)).toEqual([{ outcome: 'unknown', question: null, asker: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('a store that fails: the answer goes out, the failure is logged once a minute without the words or the asker', async () => {
    const captured = captureLogger();
    const failing: QuestionLogStore = {
      logQuestion: async () => Promise.reject(Object.assign(new Error('SQLITE_FULL: database or disk is full'), { reason: 'the disk is full' })),
      questions: async () => [],
      pruneQuestions: async () => 0,
    };
    const { log, ask } = session(failing, true, { logger: captured.logger });
    expect((await ask('how much did korea pay in 2024?')) as { text: string }).toMatchObject({ text: expect.stringMatching(/2024/) });
    await ask('what is the weather in busan today');
    await log.flush();
    const warnings = captured.lines.filter((l) => l.msg.startsWith('question log'));
    expect(warnings).toEqual([expect.objectContaining({ level: 'warn', outcome: 'lacks', reason: 'the disk is full' })]);
    const text = JSON.stringify(captured.lines);
    expect(text).not.toMatch(/busan|2024\?|U0ASKER01/);
    expect(text).not.toContain(hashUserId(SECRET, 'slack', 'U0ASKER01'));
  });

  it('a store that hangs: answers are not delayed, and the queue is bounded (events beyond it dropped and counted)', async () => {
    const captured = captureLogger();
    const written: QuestionEvent[] = [];
    let release: () => void = () => {};
    const hanging: QuestionLogStore = {
      logQuestion: (e) =>
        new Promise<void>((resolve) => {
          release = () => {
            written.push(e);
            resolve();
          };
        }),
      questions: async () => [],
      pruneQuestions: async () => 0,
    };
    const { log, ask } = session(hanging, false, { logger: captured.logger, maxPending: 2 });
    const started = performance.now();
    for (let i = 0; i < 5; i++) expect(((await ask('usfk troop count')) as { matched: boolean }).matched).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
    expect(captured.find('question log: the store is not keeping up; events are dropped until it does (answers are not affected)')).toBeDefined();
    // One write in flight, two queued, two dropped.
    for (let i = 0; i < 3; i++) {
      release();
      await new Promise((r) => setTimeout(r, 0));
    }
    await log.flush();
    expect(written).toHaveLength(3);
    expect(captured.find('question log: caught up; events were dropped meanwhile')).toMatchObject({ dropped: 2 });
  });

  it('the log refuses to keep questions without a secret to hash the askers', () => {
    expect(() => new QuestionLog({ store: sqlite(), keepQuestions: true })).toThrow(/CURATION_SECRET/);
  });
});

describe('retention', () => {
  it('deletes events older than the retention period at start and at every tick after', async () => {
    const store = sqlite();
    let now = Date.parse('2026-12-01T00:00:00Z');
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS);
    const event = (daysAgo: number): QuestionEvent => ({
      at: at(daysAgo),
      platform: 'slack',
      outcome: 'unknown',
      answer: { intent: 'none' },
      confidence: 0,
      question: `asked ${daysAgo} days ago`,
    });
    for (const d of [120, 91, 89, 1]) await store.logQuestion(event(d));
    const captured = captureLogger();
    const retention = startRetention(store, 90, { logger: captured.logger, now: () => new Date(now), everyMs: 20 });
    cleanups.push(() => retention.stop());
    await retention.started;
    expect((await store.questions(new Date(0))).map((e) => e.question)).toEqual(['asked 89 days ago', 'asked 1 days ago']);
    expect(captured.find('question log: events past the retention period deleted')).toMatchObject({ removed: 2, retentionDays: 90 });
    now += 2 * DAY_MS; // two days later the 89-day-old event is past it too
    await expect.poll(async () => (await store.questions(new Date(0))).length, { timeout: 2000 }).toBe(1);
  });
});
