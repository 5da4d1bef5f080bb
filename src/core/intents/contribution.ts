/**
 * "How much does Korea pay this year?": a year's contribution from contributions.yaml, in the
 * unit it was reported in, with conflicting reports attributed. A year with no sourced figure
 * says so and explains the rule that sets it, rather than guessing a number.
 */
import type { Contribution, Knowledge } from '../../knowledge/schema.js';
import { formatAmount, formatPercent, isoDay } from '../format.js';
import { agreementCovering, concludedOn } from '../timeline.js';
import { aspects, asked, clockDay, explainedBy, intentSuggestions, tableAnswer, type IntentContext, type IntentHandler } from './context.js';
import { agreementName, periodText, sentence } from './describe.js';

/** Years the question asks about: given, named ("2019", "last year", "this yr"), or the clock's. */
function yearsAsked(ctx: IntentContext): number[] {
  if (ctx.slots.year !== undefined) return [ctx.slots.year];
  if (ctx.q.years.length) return [...new Set(ctx.q.years)].slice(0, 4);
  return [ctx.now.getUTCFullYear()];
}

export const contributionIntent: IntentHandler = {
  name: 'contribution',
  detect(ctx) {
    const { kb } = ctx;
    if (!asked(ctx, 'contribution')) return null;
    // "How much was the 10th SMA?" is the agreement's amount; figures other than years are fact checks.
    if (!ctx.structured && (ctx.slots.agreement !== undefined || ctx.q.content.some((t) => /^\d+(\.\d+)?$/.test(t) && !/^(19|20)\d\d$/.test(t)))) return null;
    const years = yearsAsked(ctx);
    // "How is the 2027 contribution calculated?" is answered by the rule, with or without a figure.
    const askedRule = aspects(ctx, 'contribution').includes('rule');
    const lines: string[] = [];
    const sources = new Set<string>();
    let found = false;
    for (const year of years) {
      const row = kb.contributions.find((c) => c.year === year);
      const unset = row && notYetSet(ctx, year);
      if (row && !unset) {
        found = true;
        lines.push(describeYear(row, ctx));
        row.sources.forEach((s) => sources.add(s));
        row.variants?.forEach((v) => v.sources.forEach((s) => sources.add(s)));
      } else {
        const gap = unset ? { text: unset, sources: [] } : describeGap(kb, year);
        if (!unset && askedRule && agreementCovering(kb, year)?.increaseRule) found = true;
        lines.push(gap.text);
        gap.sources.forEach((s) => sources.add(s));
      }
    }
    const title = years.length === 1 ? `Korea's SMA contribution in ${years[0]}` : `Korea's SMA contributions, ${years.join(', ')}`;
    const first = years[0]!;
    return {
      answer: tableAnswer(ctx, {
        intent: 'contribution',
        title,
        text: lines.join(' '),
        sources,
        found,
        about: years.length === 1 ? { year: first } : {},
        suggestions: [
          ...(kb.contributions.some((c) => c.year === first - 1) ? [{ question: `How much did Korea pay in ${first - 1}?`, request: { intent: 'contribution' as const, year: first - 1 } }] : []),
          ...intentSuggestions(ctx, 'agreement', 'summary'),
        ].slice(0, 3),
      }),
      explained: explainedBy(ctx, 'contribution', { date: true }),
    };
  },
};

/** A year whose amount was set by an agreement not yet concluded on the clock's day. */
function notYetSet(ctx: IntentContext, year: number): string | undefined {
  const a = agreementCovering(ctx.kb, year);
  const concluded = a && concludedOn(a);
  if (!a || !concluded || concluded <= isoDay(ctx.now)) return undefined;
  // Its later amount is an outcome after the clock's day: not stated.
  return `As of ${clockDay(ctx)}, Korea's SMA contribution for ${year} had not yet been set: no agreement covering ${year} had been concluded.`;
}

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
