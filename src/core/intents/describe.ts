/**
 * Sentences built from table rows, shared by the intents so a round or an agreement reads the
 * same wherever it appears.
 */
import type { Agreement, Milestone, Negotiator, Round } from '../../knowledge/schema.js';
import { formatDate, formatRange, listing, ordinal } from '../format.js';

export const agreementName = (a: Agreement) => `${ordinal(a.number)} SMA`;

export function periodText(a: Agreement): string {
  return a.period.from === a.period.to ? `${a.period.from}` : `${a.period.from}–${a.period.to}`;
}

/** "round 4 of the 10th SMA talks" (or its unofficial label). */
export function roundName(r: Round, agreementNumber: number | undefined): string {
  const talks = agreementNumber ? ` of the ${ordinal(agreementNumber)} SMA talks` : '';
  return r.label ? `the ${r.label} round${talks}` : `round ${r.round}${talks}`;
}

/** Dates and place of a round, with rough wording, date notes and conflicting variants kept. */
export function roundWhenWhere(r: Round): string {
  const dates = r.when ? `${r.when} (${formatRange(r.start, r.end)})` : formatRange(r.start, r.end);
  const place = r.venue ? `${r.place} (${r.venue})` : r.place;
  return `${dates}, ${place}`;
}

/**
 * What is known of a round on `day`: a round that had not begun is given as scheduled, never with
 * its outcome; one under way, as under way.
 */
export function roundDetails(r: Round, day?: string): string {
  if (day && r.start > day) return 'It is scheduled; no outcome is known yet.';
  if (day && (r.end ?? r.start) >= day && r.status === 'held') return 'It is under way.';
  const parts: string[] = [];
  if (r.status === 'postponed') parts.push('It was postponed.');
  if (r.status === 'cancelled') parts.push('It was cancelled.');
  if (r.status === 'scheduled') parts.push('It is scheduled; no outcome is recorded yet.');
  if (r.summary) parts.push(sentence(r.summary));
  if (r.dateNote) parts.push(sentence(r.dateNote));
  for (const v of r.variants ?? []) parts.push(sentence(`Dates differ by source: ${formatRange(v.start, v.end)} (${v.note})`));
  return parts.join(' ');
}

export function describeRound(r: Round, agreementNumber: number | undefined, day?: string): string {
  const head = `${capitalise(roundName(r, agreementNumber))}: ${roundWhenWhere(r)}.`;
  const details = roundDetails(r, day);
  return details ? `${head} ${details}` : head;
}

/** "Chang Won-sam (ambassador for …)" */
export function negotiatorText(n: Negotiator): string {
  const span = n.from && n.to ? `, ${formatDate(n.from)} – ${formatDate(n.to)}` : n.from ? `, from ${formatDate(n.from)}` : n.to ? `, until ${formatDate(n.to)}` : '';
  return `${n.name} (${n.title}${span})`;
}

/** "three days" for a round of March 7–9. */
export function roundLength(r: Round): string {
  const days = Math.round((Date.parse(r.end ?? r.start) - Date.parse(r.start)) / 86400000) + 1;
  const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
  return `${words[days - 1] ?? days} day${days > 1 ? 's' : ''}`;
}

/** "signed on November 4, 2024 in Seoul by …. <note>" after the agreement's name. */
export function milestoneText(verb: string, m: Milestone): string {
  const by = m.by?.length ? ` by ${listing(m.by)}` : '';
  const place = m.place ? ` in ${m.place}` : '';
  const note = m.note ? ` ${sentence(m.note)}` : '';
  return `${verb} on ${formatDate(m.date)}${place}${by}.${note}`;
}

export function sentence(s: string): string {
  const t = s.trim();
  return /[.!?)"]$/.test(t) ? t : `${t}.`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
