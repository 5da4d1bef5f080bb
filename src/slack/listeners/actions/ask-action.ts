/**
 * A suggestion or "did you mean…" button (`sma_ask_N`, value = what to ask, see `payload.ts`) → the
 * answer; a value that is malformed or names a fact the record no longer has gets a private note.
 * Buttons never post in a channel on their own: the answer goes privately to whoever
 * clicked (ephemeral, with its own "Share in channel" button), except in the user's DM with the bot,
 * where it is a normal DM message (in the same thread, when the buttons were in one).
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { coreInput, describeTarget } from '../../../adapters/payload.js';
import { answerLanguage } from '../../../adapters/answerLanguage.js';
import { platformMessages } from '../../../adapters/i18n/index.js';
import { conversationKey } from '../../../conversation/keys.js';
import { reply } from '../../deps.js';
import { chosenLanguage } from '../../language.js';
import { messagePayload, respondWith } from '../../deliver.js';
import { describeError } from '../../errors.js';
import { decodeButtonValue } from '../../payload.js';
import { DM_ACTIONS_BLOCK_ID, renderNotice } from '../../render.js';

type Args = Pick<AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, 'ack' | 'action' | 'body' | 'respond'>;

export async function askAction({ ack, action, body, respond }: Args, deps: ListenerDeps): Promise<void> {
  try {
    await ack();
  } catch (error) {
    deps.logger.warn('slack button ack failed', { error: describeError(error) });
    return;
  }
  const team = body.team?.id ?? '';
  const channel = body.channel?.id ?? '';
  const threadTs = typeof body.container?.thread_ts === 'string' ? body.container.thread_ts : undefined;
  const inDirectMessage = action.block_id === DM_ACTIONS_BLOCK_ID;
  const target = decodeButtonValue(action.value);
  const question = target && coreInput(deps.responder, target);
  const chosen = await chosenLanguage(deps, { teamId: team, channelId: channel, userId: body.user.id });
  // A fact's question is the record's English one: the button's own language says what to answer in.
  const language = answerLanguage({
    ...(chosen ? { chosen } : {}),
    ...(target?.language ? { button: target.language } : {}),
    ...(target?.kind === 'question' ? { question: target.question } : {}),
  });
  if (!question) {
    deps.logger.warn('slack button not resolved', { action: action.action_id, channel, reason: target ? 'fact not in the record' : 'malformed value' });
    await respondWith(respond, messagePayload(renderNotice(platformMessages(language).slack.unknownButton), 'ephemeral'), deps.logger, 'button respond');
    return;
  }
  deps.logger.info('slack button', { action: action.action_id, channel, inDirectMessage, ...describeTarget(target) });

  if (inDirectMessage) {
    const message = await reply(deps, question, {
      conversation: conversationKey.slackDirect(team, channel, threadTs),
      inDirectMessage,
      userId: body.user.id,
      ...(language ? { language } : {}),
    });
    await respondWith(respond, messagePayload(message, 'in_channel', threadTs ? { thread_ts: threadTs } : {}), deps.logger, 'button respond');
    return;
  }
  const message = await reply(deps, question, {
    conversation: conversationKey.slackCommand(team, channel, body.user.id),
    shareable: true,
    userId: body.user.id,
    ...(language ? { language } : {}),
  });
  await respondWith(respond, messagePayload(message, 'ephemeral'), deps.logger, 'button respond');
}
