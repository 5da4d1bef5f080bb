/**
 * Round-update announcements in Slack: the message (Block Kit: the headline in bold, a line or two
 * of detail, the source as a link; plus the plain `text` fallback for notifications) and the
 * outbox's Poster, which posts it with chat.postMessage.
 *
 * The poster has its own WebClient (same token and API URL as the app), because the app's client
 * is wrong for an outbox in two ways: it retries failed calls itself (a retry after a timeout can
 * post twice, unseen by the outbox), and on a 429 it pauses its whole request queue, which would
 * stall every answer in the workspace behind a fan-out. This one never retries and rejects
 * rate-limited calls, so the outbox sees every failure and applies Retry-After itself.
 *
 * Exactly once: each message carries `metadata` {event_type: sma_announcement, key}. When a
 * delivery is uncertain (an earlier attempt may have posted), the poster first looks for that key
 * in the channel's recent history (conversations.history, needs channels:history/groups:history)
 * and returns the message it finds instead of posting again. Without those scopes it cannot look,
 * says so in the log, and posts (a possible duplicate rather than a lost announcement).
 */
import { webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { PostContext, Poster } from '../announce/delivery.js';
import type { ChannelRef } from '../announce/store.js';
import { PostError } from '../announce/delivery.js';
import { eventText, type AnnouncementEvent } from '../announce/events.js';
import type { Language } from '../core/answer.js';
import { messages } from '../core/i18n/index.js';
import { sourceView } from '../core/view.js';
import type { Logger } from '../log.js';
import { boltLogger } from './logger.js';
import { escapeMrkdwn, LIMITS, renderSource, truncate, type SlackMessage } from './render.js';

export const ANNOUNCEMENT_EVENT_TYPE = 'sma_announcement';

/**
 * The announcement as a Slack message in `lang`: bold headline, detail, the source cited as answers
 * cite theirs. Everything escaped, nothing notifies.
 */
export function renderAnnouncement(event: AnnouncementEvent, lang: Language = 'en'): SlackMessage {
  const { headline, detail, publisher } = eventText(event, lang);
  const head = escapeMrkdwn(truncate(headline.trim(), 300));
  const body = detail.trim() ? escapeMrkdwn(truncate(detail.trim(), 2000)) : '';
  const blocks: SlackMessage['blocks'] = [{ type: 'section', text: { type: 'mrkdwn', text: body ? `*${head}*\n${body}` : `*${head}*` } }];
  if (event.source) {
    const label = messages(lang).view.sources(1);
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${label}: ${renderSource(sourceView({ id: '', ...event.source, ...(publisher ? { publisher } : {}) }, lang), lang)}` }],
    });
  }
  const fallback = [headline.trim(), detail.trim()].filter(Boolean).join(' — ');
  return { text: escapeMrkdwn(truncate(fallback, LIMITS.fallbackText)), blocks };
}

/** The poster's own client: no retries, 429s rejected (the outbox owns both), a timeout well below the outbox's stale claim time. */
export function createAnnouncementClient(config: Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_API_URL'>, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(config.SLACK_BOT_TOKEN, {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 20_000,
    logger: boltLogger(logger.child({ component: 'slack' }), 'slack-announce'),
  });
}

/** Slack errors that no retry fixes: the channel, the bot's access to it, or the message itself. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'team_access_not_granted',
  'msg_too_long',
  'msg_blocks_too_long',
  'invalid_blocks',
  'invalid_blocks_format',
  'no_text',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'missing_scope',
]);
/** Slack failed on its side: the message may or may not have been created. */
const UNCERTAIN = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

type SlackErrorLike = Error & { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };

/** A Web API failure as the outbox's PostError. */
export function slackPostError(error: unknown): PostError {
  const e = (error instanceof Error ? error : new Error(String(error))) as SlackErrorLike;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      // We space posts per channel ourselves, so a 429 is the workspace's limit: pause every post.
      return new PostError('rate limited by Slack', { retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000, scope: 'platform' });
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return new PostError('rate limited by Slack', { retryAfterMs: 1000, scope: 'platform' });
      return new PostError(`Slack: ${code}`, { permanent: PERMANENT.has(code), uncertain: UNCERTAIN.has(code) });
    }
    case 'slack_webapi_http_error':
      return new PostError(`Slack answered HTTP ${e.statusCode ?? '?'}`, { uncertain: (e.statusCode ?? 500) >= 500 });
    default:
      // Network failure or timeout: the request may have reached Slack.
      return new PostError(`Slack request failed: ${e.message}`, { uncertain: true });
  }
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export interface SlackPosterOptions {
  logger: Logger;
  /** Slack allows about one message per second per channel. */
  perChannelIntervalMs?: number;
  /** History pages (of 100 messages) searched for an uncertain delivery. */
  historyPages?: number;
}

/**
 * `client`: one client (a single workspace's token), or the client of each channel's workspace
 * (distribution: `SlackOAuth.announcementClient`, which rejects with a PostError when it has none).
 */
export function createSlackPoster(client: webApi.WebClient | ((channel: ChannelRef) => Promise<webApi.WebClient>), o: SlackPosterOptions): Poster {
  const logger = o.logger.child({ component: 'slack' });
  const clientFor = typeof client === 'function' ? client : async () => client;

  /** The ts of this delivery's message if the channel already has it; undefined when not found or not knowable. */
  async function findPosted(client: webApi.WebClient, channel: string, ctx: PostContext): Promise<string | undefined> {
    let cursor: string | undefined;
    try {
      for (let page = 0; page < (o.historyPages ?? 3); page++) {
        const r = await client.conversations.history({
          channel,
          // Slack's ts is seconds; a minute of slack covers clock skew between us and Slack.
          oldest: String(Math.floor(ctx.since / 1000) - 60),
          limit: 100,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        });
        const hit = ((r.messages ?? []) as HistoryMessage[]).find((m) => m.metadata?.event_type === ANNOUNCEMENT_EVENT_TYPE && m.metadata.event_payload?.key === ctx.key);
        if (hit?.ts) return hit.ts;
        cursor = r.response_metadata?.next_cursor || undefined;
        if (!cursor) return undefined;
      }
      return undefined;
    } catch (error) {
      const e = slackPostError(error);
      // Slow down and look again later, rather than post blind.
      if (e.options.retryAfterMs !== undefined) throw new PostError('rate limited while checking history', { retryAfterMs: e.options.retryAfterMs, uncertain: true });
      logger.warn('slack: cannot check whether an uncertain announcement was posted; posting it (it may appear twice). Add channels:history and groups:history to check.', {
        channel,
        error: e.message,
      });
      return undefined;
    }
  }

  return {
    perChannelIntervalMs: o.perChannelIntervalMs ?? 1000,
    async post(channel, event, ctx) {
      const client = await clientFor(channel);
      if (ctx.uncertain) {
        const ts = await findPosted(client, channel.channelId, ctx);
        if (ts) {
          logger.info('slack: uncertain announcement was already posted; not posting again', { channel: channel.channelId, ts });
          return { messageId: ts };
        }
      }
      const message = renderAnnouncement(event, channel.language);
      try {
        const r = await client.chat.postMessage({
          channel: channel.channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: ANNOUNCEMENT_EVENT_TYPE, event_payload: { key: ctx.key, event: event.id } },
        });
        return r.ts ? { messageId: r.ts } : {};
      } catch (error) {
        throw slackPostError(error);
      }
    },
  };
}
