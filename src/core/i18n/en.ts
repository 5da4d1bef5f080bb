/**
 * The English catalogue: every sentence the core writes, with the record's facts as parameters.
 * `ko.ts` has the same shape (`Catalogue`); an answer in another language never shares a
 * template, only the facts.
 */
import type { IntentName } from '../../knowledge/schema.js';
import type { Language } from '../answer.js';
import { formatAmount, formatDate, formatPercent, formatRange, listing, ordinal } from '../format.js';
import { capitalise, lowerFirst, sentence } from './prose.js';
import type { Amount, MilestoneInfo, MilestoneKey, NegotiatorInfo, RoundInfo, Side, YearInfo } from './types.js';

const SUBJECT = 'the Korea–US defense cost-sharing talks';
const MILESTONE_VERBS: Record<MilestoneKey, string> = {
  agreed: 'was agreed',
  initialed: 'was initialed',
  cabinet: 'was approved by the Korean cabinet',
  signed: 'was signed',
  ratified: 'was ratified',
  inForce: 'entered into force',
};
const SIDE_NAMES: Record<Side, string> = { korea: 'South Korea', us: 'the United States' };
/** A milestone dated only to its month (YYYY-MM). */
const monthOnly = (date: string) => date.length === 7;
const DAY_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];

const amountText = (a: Amount) => formatAmount(a.amount, a.unit);
const dayCount = (days: number) => `${DAY_WORDS[days - 1] ?? days} day${days > 1 ? 's' : ''}`;

function whenWhere(r: RoundInfo): string {
  const range = formatRange(r.start, r.end);
  const dates = r.when ? `${r.when} (${range})` : range;
  const place = r.venue ? `${r.place} (${r.venue})` : r.place;
  return `${dates}, ${place}`;
}

/** What is known of a round: scheduled, under way, or its outcome, date notes and conflicting dates. */
function roundDetails(r: RoundInfo): string {
  if (r.state === 'future') return 'It is scheduled; no outcome is known yet.';
  if (r.state === 'underway') return 'It is under way.';
  const parts: string[] = [];
  if (r.state === 'postponed') parts.push('It was postponed.');
  if (r.state === 'cancelled') parts.push('It was cancelled.');
  if (r.state === 'scheduled') parts.push('It is scheduled; no outcome is recorded yet.');
  if (r.summary) parts.push(sentence(r.summary));
  if (r.dateNote) parts.push(sentence(r.dateNote));
  for (const v of r.variants) parts.push(sentence(`Dates differ by source: ${formatRange(v.start, v.end)} (${v.note})`));
  return parts.join(' ');
}

function describeRound(r: RoundInfo): string {
  const head = `${capitalise(r.name)}: ${whenWhere(r)}.`;
  const details = roundDetails(r);
  return details ? `${head} ${details}` : head;
}

function negotiator(n: NegotiatorInfo): string {
  const span = n.from && n.to ? `, ${formatDate(n.from)} – ${formatDate(n.to)}` : n.from ? `, from ${formatDate(n.from)}` : n.to ? `, until ${formatDate(n.to)}` : '';
  return `${n.name} (${n.title}${span})`;
}

