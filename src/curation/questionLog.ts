/**
 * The question log: what every turn came to, for the curators' report (`sma report`). The
 * conversation service records each turn here; nothing else writes it.
 *
 * What is kept (the README's Privacy section says the same):
 * - always, for every turn: when, the platform, the outcome (answer, "did you mean", "I don't know",
 *   "the record has no …", a pick from "did you mean"), what it answered (intent, fact id, the
 *   request's slots, language) and the confidence. No words, no person: counts only.
 * - only with QUESTION_LOG=on, and only for clarify, unknown, lacks and pick: the words asked (for a
 *   pick, the question the "did you mean" answered) and the asker as an HMAC of their platform id
 *   under CURATION_SECRET (`hashId.ts`). An answered question keeps neither, on or off.
 * - for QUESTION_LOG_RETENTION_DAYS (default 90): `startRetention` deletes older events at start
 *   and every day, and the report never reads further back.
 *
 * Logging never fails or slows an answer. `record` returns at once: the event joins a bounded
 * queue that one loop writes in order. Awaiting the write with a timeout was the alternative, but
 * it adds the store's latency (up to the timeout) to every answer while the store is slow, and a
 * timed-out write may still land later anyway; fire-and-forget adds nothing. The bound (1,000
 * events) keeps a dead store from filling memory: beyond it events are dropped and counted. A
 * failed write is logged (its outcome and the store's reason, never the words or the asker) at
 * most once a minute, with how many failed meanwhile; the events themselves are not retried, since
 * a store that is down for an hour should not replay an hour of counts into a report late.
 */
import type { Answer, Intent } from '../core/answer.js';
import type { Logger } from '../log.js';
import { hashUserId } from './hashId.js';
import { answerRefOf } from './answerRef.js';
import type { CurationPlatform, QuestionEvent, QuestionLogStore, QuestionOutcome } from './types.js';

export const DEFAULT_MAX_PENDING = 1000;
const FAILURE_LOG_EVERY_MS = 60_000;
export const DAY_MS = 86_400_000;

export interface QuestionLogOptions {
  store: QuestionLogStore;
  /** QUESTION_LOG=on: the words of unanswered questions and the hashed asker are kept. */
  keepQuestions: boolean;
  /** CURATION_SECRET: hashes the askers (required with `keepQuestions`). */
  secret?: string;
  logger?: Logger;
  /** The real clock (never SMA_NOW: retention and the report count real days). */
  now?: () => Date;
  maxPending?: number;
}

/** One turn as the conversation service saw it. */
export interface LoggedTurn {
  platform: CurationPlatform;
  /** The asker's platform id: hashed, and only kept with the log on. */
  userId?: string;
  /** The words typed; undefined for a button or a subcommand (a request). */
  question?: string;
  answer: Answer;
  /** The turn chose an option of a "did you mean": with the question that "did you mean" answered (kept only with the log on). */
  pick?: { question?: string };
}

/**
 * What a reply was, in the log's terms. A "did you mean" is `clarify`. A reply that says the record
 * lacks the answer ("no directly sourced figure for 2024", "no 13th SMA") is `lacks`: it is not
 * `matched` (the eval counts it as an abstention) but it comes from a table intent or a fact,
 * which the core marks as kind `unknown` with that intent (`tableAnswer`'s `found: false`), or as
 * kind `answer`. Every other `unknown` ("I don't know", off-topic, input that cannot be a question)
 * is `unknown`. The rest are answers, help and greetings included: they are counted per intent.
 */
export function outcomeOf(answer: Answer): Exclude<QuestionOutcome, 'pick'> {
  if (answer.kind === 'clarify') return 'clarify';
  if (answer.kind === 'unknown') return NOT_FROM_THE_RECORD.has(answer.intent) ? 'unknown' : 'lacks';
  if (!answer.matched && answer.intent !== 'help' && answer.intent !== 'greeting') return 'lacks';
  return 'answer';
}

/** The intents of replies that did not look anything up: "I don't know", off-topic, unusable input. */
const NOT_FROM_THE_RECORD: ReadonlySet<Intent> = new Set<Intent>(['none', 'off-topic', 'invalid-input']);

export class QuestionLog {
  readonly keepQuestions: boolean;
  private readonly queue: QuestionEvent[] = [];
  private writing: Promise<void> | undefined;
  private readonly maxPending: number;
  private readonly now: () => Date;
  private dropped = 0;
  private failed = 0;
  private lastFailureLog = Number.NEGATIVE_INFINITY;

