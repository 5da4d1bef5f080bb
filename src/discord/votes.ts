/**
 * 👍/👎 in Discord. Both buttons sit in a row of their own under an answer from the record; their
 * custom ids are `sma:` and the vote payload (`sma:v:u:f:<factId>`, see `encodeVote`), so a click
 * says what the answer was with nothing held in memory, and the answer itself is the message
 * clicked (its id). 👍 is recorded at once; 👎 answers with a modal (callback type 9) whose custom
 * id is the button's own, with one optional short line for the reason; its submission (which
 * Discord sends with the message the button was on) records the 👎. Every acknowledgement is
 * ephemeral. Failures go through the interaction handler's one error path.
 */
import { ComponentType, TextInputStyle } from 'discord.js';
import type { APIModalInteractionResponseCallbackData, ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import { platformMessages } from '../adapters/i18n/index.js';
import { decodeVote, type VotePayload } from '../adapters/payload.js';
import type { Language } from '../core/answer.js';
import { answerKeys, MAX_REASON_LENGTH } from '../curation/feedback.js';
import type { DiscordContext } from './context.js';
import { discordLanguage } from './language.js';
import { clean, escapeText, LIMITS, renderNotice, VOTE_PREFIX } from './render.js';

export const REASON_INPUT_ID = 'reason';
/** Discord's limits for a modal's title and an input's label (45) and placeholder (100). */
const MODAL_TITLE = 45;

export const isVoteCustomId = (customId: string) => customId.startsWith(`${VOTE_PREFIX}v:`);

export function parseVoteCustomId(customId: string): VotePayload | undefined {
  return customId.length <= LIMITS.customId && isVoteCustomId(customId) ? decodeVote(customId.slice(VOTE_PREFIX.length)) : undefined;
}

/** A click on 👍 or 👎. */
export async function handleVoteButton(interaction: ButtonInteraction, ctx: DiscordContext): Promise<void> {
  const { vote, language, t, tell, feedback } = await voteContext(interaction, ctx);
  if (!feedback) return void (await tell(t.notEnabled));
  if (!vote) {
    ctx.logger.warn('discord vote not resolved', { interactionId: interaction.id, customId: interaction.customId });
    return void (await tell(t.unreadable));
  }
  if (vote.value === 'down') {
    await interaction.showModal(reasonModal(interaction.customId, language.text));
    return;
  }
  const outcome = await feedback.vote({
    platform: 'discord',
    userId: interaction.user.id,
    answerKey: answerKeys.discord(interaction.message.id),
    answer: vote.answer,
    value: 'up',
  });
  await tell(outcome.ok ? t.thanks(outcome.value, outcome.result, outcome.withReason) : t.failed);
}

/** The 👎 modal submitted: the 👎 with its reason. A failure shows the reason back (without pings) so nothing typed is lost. */
export async function handleVoteModal(interaction: ModalSubmitInteraction, ctx: DiscordContext): Promise<void> {
  const { vote, t, tell, feedback } = await voteContext(interaction, ctx);
  if (!feedback) return void (await tell(t.notEnabled));
  const messageId = interaction.message?.id;
  if (vote?.value !== 'down' || !messageId) {
    ctx.logger.warn('discord vote reason not resolved', { interactionId: interaction.id, customId: interaction.customId, reason: vote ? 'no message' : 'malformed custom id' });
    return void (await tell(t.unreadable));
  }
  const field = interaction.fields.fields.get(REASON_INPUT_ID);
  const reason = field && 'value' in field && typeof field.value === 'string' ? field.value : undefined;
  const outcome = await feedback.vote({ platform: 'discord', userId: interaction.user.id, answerKey: answerKeys.discord(messageId), answer: vote.answer, value: 'down', reason });
  if (outcome.ok) return void (await tell(t.thanks(outcome.value, outcome.result, outcome.withReason)));
  await tell(reason?.trim() ? `${t.failed}\n${t.yourReason} ${escapeText(reason.replace(/\s+/g, ' '))}` : t.failed);
}

/** What both handlers start from: the vote the custom id carries, the reader's language, an ephemeral reply. */
async function voteContext(interaction: ButtonInteraction | ModalSubmitInteraction, ctx: DiscordContext) {
  const vote = parseVoteCustomId(interaction.customId);
  const language = await discordLanguage(ctx, interaction, vote ? { button: vote.answer.language ?? 'en' } : {});
  const t = platformMessages(language.text).feedback;
  const tell = (text: string) => interaction.reply(renderNotice(text, { ephemeral: true }));
  return { vote, language, t, tell, feedback: ctx.deps.feedback };
}

function reasonModal(customId: string, language: Language): APIModalInteractionResponseCallbackData {
  const t = platformMessages(language).feedback;
  return {
    custom_id: customId,
    title: clean(t.modalTitle, MODAL_TITLE),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: REASON_INPUT_ID,
            style: TextInputStyle.Short,
            label: clean(t.reasonLabel, MODAL_TITLE),
            placeholder: clean(t.reasonPlaceholder, 100),
            required: false,
            max_length: MAX_REASON_LENGTH,
          },
        ],
      },
    ],
  };
}
