/** The local console chat, fed through streams the way a pipe or a terminal would. */
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startConsoleChat } from '../../src/console/chat.js';
import { ConversationService } from '../../src/conversation/service.js';
import type { AskRequest, Responder } from '../../src/core/answer.js';
import { createResponder } from '../../src/core/responder.js';
import { loadOrThrow } from '../../src/boot.js';
import { ResilientStore } from '../../src/announce/resilientStore.js';
import { openCheckedSqliteStore } from '../../src/announce/sqliteStore.js';
import { StoreUnavailableError } from '../../src/announce/store.js';
import { Feedback } from '../../src/curation/feedback.js';
import { hashUserId } from '../../src/curation/hashId.js';
import { silentLogger } from '../../src/log.js';
import { tempDir } from '../announce/helpers.js';
import { recordResponder } from '../support/record.js';

const core = createResponder(loadOrThrow(join(import.meta.dirname, '../fixtures/kb-minimal')), { clock: () => new Date('2018-03-20T12:00:00Z') });
/** What the console handed the core, in order. */
const asked: (string | AskRequest)[] = [];
const responder: Responder = { ask: (q, o) => (asked.push(q), core.ask(q, o)), complete: (p, l) => core.complete(p, l) };

async function chat(lines: string[], tty = false): Promise<string> {
  const input = Object.assign(new PassThrough(), { isTTY: tty });
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => (text += d.toString()));
  const done = startConsoleChat(responder, { input, output });
  for (const l of lines) input.write(`${l}\n`);
  input.end();
  await done;
  return text;
}

