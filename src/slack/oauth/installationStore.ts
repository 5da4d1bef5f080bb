/**
 * Slack installations in Postgres, shared by every instance: Bolt's `InstallationStore` (the
 * OAuth redirect stores one, `authorize` fetches one per incoming request) plus what the bot
 * itself needs: the bot token of a workspace for its announcements, and the clean-up when a
 * workspace uninstalls the app.
 *
 * At rest each installation is one JSON document sealed with AES-256-GCM (`tokenCipher.ts`),
 * bound to its row's key; only the ids needed to find a row are in clear. User tokens are never
 * kept: the bot acts only as itself, so a user token would be a secret held for nothing.
 *
 * Token rotation (the app's "token rotation" setting: bot tokens that expire after 12 hours, each
 * refresh token usable once). Two instances refreshing the same installation at once make one
 * of them fail with `invalid_refresh_token`, so refreshing is serialized here: the refresh runs
 * inside a transaction holding the installation's row lock (`SELECT … FOR UPDATE`), and an
 * instance that waited for the lock reads the row again and finds the token already fresh.
 * The refresh starts `REFRESH_BEFORE_MS` before expiry, more than Bolt's own two-hour window,
 * and what Bolt is handed carries no refresh token, so Bolt's unserialized refresh never runs.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Sql } from '../../announce/postgresStore.js';
import type { Logger } from '../../log.js';
import type { TokenCipher } from './tokenCipher.js';

/** What a refresh returns (oauth.v2.access with grant_type=refresh_token). */
export interface RefreshedToken {
  token: string;
  refreshToken: string;
  /** Seconds. */
  expiresIn: number;
}

export type RefreshToken = (refreshToken: string) => Promise<RefreshedToken>;

/** Two hours and a quarter: Bolt refreshes within two hours of expiry, and must never need to. */
export const REFRESH_BEFORE_MS = 135 * 60_000;

export interface InstallationStoreOptions {
  logger: Logger;
  refresh: RefreshToken;
  /** Resolves once the schema is in place (the migrations); called before every query, so a database down at start is retried. */
  ready?: () => Promise<void>;
  now?: () => number;
}

export interface UninstallResult {
  installations: number;
  subscriptions: number;
  deliveries: number;
}

interface Query {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean;
}

