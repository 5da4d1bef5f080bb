/**
 * Slack distribution: many workspaces install the app through OAuth, with Bolt's built-in
 * install pages on the HTTP receiver:
 *
 * - `GET /slack/install` shows the "Add to Slack" page; the link carries a `state` signed with
 *   SLACK_STATE_SECRET (Bolt's ClearStateStore), also set as a cookie in the browser;
 * - `GET /slack/oauth_redirect?code&state` checks the state against the cookie and its
 *   signature, exchanges the code (oauth.v2.access) and stores the installation.
 *
 * The state needs no server-side storage, only the same secret everywhere, so the redirect may
 * land on any instance behind the load balancer. Installations live in Postgres, sealed
 * (`installationStore.ts`); every request is authorized with its workspace's token, and so is
 * every announcement (`announcementClient`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { webApi, type HTTPReceiverOptions } from '@slack/bolt';
import type { ChannelRef } from '../../announce/store.js';
import { PostError } from '../../announce/delivery.js';
import { migratePostgres } from '../../announce/postgresMigrations.js';
import { connectPostgres, redactDatabaseUrl } from '../../announce/postgresStore.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { createAnnouncementClient } from '../announce.js';
import { boltLogger } from '../logger.js';
import { NoInstallationError, PostgresInstallationStore, type RefreshToken } from './installationStore.js';
import { TokenCipher } from './tokenCipher.js';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** The bot scopes requested at install: the same as slack/manifest.yaml's (a test keeps them equal). */
export const BOT_SCOPES = ['app_mentions:read', 'chat:write', 'commands', 'files:write', 'im:history'];

export type SlackOAuthConfig = Pick<Config, 'SLACK_CLIENT_ID' | 'SLACK_CLIENT_SECRET' | 'SLACK_STATE_SECRET' | 'SLACK_TOKEN_KEY' | 'SLACK_API_URL' | 'DATABASE_URL'>;

export interface SlackOAuth {
  installations: PostgresInstallationStore;
  /** Handed to Bolt's HTTPReceiver: its install pages and its authorize use them. */
  receiverOptions: Pick<HTTPReceiverOptions, 'clientId' | 'clientSecret' | 'stateSecret' | 'installationStore' | 'scopes' | 'installerOptions'>;
  /** The announcement poster's client for the channel's workspace (its own token). */
  announcementClient(channel: ChannelRef): Promise<webApi.WebClient>;
  close(): Promise<void>;
}

export interface SlackOAuthOptions {
  logger: Logger;
  /** A Postgres schema other than `public` (tests). */
  schema?: string;
  now?: () => number;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`);
}

/** A browser problem (an old or foreign link, a blocked cookie) rather than ours. */
const VISITOR_ERRORS = new Set(['slack_oauth_missing_state', 'slack_oauth_invalid_state', 'slack_oauth_missing_code']);

export function openSlackOAuth(config: SlackOAuthConfig, o: SlackOAuthOptions): SlackOAuth {
  const { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret, SLACK_STATE_SECRET: stateSecret, SLACK_TOKEN_KEY: tokenKey, DATABASE_URL: url } = config;
  if (!clientId || !clientSecret || !stateSecret || !tokenKey || !url) {
    throw new Error('Slack distribution needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_TOKEN_KEY and DATABASE_URL');
  }
  const logger = o.logger.child({ component: 'slack-oauth' });
  const sql = connectPostgres(url, { max: 3, applicationName: 'sma-bot slack-oauth', ...(o.schema ? { schema: o.schema } : {}) });
  const location = redactDatabaseUrl(url);
  // The migrations run under an advisory lock and are a no-op once done; retried while the database is down.
  let migrated: Promise<void> | undefined;
  const ready = () =>
    (migrated ??= (async () => {
      if (o.schema) await sql`CREATE SCHEMA IF NOT EXISTS ${sql(o.schema)}`;
      await migratePostgres(sql, location);
    })().catch((error: unknown) => {
      migrated = undefined;
      throw error;
    }));

  const clientOptions: webApi.WebClientOptions = {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    // Below the statement timeout other instances wait for the refresh's row lock with.
    timeout: 8000,
    retryConfig: { retries: 0 },
  };
  const oauthClient = new webApi.WebClient(undefined, { ...clientOptions, logger: boltLogger(logger, 'slack-oauth') });
  const refresh: RefreshToken = async (refreshToken) => {
    const r = await oauthClient.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken });
    if (!r.access_token || !r.refresh_token || typeof r.expires_in !== 'number') throw new Error('oauth.v2.access answered a refresh without a token, refresh token and expiry');
    return { token: r.access_token, refreshToken: r.refresh_token, expiresIn: r.expires_in };
  };
  const installations = new PostgresInstallationStore(sql, new TokenCipher(tokenKey), { logger, refresh, ready, ...(o.now ? { now: o.now } : {}) });

  /** One client per token (a rotated token gets a new one); a few hundred workspaces at most in practice. */
  const clients = new Map<string, webApi.WebClient>();
  return {
    installations,
    receiverOptions: {
      clientId,
      clientSecret,
      stateSecret,
      installationStore: installations,
      scopes: BOT_SCOPES,
      installerOptions: {
        installPath: INSTALL_PATH,
        redirectUriPath: REDIRECT_PATH,
        clientOptions,
        // Our own page: no image fetched from a third party, and it says what is being installed.
        renderHtmlForInstallPath: (addUrl) =>
          `<!doctype html><html><head><meta charset="utf-8"><title>Add SMA bot to Slack</title></head><body><h1>SMA bot</h1><p>Answers questions about the South Korea–US defense cost-sharing talks, with sources, and posts round updates to the channels that subscribe.</p><p><a id="add-to-slack" href="${escapeHtml(addUrl)}">Add to Slack</a></p></body></html>`,
        callbackOptions: {
          success: (installation, _options, _req: IncomingMessage, res: ServerResponse) => {
            logger.info('slack app installed', { team: installation.team?.id, enterprise: installation.enterprise?.id });
            const where = installation.team?.name ?? installation.enterprise?.name ?? 'your workspace';
            page(
              res,
              200,
              'SMA bot is installed',
              `SMA bot is now in ${where}. Ask with /sma, mention @sma in a channel, or send it a direct message; /sma subscribe in a channel gets round updates there.`,
            );
          },
          failure: (error, _options, _req: IncomingMessage, res: ServerResponse) => {
            const visitor = VISITOR_ERRORS.has(error.code);
            logger.warn('slack installation did not complete', { code: error.code, error: error.message });
            page(
              res,
              visitor ? 400 : 500,
              'SMA bot was not installed',
              visitor
                ? 'This installation link has expired or was opened in another browser. Start again from the install page.'
                : 'Slack or the bot had a problem finishing the installation. Please try again in a moment.',
            );
          },
        },
      },
    },
    async announcementClient(channel) {
      let token: string;
      try {
        token = await installations.botToken(channel.workspaceId);
      } catch (error) {
        if (error instanceof NoInstallationError) throw new PostError(error.message, { permanent: true });
        throw new PostError(`cannot read the Slack installation of workspace ${channel.workspaceId}: ${(error as Error).message}`);
      }
      let client = clients.get(token);
      if (!client) {
        if (clients.size >= 1000) clients.clear();
        client = createAnnouncementClient({ SLACK_BOT_TOKEN: token, SLACK_API_URL: config.SLACK_API_URL }, logger);
        clients.set(token, client);
      }
      return client;
    },
    async close() {
      await sql.end({ timeout: 2 });
    },
  };
}
