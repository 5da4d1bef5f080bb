/** `sma chat`: the local console chat (the default adapter when no platform is configured). */
import type { Config } from '../../config.js';
import { quickResponder } from '../responder.js';
import { startConsoleChat } from '../../console/chat.js';
import { parseLanguageSetting } from '../../adapters/answerLanguage.js';
import { checkDate, parse, UsageError, type CliIO } from '../args.js';

export async function runChat(args: string[], config: Config, io: CliIO): Promise<number> {
  const { values } = parse(args, { now: { type: 'string' }, language: { type: 'string' } }, false);
  const setting = values.language === undefined ? 'auto' : parseLanguageSetting(values.language);
  if (!setting) throw new UsageError(`--language must be en, ko or auto (got "${values.language}")`);
  const responder = await quickResponder(config.KNOWLEDGE_DIR, checkDate(values.now) ?? config.SMA_NOW);
  await startConsoleChat(responder, { input: io.stdin, output: io.stdout, ...(setting !== 'auto' ? { language: setting } : {}) });
  return 0;
}