/** An org-wide install (Enterprise Grid) is one installation for the whole organisation; otherwise one per workspace. */
export function installationKey(q: Query): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`;
  if (!q.teamId) throw new Error('a Slack installation query needs a team id (or an enterprise id for an org-wide install)');
  return `T:${q.teamId}`;
}

export class NoInstallationError extends Error {
  constructor(readonly key: string) {
    super(`no Slack installation for ${key.startsWith('E:') ? 'organisation' : 'workspace'} ${key.slice(2)} (not installed, or uninstalled)`);
    this.name = 'NoInstallationError';
  }
}

export class PostgresInstallationStore implements InstallationStore {
  private readonly logger: Logger;
  private readonly now: () => number;

  constructor(
    private readonly sql: Sql,
    private readonly cipher: TokenCipher,
    private readonly o: InstallationStoreOptions,
  ) {
    this.logger = o.logger.child({ component: 'slack-oauth' });
    this.now = o.now ?? Date.now;
  }

  async storeInstallation(installation: Installation): Promise<void> {
    const key = installationKey({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall ?? false });
    await this.o.ready?.();
    const kept: Installation = { ...installation, user: { id: installation.user.id, token: undefined, scopes: installation.user.scopes } };
    const now = this.now();
    await this.sql`
      INSERT INTO slack_installations (installation_key, team_id, enterprise_id, is_enterprise_install, sealed, token_expires_at, installed_at, updated_at)
      VALUES (${key}, ${installation.team?.id ?? ''}, ${installation.enterprise?.id ?? ''}, ${installation.isEnterpriseInstall ?? false},
              ${this.cipher.seal(JSON.stringify(kept), key)}, ${expiresAtMs(kept)}, ${now}, ${now})
      ON CONFLICT (installation_key) DO UPDATE SET sealed = excluded.sealed, token_expires_at = excluded.token_expires_at,
        team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, updated_at = excluded.updated_at`;
    this.logger.info('slack installation stored', { installation: key, scopes: kept.bot?.scopes?.join(','), rotating: expiresAtMs(kept) !== null });
  }

  /** For Bolt's authorize: the installation with a token valid for hours, and no refresh token (see the header). */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const installation = await this.current(installationKey(query));
    if (!installation.bot) return installation;
    const { refreshToken: _r, expiresAt: _e, ...bot } = installation.bot;
    return { ...installation, bot };
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.o.ready?.();
    await this.sql`DELETE FROM slack_installations WHERE installation_key = ${installationKey(query)}`;
  }

  /** The bot token that posts in this workspace, refreshed first when it is about to expire. */
  async botToken(teamId: string): Promise<string> {
    const installation = await this.current(installationKey({ teamId, isEnterpriseInstall: false }));
    if (!installation.bot?.token) throw new Error(`the Slack installation of workspace ${teamId} has no bot token`);
    return installation.bot.token;
  }

  /**
   * The app was uninstalled (or its bot token revoked): the installation, the workspace's
   * subscriptions and its deliveries not yet sent go, in one transaction. Sent deliveries stay
   * (they are the record of what was announced).
   */
  async uninstall(query: Query): Promise<UninstallResult> {
    const key = installationKey(query);
    const teamId = query.teamId ?? '';
    await this.o.ready?.();
    return this.sql.begin(async (tx) => {
      const installations = (await tx`DELETE FROM slack_installations WHERE installation_key = ${key}`).count;
      if (!teamId) return { installations, subscriptions: 0, deliveries: 0 };
      const subscriptions = (await tx`DELETE FROM subscriptions WHERE platform = 'slack' AND workspace_id = ${teamId}`).count;
      const deliveries = (await tx`DELETE FROM outbox WHERE platform = 'slack' AND workspace_id = ${teamId} AND status IN ('pending', 'sending', 'failed')`).count;
      return { installations, subscriptions, deliveries };
    }) as Promise<UninstallResult>;
  }

  /** The stored installation, its bot token refreshed (once, whichever instance asks first) when it expires soon. */
  private async current(key: string): Promise<Installation> {
    await this.o.ready?.();
    const [row] = await this.sql<{ sealed: string }[]>`SELECT sealed FROM slack_installations WHERE installation_key = ${key}`;
    if (!row) throw new NoInstallationError(key);
    const installation = this.unseal(row.sealed, key);
    if (!this.expiresSoon(installation)) return installation;
    const refreshed = await this.refreshSerialized(key).catch((error: unknown) => {
      // Another instance may still succeed; the token in hand is good until it expires.
      this.logger.warn('slack token refresh failed; using the current token while it lasts', { installation: key, error });
      return undefined;
    });
    if (refreshed) return refreshed;
    if ((expiresAtMs(installation) ?? Infinity) <= this.now()) throw new Error(`the bot token of Slack installation ${key} has expired and could not be refreshed`);
    return installation;
  }

  /** Refreshes under the row lock; whoever waited for the lock finds the new token and refreshes nothing. */
  private async refreshSerialized(key: string): Promise<Installation | undefined> {
    return this.sql.begin(async (tx) => {
      const [row] = await tx<{ sealed: string }[]>`SELECT sealed FROM slack_installations WHERE installation_key = ${key} FOR UPDATE`;
      if (!row) return undefined;
      const installation = this.unseal(row.sealed, key);
      const bot = installation.bot;
      if (!bot?.refreshToken || !this.expiresSoon(installation)) return installation;
      const fresh = await this.o.refresh(bot.refreshToken);
      // Slack has already spent the old refresh token: from here the new one must be stored.
      const updated: Installation = {
        ...installation,
        bot: { ...bot, token: fresh.token, refreshToken: fresh.refreshToken, expiresAt: Math.floor(this.now() / 1000) + fresh.expiresIn },
      };
      await tx`UPDATE slack_installations SET sealed = ${this.cipher.seal(JSON.stringify(updated), key)}, token_expires_at = ${expiresAtMs(updated)}, updated_at = ${this.now()}
               WHERE installation_key = ${key}`;
      this.logger.info('slack bot token rotated', { installation: key, expiresInS: fresh.expiresIn });
      return updated;
    }) as Promise<Installation | undefined>;
  }

  private expiresSoon(installation: Installation): boolean {
    const at = expiresAtMs(installation);
    return at !== null && !!installation.bot?.refreshToken && at - this.now() <= REFRESH_BEFORE_MS;
  }

  private unseal(sealed: string, key: string): Installation {
    return JSON.parse(this.cipher.open(sealed, key)) as Installation;
  }
}

/** Epoch ms the bot token expires (token rotation), or null for a token that does not. */
function expiresAtMs(installation: Installation): number | null {
  const s = installation.bot?.expiresAt;
  return typeof s === 'number' ? s * 1000 : null;
}
