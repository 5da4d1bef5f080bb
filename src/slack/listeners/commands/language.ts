/**
 * `/sma language [ko | en | auto] [channel]`: the language the bot answers in, for the user (the
 * default) or for everyone in the channel. The user's own choice wins over the channel's, which
 * wins over the language each question is asked in. Without a language it says what is set.
 *
 * A channel's choice is posted in the channel, naming who set it (like `/sma subscribe`): anyone
 * who can use `/sma` may set it, and everyone sees that it changed. A store that cannot be used
 * gets a reply saying the choice could not be saved (answers then follow each question).
 */
import { parseLanguageSetting, winner, type LanguageSetting } from '../../../adapters/answerLanguage.js';
import { platformMessages } from '../../../adapters/i18n/index.js';
import { pauseOf } from '../../../announce/subscriptions.js';
import type { LanguageScope } from '../../../announce/store.js';
import type { Language } from '../../../core/answer.js';
import { describeError } from '../../errors.js';
import { slackAsker } from '../../language.js';
import { renderNotice, type SlackMessage } from '../../render.js';
import type { SubcommandContext, SubcommandReply } from './types.js';

const CHANNEL_WORDS = new Set(['channel', 'here', '채널']);
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

const section = (text: string): SlackMessage => ({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });

/** The setting and scope the words name; undefined when a word is neither. */
export function parseLanguageArgs(args: string): { setting?: LanguageSetting; scope: LanguageScope } | undefined {
  let setting: LanguageSetting | undefined;
  let scope: LanguageScope = 'user';
  for (const word of args.trim().split(/\s+/).filter(Boolean)) {
    const parsed = parseLanguageSetting(word);
    if (parsed && !setting) setting = parsed;
    else if (CHANNEL_WORDS.has(word.toLowerCase())) scope = 'channel';
    else return undefined;
  }
  return { ...(setting ? { setting } : {}), scope };
}

export async function chooseLanguage(ctx: SubcommandContext): Promise<SubcommandReply> {
  const choices = ctx.deps.languages;
  const parsed = parseLanguageArgs(ctx.args);
  if (!parsed) return renderNotice(platformMessages(ctx.lang).slack.languageUsage);
  // Replies come in the language just chosen, so the user sees at once what it means.
  const lang: Language = parsed.setting && parsed.setting !== 'auto' ? parsed.setting : ctx.lang;
  const t = platformMessages(lang);
  if (!choices) return renderNotice(t.language.notEnabled);
  const asker = slackAsker(ctx);
  try {
    if (!parsed.setting) {
      const chosen = await choices.read(asker);
      const current = platformMessages(winner(chosen) ?? 'en');
      return renderNotice(`${current.language.current(chosen.user, chosen.channel)}\n\n${current.slack.languageUsage}`);
    }
    const outcome = await choices.set(asker, parsed.scope, parsed.setting);
    const language = parsed.setting === 'auto' ? undefined : parsed.setting;
    ctx.deps.logger.info('slack language', { team: ctx.teamId, channel: ctx.channelId, user: ctx.userId, scope: parsed.scope, language: parsed.setting, outcome });
    if (outcome === 'unchanged') return renderNotice(t.language.unchanged(parsed.scope, language));
    if (parsed.scope === 'user') return renderNotice(language ? t.language.saved('user', language) : t.language.cleared('user'));
    const who = USER_ID.test(ctx.userId) ? `<@${ctx.userId}>` : t.slack.someone;
    return { ...section(language ? t.slack.languageAnnounced(who, language) : t.slack.languageCleared(who)), inChannel: true };
  } catch (error) {
    const pause = pauseOf(error, ctx.deps.subscriptions);
    if (pause) {
      ctx.deps.logger.warn('slack language: the store cannot be used', { channel: ctx.channelId, store: pause.location, reason: pause.reason });
      return renderNotice(parsed.setting ? t.language.notSaved(pause) : t.language.unavailable(pause));
    }
    ctx.deps.logger.error('slack language failed', { channel: ctx.channelId, error: describeError(error, { stack: true }) });
    return renderNotice(t.common.sorry);
  }
}
