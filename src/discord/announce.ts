/**
 * Round-update announcements in Discord: the message (one embed: the headline as title, linked to
 * the source; a line or two of detail; the source cited as answers cite theirs; no mentions) and
 * the outbox's Poster, which posts it through the client's REST queue (`Routes.channelMessages`)
 * and, in an announcement channel, publishes it (`Routes.channelMessageCrosspost`) so that servers
 * following the channel receive it.
 *
 * REST only: nothing here needs the gateway, so an instance serving HTTP interactions posts the
 * same way. Whether a channel is an announcement channel comes from what `/sma-admin subscribe`
 * recorded (`ChannelRef.channelType`); for a channel without it (ANNOUNCE_DISCORD_CHANNELS, older
 * subscriptions) from the gateway's cache when this instance has a gateway connection, else Discord
 * is asked, once an hour at most. A 403 or 404 on a post means the
 * bot can no longer post there: the deliverer unsubscribes the channel and logs why.
 *
 * Exactly once: each post carries a nonce derived from the delivery (the same on every attempt)
 * with `enforce_nonce`, so Discord returns the first message instead of creating a second when a
 * retry follows a post whose answer was lost. Discord keeps nonces for "a few minutes"; an
 * uncertain delivery retried later than that (the bot down for longer after a crash mid-post)
 * can still appear twice. The REST queue waits out rate limits itself (per-channel buckets, the
 * global 50/s); only waits longer than `LONG_RATE_LIMIT_MS` come back to the outbox to schedule.
 */
import { ChannelType, DiscordAPIError, HTTPError, MessageFlags, RateLimitError, Routes } from 'discord.js';
import type { APIChannel, APIEmbed, APIMessage, Client } from 'discord.js';
import { PostError, shortKey, type Poster } from '../announce/delivery.js';
import { eventText, type AnnouncementEvent, type EventKind } from '../announce/events.js';
import type { Language } from '../core/answer.js';
import { messages } from '../core/i18n/index.js';
import { sourceView } from '../core/view.js';
import type { Logger } from '../log.js';
import { clean, escapeText, fitEmbed, LIMITS, NO_MENTIONS, renderSource, truncate } from './render.js';

/** A rate-limit wait longer than this is handed back to the outbox instead of holding a post open. */
export const LONG_RATE_LIMIT_MS = 10_000;

/** For the client's `rest.rejectOnRateLimit`: announcement posts and crossposts never wait long inside the REST queue. */
export const rejectLongAnnouncementWaits = (info: { route: string; retryAfter: number; timeToReset: number }) =>
  info.route.startsWith('/channels/:id/messages') && Math.max(info.retryAfter, info.timeToReset) > LONG_RATE_LIMIT_MS;

const COLOURS: Partial<Record<EventKind, number>> = {
  'round-scheduled': 0x2b6cb0,
  'round-rescheduled': 0xd69e2e,
  'round-reminder': 0x2b6cb0,
  'round-held': 0x2f855a,
  'round-postponed': 0xd69e2e,
  'round-cancelled': 0xc53030,
};
const AGREEMENT_COLOUR = 0x6b46c1;

/** The announcement as an embed in `lang`, within Discord's limits, the source cited as answers cite theirs; nothing in it can ping anyone. */
export function renderAnnouncementEmbed(event: AnnouncementEvent, lang: Language = 'en'): APIEmbed {
  const { headline, detail, publisher } = eventText(event, lang);
  const embed: APIEmbed = { color: COLOURS[event.kind] ?? AGREEMENT_COLOUR, title: clean(headline, LIMITS.embedTitle) };
  if (detail.trim()) embed.description = truncate(escapeText(detail), 1000);
  if (event.source) {
    const source = sourceView({ id: '', ...event.source, ...(publisher ? { publisher } : {}) }, lang);
    if (source.url) embed.url = source.url;
    embed.fields = [{ name: messages(lang).view.sources(1), value: clean(renderSource(source, lang), LIMITS.fieldValue) }];
  }
  return fitEmbed(embed);
}

