import type { IntentName } from '../knowledge/schema.js';

/**
 * The platform-neutral reply: what every adapter renders (console text, Slack Block Kit,
 * Discord embeds). Adapters never compute content; they only lay out these fields.
 */

export type AnswerKind = 'answer' | 'clarify' | 'unknown';

/** Which path produced the reply: useful for logs, tests and adapters' layout choices. */
export type Intent =
  | 'fact'
  | 'next-round'
  | 'latest-round'
  | 'round'
  | 'rounds'
  | 'summary'
  | 'contribution'
  | 'agreement'
  | 'negotiators'
  | 'sources'
  | 'help'
  | 'greeting'
  | 'invalid-input'
  | 'off-topic'
  | 'none';

export interface SourceRef {
  id: string;
  publisher: string;
  title: string;
  url?: string;
  /** Publication date as given: YYYY-MM-DD, YYYY-MM or YYYY. */
  date: string;
  /** The date is inferred from the text, not printed on the page: shown as approximate. */
  approximate?: boolean;
  /** What a reader should know about the source ("contains an error…"), shown beside it. */
  note?: string;
}

/**
 * A question asked by structure rather than words: a slash subcommand, a button. The core answers
 * it without re-parsing an English sentence, so it works the same in every language.
 */
export interface AskRequest {
  intent: IntentName;
  agreement?: number;
  round?: number;
  year?: number;
  side?: 'korea' | 'us';
  aspects?: string[];
}

export interface Suggestion {
  /** The question as a user would ask it; asking it verbatim routes to `factId` or the intent. */
  question: string;
  factId?: string;
  /** What a button for this suggestion asks: no words to re-parse, nothing held in memory. */
  request?: AskRequest;
  /**
   * The language of the answer it was offered under, set by the adapters (`src/adapters/payload.ts`)
   * so that a button asks in that language even when it carries no words (a fact, a request).
   */
  language?: Language;
}

export interface Answer {
  kind: AnswerKind;
  /** True only when the reply answers from the knowledge base (not help, greetings, "did you mean", "I don't know"). */
  matched: boolean;
  intent: Intent;
  /** The question this reply answers, in canonical words (an embed title, a heading). */
  title: string;
  /** The answer itself, plain text, without sources or dates (adapters lay those out). */
  text: string;
  factIds: string[];
  sources: SourceRef[];
  /** ISO date: the newest date the answer is known to be true at. */
  asOf?: string;
  /** The clock's day the answer was given for (ISO), with `asOf`: an as-of date after it is said to be. */
  clockDay?: string;
  /** 0..1, calibrated so that the bars in `confidence.ts` mean what they say. */
  confidence: number;
  /** Up to three follow-up or "did you mean" questions. */
  suggestions: Suggestion[];
  /**
   * The language the reply is written in (its text, title, suggestions and labels). A fact the record
   * has no Korean text for keeps its English answer under a one-line Korean note in a Korean reply.
   */
  language?: Language;
  /**
   * What a table answer was about, as a request (the intent and the row it resolved to): a
   * follow-up ("and in 2020?", "who signed it?") changes a slot of it and asks again.
   */
  request?: AskRequest;
}

/** The languages answers are written in. */
export type Language = 'en' | 'ko';

export interface AskOptions {
  /** The clock for relative words ("next round", "this year"); defaults to the bot's clock. */
  now?: Date;
  /**
   * The answer language chosen by the user or channel (`/sma language`); without it, the
   * question's own language (Hangul words against Latin ones), then English.
   */
  language?: Language;
  /** The previous answer in this conversation, for "what is the source for this?". */
  previous?: Answer;
}

/** The core's single entry point, shared by every adapter: `Command → Answer` in hubot's terms. */
export interface Responder {
  ask(question: string | AskRequest, options?: AskOptions): Answer;
  /** Knowledge questions ranked for a partial input (Discord autocomplete, console hints). */
  complete(partial: string, limit?: number): Suggestion[];
}

export const MAX_QUESTION_LENGTH = 500;
export const MAX_SUGGESTIONS = 3;
