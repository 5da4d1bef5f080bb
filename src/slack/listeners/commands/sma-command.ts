/**
 * `/sma …`: acknowledge at once (Slack's 3-second limit), then answer privately through the
 * response_url. A subcommand from the dispatch table, or else the text as a question for the core.
 * An empty `/sma` shows the help.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { messagePayload, respondWith } from '../../deliver.js';
import { describeError } from '../../errors.js';
import { slackTextToPlain } from '../../input.js';
import { chosenLanguage } from '../../language.js';
import { findSubcommand, helpMessage, subcommandContext } from './subcommands.js';
import type { SubcommandReply } from './types.js';

type Args = Pick<AllMiddlewareArgs & SlackCommandMiddlewareArgs, 'ack' | 'command' | 'respond'> & Partial<Pick<AllMiddlewareArgs, 'client'>>;

export async function smaCommand({ ack, command, respond, client }: Args, deps: ListenerDeps): Promise<void> {
  try {
    await ack();
  } catch (error) {
    deps.logger.warn('slack /sma ack failed', { error: describeError(error) });
    return;
  }
  const text = slackTextToPlain(command.text);
  const ids = { userId: command.user_id, channelId: command.channel_id, teamId: command.team_id };
  const found = findSubcommand(text);
  const chosen = await chosenLanguage(deps, ids);
  const ctx = subcommandContext(deps, ids, found?.args, client, chosen, text);
  const reply: SubcommandReply = !text ? helpMessage(deps, { language: ctx.lang }) : found ? await found.subcommand.run(ctx) : await ctx.answer(text);
  deps.logger.info('slack /sma', { subcommand: found?.subcommand.name ?? (text ? 'question' : 'help'), team: ids.teamId, channel: ids.channelId });
  if (!reply) return;
  const { inChannel, ...message } = reply;
  await respondWith(respond, messagePayload(message, inChannel ? 'in_channel' : 'ephemeral'), deps.logger, '/sma respond');
}
