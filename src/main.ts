/**
 * `npm start`: loads the configuration and the knowledge (refusing to start, with reasons, if
 * either is broken), then starts Slack and/or Discord when their credentials are set, or the
 * local console chat when none are. With a platform running, the bot also announces round
 * updates (src/announce/runtime.ts): it watches KNOWLEDGE_DIR and reloads on SIGHUP, swapping a
 * valid edit into the running responder at once.
 */
import type { Poster } from './announce/delivery.js';
import { openAnnouncements, startAnnouncements, type AnnouncementState } from './announce/runtime.js';
import type { Platform } from './announce/store.js';
import { ConfigError, discordEnabled, loadConfig, slackEnabled, type Config } from './config.js';
import { clockFrom, KnowledgeError, loadOrThrow } from './boot.js';
import { startConsoleChat } from './console/chat.js';
import { createLiveResponder, type LiveResponder } from './core/liveResponder.js';
import { createLogger, type Logger } from './log.js';
import type { Knowledge } from './knowledge/schema.js';

const CONNECT_HINT =
  'Local console chat. To connect Slack set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN); for Discord set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example).';

interface Stoppable {
  stop(): Promise<void>;
}

interface Platforms {
  running: Stoppable[];
  posters: Partial<Record<Platform, Poster>>;
}

async function startPlatforms(
  config: Config,
  logger: Logger,
  deps: { responder: LiveResponder; clock: () => Date; subscriptions: AnnouncementState['subscriptions']; knowledge: () => Knowledge },
): Promise<Platforms> {
  const platforms: Platforms = { running: [], posters: {} };
  if (slackEnabled(config)) {
    const { startSlack } = await import('./slack/index.js');
    const { createAnnouncementClient, createSlackPoster } = await import('./slack/announce.js');
    const slackLogger = logger.child({ platform: 'slack' });
    const slack = await startSlack(config, { ...deps, logger: slackLogger });
    logger.info('slack started', { mode: slack.mode, ...(slack.port ? { port: slack.port } : {}) });
    platforms.running.push(slack);
    platforms.posters.slack = createSlackPoster(createAnnouncementClient(config, slackLogger), { logger: slackLogger });
  }
  if (discordEnabled(config)) {
    const { startDiscord, createDiscordPoster } = await import('./discord/index.js');
    const discord = await startDiscord(config, { ...deps, logger });
    platforms.running.push(discord);
    platforms.posters.discord = createDiscordPoster(discord.client, { logger });
  }
  return platforms;
}

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let responder: LiveResponder;
  const clock = clockFrom(config.SMA_NOW);
  try {
    responder = createLiveResponder(loadOrThrow(config.KNOWLEDGE_DIR), { clock });
  } catch (err) {
    if (err instanceof KnowledgeError) {
      process.stderr.write(`sma-bot cannot start: ${err.message}\nFix the files above (npm run sma -- kb validate) and start again.\n`);
      return 1;
    }
    throw err;
  }

  if (!slackEnabled(config) && !discordEnabled(config)) {
    process.stdout.write(`${CONNECT_HINT}\n`);
    await startConsoleChat(responder);
    return 0;
  }

  // A platform hiccup must never take the bot down: log it and carry on.
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));
  const state = openAnnouncements(config);
  const { running, posters } = await startPlatforms(config, logger, { responder, clock, subscriptions: state.subscriptions, knowledge: () => responder.knowledge() });
  const announcements = await startAnnouncements({
    state,
    knowledgeDir: config.KNOWLEDGE_DIR,
    responder,
    posters,
    logger,
    reminderHours: config.ANNOUNCE_REMINDER_HOURS,
  });
  const shutdown = async (signal: string) => {
    logger.info('shutting down', { signal });
    // Posts in flight finish and are marked first, so a restart has nothing uncertain to check.
    await announcements.stop();
    await Promise.allSettled(running.map((r) => r.stop()));
    state.store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return new Promise<number>(() => {});
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`sma-bot failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
