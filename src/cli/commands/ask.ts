/**
 * `sma ask [--json] [--conversation] [--now YYYY-MM-DD] [question…]`: answers the question given,
 * or one question per stdin line. With --json, one JSON object per question, in input order, and
 * nothing else. With --conversation the stdin lines are the turns of one conversation ("and in
 * 2020?" follows the line before), and an empty line starts a new one.
 */
import { createInterface } from 'node:readline';
import type { Answer } from '../../core/answer.js';
import { plainText } from '../../core/plainText.js';
import type { RecordSettings } from '../../configBasics.js';
import { quickResponder } from '../responder.js';
import { checkDate, parse, UsageError, type CliIO } from '../args.js';

export function toJson(question: string, a: Answer) {
  return {
    question,
    matched: a.matched,
    kind: a.kind,
    intent: a.intent,
    title: a.title,
    text: plainText(a),
    answer: a.text,
    factIds: a.factIds,
    confidence: a.confidence,
    asOf: a.asOf ?? null,
    sources: a.sources,
    suggestions: a.suggestions.map((s) => s.question),
  };
}

export async function runAsk(args: string[], config: RecordSettings, io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, conversation: { type: 'boolean' }, now: { type: 'string' } });
  if (values.conversation && positionals.length) throw new UsageError('ask --conversation reads the turns from stdin, one a line: it takes no question as an argument');
  const now = checkDate(values.now) ?? config.SMA_NOW;
  const responder = await quickResponder(config.KNOWLEDGE_DIR, now);
  const print = (question: string, a: Answer) => io.stdout.write(values.json ? `${JSON.stringify(toJson(question, a))}\n` : `${plainText(a)}\n\n`);
  if (positionals.length) {
    const question = positionals.join(' ');
    print(question, responder.ask(question));
    return 0;
  }
  // The conversation memory (and its LRU cache) only with --conversation: one question should start fast.
  const conversations = values.conversation ? await import('../../conversation/service.js').then((m) => new m.ConversationService(responder)) : undefined;
  const { conversationKey } = await import('../../conversation/keys.js');
  let conversation = 1;
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) {
      conversation += 1; // with --conversation, an empty line starts a new one
      continue;
    }
    print(line, conversations ? await conversations.ask(conversationKey.local(`stdin-${conversation}`), line) : responder.ask(line));
  }
  return 0;
}
