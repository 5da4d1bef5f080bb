/**
 * The conversation service with the real record: follow-ups lean on the last answer, a question on
 * another subject starts afresh, picks answer the options offered, the context lasts 30 minutes
 * of the real clock (injected here) whatever the answering clock says, memory is bounded, a
 * failing state store costs the context and never the answer, and what is kept says nothing about
 * the user. Postgres: two instances share one conversation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/announce/postgresStore.js';
import { ConversationService, CONVERSATION_TTL_MS, type ConversationMemory } from '../../src/conversation/service.js';
import { pickOf } from '../../src/conversation/picks.js';
import { MemoryConversationState, PostgresConversationState, type ConversationState } from '../../src/state/conversationState.js';
import { captureLogger } from '../announce/helpers.js';
import { describePostgres, dropSchema, freshSchema } from '../support/postgres.js';
import { recordResponder } from '../support/record.js';

const ANSWERING = new Date('2026-01-24T12:00:00Z');
const responder = recordResponder(ANSWERING);

function service(state?: ConversationState, clock?: () => number) {
  return new ConversationService(responder, { ...(state ? { state } : {}), ...(clock ? { clock } : {}) });
}

describe('conversation service', () => {
  it('answers follow-ups of every kind from the last answer, in the conversation they belong to', async () => {
    const s = service();
    const ask = (q: string) => s.ask('t1', q).then((a) => a.text);
    expect(await ask('how much did korea pay in 2019?')).toMatch(/1\.0389 trillion won/);
    expect(await ask('and in 2020?')).toMatch(/for 2020 was 1\.0389 trillion won/);
    expect(await ask('who signed it?')).toMatch(/11th SMA was signed on April 8, 2021.*Choi Jong-kun/);
    expect(await ask('when did it enter into force?')).toMatch(/11th SMA entered into force on September 1, 2021/);
    expect(await ask('source?')).toMatch(/^That answer rests on:/);
    // "source?" listed the sources of the 11th SMA's answer: it does not become the subject.
    expect(await ask('what about the 10th?')).toMatch(/10th SMA entered into force on April 5, 2019/);
    // Another conversation has nothing to lean on.
    expect((await s.ask('t2', 'and in 2020?')).title).not.toMatch(/contribution in 2020/);
  });

  it('"the one before", "and the US side?", "what about the 11th?" change one slot of the negotiators', async () => {
    const s = service();
    expect((await s.ask('n', 'who negotiated the 12th SMA for korea?')).text).toMatch(/Lee Tae-woo/);
    expect((await s.ask('n', 'and the US side?')).text).toMatch(/Linda Specht/);
    expect((await s.ask('n', 'what about the 11th?')).text).toMatch(/James DeHart/);
    expect((await s.ask('n', 'the one before')).text).toMatch(/Timothy Betts/);
  });

  it('a question on another subject starts afresh; its follow-ups lean on it', async () => {
    const s = service();
    await s.ask('c', 'how much did korea pay in 2019?');
    const other = await s.ask('c', 'when was the 12th SMA signed?');
    expect(other.text).toMatch(/12th SMA was signed on November 4, 2024/);
    expect((await s.ask('c', 'who signed it?')).text).toMatch(/Cho Tae-yul.*Goldberg/);
    const d = service();
    await d.ask('d', 'how much did korea pay in 2019?');
    // A subject the record never uses ("weather") is not a slot of the last answer.
    expect((await d.ask('d', 'what was the weather in seoul that day?')).matched).toBe(false);
    expect((await d.ask('d', 'and in 2018?')).text).toMatch(/960\.2 billion won/);
  });

  it('"why?" and "more" look behind the last answer', async () => {
    const s = service();
    await s.ask('w', 'what happened at the third round of the 11th SMA talks?');
    expect((await s.ask('w', 'why?')).text).toMatch(/not responsive|walked out|left/i);
    await s.ask('m', 'what has trump demanded from korea?');
    expect((await s.ask('m', 'more')).text).toMatch(/money machine/);
  });

  it('picks: a number any time options were shown, "the first one" and "yes" right after "did you mean"', async () => {
    const s = service();
    const clarify = await s.ask('p', 'troops');
    expect(clarify.kind).toBe('clarify');
    const turn = await s.turn('p', 'the first one');
    expect(turn.picked?.question).toBe(clarify.suggestions[0]!.question);
    expect(turn.answer.text).toMatch(/28,500/);
    expect((await s.ask('p', 'source?')).text).toMatch(/^That answer rests on:/);
    // After an answer, "yes" is not a pick (nothing was asked), but a number is.
    expect((await s.turn('p', 'yes')).picked).toBeUndefined();
    await s.ask('q', 'sma workers');
    expect((await s.turn('q', 'yes')).answer.matched).toBe(true);
    expect(pickOf('when was the first one held?')).toBeUndefined();
    expect(pickOf('2번')).toEqual({ kind: 'number', n: 2 });
    expect(pickOf('첫 번째')).toEqual({ kind: 'words', n: 1 });
  });

  it('Korean follow-ups answer in Korean, a pick too', async () => {
    const s = service();
    expect((await s.ask('k', '2019년 분담금 얼마야?')).text).toMatch(/1조 389억 원/);
    const y2020 = await s.ask('k', '2020년은?');
    expect(y2020.language).toBe('ko');
    expect(y2020.text).toMatch(/2020년.*1조 389억 원/);
    expect((await s.ask('k', '출처는?')).text).toMatch(/^이 답변의 출처/);
    await s.ask('kp', '근로자');
    const picked = await s.ask('kp', '세 번째');
    expect(picked.language).toBe('ko');
    expect(picked.text).toMatch(/4천여 명/);
  });

  it('keeps a conversation 30 minutes after its last turn on the real clock, whatever the answering clock', async () => {
    let t = 1_000_000;
    const s = service(undefined, () => t);
    const old = { now: new Date('2019-06-01T12:00:00Z') }; // an SMA_NOW-style answering clock that never moves
    await s.ask('ttl', 'how much did korea pay in 2019?', old);
    t += CONVERSATION_TTL_MS - 1;
    expect((await s.ask('ttl', 'and in 2020?', old)).title).toBe("Korea's SMA contribution in 2020");
    t += CONVERSATION_TTL_MS - 1; // counted from the last turn
    expect((await s.ask('ttl', 'and in 2021?', old)).title).toBe("Korea's SMA contribution in 2021");
    t += CONVERSATION_TTL_MS;
    expect((await s.ask('ttl', 'and in 2020?', old)).title).not.toBe("Korea's SMA contribution in 2020");
  });

  it('keeps at most `max` conversations in memory, the least recently used forgotten first', async () => {
    const state = new MemoryConversationState(Date.now, 2);
    const s = service(state);
    await s.ask('a', 'how much did korea pay in 2019?');
    await s.ask('b', 'how much did korea pay in 2019?');
    await s.ask('a', 'and in 2020?'); // a is now the most recent
    await s.ask('c', 'how much did korea pay in 2019?');
    expect(state.size).toBe(2);
    expect((await s.ask('a', 'and in 2021?')).title).toBe("Korea's SMA contribution in 2021");
    expect((await s.ask('b', 'and in 2020?')).title).not.toBe("Korea's SMA contribution in 2020");
  });

  it("keeps the answer and the options, never the user's words", async () => {
    const state = new MemoryConversationState();
    const s = service(state);
    const typed = 'HOW MUCH did korea pay in 2019??';
    expect((await s.ask('slack:thread:T1:C1:1.1', typed)).matched).toBe(true);
    const kept = await state.get<ConversationMemory>('slack:thread:T1:C1:1.1');
    expect(Object.keys(kept!).sort()).toEqual(['asked', 'language', 'offered', 'subject']);
    expect(JSON.stringify(kept)).not.toContain(typed);
  });

  it('a state store that fails costs the context, not the answer, and is logged', async () => {
    const log = captureLogger();
    const broken: ConversationState = {
      get: async () => Promise.reject(new Error('down')),
      set: async () => Promise.reject(new Error('down')),
      delete: async () => {},
      claim: async () => true,
    };
    const s = new ConversationService(responder, { state: broken, logger: log.logger });
    expect((await s.ask('x', 'how much did korea pay in 2019?')).matched).toBe(true);
    expect(log.find('conversation state unavailable; answering without the previous answer')).toBeDefined();
    expect(log.find('conversation state unavailable; the next follow-up lacks this answer')).toBeDefined();
  });
});

describePostgres('conversation service on Postgres', (url) => {
  let schema: string;
  const stores: PostgresStore[] = [];
  beforeEach(() => {
    schema = freshSchema('conv');
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await dropSchema(url, schema);
  });

  it("a follow-up answered by another instance leans on the first instance's answer", async () => {
    const open = async () => {
      const store = await PostgresStore.open(url, { schema, max: 1 });
      stores.push(store);
      return service(new PostgresConversationState(store.sql));
    };
    const [a, b] = [await open(), await open()];
    await a.ask('discord:G:C:U', 'who negotiated the 12th SMA for korea?');
    expect((await b.ask('discord:G:C:U', 'and the US side?')).text).toMatch(/Linda Specht/);
    expect((await a.ask('discord:G:C:U', 'what about the 11th?')).text).toMatch(/James DeHart/);
  });
});
