/** `sma eval FILE [--json]`: scores a question set; prints accuracy, abstention, failures, latency. */
import type { Config } from '../../config.js';
import { buildResponder } from '../../boot.js';
import { evaluate, readQuestionSet } from '../../eval/questionSet.js';
import { parse, UsageError } from '../args.js';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

export function runEval(args: string[], config: Config): number {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('eval takes exactly one question file');
  const rows = readQuestionSet(file);
  const responder = buildResponder(config.KNOWLEDGE_DIR, config.SMA_NOW);
  // Warm up (one pass over the set) so the latency figures are of answering, not of the JIT's first pass.
  for (const r of rows) responder.ask(r.q);
  const report = evaluate(responder, rows);
  const failures = report.results.filter((r) => !r.pass);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({
        accuracy: report.accuracy,
        abstention: report.abstention,
        latencyMs: report.latency,
        failures: failures.map((f) => ({ id: f.row.id, q: f.row.q, matched: f.answer.matched, kind: f.answer.kind, missing: f.missing, text: f.text })),
      })}\n`,
    );
  } else {
    for (const f of failures) {
      const why = 'abstain' in f.row ? 'answered an out-of-scope question' : !f.answer.matched ? `not matched (${f.answer.kind})` : `missing ${f.missing.map((m) => `/${m}/`).join(', ')}`;
      process.stdout.write(`FAIL ${f.row.id} ${JSON.stringify(f.row.q)}: ${why}\n     → ${f.answer.text.slice(0, 240).replace(/\n/g, ' ')}\n`);
    }
    process.stdout.write(
      `\nin-scope accuracy: ${report.accuracy.passed}/${report.accuracy.total} = ${pct(report.accuracy.rate)}\n` +
        `abstention:        ${report.abstention.passed}/${report.abstention.total} = ${pct(report.abstention.rate)}\n` +
        `answer latency:    p50 ${report.latency.p50.toFixed(3)} ms, p99 ${report.latency.p99.toFixed(3)} ms\n`,
    );
  }
  return 0;
}