/** A REST failure as the outbox's PostError. */
export function discordPostError(error: unknown): PostError {
  if (error instanceof RateLimitError) {
    return new PostError(`rate limited by Discord on ${error.route}`, {
      retryAfterMs: Math.max(error.retryAfter, error.timeToReset),
      scope: error.global ? 'platform' : 'channel',
    });
  }
  if (error instanceof DiscordAPIError) {
    const message = `Discord ${error.status}: ${error.message} (code ${String(error.code)})`;
    // 404 (10003 Unknown Channel) or 403 (50001 Missing Access, 50013 Missing Permissions): the channel is
    // gone or the bot was shut out of it; no retry fixes that, and the subscription goes (the deliverer logs why).
    if (error.status === 403 || error.status === 404) return new PostError(message, { permanent: true, channelGone: true });
    if (error.status >= 500) return new PostError(message, { uncertain: true });
    // Invalid bodies and the like: no retry fixes them.
    return new PostError(message, { permanent: true });
  }
  if (error instanceof HTTPError) return new PostError(`Discord answered HTTP ${error.status}`, { uncertain: error.status >= 500 });
  // Timeout or network failure: the request may have reached Discord.
  return new PostError(`Discord request failed: ${error instanceof Error ? error.message : String(error)}`, { uncertain: true });
}

export interface DiscordPosterOptions {
  logger: Logger;
}

const TYPE_TTL_MS = 60 * 60_000;

export function createDiscordPoster(client: Client, o: DiscordPosterOptions): Poster {
  const logger = o.logger.child({ platform: 'discord' });
  const types = new Map<string, { type: ChannelType; at: number }>();

  /** What the subscription recorded; else the gateway's cache when there is one; else one GET, remembered for an hour. */
  async function isAnnouncementChannel(channelId: string, recorded: number | undefined): Promise<boolean> {
    if (recorded !== undefined) return recorded === ChannelType.GuildAnnouncement;
    const cached = client.channels.cache.get(channelId);
    if (cached) return cached.type === ChannelType.GuildAnnouncement;
    const known = types.get(channelId);
    if (known && Date.now() - known.at < TYPE_TTL_MS) return known.type === ChannelType.GuildAnnouncement;
    try {
      const channel = (await client.rest.get(Routes.channel(channelId))) as APIChannel;
      types.set(channelId, { type: channel.type, at: Date.now() });
      return channel.type === ChannelType.GuildAnnouncement;
    } catch (error) {
      logger.warn('discord: cannot tell whether the channel is an announcement channel; not publishing', { channel: channelId, error: discordPostError(error).message });
      return false;
    }
  }

  /** Publishes to following servers. The message is posted already: a failure here is logged, never retried as a post. */
  async function crosspost(channelId: string, message: APIMessage): Promise<void> {
    if (((message.flags ?? 0) & MessageFlags.Crossposted) !== 0) return; // the nonce returned a message published before
    try {
      await client.rest.post(Routes.channelMessageCrosspost(channelId, message.id));
    } catch (error) {
      logger.warn('discord: announcement posted but not published to following servers', { channel: channelId, messageId: message.id, error: discordPostError(error).message });
    }
  }

  return {
    perChannelIntervalMs: 0, // the REST queue paces each channel's bucket itself
    async post(channel, event, ctx) {
      let message: APIMessage;
      try {
        message = (await client.rest.post(Routes.channelMessages(channel.channelId), {
          body: { embeds: [renderAnnouncementEmbed(event, channel.language)], allowed_mentions: NO_MENTIONS, nonce: shortKey(ctx.key), enforce_nonce: true },
        })) as APIMessage;
      } catch (error) {
        throw discordPostError(error);
      }
      if (await isAnnouncementChannel(channel.channelId, channel.channelType)) await crosspost(channel.channelId, message);
      return { messageId: message.id };
    },
  };
}
