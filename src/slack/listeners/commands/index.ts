import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { smaCommand } from './sma-command.js';

export const SMA_COMMAND = '/sma';

export function register(app: App, deps: ListenerDeps): void {
  app.command(SMA_COMMAND, (args) => smaCommand(args, deps));
}
