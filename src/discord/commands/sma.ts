/**
 * `/sma`: everyone's command. `ask` hands the core the user's words; every other subcommand asks
 * it by intent and slots (`SUBCOMMAND_REQUESTS`), nothing for the router to re-parse. The core's
 * `Answer` is rendered by `render.ts`; the only record data here is the list of agreements offered
 * by `rounds agreement:`, built from the loaded knowledge when the commands are registered.
 *
 *   /sma ask question:<text, autocomplete>   /sma next-round   /sma rounds [agreement]
 *   /sma summary   /sma help                 (each with `private: true` → only you see it)
 *   /sma language [language] [scope]         the answer language, for you or the channel
 *
 * Every name and description has its Korean localization (`localise.ts`): a Korean Discord
 * client shows `/방위비 질문`, `/방위비 다음-회의`… and answers come in the language `language.ts` picks.
 *
 * Replies go out directly (callback type 4): the core answers synchronously from memory (no I/O)
 * in milliseconds, so deferring would only add a "thinking…" flash and a second HTTP call. Since
 * `ask` is synchronous, a deferral would have to go out before asking; only `/sma-admin`, whose
 * store may do I/O, defers.
 */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandInteraction, SlashCommandBooleanOption } from 'discord.js';
import { MAX_QUESTION_LENGTH, type AskRequest, type Language } from '../../core/answer.js';
import { discordLanguage, localiseSuggestions } from '../language.js';
import { renderAnswer, renderChoices } from '../render.js';
import type { CommandKnowledge, SlashCommand } from './types.js';
import { chartSubcommand, executeChart } from './chart.js';
import { helpField } from './help.js';
import { data as smaAdminData } from './smaAdmin.js';
import { executeLanguage, languageSubcommand } from './language.js';
import { choice, named } from './localise.js';

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

const privateOption = (o: SlashCommandBooleanOption) => named(o, (c) => c.options.private);

/**
 * The agreements in the record, newest first (the talks people ask about most), at most 25:
 * "12th SMA (2026–2030)", "10th SMA (2019)". A record with more would offer its 25 newest.
 */
export function agreementChoices(kb: CommandKnowledge): { name: string; value: number }[] {
  const byNumber = new Map(kb.agreements.map((a) => [a.number, a]));
  return [...byNumber.values()]
    .sort((a, b) => b.number - a.number)
    .slice(0, MAX_CHOICES)
    .map((a) => choice((c) => c.agreementChoice(a.number, a.period.from, a.period.to), a.number));
}

const build = (kb: CommandKnowledge) =>
  named(new SlashCommandBuilder(), (c) => c.sma)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addSubcommand((s) =>
      named(s, (c) => c.sub.ask)
        .addStringOption((o) =>
          named(o, (c) => c.options.question)
            .setRequired(true)
            .setAutocomplete(true)
            .setMaxLength(MAX_QUESTION_LENGTH),
        )
        .addBooleanOption(privateOption),
    )
    .addSubcommand((s) => named(s, (c) => c.sub['next-round']).addBooleanOption(privateOption))
    .addSubcommand((s) =>
      named(s, (c) => c.sub.rounds)
        .addIntegerOption((o) => named(o, (c) => c.options.agreement).addChoices(...agreementChoices(kb)))
        .addBooleanOption(privateOption),
    )
    .addSubcommand((s) => named(s, (c) => c.sub.summary).addBooleanOption(privateOption))
    .addSubcommand((s) => named(s, (c) => c.sub.help).addBooleanOption(privateOption))
    .addSubcommand(chartSubcommand)
    .addSubcommand(languageSubcommand);

export const data: SlashCommand['data'] = { name: 'sma', build };

/** Under `/sma help`: both commands, from their definitions (the agreements offered as choices do not show in it), in each language. */
const DEFINITIONS = [data, smaAdminData].map((d) => d.build({ agreements: [] }).toJSON());
const HELP_FIELDS: Record<Language, ReturnType<typeof helpField>> = { en: helpField(DEFINITIONS, 'en'), ko: helpField(DEFINITIONS, 'ko') };

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
    if (sub === 'language') return executeLanguage(interaction, ctx);
    const question = questionFor(interaction);
    const language = await discordLanguage(ctx, interaction, typeof question === 'string' ? { question } : {});
    const started = performance.now();
    const answer = await ctx.ask(question, { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id }, language.answer);
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
        votes: Boolean(ctx.deps.feedback),
        ...(sub === 'help' ? { extraFields: [HELP_FIELDS[answer.language ?? language.text]] } : {}),
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
    const partial = String(focused.value ?? '');
    const lang = (await discordLanguage(ctx, interaction, { question: partial })).text;
    const choices = renderChoices(localiseSuggestions(ctx.deps.knowledge?.(), ctx.responder.complete(partial, 25), lang));
    await interaction.respond(choices);
  },
};
