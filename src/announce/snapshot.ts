/**
 * What of the record can be announced, reduced to the fields whose change is news: each round's
 * dates, place and status, and each agreement's milestone dates. Stored as the "last announced
 * state" and compared with every new knowledge load.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Knowledge, RoundStatus } from '../knowledge/schema.js';

export interface RoundState {
  agreement: string;
  round: number;
  start: string;
  end?: string;
  place: string;
  status: RoundStatus;
}

export const MILESTONES = ['agreed', 'initialed', 'signed', 'ratified', 'inForce'] as const;
export type MilestoneKey = (typeof MILESTONES)[number];

export interface AgreementState {
  number: number;
  milestones: Partial<Record<MilestoneKey, string>>;
}

export interface Snapshot {
  rounds: Record<string, RoundState>;
  agreements: Record<string, AgreementState>;
}

export function snapshotOf(kb: Knowledge): Snapshot {
  const rounds: Snapshot['rounds'] = {};
  for (const r of kb.rounds) {
    rounds[r.id] = { agreement: r.agreement, round: r.round, start: r.start, ...(r.end ? { end: r.end } : {}), place: r.place, status: r.status };
  }
  const agreements: Snapshot['agreements'] = {};
  for (const a of kb.agreements) {
    const milestones: AgreementState['milestones'] = {};
    for (const k of MILESTONES) if (a[k]) milestones[k] = a[k]!.date;
    agreements[a.id] = { number: a.number, milestones };
  }
  return { rounds, agreements };
}

/**
 * Same announceable state. Key order does not matter; snapshots are built without `undefined`
 * fields (snapshotOf) and stored ones come back from JSON, so both sides have the same keys.
 */
export function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  return isDeepStrictEqual(a, b);
}
