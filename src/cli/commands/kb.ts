/** `sma kb validate` and `sma kb check`: the curator's two checks, exit code 1 on any problem. */
import type { Config } from '../../config.js';
import { loadKnowledge } from '../../knowledge/load.js';
import { formatProblem } from '../../knowledge/yamlFile.js';
import { formatCoverageLine, koCoverage } from '../../knowledge/koCoverage.js';
import { recordDate } from '../../knowledge/dates.js';
import { checkRouting } from '../../core/kbCheck.js';
import { loadRecord } from '../responder.js';
import { atNoon } from '../../eval/questionSet.js';
import { parse, UsageError, type CliIO } from '../args.js';

export function runKbValidate(args: string[], config: Config, io: CliIO): number {
  parse(args, {}, false);
  const result = loadKnowledge(config.KNOWLEDGE_DIR);
  if (!result.ok) {
    for (const p of result.problems) io.stdout.write(`${formatProblem(p)}\n`);
    io.stdout.write(`\n${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found.\n`);
    return 1;
  }
  const k = result.knowledge;
  io.stdout.write(
    `ok: ${result.files.length} files, ${k.sources.length} sources, ${k.facts.length} facts, ${k.rounds.length} rounds, ` +
      `${k.agreements.length} agreements, ${k.contributions.length} yearly contributions, ${k.glossary.terms.length} glossary terms.\n`,
  );
  return reportKorean(koCoverage(k, result.origins), io);
}

/** The coverage line, then every gap (facts first); only a fact without Korean fails. */
function reportKorean(coverage: ReturnType<typeof koCoverage>, io: CliIO): number {
  io.stdout.write(`${formatCoverageLine(coverage)}\n`);
  const errors = coverage.gaps.filter((g) => g.severity === 'error');
  const warnings = coverage.gaps.filter((g) => g.severity === 'warning');
  for (const g of [...errors, ...warnings]) io.stdout.write(`${formatProblem(g.problem)}\n`);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (warnings.length) io.stdout.write(`\n${plural(warnings.length, 'Korean text')} missing from the tables or the glossary: warnings for now, they do not fail validation.\n`);
  if (errors.length) io.stdout.write(`${warnings.length ? '' : '\n'}${plural(errors.length, 'fact')} without Korean: give each a ko block (see knowledge/README.md).\n`);
  return errors.length ? 1 : 0;
}

/**
 * Answers as of the record's newest source date, so the check gives the same verdict next year.
 * `--fact ID` (repeatable) checks only those facts' phrasings, for a curator who edited a few.
 */
export async function runKbCheck(args: string[], config: Config, io: CliIO): Promise<number> {
  const { values } = parse(args, { fact: { type: 'string', multiple: true } }, false);
  const kb = await loadRecord(config.KNOWLEDGE_DIR);
  const only = values.fact ? new Set(values.fact) : undefined;
  const unknown = [...(only ?? [])].filter((id) => !kb.facts.some((f) => f.id === id));
  if (unknown.length) throw new UsageError(`--fact: no fact ${unknown.map((id) => `"${id}"`).join(', ')} in the record (${config.KNOWLEDGE_DIR})`);
  const day = recordDate(kb);
  const { checked, failures } = checkRouting(kb, atNoon(day), { only });
  for (const f of failures) io.stdout.write(`${f.factId}: "${f.phrasing}" ${f.problem}\n`);
  io.stdout.write(
    `${failures.length ? '\n' : ''}${checked - failures.length}/${checked} phrasings${only ? ` of ${[...only].join(', ')}` : ''} route back to their own fact${failures.length ? `; ${failures.length} to fix` : ''} (asked as of ${day}, the record's newest source).\n`,
  );
  return failures.length ? 1 : 0;
}
