/**
 * Readers' 👍/👎 on answers, the same for Slack, Discord and the console: a vote names the answer
 * (`answerKey`: which message it was under), what that answer was (`AnswerRef`, from the button's
 * payload) and the voter, whose platform id is hashed here (`hashId.ts`) before anything is kept.
 *
 * What "an answer" is: one reply the bot posted. Its key is where it was posted, known when the
 * button is clicked (Slack: team, channel and message ts; Discord: the message id, unique across
 * Discord; the console: the session and the answer's number in it). Asking the same question
 * twice gives two answers, voted on apart; a shared copy of an answer is a new message and gets
 * votes of its own. A voter has one vote per answer: voting again replaces it.
 *
 * Faults: the store may be paused (resilientStore.ts) or slow. A vote waits at most `timeoutMs`
 * (Slack must have a modal's answer within 3 s), and any failure is logged and reported as
 * `{ ok: false }` for the adapter's polite "could not record your vote, try again"; nothing
 * throws. Trying again is safe: the same vote twice is `same`.
 */
import type { Logger } from '../log.js';
import { hashUserId } from './hashId.js';
import { secretResolver, type SecretKeeper } from './secret.js';
import type { AnswerRef, CurationPlatform, FeedbackStore, VoteResult, VoteValue } from './types.js';

/** Longest reason kept: one line (Slack's input and Discord's are capped at it too). */
export const MAX_REASON_LENGTH = 200;

export interface Ballot {
  platform: CurationPlatform;
  /** The platform's own user id: hashed, never kept. */
  userId: string;
  answerKey: string;
  answer: AnswerRef;
  value: VoteValue;
  /** What the reader typed with a 👎; made one line, cut to MAX_REASON_LENGTH, dropped when empty or with a 👍. */
  reason?: string | undefined;
}

export type VoteOutcome = { ok: true; result: VoteResult; value: VoteValue; withReason: boolean } | { ok: false };

/** Where each platform's answers are: the key of one answer (see above). */
export const answerKeys = {
  slack: (teamId: string, channelId: string, messageTs: string) => `slack:${teamId}:${channelId}:${messageTs}`,
  discord: (messageId: string) => `discord:${messageId}`,
  console: (session: string, answer: number) => `console:${session}:${answer}`,
};

/** A reason as one line: control characters and line breaks become spaces, runs of spaces one, at most MAX_REASON_LENGTH characters. */
export function oneLine(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const line = text
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line ? [...line].slice(0, MAX_REASON_LENGTH).join('') : undefined;
}

export interface FeedbackOptions {
  store: FeedbackStore & SecretKeeper;
  /** CURATION_SECRET; unset: the store's own (`secret.ts`). */
  secret?: string | undefined;
  logger: Logger;
  now?: () => Date;
  /** The longest a vote waits for the store (default 2 s). */
  timeoutMs?: number;
}

export class Feedback {
  private readonly secret: () => Promise<string>;
  private readonly logger: Logger;

  constructor(private readonly o: FeedbackOptions) {
    this.secret = secretResolver(o.secret, o.store);
    this.logger = o.logger.child({ component: 'feedback' });
  }

  async vote(ballot: Ballot): Promise<VoteOutcome> {
    const reason = ballot.value === 'down' ? oneLine(ballot.reason) : undefined;
    const fields = { platform: ballot.platform, value: ballot.value, intent: ballot.answer.intent, ...(ballot.answer.factId ? { factId: ballot.answer.factId } : {}) };
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = this.o.timeoutMs ?? 2000;
    try {
      const record = (async () => {
        const voter = hashUserId(await this.secret(), ballot.platform, ballot.userId);
        return this.o.store.recordVote({
          answer: ballot.answer,
          answerKey: ballot.answerKey,
          platform: ballot.platform,
          voter,
          value: ballot.value,
          ...(reason ? { reason } : {}),
          at: this.o.now?.() ?? new Date(),
        });
      })();
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the store did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      record.catch(() => undefined); // a late failure after the timeout is already reported
      const result = await Promise.race([record, late]);
      this.logger.info('feedback vote recorded', { ...fields, result, withReason: Boolean(reason) });
      return { ok: true, result, value: ballot.value, withReason: Boolean(reason) };
    } catch (error) {
      // The store's own reason (paused, locked, full…) or the timeout; never the voter or the reason typed.
      const described =
        error instanceof Error ? { error: error.message, ...('reason' in error ? { reason: String((error as { reason: unknown }).reason) } : {}) } : { error: String(error) };
      this.logger.warn('feedback vote not recorded; the voter was asked to try again', { ...fields, ...described });
      return { ok: false };
    } finally {
      clearTimeout(timer);
    }
  }
}
