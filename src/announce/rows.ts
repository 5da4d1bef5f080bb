/**
 * The subscription row as both SQL stores (SQLite and Postgres) hold it, and the one way it becomes
 * a ChannelRef: the stores differ in their SQL, not in what a row means. (The curators' rows, votes
 * and question events, are in src/curation/rows.ts.)
 */
import type { Language } from '../core/answer.js';
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
