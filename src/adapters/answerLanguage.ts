/**
 * Which language an answer is written in, the same on every platform:
 *
 *   1. an explicit choice (`/sma language`): the asker's own, else the channel's;
 *   2. the language of the question itself (Hangul words against Latin words that are not
 *      acronyms, the core's rule), or of the answer a button was under;
 *   3. Discord's `interaction.locale` (`ko` → Korean);
 *   4. English.
 *
 * The choices live in the announcement store (`language_choices`). Reading them must never hold
 * up or break an answer: a read waits at most `timeoutMs`, a store that cannot be used counts as
 * "no choice" (the question's language then decides), and what was read is cached for `ttlMs`
 * (several instances share Postgres, so another instance's change shows within that time; this
 * instance's own changes show at once).
 */
import type { Language } from '../core/answer.js';
import type { AnnouncementStore, LanguageScope, LanguageSubject, Platform } from '../announce/store.js';
import type { Logger } from '../log.js';

/** What `/sma language` accepts: a language, or `auto` (no choice: follow each question). */
export type LanguageSetting = Language | 'auto';

const WORDS: Record<string, LanguageSetting> = {
  ko: 'ko',
  kr: 'ko',
  korean: 'ko',
  한국어: 'ko',
  한글: 'ko',
  한국말: 'ko',
  en: 'en',
  english: 'en',
  영어: 'en',
  auto: 'auto',
  automatic: 'auto',
  자동: 'auto',
};

/** `ko`, `Korean`, `한국어` → 'ko'; `en`, `영어` → 'en'; `auto`, `자동` → 'auto'; anything else undefined. */
export function parseLanguageSetting(word: string | undefined): LanguageSetting | undefined {
  return word ? WORDS[word.trim().toLowerCase()] : undefined;
}

/**
 * The language the words of a question are written in, by the core's rule (`languageOf` in
 * src/core/understand/analyse.ts), or undefined when they have neither Hangul nor a Latin word
 * that is not an acronym ("SMA?", "2019"): then the next rule decides.
 */
export function spokenLanguage(text: string): Language | undefined {
  const hangul = text.match(/[\p{Script=Hangul}]+/gu)?.length ?? 0;
  const latin = (text.match(/\p{Script=Latin}+/gu) ?? []).filter((w) => !/^[A-Z]{2,6}s?$/.test(w)).length;
  if (!hangul && !latin) return undefined;
  return hangul > latin ? 'ko' : 'en';
}

