/**
 * What the catalogues are given to write a sentence: facts from the record, already in the
 * answer's language where they are names or curated text (glossary.yaml, the rows' `ko` fields),
 * and ISO dates and raw amounts, which each catalogue formats its own way (format.ts).
 */
import type { Unit } from '../../knowledge/schema.js';

/** How a round stands on the clock's day (or in the record, without a day). */
export type RoundState = 'future' | 'underway' | 'held' | 'scheduled' | 'postponed' | 'cancelled';

export interface RoundInfo {
  /** Its name in this language: "round 4 of the 10th SMA talks", "제10차 SMA 협상 4차 회의". */
  name: string;
  round: number;
  /** Set when the numbering is not official (the record's `label`). */
  label?: string;
  start: string;
  end?: string;
  /** Rough wording of the dates as reported ("the second week of April"). */
  when?: string;
  place: string;
  venue?: string;
  /** The place is a way of meeting (a video conference), not a city: "화상회의로 열렸다". */
  remote: boolean;
  state: RoundState;
  summary?: string;
  dateNote?: string;
  variants: { start: string; end?: string; note: string }[];
}

export interface NegotiatorInfo {
  name: string;
  title: string;
  from?: string;
  to?: string;
}

export type { MilestoneKey } from '../../knowledge/milestones.js';

export interface MilestoneInfo {
  date: string;
  place?: string;
  by?: string[];
  note?: string;
}

export interface Amount {
  amount: number;
  unit: Unit;
}

/** A contribution year as the sentence needs it. */
export interface YearInfo extends Amount {
  year: number;
  change?: number;
  /** Before, in or after the clock's year: "was", "is", "is set at". */
  tense: 'past' | 'present' | 'future';
  /** The agreement that set it, by name. */
  under?: string;
  note?: string;
  variants: (Amount & { note: string })[];
}

export type Side = 'korea' | 'us';
