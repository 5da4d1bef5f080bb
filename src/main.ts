/**
 * `npm start`: loads the configuration and the knowledge (refusing to start, with reasons, if
 * either is broken), then starts Slack and/or Discord when their credentials are set, or the
 * local console chat when none are. With a platform running, the bot also announces round
 * updates (src/announce/runtime.ts): it watches KNOWLEDGE_DIR and reloads on SIGHUP, swapping a
 * valid edit into the running responder at once.
 *
 * A store that cannot be opened, written or trusted never stops the bot: questions are answered
 * and announcements wait (see src/announce/resilientStore.ts). Stopping (SIGTERM, SIGINT, once or
 * several times: a process group gets one from the terminal or the service manager and another
 * from npm) lets the posts in flight finish and be marked, then closes the store; the handlers
 * are in place before anything else starts, so a signal at any moment ends the same way.
 */
import type { Poster } from './announce/delivery.js';
import { openAnnouncements, startAnnouncements, type AnnouncementState } from './announce/runtime.js';
import type { Platform } from './announce/store.js';
import { ConfigError, discordEnabled, loadConfig, slackEnabled, slackOAuthEnabled, type Config } from './config.js';
import { KnowledgeError, loadOrThrow } from './boot.js';
import { clockFrom } from './clock.js';
import { startConsoleChat } from './console/chat.js';
import { openConversations, type OpenConversations } from './conversation/open.js';
import type { ConversationService } from './conversation/service.js';
import { createLiveResponder, type LiveResponder } from './core/liveResponder.js';
import { Feedback } from './curation/feedback.js';
import { openConsoleFeedback } from './curation/openFeedback.js';
import { reportProvider, type ReportProvider } from './curation/chatReport.js';
import { QuestionLog, startRetention, type Retention } from './curation/questionLog.js';
import { createLogger, type Logger } from './log.js';
import { startOperations, type Operations } from './ops/operations.js';
import type { Knowledge } from './knowledge/schema.js';
import type { ConversationState } from './state/conversationState.js';

const CONNECT_HINT =
  'Local console chat. To connect Slack set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN); for Discord set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example).';

/** Two and a half minutes: longer than the longest post (two minutes, see Deliverer.staleMs). */
const SHUTDOWN_DEADLINE_MS = 150_000;

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
  deps: {
    responder: LiveResponder;
    clock: () => Date;
    subscriptions: AnnouncementState['subscriptions'];
    languages: AnnouncementState['languages'];
    knowledge: () => Knowledge;
    conversations: ConversationService;
    feedback: Feedback;
    report: ReportProvider;
  },
): Promise<Platforms> {
  const platforms: Platforms = { running: [], posters: {} };
  if (slackEnabled(config)) {
    const { startSlack } = await import('./slack/index.js');
    const { createAnnouncementClient, createSlackPoster } = await import('./slack/announce.js');
    const slackLogger = logger.child({ platform: 'slack' });
    // Several instances: follow-ups, shares and buttons remembered in Postgres, for whichever instance gets the next request.
    const shared = config.DATABASE_URL ? await sharedConversationState(config.DATABASE_URL, slackLogger) : undefined;
    if (shared) platforms.running.push(shared);
    // Distribution: installations (and each workspace's token) in Postgres.
    const oauth = slackOAuthEnabled(config) ? (await import('./slack/oauth/index.js')).openSlackOAuth(config, { logger: slackLogger }) : undefined;
    const slack = await startSlack(
      config,
      { ...deps, admins: config.SLACK_ADMIN_USERS, logger: slackLogger, ...(shared ? { conversationState: shared.state } : {}) },
      oauth ? { oauth } : {},
    );
    logger.info('slack started', { mode: slack.mode, ...(oauth ? { distribution: true } : {}), ...(slack.port ? { port: slack.port } : {}) });
    platforms.running.push(slack);
    if (oauth) platforms.running.push({ stop: () => oauth.close() });
    platforms.posters.slack = createSlackPoster(oauth ? (channel) => oauth.announcementClient(channel) : createAnnouncementClient(config, slackLogger), { logger: slackLogger });
  }
  if (discordEnabled(config)) {
    const { startDiscord, createDiscordPoster } = await import('./discord/index.js');
    const discord = await startDiscord(config, { ...deps, logger });
    platforms.running.push(discord);
    platforms.posters.discord = createDiscordPoster(discord.client, { logger });
  }
  return platforms;
}

