/**
 * "When was the 10th SMA ratified?", "who signed yesterday's agreement?", "12th sma entry into
 * force": one agreement from agreements.yaml — by number, by a dated milestone, by a year it
 * covers, or the one current at the clock — and the aspects asked about. As of the clock's day, a
 * milestone that had not happened yet is said not to have happened, never stated.
 */
import type { Agreement, Milestone } from '../../knowledge/schema.js';
import { isoDay } from '../format.js';
import { sentence } from '../i18n/prose.js';
import type { MilestoneKey } from '../i18n/types.js';
import { currentAgreement, doneBy, happenedBy, periodEnd, roundsOf, roundsSoFar, talksSpan } from '../timeline.js';
import { CONCLUDING } from '../../knowledge/milestones.js';
import { aspects, asked, countsByPlace, explainedBy, has, intentSuggestions, loc, tableAnswer, type IntentContext, type IntentHandler } from './context.js';
import { agreementName, milestoneInfo, periodText } from './describe.js';
import { missingAgreementText, resolveAgreement } from './resolve.js';
import { within } from '../understand/dates.js';
import { agreementOrdinals } from '../understand/analyse.js';

const MILESTONES: Record<MilestoneKey, true> = { agreed: true, initialed: true, cabinet: true, signed: true, ratified: true, inForce: true };
const OVERVIEW = ['duration', 'amount', 'increase', 'talks', 'agreed', 'cabinet', 'signed', 'ratified', 'inForce'];

export const agreementIntent: IntentHandler = {
  name: 'agreement',
  detect(ctx) {
    const { slots } = ctx;
    const numbered = slots.agreement !== undefined;
    // "How does the 12th differ from the 11th?" compares two agreements: a question for the facts.
    if (!ctx.structured && agreementOrdinals(ctx.q.content).size > 1) return null;
    if (!numbered && !asked(ctx, 'agreement')) return null;
    const asks = [...aspects(ctx, 'agreement')];
    // "How many rounds were held in Korea?" counts them by place, which the talks' summary does not.
    if (!ctx.structured && asks.includes('talks') && has(ctx, 'howmany') && countsByPlace(ctx)) return null;
    const named = numbered || slots.dates.length > 0 || ctx.q.years.length > 0 || slots.year !== undefined || has(ctx, 'now', 'previous', 'next', 'new', 'latest', 'old');
    // "When does the deal expire?" is the current one; "did the SMA talks cover THAAD?" is for the facts.
    if (!ctx.structured && !named && !asks.some((x) => x !== 'talks')) return null;
    // "How is the SMA approved?" asks about a process, which the facts explain; tables give dates.
    if (!ctx.structured && has(ctx, 'how') && asks.every((x) => x in MILESTONES)) return null;
    // Without an aspect or anything naming one agreement, "the SMA" is a definition question for the facts.
    if (!ctx.structured && !named && !asks.length) return null;
    const res = resolveAgreement(ctx);
    if (!res) return null;
    const words = explainedBy(ctx, 'agreement', { date: ('by' in res && res.by === 'date') || ('agreement' in res && quotesNear(ctx, res.agreement, asks)) });
    const l = loc(ctx);
    if ('missing' in res)
      return {
        answer: tableAnswer(ctx, { intent: 'agreement', title: l.t.agreement.missingTitle, text: missingAgreementText(res.missing, ctx), sources: [], found: false }),
        explained: words,
      };
    const a = res.agreement;
    // "The deal on feb 10 2019", "signed in early 2019": the milestones in the dates named are part
    // of the answer, after the ones asked, in the order they happened.
    if (res.by === 'date') {
      for (const key of Object.keys(MILESTONES) as MilestoneKey[]) {
        const m = a[key];
        if (m && slots.dates.some((d) => within(m.date, d)) && !asks.includes(key)) asks.push(key);
      }
    }
    const { text, sources, found } = describe(ctx, a, asks, res.by === 'clock');
    const previous = ctx.kb.agreements.find((x) => x.number === a.number - 1);
    return {
      answer: tableAnswer(ctx, {
        intent: 'agreement',
        title: l.t.agreement.title(agreementName(l, a), periodText(l, a)),
        text,
        sources,
        found,
        about: { agreement: a.number, ...(asks.length ? { aspects: asks } : {}) },
        suggestions: [
          ...(previous ? [{ question: l.t.agreement.whatWas(agreementName(l, previous)), request: { intent: 'agreement' as const, agreement: previous.number } }] : []),
          ...intentSuggestions(ctx, 'contribution', 'summary'),
        ].slice(0, 3),
      }),
      explained: words,
      // "When does the deal expire?" plainly means the current one; "would it take many rounds to reach a deal?" may not.
      implicit: res.by === 'clock' && !named && asks.every((x) => ['agreed', 'talks', 'overview', 'amount', 'ratified', 'cabinet', 'signed', 'initialed'].includes(x)),
    };
  },
};

