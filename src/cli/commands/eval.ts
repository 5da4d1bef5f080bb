/**
 * `sma eval`: scores question sets and dialogues (per file and combined: accuracy, abstention,
 * wrong answers over questions and dialogue turns, whole dialogues passed, latency, every
 * failure), gates on them, sweeps the router's bars, or runs k-fold over the facts' phrasings.
 * The scoring itself lives in src/eval/; this file reads flags and prints.
 */
import { existsSync } from 'node:fs';
import type { Config } from '../../config.js';
import { loadRecord } from '../responder.js';
import { createResponder } from '../../core/responder.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../core/confidence.js';
import type { Knowledge } from '../../knowledge/schema.js';
import { recordDate } from '../../knowledge/dates.js';
import { atNoon, evaluate, readEvalFile, summarise, type DialogueRow, type EvalReport, type QuestionRow, type Rate, type RowResult } from '../../eval/questionSet.js';
import { evaluateDialogues, withDialogues } from '../../eval/dialogues.js';
import { gateFailures, percent, type Gates } from '../../eval/gates.js';
import { inSplit, SPLITS, type Split } from '../../eval/split.js';
import { choose, DEFAULT_MAX_WRONG, OBJECTIVE, scorePoint, sweep, SWEEP_GRID, type PointScore } from '../../eval/sweep.js';
import { kfold, type FoldScore } from '../../eval/kfold.js';
import { checkDate, checkPercent, parse, UsageError, type CliIO } from '../args.js';

const FLAGS = {
  json: { type: 'boolean' },
  split: { type: 'string' },
  now: { type: 'string' },
  'min-accuracy': { type: 'string' },
  'min-abstention': { type: 'string' },
  'max-wrong': { type: 'string' },
  'min-dialogues': { type: 'string' },
  sweep: { type: 'boolean' },
  kfold: { type: 'string' },
} as const;

interface QuestionFile {
  file: string;
  rows: QuestionRow[];
  dialogues: DialogueRow[];
}

export async function runEval(args: string[], config: Config, io: CliIO): Promise<number> {
  const { values, positionals: files } = parse(args, FLAGS);
  const out = (line = '') => io.stdout.write(`${line}\n`);
  const day = checkDate(values.now) ?? config.SMA_NOW;
  const gates: Gates = {
    minAccuracy: checkPercent('min-accuracy', values['min-accuracy']),
    minAbstention: checkPercent('min-abstention', values['min-abstention']),
    maxWrong: checkPercent('max-wrong', values['max-wrong']),
    minDialogues: checkPercent('min-dialogues', values['min-dialogues']),
  };

  if (values.kfold !== undefined) {
    if (files.length || values.sweep || values.split || Object.values(gates).some((g) => g !== undefined))
      throw new UsageError('eval --kfold K takes no question files, --split, --sweep or gates: it asks the record its own phrasings');
    const k = Number(values.kfold);
    if (!Number.isInteger(k) || k < 2) throw new UsageError(`--kfold expects a whole number of folds, 2 or more, got "${values.kfold}"`);
    const kb = await loadRecord(config.KNOWLEDGE_DIR);
    return printKfold(kb, k, day ?? recordDate(kb), values.json ?? false, out);
  }

  if (!files.length) throw new UsageError('eval needs at least one question file (or --kfold K)');
  const missing = files.find((f) => !existsSync(f));
  if (missing) throw new UsageError(`question file not found: ${missing}`);
  const split = (values.split ?? 'all') as Split;
  if (!SPLITS.includes(split)) throw new UsageError(`--split expects one of ${SPLITS.join(', ')}, got "${values.split}"`);
  const sets: QuestionFile[] = files.map((file) => ({ file, ...pick(readEvalFile(file)) }));
  const kb = await loadRecord(config.KNOWLEDGE_DIR);
  const now = day ? atNoon(day) : new Date();

  if (values.sweep) {
    if (values.split || gates.minAccuracy !== undefined || gates.minAbstention !== undefined || gates.minDialogues !== undefined) {
      throw new UsageError(
        "eval --sweep chooses on the tuning split and reports on the validation split: it takes no --split, and of the gates only --max-wrong (the objective's bound)",
      );
    }
    if (sets.some((s) => s.dialogues.length)) throw new UsageError('eval --sweep scores question rows only: leave the dialogue files out');
    return printSweep(kb, sets, now, day, gates.maxWrong ?? DEFAULT_MAX_WRONG, values.json ?? false, out);
  }

  const responder = createResponder(kb, { clock: () => now });
  const reports = [];
  for (const { file, rows, dialogues } of sets) {
    const part = inSplit(rows, split);
    // Warm up (one pass over the set) so the latency figures are of answering, not of the JIT's first pass.
    for (const r of part) responder.ask(r.q);
    const talks = await evaluateDialogues(responder, inSplit(dialogues, split), { now });
    const report = withDialogues(evaluate(responder, part, { now }).results, talks);
    const of = rows.length + dialogues.reduce((n, d) => n + d.turns.length, 0);
    reports.push({ file, of, report, gateFailures: gateFailures(report, gates) });
  }
  const combined = pooled(reports.map((r) => r.report));
  const fileOf = new Map(reports.flatMap((r) => r.report.results.map((x) => [x, r.file] as const)));
  const failed = reports.flatMap((r) => r.gateFailures.map((problem) => ({ file: r.file, problem })));

  if (values.json) {
    out(
      JSON.stringify({
        split,
        now: day ?? null,
        ...scores(combined),
        failures: combined.results.filter((r) => !r.pass).map((f) => failureJson(f, fileOf.get(f))),
        files: reports.map((r) => ({ file: r.file, rows: r.report.results.length, of: r.of, ...scores(r.report), gateFailures: r.gateFailures })),
        gates,
        gateFailures: failed,
      }),
    );
  } else {
    for (const r of reports) {
      out(`== ${r.file}: ${split === 'all' ? `${r.of} rows` : `split ${split}, ${r.report.results.length} of ${r.of} rows`}`);
      for (const f of r.report.results.filter((x) => !x.pass)) out(describeFailure(f));
      printScores(r.report, out);
      out();
    }
    if (reports.length > 1) {
      out(`== all ${reports.length} files: ${combined.results.length} rows`);
      printScores(combined, out);
      out();
    }
    for (const f of failed) out(`GATE FAILED ${f.file}: ${f.problem}`);
    const set = describeGates(gates);
    if (set && !failed.length) out(`gates passed (${set})`);
  }
  return failed.length ? 1 : 0;
}

