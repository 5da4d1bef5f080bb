/**
 * What a button asks, written into the button itself (Slack `value`, Discord `custom_id`), so a
 * click works the same after a restart, on another replica, or a week later: no process memory.
 * One format for every platform:
 *
 *   r:<JSON>      a structured request as compact JSON with one-letter keys (intent i, agreement a,
 *                 round r, year y, side s, aspects x): r:{"i":"next-round"}, r:{"i":"rounds","a":11}
 *   f:<factId>    a knowledge fact, by its id (stable across wording edits of the fact)
 *   q:<question>  a question in words (a suggestion that names neither), asked as typed
 *   v:<u|d>:<ref> a 👍 (u) or 👎 (d) on the answer the button is under: not something to ask but what
 *                 that answer was (`AnswerRef`): f:<factId>, r:<request JSON> or i:<intent>, after
 *                 `ko:` for a Korean answer (`encodeVote`, `decodeVote`)
 *
 * Any of them may start with `ko:` (`ko:f:<factId>`): the button was under a Korean answer and asks
 * in Korean (a fact or a request carries no words to tell the language by). English has no mark.
 *
 * A suggestion is encoded by the first of these that it has and that fits the platform's limit
 * (a request, then a fact, then its words). What comes back from a click is user-controlled input:
 * `decodePayload` accepts only these shapes, with bounded lengths and values, and returns
 * `undefined` for anything else, which the adapters answer with a polite note.
 */
import { z } from 'zod';
import { MAX_QUESTION_LENGTH, type Answer, type AskRequest, type Language, type Responder, type Suggestion } from '../core/answer.js';
import { ANSWER_INTENTS } from '../curation/answerRef.js';
import type { AnswerRef, VoteValue } from '../curation/types.js';
import { INTENT_NAMES } from '../knowledge/intentNames.js';

export type ButtonTarget = ({ kind: 'request'; request: AskRequest } | { kind: 'fact'; factId: string } | { kind: 'question'; question: string }) & {
  /** The language to answer in: the answer's the button was under (absent: English, or the question's words). */
  language?: Language;
};

const KOREAN_MARK = 'ko:';

/** Slack's limit for a button value; Discord's custom ids are shorter (100) and pass their own. */
export const MAX_PAYLOAD_LENGTH = 2000;

const FACT_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * The slots a request may carry, bounded to what the record could ever hold. One-letter keys keep
 * a request with every slot filled within a Discord custom id.
 */
const requestSchema = z.strictObject({
  i: z.enum(INTENT_NAMES),
  a: z.number().int().min(1).max(99).optional(),
  r: z.number().int().min(1).max(99).optional(),
  y: z.number().int().min(1950).max(2100).optional(),
  s: z.enum(['korea', 'us']).optional(),
  x: z
    .array(z.string().regex(/^[a-zA-Z]{1,30}$/))
    .min(1)
    .max(10)
    .optional(),
});
type WireRequest = z.infer<typeof requestSchema>;

/** The payload for one target. */
export function encodeTarget(target: ButtonTarget): string {
  const mark = target.language === 'ko' ? KOREAN_MARK : '';
  switch (target.kind) {
    case 'request':
      return `${mark}r:${JSON.stringify(toWire(target.request))}`;
    case 'fact':
      return `${mark}f:${target.factId}`;
    case 'question':
      return `${mark}q:${target.question.trim()}`;
  }
}

/** What asking a suggestion means, most precise first: its request, its fact, its words. */
export function targetsOf(s: Suggestion): ButtonTarget[] {
  const out: ButtonTarget[] = [];
  const language = s.language ? { language: s.language } : {};
  if (s.request) out.push({ kind: 'request', request: s.request, ...language });
  if (s.factId) out.push({ kind: 'fact', factId: s.factId, ...language });
  if (s.question.trim()) out.push({ kind: 'question', question: s.question.trim(), ...language });
  return out;
}

/**
 * The answer with its language written into its suggestions, so their buttons ask in it (see
 * `Suggestion.language`). English answers stay as they are: English is what an unmarked button asks in.
 */
export function withButtonLanguage(answer: Answer): Answer {
  if (answer.language !== 'ko') return answer;
  return { ...answer, suggestions: answer.suggestions.map((s) => ({ ...s, language: 'ko' })) };
}

/**
 * The payload of a suggestion's button within `max` characters, or `undefined` when none fits
 * (then the adapter shows no button rather than one that would ask something else).
 */
export function encodeSuggestion(s: Suggestion, max: number): string | undefined {
  return targetsOf(s)
    .map(encodeTarget)
    .find((p) => p.length <= max && decodePayload(p) !== undefined);
}

/** The target a payload names; `undefined` for anything malformed, unknown or out of bounds. */
export function decodePayload(payload: string | undefined | null): ButtonTarget | undefined {
  if (typeof payload !== 'string' || payload.length > MAX_PAYLOAD_LENGTH) return undefined;
  if (payload.startsWith(KOREAN_MARK)) {
    const target = decodeUnmarked(payload.slice(KOREAN_MARK.length));
    return target && { ...target, language: 'ko' };
  }
  return decodeUnmarked(payload);
}

