/**
 * `/sma subscribe`, `/sma unsubscribe`, `/sma subscriptions`: round updates in a channel.
 *
 * Who may use them: anyone who can use `/sma` in the channel. Slack has no per-command permission
 * an app can rely on (checking for workspace admins would need the `users:read` scope and would
 * shut out the channel's own members), and the updates are a few messages a month. Instead every
 * change is public: the bot posts "<@user> subscribed this channel…" in the channel itself (which
 * also proves it can post there) and "<@user> unsubscribed…" likewise, and the store records who
 * subscribed. Channels from ANNOUNCE_SLACK_CHANNELS are the operator's and cannot be removed here.
 */
import { isSlackChannelId, isSlackUserId } from '../../../adapters/ids.js';
import { pausedNotice, pauseOf } from '../../../announce/subscriptions.js';
import type { SlackMessage } from '../../render.js';
import { escapeMrkdwn, renderNotice } from '../../render.js';
import { SORRY } from '../../deps.js';
import { describeError } from '../../errors.js';
import type { SubcommandContext, SubcommandReply } from './types.js';

export const NOT_ENABLED = 'Round announcements are not enabled on this bot.';
export const CHANNELS_ONLY = 'Round updates go to channels: run `/sma subscribe` in the channel that should get them.';
export const FIXED = "This channel always gets SMA round updates: the bot's operator listed it in ANNOUNCE_SLACK_CHANNELS, and only they can change that.";
export const ALREADY = 'This channel already gets SMA round updates. `/sma unsubscribe` stops them.';
export const INVITE_FIRST = "I can't post in this channel, so I did not subscribe it. Invite me first (`/invite @sma`), then run `/sma subscribe` again.";
export const SUBSCRIBED = 'This channel will now get SMA round updates. `/sma unsubscribe` stops them.';
export const NOT_SUBSCRIBED = 'This channel was not subscribed to SMA round updates.';

/** Errors that mean the bot cannot post in the channel (not a member, private channel, archived). */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

const who = (userId: string) => (isSlackUserId(userId) ? `<@${userId}>` : 'Someone');
const section = (text: string): SlackMessage => ({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });

const targetOf = (ctx: SubcommandContext) => ({ platform: 'slack' as const, workspaceId: ctx.teamId, channelId: ctx.channelId });

/** The public "subscribed" note, posted as the bot: 'cannot-post' when Slack says the bot cannot post here. */
async function announceSubscription(ctx: SubcommandContext): Promise<'posted' | 'cannot-post' | 'failed'> {
  if (!ctx.client) return 'failed';
  const text = `${who(ctx.userId)} subscribed this channel to SMA round updates: new rounds, schedule changes, outcomes, agreements and reminders. \`/sma unsubscribe\` stops them.`;
  try {
    await ctx.client.chat.postMessage({ channel: ctx.channelId, text, blocks: section(text).blocks, unfurl_links: false });
    return 'posted';
  } catch (error) {
    const described = describeError(error);
    ctx.deps.logger.warn('slack subscribe: confirmation not posted', { channel: ctx.channelId, error: described });
    return CANNOT_POST.has(String(described.slackError)) ? 'cannot-post' : 'failed';
  }
}

/**
 * A store that cannot be used (disk full, read-only, corrupt: logged once by the store) gets the
 * "paused, and why" notice; any other failure an apology and one log line. Never an unanswered command.
 */
const guarded =
  (name: string, run: (ctx: SubcommandContext) => Promise<SubcommandReply>) =>
  async (ctx: SubcommandContext): Promise<SubcommandReply> => {
    try {
      return await run(ctx);
    } catch (error) {
      const pause = pauseOf(error, ctx.deps.subscriptions);
      if (pause) {
        ctx.deps.logger.warn(`slack ${name}: the store cannot be used`, { channel: ctx.channelId, store: pause.location, reason: pause.reason });
        return renderNotice(pausedNotice(pause));
      }
      ctx.deps.logger.error(`slack ${name} failed`, { channel: ctx.channelId, error: describeError(error, { stack: true }) });
      return renderNotice(SORRY);
    }
  };

export const subscribeChannel = guarded('subscribe', async (ctx) => {
  const subscriptions = ctx.deps.subscriptions;
  if (!subscriptions) return renderNotice(NOT_ENABLED);
  if (!isSlackChannelId(ctx.channelId)) return renderNotice(CHANNELS_ONLY);
  const outcome = await subscriptions.subscribe(targetOf(ctx), ctx.userId);
  ctx.deps.logger.info('slack subscribe', { team: ctx.teamId, channel: ctx.channelId, user: ctx.userId, outcome });
  if (outcome === 'fixed') return renderNotice(FIXED);
  if (outcome === 'already') return renderNotice(ALREADY);
  const posted = await announceSubscription(ctx);
  if (posted === 'cannot-post') {
    await subscriptions.unsubscribe(targetOf(ctx));
    return renderNotice(INVITE_FIRST);
  }
  return posted === 'posted' ? null : renderNotice(SUBSCRIBED);
});

export const unsubscribeChannel = guarded('unsubscribe', async (ctx) => {
  const subscriptions = ctx.deps.subscriptions;
  if (!subscriptions) return renderNotice(NOT_ENABLED);
  const outcome = await subscriptions.unsubscribe(targetOf(ctx));
  ctx.deps.logger.info('slack unsubscribe', { team: ctx.teamId, channel: ctx.channelId, user: ctx.userId, outcome });
  if (outcome === 'fixed') return renderNotice(FIXED);
  if (outcome === 'not-subscribed') return renderNotice(NOT_SUBSCRIBED);
  return { ...section(`${who(ctx.userId)} unsubscribed this channel from SMA round updates.`), inChannel: true };
});

const MAX_LISTED = 50;

export const listSubscriptions = guarded('subscriptions', async (ctx) => {
  const subscriptions = ctx.deps.subscriptions;
  if (!subscriptions) return renderNotice(NOT_ENABLED);
  const channels = (await subscriptions.list('slack', ctx.teamId)).filter((c) => isSlackChannelId(c.channelId));
  const pause = subscriptions.paused();
  const pauseNote = pause ? `\n\n${escapeMrkdwn(pausedNotice(pause))}` : '';
  if (!channels.length) return renderNotice(`No channel gets SMA round updates yet. Run \`/sma subscribe\` in a channel to add it.${pause ? `\n\n${pausedNotice(pause)}` : ''}`);
  const lines = channels.slice(0, MAX_LISTED).map((c) => {
    const notes = [c.fixed ? "set by the bot's operator" : '', c.channelId === ctx.channelId ? 'this channel' : ''].filter(Boolean);
    // <#C…> shows the channel's name to those who can see it (private channels stay hidden).
    return `• <#${c.channelId}>${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  const more = channels.length > MAX_LISTED ? `\n${escapeMrkdwn(`and ${channels.length - MAX_LISTED} more`)}` : '';
  return section(`*Channels that get SMA round updates*\n${lines.join('\n')}${more}${pauseNote}`);
});
