/**
 * `/sma chart [kind] [agreement] [private]`: draws a chart from the running bot's record and
 * posts it as an image attachment whose description (Discord's alt text) states the numbers.
 * Rendering takes a few hundred milliseconds, so the reply is deferred first (Discord's 3 s rule).
 * The chart is in the answer language (`discordLanguage`: the `/sma language` choice, else the
 * client's language, as `/방위비 차트` shows to a Korean client; the options are no words to read).
 */
import { MessageFlags } from 'discord.js';
import type { ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import { drawChart, NoDataError, type ChartFile, type ChartRequest } from '../../chart/index.js';
import { ordinal } from '../../core/format.js';
import type { DiscordContext } from '../context.js';
import { platformMessages } from '../../adapters/i18n/index.js';
import { discordLanguage } from '../language.js';
import { NO_MENTIONS } from '../render.js';
import { choice, named } from './localise.js';

export const CHARTS_OFF = platformMessages('en').common.chartsOff;
/** Discord's limit for an attachment's description. */
export const DESCRIPTION_MAX = 1024;
/** Agreements offered for the rounds timeline (Discord allows up to 25 choices). */
const AGREEMENTS = 12;

export const chartSubcommand = (s: SlashCommandSubcommandBuilder) =>
  named(s, (c) => c.sub.chart)
    .addStringOption((o) =>
      named(o, (c) => c.options.kind).addChoices(
        choice((c) => c.choices.contributions, 'contributions'),
        choice((c) => c.choices.rounds, 'rounds'),
      ),
    )
    .addIntegerOption((o) =>
      named(o, (c) => c.options.chartAgreement).addChoices(
        ...Array.from({ length: AGREEMENTS }, (_, i) => AGREEMENTS - i).map((n) => ({ name: `${ordinal(n)} SMA`, name_localizations: { ko: `제${n}차 SMA` }, value: n })),
      ),
    )
    .addBooleanOption((o) => named(o, (c) => c.options.chartPrivate));

export function chartRequest(interaction: ChatInputCommandInteraction): ChartRequest {
  const agreement = interaction.options.getInteger('agreement');
  // Naming an agreement asks for its rounds, even without kind: rounds.
  const kind = interaction.options.getString('kind') ?? (agreement ? 'rounds' : 'contributions');
  return kind === 'rounds' ? { kind, ...(agreement ? { agreement } : {}) } : { kind: 'contributions' };
}

export async function executeChart(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void> {
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const lang = (await discordLanguage(ctx, interaction)).text;
  const kb = ctx.deps.knowledge?.();
  if (!kb) {
    await interaction.editReply({ content: platformMessages(lang).common.chartsOff, allowedMentions: NO_MENTIONS });
    return;
  }
  let chart: ChartFile;
  try {
    chart = await drawChart(kb, chartRequest(interaction), lang);
  } catch (error) {
    if (!(error instanceof NoDataError)) throw error; // the one error path apologises
    await interaction.editReply({ content: error.message, allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.editReply({
    content: `**${chart.title}**`,
    files: [{ attachment: chart.png, name: chart.filename, description: chart.altText.slice(0, DESCRIPTION_MAX) }],
    allowedMentions: NO_MENTIONS,
  });
  ctx.logger.info('discord chart posted', { interactionId: interaction.id, file: chart.filename, bytes: chart.png.length });
  if (chart.fontProblem) ctx.logger.warn('discord chart drawn slowly', { problem: chart.fontProblem });
}
