/**
 * "When was the 10th SMA ratified?", "When does the deal expire?": one agreement from
 * agreements.yaml — by number, by a year it covers, or the one covering the clock's year — and
 * the aspect asked about (signing, ratification, entry into force, duration, increases…).
 */
import type { Agreement } from '../../knowledge/schema.js';
import { formatAmount, formatDate, formatRange, isoDay } from '../format.js';
import { roundsOf, talksSpan } from '../timeline.js';
import { agreementNumber, explained, has, INTENT_QUESTIONS, PURPOSE, tableAnswer, type IntentContext, type IntentHandler, vocabulary } from './context.js';
import { agreementName, milestoneText, periodText, sentence } from './describe.js';
import { missingAgreementText, resolveAgreement } from './resolve.js';

type Aspect = 'agreed' | 'initialed' | 'signed' | 'ratified' | 'inForce' | 'expiry' | 'duration' | 'amount' | 'increase' | 'talks';

/** Words that name each aspect (matched on the typo-corrected text, before synonyms fold them). */
const ASPECTS: [Aspect, RegExp][] = [
  ['ratified', /\b(ratif\w*|national assembly|parliament\w*|approv\w*|consent\w*|vote\w*|lawmakers)\b/],
  ['inForce', /\b(in force|into force|effect|effective|take effect|took effect|valid from|enter\w*)\b/],
  ['initialed', /\binitial(ed|led|ing|ling)?\b/],
  ['signed', /\b(sign\w*)\b/],
  ['agreed', /\b(agreed|agree|reached|reach|conclud\w*|struck|strike|announc\w*|finali[sz]\w*|settled|deal done)\b/],
  ['expiry', /\b(expir\w*|end|ends|ended|lapse\w*|run out|runs out|until when|valid until|last until)\b/],
  ['duration', /\b(how long|duration|term|length|period|years|valid|lasts)\b/],
  ['amount', /\b(how much|amount|cost|worth|value|total|figure|money|pay|paid|won|dollars?)\b/],
  ['increase', /\b(increase\w*|rise|rises|raise\w*|hike\w*|index\w*|cpi|inflation|cap|capped|annual|escalat\w*|growth|formula|rate|change\w*)\b/],
  ['talks', /\b(talks|negotiat\w*|rounds?|took to negotiate)\b/],
];

const MILESTONE_ASPECTS: Aspect[] = ['agreed', 'initialed', 'signed', 'ratified', 'inForce'];

const NAMING = /\b(sma|special measures agreement|agreement|deal|accord|pact|treaty)\b/;
const CURRENT = /\b(current|this|present|existing|latest|new|newest|next|previous|last|old|prior|expiring|the deal|the agreement|the sma)\b/;

/** The words this intent accounts for (see `intentConfidence`). */
const VOCABULARY = vocabulary([
      'sma', 'agreement', 'deal', 'current', 'new', 'next', 'previous', 'last', 'old', 'prior', 'term', 'duration', 'long', 'period',
      'expire', 'end', 'sign', 'ratify', 'initial', 'force', 'effect', 'effective', 'enter', 'agreed', 'agree', 'reach', 'conclud', 'announc',
      'amount', 'cost', 'total', 'increase', 'annual', 'cap', 'cpi', 'index', 'change', 'rule', 'formula', 'year', 'valid', 'approv',
      'yearly', 'annually', 'national', 'assembly', 'parliament', 'consent', 'contribution', 'won', 'dollar', 'when', 'date', 'cover', 'set', 'negotiation',
      'round', 'what', 'say', 'term', 'detail', 'mean', 'happen', 'exist', 'present', 'this', 'take', 'took', 'come', 'came',
    ]);

export const agreementIntent: IntentHandler = {
  name: 'agreement',
  detect(ctx) {
    const { q } = ctx;
    const numbered = agreementNumber(q, ctx.kb) !== undefined;
    const named = NAMING.test(q.text) || has(q, 'sma');
    // "Is there an agreement in force?" needs no "current": being in force is about now.
    const inForceNow = /\b(in force|in effect|valid)\b/.test(q.text);
    if (!numbered && !(named && (CURRENT.test(q.text) || q.years.length > 0 || inForceNow))) return null;
    // Demands, offers and claims during the talks are facts, not the agreement's table row.
    if (has(q, 'demand', 'offer', 'propos', 'claim')) return null;
    const aspects = ASPECTS.filter(([, re]) => re.test(q.text)).map(([a]) => a);
    if (PURPOSE.test(q.text) && !/\bhow much\b/.test(q.text) && !aspects.includes('duration')) return null;
    // "How is the SMA approved?" asks about a process, which the facts explain; tables give dates.
    if (/^how (is|are|was|were|does|do|did)\b/.test(q.text) && aspects.every((x) => MILESTONE_ASPECTS.includes(x))) return null;
    // Without an aspect, a number or a year, "the SMA" is a definition question for the facts.
    if (!numbered && !aspects.length && !q.years.length) return null;
    const res = resolveAgreement(ctx);
    if (!res) return null;
    const words = explained(q, VOCABULARY);
    if ('missing' in res) return { answer: tableAnswer(ctx, { intent: 'agreement', title: 'SMA', text: missingAgreementText(res.missing, ctx), sources: [] }), explained: words };
    const a = res.agreement;
    const { text, sources } = describe(ctx, a, aspects, res.by === 'clock');
    return {
      answer: tableAnswer(ctx, {
        intent: 'agreement',
        title: `The ${agreementName(a)} (${periodText(a)})`,
        text,
        sources,
        suggestions: [
          ...(ctx.kb.agreements.some((x) => x.number === a.number - 1) ? [{ question: `What was the ${agreementName({ ...a, number: a.number - 1 })}?` }] : []),
          { question: INTENT_QUESTIONS.contribution },
          { question: INTENT_QUESTIONS.summary },
        ].slice(0, 3),
      }),
      explained: words,
    };
  },
};

