/**
 * Suggested-question buttons (`sma:ask:<factId>`, `sma:q:<question>`, `sma:h:<hash>`): a click
 * asks that question and replies with its answer, publicly under a public answer and privately
 * under a private one (the visibility the asker chose carries over to the follow-up).
 */
import { MessageFlags } from 'discord.js';
import type { ButtonInteraction } from 'discord.js';
import type { DiscordContext } from './context.js';
import { parseCustomId } from './customId.js';
import { renderAnswer, renderNotice } from './render.js';

export const EXPIRED =
  'That button belongs to an older answer and I could not tell which question it asked. Please ask again with `/sma ask`.';

const labelOf = (interaction: ButtonInteraction): string | undefined => {
  const label = (interaction.component as { label?: string | null } | null)?.label ?? undefined;
  return label?.trim() || undefined;
};

/**
 * The question a button asks: what this process rendered it with; else, for a fact, the core's
 * own question for that fact found from the label; else the label itself when it is complete.
 */
export function resolveButtonQuestion(customId: string, label: string | undefined, ctx: DiscordContext): string | undefined {
  const target = parseCustomId(customId);
  if (!target) return undefined;
  if (target.kind === 'question') return target.question;
  const remembered = ctx.buttonQuestion(customId);
  if (remembered) return remembered;
  const truncated = label?.endsWith('…') ?? false;
  if (target.kind === 'fact' && label) {
    const hit = ctx.responder.complete(truncated ? label.slice(0, -1) : label, 25).find((s) => s.factId === target.factId);
    if (hit) return hit.question;
  }
  return label && !truncated ? label : undefined;
}

export function isOurButton(customId: string): boolean {
  return parseCustomId(customId) !== undefined;
}

export async function handleButton(interaction: ButtonInteraction, ctx: DiscordContext): Promise<void> {
  const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
  const question = resolveButtonQuestion(interaction.customId, labelOf(interaction), ctx);
  if (!question) {
    ctx.logger.warn('discord button not resolved', { interactionId: interaction.id, customId: interaction.customId });
    await interaction.reply(renderNotice(EXPIRED, { ephemeral: true }));
    return;
  }
  const answer = ctx.ask(question, { channelId: interaction.channelId, userId: interaction.user.id });
  ctx.logger.debug('discord button answer', { interactionId: interaction.id, customId: interaction.customId, intent: answer.intent, factIds: answer.factIds });
  await interaction.reply(renderAnswer(answer, { ephemeral }));
}
