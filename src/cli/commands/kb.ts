/** `sma kb validate` and `sma kb check`: the curator's two checks, exit code 1 on any problem. */
import type { Config } from '../../config.js';
import { loadKnowledge } from '../../knowledge/load.js';
import { formatProblem } from '../../knowledge/yamlFile.js';
import { formatCoverageLine, koCoverage } from '../../knowledge/koCoverage.js';
import { checkRouting } from '../../core/kbCheck.js';
import { loadOrThrow } from '../../boot.js';
import { parse } from '../args.js';

export function runKbValidate(args: string[], config: Config): number {
  parse(args, {}, false);
  const result = loadKnowledge(config.KNOWLEDGE_DIR);
  if (!result.ok) {
    for (const p of result.problems) process.stdout.write(`${formatProblem(p)}\n`);
    process.stdout.write(`\n${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found.\n`);
    return 1;
  }
  const k = result.knowledge;
  process.stdout.write(
    `ok: ${result.files.length} files, ${k.sources.length} sources, ${k.facts.length} facts, ${k.rounds.length} rounds, ` +
      `${k.agreements.length} agreements, ${k.contributions.length} yearly contributions, ${k.glossary.terms.length} glossary terms.\n`,
  );
  return reportKorean(koCoverage(k, result.origins));
}

/** The coverage line, then every gap (facts first); only a fact without Korean fails. */
function reportKorean(coverage: ReturnType<typeof koCoverage>): number {
  process.stdout.write(`${formatCoverageLine(coverage)}\n`);
  const errors = coverage.gaps.filter((g) => g.severity === 'error');
  const warnings = coverage.gaps.filter((g) => g.severity === 'warning');
  for (const g of [...errors, ...warnings]) process.stdout.write(`${formatProblem(g.problem)}\n`);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (warnings.length) process.stdout.write(`\n${plural(warnings.length, 'Korean text')} missing from the tables or the glossary: warnings for now, they do not fail validation.\n`);
  if (errors.length) process.stdout.write(`${warnings.length ? '' : '\n'}${plural(errors.length, 'fact')} without Korean: give each a ko block (see knowledge/README.md).\n`);
  return errors.length ? 1 : 0;
}

export function runKbCheck(args: string[], config: Config): number {
  parse(args, {}, false);
  const { checked, failures } = checkRouting(loadOrThrow(config.KNOWLEDGE_DIR));
  for (const f of failures) process.stdout.write(`${f.factId}: "${f.phrasing}" ${f.problem}\n`);
  process.stdout.write(`${failures.length ? '\n' : ''}${checked - failures.length}/${checked} phrasings route back to their own fact${failures.length ? `; ${failures.length} to fix` : ''}.\n`);
  return failures.length ? 1 : 0;
}
