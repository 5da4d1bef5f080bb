/**
 * The local console chat: readline in a terminal (with a prompt, follow-ups by number, and
 * "what is the source for this?" about the previous answer), or one answer per stdin line when
 * piped, exiting at EOF.
 */
import { createInterface } from 'node:readline';
import { spokenLanguage } from '../adapters/answerLanguage.js';
import { coreInput, targetsOf } from '../adapters/payload.js';
import type { Answer, AskRequest, Language, Responder, Suggestion } from '../core/answer.js';
import { renderConsole } from './render.js';

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream;
  /** Answer in this language (`sma chat --language ko`); absent: the language of each question. */
  language?: Language;
}

export async function startConsoleChat(responder: Responder, options: ConsoleOptions = {}): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = Boolean(input.isTTY);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  let previous: Answer | undefined;

  if (interactive) {
    output.write('Ask about the Korea–US defense cost-sharing talks (SMA). "help" for examples, "quit" to leave.\n');
    rl.setPrompt('sma> ');
    rl.prompt();
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (interactive && /^(quit|exit|bye|:q)$/i.test(line)) break;
    if (!line) {
      if (interactive) rl.prompt();
      continue;
    }
    // A bare number asks the numbered follow-up of the previous answer, as a button would.
    const pick = /^\d$/.test(line) ? previous?.suggestions[Number(line) - 1] : undefined;
    if (pick) output.write(`> ${pick.question}\n`);
    // A numbered follow-up asks in the language of the answer it was offered under (a fact's own
    // question is English); a typed one in its own (see answerLanguage: a follow-up may have no words left).
    const language = options.language ?? (pick ? previous?.language : spokenLanguage(line));
    previous = responder.ask(pick ? suggestionInput(responder, pick) : line, { previous, ...(language ? { language } : {}) });
    output.write(`${renderConsole(previous)}\n\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}

/** What a suggestion asks: its request, else its fact, else its words (the same order as buttons). */
function suggestionInput(responder: Responder, s: Suggestion): string | AskRequest {
  for (const target of targetsOf(s)) {
    const input = coreInput(responder, target);
    if (input) return input;
  }
  return s.question;
}
