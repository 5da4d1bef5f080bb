/**
 * The local console chat: readline in a terminal (with a prompt, follow-ups by number, and
 * "what is the source for this?" about the previous answer), or one answer per stdin line when
 * piped, exiting at EOF. The session is one conversation of the conversation service.
 */
import { createInterface } from 'node:readline';
import type { Language, Responder } from '../core/answer.js';
import { conversationKey } from '../conversation/keys.js';
import { ConversationService } from '../conversation/service.js';
import { renderConsole } from './render.js';

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream;
  /** Where the session's context is kept; default a service of its own, in memory. */
  conversations?: ConversationService;
  /** Answer in this language (`sma chat --language ko`); absent: the language of each question (the service's rule). */
  language?: Language;
}

export async function startConsoleChat(responder: Responder, options: ConsoleOptions = {}): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = Boolean(input.isTTY);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  const conversations = options.conversations ?? new ConversationService(responder);
  const session = conversationKey.local('console');

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
    // A bare number (or "yes" to "did you mean…?") asks that option, as a button would: echo which.
    // It answers in the language of the answer it was offered under; a typed line in its own.
    const { answer, picked } = await conversations.turn(session, line, options.language ? { language: options.language } : {});
    if (picked) output.write(`> ${picked.question}\n`);
    output.write(`${renderConsole(answer)}\n\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}
