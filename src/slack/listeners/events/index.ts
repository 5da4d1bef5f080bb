import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { appMention } from './app-mention.js';
import { directMessage } from './direct-message.js';

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_mention', (args) => appMention(args, deps));
  app.event('message', (args) => directMessage(args, deps));
}