/** Discord's locale (`ko`, `en-US`, …) as an answer language; only Korean is offered besides English. */
export function localeLanguage(locale: string | null | undefined): Language | undefined {
  if (!locale) return undefined;
  return locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export interface LanguageInputs {
  /** The explicit choice (`LanguageChoices.chosen`). */
  chosen?: Language;
  /** The words asked, when the question is typed. */
  question?: string;
  /** The language of the answer a clicked button was under. */
  button?: Language;
  /** Discord's `interaction.locale`. */
  locale?: string | null;
}

/**
 * The `language` to hand the core, or undefined when nothing decides it (then the core answers in
 * English, or in the language of the words it is given). The question's own language is passed
 * explicitly, not left to the core, so that a follow-up ("2020년은?") that the core answers by
 * re-asking the previous answer's request, which has no words, keeps the question's language.
 */
export function answerLanguage(i: LanguageInputs): Language | undefined {
  if (i.chosen) return i.chosen;
  if (i.button) return i.button;
  const spoken = i.question !== undefined ? spokenLanguage(i.question) : undefined;
  if (spoken) return spoken;
  return i.locale ? localeLanguage(i.locale) : undefined;
}

/** The one language for an adapter's own texts: the rules above, else English. */
export function textLanguage(i: LanguageInputs): Language {
  return answerLanguage(i) ?? 'en';
}

/** Who is asking, where: the keys of their choice and of their channel's. */
export interface Asker {
  platform: Platform;
  /** Slack team id; Discord guild id ('' in a DM). */
  workspaceId: string;
  userId: string;
  channelId: string;
}

/**
 * The store keys. Slack users are scoped to their workspace; Discord users are global (the same
 * choice in every server and in DMs); channels keep their workspace for the record.
 */
export function subjectOf(asker: Asker, scope: LanguageScope): LanguageSubject {
  if (scope === 'channel') return { platform: asker.platform, scope, workspaceId: asker.workspaceId, subjectId: asker.channelId };
  return { platform: asker.platform, scope, workspaceId: asker.platform === 'slack' ? asker.workspaceId : '', subjectId: asker.userId };
}

export interface Chosen {
  user?: Language;
  channel?: Language;
}

export interface LanguageChoices {
  /** The asker's and the channel's choices; both undefined when there are none or the store cannot answer in time. */
  chosen(asker: Asker): Promise<Chosen>;
  /** The same, but a store that cannot be used rejects (for `/sma language` without arguments). */
  read(asker: Asker): Promise<Chosen>;
  /** Saves (or, with 'auto', forgets) a choice; rejects with StoreUnavailableError when the store cannot be used. */
  set(asker: Asker, scope: LanguageScope, setting: LanguageSetting): Promise<'saved' | 'unchanged'>;
}

/** The choice that wins: the asker's own over the channel's. */
export const winner = (c: Chosen): Language | undefined => c.user ?? c.channel;

export interface LanguageChoicesOptions {
  logger: Logger;
  /** How long a read may take before the answer goes ahead without it (default 300 ms). */
  timeoutMs?: number;
  /** How long what was read is reused (default 30 s). */
  ttlMs?: number;
  /** Entries kept at most (default 10,000). */
  maxEntries?: number;
  now?: () => number;
}

const key = (s: LanguageSubject) => `${s.platform}|${s.scope}|${s.workspaceId}|${s.subjectId}`;

export function createLanguageChoices(store: Pick<AnnouncementStore, 'languages' | 'setLanguage'>, o: LanguageChoicesOptions): LanguageChoices {
  const timeoutMs = o.timeoutMs ?? 300;
  const ttlMs = o.ttlMs ?? 30_000;
  const maxEntries = o.maxEntries ?? 10_000;
  const now = o.now ?? Date.now;
  const cache = new Map<string, { language: Language | undefined; at: number }>();
  const logger = o.logger.child({ component: 'language' });

  const remember = (s: LanguageSubject, language: Language | undefined) => {
    cache.delete(key(s));
    cache.set(key(s), { language, at: now() });
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
  };
  const cached = (s: LanguageSubject) => {
    const hit = cache.get(key(s));
    return hit && now() - hit.at < ttlMs ? hit : undefined;
  };

  async function read(asker: Asker): Promise<Chosen> {
    const subjects = [subjectOf(asker, 'user'), subjectOf(asker, 'channel')] as const;
    const hits = subjects.map(cached);
    if (hits[0] && hits[1]) return { ...(hits[0].language ? { user: hits[0].language } : {}), ...(hits[1].language ? { channel: hits[1].language } : {}) };
    const [user, channel] = await store.languages(subjects);
    remember(subjects[0], user);
    remember(subjects[1], channel);
    return { ...(user ? { user } : {}), ...(channel ? { channel } : {}) };
  }

  return {
    read,
    async chosen(asker) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
      const reading = read(asker);
      reading.catch(() => undefined); // a read that loses the race may still fail later: nobody waits for it
      try {
        const result = await Promise.race([reading, late]);
        if (result !== 'late') return result;
        logger.warn('language choices not read in time; answering in the language of the question', { timeoutMs });
        return {};
      } catch (error) {
        // The store logs its own pause once; here only that this answer goes ahead without the choice.
        logger.debug('language choices unavailable; answering in the language of the question', { error });
        return {};
      } finally {
        clearTimeout(timer);
      }
    },
    async set(asker, scope, setting) {
      const subject = subjectOf(asker, scope);
      const language = setting === 'auto' ? undefined : setting;
      const changed = await store.setLanguage(subject, language, asker.userId);
      remember(subject, language);
      return changed ? 'saved' : 'unchanged';
    },
  };
}
