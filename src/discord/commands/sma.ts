/**
 * `/sma`: everyone's command. `ask` hands the core the user's words; every other subcommand asks
 * it by intent and slots (`SUBCOMMAND_REQUESTS`), nothing for the router to re-parse. The core's
 * `Answer` is rendered by `render.ts`; the only record data here is the list of agreements offered
 * by `rounds agreement:`, built from the loaded knowledge when the commands are registered.
 *
 *   /sma ask question:<text, autocomplete>   /sma next-round   /sma rounds [agreement]
 *   /sma summary   /sma help                 (each with `private: true` → only you see it)
 *
 * Replies go out directly (callback type 4): the core answers synchronously from memory (no I/O)
 * in milliseconds, so deferring would only add a "thinking…" flash and a second HTTP call. Since
 * `ask` is synchronous, a deferral would have to go out before asking; only `/sma-admin`, whose
 * store may do I/O, defers.
 */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandInteraction, SlashCommandBooleanOption } from 'discord.js';
import { MAX_QUESTION_LENGTH, type AskRequest } from '../../core/answer.js';
import { renderAnswer, renderChoices } from '../render.js';
import type { CommandKnowledge, SlashCommand } from './types.js';
import { chartSubcommand, executeChart } from './chart.js';
import { helpField, PRIVATE_OPTION } from './help.js';
import { data as smaAdminData } from './smaAdmin.js';
import { ordinal } from '../../core/format.js';

/** Discord allows at most 25 choices for an option. */
export const MAX_CHOICES = 25;

/**
 * What each fixed subcommand asks the core: an intent and its slots, not an English sentence for
 * the router to re-parse, so it answers the same in every language.
 */
export const SUBCOMMAND_REQUESTS = {
  'next-round': (): AskRequest => ({ intent: 'next-round' }),
  rounds: (agreement?: number | null): AskRequest => ({ intent: 'rounds', ...(agreement ? { agreement } : {}) }),
  summary: (): AskRequest => ({ intent: 'summary' }),
  help: (): AskRequest => ({ intent: 'help' }),
} as const;

const privateOption = (o: SlashCommandBooleanOption) => o.setName(PRIVATE_OPTION).setDescription('Only you see the answer (default: everyone in the channel sees it)');

/**
 * The agreements in the record, newest first (the talks people ask about most), at most 25:
 * "12th SMA (2026–2030)", "10th SMA (2019)". A record with more would offer its 25 newest.
 */
export function agreementChoices(kb: CommandKnowledge): { name: string; value: number }[] {
  const byNumber = new Map(kb.agreements.map((a) => [a.number, a]));
  return [...byNumber.values()]
    .sort((a, b) => b.number - a.number)
    .slice(0, MAX_CHOICES)
    .map((a) => {
      const years = a.period.from === a.period.to ? `${a.period.from}` : `${a.period.from}–${a.period.to}`;
      return { name: `${ordinal(a.number)} SMA (${years})`, value: a.number };
    });
}

const build = (kb: CommandKnowledge) =>
  new SlashCommandBuilder()
    .setName('sma')
    .setDescription('Ask about the South Korea–US defense cost-sharing talks (SMA)')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addSubcommand((s) =>
      s
        .setName('ask')
        .setDescription('Ask a question about the SMA talks')
        .addStringOption((o) =>
          o
            .setName('question')
            .setDescription('Your question, e.g. "How much does Korea pay this year?"')
            .setRequired(true)
            .setAutocomplete(true)
            .setMaxLength(MAX_QUESTION_LENGTH),
        )
        .addBooleanOption(privateOption),
    )
    .addSubcommand((s) => s.setName('next-round').setDescription('When and where the next round of talks is').addBooleanOption(privateOption))
    .addSubcommand((s) =>
      s
        .setName('rounds')
        .setDescription('The rounds of talks so far, or of one agreement')
        .addIntegerOption((o) =>
          o
            .setName('agreement')
            .setDescription('Which Special Measures Agreement (default: the current talks)')
            .addChoices(...agreementChoices(kb)),
        )
        .addBooleanOption(privateOption),
    )
    .addSubcommand((s) => s.setName('summary').setDescription('Where the cost-sharing talks stand now').addBooleanOption(privateOption))
    .addSubcommand((s) => s.setName('help').setDescription('What the bot knows and how to ask').addBooleanOption(privateOption))
    .addSubcommand(chartSubcommand);

export const data: SlashCommand['data'] = { name: 'sma', build };

/** Under `/sma help`: both commands, from their definitions (the agreements offered as choices do not show in it). */
const HELP_FIELD = helpField([data, smaAdminData].map((d) => d.build({ agreements: [] }).toJSON()));

/** What a chat-input interaction asks: the user's words for `ask`, a structured request otherwise. */
export function questionFor(interaction: ChatInputCommandInteraction): string | AskRequest {
  const sub = interaction.options.getSubcommand(true);
  switch (sub) {
    case 'ask':
      return interaction.options.getString('question', true);
    case 'next-round':
      return SUBCOMMAND_REQUESTS['next-round']();
    case 'rounds':
      return SUBCOMMAND_REQUESTS.rounds(interaction.options.getInteger('agreement'));
    case 'summary':
      return SUBCOMMAND_REQUESTS.summary();
    case 'help':
      return SUBCOMMAND_REQUESTS.help();
    default:
      throw new Error(`unknown /sma subcommand "${sub}" (are the registered commands out of date?)`);
  }
}

export const sma: SlashCommand = {
  data,

  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'chart') return executeChart(interaction, ctx);
    const question = questionFor(interaction);
    const started = performance.now();
    const answer = await ctx.ask(question, { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id });
    ctx.logger.debug('discord answer', {
      interactionId: interaction.id,
      subcommand: sub,
      question,
      intent: answer.intent,
      kind: answer.kind,
      factIds: answer.factIds,
      ms: Number((performance.now() - started).toFixed(3)),
    });
    await interaction.reply(
      renderAnswer(answer, {
        ephemeral: interaction.options.getBoolean('private') ?? false,
        ...(sub === 'help' ? { extraFields: [HELP_FIELD] } : {}),
      }),
    );
  },

  /** Autocomplete for `ask question:`: the core ranks knowledge questions in memory (no I/O). */
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name !== 'question') {
      await interaction.respond([]);
      return;
    }
    const choices = renderChoices(ctx.responder.complete(String(focused.value ?? ''), 25));
    await interaction.respond(choices);
  },
};