/** The Postgres conversation state, with its expired rows deleted every minute (by every instance: harmless, and none is special). */
async function sharedConversationState(url: string, logger: Logger): Promise<Stoppable & { state: ConversationState }> {
  const { connectPostgres } = await import('./announce/postgresStore.js');
  const { PostgresConversationState } = await import('./state/conversationState.js');
  const sql = connectPostgres(url, { max: 2, applicationName: 'sma-bot slack-state' });
  const state = new PostgresConversationState(sql);
  const purge = setInterval(() => {
    void (async () => {
      for (let i = 0; i < 10 && (await state.purgeExpired(1000)) === 1000; i++);
    })().catch((error: unknown) => logger.debug('conversation state: purging expired entries failed; next minute again', { error }));
  }, 60_000);
  purge.unref();
  return {
    state,
    stop: async () => {
      clearInterval(purge);
      await sql.end({ timeout: 1 });
    },
  };
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
    // The chat's own lines are on stdout; only problems (a vote not recorded) are logged beside them.
    const votes = openConsoleFeedback(config, createLogger(config.LOG_LEVEL === 'debug' ? 'debug' : 'warn'));
    await startConsoleChat(responder, { feedback: votes.feedback });
    await votes.close();
    return 0;
  }

  // A platform hiccup must never take the bot down: log it and carry on.
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));
  const state = openAnnouncements(config, { logger });
  // Every turn's outcome, in the same store (words and hashed askers only with QUESTION_LOG=on).
  const questionLog = new QuestionLog({
    store: state.store,
    keepQuestions: config.QUESTION_LOG,
    ...(config.CURATION_SECRET ? { secret: config.CURATION_SECRET } : {}),
    logger: logger.child({ component: 'question-log' }),
  });
  let retention: Retention | undefined;
  // One memory of conversations for every platform (in Postgres with DATABASE_URL, shared by the instances).
  const conversations: OpenConversations = await openConversations(config.DATABASE_URL, responder, logger, questionLog);
  const running: Stoppable[] = [];
  let ops: Operations | undefined;
  let stopping = false;
  let started: Promise<Stoppable | undefined> = Promise.resolve(undefined);
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.info('already shutting down: waiting for the posts in flight', { signal });
      return;
    }
    stopping = true;
    logger.info('shutting down', { signal });
    // Longer than any post may take (see Deliverer.staleMs); a hung platform must not keep the process forever.
    setTimeout(() => {
      logger.error('shutdown took too long: exiting; deliveries still in flight are retried as uncertain at the next start', { afterMs: SHUTDOWN_DEADLINE_MS });
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    void (async () => {
      // The load balancer sees /readyz fail and stops sending requests; those in flight are still answered.
      await ops?.drain(config.DRAIN_SECONDS * 1000);
      // Posts in flight finish and are marked first, so a restart has nothing uncertain to check.
      const announcements = await started.catch(() => undefined);
      await announcements?.stop().catch((error: unknown) => logger.error('stopping announcements failed', { error }));
      await Promise.allSettled(running.map((r) => r.stop()));
      await ops?.close();
      retention?.stop();
      await questionLog.flush();
      await conversations.close().catch((error: unknown) => logger.error('closing the conversation state failed', { error }));
      await state.store.close().catch((error: unknown) => logger.error('closing the store failed', { error }));
      logger.info('stopped', { signal });
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  started = (async () => {
    await state.store.open(); // a bad store is logged now (path and reason) and retried; answers go ahead either way
    retention = startRetention(state.store, config.QUESTION_LOG_RETENTION_DAYS, { logger: logger.child({ component: 'question-log' }) });
    if (config.HTTP_PORT !== undefined) ops = await startOperations(config, { logger, responder, clock, store: state.store, conversations: conversations.service });
    const platforms = await startPlatforms(config, logger, {
      responder,
      clock,
      subscriptions: state.subscriptions,
      languages: state.languages,
      knowledge: () => responder.knowledge(),
      conversations: conversations.service,
      // Readers' 👍/👎, in the same store as the announcements (a store that fails loses the vote, never the answer).
      feedback: new Feedback({ store: state.store, secret: config.CURATION_SECRET, logger }),
      report: reportProvider(
        { questions: state.store, deliveries: state.store, feedback: state.store },
        { retentionDays: config.QUESTION_LOG_RETENTION_DAYS, questionLog: config.QUESTION_LOG, knowledge: () => responder.knowledge() },
      ),
    });
    running.push(...platforms.running);
    if (stopping) return undefined;
    return startAnnouncements({
      state,
      knowledgeDir: config.KNOWLEDGE_DIR,
      responder,
      posters: platforms.posters,
      logger,
      reminderHours: config.ANNOUNCE_REMINDER_HOURS,
      // Several instances share Postgres: one of them (the leader) announces and delivers.
      ...(config.DATABASE_URL ? { leader: { url: config.DATABASE_URL } } : {}),
    });
  })();
  await started;
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
