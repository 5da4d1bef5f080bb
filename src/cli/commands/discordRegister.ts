/** `sma discord register [--guild ID]`: placeholder until the Discord adapter lands. */
import type { Config } from '../../config.js';
import { parse } from '../args.js';

export async function runDiscordRegister(args: string[], _config: Config): Promise<number> {
  parse(args, { guild: { type: 'string' } }, false);
  process.stderr.write('Discord support is not built yet.\n');
  return 1;
}
