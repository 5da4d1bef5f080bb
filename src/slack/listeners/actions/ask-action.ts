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
import { conversationKey } from '../../../conversation/keys.js';
import { reply, UNKNOWN_BUTTON } from '../../deps.js';
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
  if (!question) {
    deps.logger.warn('slack button not resolved', { action: action.action_id, channel, reason: target ? 'fact not in the record' : 'malformed value' });
    await respondWith(respond, messagePayload(renderNotice(UNKNOWN_BUTTON), 'ephemeral'), deps.logger, 'button respond');
    return;
  }
  deps.logger.info('slack button', { action: action.action_id, channel, inDirectMessage, ...describeTarget(target) });

  if (inDirectMessage) {
    const message = await reply(deps, question, { conversation: conversationKey.slackDirect(team, channel, threadTs), inDirectMessage });
    await respondWith(respond, messagePayload(message, 'in_channel', threadTs ? { thread_ts: threadTs } : {}), deps.logger, 'button respond');
    return;
  }
  const message = await reply(deps, question, { conversation: conversationKey.slackCommand(team, channel, body.user.id), shareable: true });
  await respondWith(respond, messagePayload(message, 'ephemeral'), deps.logger, 'button respond');
}
