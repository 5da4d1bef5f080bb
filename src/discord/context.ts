/**
 * What the Discord adapter needs from the rest of the bot, and the little state it keeps itself:
 * the previous answer per (channel, user) for follow-ups such as "what is the source for this?",
 * in a bounded in-memory map; losing it on restart only costs a follow-up its context (buttons
 * carry what they ask in their ids, see `customId.ts`).
 */
import type { LanguageChoices } from '../adapters/answerLanguage.js';
import { withButtonLanguage } from '../adapters/payload.js';
import type { Subscriptions } from '../announce/subscriptions.js';
import type { Answer, AskRequest, Language, Responder, Suggestion } from '../core/answer.js';
import type { Knowledge } from '../knowledge/schema.js';
import type { Logger } from '../log.js';

/** The announcement subscriptions as the adapter sees them (`src/announce/subscriptions.ts`). */
export type DiscordSubscriptions = Subscriptions;

export interface DiscordDeps {
  responder: Responder;
  logger: Logger;
  /** The bot's clock; when set, questions are answered as of `clock()`. */
  clock?: () => Date;
  /** Absent when announcements are not enabled: `/sma-admin` then says so. */
  subscriptions?: DiscordSubscriptions;
  /** The record as loaded now (it changes on reload), for `/sma chart`; absent: charts are off. */
  knowledge?: () => Knowledge;
  /** Users' and channels' answer languages (`/sma language`); absent: the question's language, then the locale. */
  languages?: LanguageChoices;
}

/** A Map that forgets its oldest entries beyond `max` (insertion order = recency, refreshed on set). */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  delete(key: K): void {
    this.map.delete(key);
  }
  get size(): number {
    return this.map.size;
  }
}

/** How long a previous answer counts as "this" for a follow-up question. */
export const CONVERSATION_TTL_MS = 30 * 60 * 1000;

export interface Asker {
  channelId: string | null;
  userId: string;
}

export class DiscordContext {
  readonly logger: Logger;
  private readonly previous = new BoundedMap<string, { answer: Answer; at: number }>(2000);

  constructor(readonly deps: DiscordDeps) {
    this.logger = deps.logger;
  }

  get responder(): Responder {
    return this.deps.responder;
  }

  now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  /**
   * Asks the core (words or a structured request), with the asker's previous answer, in `language`
   * when one is given (see `language.ts`), and remembers the reply.
   */
  ask(question: string | AskRequest, asker: Asker, language?: Language): Answer {
    const key = `${asker.channelId ?? 'dm'}:${asker.userId}`;
    const nowMs = this.now().getTime();
    const last = this.previous.get(key);
    const previous = last && nowMs - last.at <= CONVERSATION_TTL_MS ? last.answer : undefined;
    const options = { ...(this.deps.clock ? { now: this.now() } : {}), ...(previous ? { previous } : {}), ...(language ? { language } : {}) };
    const answer = withButtonLanguage(this.deps.responder.ask(question, options));
    this.previous.set(key, { answer, at: nowMs });
    return answer;
  }
}
