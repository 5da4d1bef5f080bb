/** `sma announce [--dry-run]`: placeholder until announcements land. */
import type { Config } from '../../config.js';
import { parse } from '../args.js';

export async function runAnnounce(args: string[], _config: Config): Promise<number> {
  parse(args, { 'dry-run': { type: 'boolean' } }, false);
  process.stderr.write('Announcements are not built yet.\n');
  return 1;
}
