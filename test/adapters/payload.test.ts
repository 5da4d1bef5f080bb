/** The button payload both platforms carry: what it encodes, and what it refuses to decode. */
import { describe, expect, it } from 'vitest';
import { coreInput, decodePayload, encodeSuggestion, encodeTarget, MAX_PAYLOAD_LENGTH } from '../../src/adapters/payload.js';
import type { AskRequest, Responder } from '../../src/core/answer.js';
import { INTENT_NAMES } from '../../src/knowledge/schema.js';

describe('encoding a suggestion', () => {
  it('prefers its request, then its fact, then its words, whichever fits first', () => {
    const s = { question: 'Who signed the 11th SMA?', factId: 'sma-11-signers', request: { intent: 'agreement' as const, agreement: 11, aspects: ['signers'] } };
    expect(encodeSuggestion(s, 100)).toBe('r:{"i":"agreement","a":11,"x":["signers"]}');
    expect(encodeSuggestion(s, 40)).toBe('f:sma-11-signers');
    expect(encodeSuggestion({ question: s.question }, 100)).toBe('q:Who signed the 11th SMA?');
    expect(encodeSuggestion({ question: 'x'.repeat(200) }, 100)).toBeUndefined();
    expect(encodeSuggestion({ question: '   ' }, 100)).toBeUndefined();
  });

  it('writes equal requests alike, whatever the order of their keys or empty slots', () => {
    const a: AskRequest = { aspects: [], year: 2019, intent: 'contribution' };
    const b: AskRequest = { intent: 'contribution', year: 2019 };
    expect(encodeTarget({ kind: 'request', request: a })).toBe(encodeTarget({ kind: 'request', request: b }));
    expect(encodeTarget({ kind: 'request', request: b })).toBe('r:{"i":"contribution","y":2019}');
  });

  it('every intent, with every slot filled, fits a Discord custom id and decodes back to itself', () => {
    for (const intent of INTENT_NAMES) {
      const request: AskRequest = { intent, agreement: 12, round: 10, year: 2026, side: 'korea', aspects: ['signed', 'ratified'] };
      const payload = encodeTarget({ kind: 'request', request });
      expect(payload.length).toBeLessThanOrEqual(100 - 'sma:'.length);
      expect(decodePayload(payload)).toEqual({ kind: 'request', request });
    }
  });
});

describe('decoding what a click sent back (user-controlled)', () => {
  it.each([
    ['nothing', undefined],
    ['an empty string', ''],
    ['no prefix', 'When is the next round?'],
    ['an unknown prefix', 'x:1'],
    ['JSON that is not an object', 'r:[1,2]'],
    ['broken JSON', 'r:{"i"'],
    ['no intent', 'r:{"a":11}'],
    ['an unknown intent', 'r:{"i":"weather"}'],
    ['an unknown key', 'r:{"i":"rounds","__proto__":{"x":1}}'],
    ['a string where a number goes', 'r:{"i":"rounds","a":"11"}'],
    ['a fraction', 'r:{"i":"rounds","a":1.5}'],
    ['an agreement out of bounds', 'r:{"i":"rounds","a":100}'],
    ['a year out of bounds', 'r:{"i":"contribution","y":30000}'],
    ['an unknown side', 'r:{"i":"negotiators","s":"japan"}'],
    ['an aspect that is no word', 'r:{"i":"agreement","x":["<script>"]}'],
    ['too many aspects', `r:{"i":"agreement","x":${JSON.stringify(Array(11).fill('signed'))}}`],
    ['a fact id with a slash', 'f:a/b'],
    ['an upper-case fact id', 'f:Fact'],
    ['an empty question', 'q: '],
    ['a question over 500 characters', `q:${'a'.repeat(501)}`],
    ['a payload over the limit', `q:${'a'.repeat(MAX_PAYLOAD_LENGTH)}`],
  ])('refuses %s', (_name, payload) => {
    expect(decodePayload(payload)).toBeUndefined();
  });

  it('reads each kind back', () => {
    expect(decodePayload('f:sma-10-signed')).toEqual({ kind: 'fact', factId: 'sma-10-signed' });
    expect(decodePayload('q: When is the next round? ')).toEqual({ kind: 'question', question: 'When is the next round?' });
    expect(decodePayload('r:{"i":"negotiators","s":"us","a":11}')).toEqual({ kind: 'request', request: { intent: 'negotiators', agreement: 11, side: 'us' } });
  });
});

describe('what the core is asked', () => {
  const responder: Responder = {
    ask: () => {
      throw new Error('not asked here');
    },
    complete: (partial) => (partial ? [] : [{ question: 'When was the 10th SMA signed?', factId: 'sma-10-signed' }]),
  };

  it('a request and words as they are; a fact as its question; a fact the record no longer has as nothing', () => {
    expect(coreInput(responder, { kind: 'request', request: { intent: 'summary' } })).toEqual({ intent: 'summary' });
    expect(coreInput(responder, { kind: 'question', question: 'hi' })).toBe('hi');
    expect(coreInput(responder, { kind: 'fact', factId: 'sma-10-signed' })).toBe('When was the 10th SMA signed?');
    expect(coreInput(responder, { kind: 'fact', factId: 'gone' })).toBeUndefined();
  });
});
