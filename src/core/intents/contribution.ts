/**
 * "How much does Korea pay this year?": a year's contribution from contributions.yaml, in the
 * unit it was reported in, with conflicting reports attributed. A year with no sourced figure
 * says so and explains the rule that sets it, rather than guessing a number.
 */
import type { Contribution, Knowledge } from '../../knowledge/schema.js';
import { isoDay } from '../format.js';
import { YEAR_TOKEN } from '../normalise.js';
import type { Locale } from '../i18n/index.js';
import { agreementCovering, concludedOn, doneBy } from '../timeline.js';
import { aspects, asked, explainedBy, intentSuggestions, loc, tableAnswer, type IntentContext, type IntentHandler } from './context.js';
import { agreementName, periodText } from './describe.js';

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
    // "How much was the 10th SMA?" is the agreement's amount. Whole figures other than years ("10
    // billion", "18%") are fact checks; a decimal one ("1.51 trillion") is checked by the router,
    // which gives this answer only when it states that figure more precisely.
    if (!ctx.structured && (ctx.slots.agreement !== undefined || ctx.q.content.some((t) => /^\d+$/.test(t) && !YEAR_TOKEN.test(t)))) return null;
    const years = yearsAsked(ctx);
    // "How is the 2027 contribution calculated?" is answered by the rule, with or without a figure.
    const askedRule = aspects(ctx, 'contribution').includes('rule');
    const lines: string[] = [];
    const sources = new Set<string>();
    const l = loc(ctx);
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
        const gap = unset ? { text: unset, sources: [] } : describeGap(kb, l, year);
        if (!unset && askedRule && agreementCovering(kb, year)?.increaseRule) found = true;
        lines.push(gap.text);
        gap.sources.forEach((s) => sources.add(s));
      }
    }
    const title = l.t.contribution.title(years);
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
          ...(kb.contributions.some((c) => c.year === first - 1)
            ? [{ question: l.t.contribution.howMuch(first - 1), request: { intent: 'contribution' as const, year: first - 1 } }]
            : []),
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
  if (!a || !concluded || doneBy(concluded, isoDay(ctx.now))) return undefined;
  // Its later amount is an outcome after the clock's day: not stated.
  return loc(ctx).t.contribution.notYetSet(isoDay(ctx.now), year);
}

function describeYear(row: Contribution, ctx: IntentContext): string {
  const l = loc(ctx);
  const thisYear = ctx.now.getUTCFullYear();
  const agreement = agreementCovering(ctx.kb, row.year);
  return l.t.contribution.year({
    year: row.year,
    amount: row.amount,
    unit: row.unit,
    change: row.change,
    tense: row.year < thisYear ? 'past' : row.year === thisYear ? 'present' : 'future',
    under: agreement ? agreementName(l, agreement) : undefined,
    note: l.text(row, 'note'),
    variants: (row.variants ?? []).map((v) => ({ amount: v.amount, unit: v.unit, note: l.text(v, 'note')! })),
  });
}

/** A year without a sourced figure: the nearest known years and the rule that sets it. */
function describeGap(kb: Knowledge, l: Locale, year: number): { text: string; sources: string[] } {
  const t = l.t.contribution;
  const years = kb.contributions.map((c) => c.year).sort((a, b) => a - b);
  const first = years[0];
  if (first !== undefined && year < first) {
    return { text: t.beforeFirst(first, year), sources: kb.contributions.find((c) => c.year === first)?.sources ?? [] };
  }
  const agreement = agreementCovering(kb, year);
  if (!agreement) {
    const last = [...kb.agreements].sort((a, b) => b.period.to - a.period.to)[0];
    return {
      text: t.noAgreement(year, last ? { agreement: agreementName(l, last), to: last.period.to } : undefined),
      sources: last?.sources ?? [],
    };
  }
  const before = kb.contributions.filter((c) => c.year < year).sort((a, b) => b.year - a.year)[0];
  const after = kb.contributions.filter((c) => c.year > year).sort((a, b) => a.year - b.year)[0];
  const known = [before, after].filter((c): c is Contribution => !!c);
  return {
    text: t.gap(year, agreementName(l, agreement), periodText(l, agreement), l.text(agreement, 'increaseRule'), known),
    sources: [...agreement.sources, ...(before?.sources ?? []), ...(after?.sources ?? [])],
  };
}
