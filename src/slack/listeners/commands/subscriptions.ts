/**
 * `/sma subscribe`, `/sma unsubscribe`, `/sma subscriptions`: round updates in a channel.
 *
 * Who may use them: anyone who can use `/sma` in the channel. Slack has no per-command permission
 * an app can rely on (checking for workspace admins would need the `users:read` scope and would
 * shut out the channel's own members), and the updates are a few messages a month. Instead every
 * change is public: the bot posts "<@user> subscribed this channel…" in the channel itself (which
 * also proves it can post there) and "<@user> unsubscribed…" likewise, and the store records who
 * subscribed. Channels from ANNOUNCE_SLACK_CHANNELS are the operator's and cannot be removed here.
 *
 * `/sma subscribe ko` (or `en`) chooses the language of the channel's announcements, and switches
 * an existing subscription to it; without one a new subscription takes the user's (else the
 * channel's) answer language, else English, and an existing one keeps its own.
 */
import { parseLanguageSetting } from '../../../adapters/answerLanguage.js';
import { platformMessages } from '../../../adapters/i18n/index.js';
import { isSlackChannelId, isSlackUserId } from '../../../adapters/ids.js';
import { pauseOf } from '../../../announce/subscriptions.js';
import type { Language } from '../../../core/answer.js';
import type { SlackMessage } from '../../render.js';
import { escapeMrkdwn, renderNotice } from '../../render.js';
import { describeError } from '../../errors.js';
import type { SubcommandContext, SubcommandReply } from './types.js';

const EN = platformMessages('en').slack.subscriptions;
export const NOT_ENABLED = EN.notEnabled;
export const CHANNELS_ONLY = EN.channelsOnly;
export const FIXED = EN.fixed;
export const ALREADY = EN.already('en');
export const INVITE_FIRST = EN.inviteFirst;
export const SUBSCRIBED = EN.subscribed;
export const NOT_SUBSCRIBED = EN.notSubscribed;

/** Errors that mean the bot cannot post in the channel (not a member, private channel, archived). */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

const who = (ctx: SubcommandContext, lang: Language) => (isSlackUserId(ctx.userId) ? `<@${ctx.userId}>` : platformMessages(lang).slack.someone);
const section = (text: string): SlackMessage => ({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });

const targetOf = (ctx: SubcommandContext, language?: Language) => ({
  platform: 'slack' as const,
  workspaceId: ctx.teamId,
  channelId: ctx.channelId,
  ...(language && language !== 'en' ? { language } : {}),
});

/** The public "subscribed" note, posted as the bot: 'cannot-post' when Slack says the bot cannot post here. */
async function announceSubscription(ctx: SubcommandContext, language: Language): Promise<'posted' | 'cannot-post' | 'failed'> {
  if (!ctx.client) return 'failed';
  const text = platformMessages(language).slack.subscriptions.announced(who(ctx, language), language);
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
        return renderNotice(platformMessages(ctx.lang).common.paused(pause));
      }
      ctx.deps.logger.error(`slack ${name} failed`, { channel: ctx.channelId, error: describeError(error, { stack: true }) });
      return renderNotice(platformMessages(ctx.lang).common.sorry);
    }
  };

export const subscribeChannel = guarded('subscribe', async (ctx) => {
  const words = ctx.args.trim().split(/\s+/).filter(Boolean);
  const asked = parseLanguageSetting(words[0]);
  // The replies follow the language asked for announcements when the user has no choice of their own.
  const lang: Language = ctx.chosen ?? (asked && asked !== 'auto' ? asked : 'en');
  const t = platformMessages(lang).slack.subscriptions;
  const subscriptions = ctx.deps.subscriptions;
  if (!subscriptions) return renderNotice(t.notEnabled);
  if (words.length > 1 || (words[0] && (!asked || asked === 'auto'))) return renderNotice(t.badLanguage(words.join(' ')));
  if (!isSlackChannelId(ctx.channelId)) return renderNotice(t.channelsOnly);
  const language: Language = asked && asked !== 'auto' ? asked : (ctx.chosen ?? 'en');
  const outcome = await subscriptions.subscribe(targetOf(ctx, language), ctx.userId, { keepLanguage: !asked });
  ctx.deps.logger.info('slack subscribe', { team: ctx.teamId, channel: ctx.channelId, user: ctx.userId, outcome, language });
  if (outcome === 'fixed') return renderNotice(t.fixed);
  if (outcome === 'already') {
    const current = (await subscriptions.list('slack', ctx.teamId)).find((c) => c.channelId === ctx.channelId)?.language ?? 'en';
    return renderNotice(t.already(current));
  }
  if (outcome === 'language-changed') return { ...section(platformMessages(language).slack.subscriptions.languageChanged(who(ctx, language), language)), inChannel: true };
  const posted = await announceSubscription(ctx, language);
  if (posted === 'cannot-post') {
    await subscriptions.unsubscribe(targetOf(ctx));
    return renderNotice(t.inviteFirst);
  }
  return posted === 'posted' ? null : renderNotice(t.subscribed);
});

export const unsubscribeChannel = guarded('unsubscribe', async (ctx) => {
  const t = platformMessages(ctx.lang).slack.subscriptions;
  const subscriptions = ctx.deps.subscriptions;
  if (!subscriptions) return renderNotice(t.notEnabled);
  const outcome = await subscriptions.unsubscribe(targetOf(ctx));
  ctx.deps.logger.info('slack unsubscribe', { team: ctx.teamId, channel: ctx.channelId, user: ctx.userId, outcome });
  if (outcome === 'fixed') return renderNotice(t.fixed);
  if (outcome === 'not-subscribed') return renderNotice(t.notSubscribed);
  return { ...section(t.unsubscribed(who(ctx, ctx.lang))), inChannel: true };
});

const MAX_LISTED = 50;

export const listSubscriptions = guarded('subscriptions', async (ctx) => {
  const p = platformMessages(ctx.lang);
  const t = p.slack.subscriptions;
  const subscriptions = ctx.deps.subscriptions;
  if (!subscriptions) return renderNotice(t.notEnabled);
  const channels = (await subscriptions.list('slack', ctx.teamId)).filter((c) => isSlackChannelId(c.channelId));
  const pause = subscriptions.paused();
  const pauseNote = pause ? `\n\n${escapeMrkdwn(p.common.paused(pause))}` : '';
  if (!channels.length) return renderNotice(`${t.none}${pause ? `\n\n${p.common.paused(pause)}` : ''}`);
  const lines = channels.slice(0, MAX_LISTED).map((c) => {
    const notes = [
      c.language !== 'en' ? p.languageName(c.language) : '',
      c.fixed ? p.common.operatorChannel : '',
      c.channelId === ctx.channelId ? p.common.thisChannel : '',
    ].filter(Boolean);
    // <#C…> shows the channel's name to those who can see it (private channels stay hidden).
    return `• <#${c.channelId}>${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  const more = channels.length > MAX_LISTED ? `\n${escapeMrkdwn(p.common.andMore(channels.length - MAX_LISTED))}` : '';
  return section(`*${t.listTitle}*\n${lines.join('\n')}${more}${pauseNote}`);
});
