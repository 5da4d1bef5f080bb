/**
 * What every Slack listener is handed: the core's `Responder`, the logger, the bot's clock, the
 * bot's conversations (follow-ups in a thread or DM, src/conversation/service.ts) and the
 * adapter's small state. Listeners only translate between Slack and the core.
 */
import { randomUUID } from 'node:crypto';
import type { LanguageChoices } from '../adapters/answerLanguage.js';
import { platformMessages } from '../adapters/i18n/index.js';
import { withButtonLanguage } from '../adapters/payload.js';
import type { Subscriptions } from '../announce/subscriptions.js';
import type { Answer, AskRequest, Language, Responder } from '../core/answer.js';
import type { Knowledge } from '../knowledge/schema.js';
import type { Logger } from '../log.js';
import type { ConversationState } from '../state/conversationState.js';
import type { ConversationService } from '../conversation/service.js';
import type { Feedback } from '../curation/feedback.js';
import type { ReportProvider } from '../curation/chatReport.js';
import { TtlCache } from './cache.js';
import { localMemory, sharedMemory, type ConversationMemory } from './conversation.js';
import { describeError } from './errors.js';
import { encodeShareValue, targetOfInput } from './payload.js';
import { renderAnswer, renderNotice, type RenderOptions, type SlackMessage } from './render.js';

/** What the app passes in (`src/main.ts`). */
export interface SlackDeps {
  responder: Responder;
  logger: Logger;
  /** The bot's clock for relative words ("next round", "this year"); the responder's own when absent. */
  clock?: () => Date;
  /** Channel subscriptions for round announcements (`/sma subscribe`); absent: the commands say they are not enabled. */
  subscriptions?: Subscriptions;
  /** The record as loaded now (it changes on reload), for `/sma chart`; absent: charts are off. */
  knowledge?: () => Knowledge;
  /** Shared by the instances (Postgres) when set: shares and their claims work whichever instance gets them. */
  conversationState?: ConversationState;
  /** The bot's conversations (shared with the other platforms); absent: the adapter keeps its own in memory. */
  conversations?: ConversationService;
  /** Users' and channels' answer languages (`/sma language`); absent: each question's own language. */
  languages?: LanguageChoices;
  /** Readers' 👍/👎 on answers, kept in the bot's store; absent: answers carry no vote buttons. */
  feedback?: Feedback;
  /** The curators' report for `/sma report`; absent: the command says it is not enabled. */
  report?: ReportProvider;
  /** Who may ask `/sma report` (SLACK_ADMIN_USERS); nobody when absent. */
  admins?: readonly string[];
}

export interface SlackState {
  /** Event ids already handled: a Slack retry of one of them is dropped (1 hour, longer than Slack retries). */
  seenEvents: TtlCache<true>;
  /** Signatures (with their timestamps) of HTTP requests handled: a replay is dropped (10 minutes: Bolt accepts a timestamp for 5). */
  seenRequests: TtlCache<true>;
  /** Ephemeral answers that carry a "Share in channel" button, by share id (response_urls live 30 min). */
  shareable: ConversationMemory<Answer>;
  /** Share clicks already posted (message + user + share id): a double click posts once. */
  shared: ConversationMemory<true>;
}

export interface ListenerDeps extends SlackDeps {
  state: SlackState;
  conversations: ConversationService;
}

const MINUTE = 60_000;

/** With `shared` (and its logger), the conversation memory lives there; retry and replay guards stay per instance. */
export function createState(now: () => number = Date.now, shared?: { state: ConversationState; logger: Logger }): SlackState {
  const memory = <V>(name: string): ConversationMemory<V> =>
    shared ? sharedMemory<V>(shared.state, name, 30 * MINUTE, shared.logger) : localMemory(new TtlCache<V>(30 * MINUTE, 10_000, now));
  return {
    seenEvents: new TtlCache(60 * MINUTE, 50_000, now),
    seenRequests: new TtlCache(10 * MINUTE, 100_000, now),
    shareable: memory('shareable'),
    shared: memory('shared'),
  };
}

export const SORRY = platformMessages('en').common.sorry;
/** For a button whose value is malformed, or names a fact the record no longer has. */
export const UNKNOWN_BUTTON = platformMessages('en').slack.unknownButton;

/**
 * Asks the core in a conversation (a thread, a DM, a user's slash commands in a channel; none: no
 * context): the user's words, or a structured request (a subcommand, a button); a failing
 * responder is logged and gives undefined, never a crash.
 */
export async function ask(deps: ListenerDeps, question: string | AskRequest, conversation?: string, language?: Language, userId?: string): Promise<Answer | undefined> {
  const now = deps.clock?.();
  try {
    const from = { platform: 'slack' as const, ...(userId ? { userId } : {}) };
    return answered(deps, await deps.conversations.ask(conversation, question, { ...(now ? { now } : {}), ...(language ? { language } : {}), from }));
  } catch (error) {
    return failed(deps, error);
  }
}

/** Asks the core outside any conversation, at once (the help text, built synchronously): nothing kept. */
export function askAlone(deps: ListenerDeps, question: string | AskRequest, language?: Language): Answer | undefined {
  const now = deps.clock?.();
  try {
    return answered(deps, deps.responder.ask(question, { ...(now ? { now } : {}), ...(language ? { language } : {}) }));
  } catch (error) {
    return failed(deps, error);
  }
}

/** The answer with its language marked on its buttons (a Korean answer's buttons ask in Korean). */
function answered(deps: ListenerDeps, answer: Answer): Answer {
  deps.logger.debug('slack question answered', { intent: answer.intent, kind: answer.kind, matched: answer.matched });
  return withButtonLanguage(answer);
}

function failed(deps: ListenerDeps, error: unknown): undefined {
  deps.logger.error('responder failed', { error: describeError(error, { stack: true }) });
  return undefined;
}

export interface ReplyOptions {
  conversation?: string;
  /** Ephemeral replies get a "Share in channel" button (only answers worth sharing: kind `answer`). */
  shareable?: boolean;
  inDirectMessage?: boolean;
  /** The answer language chosen or resolved (`src/adapters/answerLanguage.ts`); absent: the question's own. */
  language?: Language;
  /** Who asked, for the question log (hashed there, and kept only with QUESTION_LOG=on). */
  userId?: string;
}

/** Asks and renders: the one path from a question or request to a Slack message. */
export async function reply(deps: ListenerDeps, question: string | AskRequest, options: ReplyOptions = {}): Promise<SlackMessage> {
  const answer = await ask(deps, question, options.conversation, options.language, options.userId);
  if (!answer) return renderNotice(platformMessages(options.language).common.sorry);
  const render: RenderOptions = { inDirectMessage: options.inDirectMessage ?? false, votes: Boolean(deps.feedback) };
  if (options.shareable && answer.kind === 'answer') {
    const id = randomUUID();
    await deps.state.shareable.set(id, answer);
    render.shareValue = encodeShareValue({ id, target: { ...targetOfInput(question), ...(answer.language === 'ko' ? { language: answer.language } : {}) } });
  }
  return renderAnswer(answer, render);
}
