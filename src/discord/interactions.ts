/**
 * The one place every Discord interaction enters: chat-input commands, autocomplete, buttons and
 * the 👎 modal's submission are dispatched from here, and every failure takes the one error path
 * below (an ephemeral apology to the user and one log line), so no interaction can end in an
 * unhandled rejection or take the client down.
 */
import { Events, MessageFlags } from 'discord.js';
import type { Client, Interaction } from 'discord.js';
import { localeLanguage } from '../adapters/answerLanguage.js';
import { platformMessages } from '../adapters/i18n/index.js';
import { handleButton, isOurButton } from './buttons.js';
import { commands } from './commands/index.js';
import type { SlashCommand } from './commands/index.js';
import type { DiscordContext } from './context.js';
import { NO_MENTIONS, renderNotice } from './render.js';
import { handleVoteButton, handleVoteModal, isVoteCustomId } from './votes.js';

export const APOLOGY = platformMessages('en').common.apology;
export const OUTDATED = platformMessages('en').discord.outdated;

/** The adapter's texts on the error paths follow the client's language (the store is not read there). */
const textsFor = (interaction: Interaction) => platformMessages(localeLanguage(interaction.locale) ?? 'en');

/** Ids and names only: enough to find the interaction in Discord's logs, nothing the user typed. */
export function describeInteraction(interaction: Interaction): Record<string, unknown> {
  const base: Record<string, unknown> = {
    interactionId: interaction.id,
    type: interaction.type,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
  };
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    base.command = interaction.commandName;
    base.subcommand = interaction.options.getSubcommand(false);
  } else if (interaction.isMessageComponent()) {
    base.customId = interaction.customId;
  }
  return base;
}

/**
 * The error path: log, then apologise ephemerally: `followUp` once a reply or defer went out,
 * else `reply`. Autocomplete cannot show text, so it gets an empty list. Never throws.
 */
export async function reportFailure(interaction: Interaction, error: unknown, ctx: DiscordContext): Promise<void> {
  ctx.logger.error('discord interaction failed', { ...safeDescribe(interaction), error });
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const apology = { content: textsFor(interaction).common.apology, flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
    if (interaction.deferred || interaction.replied) await interaction.followUp(apology);
    else await interaction.reply(apology);
  } catch (replyError) {
    ctx.logger.error('discord apology failed', { interactionId: interaction.id, error: replyError });
  }
}

function safeDescribe(interaction: Interaction): Record<string, unknown> {
  try {
    return describeInteraction(interaction);
  } catch {
    return { interactionId: interaction.id };
  }
}

export type InteractionHandler = (interaction: Interaction) => Promise<void>;

/** Dispatches one interaction; resolves after the reply (or the apology) went out; never rejects. */
export function createInteractionHandler(ctx: DiscordContext, slashCommands: readonly SlashCommand[] = commands): InteractionHandler {
  const byName = new Map(slashCommands.map((c) => [c.data.name, c]));

  return async (interaction) => {
    const started = performance.now();
    try {
      if (interaction.isChatInputCommand()) {
        const command = byName.get(interaction.commandName);
        if (!command) {
          ctx.logger.warn('discord unknown command', describeInteraction(interaction));
          await interaction.reply(renderNotice(textsFor(interaction).discord.outdated, { ephemeral: true }));
          return;
        }
        await command.execute(interaction, ctx);
      } else if (interaction.isAutocomplete()) {
        const command = byName.get(interaction.commandName);
        await (command?.autocomplete ? command.autocomplete(interaction, ctx) : interaction.respond([]));
      } else if (interaction.isButton() && isVoteCustomId(interaction.customId)) {
        await handleVoteButton(interaction, ctx);
      } else if (interaction.isModalSubmit() && isVoteCustomId(interaction.customId)) {
        await handleVoteModal(interaction, ctx);
      } else if (interaction.isButton() && isOurButton(interaction.customId)) {
        await handleButton(interaction, ctx);
      } else if (interaction.isRepliable()) {
        ctx.logger.warn('discord interaction not handled', describeInteraction(interaction));
        const t = textsFor(interaction).discord;
        await interaction.reply(renderNotice(interaction.isMessageComponent() ? t.expired : t.outdated, { ephemeral: true }));
        return;
      } else {
        return;
      }
      ctx.logger.debug('discord interaction handled', { ...describeInteraction(interaction), ms: Number((performance.now() - started).toFixed(1)) });
    } catch (error) {
      await reportFailure(interaction, error, ctx);
    }
  };
}

/** Production wiring: the client's `interactionCreate` goes through the handler, errors are logged. */
export function wireInteractions(client: Client, ctx: DiscordContext, handler: InteractionHandler = createInteractionHandler(ctx)): void {
  client.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch((error: unknown) => ctx.logger.error('discord handler crashed', { interactionId: interaction.id, error }));
  });
}
