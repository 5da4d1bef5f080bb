/**
 * "How much does Korea pay this year?": a year's contribution from contributions.yaml, in the
 * unit it was reported in, with conflicting reports attributed. A year with no sourced figure
 * says so and explains the rule that sets it, rather than guessing a number.
 */
import type { Contribution, Knowledge } from '../../knowledge/schema.js';
import { formatAmount, formatPercent } from '../format.js';
import { agreementCovering } from '../timeline.js';
import { explained, has, INTENT_QUESTIONS, PURPOSE, tableAnswer, type IntentContext, type IntentHandler, vocabulary } from './context.js';
import { agreementName, periodText, sentence } from './describe.js';

const CHECKING = /\b(why|really|actually|true|truly|correct|accurate|claim\w*)\b/;

const TOPIC_WORDS = ['increase', 'change', 'calculate', 'calculated', 'compute', 'determine', 'decide', 'set', 'formula', 'rule', 'contribution', 'cost', 'amount', 'money', 'figure', 'total', 'won', 'dollar', 'fund', 'bill', 'price', 'worth', 'sum', 'annual', 'year', 'yearly', 'level', 'how', 'much'];

/** Years the question asks about: explicit ones, or one relative word resolved by the clock. */
function yearsAsked(ctx: IntentContext): number[] {
  const { q, now } = ctx;
  if (q.years.length) return [...new Set(q.years)].slice(0, 4);
  const y = now.getUTCFullYear();
  if (/\b(last year|previous year|a year ago)\b/.test(q.text)) return [y - 1];
  if (/\bnext year\b/.test(q.text)) return [y + 1];
  return [y];
}

/** The words this intent accounts for (see `intentConfidence`). */
const VOCABULARY = vocabulary([...TOPIC_WORDS, 'korea', 'this', 'current', 'last', 'next', 'previous', 'ago']);

export const contributionIntent: IntentHandler = {
  name: 'contribution',
  detect(ctx) {
    const { q, kb } = ctx;
    const aboutMoney =
      has(q, 'contribution') ||
      (/\bhow much\b/.test(q.text) && (has(q, 'korea', 'sma', 'usfk', 'won', 'dollar', 'cost') || q.years.length > 0)) ||
      (has(q, 'increase') && q.years.length > 0 && !has(q, 'defense'));
    if (!aboutMoney || (PURPOSE.test(q.text) && !/\bhow much\b/.test(q.text))) return null;
    // Reasons and fact checks ("why did it rise 13.9%?", "was the hike really 18%?") are for the facts.
    if (CHECKING.test(q.text) || q.content.some((t) => /^\d+(\.\d+)?$/.test(t) && !/^(19|20)\d\d$/.test(t))) return null;
    // Demands, offers and claims are facts about the talks, not the table of what was paid.
    if (has(q, 'demand', 'trump', 'offer', 'propos', 'claim', 'us') && !has(q, 'korea')) return null;
    if (has(q, 'demand', 'offer', 'propos', 'claim')) return null;

    const years = yearsAsked(ctx);
    const lines: string[] = [];
    const sources = new Set<string>();
    for (const year of years) {
      const row = kb.contributions.find((c) => c.year === year);
      if (row) {
        lines.push(describeYear(row, ctx));
        row.sources.forEach((s) => sources.add(s));
        row.variants?.forEach((v) => v.sources.forEach((s) => sources.add(s)));
      } else {
        const gap = describeGap(kb, year);
        lines.push(gap.text);
        gap.sources.forEach((s) => sources.add(s));
      }
    }
    const title = years.length === 1 ? `Korea's SMA contribution in ${years[0]}` : `Korea's SMA contributions, ${years.join(', ')}`;
    return {
      answer: tableAnswer(ctx, {
        intent: 'contribution',
        title,
        text: lines.join(' '),
        sources,
        suggestions: [
          ...years.slice(0, 1).flatMap((y) => [
            ...(kb.contributions.some((c) => c.year === y - 1) ? [{ question: `How much did Korea pay in ${y - 1}?` }] : []),
          ]),
          { question: INTENT_QUESTIONS.agreement },
          { question: INTENT_QUESTIONS.summary },
        ].slice(0, 3),
      }),
      explained: explained(q, VOCABULARY),
    };
  },
};

function describeYear(row: Contribution, ctx: IntentContext): string {
  const thisYear = ctx.now.getUTCFullYear();
  const verb = row.year < thisYear ? 'was' : row.year === thisYear ? 'is' : 'is set at';
  const agreement = agreementCovering(ctx.kb, row.year);
  const change = row.change !== undefined ? `, ${formatPercent(row.change)} on the year before` : '';
  const under = agreement ? ` under the ${agreementName(agreement)}` : '';
  let text = `Korea's SMA contribution for ${row.year} ${verb} ${formatAmount(row.amount, row.unit)}${change}${under}.`;
  if (row.note) text += ` ${sentence(row.note)}`;
  for (const v of row.variants ?? []) text += ` Other reports: ${formatAmount(v.amount, v.unit)} (${v.note.replace(/\.$/, '')}).`;
  return text;
}

/** A year without a sourced figure: the nearest known years and the rule that sets it. */
function describeGap(kb: Knowledge, year: number): { text: string; sources: string[] } {
  const years = kb.contributions.map((c) => c.year).sort((a, b) => a - b);
  const first = years[0];
  if (first !== undefined && year < first) {
    return { text: `Korea's SMA contributions began in ${first}; there is no SMA contribution for ${year}.`, sources: kb.contributions.find((c) => c.year === first)?.sources ?? [] };
  }
  const agreement = agreementCovering(kb, year);
  if (!agreement) {
    const last = [...kb.agreements].sort((a, b) => b.period.to - a.period.to)[0];
    return {
      text: `No agreement in the record covers ${year}${last ? `: the latest, the ${agreementName(last)}, runs to ${last.period.to}` : ''}.`,
      sources: last?.sources ?? [],
    };
  }
  const before = kb.contributions.filter((c) => c.year < year).sort((a, b) => b.year - a.year)[0];
  const after = kb.contributions.filter((c) => c.year > year).sort((a, b) => a.year - b.year)[0];
  const known = [before, after].filter((c): c is Contribution => !!c).map((c) => `${c.year}: ${formatAmount(c.amount, c.unit)}`);
  const rule = agreement.increaseRule ? ` ${sentence(agreement.increaseRule)}` : '';
  return {
    text: `The record has no directly sourced figure for ${year}, which falls under the ${agreementName(agreement)} (${periodText(agreement)}).${rule}${known.length ? ` Nearest reported years: ${known.join('; ')}.` : ''}`,
    sources: [...agreement.sources, ...(before?.sources ?? []), ...(after?.sources ?? [])],
  };
}