/**
 * A day quoted with a milestone that is off by a few days ("ratified on nov 29 2024?" for the 28th)
 * is checked by the milestone's own date; a day further off is a claim the facts explain (the 10th
 * SMA "signed" on February 10, 2019, its initialing).
 */
function quotesNear(ctx: IntentContext, a: Agreement, asks: string[]): boolean {
  const NEAR_MS = 3 * 86_400_000;
  return ctx.slots.dates.some(
    (d) =>
      d.grain === 'day' &&
      asks.some((k) => {
        const m = k in MILESTONES ? a[k as MilestoneKey] : undefined;
        if (!m) return false;
        // A milestone known only to its month is "near" any day of that month.
        return m.date.length === 7 ? d.from.startsWith(m.date) : Math.abs(Date.parse(m.date) - Date.parse(d.from)) <= NEAR_MS;
      }),
  );
}

/** Whether an agreement is in force on the clock's day, gaps included, without telling what came later. */
function inForceAt(ctx: IntentContext): { text: string; sources: string[] } {
  const day = isoDay(ctx.now);
  const l = loc(ctx);
  const current = currentAgreement(ctx.kb, ctx.now);
  if (current?.state === 'in-force') {
    const a = current.agreement;
    return { text: l.t.agreement.inForce(day, agreementName(l, a), periodText(l, a), a.inForce?.date), sources: a.inForce?.sources ?? a.sources };
  }
  if (current) {
    const a = current.agreement;
    return { text: l.t.agreement.awaiting(day, agreementName(l, a), periodText(l, a)), sources: a.signed?.sources ?? a.sources };
  }
  const lapsed = [...ctx.kb.agreements].filter((x) => periodEnd(x) < day).sort((x, y) => y.number - x.number)[0];
  return {
    text: l.t.agreement.noneInForce(day, lapsed ? { agreement: agreementName(l, lapsed), period: periodText(l, lapsed), to: lapsed.period.to } : undefined),
    sources: lapsed?.sources ?? [],
  };
}

