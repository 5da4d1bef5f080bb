/**
 * discord.js sends its requests with its own copy of undici, through undici's global dispatcher
 * when it is given no agent. That global is shared by every copy of undici in the process
 * (`Symbol.for('undici.globalDispatcher.1')`) and set by whichever loads first: with Slack's adapter
 * loaded first (as `npm start` does with both platforms), it is @slack/socket-mode's undici 7,
 * which cannot read the FormData discord.js builds for a file, so every chart upload failed with
 * "action is not a function". Discord's REST therefore gets an agent of discord.js's own undici.
 */
import { createRequire } from 'node:module';
import type { RESTOptions } from 'discord.js';

const fromDiscordRest = createRequire(createRequire(createRequire(import.meta.url).resolve('discord.js')).resolve('@discordjs/rest'));

export function discordRestAgent(): RESTOptions['agent'] {
  const { Agent } = fromDiscordRest('undici') as { Agent: new () => NonNullable<RESTOptions['agent']> };
  return new Agent();
}
