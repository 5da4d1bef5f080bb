/**
 * Interactions discord.js cannot turn into objects: a command without `data`, a button without
 * its `message`, no `member` nor `user`. discord.js dereferences those fields while building the
 * interaction, inside its gateway handler, so the error would surface as an unhandled rejection
 * with no reply. This check runs first, on the raw payload: such an interaction gets an ephemeral
 * apology through the interaction callback (it only needs `id` and `token`), or, without those, is
 * dropped; either way with one log line saying what was missing. discord.js failing on a payload
 * that passed is caught and answered the same way.
 */
import { InteractionResponseType, InteractionType, MessageFlags, Routes, type Client } from 'discord.js';
import { fieldChecks, isText, obj } from '../adapters/fields.js';
import type { Logger } from '../log.js';
import { NO_MENTIONS } from './render.js';

export const UNREADABLE =
  'Sorry, I could not read that request from Discord. Please try again; if it keeps happening, an admin can refresh the commands with `npm run sma -- discord register`.';

/** What a raw INTERACTION_CREATE payload lacks for discord.js and for us; empty when complete. */
export function missingInteractionFields(raw: unknown): string[] {
  const d = obj(raw) ?? {};
  const { missing, need } = fieldChecks();
  need(isText(d.id), 'id');
  need(isText(d.token), 'token');
  need(isText(d.application_id), 'application_id');
  need(isText(obj(obj(d.member)?.user)?.id) || isText(obj(d.user)?.id), 'member.user or user');
  const data = obj(d.data);
  if (d.type === InteractionType.ApplicationCommand || d.type === InteractionType.ApplicationCommandAutocomplete) {
    need(!!data && isText(data.name) && typeof data.type === 'number', 'data (name, type)');
  } else if (d.type === InteractionType.MessageComponent) {
    need(!!data && isText(data.custom_id) && typeof data.component_type === 'number', 'data (custom_id, component_type)');
    need(!!obj(d.message), 'message');
  } else if (d.type === InteractionType.ModalSubmit) {
    need(!!data && isText(data.custom_id), 'data (custom_id)');
  }
  return missing;
}

/** Puts the check in front of discord.js's INTERACTION_CREATE handling on this client. */
export function guardInteractionPayloads(client: Client, logger: Logger): void {
  const action = (client as unknown as { actions: { InteractionCreate: { handle(data: unknown): unknown } } }).actions.InteractionCreate;
  const handle = action.handle.bind(action);
  action.handle = (data: unknown) => {
    const missing = missingInteractionFields(data);
    if (!missing.length) {
      try {
        return handle(data);
      } catch (error) {
        logger.error('discord interaction could not be read', { ...ids(data), error });
        void apologise(client, data, logger);
        return undefined;
      }
    }
    const canReply = !missing.includes('id') && !missing.includes('token');
    logger.warn(canReply ? 'discord interaction malformed: answered with an apology' : 'discord interaction malformed: dropped', { ...ids(data), missing });
    if (canReply) void apologise(client, data, logger);
    return undefined;
  };
}

function ids(data: unknown): Record<string, unknown> {
  const d = obj(data) ?? {};
  return { interactionId: d.id, type: d.type, guildId: d.guild_id, channelId: d.channel_id };
}

async function apologise(client: Client, data: unknown, logger: Logger): Promise<void> {
  const d = obj(data) ?? {};
  if (!isText(d.id) || !isText(d.token)) return;
  // Autocomplete cannot show text: an empty list of choices closes it.
  const body =
    d.type === InteractionType.ApplicationCommandAutocomplete
      ? { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }
      : { type: InteractionResponseType.ChannelMessageWithSource, data: { content: UNREADABLE, flags: MessageFlags.Ephemeral, allowed_mentions: NO_MENTIONS } };
  try {
    await client.rest.post(Routes.interactionCallback(d.id, d.token), { body, auth: false });
  } catch (error) {
    logger.error('discord apology failed', { interactionId: d.id, error });
  }
}
