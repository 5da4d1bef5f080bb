import { MAX_SUGGESTIONS } from '../answer.js';
/**
 * "Where was round 4 of the 2018 talks?", "how many days did the 1st round in hawaii last?",
 * "where were the talks held last week?": one round of one negotiation, named by its number, a
 * date it overlaps or its place, with the aspect asked (length, venue, outcome, dates).
 */
import type { Agreement, Knowledge, Round } from '../../knowledge/schema.js';
import { isoDay } from '../format.js';
import { overlaps } from '../understand/dates.js';
import { byStart, roundsOf } from '../timeline.js';
import { aspects, asked, canonical, explainedBy, has, loc, tableAnswer, type IntentContext, type IntentHandler } from './context.js';
import { agreementName, roundDays, roundInfo } from './describe.js';
import { missingAgreementText, resolveNegotiation } from './resolve.js';

/** Rounds the question's date phrases overlap ("last week", "in October 2024"). */
function roundsByDate(ctx: IntentContext): Round[] {
  return ctx.kb.rounds.filter((r) => r.status !== 'cancelled' && ctx.slots.dates.some((d) => overlaps(r.start, r.end ?? r.start, d))).sort(byStart);
}

/** Rounds held by the clock's day at a place the question names, in the negotiation it names (any, if none). */
function roundsByPlace(ctx: IntentContext): Round[] {
  const day = isoDay(ctx.now);
  const res = ctx.slots.agreement !== undefined || ctx.q.years.length ? resolveNegotiation(ctx) : undefined;
  const only = res && 'agreement' in res ? res.agreement.id : undefined;
  return ctx.kb.rounds.filter((r) => ctx.slots.places.includes(r.place) && r.start <= day && (!only || r.agreement === only)).sort(byStart);
}

export const roundIntent: IntentHandler = {
  name: 'round',
  detect(ctx) {
    const { kb, slots } = ctx;
    if (!asked(ctx, 'round')) return null;
    const day = isoDay(ctx.now);
    // "Where did the 2018 talks begin?" asks for the first round.
    // ("When did the LA round start?" names its round by the place instead.)
    const n = slots.round ?? (has(ctx, 'negotiation') && has(ctx, 'start') && !has(ctx, 'why') && !slots.places.length ? 1 : undefined);
    const dated = n === undefined ? roundsByDate(ctx) : [];
    // "Was there a video meeting in the 11th SMA talks?": the rounds held at a place the question names.
    const placed = n === undefined && !dated.length && slots.places.length ? roundsByPlace(ctx) : [];
    if (n === undefined && !dated.length && !placed.length) return null;
    const asks = aspects(ctx, 'round');
    const words = explainedBy(ctx, 'round', { date: dated.length > 0, place: slots.places.length > 0 });
    // "How many" is this table's only as the days a round lasted ("몇 일 동안"); "how many rounds in the US?" counts rounds.
    if (!asks.includes('duration')) words.delete('howmany');

    // "The Honolulu round", with no year or agreement, when several negotiations met there: which one?
    if (!dated.length && new Set(placed.map((r) => r.agreement)).size > 1) return { answer: whichRound(ctx, placed, asks), explained: words };
    // "The rounds in summer 2024": every one held in those months, not only the last.
    const held = dated.filter((r) => r.start <= day);
    if (held.length > 1) return { answer: roundsDuring(ctx, held), explained: words };
    if (dated.length || placed.length) {
      const r = (dated.length ? dated : placed)[(dated.length ? dated : placed).length - 1]!;
      const a = kb.agreements.find((x) => x.id === r.agreement);
      return { answer: roundAnswer(ctx, r, a?.number, asks, day, []), explained: words };
    }
    const res = resolveNegotiation(ctx);
    if (!res) return null;
    if ('missing' in res) {
      return {
        answer: tableAnswer(ctx, { intent: 'round', title: loc(ctx).t.round.title(n!), text: missingAgreementText(res.missing, ctx), sources: [], found: false }),
        explained: words,
      };
    }
    // A place narrows "the 1st round in Hawaii" to the negotiations whose round N was held there.
    let a = res.agreement;
    if (slots.places.length && res.by === 'clock') {
      const here = kb.agreements
        .filter((x) => roundsOf(kb, x.id).some((r) => r.round === n && slots.places.includes(r.place) && r.start <= day))
        .sort((x, y) => (x.id === a.id ? -1 : y.id === a.id ? 1 : y.number - x.number))[0];
      if (here) a = here;
    }
    const rounds = roundsOf(kb, a.id);
    const r = rounds.find((x) => x.round === n);
    if (!r) {
      const l = loc(ctx);
      return {
        answer: tableAnswer(ctx, {
          intent: 'round',
          title: l.t.round.title(n!, agreementName(l, a)),
          text: l.t.round.none(agreementName(l, a), rounds.length, n!),
          sources: rounds.flatMap((x) => x.sources).slice(0, 3),
          found: false,
        }),
        explained: words,
      };
    }
    // Which talks were meant came from the clock, not the question: name the other talks' round N too.
    // With a place ("the 1st round in Honolulu"), the other talks whose round N was held there too.
    const others = res.by === 'clock' ? otherRounds(kb, a.id, n!, day).filter((o) => !slots.places.length || slots.places.includes(o.round.place)) : [];
    return { answer: roundAnswer(ctx, r, a.number, asks, day, others), explained: words };
  },
};

