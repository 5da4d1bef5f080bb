/**
 * The curators' loop (what people asked, what the bot could not answer, what readers thought of
 * an answer) as records and two store seams. The feedback buttons write votes, the conversation
 * service writes question events, and `sma report` reads both; the SQLite and Postgres stores
 * implement the seams beside the announcement state.
 */
import type { AskRequest, Intent, Language } from '../core/answer.js';

export type CurationPlatform = 'slack' | 'discord' | 'console';

/** What an answer was, as far as a vote or a report needs it: carried in a feedback button's payload. */
export interface AnswerRef {
  intent: Intent;
  /** The record fact the answer gave, when it gave one. */
  factId?: string;
  /** The slots of a table answer (agreement, round, year, side, aspects). */
  request?: AskRequest;
  language?: Language;
}

export type VoteValue = 'up' | 'down';

export interface Vote {
  answer: AnswerRef;
  /** Which answer was voted on: one vote per voter per answer, the last one counts. */
  answerKey: string;
  platform: CurationPlatform;
  /** The voter's platform id hashed with the operator's secret: never the id itself. */
  voter: string;
  value: VoteValue;
  /** The optional one-line reason given with a 👎. */
  reason?: string;
  at: Date;
}

/** `new`: a first vote; `changed`: the voter's earlier vote on that answer is replaced; `same`: nothing changed. */
export type VoteResult = 'new' | 'changed' | 'same';

export interface FeedbackStore {
  recordVote(vote: Vote): Promise<VoteResult>;
  /** Votes cast at or after `since`, oldest first. */
  votes(since: Date): Promise<Vote[]>;
}

/**
 * How a question was answered: `answer` from the record, `clarify` ("did you mean…"), `unknown`
 * ("I don't know"), `lacks` ("the record has no …"), or `pick`: an option chosen from a
 * "did you mean" (with the question it answered, that is a labelled phrasing).
 */
export type QuestionOutcome = 'answer' | 'clarify' | 'unknown' | 'lacks' | 'pick';

export interface QuestionEvent {
  at: Date;
  platform: CurationPlatform;
  outcome: QuestionOutcome;
  answer: AnswerRef;
  confidence: number;
  /** The words asked: only when the operator turned the question log on (QUESTION_LOG=on). */
  question?: string;
  /** The asker hashed with the operator's secret: only with the question log on. */
  asker?: string;
}

export interface QuestionLogStore {
  logQuestion(event: QuestionEvent): Promise<void>;
  /** Events at or after `since`, oldest first. */
  questions(since: Date): Promise<QuestionEvent[]>;
  /** Deletes events before `before` (the retention period); returns how many. */
  pruneQuestions(before: Date): Promise<number>;
}

/** What the outbox says about announcement deliveries on one platform (for `sma report`). */
export interface PlatformDeliveries {
  platform: 'slack' | 'discord';
  /** Delivered. */
  sent: number;
  /** Took more than one attempt (whatever became of them). */
  retried: number;
  /** Given up for good. */
  failed: number;
  /** Too late to be news before they could go out (a reminder for a round that had begun). */
  expired: number;
  /** Still waiting or being posted. */
  pending: number;
}

export interface DeliveryFiguresStore {
  /** Per platform with any delivery recorded at or after `since`. */
  deliveryFigures(since: Date): Promise<PlatformDeliveries[]>;
}
