/**
 * The pieces of 👍/👎 every platform shares: the vote payload a button carries (and what it
 * refuses: it comes back from a click), what an answer is recorded as, the hashed voter id and
 * the one-line reason.
 */
import { describe, expect, it } from 'vitest';
import { decodePayload, decodeVote, encodeVote } from '../../src/adapters/payload.js';
import type { Answer } from '../../src/core/answer.js';
import { answerRefOf, votable } from '../../src/curation/answerRef.js';
import { Feedback, MAX_REASON_LENGTH, oneLine } from '../../src/curation/feedback.js';
import { hashUserId } from '../../src/curation/hashId.js';
import type { Vote } from '../../src/curation/types.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { LIMITS, voteRow } from '../../src/discord/render.js';

const answer = (extra: Partial<Answer>): Answer => ({
  kind: 'answer',
  matched: true,
  intent: 'fact',
  title: 't',
  text: 'x',
  factIds: ['troops'],
  sources: [],
  confidence: 0.9,
  suggestions: [],
  language: 'en',
  ...extra,
});

describe('the vote payload', () => {
  it('names a fact, a table answer by its slots, or an intent; a Korean answer is marked; every form decodes back', () => {
    const cases = [
      [{ value: 'up', answer: { intent: 'fact', factId: 'sma-definition', language: 'en' } }, 'v:u:f:sma-definition'],
      [{ value: 'down', answer: { intent: 'rounds', request: { intent: 'rounds', agreement: 11 }, language: 'ko' } }, 'v:d:ko:r:{"i":"rounds","a":11}'],
      [{ value: 'up', answer: { intent: 'sources', language: 'en' } }, 'v:u:i:sources'],
    ] as const;
    for (const [vote, payload] of cases) {
      expect(encodeVote(vote)).toBe(payload);
      expect(decodeVote(payload)).toEqual(vote);
      expect(decodePayload(payload)).toBeUndefined(); // a vote is never something to ask
    }
  });

  it('refuses what no button of this bot carries', () => {
    for (const bad of [
      'v:x:f:troops',
      'v:u:f:../etc',
      'v:u:f:',
      'v:u:i:hack',
      'v:u:r:{"i":"rounds","a":1000}',
      'v:u:r:{"i":"rounds","evil":1}',
      'v:u:r:{not json',
      'v:u:en:f:troops',
      `v:u:f:${'a'.repeat(2001)}`,
      'f:troops',
      '',
    ]) {
      expect(decodeVote(bad)).toBeUndefined();
    }
    expect(decodeVote(undefined)).toBeUndefined();
  });

  it('fits a Discord custom id with every slot of a table answer filled', () => {
    const full = answer({
      intent: 'contribution',
      factIds: [],
      request: { intent: 'contribution', agreement: 12, round: 10, year: 2026, side: 'korea', aspects: ['amount', 'increase'] },
      language: 'ko',
    });
    const row = voteRow(full);
    expect(row?.components.map((b) => b.custom_id.length).every((n) => n <= LIMITS.customId)).toBe(true);
  });
});

describe('what an answer is recorded as', () => {
  it('a fact answer by its fact, a table answer by its request; only answers from the record are votable', () => {
    expect(answerRefOf(answer({}))).toEqual({ intent: 'fact', factId: 'troops', language: 'en' });
    expect(answerRefOf(answer({ intent: 'next-round', factIds: [], request: { intent: 'next-round' }, language: 'ko' }))).toEqual({
      intent: 'next-round',
      request: { intent: 'next-round' },
      language: 'ko',
    });
    expect(votable(answer({}))).toBe(true);
    expect(votable(answer({ kind: 'clarify', matched: false }))).toBe(false);
    expect(votable(answer({ kind: 'answer', matched: false, intent: 'contribution' }))).toBe(false); // "the record has no figure for…"
    expect(votable(answer({ kind: 'unknown', matched: false, intent: 'none' }))).toBe(false);
  });
});

describe('voter ids and reasons', () => {
  it('a voter is an HMAC of platform and id: stable, different per platform and per secret, never the id', () => {
    const a = hashUserId('s'.repeat(32), 'slack', 'U123');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashUserId('s'.repeat(32), 'slack', 'U123')).toBe(a);
    expect(hashUserId('s'.repeat(32), 'discord', 'U123')).not.toBe(a);
    expect(hashUserId('t'.repeat(32), 'slack', 'U123')).not.toBe(a);
    expect(a).not.toContain('U123');
    expect(() => hashUserId('', 'slack', 'U1')).toThrow(/secret/);
  });

  it('a reason is one line of at most 200 characters; an empty one is none', () => {
    expect(oneLine('  too\nold\t\u0000says  2018 ')).toBe('too old says 2018');
    expect(oneLine('   \n ')).toBeUndefined();
    expect(oneLine(undefined)).toBeUndefined();
    expect([...oneLine('가'.repeat(300))!].length).toBe(MAX_REASON_LENGTH);
    expect(oneLine('👎'.repeat(250))).toBe('👎'.repeat(200)); // cut between characters, never inside one
  });
});

describe('Feedback.vote', () => {
  it('a store that does not answer in time is a failed vote (the voter is asked to try again), never a hang', async () => {
    const lines: string[] = [];
    const hanging = { recordVote: () => new Promise<never>(() => {}), votes: async () => [], curationSecret: async () => 'kept-secret' };
    const feedback = new Feedback({ store: hanging, logger: createLogger('debug', (l) => lines.push(l)), timeoutMs: 50 });
    const started = Date.now();
    const outcome = await feedback.vote({ platform: 'slack', userId: 'U1', answerKey: 'slack:T1:C1:1.2', answer: { intent: 'summary' }, value: 'down', reason: 'my words' });
    expect(outcome).toEqual({ ok: false });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(lines.join('\n')).toContain('the store did not answer within 50 ms');
    expect(lines.join('\n')).not.toMatch(/my words|U1/);
  });

  it("hashes with CURATION_SECRET when set, else with the store's own secret; a 👍 keeps no reason", async () => {
    const recorded: Vote[] = [];
    const store = { recordVote: async (v: Vote) => (recorded.push(v), 'new' as const), votes: async () => [], curationSecret: async () => 'the-store-secret' };
    await new Feedback({ store, logger: silentLogger, secret: 'x'.repeat(32) }).vote({
      platform: 'discord',
      userId: '42',
      answerKey: 'discord:1',
      answer: { intent: 'fact', factId: 'f' },
      value: 'up',
      reason: 'ignored',
    });
    await new Feedback({ store, logger: silentLogger }).vote({ platform: 'discord', userId: '42', answerKey: 'discord:1', answer: { intent: 'fact', factId: 'f' }, value: 'up' });
    expect(recorded.map((v) => v.voter)).toEqual([hashUserId('x'.repeat(32), 'discord', '42'), hashUserId('the-store-secret', 'discord', '42')]);
    expect(recorded[0]!.reason).toBeUndefined();
  });
});