/** Several rounds within the dates asked, oldest first, with the stretch of time the question named. */
function roundsDuring(ctx: IntentContext, rounds: Round[]) {
  const l = loc(ctx);
  const ranges = ctx.slots.dates.filter((d) => rounds.some((r) => overlaps(r.start, r.end ?? r.start, d)));
  const from = ranges.map((d) => d.from).sort()[0]!;
  const to = ranges.map((d) => d.to).sort()[ranges.length - 1]!;
  // Months asked ("summer 2024") are written as months, not as their first and last days.
  const months = ranges.every((d) => d.grain !== 'day' && d.grain !== 'week');
  const infos = rounds.map((r) => roundInfo(l, r, ctx.kb.agreements.find((x) => x.id === r.agreement)?.number, isoDay(ctx.now)));
  return tableAnswer(ctx, {
    intent: 'round',
    title: l.t.round.title(rounds[0]!.round),
    text: l.t.round.during(months ? from.slice(0, 7) : from, months ? to.slice(0, 7) : to, infos),
    sources: rounds.flatMap((r) => r.sources.slice(0, 1)),
  });
}

function whichRound(ctx: IntentContext, rounds: Round[], asks: string[]) {
  const l = loc(ctx);
  const infos = rounds.map((r) => ({ r, number: ctx.kb.agreements.find((x) => x.id === r.agreement)?.number }));
  const newestFirst = [...infos].reverse();
  return tableAnswer(ctx, {
    intent: 'round',
    title: l.t.round.title(rounds[0]!.round),
    text: l.t.round.severalAt(
      // "The National Defense University" is in Seoul and in Washington: every place is named.
      new Intl.ListFormat(ctx.lang, { type: 'conjunction' }).format([...new Set(rounds.map((r) => l.name(r.place)))]),
      infos.map((x) => roundInfo(l, x.r, x.number)),
    ),
    sources: rounds.flatMap((r) => r.sources).slice(0, 3),
    ask: true,
    suggestions: newestFirst.slice(0, MAX_SUGGESTIONS).map((x) => ({
      question: l.t.round.option(roundInfo(l, x.r, x.number)),
      request: { intent: 'round', round: x.r.round, ...(x.number !== undefined ? { agreement: x.number } : {}), ...(asks.length ? { aspects: asks } : {}) },
    })),
  });
}

function roundAnswer(ctx: IntentContext, r: Round, agreementNumber: number | undefined, asks: string[], day: string, others: { agreement: Agreement; round: Round }[]) {
  const a = ctx.kb.agreements.find((x) => x.id === r.agreement);
  const l = loc(ctx);
  const info = roundInfo(l, r, agreementNumber, day);
  const duration = asks.includes('duration');
  // "When did the LA round end?" of a round the sources give no end for: the record lacks the answer.
  const noEnd = (asks.includes('ended') || duration) && !r.end && r.start <= day;
  let text = noEnd ? l.t.round.noEnd(info) : duration && r.start <= day ? l.t.round.lasted(info, roundDays(r)) : l.t.round.describe(info);
  if (others.length)
    text += l.t.round.others(
      r.round,
      others.map((o) => ({ agreement: agreementName(l, o.agreement), round: roundInfo(l, o.round, o.agreement.number), ...(duration ? { days: roundDays(o.round) } : {}) })),
    );
  const rounds = a ? roundsOf(ctx.kb, a.id) : [];
  const neighbours = [r.round - 1, r.round + 1].filter((k) => rounds.some((x) => x.round === k));
  return tableAnswer(ctx, {
    intent: 'round',
    title: l.t.round.title(r.round, a ? agreementName(l, a) : undefined),
    text,
    sources: [...r.sources, ...others.flatMap((o) => o.round.sources.slice(0, 1))],
    found: !noEnd,
    about: { round: r.round, ...(agreementNumber ? { agreement: agreementNumber } : {}), ...(asks.length ? { aspects: asks } : {}) },
    suggestions: [
      ...neighbours.map((k) => ({
        question: l.t.round.whereWas(k, a ? agreementName(l, a) : undefined),
        request: { intent: 'round' as const, round: k, agreement: agreementNumber },
      })),
      { question: canonical(ctx, 'rounds'), request: { intent: 'rounds' as const, agreement: agreementNumber } },
    ].slice(0, 3),
  });
}

function otherRounds(kb: Knowledge, exceptAgreement: string, n: number, day: string): { agreement: Agreement; round: Round }[] {
  return kb.agreements
    .filter((a) => a.id !== exceptAgreement)
    .sort((x, y) => x.number - y.number)
    .flatMap((a) => {
      const r = roundsOf(kb, a.id).find((x) => x.round === n && !x.label && x.start <= day);
      return r ? [{ agreement: a, round: r }] : [];
    });
}