const scores = (r: EvalReport) => ({ accuracy: r.accuracy, abstention: r.abstention, wrong: r.wrong, latencyMs: r.latency, ...(r.dialogues ? { dialogues: r.dialogues } : {}) });

/** Several files' scores as one: every row and turn, and the dialogues of all of them. */
function pooled(reports: EvalReport[]): EvalReport {
  const all = summarise(reports.flatMap((r) => r.results));
  const talks = reports.flatMap((r) => (r.dialogues ? [r.dialogues] : []));
  if (!talks.length) return all;
  const passed = talks.reduce((n, d) => n + d.passed, 0);
  const total = talks.reduce((n, d) => n + d.total, 0);
  return { ...all, dialogues: { passed, total, rate: total ? passed / total : 1 } };
}

/** A file's question rows and dialogues. */
function pick(f: { questions: QuestionRow[]; dialogues: DialogueRow[] }) {
  return { rows: f.questions, dialogues: f.dialogues };
}

function failureJson(f: RowResult, file: string | undefined) {
  return { file, id: f.row.id, q: f.row.q, matched: f.answer.matched, wrong: f.wrong, kind: f.answer.kind, missing: f.missing, text: f.text };
}

function describeFailure(f: RowResult): string {
  const why =
    'abstain' in f.row ? 'answered an out-of-scope question' : !f.answer.matched ? `not matched (${f.answer.kind})` : `missing ${f.missing.map((m) => `/${m}/`).join(', ')}`;
  return `${f.wrong ? 'WRONG' : 'FAIL '} ${f.row.id} ${JSON.stringify(f.row.q)}: ${why}\n      → ${f.answer.text.slice(0, 240).replace(/\n/g, ' ')}`;
}

const ratio = (r: Rate) => `${r.passed}/${r.total} = ${percent(r.rate)}`;

function printScores(r: EvalReport, out: (line?: string) => void) {
  out(`in-scope accuracy: ${ratio(r.accuracy)}`);
  out(`abstention:        ${ratio(r.abstention)}`);
  out(`wrong:             ${ratio(r.wrong)} of all rows`);
  if (r.dialogues) out(`dialogues:         ${ratio(r.dialogues)} passed every turn`);
  out(`answer latency:    p50 ${r.latency.p50.toFixed(3)} ms, p99 ${r.latency.p99.toFixed(3)} ms`);
}

