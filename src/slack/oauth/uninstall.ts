/**
 * A workspace that removes the app (`app_uninstalled`) or revokes its bot token (`tokens_revoked`
 * with bot tokens) leaves nothing behind: its installation, its subscriptions and its deliveries
 * not yet sent are deleted (one transaction, `PostgresInstallationStore.uninstall`), so the
 * deliverer does not keep trying a dead token. Bolt delivers both events without authorizing them
 * (there is no token left to authorize with). Revoked user tokens alone change nothing: none are kept.
 */
import type { App } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { describeError } from '../errors.js';
import type { PostgresInstallationStore } from './installationStore.js';

export function registerUninstall(app: App, installations: PostgresInstallationStore, logger: Logger): void {
  const forget = async (why: string, context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }) => {
    const query = { teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall ?? false };
    try {
      const removed = await installations.uninstall(query);
      logger.info(`slack ${why}: installation and the workspace's announcements removed`, { team: query.teamId, enterprise: query.enterpriseId, ...removed });
    } catch (error) {
      // Slack does not resend these: say so, so an operator can clean up by hand.
      logger.error(`slack ${why}: could not remove the installation; delete it from slack_installations by hand`, { team: query.teamId, error: describeError(error) });
    }
  };

  app.event('app_uninstalled', async ({ context }) => forget('app uninstalled', context));
  app.event('tokens_revoked', async ({ event, context }) => {
    if (event.tokens.bot?.length) await forget('bot token revoked', context);
    else logger.info('slack user tokens revoked: none are kept, nothing to do', { team: context.teamId });
  });
}
