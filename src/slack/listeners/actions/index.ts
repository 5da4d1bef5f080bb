import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { ASK_ACTION_ID, SHARE_ACTION_ID, VOTE_DOWN_ACTION_ID, VOTE_UP_ACTION_ID } from '../../render.js';
import { askAction } from './ask-action.js';
import { shareAction } from './share-action.js';
import { voteAction } from './vote-action.js';

export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ASK_ACTION_ID }, (args) => askAction(args, deps));
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: SHARE_ACTION_ID }, (args) => shareAction(args, deps));
  for (const action_id of [VOTE_UP_ACTION_ID, VOTE_DOWN_ACTION_ID]) app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id }, (args) => voteAction(args, deps));
}
