/**
 * `sma kb links [--timeout MS] [--concurrency N]`: checks every source URL in the record and lists
 * the dead ones (status or error, and where redirects ended). It reports and exits 0 whatever it
 * finds: CI has no internet, and a dead link is a curator's to-do, not a broken build.
 */
import { loadRecord } from '../responder.js';
import type { Config } from '../../config.js';
import { checkLinks, LINK_CHECK_DEFAULTS, type LinkResult } from '../../knowledge/linkCheck.js';
import { parse, UsageError, type CliIO } from '../args.js';

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) throw new UsageError(`--${name} expects a whole number from 1 to ${max}, got "${value}"`);
  return n;
}

const describe = (r: LinkResult) => [r.status !== undefined ? `HTTP ${r.status}` : '', r.error ?? '', r.finalUrl ? `ended at ${r.finalUrl}` : ''].filter(Boolean).join(', ');

export async function runKbLinks(args: string[], config: Config, io: CliIO): Promise<number> {
  const { values } = parse(args, { timeout: { type: 'string' }, concurrency: { type: 'string' } }, false);
  const options = {
    ...LINK_CHECK_DEFAULTS,
    timeoutMs: positiveInt('timeout', values.timeout, LINK_CHECK_DEFAULTS.timeoutMs, 120_000),
    concurrency: positiveInt('concurrency', values.concurrency, LINK_CHECK_DEFAULTS.concurrency, 64),
  };
  const { sources } = await loadRecord(config.KNOWLEDGE_DIR);
  const results = await checkLinks(sources, options);
  const dead = results.filter((r) => !r.ok);
  for (const r of dead) io.stdout.write(`dead  ${r.sourceId}  ${r.url}  (${describe(r)})\n`);
  const moved = results.filter((r) => r.ok && r.finalUrl);
  for (const r of moved) io.stdout.write(`moved ${r.sourceId}  ${r.url}  → ${r.finalUrl}\n`);
  const noUrl = sources.length - results.length;
  io.stdout.write(
    `${results.length ? '\n' : ''}${results.length} source URLs checked: ${results.length - dead.length} live (${moved.length} redirected), ${dead.length} dead` +
      `${noUrl ? `; ${noUrl} source${noUrl === 1 ? '' : 's'} without a URL` : ''}.\n`,
  );
  return 0;
}
