/**
 * The Discord adapter's entry point: a discord.js gateway client with the `Guilds` intent only
 * (slash commands need no message content), wired to the central interaction handler.
 *
 *   const { client, stop } = await startDiscord(config, { responder, logger });
 *
 * Files: `commands/` (what users type), `interactions.ts` (dispatch + the one error path),
 * `render.ts` (Answer → embed + buttons), `buttons.ts`, `register.ts` (`sma discord register`).
 */
import { Client, Events, GatewayIntentBits, OAuth2Scopes } from 'discord.js';
import type { ClientOptions } from 'discord.js';
import type { Config } from '../config.js';
import { rejectLongAnnouncementWaits } from './announce.js';
import { ANNOUNCE_PERMISSIONS } from './commands/smaAdmin.js';
import { DiscordContext } from './context.js';
import type { DiscordDeps } from './context.js';
import { wireInteractions } from './interactions.js';
import { guardInteractionPayloads } from './malformed.js';
import { NO_MENTIONS } from './render.js';
import { discordRestAgent } from './restAgent.js';

export { DiscordContext } from './context.js';
export type { DiscordDeps, DiscordSubscriptions } from './context.js';
export { createInteractionHandler, wireInteractions } from './interactions.js';
export { registerCommands, unregisterCommands, formatRegistration } from './register.js';
export type { RegisterOptions, RegistrationResult } from './register.js';
export { renderAnswer } from './render.js';
export { buildCommands } from './commands/index.js';
export { createDiscordPoster } from './announce.js';

export type DiscordConfig = Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_API_URL'>;

export interface DiscordHandle {
  client: Client;
  /** Disconnects from the gateway and stops the REST queue; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The URL that adds the bot to a server with both scopes it needs and what announcements need in
 * a channel (View Channel, Send Messages, Embed Links; interaction replies need none), from
 * discord.js once the client knows its application.
 */
export function inviteUrl(client: Client<true>): string {
  return client.generateInvite({ scopes: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands], permissions: ANNOUNCE_PERMISSIONS.map(([, bit]) => bit) });
}

/**
 * A wired client, not logged in: intents `Guilds` only (which also brings every channel into the
 * cache, which announcements use for channels whose type was not recorded), REST at DISCORD_API_URL
 * when set, long rate-limit waits on announcement routes handed back to the outbox, no mention
 * parsing by default, and an `error` listener always (without one, an emitted error would be
 * thrown by Node's EventEmitter and kill the process).
 */
export function createDiscordClient(
  config: Pick<DiscordConfig, 'DISCORD_API_URL'>,
  deps: DiscordDeps,
  options: { rest?: ClientOptions['rest'] } = {},
): { client: Client; ctx: DiscordContext } {
  const logger = deps.logger.child({ platform: 'discord' });
  const ctx = new DiscordContext({ ...deps, logger });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: {
      agent: discordRestAgent(),
      rejectOnRateLimit: rejectLongAnnouncementWaits,
      ...options.rest,
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL.replace(/\/+$/, '') } : {}),
    },
  });
  client.on(Events.Error, (error) => logger.error('discord client error', { error }));
  client.on(Events.Warn, (message) => logger.warn('discord client warning', { message }));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn('discord gateway disconnected', { shardId, code: event.code }));
  client.on(Events.ShardReconnecting, (shardId) => logger.info('discord gateway reconnecting', { shardId }));
  client.on(Events.ShardError, (error, shardId) => logger.error('discord gateway error', { shardId, error }));
  // The REST queue waits these out itself (during a fan-out, for nearly every post): debug, not warn.
  client.rest.on('rateLimited', (info) => logger.debug('discord rate limited', { route: info.route, retryAfter: info.retryAfter, global: info.global }));
  guardInteractionPayloads(client, logger);
  wireInteractions(client, ctx);
  return { client, ctx };
}

/** Logs in and resolves once the gateway says READY. */
export async function startDiscord(config: DiscordConfig, deps: DiscordDeps, options: { rest?: ClientOptions['rest'] } = {}): Promise<DiscordHandle> {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set: see .env.example and docs/discord.md');
  const { client, ctx } = createDiscordClient(config, deps, options);
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(token);
    const c = await ready;
    ctx.logger.info('discord connected', {
      user: c.user.tag,
      guilds: c.guilds.cache.size,
      invite: inviteUrl(c),
    });
  } catch (error) {
    await client.destroy();
    throw error;
  }
  let stopped = false;
  return {
    client,
    async stop() {
      if (stopped) return;
      stopped = true;
      await client.destroy();
      ctx.logger.info('discord stopped');
    },
  };
}