/**
 * Whether an agreement was in force on the clock's day — including the gaps, when the old one had
 * expired and the new one was not yet in force (2019 before April 5; 2020 to September 2021).
 */
function inForceAt(ctx: IntentContext, a: Agreement): string {
  const day = isoDay(ctx.now);
  const on = formatDate(day);
  const since = a.inForce?.date;
  if (since && since <= day) return `On ${on} the ${agreementName(a)} (${periodText(a)}) is in force, since ${formatDate(since)}.`;
  const previous = ctx.kb.agreements.find((x) => x.number === a.number - 1);
  const lapsed = previous ? ` The ${agreementName(previous)} had expired at the end of ${previous.period.to}.` : '';
  const next = since ? `it entered into force only on ${formatDate(since)}` : 'the record has no date for its entry into force';
  return `On ${on} no SMA is in force: the ${agreementName(a)} covers ${periodText(a)}, but ${next}.${lapsed}`;
}

function describe(ctx: IntentContext, a: Agreement, aspects: Aspect[], byClock = false): { text: string; sources: string[] } {
  const name = `The ${agreementName(a)}`;
  const sources = new Set<string>(a.sources);
  const cite = (ids: string[] | undefined) => ids?.forEach((s) => sources.add(s));
  const parts: string[] = [];
  const milestone = (key: 'agreed' | 'initialed' | 'signed' | 'ratified' | 'inForce', verb: string, missing: string) => {
    const m = a[key];
    if (m) {
      parts.push(`${name} ${milestoneText(verb, m)}`);
      cite(m.sources);
    } else parts.push(`The record has no date for when the ${agreementName(a)} ${missing}.`);
  };
  const todo = aspects.length ? aspects : (['duration', 'amount', 'increase', 'talks', 'agreed', 'signed', 'ratified', 'inForce'] as Aspect[]);
  const overview = !aspects.length;
  for (const aspect of todo) {
    switch (aspect) {
      case 'agreed':
        if (overview && !a.agreed) break;
        milestone('agreed', 'was agreed', 'was agreed');
        break;
      case 'initialed':
        milestone('initialed', 'was initialed', 'was initialed');
        break;
      case 'signed':
        if (overview && !a.signed) break;
        milestone('signed', 'was signed', 'was signed');
        break;
      case 'ratified':
        if (overview && !a.ratified) break;
        milestone('ratified', 'was ratified', 'was ratified');
        break;
      case 'inForce':
        if (overview && !a.inForce) break;
        if (byClock) parts.push(inForceAt(ctx, a));
        else milestone('inForce', 'entered into force', 'entered into force');
        break;
      case 'expiry': {
        const past = `${a.period.to}-12-31` < isoDay(ctx.now);
        parts.push(`${name} covers ${periodText(a)}, so it ${past ? 'expired' : 'expires'} at the end of ${a.period.to} (December 31, ${a.period.to}).`);
        break;
      }
      case 'duration': {
        const years = a.period.to - a.period.from + 1;
        parts.push(`${name} covers ${periodText(a)}: ${years} year${years > 1 ? 's' : ''}.`);
        break;
      }
      case 'amount': {
        if (a.terms) parts.push(sentence(a.terms));
        const rows = ctx.kb.contributions.filter((c) => c.year >= a.period.from && c.year <= a.period.to).sort((x, y) => x.year - y.year);
        if (rows.length && !a.terms) parts.push(`Reported yearly amounts: ${rows.map((r) => `${r.year}: ${formatAmount(r.amount, r.unit)}`).join('; ')}.`);
        rows.forEach((r) => cite(r.sources));
        break;
      }
      case 'increase':
        if (overview && !a.increaseRule) break;
        parts.push(a.increaseRule ? sentence(a.increaseRule) : `The record does not say how yearly amounts changed under the ${agreementName(a)}.`);
        break;
      case 'talks': {
        const span = talksSpan(ctx.kb, a);
        const rounds = roundsOf(ctx.kb, a.id);
        if (span) parts.push(`Talks ran ${formatRange(span.from, span.to)}${rounds.length ? ` over ${rounds.length} rounds in the record` : ''}.`);
        else if (!overview) parts.push(`The record has no dates for the talks on the ${agreementName(a)}.`);
        if (a.talks?.note) parts.push(sentence(a.talks.note));
        break;
      }
    }
  }
  if (a.note && (overview || aspects.some((x) => ['agreed', 'signed', 'initialed'].includes(x)))) parts.push(sentence(a.note));
  return { text: dedupe(parts).join(' '), sources: [...sources] };
}

function dedupe(parts: string[]): string[] {
  return [...new Set(parts)];
}

