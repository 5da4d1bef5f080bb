/**
 * Dialogues (shared/eval/README.md, "Dialogues"): the turns of one conversation, asked in order
 * through the conversation service, as a user in a Slack thread would ask them. Each turn is
 * scored as a question row (its id is the dialogue's plus `#n`); a dialogue passes when every
 * turn does. Every dialogue is a conversation of its own, so none leans on another.
 */
import { performance } from 'node:perf_hooks';
import type { Responder } from '../core/answer.js';
import { conversationKey } from '../conversation/keys.js';
import { ConversationService } from '../conversation/service.js';
import { atNoon, scoreAnswer, summarise, type DialogueRow, type EvalReport, type QuestionRow, type RowResult } from './questionSet.js';

export interface DialogueResult {
  dialogue: DialogueRow;
  turns: RowResult[];
  pass: boolean;
}

/** The turn as a question row: the dialogue's id and turn number, its date. */
export function turnRow(d: DialogueRow, index: number): QuestionRow {
  return { id: `${d.id}#${index + 1}`, ...(d.now ? { now: d.now } : {}), ...d.turns[index]! };
}

export async function evaluateDialogues(responder: Responder, dialogues: DialogueRow[], options: { now?: Date; timing?: boolean } = {}): Promise<DialogueResult[]> {
  const conversations = new ConversationService(responder);
  const out: DialogueResult[] = [];
  for (const d of dialogues) {
    const now = d.now ? atNoon(d.now) : options.now;
    const key = conversationKey.local(`dialogue:${d.id}`);
    const turns: RowResult[] = [];
    for (let i = 0; i < d.turns.length; i++) {
      const row = turnRow(d, i);
      const t0 = performance.now();
      const answer = await conversations.ask(key, row.q, now ? { now } : {});
      turns.push(scoreAnswer(row, answer, options.timing === false ? 0 : performance.now() - t0));
    }
    out.push({ dialogue: d, turns, pass: turns.every((t) => t.pass) });
  }
  return out;
}

/** Questions' and dialogue turns' results scored together, with the dialogues' own pass rate. */
export function withDialogues(rows: RowResult[], dialogues: DialogueResult[]): EvalReport {
  const report = summarise([...rows, ...dialogues.flatMap((d) => d.turns)]);
  if (!dialogues.length) return report;
  const passed = dialogues.filter((d) => d.pass).length;
  return { ...report, dialogues: { passed, total: dialogues.length, rate: passed / dialogues.length } };
}
