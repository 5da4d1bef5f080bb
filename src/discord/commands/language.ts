/**
 * `/sma language [language] [scope]`: the language the bot answers in, for the user (the default,
 * the same in every server and in DMs) or for everyone in the channel (needs Manage Channels: it
 * changes what everyone here reads). The user's own choice wins over the channel's, which wins
 * over the language each question is asked in and then the Discord client's language. Without
 * `language` it shows what is set. The reply is private for the user's own choice and public for
 * a channel's (the channel sees that it changed, and by whom). A store that cannot be used gets a
 * private reply saying the choice could not be saved.
 */
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import { parseLanguageSetting, winner } from '../../adapters/answerLanguage.js';
import { platformMessages } from '../../adapters/i18n/index.js';
import { pauseOf } from '../../announce/subscriptions.js';
import type { LanguageScope } from '../../announce/store.js';
import type { Language } from '../../core/answer.js';
import type { DiscordContext } from '../context.js';
import { discordAsker, discordLanguage } from '../language.js';
import { renderNotice } from '../render.js';
import { choice, named } from './localise.js';

export const languageSubcommand = (s: SlashCommandSubcommandBuilder) =>
  named(s, (c) => c.sub.language)
    .addStringOption((o) =>
      named(o, (c) => c.options.language).addChoices(
        choice((c) => c.choices.ko, 'ko'),
        choice((c) => c.choices.en, 'en'),
        choice((c) => c.choices.auto, 'auto'),
      ),
    )
    .addStringOption((o) =>
      named(o, (c) => c.options.scope).addChoices(
        choice((c) => c.choices.me, 'user'),
        choice((c) => c.choices.channel, 'channel'),
      ),
    );

export async function executeLanguage(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void> {
  const setting = parseLanguageSetting(interaction.options.getString('language') ?? undefined);
  const scope: LanguageScope = interaction.options.getString('scope') === 'channel' ? 'channel' : 'user';
  const current = await discordLanguage(ctx, interaction);
  // Replies come in the language just chosen, so the user sees at once what it means.
  const lang: Language = setting && setting !== 'auto' ? setting : current.text;
  const t = platformMessages(lang);
  const say = async (text: string) => {
    if (interaction.deferred) await interaction.editReply({ content: renderNotice(text).content, allowedMentions: renderNotice(text).allowedMentions });
    else await interaction.reply(renderNotice(text, { ephemeral: true }));
  };
  const choices = ctx.deps.languages;
  if (!choices) return say(t.language.notEnabled);
  if (scope === 'channel' && setting && interaction.inGuild() && !interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels)) {
    return say(t.language.channelNeedsManage);
  }
  const asker = discordAsker(interaction);
  // The store may do I/O: a channel's change is public, a user's private.
  await interaction.deferReply(scope === 'channel' && setting ? {} : { flags: MessageFlags.Ephemeral });
  try {
    if (!setting) {
      const chosen = await choices.read(asker);
      return await say(platformMessages(winner(chosen) ?? current.text).language.current(chosen.user, chosen.channel));
    }
    const outcome = await choices.set(asker, scope, setting);
    const language = setting === 'auto' ? undefined : setting;
    ctx.logger.info('discord language', { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id, scope, language: setting, outcome });
    if (outcome === 'unchanged') return await say(t.language.unchanged(scope, language));
    return await say(language ? t.language.saved(scope, language) : t.language.cleared(scope));
  } catch (error) {
    const pause = pauseOf(error, ctx.deps.subscriptions);
    if (!pause) throw error; // the one error path apologises
    ctx.logger.warn('discord /sma language: the store cannot be used', { store: pause.location, reason: pause.reason });
    return say(setting ? t.language.notSaved(pause) : t.language.unavailable(pause));
  }
}
