/**
 * What every Slack listener is handed: the core's `Responder`, the logger, the bot's clock and the
 * adapter's small in-memory state. Listeners only translate between Slack and the `Responder`.
 */
import { randomUUID } from 'node:crypto';
import type { Subscriptions } from '../announce/subscriptions.js';
import type { Answer, Responder } from '../core/answer.js';
import type { Knowledge } from '../knowledge/schema.js';
import type { Logger } from '../log.js';
import { TtlCache } from './cache.js';
import { describeError } from './errors.js';
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
}

export interface SlackState {
  /** Event ids already handled: a Slack retry of one of them is dropped (1 hour, longer than Slack retries). */
  seenEvents: TtlCache<true>;
  /** The last knowledge answer per conversation, for follow-ups such as "what is the source for this?". */
  previous: TtlCache<Answer>;
  /** Ephemeral answers that carry a "Share in channel" button, by share id (response_urls live 30 min). */
  shareable: TtlCache<{ question: string; answer: Answer }>;
  /** Share clicks already posted (message + user + share id): a double click posts once. */
  shared: TtlCache<true>;
}

export interface ListenerDeps extends SlackDeps {
  state: SlackState;
}

const MINUTE = 60_000;

export function createState(now: () => number = Date.now): SlackState {
  return {
    seenEvents: new TtlCache(60 * MINUTE, 50_000, now),
    previous: new TtlCache(30 * MINUTE, 10_000, now),
    shareable: new TtlCache(30 * MINUTE, 10_000, now),
    shared: new TtlCache(30 * MINUTE, 10_000, now),
  };
}

export const SORRY = 'Sorry, I could not answer that just now. Please try again in a moment.';

/** Asks the core; a failing responder is logged and gives `undefined` (the caller shows SORRY). */
export function ask(deps: ListenerDeps, question: string, conversation?: string): Answer | undefined {
  const previous = conversation ? deps.state.previous.get(conversation) : undefined;
  const now = deps.clock?.();
  try {
    const answer = deps.responder.ask(question, { ...(now ? { now } : {}), ...(previous ? { previous } : {}) });
    if (conversation && answer.matched) deps.state.previous.set(conversation, answer);
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

/** Asks and renders: the one path from a question to a Slack message. */
export function reply(deps: ListenerDeps, question: string, options: ReplyOptions = {}): SlackMessage {
  const answer = ask(deps, question, options.conversation);
  if (!answer) return renderNotice(SORRY);
  const render: RenderOptions = { inDirectMessage: options.inDirectMessage ?? false };
  if (options.shareable && answer.kind === 'answer') {
    const id = randomUUID();
    deps.state.shareable.set(id, { question, answer });
    render.shareValue = encodeShareValue({ id, question });
  }
  return renderAnswer(answer, render);
}

export interface ShareValue {
  id: string;
  question: string;
}

/** The share button's value: the stored answer's id and, for after a restart, the question to ask again. */
export function encodeShareValue(v: ShareValue): string {
  return JSON.stringify({ id: v.id, q: v.question });
}

export function decodeShareValue(value: string | undefined): ShareValue | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object') {
      const { id, q } = parsed as { id?: unknown; q?: unknown };
      if (typeof id === 'string' && typeof q === 'string') return { id, question: q };
    }
  } catch {
    // not ours
  }
  return undefined;
}
