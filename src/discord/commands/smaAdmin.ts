/**
 * `/sma-admin subscribe | unsubscribe`: round-update announcements for the current channel.
 *
 * Why a second command: Discord applies `default_member_permissions` to a whole command, never to
 * one subcommand. Putting these two on `/sma` would either hide `/sma` from everyone without
 * Manage Channels or leave them ungated. So `/sma-admin` carries
 * `default_member_permissions = ManageChannels`, guild-only: members without that permission do not
 * see it, and server admins can change who may use it in Server Settings → Integrations (this code
 * respects that choice and does not re-check the permission).
 *
 * Until the announcement store exists (`deps.subscriptions`), both say so. With a store they defer
 * first, because the store may do I/O.
 */
import { InteractionContextType, PermissionFlagsBits, PermissionsBitField, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandInteraction } from 'discord.js';
import { renderNotice } from '../render.js';
import type { SlashCommand } from './types.js';

/** What the bot needs in a channel to post announcements there (interaction replies need none). */
export const ANNOUNCE_PERMISSIONS = [
  ['ViewChannel', PermissionFlagsBits.ViewChannel],
  ['SendMessages', PermissionFlagsBits.SendMessages],
  ['EmbedLinks', PermissionFlagsBits.EmbedLinks],
] as const;

const PERMISSION_NAMES: Record<string, string> = { ViewChannel: 'View Channel', SendMessages: 'Send Messages', EmbedLinks: 'Embed Links' };

export const NOT_AVAILABLE =
  'Round-update announcements are not available yet. Once they are, this command will post SMA round updates in this channel.';

export const data = new SlashCommandBuilder()
  .setName('sma-admin')
  .setDescription('Manage SMA round-update announcements in this channel')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) => s.setName('subscribe').setDescription('Post SMA round updates in this channel'))
  .addSubcommand((s) => s.setName('unsubscribe').setDescription('Stop posting SMA round updates in this channel'));

function missingPermissions(interaction: ChatInputCommandInteraction): string[] {
  const granted = interaction.appPermissions ?? new PermissionsBitField();
  return ANNOUNCE_PERMISSIONS.filter(([, bit]) => !granted.has(bit)).map(([name]) => PERMISSION_NAMES[name] ?? name);
}

export const smaAdmin: SlashCommand = {
  data,

  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(true);
    if (sub !== 'subscribe' && sub !== 'unsubscribe') {
      throw new Error(`unknown /sma-admin subcommand "${sub}" (are the registered commands out of date?)`);
    }
    if (!interaction.inGuild()) {
      await interaction.reply(renderNotice('Announcements go to server channels: use this command in a channel of your server.', { ephemeral: true }));
      return;
    }
    const store = ctx.deps.subscriptions;
    if (!store) {
      await interaction.reply(renderNotice(NOT_AVAILABLE, { ephemeral: true }));
      return;
    }
    const target = { platform: 'discord' as const, workspaceId: interaction.guildId, channelId: interaction.channelId };

    if (sub === 'subscribe') {
      const missing = missingPermissions(interaction);
      if (missing.length) {
        await interaction.reply(
          renderNotice(`I can't post in this channel yet: I need ${missing.join(', ')} here. Give me those, then subscribe again.`, { ephemeral: true }),
        );
        return;
      }
    }

    // The store may do I/O: take Discord's 15-minute window instead of racing its 3-second one.
    await interaction.deferReply();
    const changed = sub === 'subscribe' ? await store.subscribe(target) : await store.unsubscribe(target);
    ctx.logger.info(`discord ${sub}`, { guildId: target.workspaceId, channelId: target.channelId, userId: interaction.user.id, changed });
    const text =
      sub === 'subscribe'
        ? changed
          ? 'This channel will now receive SMA round updates: new rounds, changes, outcomes and reminders.'
          : 'This channel already receives SMA round updates.'
        : changed
          ? 'This channel will no longer receive SMA round updates.'
          : 'This channel was not subscribed to SMA round updates.';
    const { content, allowedMentions } = renderNotice(text);
    await interaction.editReply({ content, allowedMentions });
  },
};
