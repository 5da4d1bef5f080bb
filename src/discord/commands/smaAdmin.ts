/**
 * `/sma-admin subscribe | unsubscribe | subscriptions`: round-update announcements for the current
 * channel, and the list of this server's subscribed channels.
 *
 * Why a second command: Discord applies `default_member_permissions` to a whole command, never to
 * one subcommand. Putting these on `/sma` would either hide `/sma` from everyone without Manage
 * Channels or leave them ungated. So `/sma-admin` carries `default_member_permissions =
 * ManageChannels`, guild-only: members without that permission do not see it, and server admins
 * can change who may use it in Server Settings → Integrations (this code respects that choice and
 * does not re-check the permission).
 *
 * Subscribe and unsubscribe answer publicly (the channel sees that it was subscribed, and by whom,
 * in Discord's "used /sma-admin" header); the list answers privately. All defer first, because the
 * store may do I/O. Without a store (`deps.subscriptions`) they say announcements are not enabled.
 */
import { InteractionContextType, MessageFlags, PermissionFlagsBits, PermissionsBitField, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandInteraction } from 'discord.js';
import { pausedNotice, pauseOf } from '../../announce/subscriptions.js';
import type { DiscordSubscriptions } from '../context.js';
import { renderNotice } from '../render.js';
import type { SlashCommand } from './types.js';

/** What the bot needs in a channel to post announcements there (interaction replies need none). */
export const ANNOUNCE_PERMISSIONS = [
  ['ViewChannel', PermissionFlagsBits.ViewChannel],
  ['SendMessages', PermissionFlagsBits.SendMessages],
  ['EmbedLinks', PermissionFlagsBits.EmbedLinks],
] as const;

const PERMISSION_NAMES: Record<string, string> = { ViewChannel: 'View Channel', SendMessages: 'Send Messages', EmbedLinks: 'Embed Links' };

export const NOT_AVAILABLE = 'Round-update announcements are not enabled on this bot.';

const REPLIES = {
  subscribed: 'This channel will now receive SMA round updates: new rounds, changes, outcomes, agreements and reminders.',
  already: 'This channel already receives SMA round updates.',
  fixedSubscribe: "This channel always receives SMA round updates: the bot's operator listed it in ANNOUNCE_DISCORD_CHANNELS.",
  unsubscribed: 'This channel will no longer receive SMA round updates.',
  notSubscribed: 'This channel was not subscribed to SMA round updates.',
  fixedUnsubscribe: "This channel receives SMA round updates because the bot's operator listed it in ANNOUNCE_DISCORD_CHANNELS; only they can stop them.",
  none: 'No channel in this server receives SMA round updates yet. Use `/sma-admin subscribe` in a channel to add it.',
} as const;

const definition = new SlashCommandBuilder()
  .setName('sma-admin')
  .setDescription('Manage SMA round-update announcements in this channel')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) => s.setName('subscribe').setDescription('Post SMA round updates in this channel'))
  .addSubcommand((s) => s.setName('unsubscribe').setDescription('Stop posting SMA round updates in this channel'))
  .addSubcommand((s) => s.setName('subscriptions').setDescription("List this server's channels that receive SMA round updates"));

/** The same for every record: nothing in `/sma-admin` depends on the knowledge. */
export const data: SlashCommand['data'] = { name: definition.name, build: () => definition };

function missingPermissions(interaction: ChatInputCommandInteraction): string[] {
  const granted = interaction.appPermissions ?? new PermissionsBitField();
  return ANNOUNCE_PERMISSIONS.filter(([, bit]) => !granted.has(bit)).map(([name]) => PERMISSION_NAMES[name] ?? name);
}

const MAX_LISTED = 50;

/** The list: this server's stored subscriptions, and the operator's channels that the bot knows are in this server. */
async function listing(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, store: DiscordSubscriptions): Promise<string> {
  const inThisGuild = (id: string) => {
    const channel = interaction.client.channels.cache.get(id);
    return !!channel && 'guildId' in channel && channel.guildId === interaction.guildId;
  };
  const channels = (await store.list('discord', interaction.guildId)).filter((c) => !c.fixed || inThisGuild(c.channelId));
  if (!channels.length) return REPLIES.none;
  const lines = channels.slice(0, MAX_LISTED).map((c) => {
    const notes = [c.fixed ? "set by the bot's operator" : '', c.channelId === interaction.channelId ? 'this channel' : ''].filter(Boolean);
    return `• <#${c.channelId}>${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  const more = channels.length > MAX_LISTED ? `\nand ${channels.length - MAX_LISTED} more` : '';
  return `Channels in this server that receive SMA round updates:\n${lines.join('\n')}${more}`;
}

export const smaAdmin: SlashCommand = {
  data,

  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(true);
    if (sub !== 'subscribe' && sub !== 'unsubscribe' && sub !== 'subscriptions') {
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

    // A store that cannot be used (logged once by the store) gets the "paused, and why" notice.
    const orPaused = async (work: () => Promise<string>): Promise<string> => {
      try {
        return await work();
      } catch (error) {
        const pause = pauseOf(error, store);
        if (!pause) throw error;
        ctx.logger.warn(`discord /sma-admin ${sub}: the store cannot be used`, { guildId: interaction.guildId, store: pause.location, reason: pause.reason });
        return pausedNotice(pause);
      }
    };

    if (sub === 'subscriptions') {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const pause = () => store.paused();
      const text = await orPaused(async () => {
        const listed = await listing(interaction, store);
        const p = pause();
        return p ? `${listed}\n\n${pausedNotice(p)}` : listed;
      });
      const { content, allowedMentions } = renderNotice(text);
      await interaction.editReply({ content, allowedMentions });
      return;
    }

    // The channel's type and the bot's permissions there, recorded with the subscription: the poster
    // then knows an announcement channel (whose posts it publishes) without a gateway or a lookup.
    const channelType = interaction.channel?.type;
    const target = {
      platform: 'discord' as const,
      workspaceId: interaction.guildId,
      channelId: interaction.channelId,
      ...(sub === 'subscribe' && channelType !== undefined ? { channelType } : {}),
      ...(sub === 'subscribe' ? { permissions: (interaction.appPermissions ?? new PermissionsBitField()).bitfield.toString() } : {}),
    };
    if (sub === 'subscribe') {
      const missing = missingPermissions(interaction);
      if (missing.length) {
        await interaction.reply(renderNotice(`I can't post in this channel yet: I need ${missing.join(', ')} here. Give me those, then subscribe again.`, { ephemeral: true }));
        return;
      }
    }

    // The store may do I/O: take Discord's 15-minute window instead of racing its 3-second one.
    await interaction.deferReply();
    const text = await orPaused(async () => {
      if (sub === 'subscribe') {
        const outcome = await store.subscribe(target, interaction.user.id);
        ctx.logger.info('discord subscribe', { guildId: target.workspaceId, channelId: target.channelId, userId: interaction.user.id, outcome });
        return outcome === 'subscribed' ? REPLIES.subscribed : outcome === 'already' ? REPLIES.already : REPLIES.fixedSubscribe;
      }
      const outcome = await store.unsubscribe(target);
      ctx.logger.info('discord unsubscribe', { guildId: target.workspaceId, channelId: target.channelId, userId: interaction.user.id, outcome });
      return outcome === 'unsubscribed' ? REPLIES.unsubscribed : outcome === 'not-subscribed' ? REPLIES.notSubscribed : REPLIES.fixedUnsubscribe;
    });
    const { content, allowedMentions } = renderNotice(text);
    await interaction.editReply({ content, allowedMentions });
  },
};
