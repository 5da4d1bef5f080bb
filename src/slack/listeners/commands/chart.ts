/**
 * `/sma chart [contributions | rounds N]` (in Korean `/sma 차트 [분담금 | 회의 N]`): draws the
 * chart from the running bot's record and uploads it to the channel with files.uploadV2 (a file
 * cannot be ephemeral, so everyone in the channel sees it; its alt text states the numbers).
 * Problems are told privately. Its labels, title, alt text and notes are in the answer language:
 * the user's or channel's `/sma language` choice, else the language of the words typed.
 */
import { textLanguage } from '../../../adapters/answerLanguage.js';
import { platformMessages } from '../../../adapters/i18n/index.js';
import { ALT_TEXT_MAX, drawChart, NoDataError, parseChartRequest, type ChartFile } from '../../../chart/index.js';
import { describeError } from '../../errors.js';
import { renderNotice } from '../../render.js';
import type { SubcommandContext, SubcommandReply } from './types.js';

const EN = platformMessages('en');
export const CHART_HELP = EN.slack.chart.help;
export const CHARTS_OFF = EN.common.chartsOff;
export const INVITE_FOR_CHART = EN.slack.chart.invite;
/** Slack errors that mean the bot cannot share a file here. */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'file_uploads_disabled', 'file_uploads_except_images_disabled']);

export async function postChart(ctx: SubcommandContext): Promise<SubcommandReply> {
  const lang = textLanguage({ ...(ctx.chosen ? { chosen: ctx.chosen } : {}), question: ctx.text });
  const t = platformMessages(lang);
  const kb = ctx.deps.knowledge?.();
  if (!kb || !ctx.client) return renderNotice(t.common.chartsOff);
  const request = parseChartRequest(ctx.args, lang);
  if ('error' in request) return renderNotice(`${request.error} ${t.slack.chart.help}`);
  let chart: ChartFile;
  try {
    chart = await drawChart(kb, request, lang);
  } catch (error) {
    if (error instanceof NoDataError) return renderNotice(error.message);
    ctx.deps.logger.error('slack chart render failed', { error: describeError(error, { stack: true }) });
    return renderNotice(t.common.sorry);
  }
  try {
    await ctx.client.files.uploadV2({
      channel_id: ctx.channelId,
      file: chart.png,
      filename: chart.filename,
      title: chart.title,
      alt_text: chart.altText.slice(0, ALT_TEXT_MAX),
    });
    ctx.deps.logger.info('slack chart posted', { channel: ctx.channelId, file: chart.filename, bytes: chart.png.length });
    if (chart.fontProblem) ctx.deps.logger.warn('slack chart drawn slowly', { problem: chart.fontProblem });
    return null;
  } catch (error) {
    const described = describeError(error);
    ctx.deps.logger.warn('slack chart upload failed', { channel: ctx.channelId, error: described });
    return renderNotice(CANNOT_POST.has(String(described.slackError)) ? t.slack.chart.invite : t.common.sorry);
  }
}
