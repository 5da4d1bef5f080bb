/**
 * What every Slack listener is handed: the core's `Responder`, the logger, the bot's clock and the
 * adapter's small in-memory state. Listeners only translate between Slack and the `Responder`.
 */
import { randomUUID } from 'node:crypto';
import type { LanguageChoices } from '../adapters/answerLanguage.js';
import { platformMessages } from '../adapters/i18n/index.js';
import { withButtonLanguage } from '../adapters/payload.js';
import type { Subscriptions } from '../announce/subscriptions.js';
import type { Answer, AskRequest, Language, Responder } from '../core/answer.js';
import type { Knowledge } from '../knowledge/schema.js';
import type { Logger } from '../log.js';
import { TtlCache } from './cache.js';
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
  /** Users' and channels' answer languages (`/sma language`); absent: each question's own language. */
  languages?: LanguageChoices;
}

export interface SlackState {
  /** Event ids already handled: a Slack retry of one of them is dropped (1 hour, longer than Slack retries). */
  seenEvents: TtlCache<true>;
  /** Signatures (with their timestamps) of HTTP requests handled: a replay is dropped (10 minutes: Bolt accepts a timestamp for 5). */
  seenRequests: TtlCache<true>;
  /** The last knowledge answer per conversation, for follow-ups such as "what is the source for this?". */
  previous: TtlCache<Answer>;
  /** Ephemeral answers that carry a "Share in channel" button, by share id (response_urls live 30 min). */
  shareable: TtlCache<Answer>;
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
    seenRequests: new TtlCache(10 * MINUTE, 100_000, now),
    previous: new TtlCache(30 * MINUTE, 10_000, now),
    shareable: new TtlCache(30 * MINUTE, 10_000, now),
    shared: new TtlCache(30 * MINUTE, 10_000, now),
  };
}

export const SORRY = platformMessages('en').common.sorry;
/** For a button whose value is malformed, or names a fact the record no longer has. */
export const UNKNOWN_BUTTON = platformMessages('en').slack.unknownButton;

/**
 * Asks the core: the user's words, or a structured request (a subcommand, a button); a failing
 * responder is logged and gives `undefined` (the caller shows SORRY).
 */
export function ask(deps: ListenerDeps, question: string | AskRequest, conversation?: string, language?: Language): Answer | undefined {
  const previous = conversation ? deps.state.previous.get(conversation) : undefined;
  const now = deps.clock?.();
  try {
    const answer = withButtonLanguage(deps.responder.ask(question, { ...(now ? { now } : {}), ...(previous ? { previous } : {}), ...(language ? { language } : {}) }));
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
  /** The answer language chosen or resolved (`src/adapters/answerLanguage.ts`); absent: the question's own. */
  language?: Language;
}

/** Asks and renders: the one path from a question or request to a Slack message. */
export function reply(deps: ListenerDeps, question: string | AskRequest, options: ReplyOptions = {}): SlackMessage {
  const answer = ask(deps, question, options.conversation, options.language);
  if (!answer) return renderNotice(platformMessages(options.language).common.sorry);
  const render: RenderOptions = { inDirectMessage: options.inDirectMessage ?? false };
  if (options.shareable && answer.kind === 'answer') {
    const id = randomUUID();
    deps.state.shareable.set(id, answer);
    render.shareValue = encodeShareValue({ id, target: { ...targetOfInput(question), ...(answer.language === 'ko' ? { language: answer.language } : {}) } });
  }
  return renderAnswer(answer, render);
}
