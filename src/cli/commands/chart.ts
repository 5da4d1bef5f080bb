/**
 * `sma chart [contributions | rounds N] [--language en|ko|auto] --out FILE.png`: draws a chart
 * from KNOWLEDGE_DIR into a PNG file and prints its title, size and alt text (the alt text states
 * every figure shown). The language is the one given, else that of the words (`sma chart 회의 12`
 * is Korean), else English: the rule the chat platforms follow.
 */
import { writeFile } from 'node:fs/promises';
import { parseLanguageSetting, textLanguage } from '../../adapters/answerLanguage.js';
import { loadRecord } from '../responder.js';
import { drawChart, NoDataError, parseChartRequest } from '../../chart/index.js';
import type { Config } from '../../config.js';
import { type CliIO, parse, UsageError } from '../args.js';

export async function runChart(args: string[], config: Config, io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string' }, language: { type: 'string' } });
  if (!values.out) throw new UsageError('sma chart needs --out FILE.png');
  if (!values.out.toLowerCase().endsWith('.png')) throw new UsageError(`--out must name a .png file, got "${values.out}"`);
  const setting = values.language === undefined ? 'auto' : parseLanguageSetting(values.language);
  if (!setting) throw new UsageError(`--language must be en, ko or auto (got "${values.language}")`);
  const words = positionals.join(' ');
  const language = textLanguage({ ...(setting !== 'auto' ? { chosen: setting } : {}), question: words });
  const request = parseChartRequest(words, language);
  if ('error' in request) throw new UsageError(request.error);
  const kb = await loadRecord(config.KNOWLEDGE_DIR);
  try {
    const chart = await drawChart(kb, request, language);
    await writeFile(values.out, chart.png);
    io.stdout.write(`${values.out}: ${chart.title} (${chart.width}×${chart.height} px)\nalt text: ${chart.altText}\n`);
    if (chart.fontProblem) io.stderr.write(`note: ${chart.fontProblem}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof NoDataError)) throw err;
    io.stderr.write(`${err.message}\n`);
    return 1;
  }
}
