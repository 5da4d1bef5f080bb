/** `sma chat`: the local console chat (the default adapter when no platform is configured). */
import type { Config } from '../../config.js';
import { quickResponder } from '../responder.js';
import { startConsoleChat } from '../../console/chat.js';
import { checkDate, parse, type CliIO } from '../args.js';

export async function runChat(args: string[], config: Config, io: CliIO): Promise<number> {
  const { values } = parse(args, { now: { type: 'string' } }, false);
  const responder = await quickResponder(config.KNOWLEDGE_DIR, checkDate(values.now) ?? config.SMA_NOW);
  await startConsoleChat(responder, { input: io.stdin, output: io.stdout });
  return 0;
}
