/**
 * What every Slack listener is handed: the core's `Responder`, the logger, the bot's clock and the
 * adapter's small in-memory state. Listeners only translate between Slack and the `Responder`.
 */
import { randomUUID } from 'node:crypto';
import type { Subscriptions } from '../announce/subscriptions.js';
import type { Answer, AskRequest, Responder } from '../core/answer.js';
import type { Knowledge } from '../knowledge/schema.js';
import type { Logger } from '../log.js';
import type { ConversationState } from '../state/conversationState.js';
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
  /** Shared by the instances (Postgres) when set: follow-ups, shares and buttons work whichever instance gets them. */
  conversationState?: ConversationState;
}

export interface SlackState {
  /** Event ids already handled: a Slack retry of one of them is dropped (1 hour, longer than Slack retries). */
  seenEvents: TtlCache<true>;
  /** Signatures (with their timestamps) of HTTP requests handled: a replay is dropped (10 minutes: Bolt accepts a timestamp for 5). */
  seenRequests: TtlCache<true>;
  /** The last knowledge answer per conversation, for follow-ups such as "what is the source for this?". */
  previous: ConversationMemory<Answer>;
  /** Ephemeral answers that carry a "Share in channel" button, by share id (response_urls live 30 min). */
  shareable: ConversationMemory<Answer>;
  /** Share clicks already posted (message + user + share id): a double click posts once. */
  shared: ConversationMemory<true>;
}

export interface ListenerDeps extends SlackDeps {
  state: SlackState;
}

const MINUTE = 60_000;

/** With `shared` (and its logger), the conversation memory lives there; retry and replay guards stay per instance. */
export function createState(now: () => number = Date.now, shared?: { state: ConversationState; logger: Logger }): SlackState {
  const memory = <V>(name: string): ConversationMemory<V> =>
    shared ? sharedMemory<V>(shared.state, name, 30 * MINUTE, shared.logger) : localMemory(new TtlCache<V>(30 * MINUTE, 10_000, now));
  return {
    seenEvents: new TtlCache(60 * MINUTE, 50_000, now),
    seenRequests: new TtlCache(10 * MINUTE, 100_000, now),
    previous: memory('previous'),
    shareable: memory('shareable'),
    shared: memory('shared'),
  };
}

export const SORRY = 'Sorry, I could not answer that just now. Please try again in a moment.';
/** For a button whose value is malformed, or names a fact the record no longer has. */
export const UNKNOWN_BUTTON = 'That button belongs to an older answer and I could not tell what it asked. Please ask again with `/sma` and your question.';

/**
 * Asks the core: the user's words, or a structured request (a subcommand, a button); a failing
 * responder is logged and gives `undefined` (the caller shows SORRY).
 */
export async function ask(deps: ListenerDeps, question: string | AskRequest, conversation?: string): Promise<Answer | undefined> {
  const previous = conversation ? await deps.state.previous.get(conversation) : undefined;
  const answer = askNow(deps, question, previous);
  if (conversation && answer?.matched) await deps.state.previous.set(conversation, answer);
  return answer;
}

/** Asks with no conversation memory (the help, or a previous answer already in hand). */
export function askNow(deps: ListenerDeps, question: string | AskRequest, previous?: Answer): Answer | undefined {
  const now = deps.clock?.();
  try {
    const answer = deps.responder.ask(question, { ...(now ? { now } : {}), ...(previous ? { previous } : {}) });
    deps.logger.debug('slack question answered', { intent: answer.intent, kind: answer.kind, matched: answer.matched });
    return answer;
  } catch (error) {
    deps.logger.error('responder failed', { error: describeError(error, { stack: true }) });
    return undefined;
  }
}

export interface ReplyOptions {
  conversation?: string;
  /** Ephemeral replies get a "Share in channel" button (only answers worth sharing: kind `answer`). */
  shareable?: boolean;
  inDirectMessage?: boolean;
}

/** Asks and renders: the one path from a question or request to a Slack message. */
export async function reply(deps: ListenerDeps, question: string | AskRequest, options: ReplyOptions = {}): Promise<SlackMessage> {
  const answer = await ask(deps, question, options.conversation);
  if (!answer) return renderNotice(SORRY);
  const render: RenderOptions = { inDirectMessage: options.inDirectMessage ?? false };
  if (options.shareable && answer.kind === 'answer') {
    const id = randomUUID();
    await deps.state.shareable.set(id, answer);
    render.shareValue = encodeShareValue({ id, target: targetOfInput(question) });
  }
  return renderAnswer(answer, render);
}
