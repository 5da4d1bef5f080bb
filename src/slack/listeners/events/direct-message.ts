/**
 * A direct message to the bot → the answer in the DM (in the thread, when the user wrote in one).
 * Only plain user messages in IMs: no subtypes (edits `message_changed`, deletions, `bot_message`,
 * joins…), nothing from bots, nothing from the bot itself.
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

type Args = Pick<AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>, 'event' | 'client' | 'context'>;

export async function directMessage({ event, client, context }: Args, deps: ListenerDeps): Promise<void> {
  if (event.channel_type !== 'im') return;
  if (event.subtype !== undefined) return;
  if (event.bot_id || !event.user || event.user === context.botUserId) return;

  const question = slackTextToPlain(event.text, context.botUserId);
  const inDirectMessage = true;
  const chosen = await chosenLanguage(deps, { teamId: event.team ?? '', channelId: event.channel, userId: event.user });
  const language = answerLanguage({ ...(chosen ? { chosen } : {}), question });
  const message =
    question && question.toLowerCase() !== 'help'
      ? await reply(deps, question, {
          conversation: conversationKey.slackDirect(event.team ?? '', event.channel, event.thread_ts),
          inDirectMessage,
          userId: event.user,
          ...(language ? { language } : {}),
        })
      : helpMessage(deps, { inDirectMessage, ...(chosen ? { language: chosen } : {}) });
  deps.logger.info('slack direct message', { channel: event.channel, empty: !question });
  await postMessage(client, { channel: event.channel, thread_ts: event.thread_ts }, message, deps.logger);
}
