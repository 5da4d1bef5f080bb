/**
 * `@sma question` in a channel → the answer in the thread of the mention (a new thread under the
 * mention, or the thread it was written in). Messages from bots, edits and mentions in the bot's
 * DM (answered by the direct-message listener) are ignored.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { reply } from '../../deps.js';
import { conversationKey } from '../../../conversation/keys.js';
import { postMessage } from '../../deliver.js';
import { slackTextToPlain } from '../../input.js';
import { chosenLanguage } from '../../language.js';
import { answerLanguage } from '../../../adapters/answerLanguage.js';
import { helpMessage } from '../commands/subcommands.js';

type Args = Pick<AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>, 'event' | 'client' | 'context'>;

export async function appMention({ event, client, context }: Args, deps: ListenerDeps): Promise<void> {
  if (event.bot_id || event.subtype || !event.user) return; // other bots, and anything but a plain user message
  if (event.user === context.botUserId) return;
  if ('edited' in event && event.edited) return; // an edited mention was answered when it was first posted
  if (event.channel.startsWith('D')) return; // a DM: the message.im listener answers it

  const threadTs = event.thread_ts ?? event.ts;
  const question = slackTextToPlain(event.text, context.botUserId);
  const chosen = await chosenLanguage(deps, { teamId: event.team ?? '', channelId: event.channel, userId: event.user });
  const language = answerLanguage({ ...(chosen ? { chosen } : {}), question });
  const message =
    question && question.toLowerCase() !== 'help'
      ? await reply(deps, question, { conversation: conversationKey.slackThread(event.team ?? '', event.channel, threadTs), userId: event.user, ...(language ? { language } : {}) })
      : helpMessage(deps, { ...(chosen ? { language: chosen } : {}) });
  deps.logger.info('slack mention', { channel: event.channel, empty: !question });
  await postMessage(client, { channel: event.channel, thread_ts: threadTs }, message, deps.logger);
}
