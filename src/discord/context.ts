/**
 * What the Discord adapter needs from the rest of the bot. Follow-ups ("and in 2020?", "source?")
 * are answered in the asker's conversation in that channel, kept by the one conversation service
 * (src/conversation/service.ts); buttons carry what they ask in their ids (`customId.ts`), so they
 * need no memory at all.
 */
import type { LanguageChoices } from '../adapters/answerLanguage.js';
import { withButtonLanguage } from '../adapters/payload.js';
import type { Subscriptions } from '../announce/subscriptions.js';
import type { Answer, AskRequest, Language, Responder } from '../core/answer.js';
import { conversationKey } from '../conversation/keys.js';
import { ConversationService } from '../conversation/service.js';
import type { ReportProvider } from '../curation/chatReport.js';
import type { Knowledge } from '../knowledge/schema.js';
import type { Feedback } from '../curation/feedback.js';
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
  /** The bot's conversations (shared with the other platforms); absent: the adapter keeps its own in memory. */
  conversations?: ConversationService;
  /** Users' and channels' answer languages (`/sma language`); absent: the question's language, then the locale. */
  languages?: LanguageChoices;
  /** Readers' 👍/👎 on answers, kept in the bot's store; absent: answers carry no vote buttons. */
  feedback?: Feedback;
  /** The curators' report for `/sma-admin report`; absent: the command says it is not enabled. */
  report?: ReportProvider;
}

export interface Asker {
  guildId: string | null;
  channelId: string | null;
  userId: string;
}

export class DiscordContext {
  readonly logger: Logger;
  private readonly conversations: ConversationService;

  constructor(readonly deps: DiscordDeps) {
    this.logger = deps.logger;
    this.conversations = deps.conversations ?? new ConversationService(deps.responder, { logger: deps.logger });
  }

  get responder(): Responder {
    return this.deps.responder;
  }

  now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  /**
   * Asks the core (words or a structured request) in the asker's conversation in this channel, in
   * `language` when one is given (see `language.ts`); a Korean answer's buttons ask in Korean.
   */
  async ask(question: string | AskRequest, asker: Asker, language?: Language): Promise<Answer> {
    const key = conversationKey.discord(asker.guildId, asker.channelId, asker.userId);
    const from = { platform: 'discord' as const, userId: asker.userId };
    return withButtonLanguage(await this.conversations.ask(key, question, { ...(this.deps.clock ? { now: this.now() } : {}), ...(language ? { language } : {}), from }));
  }
}