  constructor(private readonly o: QuestionLogOptions) {
    if (o.keepQuestions && !o.secret) throw new Error('the question log keeps questions only with a secret to hash the askers (CURATION_SECRET)');
    this.keepQuestions = o.keepQuestions;
    this.maxPending = o.maxPending ?? DEFAULT_MAX_PENDING;
    this.now = o.now ?? (() => new Date());
  }

  /** Queues the turn's event and returns at once; never throws. */
  record(turn: LoggedTurn): void {
    try {
      this.enqueue(this.eventOf(turn));
    } catch (error) {
      this.o.logger?.error('question log: the turn could not be recorded (the answer went out)', { reason: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Resolves once every queued event has been written or failed (tests, and a stopping bot). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private eventOf(turn: LoggedTurn): QuestionEvent {
    const outcome: QuestionOutcome = turn.pick ? 'pick' : outcomeOf(turn.answer);
    const event: QuestionEvent = { at: this.now(), platform: turn.platform, outcome, answer: answerRefOf(turn.answer), confidence: turn.answer.confidence };
    if (!this.keepQuestions || outcome === 'answer') return event;
    // Empty or over-long input tells a curator nothing, and a long paste may be anything.
    const question = turn.pick ? turn.pick.question : turn.answer.intent === 'invalid-input' ? undefined : turn.question?.trim();
    return {
      ...event,
      ...(question ? { question } : {}),
      ...(turn.userId && this.o.secret ? { asker: hashUserId(this.o.secret, turn.platform, turn.userId) } : {}),
    };
  }

  private enqueue(event: QuestionEvent): void {
    if (this.queue.length >= this.maxPending) {
      if (this.dropped++ === 0)
        this.o.logger?.warn('question log: the store is not keeping up; events are dropped until it does (answers are not affected)', { pending: this.queue.length });
      return;
    }
    this.queue.push(event);
    this.writing ??= this.drain().finally(() => {
      this.writing = undefined;
    });
  }

  private async drain(): Promise<void> {
    for (let event = this.queue.shift(); event; event = this.queue.shift()) {
      try {
        await this.o.store.logQuestion(event);
      } catch (error) {
        this.failedWrite(event, error);
      }
    }
    if (this.dropped) {
      this.o.logger?.warn('question log: caught up; events were dropped meanwhile', { dropped: this.dropped });
      this.dropped = 0;
    }
  }

  /** Logged without the event's words or asker: the outcome and the store's own reason only. */
  private failedWrite(event: QuestionEvent, error: unknown): void {
    this.failed++;
    const at = Date.now();
    if (at - this.lastFailureLog < FAILURE_LOG_EVERY_MS) return;
    this.lastFailureLog = at;
    const reason = (error as { reason?: unknown }).reason;
    this.o.logger?.warn('question log: an event could not be written (the answer went out)', {
      outcome: event.outcome,
      failed: this.failed,
      reason: typeof reason === 'string' ? reason : error instanceof Error ? error.name : 'unknown',
    });
    this.failed = 0;
  }
}

export interface Retention {
  /** The first prune, at start: resolves when done (or failed and logged). */
  started: Promise<void>;
  stop(): void;
}

/**
 * Deletes events older than `days` now and every `everyMs` (a day). Every instance may run it: a
 * delete by age is the same whoever runs it. A failure is logged and tried at the next tick.
 */
export function startRetention(store: QuestionLogStore, days: number, o: { logger?: Logger; now?: () => Date; everyMs?: number } = {}): Retention {
  const now = o.now ?? (() => new Date());
  const prune = async () => {
    try {
      const removed = await store.pruneQuestions(retentionStart(now(), days));
      if (removed) o.logger?.info('question log: events past the retention period deleted', { removed, retentionDays: days });
    } catch (error) {
      const reason = (error as { reason?: unknown }).reason;
      o.logger?.warn('question log: deleting events past the retention period failed; trying again tomorrow', { reason: typeof reason === 'string' ? reason : String(error) });
    }
  };
  const started = prune();
  const timer = setInterval(() => void prune(), o.everyMs ?? DAY_MS);
  timer.unref();
  return { started, stop: () => clearInterval(timer) };
}

/** The oldest moment the log keeps at `now`. */
export const retentionStart = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
