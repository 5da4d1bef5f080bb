/** The answer-language rules and the choices' reads, caching and deadline, with a store stub that behaves as the real ones do. */
import { describe, expect, it } from 'vitest';
import { answerLanguage, createLanguageChoices, localeLanguage, parseLanguageSetting, spokenLanguage } from '../../src/adapters/answerLanguage.js';
import { decodePayload, encodeSuggestion, withButtonLanguage } from '../../src/adapters/payload.js';
import { StoreUnavailableError, type LanguageSubject } from '../../src/announce/store.js';
import type { Answer, Language } from '../../src/core/answer.js';
import { silentLogger } from '../../src/log.js';

describe('the rules', () => {
  it('the question: Hangul words against Latin words that are not acronyms; neither → undecided', () => {
    expect(spokenLanguage('SMA가 뭐야')).toBe('ko');
    expect(spokenLanguage('what is the SMA')).toBe('en');
    expect(spokenLanguage('SMA?')).toBeUndefined();
    expect(spokenLanguage('2019')).toBeUndefined();
  });

  it("explicit choice > the button's language > the question > the locale > nothing (English)", () => {
    expect(answerLanguage({ chosen: 'en', question: '다음 회의는?', locale: 'ko' })).toBe('en');
    expect(answerLanguage({ button: 'ko', locale: 'en-US' })).toBe('ko');
    expect(answerLanguage({ question: 'When is the next round?', locale: 'ko' })).toBe('en');
    expect(answerLanguage({ question: 'SMA?', locale: 'ko' })).toBe('ko');
    expect(answerLanguage({ locale: 'ko' })).toBe('ko');
    expect(answerLanguage({})).toBeUndefined();
    expect(localeLanguage('en-GB')).toBe('en');
  });

  it('the words `/sma language` takes', () => {
    expect(['ko', 'Korean', '한국어', 'en', '영어', 'auto', '자동', 'fr'].map(parseLanguageSetting)).toEqual(['ko', 'ko', 'ko', 'en', 'en', 'auto', 'auto', undefined]);
  });
});

describe('buttons under a Korean answer', () => {
  it("carry `ko:` and decode to a Korean target; English answers' buttons are unchanged", () => {
    const answer = {
      language: 'ko',
      suggestions: [
        { question: '다음 회의는 언제인가요?', request: { intent: 'next-round' } },
        { question: '주한미군 규모는?', factId: 'usfk-troop-numbers' },
      ],
    } as unknown as Answer;
    const [request, fact] = withButtonLanguage(answer).suggestions.map((s) => encodeSuggestion(s, 100)!);
    expect(request).toBe('ko:r:{"i":"next-round"}');
    expect(fact).toBe('ko:f:usfk-troop-numbers');
    expect(decodePayload(fact)).toEqual({ kind: 'fact', factId: 'usfk-troop-numbers', language: 'ko' });
    expect(decodePayload('ko:x:nope')).toBeUndefined();
    const english = { ...answer, language: 'en' } as Answer;
    expect(withButtonLanguage(english)).toBe(english);
  });
});

describe('the choices', () => {
  const stub = () => {
    const rows = new Map<string, Language>();
    const k = (s: LanguageSubject) => `${s.platform}|${s.scope}|${s.workspaceId}|${s.subjectId}`;
    const s = {
      reads: 0,
      fail: undefined as Error | undefined,
      delayMs: 0,
      async languages(subjects: readonly LanguageSubject[]) {
        s.reads++;
        if (s.delayMs) await new Promise((r) => setTimeout(r, s.delayMs));
        if (s.fail) throw s.fail;
        return subjects.map((x) => rows.get(k(x)));
      },
      async setLanguage(subject: LanguageSubject, language: Language | undefined) {
        if (s.fail) throw s.fail;
        const before = rows.get(k(subject));
        if (language) rows.set(k(subject), language);
        else rows.delete(k(subject));
        return before !== language;
      },
    };
    return s;
  };
  const asker = { platform: 'slack' as const, workspaceId: 'T1', userId: 'U1', channelId: 'C1' };

  it("the user's and the channel's, cached; this instance's own change shows at once", async () => {
    const store = stub();
    let t = 0;
    const choices = createLanguageChoices(store, { logger: silentLogger, ttlMs: 1000, now: () => t });
    expect(await choices.chosen(asker)).toEqual({});
    expect(await choices.set(asker, 'channel', 'ko')).toBe('saved');
    expect(await choices.set(asker, 'channel', 'ko')).toBe('unchanged');
    expect(await choices.chosen(asker)).toEqual({ channel: 'ko' });
    const reads = store.reads;
    await choices.chosen(asker);
    expect(store.reads).toBe(reads); // from the cache
    t = 2000;
    await choices.chosen(asker);
    expect(store.reads).toBe(reads + 1);
    await choices.set(asker, 'user', 'en');
    expect(await choices.chosen(asker)).toEqual({ user: 'en', channel: 'ko' });
  });

  it('a store that fails or is slow counts as no choice (never an error, never a long wait); saving rejects', async () => {
    const store = stub();
    const choices = createLanguageChoices(store, { logger: silentLogger, timeoutMs: 50, ttlMs: 0 });
    store.fail = new StoreUnavailableError('test-store', 'the disk is full');
    expect(await choices.chosen(asker)).toEqual({});
    await expect(choices.set(asker, 'user', 'ko')).rejects.toThrow(/the disk is full/);
    store.fail = undefined;
    store.delayMs = 500;
    const started = Date.now();
    expect(await choices.chosen(asker)).toEqual({});
    expect(Date.now() - started).toBeLessThan(400);
  });
});
