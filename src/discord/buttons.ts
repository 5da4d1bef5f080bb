/**
 * Suggested-question buttons (`sma:r:…`, `sma:f:…`, `sma:q:…`, see `customId.ts`): a click asks
 * what the button's id names and replies with the answer, publicly under a public answer and
 * privately under a private one (the visibility the asker chose carries over to the follow-up).
 * An id that is malformed, or names a fact the record no longer has, gets a private note.
 */
import { MessageFlags } from 'discord.js';
import type { ButtonInteraction } from 'discord.js';
import { platformMessages } from '../adapters/i18n/index.js';
import { coreInput, describeTarget } from '../adapters/payload.js';
import type { DiscordContext } from './context.js';
import { isOurCustomId, parseCustomId } from './customId.js';
import { discordLanguage } from './language.js';
import { renderAnswer, renderNotice } from './render.js';

export const EXPIRED = platformMessages('en').discord.expired;

export function isOurButton(customId: string): boolean {
  return isOurCustomId(customId);
}

export async function handleButton(interaction: ButtonInteraction, ctx: DiscordContext): Promise<void> {
  const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
  const target = parseCustomId(interaction.customId);
  const input = target && coreInput(ctx.responder, target);
  // A fact's question is the record's English one: the button's own language says what to answer in.
  const language = await discordLanguage(ctx, interaction, {
    ...(target?.language ? { button: target.language } : {}),
    ...(target?.kind === 'question' ? { question: target.question } : {}),
  });
  if (!input) {
    ctx.logger.warn('discord button not resolved', {
      interactionId: interaction.id,
      customId: interaction.customId,
      reason: target ? 'fact not in the record' : 'malformed custom id',
    });
    await interaction.reply(renderNotice(platformMessages(language.text).discord.expired, { ephemeral: true }));
    return;
  }
  const answer = await ctx.ask(input, { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id }, language.answer);
  ctx.logger.debug('discord button answer', { interactionId: interaction.id, ...describeTarget(target), intent: answer.intent, factIds: answer.factIds });
  await interaction.reply(renderAnswer(answer, { ephemeral, votes: Boolean(ctx.deps.feedback) }));
}
