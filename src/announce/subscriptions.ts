/**
 * Which channels receive announcements: those subscribed with `/sma subscribe` (Slack) or
 * `/sma-admin subscribe` (Discord), kept in the store, plus those the operator lists in
 * ANNOUNCE_SLACK_CHANNELS / ANNOUNCE_DISCORD_CHANNELS, which are always subscribed and cannot be
 * unsubscribed from chat. Both adapters talk to this one service.
 */
import type { Config } from '../config.js';
import type { Language } from '../core/answer.js';
import type { StorePause } from './resilientStore.js';
import { channelKey, StoreUnavailableError, type AnnouncementStore, type ChannelRef, type Platform } from './store.js';

/** `language-changed`: it was subscribed already, and now gets its announcements in the language asked for. */
export type SubscribeOutcome = 'subscribed' | 'already' | 'language-changed' | 'fixed';
export type UnsubscribeOutcome = 'unsubscribed' | 'not-subscribed' | 'fixed';

export interface ListedChannel {
  channelId: string;
  /** '' for a channel from the environment (its workspace is not known). */
  workspaceId: string;
  /** From ANNOUNCE_*_CHANNELS: always subscribed. */
  fixed: boolean;
  /** The language of its announcements (the environment's channels: English). */
  language: Language;
}

export interface SubscribeOptions {
  /**
   * The channel's language was not asked for (`/sma subscribe` without one): a new subscription
   * takes `channel.language` as its default, an existing one keeps its own.
   */
  keepLanguage?: boolean;
}

export interface Subscriptions {
  subscribe(channel: ChannelRef, by?: string, options?: SubscribeOptions): Promise<SubscribeOutcome>;
  unsubscribe(channel: ChannelRef): Promise<UnsubscribeOutcome>;
  /** The workspace's subscribed channels, and every channel of the platform from the environment. */
  list(platform: Platform, workspaceId: string): Promise<ListedChannel[]>;
  /** Why announcements and subscriptions are paused (the store cannot be used); undefined normally. */
  paused(): StorePause | undefined;
}

/**
 * What `/sma subscribe` and `/sma-admin` say while the store cannot be used: that announcements
 * and subscriptions are paused, why, where, and that answers still work.
 */
export function pausedNotice(p: Pick<StorePause, 'location' | 'reason'>): string {
  return `Round announcements and subscriptions are paused: the bot cannot use its store (${p.location}: ${p.reason}). Questions are still answered, and announcements resume by themselves once the store works again; the bot's operator has the details in its log.`;
}

/** The pause behind a failed subscribe/unsubscribe/list, if that is why it failed. */
export function pauseOf(error: unknown, subscriptions: Pick<Subscriptions, 'paused'> | undefined): Pick<StorePause, 'location' | 'reason'> | undefined {
  if (!(error instanceof StoreUnavailableError)) return undefined;
  return subscriptions?.paused() ?? { location: error.location, reason: error.reason };
}

/** ANNOUNCE_SLACK_CHANNELS and ANNOUNCE_DISCORD_CHANNELS as channel references. */
export function fixedChannels(config: Pick<Config, 'ANNOUNCE_SLACK_CHANNELS' | 'ANNOUNCE_DISCORD_CHANNELS'>): ChannelRef[] {
  return [
    ...config.ANNOUNCE_SLACK_CHANNELS.map((channelId) => ({ platform: 'slack' as const, workspaceId: '', channelId })),
    ...config.ANNOUNCE_DISCORD_CHANNELS.map((channelId) => ({ platform: 'discord' as const, workspaceId: '', channelId })),
  ];
}

/** Every channel that receives announcements, each once (the environment's first). */
export async function allChannels(store: AnnouncementStore, fixed: readonly ChannelRef[]): Promise<ChannelRef[]> {
  const seen = new Set<string>();
  return [...fixed, ...(await store.subscriptions())].filter((c) => {
    const key = channelKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function createSubscriptions(store: AnnouncementStore & { paused?(): StorePause | undefined }, fixed: readonly ChannelRef[]): Subscriptions {
  const isFixed = (c: Pick<ChannelRef, 'platform' | 'channelId'>) => fixed.some((f) => channelKey(f) === channelKey(c));
  return {
    async subscribe(channel, by, options = {}) {
      if (isFixed(channel)) return 'fixed';
      if (await store.subscribe(channel, by)) return 'subscribed';
      if (options.keepLanguage) return 'already';
      return (await store.setSubscriptionLanguage(channel, channel.language ?? 'en')) ? 'language-changed' : 'already';
    },
    async unsubscribe(channel) {
      if (isFixed(channel)) return 'fixed';
      return (await store.unsubscribe(channel)) ? 'unsubscribed' : 'not-subscribed';
    },
    async list(platform, workspaceId) {
      const stored = await store.subscriptions(platform, workspaceId);
      const listed: ListedChannel[] = fixed
        .filter((f) => f.platform === platform)
        .map((f) => ({ channelId: f.channelId, workspaceId: f.workspaceId, fixed: true, language: f.language ?? 'en' }));
      for (const c of stored) if (!isFixed(c)) listed.push({ channelId: c.channelId, workspaceId: c.workspaceId, fixed: false, language: c.language ?? 'en' });
      return listed;
    },
    paused: () => store.paused?.(),
  };
}