describe('console chat', () => {
  it('piped: answers one question per line with sources and date, and ends at EOF', async () => {
    const out = await chat(['how big is usfk', 'When is the next round?']);
    expect(out).toMatch(/About 28,500 American troops/);
    expect(out).toMatch(/as of March 12, 2018/);
    expect(out).toMatch(/source: Yonhap/);
    expect(out).toMatch(/second week of April \(April 9–15, 2018\), South Korea/);
    expect(out).not.toMatch(/sma> /);
  });

  it('a number asks the numbered follow-up; "source for this" lists the previous answer\'s sources', async () => {
    const out = await chat(['how big is usfk', '1', 'what is the source for this?']);
    // The picked question, then the answer under the heading of the question it answers.
    expect(out).toMatch(/> Will the negotiations be difficult\?\n.+\n.*"difficult" negotiations/);
    expect(out).toMatch(/That answer rests on: Yonhap/);
  });

  it("a number asks the follow-up's structured request when it has one, not its words", async () => {
    const first = core.ask('When is the next round?');
    const follow = first.suggestions[0]!;
    expect(follow.request).toBeDefined();
    asked.length = 0;
    const out = await chat(['When is the next round?', '1']);
    expect(asked).toEqual(['When is the next round?', follow.request]);
    const answer = core.ask(follow.request!);
    expect(out).toContain(`> ${follow.question}\n${answer.title}\n${answer.text}`);
  });

  it('the session is one conversation: follow-ups, "yes" to a "did you mean", the TTL on the real clock', async () => {
    const real = recordResponder(new Date('2026-01-24T12:00:00Z'));
    let t = 1_000_000;
    const conversations = new ConversationService(real, { clock: () => t });
    const run = async (lines: string[]) => {
      const input = new PassThrough();
      const output = new PassThrough();
      let text = '';
      output.on('data', (d: Buffer) => (text += d.toString()));
      const done = startConsoleChat(real, { input, output, conversations });
      for (const l of lines) input.write(`${l}\n`);
      input.end();
      await done;
      return text;
    };
    const out = await run([
      'troops',
      'yes',
      'how much did korea pay in 2019?',
      'and in 2020?',
      'who signed it?',
      'source?',
      'who negotiated the 12th SMA for korea?',
      'and the US side?',
    ]);
    expect(out).toMatch(/Korea's SMA contribution for 2020 was 1\.0389 trillion won/);
    expect(out).toMatch(/The 11th SMA was signed on April 8, 2021/);
    expect(out).toMatch(/That answer rests on:/);
    // The pick is echoed, then the answer under its heading.
    expect(out).toMatch(/> What is the size of US Forces Korea\?\n(.*\n)?.*28,500/);
    expect(out).toMatch(/Linda Specht/);
    t += 31 * 60_000; // the console restarted later, or the user came back after lunch: the context is gone
    expect(await run(['and in 2021?'])).not.toMatch(/Korea's SMA contribution for 2021/);
  });

  it('in a terminal it prompts, greets, and stops at "quit"', async () => {
    const out = await chat(['help', 'quit', 'how big is usfk'], true);
    expect(out).toMatch(/^Ask about the Korea–US defense cost-sharing talks/);
    expect(out).toMatch(/sma> /);
    expect(out).toMatch(/I answer questions about/);
    expect(out).not.toMatch(/28,500/);
  });
});

describe('console chat in Korean (the real record)', () => {
  const record = recordResponder(new Date('2025-03-01T09:00:00Z'));
  async function chatWith(lines: string[], language?: 'ko' | 'en'): Promise<string> {
    const input = Object.assign(new PassThrough(), { isTTY: false });
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const done = startConsoleChat(record, { input, output, ...(language ? { language } : {}) });
    for (const l of lines) input.write(`${l}\n`);
    input.end();
    await done;
    return text;
  }

  it('a Korean question, a typed follow-up and a numbered follow-up are all answered in Korean', async () => {
    const out = await chatWith(['올해 방위비 분담금은 얼마야?', '2020년은?', '1']);
    expect(out).toMatch(/2025년 한국의 방위비 분담금은 1조 4,028억 원/);
    expect(out).toMatch(/2020년 한국의 방위비 분담금은 .*원/);
    // "1" asks the first suggestion of the 2020 answer (a request without words): still in Korean.
    const picked = /\n> (.+)\n([^\n]+)/.exec(out);
    expect(picked?.[1]).toMatch(/\p{Script=Hangul}/u);
    expect(picked?.[2]).toMatch(/\p{Script=Hangul}/u);
    expect(out).not.toMatch(/Korea's SMA contribution/);
  });

  it('--language ko answers an English question in Korean; without it, in English', async () => {
    expect(await chatWith(['How much does Korea pay this year?'], 'ko')).toMatch(/2025년 한국의 방위비 분담금은 1조 4,028억 원/);
    expect(await chatWith(['How much does Korea pay this year?'])).toMatch(/Korea's SMA contribution for 2025 is 1\.4028 trillion won/);
  });
});

describe('console votes: "+" and "-" on the last answer, in a real SQLite file', () => {
  async function chatVoting(lines: string[], feedback?: Feedback, voter = 'ana'): Promise<string> {
    const input = Object.assign(new PassThrough(), { isTTY: false });
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const done = startConsoleChat(responder, { input, output, voter, ...(feedback ? { feedback } : {}) });
    for (const l of lines) input.write(`${l}\n`);
    input.end();
    await done;
    return text;
  }

  it('"+" records, "+" again is the same, "- reason" changes it; the next answer is voted on apart; a non-answer cannot be voted on', async () => {
    const tmp = tempDir();
    const store = new ResilientStore({ location: tmp.dir, open: () => openCheckedSqliteStore(tmp.dir), logger: silentLogger });
    try {
      const feedback = new Feedback({ store, logger: silentLogger, secret: 'a-test-secret-of-at-least-32-chars!!' });
      const out = await chatVoting(['+', 'how big is usfk', '+', '+', '-   too\told, says 2018 ', 'When is the next round?', '-', 'help', '+'], feedback);
      expect(out.split('\n\n').filter((l) => l && !l.includes('\n'))).toEqual([
        'There is no answer from the record to vote on: ask a question, then "+" or "-" after its answer.',
        'Thanks — recorded 👍.',
        'You had already voted 👍 on this answer.',
        'Thanks — your vote is changed to 👎 with your reason.',
        'Thanks — recorded 👎.',
        'There is no answer from the record to vote on: ask a question, then "+" or "-" after its answer.',
      ]);
      // The help answer tells how to vote.
      expect(out).toContain('After an answer, "+" votes it helpful and "-" not helpful ("- reason words" says why).');
      const votes = await store.votes(new Date(0));
      expect(votes.map((v) => [v.platform, v.value, v.reason, v.answer.intent])).toEqual([
        ['console', 'down', 'too old, says 2018', 'fact'],
        ['console', 'down', undefined, 'next-round'],
      ]);
      expect(votes[1]!.answer.request).toEqual({ intent: 'next-round' });
      expect(votes[0]!.answerKey).toMatch(/^console:[0-9a-f-]{36}:1$/);
      expect(votes[1]!.answerKey).toBe(votes[0]!.answerKey.replace(/:1$/, ':2'));
      expect(votes[0]!.voter).toBe(hashUserId('a-test-secret-of-at-least-32-chars!!', 'console', 'ana'));
      // A question that merely starts with a dash is still a question.
      expect(await chatVoting(['-how big is usfk'], feedback)).toMatch(/28,500/);
    } finally {
      await store.close();
      tmp.remove();
    }
  });

  it('without a store the lines say votes are not enabled; a store that fails says try again', async () => {
    expect(await chatVoting(['how big is usfk', '+'])).toContain("Votes on answers need the bot's store, which is not enabled on this bot.");
    const down = new ResilientStore({
      location: 'x',
      open: async () => {
        throw new StoreUnavailableError('x', 'the disk is full');
      },
      logger: silentLogger,
    });
    const out = await chatVoting(['how big is usfk', '- stale'], new Feedback({ store: down, logger: silentLogger }));
    expect(out).toContain('Sorry, I could not record your vote just now. Please try again in a moment.');
  });
});
