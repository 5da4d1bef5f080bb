/**
 * The local console chat: readline in a terminal (with a prompt, follow-ups by number, and
 * "what is the source for this?" about the previous answer), or one answer per stdin line when
 * piped, exiting at EOF. The session is one conversation of the conversation service.
 *
 * Votes: with `feedback`, a line `+` (helpful) or `-` (not helpful; `- reason words` says why)
 * votes on the last answer, when it was an answer from the record. The console's answers are
 * numbered within the session, which is what a vote's answer key names.
 */
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { platformMessages } from '../adapters/i18n/index.js';
import type { Answer, Language, Responder } from '../core/answer.js';
import { conversationKey } from '../conversation/keys.js';
import { ConversationService } from '../conversation/service.js';
import { answerRefOf, votable } from '../curation/answerRef.js';
import { answerKeys, type Feedback } from '../curation/feedback.js';
import { renderConsole } from './render.js';

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream;
  /** Where the session's context is kept; default a service of its own, in memory. */
  conversations?: ConversationService;
  /** Answer in this language (`sma chat --language ko`); absent: the language of each question (the service's rule). */
  language?: Language;
  /** Records `+`/`-` votes; absent: those lines say votes are not enabled. */
  feedback?: Feedback;
  /** Who votes (hashed before it is kept); default the operating-system user. */
  voter?: string;
}

/** `+`, `-`, or `- reason words`: a vote, not a question. */
const VOTE_LINE = /^(\+|-)(?:\s+(.*))?$/s;

export async function startConsoleChat(responder: Responder, options: ConsoleOptions = {}): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = Boolean(input.isTTY);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  const conversations = options.conversations ?? new ConversationService(responder);
  const session = conversationKey.local('console');
  const sessionId = randomUUID();
  let answers = 0;
  let last: Answer | undefined;

  if (interactive) {
    const votes = options.feedback ? ' "+" or "-" after an answer votes on it.' : '';
    output.write(`Ask about the Korea–US defense cost-sharing talks (SMA). "help" for examples, "quit" to leave.${votes}\n`);
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
    const vote = VOTE_LINE.exec(line);
    if (vote) {
      output.write(`${await castVote(vote[1] === '+' ? 'up' : 'down', vote[2])}\n\n`);
      if (interactive) rl.prompt();
      continue;
    }
    // A bare number (or "yes" to "did you mean…?") asks that option, as a button would: echo which.
    // It answers in the language of the answer it was offered under; a typed line in its own.
    const { answer, picked } = await conversations.turn(session, line, options.language ? { language: options.language } : {});
    answers += 1;
    last = answer;
    if (picked) output.write(`> ${picked.question}\n`);
    output.write(`${renderConsole(answer)}\n`);
    if (answer.intent === 'help' && options.feedback) output.write(`  ${platformMessages(answer.language).feedback.consoleHelp}\n`);
    output.write('\n');
    if (interactive) rl.prompt();
  }
  rl.close();

  async function castVote(value: 'up' | 'down', reason: string | undefined): Promise<string> {
    const t = platformMessages(last?.language ?? options.language).feedback;
    if (!options.feedback) return t.notEnabled;
    if (!last || !votable(last)) return t.nothingToVoteOn;
    const outcome = await options.feedback.vote({
      platform: 'console',
      userId: options.voter ?? consoleUser(),
      answerKey: answerKeys.console(sessionId, answers),
      answer: answerRefOf(last),
      value,
      reason,
    });
    return outcome.ok ? t.thanks(outcome.value, outcome.result, outcome.withReason) : t.failed;
  }
}

function consoleUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'console';
  }
}
