/**
 * One conversation memory for every platform (Slack threads and DMs, a Discord user in a channel,
 * the console, `sma ask --conversation`, dialogue evaluation), with one policy:
 *
 * - What is kept, per conversation key: the last answer that answered from the record (what a
 *   follow-up such as "and in 2020?" or "source?" leans on; a "source?" reply is about that answer,
 *   so it does not replace it), the options the last reply offered (so "2", "the first one" or,
 *   after "did you mean…?", "yes" picks one), and the language the conversation is in. Nothing
 *   about the user: not who they are beyond the key the platform gives, and not their words,
 *   except a "did you mean" question's while the question log keeps questions (below).
 * - For how long: `ttlMs` (30 minutes) after the last turn, on the real clock, never on the
 *   answering clock (SMA_NOW may be a fixed date).
 * - Bounded: in memory an LRU of at most 10,000 conversations; in Postgres the leader purges.
 * - A question on another subject starts afresh: the core answers a question that stands on its
 *   own without the previous answer, and that answer becomes what the next follow-up leans on.
 *
 * - The question log (src/curation/questionLog.ts), when given: every turn's outcome is recorded
 *   there, and a pick from a "did you mean" (typed, "yes"/"2", or its button clicked) is recorded
 *   with the question that was asked before it. That question's words are kept in the
 *   conversation's memory only when the log keeps questions (QUESTION_LOG=on), and only for the
 *   conversation's TTL; otherwise the memory holds just that the last reply was a "did you mean".
 *
 * The state sits behind an async get/set seam (src/state/conversationState.ts): in memory by
 * default, in Postgres when several instances share the conversations. When the state cannot be
 * read or written the question is still answered, without context, and the failure is logged.
 */
import { coreInput, targetsOf } from '../adapters/payload.js';
import type { Answer, AskRequest, Language, Responder, Suggestion } from '../core/answer.js';
import { languageOf } from '../core/understand/analyse.js';
import type { QuestionLog } from '../curation/questionLog.js';
import type { CurationPlatform } from '../curation/types.js';
import type { Logger } from '../log.js';
import { MemoryConversationState, type ConversationState } from '../state/conversationState.js';
import { pickIndex, pickOf } from './picks.js';

/** How long a conversation's context lasts after its last turn. */
export const CONVERSATION_TTL_MS = 30 * 60_000;

/** What one conversation keeps between turns (stored as JSON). */
export interface ConversationMemory {
  /** The last answer from the record: what a follow-up inherits. */
  subject?: Answer;
  /** The options the last reply showed (related questions, "did you mean…"). */
  offered?: Suggestion[];
  /** The last reply asked ("did you mean…?", "I don't know, try…"): then words such as "yes" pick an option. */
  asked?: boolean;
  /** The language of the last reply, for a turn whose words say none ("2020?", a button). */
  language?: Language;
  /**
   * The last reply was a "did you mean…": the next turn that picks one of its options is a
   * labelled phrasing for the question log. `question` (the words it answered) only while the log
   * keeps questions.
   */
  clarified?: { question?: string };
}

export interface ConversationOptions {
  /** Where conversations are kept; default in memory (bounded, on `clock`). */
  state?: ConversationState;
  ttlMs?: number;
  /** The real clock, in epoch ms, for the in-memory state's expiry (tests inject one). */
  clock?: () => number;
  logger?: Logger;
  /** Where every turn's outcome is recorded (absent: nothing is). */
  questionLog?: QuestionLog;
}

export interface TurnOptions {
  /** The answering clock (SMA_NOW, `--now`, a dialogue's date); the responder's own when absent. */
  now?: Date;
  /** The answer language chosen by the user or channel; else the turn's own words decide, then the conversation's. */
  language?: Language;
  /** Who asked, for the question log (the id is hashed, and kept only with QUESTION_LOG=on); default the console. */
  from?: { platform: CurationPlatform; userId?: string };
}

export class ConversationService {
  private readonly state: ConversationState;
  private readonly ttlMs: number;

  constructor(
    private readonly responder: Responder,
    private readonly options: ConversationOptions = {},
  ) {
    this.state = options.state ?? new MemoryConversationState(options.clock);
    this.ttlMs = options.ttlMs ?? CONVERSATION_TTL_MS;
  }

  /**
   * Answers one turn of the conversation `key` (no key: a turn without context, nothing kept) and
   * remembers what the next turn may need.
   */
  async ask(key: string | undefined, input: string | AskRequest, turn: TurnOptions = {}): Promise<Answer> {
    return (await this.turn(key, input, turn)).answer;
  }

