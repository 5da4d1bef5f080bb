/**
 * `/sma report`: the curators' report, privately, for the Slack users the operator named in
 * SLACK_ADMIN_USERS; anyone else gets a polite refusal (and nothing of the report). Within one
 * Block Kit section's 3,000 characters (`renderNotice` escapes the users' words in it).
 */
import { platformMessages } from '../../../adapters/i18n/index.js';
import { chatReport } from '../../../curation/chatReport.js';
import { renderNotice } from '../../render.js';
import type { SubcommandContext, SubcommandReply } from './types.js';

/** Slack's limit for the text of one section block. */
export const SLACK_SECTION_LIMIT = 3000;

export async function reportCommand(ctx: SubcommandContext): Promise<SubcommandReply> {
  const t = platformMessages(ctx.lang);
  if (!ctx.deps.admins?.includes(ctx.userId)) {
    ctx.deps.logger.info('slack /sma report refused: not in SLACK_ADMIN_USERS', { user: ctx.userId });
    return renderNotice(t.slack.report.refused);
  }
  ctx.deps.logger.info('slack /sma report', { user: ctx.userId });
  return renderNotice(await chatReport(ctx.deps.report, SLACK_SECTION_LIMIT, t));
}
