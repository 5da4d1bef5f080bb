/**
 * `npm run bench [-- QUESTIONS.jsonl]`: in-process answer latency (p50/p99) over a question set,
 * cold start to first answer, and the same set answered by fuse.js with default options over the
 * same facts (the naive approach), side by side.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Fuse from 'fuse.js';
import type { Answer, Responder } from '../src/core/answer.js';
import { createResponder } from '../src/core/responder.js';
import { evaluate, percentile, readQuestionSet, type QuestionRow } from '../src/eval/questionSet.js';
import { loadOrThrow } from '../src/boot.js';
import type { Knowledge } from '../src/knowledge/schema.js';

const file = process.argv[2] ?? '../shared/eval/dev.jsonl';
const knowledgeDir = process.env.KNOWLEDGE_DIR ?? './knowledge';
const REPEAT = 200;
const NAIVE_REPEAT = 5;
if (!existsSync(file)) {
  process.stderr.write(`question set not found: ${file}\n`);
  process.exit(2);
}
const rows = readQuestionSet(file);

// Cold start: read and validate the YAML, build the index, answer one question.
const t0 = performance.now();
const kb = loadOrThrow(knowledgeDir);
const tLoaded = performance.now();
const responder = createResponder(kb);
const tBuilt = performance.now();
responder.ask(rows[0]?.q ?? 'When is the next round?');
const tFirst = performance.now();

function latency(r: Responder, set: QuestionRow[], repeat: number): { p50: number; p99: number; max: number } {
  // Warm-up: steady-state latency, not the JIT's first passes.
  for (let i = 0; i < Math.min(20, repeat); i++) for (const row of set) r.ask(row.q);
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    for (const row of set) {
      const now = row.now ? new Date(`${row.now}T12:00:00Z`) : undefined;
      const s = performance.now();
      r.ask(row.q, { now });
      samples.push(performance.now() - s);
    }
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples[samples.length - 1] ?? 0 };
}

/** The naive bot: fuse.js defaults over the facts' question, phrasings and keywords; its best hit is the answer. */
function naiveResponder(k: Knowledge): Responder {
  const fuse = new Fuse(k.facts, { keys: ['question', 'phrasings', 'keywords'], includeScore: true });
  const byId = new Map(k.sources.map((s) => [s.id, s]));
  return {
    ask(question: string): Answer {
      const hit = fuse.search(question, { limit: 1 })[0];
      if (!hit) return { kind: 'unknown', matched: false, intent: 'none', title: '', text: "I don't know.", factIds: [], sources: [], confidence: 0, suggestions: [] };
      const f = hit.item;
      return {
        kind: 'answer',
        matched: true,
        intent: 'fact',
        title: f.question,
        text: f.answer,
        factIds: [f.id],
        sources: f.sources.map((id) => byId.get(id)!).map((s) => ({ id: s.id, publisher: s.publisher, title: s.title, date: s.published })),
        asOf: f.asOf,
        confidence: 1 - (hit.score ?? 1),
        suggestions: [],
      };
    },
    complete: () => [],
  };
}

const naive = naiveResponder(kb);
const ours = { quality: evaluate(responder, rows), speed: latency(responder, rows, REPEAT) };
// The naive router takes tens of milliseconds a question: fewer rounds give the same percentiles.
const base = { quality: evaluate(naive, rows), speed: latency(naive, rows, NAIVE_REPEAT) };

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number) => `${x.toFixed(3)} ms`;
const line = (name: string, r: typeof ours) =>
  `| ${name} | ${r.quality.accuracy.passed}/${r.quality.accuracy.total} (${pct(r.quality.accuracy.rate)}) | ${r.quality.abstention.passed}/${r.quality.abstention.total} (${pct(r.quality.abstention.rate)}) | ${ms(r.speed.p50)} | ${ms(r.speed.p99)} |`;

process.stdout.write(
  [
    `question set: ${file} (${rows.length} questions, answered ${REPEAT} times each for latency; the naive router ${NAIVE_REPEAT} times)`,
    `knowledge: ${kb.facts.length} facts, ${kb.rounds.length} rounds, ${kb.agreements.length} agreements, ${kb.contributions.length} yearly figures`,
    '',
    `cold start to first answer: ${ms(tFirst - t0)} (load+validate ${ms(tLoaded - t0)}, build index ${ms(tBuilt - tLoaded)}, first answer ${ms(tFirst - tBuilt)})`,
    '',
    '| router | in-scope accuracy | abstention | p50 | p99 |',
    '|---|---|---|---|---|',
    line('sma-bot core', ours),
    line('fuse.js defaults (naive)', base),
    '',
  ].join('\n'),
);
