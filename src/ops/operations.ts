/**
 * Wires the bot's own HTTP endpoints for `npm start` (HTTP_PORT): health and readiness for the
 * load balancer, Discord's interactions endpoint when DISCORD_PUBLIC_KEY is set (answering in the
 * bot's conversations, which main.ts keeps in Postgres when DATABASE_URL is set, so any instance
 * can answer the next interaction of a conversation), and the drain a stopping instance goes through.
 */
import type { Config } from '../config.js';
import type { Responder } from '../core/answer.js';
import type { Logger } from '../log.js';
import type { AnnouncementStore } from '../announce/store.js';
import { createDiscordHttpHandler, INTERACTIONS_PATH } from '../discord/http/server.js';
import { discordPublicKey } from '../discord/http/verify.js';
import type { ConversationService } from '../conversation/service.js';
import { startOpsServer } from './health.js';

export interface Operations {
  /** /readyz answers 503 from now on; resolves after `ms`, while requests are still served. */
  drain(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startOperations(
  config: Pick<Config, 'HTTP_PORT' | 'DISCORD_PUBLIC_KEY' | 'DISCORD_API_URL'>,
  deps: { logger: Logger; responder: Responder; clock?: () => Date; store: AnnouncementStore; conversations?: ConversationService },
): Promise<Operations> {
  const routes: Parameters<typeof startOpsServer>[0]['routes'] = {};
  if (config.DISCORD_PUBLIC_KEY) {
    routes[INTERACTIONS_PATH] = createDiscordHttpHandler({
      publicKey: discordPublicKey(config.DISCORD_PUBLIC_KEY),
      responder: deps.responder,
      logger: deps.logger,
      // The bot's conversations (in Postgres with DATABASE_URL: any instance can answer the next turn).
      ...(deps.conversations ? { conversations: deps.conversations } : {}),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
    });
  }
  const server = await startOpsServer({
    port: config.HTTP_PORT ?? 0,
    logger: deps.logger,
    routes,
    // The knowledge is loaded before this starts (a bad record stops the bot); what can fail later is the store.
    ready: async () => {
      const check = await deps.store.check().catch((e: unknown) => e as Error);
      if (check instanceof Error) return `the store cannot be used: ${check.message}`;
      return check.ok ? undefined : `the store failed its check: ${check.problems.join('; ')}`;
    },
  });
  return {
    async drain(ms) {
      server.drain();
      deps.logger.info('draining: /readyz answers 503; stopping after the load balancer has noticed', { ms });
      await new Promise((r) => setTimeout(r, ms));
    },
    async close() {
      await server.close();
    },
  };
}