function describeGates(g: Gates): string {
  return [
    g.minAccuracy !== undefined ? `in-scope accuracy ≥ ${g.minAccuracy}%` : '',
    g.minAbstention !== undefined ? `abstention ≥ ${g.minAbstention}%` : '',
    g.maxWrong !== undefined ? `wrong ≤ ${g.maxWrong}%` : '',
    g.minDialogues !== undefined ? `dialogues ≥ ${g.minDialogues}%` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

const describePoint = (p: Thresholds) => `answer ${p.answer}, clarify ${p.clarify}, suggest ${p.suggest}, margin ${p.margin}`;
const brief = (s: PointScore) => `accuracy ${ratio(s.accuracy)}, abstention ${ratio(s.abstention)}, wrong ${ratio(s.wrong)}`;
const pad = (text: string | number, width: number) => String(text).padStart(width);

function printSweep(kb: Knowledge, sets: QuestionFile[], now: Date, day: string | undefined, maxWrong: number, json: boolean, out: (line?: string) => void): number {
  const tune = sets.flatMap((s) => inSplit(s.rows, 'tune'));
  const validate = sets.flatMap((s) => inSplit(s.rows, 'validate'));
  const responder = createResponder(kb, { clock: () => now });
  const points = sweep(responder, tune, now);
  const chosen = choose(points, maxWrong)!;
  const feasible = chosen.wrong.rate * 100 <= maxWrong + 1e-9;
  const onValidation = scorePoint(responder, chosen.point, validate, now);
  const current = { tune: scorePoint(responder, DEFAULT_THRESHOLDS, tune, now), validate: scorePoint(responder, DEFAULT_THRESHOLDS, validate, now) };
  const scoreJson = (s: PointScore) => ({ accuracy: s.accuracy, abstention: s.abstention, wrong: s.wrong });

  if (json) {
    out(
      JSON.stringify({
        files: sets.map((s) => s.file),
        now: day ?? null,
        rows: { tune: tune.length, validate: validate.length },
        grid: SWEEP_GRID,
        maxWrong,
        objective: OBJECTIVE,
        points: points.map((s) => ({ point: s.point, ...scoreJson(s) })),
        chosen: { point: chosen.point, withinMaxWrong: feasible, tune: scoreJson(chosen), validate: scoreJson(onValidation) },
        current: { point: DEFAULT_THRESHOLDS, tune: scoreJson(current.tune), validate: scoreJson(current.validate) },
      }),
    );
  } else {
    out(
      `Sweep over ${sets.map((s) => s.file).join(', ')}: ${points.length} operating points on the tuning split (${tune.length} rows); ${validate.length} rows held out for validation.`,
    );
    out(`Rows without a date are answered as of ${day ?? `today (${now.toISOString().slice(0, 10)})`}.`);
    out();
    out(' answer clarify suggest margin   accuracy abstention    wrong');
    for (const s of points) {
      out(
        `${pad(s.point.answer, 7)} ${pad(s.point.clarify, 7)} ${pad(s.point.suggest, 7)} ${pad(s.point.margin, 6)} ${pad(percent(s.accuracy.rate), 10)} ${pad(percent(s.abstention.rate), 10)} ${pad(percent(s.wrong.rate), 8)}`,
      );
    }
    out();
    out(`Objective: ${OBJECTIVE.replace('the maximum', `${maxWrong}%`)}`);
    if (!feasible) out(`NO POINT within wrong ≤ ${maxWrong}% on the tuning split; the point with the fewest wrong answers:`);
    out(`Chosen: ${describePoint(chosen.point)}`);
    out(`  tuning split:     ${brief(chosen)}`);
    out(`  validation split: ${brief(onValidation)}`);
    out(`Today's bars: ${describePoint(DEFAULT_THRESHOLDS)}`);
    out(`  tuning split:     ${brief(current.tune)}`);
    out(`  validation split: ${brief(current.validate)}`);
  }
  return feasible ? 0 : 1;
}

function printKfold(kb: Knowledge, k: number, day: string, json: boolean, out: (line?: string) => void): number {
  const report = kfold(kb, k, atNoon(day));
  if (json) {
    out(JSON.stringify({ now: day, ...report }));
    return 0;
  }
  out(`K-fold over every fact's phrasings: ${k} folds, phrasing j of a fact in fold j mod ${k}, asked as of ${day}.`);
  out('A held-out phrasing is routed when its own fact answers, wrong when another fact does.');
  out();
  out('  fold  held out         routed          wrong          table     unanswered');
  const share = (n: number, of: number) => `${n} (${percent(of ? n / of : 0)})`;
  const line = (name: string, f: FoldScore) =>
    out(
      `${pad(name, 6)} ${pad(f.heldOut, 9)} ${pad(share(f.routed, f.heldOut), 14)} ${pad(share(f.wrong, f.heldOut), 14)} ${pad(share(f.table, f.heldOut), 14)} ${pad(share(f.unanswered, f.heldOut), 14)}`,
    );
  report.folds.forEach((f, i) => line(String(i + 1), f));
  line('all', report.total);
  const wrong = report.misses.filter((m) => m.wrong);
  if (wrong.length) {
    out();
    for (const m of wrong) out(`WRONG fold ${m.fold + 1} ${m.factId}: "${m.phrasing}" → ${m.got}`);
  }
  return 0;
}
