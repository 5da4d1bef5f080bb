/**
 * "Share in channel" on a private answer → the same answer posted visibly where it was asked (in the
 * thread, when it was asked in one), naming who shared it; then the private copy is removed so the
 * button cannot be pressed twice. A double click still posts only once.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, RespondArguments, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { coreInput } from '../../../adapters/payload.js';
import { ask, SORRY, UNKNOWN_BUTTON } from '../../deps.js';
import { messagePayload, respondWith } from '../../deliver.js';
import { describeError } from '../../errors.js';
import { decodeShareValue } from '../../payload.js';
import { renderAnswer, renderNotice } from '../../render.js';

type Args = Pick<AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, 'ack' | 'action' | 'body' | 'respond'>;

export async function shareAction({ ack, action, body, respond }: Args, deps: ListenerDeps): Promise<void> {
  try {
    await ack();
  } catch (error) {
    deps.logger.warn('slack share ack failed', { error: describeError(error) });
    return;
  }
  const share = decodeShareValue(action.value);
  if (!share) {
    deps.logger.warn('slack share ignored: unreadable button value');
    await respondWith(respond, messagePayload(renderNotice(UNKNOWN_BUTTON), 'ephemeral'), deps.logger, 'share respond');
    return;
  }
  const messageTs = typeof body.container?.message_ts === 'string' ? body.container.message_ts : '';
  const clickKey = `${messageTs}:${body.user.id}:${share.id}`;
  if (!(await deps.state.shared.claim(clickKey, true))) {
    deps.logger.info('slack share ignored: already shared');
    return;
  }

  // The answer the user saw; after a restart (or 30 minutes) what was asked is asked again.
  const input = coreInput(deps.responder, share.target);
  const answer = (await deps.state.shareable.get(share.id)) ?? (input ? await ask(deps, input, undefined, share.target.language) : undefined);
  if (!answer) {
    await deps.state.shared.delete(clickKey);
    await respondWith(respond, messagePayload(renderNotice(SORRY), 'ephemeral'), deps.logger, 'share respond');
    return;
  }
  const threadTs = typeof body.container?.thread_ts === 'string' ? body.container.thread_ts : undefined;
  const message = renderAnswer(answer, { sharedBy: body.user.id, votes: Boolean(deps.feedback) });
  const posted = await respondWith(respond, messagePayload(message, 'in_channel', threadTs ? { thread_ts: threadTs } : {}), deps.logger, 'share respond');
  if (!posted) {
    await deps.state.shared.delete(clickKey); // let the user try again
    return;
  }
  deps.logger.info('slack answer shared', { channel: body.channel?.id, intent: answer.intent });
  await respondWith(respond, { delete_original: true } as RespondArguments, deps.logger, 'share cleanup');
}
