/** `sma chat`: the local console chat (the default adapter when no platform is configured). */
import type { Config } from '../../config.js';
import { quickResponder } from '../responder.js';
import { startConsoleChat } from '../../console/chat.js';
import { parseLanguageSetting } from '../../adapters/answerLanguage.js';
import { openConsoleFeedback } from '../../curation/openFeedback.js';
import { createLogger } from '../../log.js';
import { checkDate, parse, UsageError, type CliIO } from '../args.js';

export async function runChat(args: string[], config: Config, io: CliIO): Promise<number> {
  const { values } = parse(args, { now: { type: 'string' }, language: { type: 'string' } }, false);
  const setting = values.language === undefined ? 'auto' : parseLanguageSetting(values.language);
  if (!setting) throw new UsageError(`--language must be en, ko or auto (got "${values.language}")`);
  const responder = await quickResponder(config.KNOWLEDGE_DIR, checkDate(values.now) ?? config.SMA_NOW);
  // Votes (`+`, `-`) go to the bot's store, opened on the first one; only problems are logged, on stderr.
  const votes = openConsoleFeedback(
    config,
    createLogger(config.LOG_LEVEL === 'debug' ? 'debug' : 'warn', (line) => io.stderr.write(`${line}\n`)),
  );
  try {
    await startConsoleChat(responder, { input: io.stdin, output: io.stdout, feedback: votes.feedback, ...(setting !== 'auto' ? { language: setting } : {}) });
  } finally {
    await votes.close();
  }
  return 0;
}
