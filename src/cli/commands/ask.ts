/**
 * `sma ask [--json] [--now YYYY-MM-DD] [question…]`: answers the question given, or one question
 * per stdin line. With --json, one JSON object per question, in input order, and nothing else.
 */
import { createInterface } from 'node:readline';
import type { Answer } from '../../core/answer.js';
import { plainText } from '../../core/plainText.js';
import type { Config } from '../../config.js';
import { quickResponder } from '../responder.js';
import { checkDate, parse, type CliIO } from '../args.js';

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

export async function runAsk(args: string[], config: Config, io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, now: { type: 'string' } });
  const now = checkDate(values.now) ?? config.SMA_NOW;
  const responder = await quickResponder(config.KNOWLEDGE_DIR, now);
  const answerOne = (question: string) => {
    const a = responder.ask(question);
    io.stdout.write(values.json ? `${JSON.stringify(toJson(question, a))}\n` : `${plainText(a)}\n\n`);
  };
  if (positionals.length) {
    answerOne(positionals.join(' '));
    return 0;
  }
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim()) answerOne(line);
  }
  return 0;
}