  /** `ask`, telling also which offered option the turn picked ("2", "yes"), for a console to echo. */
  async turn(key: string | undefined, input: string | AskRequest, turn: TurnOptions = {}): Promise<{ answer: Answer; picked?: Suggestion }> {
    const memory = key ? await this.recall(key) : {};
    const picked = this.picked(memory, input);
    const question = picked ? suggestionInput(this.responder, picked) : input;
    // A button under a "did you mean" asks exactly what its option asks: that is a pick too.
    const chose = memory.clarified && (picked ?? memory.offered?.find((s) => sameInput(suggestionInput(this.responder, s), input)));
    // A pick answers in the language its options were offered in (a fact's question is asked in English).
    const language = turn.language ?? (picked ? memory.language : languageOfTurn(question, memory));
    const answer = this.responder.ask(question, {
      ...(turn.now ? { now: turn.now } : {}),
      ...(language ? { language } : {}),
      ...(memory.subject ? { previous: memory.subject } : {}),
    });
    this.options.questionLog?.record({
      platform: turn.from?.platform ?? 'console',
      ...(turn.from?.userId ? { userId: turn.from.userId } : {}),
      ...(typeof input === 'string' ? { question: input } : {}),
      answer,
      ...(chose ? { pick: memory.clarified?.question ? { question: memory.clarified.question } : {} } : {}),
    });
    const clarified = answer.kind === 'clarify' ? { ...(typeof input === 'string' && this.options.questionLog?.keepQuestions ? { question: input.trim() } : {}) } : undefined;
    if (key) await this.remember(key, next(memory, answer, clarified));
    return { answer, ...(picked ? { picked } : {}) };
  }

  /** Ends a conversation now (the next turn starts afresh). */
  async forget(key: string): Promise<void> {
    await this.state.delete(key).catch((error: unknown) => this.options.logger?.warn('conversation state unavailable; could not forget a conversation', { error }));
  }

  private async recall(key: string): Promise<ConversationMemory> {
    try {
      return (await this.state.get<ConversationMemory>(key)) ?? {};
    } catch (error) {
      this.options.logger?.warn('conversation state unavailable; answering without the previous answer', { error });
      return {};
    }
  }

  private async remember(key: string, memory: ConversationMemory): Promise<void> {
    try {
      await this.state.set(key, memory, this.ttlMs);
    } catch (error) {
      this.options.logger?.warn('conversation state unavailable; the next follow-up lacks this answer', { error });
    }
  }

  /** The option a pick ("2", "the first one", "yes") names; it is asked as its button would ask it. */
  private picked(memory: ConversationMemory, input: string | AskRequest): Suggestion | undefined {
    if (typeof input !== 'string' || !memory.offered?.length) return undefined;
    const pick = pickOf(input);
    const index = pick && pickIndex(pick, memory.offered.length, memory.asked ?? false);
    return index === undefined ? undefined : memory.offered[index];
  }
}

/**
 * The memory after `answer`: a new subject when it answered from the record, or told about a row
 * of the record that holds no figure ("no directly sourced figure for 2023": "and in 2022?"
 * follows it), but not when it listed the last answer's sources.
 */
function next(memory: ConversationMemory, answer: Answer, clarified: ConversationMemory['clarified']): ConversationMemory {
  const aboutRow = answer.matched || (answer.request !== undefined && answer.kind !== 'clarify');
  const subject = aboutRow && answer.intent !== 'sources' ? answer : memory.subject;
  return {
    ...(subject ? { subject } : {}),
    ...(answer.suggestions.length ? { offered: answer.suggestions, asked: !answer.matched } : {}),
    ...((answer.language ?? memory.language) ? { language: answer.language ?? memory.language } : {}),
    ...(clarified ? { clarified } : {}),
  };
}

/** The same words (case and spacing aside) or the same request. */
function sameInput(a: string | AskRequest, b: string | AskRequest): boolean {
  if (typeof a === 'string' || typeof b === 'string') return typeof a === typeof b && String(a).trim().toLowerCase() === String(b).trim().toLowerCase();
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof AskRequest)[]);
  return [...keys].every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** The turn's own language when its words have one; a turn of digits or a button continues in the conversation's. */
function languageOfTurn(input: string | AskRequest, memory: ConversationMemory): Language | undefined {
  if (typeof input === 'string' && /[\p{Script=Hangul}\p{Script=Latin}]/u.test(input)) return languageOf(input);
  return memory.language;
}

/** What a suggestion asks: its request, else its fact, else its words (the order buttons use). */
export function suggestionInput(responder: Responder, s: Suggestion): string | AskRequest {
  for (const target of targetsOf(s)) {
    const input = coreInput(responder, target);
    if (input) return input;
  }
  return s.question;
}
