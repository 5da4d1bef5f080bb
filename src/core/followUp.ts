/**
 * Follow-up questions: "and in 2020?", "what about the 11th?", "who signed it?", "the one
 * before", "and the US side?". A question that leans on the previous answer (it begins with
 * "and" or "what about", points back with "it" or "that", or says too little on its own) keeps
 * what that answer was about and changes only what it names: a year, an agreement, a round, a side,
 * an aspect or another intent. Language-neutral: it reads concept tokens and slots only.
 */
import type { IntentName } from '../knowledge/schema.js';
import type { Answer, AskRequest } from './answer.js';
import { aspectsAsked, triggered, type IntentBook } from './intents/spec.js';
import type { Question } from './understand/analyse.js';

/** Tokens that point back at the previous answer. */
const POINTERS = ['it', 'its', 'that', 'this', 'they', 'them', 'those', 'these', 'he', 'him', 'his', 'she', 'her', 'one', 'same', 'then'];
/**
 * Steps back and forward ("the one before", "the one after that"): the lexicon folds "previous",
 * "earlier", "이전" into `previous`, but "one" is a number by then, so "the one before" arrives as
 * the stems `1 befor`.
 */
const BACK = ['previous', 'befor'];
/** Words that name an agreement's row ("the 11th SMA") rather than ask about agreements. */
const ROW_WORDS = new Set(['sma', 'agreement']);
const FORWARD = ['next', 'after'];
/** Intents a follow-up may switch to while keeping the row (help and sources answer on their own). */
const SWITCHABLE: IntentName[] = ['agreement', 'negotiators', 'rounds', 'round', 'contribution'];

/** "and …", "what about …", "who signed it?", "the one before": the question points back. */
export function pointsBack(q: Question): boolean {
  const first = q.tokens[0];
  return (
    first === 'and' ||
    first === 'also' ||
    (q.tokens.includes('about') && ['what', 'how'].includes(first ?? '')) ||
    q.tokens.some((t) => POINTERS.includes(t)) ||
    (q.content.length <= 2 && q.content.some((t) => BACK.includes(t) || FORWARD.includes(t)))
  );
}

/** Pointing back, or saying too little to stand alone ("source?", "2020?"). */
export function leansOnPrevious(q: Question): boolean {
  return pointsBack(q) || q.content.length <= 2;
}

/** The previous answer's request with what the follow-up changes, or undefined when it is not a follow-up of it. */
export function followUpRequest(q: Question, previous: Answer, book: IntentBook, fromTitle: (title: string) => Question): AskRequest | undefined {
  const base: AskRequest | undefined = previous.request ?? titleRequest(fromTitle(previous.title));
  if (!base) return undefined;
  // A word the record never uses ("the weather that day", "일본은") is another subject, not a slot of this one.
  if (q.unknown.some((w) => q.content.includes(w))) return undefined;
  const tokens = q.tokenSet;
  // "11차는?" arrives as `11th sma`: naming the agreement picks a row, it does not ask about agreements.
  const switchWords = q.slots.agreement !== undefined ? new Set([...tokens].filter((t) => !ROW_WORDS.has(t))) : tokens;
  const switched = SWITCHABLE.find((name) => name !== base.intent && triggered(book[name], switchWords));
  const agreementAspects = aspectsAsked(book.agreement, tokens).filter((a) => a !== 'overview');
  const intent: IntentName = switched ?? (agreementAspects.length && base.intent !== 'round' ? 'agreement' : base.intent);
  const next: AskRequest = { intent, ...pick(base) };

  if (q.years.length) next.year = q.years[0];
  if (q.slots.agreement !== undefined) next.agreement = q.slots.agreement;
  if (q.slots.round !== undefined) next.round = q.slots.round;
  // A bare ordinal ("what about the 11th?") names whatever the previous answer counted.
  const bare = q.content.map((t) => /^(\d{1,2})(st|nd|rd|th)$/.exec(t)).find((m) => m);
  if (bare && q.slots.agreement === undefined && q.slots.round === undefined) {
    if (intent === 'round' && base.round !== undefined) next.round = Number(bare[1]);
    else next.agreement = Number(bare[1]);
  }
  const step = BACK.some((t) => tokens.has(t)) ? -1 : FORWARD.some((t) => tokens.has(t)) ? 1 : 0;
  if (step) {
    if (intent === 'round' && next.round !== undefined) next.round += step;
    // "next year" is a year the clock already named (in q.years), not a step from the previous one.
    else if (intent === 'contribution' && next.year !== undefined) next.year += q.years.length ? 0 : step;
    else if (next.agreement !== undefined) next.agreement += step;
  }
  const side = tokens.has('korea') !== (tokens.has('us') || tokens.has('washington')) ? (tokens.has('korea') ? 'korea' : 'us') : undefined;
  if (side) next.side = side;
  const aspects = intent === 'agreement' ? agreementAspects : intent === 'round' ? aspectsAsked(book.round, tokens) : [];
  if (aspects.length) next.aspects = aspects;
  else if (intent !== base.intent) delete next.aspects;
  // A year asked of an agreement's answer means the agreement covering it.
  if (intent === 'agreement' && q.years.length && q.slots.agreement === undefined && !bare) delete next.agreement;
  const changed = JSON.stringify(next) !== JSON.stringify({ ...base, intent: base.intent });
  // "who signed it?" (Korean: "누가 서명했어?") after "when was it signed?": the same row and aspect, which that answer covers.
  const sameAspect = leansOnPrevious(q) && aspects.length > 0;
  return changed || sameAspect ? next : undefined;
}

function pick(r: AskRequest): Omit<AskRequest, 'intent'> {
  const { intent: _intent, ...slots } = r;
  return slots;
}

/** A fact's answer has no request: its heading may still name an agreement ("Was the 10th SMA signed…?"). */
function titleRequest(q: Question): AskRequest | undefined {
  return q.slots.agreement !== undefined ? { intent: 'agreement', agreement: q.slots.agreement } : undefined;
}
