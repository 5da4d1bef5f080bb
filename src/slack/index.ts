/**
 * The Slack adapter: a Bolt app that translates between Slack and the core's `Responder`.
 *
 * - HTTP mode (Bolt's default receiver, `POST /slack/events` on PORT) when SLACK_BOT_TOKEN and
 *   SLACK_SIGNING_SECRET are set; Socket Mode when SLACK_APP_TOKEN is also set (no public URL needed).
 * - Distribution (SLACK_CLIENT_ID): HTTP mode where every workspace installs the app through
 *   OAuth (`/slack/install`, `/slack/oauth_redirect`) and each request is answered with its
 *   workspace's token from the shared installation store (`oauth/`).
 * - SLACK_API_URL overrides the Web API base URL (GovSlack, a proxy, tests).
 *
 * Layout (as the bolt-js starter template): `listeners/{commands,events,actions}/index.ts` each
 * `register(app, deps)`; one callback per file; rendering in `render.ts`.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, HTTPReceiver, type webApi } from '@slack/bolt';
import { ConfigError, type Config } from '../config.js';
import { type ListenerDeps, type SlackDeps, createState } from './deps.js';
import { dropReplayedRequests, dropRetriedEvents, SIGNED_REQUEST } from './dedupe.js';
import { describeError } from './errors.js';
import { registerListeners } from './listeners/index.js';
import { dropMalformedRequests } from './malformed.js';
import { boltLogger } from './logger.js';
import { ConversationService } from '../conversation/service.js';
import type { SlackOAuth } from './oauth/index.js';
import { registerUninstall } from './oauth/uninstall.js';

export type { SlackDeps } from './deps.js';
export { renderAnswer } from './render.js';

export type SlackConfig = Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL' | 'PORT'> & Partial<Pick<Config, 'SLACK_CLIENT_ID'>>;
export type SlackMode = 'http' | 'socket';

export interface SlackOptions {
  /** Interface to listen on in HTTP mode (default: all). Tests use 127.0.0.1. */
  host?: string;
  /** Web API retry policy. Default: 2 quick retries (a late answer is worth little; never the SDK's 30-minute default). */
  retryConfig?: webApi.RetryOptions;
  /** Distribution (SLACK_CLIENT_ID): the install pages and the installation store (`openSlackOAuth`). */
  oauth?: SlackOAuth;
}

export interface SlackHandle {
  app: App;
  mode: SlackMode;
  /** The HTTP port actually listened on (HTTP mode). */
  port?: number;
  stop(): Promise<void>;
}

const DEFAULT_RETRY: webApi.RetryOptions = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 };

/** Which mode the credentials select; a ConfigError naming what is missing when they select none. */
export function slackMode(config: SlackConfig): SlackMode {
  if (config.SLACK_CLIENT_ID) {
    if (!config.SLACK_SIGNING_SECRET) throw new ConfigError(['SLACK_SIGNING_SECRET is required with SLACK_CLIENT_ID']);
    return 'http';
  }
  if (!config.SLACK_BOT_TOKEN) {
    throw new ConfigError(['SLACK_BOT_TOKEN is required for Slack (with SLACK_SIGNING_SECRET for HTTP mode, or SLACK_APP_TOKEN for Socket Mode)']);
  }
  if (config.SLACK_APP_TOKEN) return 'socket';
  if (!config.SLACK_SIGNING_SECRET) {
    throw new ConfigError(['SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)']);
  }
  return 'http';
}

/**
 * Builds the Bolt app with every listener, the retry guard and the error handler. The app is not yet
 * initialised (no auth.test) nor listening: `startSlack` does both.
 */
