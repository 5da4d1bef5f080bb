/**
 * The curators' rows as both SQL stores (SQLite and Postgres) hold them, votes and question events,
 * and the one way each becomes a Vote or a QuestionEvent. Both keep what an answer was in the same
 * four columns (intent, fact_id, request, language), read back by one function.
 */
import type { AskRequest, Intent, Language } from '../core/answer.js';
import type { AnswerRef, CurationPlatform, QuestionEvent, QuestionOutcome, Vote, VoteValue } from './types.js';

/** What an answer was, as its four columns. */
interface AnswerColumns {
  intent: Intent;
  fact_id: string | null;
  /** JSON text (SQLite, and votes read back as text) or already parsed (Postgres jsonb). */
  request: string | AskRequest | null;
  language: Language | null;
}

function answerOf(r: AnswerColumns): AnswerRef {
  const request = typeof r.request === 'string' ? (JSON.parse(r.request) as AskRequest) : r.request;
  return {
    intent: r.intent,
    ...(r.fact_id ? { factId: r.fact_id } : {}),
    ...(request ? { request } : {}),
    ...(r.language ? { language: r.language } : {}),
  };
}

/** A question_events row. */
export interface QuestionRow extends AnswerColumns {
  at: number;
  platform: CurationPlatform;
  outcome: QuestionOutcome;
  confidence: number;
  question: string | null;
  asker: string | null;
}

export function eventOf(r: QuestionRow): QuestionEvent {
  return {
    at: new Date(r.at),
    platform: r.platform,
    outcome: r.outcome,
    answer: answerOf(r),
    confidence: r.confidence,
    ...(r.question !== null ? { question: r.question } : {}),
    ...(r.asker !== null ? { asker: r.asker } : {}),
  };
}

/** A vote: one row per (answer_key, voter), the last vote of that voter on that answer. */
export interface VoteRow extends AnswerColumns {
  answer_key: string;
  voter: string;
  platform: CurationPlatform;
  value: VoteValue;
  reason: string | null;
  at: number;
}

export const voteOf = (r: VoteRow): Vote => ({
  answer: answerOf(r),
  answerKey: r.answer_key,
  platform: r.platform,
  voter: r.voter,
  value: r.value,
  ...(r.reason !== null ? { reason: r.reason } : {}),
  at: new Date(r.at),
});

/** The columns of a vote, in the table's order from `answer_key` to `at`. */
export const voteColumns = (v: Vote) =>
  [
    v.answerKey,
    v.voter,
    v.platform,
    v.value,
    v.reason ?? null,
    v.answer.intent,
    v.answer.factId ?? null,
    v.answer.request ? JSON.stringify(v.answer.request) : null,
    v.answer.language ?? null,
    v.at.getTime(),
  ] as const;
