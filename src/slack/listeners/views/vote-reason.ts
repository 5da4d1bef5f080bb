/**
 * The 👎 modal submitted (`sma_vote_reason`): records the 👎 with the reason typed (optional, one
 * line) and turns the modal into a line of thanks, which only the voter sees. When the store
 * cannot take the vote the modal stays open with the reason as typed and a note under it, so
 * pressing Send again is all it takes. Slack wants the answer within 3 s: the vote waits at most
 * 2 s for the store (`Feedback`).
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { platformMessages } from '../../../adapters/i18n/index.js';
import type { ListenerDeps } from '../../deps.js';
import { describeError } from '../../errors.js';
import { decodeReasonContext, doneModal, REASON_ACTION_ID, REASON_BLOCK_ID } from '../../votes.js';

type Args = Pick<AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>, 'ack' | 'body' | 'view'>;

export async function voteReason({ ack, body, view }: Args, deps: ListenerDeps): Promise<void> {
  const context = decodeReasonContext(view.private_metadata);
  const language = context?.language ?? 'en';
  const t = platformMessages(language).feedback;
  let response: Parameters<typeof ack>[0];
  if (!deps.feedback || !context) {
    if (!context) deps.logger.warn('slack vote reason not resolved: unreadable modal metadata');
    response = { response_action: 'update', view: doneModal(deps.feedback ? t.unreadable : t.notEnabled, language) };
  } else {
    const reason = view.state.values[REASON_BLOCK_ID]?.[REASON_ACTION_ID]?.value ?? undefined;
    const outcome = await deps.feedback.vote({ platform: 'slack', userId: body.user.id, answerKey: context.answerKey, answer: context.vote.answer, value: 'down', reason });
    response = outcome.ok
      ? { response_action: 'update', view: doneModal(t.thanks(outcome.value, outcome.result, outcome.withReason), language) }
      : { response_action: 'errors', errors: { [REASON_BLOCK_ID]: t.failed } };
  }
  try {
    await ack(response);
  } catch (error) {
    deps.logger.warn('slack vote reason ack failed', { error: describeError(error) });
  }
}
