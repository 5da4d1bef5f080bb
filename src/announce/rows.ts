/**
 * The subscription and vote rows as both SQL stores (SQLite and Postgres) hold them, and the one
 * way each becomes a ChannelRef or a Vote: the stores differ in their SQL, not in what a row means.
 */
import type { AskRequest, Intent, Language } from '../core/answer.js';
import type { CurationPlatform, Vote, VoteValue } from '../curation/types.js';
import type { ChannelRef, Platform } from './store.js';

export interface SubscriptionRow {
  platform: Platform;
  channel_id: string;
  workspace_id: string;
  channel_type: number | null;
  permissions: string | null;
  language: Language;
}

/** English is the default and is left out, as in a ChannelRef written without a language. */
export const channelOf = (r: SubscriptionRow): ChannelRef => ({
  platform: r.platform,
  channelId: r.channel_id,
  workspaceId: r.workspace_id,
  ...(r.channel_type !== null ? { channelType: r.channel_type } : {}),
  ...(r.permissions !== null ? { permissions: r.permissions } : {}),
  ...(r.language !== 'en' ? { language: r.language } : {}),
});

/** A vote as both SQL stores hold it: one row per (answer_key, voter), the last vote of that voter on that answer. */
export interface VoteRow {
  answer_key: string;
  voter: string;
  platform: CurationPlatform;
  value: VoteValue;
  reason: string | null;
  intent: Intent;
  fact_id: string | null;
  /** The AskRequest as JSON (SQLite text; Postgres jsonb read back as text). */
  request: string | null;
  language: Language | null;
  at: number;
}

export const voteOf = (r: VoteRow): Vote => ({
  answer: {
    intent: r.intent,
    ...(r.fact_id !== null ? { factId: r.fact_id } : {}),
    ...(r.request !== null ? { request: JSON.parse(r.request) as AskRequest } : {}),
    ...(r.language !== null ? { language: r.language } : {}),
  },
  answerKey: r.answer_key,
  platform: r.platform,
  voter: r.voter,
  value: r.value,
  ...(r.reason !== null ? { reason: r.reason } : {}),
  at: new Date(r.at),
});

/** The columns of a vote, in `VoteRow`'s order from `answer_key` to `at`. */
export const voteColumns = (v: Vote) =>
  [
    v.answerKey,
    v.voter,
    v.platform,
    v.value,
    v.reason ?? null,
    v.answer.intent,
    v.answer.factId ?? null,
    v.answer.request ? JSON.stringify(v.answer.request) : null,
    v.answer.language ?? null,
    v.at.getTime(),
  ] as const;