export function createSlackApp(config: SlackConfig, deps: SlackDeps, options: SlackOptions = {}): { app: App; mode: SlackMode } {
  const mode = slackMode(config);
  const logger = deps.logger.child({ component: 'slack' });
  const oauth = options.oauth;
  if (config.SLACK_CLIENT_ID && !oauth) throw new Error('Slack distribution (SLACK_CLIENT_ID) needs the installation store: pass options.oauth (openSlackOAuth)');
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: options.retryConfig ?? DEFAULT_RETRY,
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
  };
  const bolt = boltLogger(logger, 'bolt');
  const app = new App({
    // Distribution: no token of its own; Bolt authorizes each request from the installation store.
    ...(oauth ? {} : { token: config.SLACK_BOT_TOKEN }),
    ...(mode === 'socket'
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
      : {
          // Bolt's own HTTP receiver, built here only to hand the signature and timestamp to the replay check.
          receiver: new HTTPReceiver({
            signingSecret: config.SLACK_SIGNING_SECRET!,
            logger: bolt,
            ...oauth?.receiverOptions,
            customPropertiesExtractor: (req) => {
              const signature = req.headers['x-slack-signature'];
              const timestamp = req.headers['x-slack-request-timestamp'];
              return typeof signature === 'string' && typeof timestamp === 'string' ? { [SIGNED_REQUEST]: `${timestamp}:${signature}` } : {};
            },
          }),
        }),
    logger: bolt,
    clientOptions,
    // auth.test runs in `startSlack` (app.init), where a rejected token becomes a clear error
    // instead of an unhandled rejection from the constructor.
    deferInitialization: true,
    convoStore: false,
  });

  const conversations = deps.conversations ?? new ConversationService(deps.responder, { logger });
  const listenerDeps: ListenerDeps = {
    ...deps,
    logger,
    state: createState(Date.now, deps.conversationState ? { state: deps.conversationState, logger } : undefined),
    conversations,
  };
  dropMalformedRequests(app, logger);
  app.use(dropReplayedRequests(listenerDeps.state.seenRequests, logger));
  app.use(dropRetriedEvents(listenerDeps.state.seenEvents, logger));
  registerListeners(app, listenerDeps);
  if (oauth) registerUninstall(app, oauth.installations, logger);
  app.error(async (error) => {
    logger.error('slack listener failed', { error: describeError(error, { stack: true }) });
  });
  return { app, mode };
}

const REJECTED_TOKEN = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'not_allowed_token_type']);

function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Creates, initialises and starts the Slack app; a rejected token or a busy port is a clear error. */
export async function startSlack(config: SlackConfig, deps: SlackDeps, options: SlackOptions = {}): Promise<SlackHandle> {
  const { app, mode } = createSlackApp(config, deps, options);
  const logger = deps.logger.child({ component: 'slack' });

  try {
    await app.init();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code && REJECTED_TOKEN.has(code)) throw new ConfigError([`SLACK_BOT_TOKEN was rejected by Slack (${code})`]);
    throw new Error(`Slack: could not verify SLACK_BOT_TOKEN (auth.test): ${describeError(error).message as string}`);
  }

  let port: number | undefined;
  try {
    if (mode === 'http') {
      const server = (await app.start({ port: config.PORT, ...(options.host ? { host: options.host } : {}) })) as Server;
      port = (server.address() as AddressInfo | null)?.port;
    } else {
      await app.start();
    }
  } catch (error) {
    const code = slackErrorCode(error) ?? (error as { code?: unknown }).code;
    if (mode === 'socket' && typeof code === 'string' && REJECTED_TOKEN.has(code)) {
      throw new ConfigError([`SLACK_APP_TOKEN was rejected by Slack (${code}); it needs the connections:write scope`]);
    }
    if (code === 'EADDRINUSE') throw new ConfigError([`PORT ${config.PORT} is already in use`]);
    throw new Error(`Slack: could not start in ${mode === 'http' ? 'HTTP' : 'Socket'} mode: ${describeError(error).message as string}`);
  }

  logger.debug('slack listening', { mode, ...(port !== undefined ? { port, endpoint: '/slack/events' } : {}) });
  let stopped = false;
  return {
    app,
    mode,
    ...(port !== undefined ? { port } : {}),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await app.stop();
      logger.info('slack stopped', { mode });
    },
  };
}
