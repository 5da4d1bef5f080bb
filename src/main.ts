/**
 * `npm start`: loads the configuration and the knowledge (refusing to start, with reasons, if
 * either is broken), then starts Slack and/or Discord when their credentials are set, or the
 * local console chat when none are.
 */
import { ConfigError, discordEnabled, loadConfig, slackEnabled, type Config } from './config.js';
import { clockFrom, KnowledgeError, loadOrThrow } from './boot.js';
import { startConsoleChat } from './console/chat.js';
import { createResponder } from './core/responder.js';
import { createLogger, type Logger } from './log.js';

const CONNECT_HINT =
  'Local console chat. To connect Slack set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN); for Discord set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example).';

interface Stoppable {
  stop(): Promise<void>;
}

async function startPlatforms(config: Config, logger: Logger, deps: { responder: ReturnType<typeof createResponder>; clock: () => Date }): Promise<Stoppable[]> {
  const running: Stoppable[] = [];
  if (slackEnabled(config)) {
    const { startSlack } = await import('./slack/index.js');
    const slack = await startSlack(config, { ...deps, logger: logger.child({ platform: 'slack' }) });
    logger.info('slack started', { mode: slack.mode, ...(slack.port ? { port: slack.port } : {}) });
    running.push(slack);
  }
  if (discordEnabled(config)) {
    const { startDiscord } = await import('./discord/index.js');
    running.push(await startDiscord(config, { ...deps, logger }));
  }
  return running;
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
  let responder: ReturnType<typeof createResponder>;
  const clock = clockFrom(config.SMA_NOW);
  try {
    responder = createResponder(loadOrThrow(config.KNOWLEDGE_DIR), { clock });
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
  const running = await startPlatforms(config, logger, { responder, clock });
  const shutdown = async (signal: string) => {
    logger.info('shutting down', { signal });
    await Promise.allSettled(running.map((r) => r.stop()));
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