function describe(ctx: IntentContext, a: Agreement, asks: string[], byClock: boolean): { text: string; sources: string[]; found: boolean } {
  const day = isoDay(ctx.now);
  const l = loc(ctx);
  const t = l.t.agreement;
  const name = agreementName(l, a);
  const period = periodText(l, a);
  const sources = new Set<string>(a.sources);
  const cite = (ids: string[] | undefined) => ids?.forEach((s) => sources.add(s));
  const parts: string[] = [];
  let found = false;
  const said = (text: string) => {
    parts.push(text);
    found = true;
  };
  const concluded = CONCLUDING.some((k) => a[k] && doneBy(a[k].date, day));
  const milestone = (asked: MilestoneKey) => {
    // "When was the 10th SMA concluded?": without a date for the agreement itself, its initialing or signing.
    const instead = asked === 'agreed' && !a.agreed ? (a.initialed ?? a.signed) : undefined;
    const key: MilestoneKey = instead && doneBy(instead.date, day) ? (instead === a.initialed ? 'initialed' : 'signed') : asked;
    const m: Milestone | undefined = a[key];
    const when = m && happenedBy(m.date, day);
    // "Not yet" on the clock's day is an answer when the record shows the deal came later.
    if (when === 'ahead' || (!m && !concluded && concludedLater(a))) said(t.milestoneNotYet(day, name, key));
    // Within the month a milestone is dated to, neither "done" nor "not yet" is known.
    else if (when === 'unsure') parts.push(t.milestoneUnsure(day, name, key));
    else if (m) {
      said(t.milestone(name, key, milestoneInfo(l, m)));
      cite(m.sources);
    } else {
      parts.push(t.milestoneUnknown(name, key));
      // "When was the 2nd SMA ratified?": the cabinet's approval is another step, but the one the record dates.
      if (a.cabinet && doneBy(a.cabinet.date, day) && !asks.includes('cabinet') && key !== 'inForce') {
        parts.push(t.milestone(name, 'cabinet', milestoneInfo(l, a.cabinet)));
        cite(a.cabinet.sources);
      }
    }
  };
  const overview = !asks.length || asks.includes('overview');
  const todo = overview ? OVERVIEW : asks;
  for (const aspect of todo) {
    if (aspect in MILESTONES) {
      const key = aspect as MilestoneKey;
      if (overview && (!a[key] || !doneBy(a[key].date, day))) continue;
      if (key === 'inForce' && byClock) {
        const now = inForceAt(ctx);
        said(now.text);
        cite(now.sources);
      } else milestone(key);
      // "What deal did they announce?" asks for its terms too.
      if (key === 'agreed' && !overview && a.terms && a.agreed && doneBy(a.agreed.date, day)) parts.push(sentence(l.text(a, 'terms')!));
      continue;
    }
    // Terms, amounts and the increase rule are known once the deal is concluded.
    if (!concluded && !overview && ['amount', 'increase', 'currency', 'duration', 'expiry'].includes(aspect) && concludedLater(a)) {
      parts.push(t.notConcluded(day, name));
      continue;
    }
    switch (aspect) {
      case 'expiry':
        said(t.expiry(name, period, a.period.to, periodEnd(a) < day));
        break;
      case 'duration': {
        const years = a.period.to - a.period.from + 1;
        said(t.duration(name, period, years));
        break;
      }
      case 'amount': {
        yearRows(ctx, a).forEach((line) => said(line));
        if (a.terms) said(sentence(l.text(a, 'terms')!));
        const rows = ctx.kb.contributions.filter((c) => c.year >= a.period.from && c.year <= a.period.to).sort((x, y) => x.year - y.year);
        if (rows.length && !a.terms) said(t.yearly(rows));
        rows.forEach((r) => cite(r.sources));
        break;
      }
      case 'increase':
        // The years asked, else the first year's rise: "the 7th SMA's increase" is 2007's +6.6% and then its rule.
        (yearRows(ctx, a).length ? yearRows(ctx, a) : yearRows(ctx, a, firstRise(ctx, a))).forEach((line) => said(line));
        if (a.increaseRule) said(sentence(l.text(a, 'increaseRule')!));
        else if (!overview) parts.push(t.noIncrease(name));
        break;
      case 'currency':
        // The recorded (English) text says whether a currency is named; the answer quotes it in its language.
        for (const field of (['terms', 'note'] as const).filter((f) => /\b(won|dollars?|\$)/i.test(a[f] ?? ''))) said(sentence(l.text(a, field)!));
        if (!found) parts.push(t.noCurrency(name));
        break;
      case 'talks': {
        const span = talksSpan(ctx.kb, a);
        const rounds = span && span.from > day ? [] : roundsSoFar(ctx.kb, a.id, ctx.now);
        if (span && span.from <= day) said(t.talks(span.from, span.to && span.to <= day ? span.to : day, rounds.length));
        else if (!overview) parts.push(t.noTalks(name, span ? day : undefined));
        if (a.talks?.note && knownBy(a.talks.note, ctx) && roundsOf(ctx.kb, a.id).every((r) => r.start <= day)) parts.push(sentence(l.text(a.talks, 'note')!));
        break;
      }
    }
  }
  if (a.note && concluded && knownBy(a.note, ctx) && (overview || asks.some((x) => ['agreed', 'cabinet', 'signed', 'initialed', 'currency'].includes(x))))
    parts.push(sentence(l.text(a, 'note')!));
  if (overview && !parts.length) parts.push(t.notConcluded(day, name));
  // "The current agreement" in a gap: say first that none is in force, then what lapsed.
  if (byClock && !currentAgreement(ctx.kb, ctx.now) && !has(ctx, 'previous', 'next', 'new', 'old')) parts.unshift(inForceAt(ctx).text);
  return { text: [...new Set(parts)].join(' '), sources: [...sources], found };
}

/** "12th SMA increase for 2026": the years named that the agreement covers, as reported. */
/** The agreement's first year, and the next one too when the first has no recorded change (the 11th's frozen 2020). */
function firstRise(ctx: IntentContext, a: Agreement): number[] {
  const first = ctx.kb.contributions.find((c) => c.year === a.period.from);
  return first && first.change === undefined && a.period.to > a.period.from ? [a.period.from, a.period.from + 1] : [a.period.from];
}

function yearRows(ctx: IntentContext, a: Agreement, years: readonly number[] = ctx.q.years): string[] {
  return years
    .filter((y) => y >= a.period.from && y <= a.period.to)
    .flatMap((y) => ctx.kb.contributions.filter((c) => c.year === y))
    .map((c) => loc(ctx).t.agreement.yearRow(c.year, c, c.change));
}

/** A curator's note that names a year after the clock's tells what came later: left out at that clock. */
function knownBy(note: string, ctx: IntentContext): boolean {
  const year = ctx.now.getUTCFullYear();
  return [...note.matchAll(/\b(19[5-9]\d|20\d\d)\b/g)].every((m) => Number(m[1]) <= year);
}

function concludedLater(a: Agreement): boolean {
  return CONCLUDING.some((k) => !!a[k]);
}
