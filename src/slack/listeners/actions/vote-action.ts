/**
 * 👍/👎 under an answer (`sma_vote_up`, `sma_vote_down`; value = what the answer was, see
 * `encodeVote`). The answer is the message the buttons are in (team, channel, message ts), so a
 * click works the same after a restart. 👍 is recorded at once and acknowledged privately; 👎
 * opens the modal for an optional reason (its submission records it, `views/vote-reason.ts`),
 * and when Slack will not open it the 👎 is recorded without a reason rather than lost.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerLanguage } from '../../../adapters/answerLanguage.js';
import { platformMessages } from '../../../adapters/i18n/index.js';
import { decodeVote } from '../../../adapters/payload.js';
import { answerKeys } from '../../../curation/feedback.js';
import type { ListenerDeps } from '../../deps.js';
import { messagePayload, respondWith } from '../../deliver.js';
import { describeError } from '../../errors.js';
import { chosenLanguage } from '../../language.js';
import { renderNotice } from '../../render.js';
import { reasonModal } from '../../votes.js';

type Args = Pick<AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, 'ack' | 'action' | 'body' | 'respond' | 'client'>;

export async function voteAction({ ack, action, body, respond, client }: Args, deps: ListenerDeps): Promise<void> {
  try {
    await ack();
  } catch (error) {
    deps.logger.warn('slack vote ack failed', { error: describeError(error) });
    return;
  }
  const team = body.team?.id ?? '';
  const channel = body.channel?.id ?? (typeof body.container?.channel_id === 'string' ? body.container.channel_id : '');
  const messageTs = typeof body.container?.message_ts === 'string' ? body.container.message_ts : undefined;
  const payload = action.value ?? '';
  const vote = decodeVote(payload);
  const chosen = await chosenLanguage(deps, { teamId: team, channelId: channel, userId: body.user.id });
  const language = answerLanguage({ ...(chosen ? { chosen } : {}), ...(vote ? { button: vote.answer.language ?? 'en' } : {}) }) ?? 'en';
  const t = platformMessages(language).feedback;
  const tell = (text: string) => respondWith(respond, messagePayload(renderNotice(text), 'ephemeral'), deps.logger, 'vote respond');

  if (!deps.feedback) {
    await tell(t.notEnabled);
    return;
  }
  if (!vote || !messageTs || !channel) {
    deps.logger.warn('slack vote not resolved', { action: action.action_id, channel, reason: vote ? 'no message or channel to vote on' : 'malformed value' });
    await tell(t.unreadable);
    return;
  }
  const answerKey = answerKeys.slack(team, channel, messageTs);
  if (vote.value === 'down') {
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: reasonModal({ answerKey, payload, language }) });
      return;
    } catch (error) {
      deps.logger.warn('slack vote: the reason modal could not be opened; recording the 👎 without a reason', { error: describeError(error) });
    }
  }
  const outcome = await deps.feedback.vote({ platform: 'slack', userId: body.user.id, answerKey, answer: vote.answer, value: vote.value });
  await tell(outcome.ok ? t.thanks(outcome.value, outcome.result, outcome.withReason) : t.failed);
}
