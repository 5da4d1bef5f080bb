/** A question_events row as both stores read it back (SQLite and Postgres share the columns). */
import type { AskRequest, Intent, Language } from '../core/answer.js';
import type { CurationPlatform, QuestionEvent, QuestionOutcome } from './types.js';

export interface QuestionRow {
  at: number;
  platform: CurationPlatform;
  outcome: QuestionOutcome;
  intent: Intent;
  fact_id: string | null;
  /** JSON text (SQLite) or already parsed (Postgres jsonb). */
  request: string | AskRequest | null;
  language: Language | null;
  confidence: number;
  question: string | null;
  asker: string | null;
}

export function eventOf(r: QuestionRow): QuestionEvent {
  const request = typeof r.request === 'string' ? (JSON.parse(r.request) as AskRequest) : r.request;
  return {
    at: new Date(r.at),
    platform: r.platform,
    outcome: r.outcome,
    answer: {
      intent: r.intent,
      ...(r.fact_id ? { factId: r.fact_id } : {}),
      ...(request ? { request } : {}),
      ...(r.language ? { language: r.language } : {}),
    },
    confidence: r.confidence,
    ...(r.question !== null ? { question: r.question } : {}),
    ...(r.asker !== null ? { asker: r.asker } : {}),
  };
}
