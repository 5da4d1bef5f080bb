import type { App, ViewSubmitAction } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { REASON_CALLBACK_ID } from '../../votes.js';
import { voteReason } from './vote-reason.js';

export function register(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>({ type: 'view_submission', callback_id: REASON_CALLBACK_ID }, (args) => voteReason(args, deps));
}