export const en = {
  lang: 'en' as Language,
  format: {
    date: (d: string) => formatDate(d),
    range: (start: string, end?: string) => formatRange(start, end),
    amount: amountText,
  },
  /** The canonical questions of the intents live in knowledge/intents.yaml (`question:`). */
  questions: undefined as Partial<Record<IntentName, string>> | undefined,

  names: {
    agreement: (n: number) => `${ordinal(n)} SMA`,
    period: (from: number, to: number) => (from === to ? `${from}` : `${from}–${to}`),
    /** "round 4 of the 10th SMA talks" (or its unofficial label); `agreement` is the agreement's name. */
    round: (round: number, label: string | undefined, agreement: string | undefined) => {
      const talks = agreement ? ` of the ${agreement} talks` : '';
      return label ? `the ${label} round${talks}` : `round ${round}${talks}`;
    },
  },

  round: {
    whenWhere,
    describe: describeRound,
    negotiator,
    title: (round: number, agreement?: string) => (agreement ? `Round ${round} of the ${agreement} talks` : `Round ${round}`),
    none: (agreement: string, count: number, round: number) =>
      `The record lists ${count} round${count === 1 ? '' : 's'} for the ${agreement} talks, so there is no round ${round}.`,
    /** A round whose end no source gives: when it began, and that the end is not known. */
    noEnd: (r: RoundInfo) => `The record has no end date for ${r.name}: it began on ${formatDate(r.start)} (${r.place}). ${describeRound(r)}`,
    lasted: (r: RoundInfo, days: number) => {
      const text = describeRound(r);
      return `${capitalise(r.name)} lasted ${dayCount(days)}: ${text.slice(text.indexOf(':') + 2)}`;
    },
    /** The same round number in other negotiations, when the clock chose which talks were meant. */
    others: (round: number, others: { agreement: string; round: RoundInfo; days?: number }[]) =>
      ` Round ${round} of other talks: ${others.map((o) => `${o.agreement} talks, ${whenWhere(o.round)}${o.days !== undefined ? ` (${dayCount(o.days)})` : ''}`).join('; ')}.`,
    whereWas: (round: number, agreement: string | undefined) => `Where was round ${round} of the ${agreement ?? ''} talks?`,
    /** A place rounds of several negotiations were held at, asked without a year or an agreement. */
    severalAt: (place: string, rounds: RoundInfo[]) =>
      `The record has ${rounds.length} rounds held in ${place}: ${rounds.map((r) => `${r.name}, ${formatRange(r.start, r.end)}`).join('; ')}. Which one do you mean?`,
    option: (r: RoundInfo) => `${capitalise(r.name)} (${formatRange(r.start, r.end)})`,
    /** Every round held within a stretch of months ("summer 2024"), oldest first. */
    during: (from: string, to: string, rounds: RoundInfo[]) =>
      `${from === to ? `In ${formatDate(from)}` : `From ${formatDate(from)} to ${formatDate(to)}`} the record has ${rounds.length} rounds: ${rounds.map((r) => `${r.name}, ${whenWhere(r)}`).join('; ')}.`,
  },

  rounds: {
    missingTitle: 'Rounds of talks',
    title: (agreement: string) => `Rounds of the ${agreement} talks`,
    item: (r: RoundInfo) => `${r.label ? r.label : r.round}: ${formatRange(r.start, r.end)}, ${r.place}`,
    none: (agreement: string) => `The record lists no individual rounds for the ${agreement} talks.`,
    notYet: (agreement: string, day: string) => `The ${agreement} talks had held no round by ${formatDate(day)}.`,
    all: (agreement: string, count: number, items: string[]) => `The ${agreement} talks had ${count} rounds in the record: ${items.join('; ')}.`,
    soFar: (agreement: string, day: string, count: number, items: string[]) =>
      `As of ${formatDate(day)}, the ${agreement} talks have had ${count} round${count > 1 ? 's' : ''} so far: ${items.join('; ')}.`,
    unofficial: (rounds: RoundInfo[]) => ` Numbering of ${rounds.map((r) => r.label).join(', ')} is not official.`,
  },

  latestRound: {
    text: (day: string, r: RoundInfo) => `As of ${formatDate(day)}, the latest round was ${lowerFirst(describeRound(r))}`,
    none: (day: string) => `No round had been held by ${formatDate(day)} in the record.`,
    /** The last round of one negotiation (by the clock's day). */
    lastOf: (agreement: string, r: RoundInfo) => `The last round of the ${agreement} talks in the record was ${lowerFirst(describeRound(r))}`,
    noneOf: (agreement: string, day: string) => `The record has no round of the ${agreement} talks by ${formatDate(day)}.`,
  },

  nextRound: {
    underway: (day: string, r: RoundInfo) => `Under way on ${formatDate(day)}: ${describeRound(r)}`,
    next: (day: string, r: RoundInfo) => `The next round after ${formatDate(day)} is ${lowerFirst(describeRound(r))}`,
    talksUnderway: (agreement: string) => ` Talks on the ${agreement} are under way.`,
    noneYet: (day: string, under: string) => `As of ${formatDate(day)}, no next round of SMA talks had been announced in the record.${under}`,
    none: (recordDate: string | undefined, under: string) =>
      `No new round of SMA talks has been scheduled in the record${recordDate ? `, whose latest source is dated ${formatDate(recordDate)}` : ''}.${under}`,
    last: (r: RoundInfo) => `The last round was ${lowerFirst(describeRound(r)).split('. ')[0]}.`,
    current: (agreement: string, period: string, inForce: boolean) => `The ${agreement} (${period}) is ${inForce ? 'in force' : 'concluded and awaiting entry into force'}.`,
  },

  agreement: {
    missingTitle: 'SMA',
    title: (agreement: string, period: string) => `The ${agreement} (${period})`,
    whatWas: (agreement: string) => `What was the ${agreement}?`,
    inForce: (day: string, agreement: string, period: string, since?: string) =>
      `On ${formatDate(day)} the ${agreement} (${period}) is in force${since ? `, since ${formatDate(since)}` : ''}.`,
    awaiting: (day: string, agreement: string, period: string) => `On ${formatDate(day)} the ${agreement} (${period}) has been concluded but has not yet entered into force.`,
    noneInForce: (day: string, lapsed?: { agreement: string; period: string; to: number }) =>
      `On ${formatDate(day)} no SMA is in force${lapsed ? `: the ${lapsed.agreement} (${lapsed.period}) expired at the end of ${lapsed.to}, and no successor had entered into force` : ''}.`,
    milestone: (agreement: string, key: MilestoneKey, m: MilestoneInfo) => {
      const by = m.by?.length ? ` by ${listing(m.by)}` : '';
      const place = m.place ? ` in ${m.place}` : '';
      const note = m.note ? ` ${sentence(m.note)}` : '';
      // A date known only to the month ("1991-01") is never written as a day.
      const when = monthOnly(m.date) ? `in ${formatDate(m.date)} (the sources do not give the day)` : `on ${formatDate(m.date)}`;
      return `The ${agreement} ${MILESTONE_VERBS[key]} ${when}${place}${by}.${note}`;
    },
    /** On a day within the month a milestone is dated to: whether it had happened yet is not known. */
    milestoneUnsure: (day: string, agreement: string, key: MilestoneKey) =>
      `As of ${formatDate(day)}, the record cannot say whether the ${agreement} had ${MILESTONE_VERBS[key].replace(/^was /, 'been ')} yet: its sources give the month but not the day.`,
    milestoneNotYet: (day: string, agreement: string, key: MilestoneKey) =>
      `As of ${formatDate(day)}, the ${agreement} had not yet ${MILESTONE_VERBS[key].replace(/^was /, 'been ')}.`,
    milestoneUnknown: (agreement: string, key: MilestoneKey) => `The record has no date for when the ${agreement} ${MILESTONE_VERBS[key]}.`,
    notConcluded: (day: string, agreement: string) => `As of ${formatDate(day)}, the ${agreement} had not been concluded.`,
    expiry: (agreement: string, period: string, to: number, expired: boolean) =>
      `The ${agreement} covers ${period}, so it ${expired ? 'expired' : 'expires'} at the end of ${to} (December 31, ${to}).`,
    duration: (agreement: string, period: string, years: number) => `The ${agreement} covers ${period}: ${years} year${years > 1 ? 's' : ''}.`,
    yearRow: (year: number, a: Amount, change?: number) => `${year}: ${amountText(a)}${change !== undefined ? ` (${formatPercent(change)} on the year before)` : ''}.`,
    yearly: (rows: (Amount & { year: number })[]) => `Reported yearly amounts: ${rows.map((r) => `${r.year}: ${amountText(r)}`).join('; ')}.`,
    noIncrease: (agreement: string) => `The record does not say how yearly amounts changed under the ${agreement}.`,
    noCurrency: (agreement: string) => `The record does not say in which currency the ${agreement} was paid.`,
    talks: (from: string, to: string, rounds: number) => `Talks ran ${formatRange(from, to)}${rounds ? ` over ${rounds} rounds in the record` : ''}.`,
    noTalks: (agreement: string, before?: string) => `The record has no dates for the talks on the ${agreement}${before ? ` before ${formatDate(before)}` : ''}.`,
    /** "The record has no 14th SMA": the numbers it does hold. */
    missing: (n: number, first: number, last: number) => `The record has no ${ordinal(n)} SMA: it covers the ${ordinal(first)} to the ${ordinal(last)} agreements.`,
  },

  contribution: {
    title: (years: number[]) => (years.length === 1 ? `Korea's SMA contribution in ${years[0]}` : `Korea's SMA contributions, ${years.join(', ')}`),
    howMuch: (year: number) => `How much did Korea pay in ${year}?`,
    notYetSet: (day: string, year: number) =>
      `As of ${formatDate(day)}, Korea's SMA contribution for ${year} had not yet been set: no agreement covering ${year} had been concluded.`,
    year: (y: YearInfo) => {
      const verb = y.tense === 'past' ? 'was' : y.tense === 'present' ? 'is' : 'is set at';
      const change = y.change !== undefined ? `, ${formatPercent(y.change)} on the year before` : '';
      const under = y.under ? ` under the ${y.under}` : '';
      let text = `Korea's SMA contribution for ${y.year} ${verb} ${amountText(y)}${change}${under}.`;
      if (y.note) text += ` ${sentence(y.note)}`;
      for (const v of y.variants) text += ` Other reports: ${amountText(v)} (${v.note.replace(/\.$/, '')}).`;
      return text;
    },
    beforeFirst: (first: number, year: number) => `Korea's SMA contributions began in ${first}; there is no SMA contribution for ${year}.`,
    noAgreement: (year: number, last?: { agreement: string; to: number }) =>
      `No agreement in the record covers ${year}${last ? `: the latest, the ${last.agreement}, runs to ${last.to}` : ''}.`,
    gap: (year: number, agreement: string, period: string, rule: string | undefined, known: (Amount & { year: number })[]) =>
      `The record has no directly sourced figure for ${year}, which falls under the ${agreement} (${period}).${rule ? ` ${sentence(rule)}` : ''}${known.length ? ` Nearest reported years: ${known.map((c) => `${c.year}: ${amountText(c)}`).join('; ')}.` : ''}`,
  },

  negotiators: {
    missingTitle: 'Negotiators',
    title: (agreement: string) => `Negotiators of the ${agreement}`,
    none: (side: Side, agreement: string) => `The record names no negotiator for ${SIDE_NAMES[side]} in the ${agreement} talks.`,
    named: (side: Side, agreement: string, people: NegotiatorInfo[], now: boolean) => {
      const plural = people.length > 1;
      const verb = now ? (plural ? 'are' : 'is') : plural ? 'were' : 'was';
      return `${side === 'korea' ? "South Korea's" : "The United States'"} negotiator${plural ? 's' : ''} in the ${agreement} talks ${verb} ${listing(people.map(negotiator))}.`;
    },
    note: (note: string) => note.trim().replace(/([^.])$/, '$1.'),
    ended: (month: string) => `Those talks ended in ${formatDate(month)}.`,
  },

  summary: {
    title: (day: string) => `Status as of ${formatDate(day)}`,
    current: (agreement: string, period: string, state: 'in-force' | 'awaiting', since?: string) => {
      const tail = state === 'in-force' ? (since ? `, in force since ${formatDate(since)}` : ', in force') : ', concluded and awaiting entry into force';
      return `The ${agreement} (${period}) is the current agreement${tail}.`;
    },
    noneInForce: (day: string) => `No SMA is in force on ${formatDate(day)}.`,
    concluded: (agreement: string, date: string, rounds: number, last?: RoundInfo) =>
      `Talks on the ${agreement} ended with a deal on ${formatDate(date)} after ${rounds} rounds${latestOf(last)}.`,
    underway: (agreement: string, rounds: number, last?: RoundInfo) =>
      `Talks on the ${agreement} are under way: ${rounds} round${rounds === 1 ? '' : 's'} so far${latestOf(last)}.`,
    lastRound: (r: RoundInfo) => `The last round of talks was held ${formatRange(r.start, r.end)} in ${r.place}.`,
    next: (r: RoundInfo) => `Next: ${r.name}, ${formatRange(r.start, r.end)}, ${r.place}.`,
    noNext: (recordDate?: string) => `No new round of talks is scheduled in the record${recordDate ? ` (latest source: ${formatDate(recordDate)})` : ''}.`,
  },

  sources: {
    title: (of: string) => `Sources for: ${of}`,
    text: (lines: string[]) => `That answer rests on: ${lines.join('; ')}.`,
    /** One source as a line: publisher, title, date and address. */
    line: (publisher: string, title: string, date: string, url?: string) => `${publisher}, "${title}" (${formatDate(date)})${url ? ` ${url}` : ''}`,
  },

  help: {
    text:
      'I answer questions about the South Korea–US defense cost-sharing talks (the Special Measures Agreement, SMA), from a curated, sourced record. ' +
      'Try: "When is the next round?", "How much does Korea pay this year?", "Who negotiated the 12th SMA?", "When was the 10th SMA ratified?", ' +
      '"What happened when the talks broke down in 2020?", "What has Trump demanded?". Every answer shows its sources and the date it is true at.',
    greetingTitle: 'Hello',
    greeting: (help: string) => `Hello! ${help}`,
  },

  responder: {
    notAvailableTitle: 'Not available',
    notAvailable: 'That request cannot be answered from the record.',
    emptyTitle: 'Empty question',
    empty: `Please type a question about ${SUBJECT}, for example "When is the next round?".`,
    tooLongTitle: 'Question too long',
    tooLong: (length: number, max: number) => `That message is ${length} characters long; please ask in at most ${max} characters, one question at a time.`,
    noWordsTitle: 'No words found',
    noWords: `I could not find any words in that message. Please ask a question about ${SUBJECT}.`,
    offTopicTitle: 'Outside what I cover',
    offTopic: (subject: string) => `I only cover the South Korea–US defense cost-sharing talks (the SMA), so I can't answer about ${subject}.`,
    unknownTitle: "I don't know",
    nothingMore: (title: string) => `The record has nothing more on that: "${title}". These may help:`,
    clarifyTitle: 'Did you mean…',
    clarify: (questions: string[]) => `I'm not sure which you mean. Did you mean: ${questions.map((q) => `"${q}"`).join(', or ')}?`,
    unknown: (recordDate: string | undefined, close: boolean) =>
      `I don't know that one: it is not in my record of ${SUBJECT}${recordDate ? ` (sources up to ${formatDate(recordDate)})` : ''}.${close ? ' These may be close:' : ' Try one of these:'}`,
    /** Before a fact that has no text in the answer's language (never for English, the record's own). */
    untranslated: '',
  },

  plain: {
    /** The view's as-of text as a sentence. */
    asOf: (asOf: string) => `${capitalise(asOf)}.`,
    sources: (lines: string[]) => ` Sources: ${lines.join('; ')}.`,
    related: 'Related',
    suggestions: 'Suggestions',
  },

  /** The labels every platform lays an answer out with (src/core/view.ts). */
  view: {
    sources: (count: number): string => (count === 1 ? 'Source' : 'Sources'),
    /** A citation: the publisher, the title (a link where the platform has them) and when. */
    cite: (publisher: string, title: string, when: string) => `${publisher}, "${title}" (${when})`,
    /** A publication date inferred from the text, not printed on the page. */
    approximate: (date: string) => `${date}, approximate`,
    /** What is left unshown when a platform's limit is reached: never dropped silently. */
    more: (count: number) => `and ${count} more`,
    asOf: (date: string) => `as of ${date}`,
    /** The answer draws on sources dated after the clock's day (an `SMA_NOW` or `--now` in the past). */
    asOfLater: (date: string, day: string) => `as of ${date}, after ${day}`,
    related: 'Related',
    tryThese: 'Try',
    noAnswer: '(no answer)',
    share: 'Share in channel',
    sharedBy: (who: string) => `Shared by ${who}`,
    /** The console numbers its suggestions. */
    pick: 'type the number to ask',
    askSources: 'ask "what is the source for this?"',
  },

  announce: {
    /** The headline's lead word by kind of event, before the round it is about. */
    roundPrefix: { scheduled: '', rescheduled: 'Rescheduled: ', held: 'Held: ', postponed: 'Postponed: ', cancelled: 'Cancelled: ', reminder: 'Starting soon: ' },
    round: (prefix: string, r: RoundInfo) => `${prefix}${capitalise(r.name)}: ${whenWhere(r)}`,
    held: 'The round was held; no outcome has been recorded yet.',
    scheduledNew: 'A new round of the defense cost-sharing talks has been scheduled.',
    hadBeen: (was: string) => `It had been scheduled for ${was}.`,
    previously: (status: string | undefined, was: string | undefined) => `Previously ${[status, was && status ? `(${was})` : was].filter(Boolean).join(' ')}.`,
    statusWord: { scheduled: 'scheduled', held: 'held', postponed: 'postponed', cancelled: 'cancelled' },
    was: (r: { start: string; end?: string; place: string }) => `${formatRange(r.start, r.end)}, ${r.place}`,
    opens: (place: string, venue?: string) => `The round opens ${venue ? `at ${venue}, ` : 'in '}${place}.`,
    milestone: {
      agreed: (name: string) => `Agreement reached on the ${name}`,
      initialed: (name: string) => `The ${name} is initialed`,
      cabinet: (name: string) => `The Korean cabinet approves the ${name}`,
      signed: (name: string) => `The ${name} is signed`,
      ratified: (name: string) => `The ${name} is ratified`,
      inForce: (name: string) => `The ${name} is in force`,
    } satisfies Record<MilestoneKey, (name: string) => string>,
    milestoneHeadline: (headline: string, m: MilestoneInfo) => `${headline}: ${formatDate(m.date)}${m.place ? `, ${m.place}` : ''}`,
    by: (names: string[]) => `By ${listing(names)}.`,
    agreementName: (agreement: string, period: string) => `${agreement} (${period})`,
  },
};

function latestOf(last: RoundInfo | undefined): string {
  return last ? `; the latest was round ${last.round} (${formatRange(last.start, last.end)}, ${last.place})` : '';
}

export type Catalogue = typeof en;
