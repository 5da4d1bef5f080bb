/**
 * `sma chart [contributions | rounds N] --out FILE.png`: draws a chart from KNOWLEDGE_DIR into a
 * PNG file and prints its title, size and alt text (the alt text states every figure shown).
 */
import { writeFile } from 'node:fs/promises';
import { loadOrThrow } from '../../boot.js';
import { drawChart, NoDataError, parseChartRequest } from '../../chart/index.js';
import type { Config } from '../../config.js';
import { parse, UsageError } from '../args.js';

export async function runChart(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string' } });
  if (!values.out) throw new UsageError('sma chart needs --out FILE.png');
  if (!values.out.toLowerCase().endsWith('.png')) throw new UsageError(`--out must name a .png file, got "${values.out}"`);
  const request = parseChartRequest(positionals.join(' '));
  if ('error' in request) throw new UsageError(request.error);
  const kb = loadOrThrow(config.KNOWLEDGE_DIR);
  try {
    const chart = await drawChart(kb, request);
    await writeFile(values.out, chart.png);
    process.stdout.write(`${values.out}: ${chart.title} (${chart.width}×${chart.height} px)\nalt text: ${chart.altText}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof NoDataError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  }
}
