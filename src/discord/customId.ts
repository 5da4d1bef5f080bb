/**
 * Button custom ids (at most 100 characters, unique within a message). Buttons outlive the
 * process that rendered them (a user may click one a week later, after a restart), so the id
 * itself says what to ask wherever it can:
 *
 *   sma:ask:<factId>    a knowledge fact (ids are short and stable across wording edits)
 *   sma:q:<question>    a question without a fact (intents such as "When is the next round?")
 *   sma:h:<hash>        a question too long for the id: looked up in memory, else the button label
 */
import { createHash } from 'node:crypto';
import type { Suggestion } from '../core/answer.js';

export const CUSTOM_ID_MAX = 100;
const PREFIX = 'sma';

export type ButtonTarget =
  | { kind: 'fact'; factId: string }
  | { kind: 'question'; question: string }
  | { kind: 'hash'; hash: string };

export const hashQuestion = (question: string) => createHash('sha256').update(question).digest('base64url').slice(0, 22);

export function customIdFor(s: Suggestion): string {
  if (s.factId) {
    const id = `${PREFIX}:ask:${s.factId}`;
    if (id.length <= CUSTOM_ID_MAX) return id;
  }
  const q = `${PREFIX}:q:${s.question.trim()}`;
  if (q.length <= CUSTOM_ID_MAX) return q;
  return `${PREFIX}:h:${hashQuestion(s.question.trim())}`;
}

export function parseCustomId(customId: string): ButtonTarget | undefined {
  const m = /^sma:(ask|q|h):(.+)$/s.exec(customId);
  if (!m) return undefined;
  const [, kind, rest] = m as unknown as [string, 'ask' | 'q' | 'h', string];
  if (kind === 'ask') return { kind: 'fact', factId: rest };
  if (kind === 'q') return { kind: 'question', question: rest };
  return { kind: 'hash', hash: rest };
}