function decodeUnmarked(payload: string): ButtonTarget | undefined {
  const kind = payload.slice(0, 2);
  const rest = payload.slice(2);
  if (kind === 'f:') return FACT_ID.test(rest) ? { kind: 'fact', factId: rest } : undefined;
  if (kind === 'q:') {
    const question = rest.trim();
    return question && question.length <= MAX_QUESTION_LENGTH ? { kind: 'question', question } : undefined;
  }
  if (kind === 'r:') {
    let json: unknown;
    try {
      json = JSON.parse(rest);
    } catch {
      return undefined;
    }
    const parsed = requestSchema.safeParse(json);
    return parsed.success ? { kind: 'request', request: fromWire(parsed.data) } : undefined;
  }
  return undefined;
}

/**
 * What to hand the core for a target: the request or the question as they are, a fact as its own
 * question (which the core routes back to the fact, checked by `sma kb check`). `undefined` when
 * the record no longer has that fact.
 */
export function coreInput(responder: Responder, target: ButtonTarget): string | AskRequest | undefined {
  if (target.kind === 'request') return target.request;
  if (target.kind === 'question') return target.question;
  return factQuestion(responder, target.factId);
}

/** A fact's question, from the core's list of what it can answer (an empty partial lists it all). */
export function factQuestion(responder: Responder, factId: string): string | undefined {
  return responder.complete('', Number.MAX_SAFE_INTEGER).find((s) => s.factId === factId)?.question;
}

/** The request's wire form: keys in one order and no empty slots, so equal requests give equal payloads. */
function toWire(r: AskRequest): WireRequest {
  return {
    i: r.intent,
    ...(r.agreement !== undefined ? { a: r.agreement } : {}),
    ...(r.round !== undefined ? { r: r.round } : {}),
    ...(r.year !== undefined ? { y: r.year } : {}),
    ...(r.side !== undefined ? { s: r.side } : {}),
    ...(r.aspects?.length ? { x: [...r.aspects] } : {}),
  };
}

function fromWire(w: WireRequest): AskRequest {
  return {
    intent: w.i,
    ...(w.a !== undefined ? { agreement: w.a } : {}),
    ...(w.r !== undefined ? { round: w.r } : {}),
    ...(w.y !== undefined ? { year: w.y } : {}),
    ...(w.s !== undefined ? { side: w.s } : {}),
    ...(w.x !== undefined ? { aspects: w.x } : {}),
  };
}

/** For logs: what a click asked, by kind, request and fact id; never the words of a question. */
export function describeTarget(target: ButtonTarget): Record<string, unknown> {
  if (target.kind === 'request') return { asked: 'request', request: target.request };
  if (target.kind === 'fact') return { asked: 'fact', factId: target.factId };
  return { asked: 'question' };
}

/** A vote button's payload: what a vote on that answer records, with nothing held in memory. */
export interface VotePayload {
  value: VoteValue;
  answer: AnswerRef;
}

const VOTE = /^v:([ud]):(ko:)?([fri]):(.+)$/s;

const voteSchema = z.strictObject({
  value: z.enum(['up', 'down']),
  answer: z.strictObject({
    intent: z.enum(ANSWER_INTENTS),
    factId: z.string().regex(FACT_ID).optional(),
    request: requestSchema.transform(fromWire).optional(),
    language: z.enum(['en', 'ko']),
  }),
});

/** `v:u:f:<factId>`, `v:d:ko:r:{"i":"rounds","a":11}`, `v:u:i:sources`: the most precise form the answer has. */
export function encodeVote(vote: VotePayload): string {
  const { answer } = vote;
  const mark = answer.language === 'ko' ? KOREAN_MARK : '';
  const ref = answer.factId
    ? `f:${answer.factId}`
    : answer.request && answer.request.intent === answer.intent
      ? `r:${JSON.stringify(toWire(answer.request))}`
      : `i:${answer.intent}`;
  return `v:${vote.value === 'up' ? 'u' : 'd'}:${mark}${ref}`;
}

/** The vote a payload names (an unmarked one is on an English answer); `undefined` for anything malformed, unknown or out of bounds (it is user-controlled input). */
export function decodeVote(payload: string | undefined | null): VotePayload | undefined {
  if (typeof payload !== 'string' || payload.length > MAX_PAYLOAD_LENGTH) return undefined;
  const m = VOTE.exec(payload);
  if (!m) return undefined;
  const [, value, korean, kind, rest] = m as unknown as [string, string, string | undefined, string, string];
  let answer: Record<string, unknown>;
  if (kind === 'f') answer = { intent: 'fact', factId: rest };
  else if (kind === 'i') answer = { intent: rest };
  else {
    let wire: unknown;
    try {
      wire = JSON.parse(rest);
    } catch {
      return undefined;
    }
    answer = { intent: (wire as { i?: unknown } | null)?.i, request: wire };
  }
  const parsed = voteSchema.safeParse({ value: value === 'u' ? 'up' : 'down', answer: { ...answer, language: korean ? 'ko' : 'en' } });
  if (!parsed.success) return undefined;
  const a = parsed.data.answer;
  return {
    value: parsed.data.value,
    answer: { intent: a.intent, ...(a.factId ? { factId: a.factId } : {}), ...(a.request ? { request: a.request } : {}), language: a.language },
  };
}
