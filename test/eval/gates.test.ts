/**
 * `npm test` gates on accuracy: the development question sets and the record question table,
 * answered in-process by the shipped record, must each reach the gates in gates.json (the one
 * place they are set: in-scope accuracy and abstention at least, wrong answers at most, in percent,
 * as `sma eval --min-accuracy/--min-abstention/--max-wrong` takes them). Each gate is what main
 * scored when it was set, so the suite passes; raise it as the router improves, never lower it
 * to make a change pass.
 *
 * Rows without their own `now` are answered as of the record's newest source date, so a gate does
 * not flip as the real clock passes the record's dates. The shared sets live outside this
 * repository (../shared/eval); where that folder is absent they are skipped, and say so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateFailures, percent, type Gates } from '../../src/eval/gates.js';
import { evaluateDialogues, withDialogues } from '../../src/eval/dialogues.js';
import { atNoon, evaluate, readEvalFile } from '../../src/eval/questionSet.js';
import { recordDate } from '../../src/knowledge/dates.js';
import { recordKnowledge, recordResponder } from '../support/record.js';

const ROOT = join(import.meta.dirname, '../..');
const { sets } = JSON.parse(readFileSync(join(import.meta.dirname, 'gates.json'), 'utf8')) as { sets: Record<string, Gates> };

const kb = recordKnowledge();
const now = atNoon(recordDate(kb));
const responder = recordResponder(now);

describe(`accuracy gates (test/eval/gates.json), answered as of ${recordDate(kb)}`, () => {
  for (const [file, gates] of Object.entries(sets)) {
    const path = join(ROOT, file);
    const present = existsSync(path);
    if (!present) console.info(`skipped ${file}: not found (the shared development sets are not next to this checkout)`);
    const dialogueGate = gates.minDialogues !== undefined ? `, dialogues ≥ ${gates.minDialogues}%` : '';
    const name = `${file}: in-scope accuracy ≥ ${gates.minAccuracy}%, abstention ≥ ${gates.minAbstention}%, wrong ≤ ${gates.maxWrong}%${dialogueGate}`;
    it.skipIf(!present)(name, async () => {
      // A file may hold dialogues too: their turns are scored as rows, each dialogue in its own conversation.
      const { questions, dialogues } = readEvalFile(path);
      const report = withDialogues(evaluate(responder, questions, { timing: false, now }).results, await evaluateDialogues(responder, dialogues, { now, timing: false }));
      const failing = report.results
        .filter((r) => !r.pass)
        .map(
          (r) =>
            `${r.wrong ? 'WRONG' : 'FAIL'} ${r.row.id} ${r.row.q} → ${r.answer.kind}: ${r.answer.text.slice(0, 120)}${r.missing.length ? ` (missing ${r.missing.join(', ')})` : ''}`,
        );
      expect(gateFailures(report, gates), `${file} failing rows:\n${failing.join('\n')}`).toEqual([]);
      const headroom = report.accuracy.rate * 100 - (gates.minAccuracy ?? 0);
      if (headroom >= 1)
        console.info(`${file}: in-scope accuracy ${percent(report.accuracy.rate)} is above its gate of ${gates.minAccuracy}%: raise the gate in test/eval/gates.json`);
    });
  }
});
