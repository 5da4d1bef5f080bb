/**
 * `/sma-admin subscribe | unsubscribe | subscriptions`: round-update announcements for the current
 * channel, and the list of this server's subscribed channels. `/sma-admin report`: the curators'
 * report (src/curation/chatReport.ts), privately, for whoever may use `/sma-admin`.
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
 *
 * `subscribe language:` chooses the language of the channel's announcements (and switches an
 * existing subscription to it); without it a new subscription takes the asker's answer language
 * (their choice, the channel's, else their Discord client's), and an existing one keeps its own.
 */
import { InteractionContextType, MessageFlags, PermissionFlagsBits, PermissionsBitField, SlashCommandBuilder } from 'discord.js';
import type { ChatInputCommandInteraction } from 'discord.js';
import { platformMessages } from '../../adapters/i18n/index.js';
import type { PlatformCatalogue } from '../../adapters/i18n/types.js';
import { pauseOf } from '../../announce/subscriptions.js';
import type { Language } from '../../core/answer.js';
import { chatReport } from '../../curation/chatReport.js';
import type { DiscordSubscriptions } from '../context.js';
import { discordLanguage } from '../language.js';
import { LIMITS, renderNotice } from '../render.js';
import { choice, named, registeredName } from './localise.js';
import type { SlashCommand } from './types.js';

/** What the bot needs in a channel to post announcements there (interaction replies need none). */
export const ANNOUNCE_PERMISSIONS = [
  ['ViewChannel', PermissionFlagsBits.ViewChannel],
  ['SendMessages', PermissionFlagsBits.SendMessages],
  ['EmbedLinks', PermissionFlagsBits.EmbedLinks],
] as const;

export const NOT_AVAILABLE = platformMessages('en').discord.admin.notAvailable;

const definition = named(new SlashCommandBuilder(), (c) => c.admin)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) =>
    named(s, (c) => c.adminSub.subscribe).addStringOption((o) =>
      named(o, (c) => c.options.announceLanguage).addChoices(
        choice((c) => c.choices.ko, 'ko'),
        choice((c) => c.choices.en, 'en'),
      ),
    ),
  )
  .addSubcommand((s) => named(s, (c) => c.adminSub.unsubscribe))
  .addSubcommand((s) => named(s, (c) => c.adminSub.subscriptions))
  .addSubcommand((s) => named(s, (c) => c.adminSub.report));

/** The same for every record: nothing in `/sma-admin` depends on the knowledge. */
export const data: SlashCommand['data'] = { name: registeredName((c) => c.admin), build: () => definition };

function missingPermissions(interaction: ChatInputCommandInteraction, t: PlatformCatalogue): string[] {
  const granted = interaction.appPermissions ?? new PermissionsBitField();
  return ANNOUNCE_PERMISSIONS.filter(([, bit]) => !granted.has(bit)).map(([name]) => t.discord.admin.permissionNames[name]);
}

const MAX_LISTED = 50;

/** The list: this server's stored subscriptions, and the operator's channels that the bot knows are in this server. */
async function listing(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, store: DiscordSubscriptions, t: PlatformCatalogue): Promise<string> {
  const inThisGuild = (id: string) => {
    const channel = interaction.client.channels.cache.get(id);
    return !!channel && 'guildId' in channel && channel.guildId === interaction.guildId;
  };
  const channels = (await store.list('discord', interaction.guildId)).filter((c) => !c.fixed || inThisGuild(c.channelId));
  if (!channels.length) return t.discord.admin.none;
  const lines = channels.slice(0, MAX_LISTED).map((c) => {
    const notes = [
      c.language !== 'en' ? t.languageName(c.language) : '',
      c.fixed ? t.common.operatorChannel : '',
      c.channelId === interaction.channelId ? t.common.thisChannel : '',
    ].filter(Boolean);
    return `• <#${c.channelId}>${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  const more = channels.length > MAX_LISTED ? `\n${t.common.andMore(channels.length - MAX_LISTED)}` : '';
  return `${t.discord.admin.listTitle}\n${lines.join('\n')}${more}`;
}

export const smaAdmin: SlashCommand = {
  data,

  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(true);
    if (sub !== 'subscribe' && sub !== 'unsubscribe' && sub !== 'subscriptions' && sub !== 'report') {
      throw new Error(`unknown /sma-admin subcommand "${sub}" (are the registered commands out of date?)`);
    }
    const language = await discordLanguage(ctx, interaction);
    const asked = interaction.options.getString('language') as Language | null;
    // The replies are in the asker's language (their choice, the channel's, their client's), else the one asked for announcements.
    const lang: Language = language.answer ?? asked ?? 'en';
    const t = platformMessages(lang);
    const replies = t.discord.admin;
    if (!interaction.inGuild()) {
      await interaction.reply(renderNotice(replies.guildOnly, { ephemeral: true }));
      return;
    }
    if (sub === 'report') {
      // Reading the store may take a moment: defer, privately (the report is for whoever may use /sma-admin).
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      ctx.logger.info('discord /sma-admin report', { guildId: interaction.guildId, userId: interaction.user.id });
      const { content, allowedMentions } = renderNotice(await chatReport(ctx.deps.report, LIMITS.content, t));
      await interaction.editReply({ content, allowedMentions });
      return;
    }
    const store = ctx.deps.subscriptions;
    if (!store) {
      await interaction.reply(renderNotice(replies.notAvailable, { ephemeral: true }));
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
        return t.common.paused(pause);
      }
    };

    if (sub === 'subscriptions') {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const pause = () => store.paused();
      const text = await orPaused(async () => {
        const listed = await listing(interaction, store, t);
        const p = pause();
        return p ? `${listed}\n\n${t.common.paused(p)}` : listed;
      });
      const { content, allowedMentions } = renderNotice(text);
      await interaction.editReply({ content, allowedMentions });
      return;
    }

    // The channel's type and the bot's permissions there, recorded with the subscription: the poster
    // then knows an announcement channel (whose posts it publishes) without a gateway or a lookup.
    const channelType = interaction.channel?.type;
    const announceIn: Language = asked ?? language.text;
    const target = {
      platform: 'discord' as const,
      workspaceId: interaction.guildId,
      channelId: interaction.channelId,
      ...(sub === 'subscribe' && channelType !== undefined ? { channelType } : {}),
      ...(sub === 'subscribe' ? { permissions: (interaction.appPermissions ?? new PermissionsBitField()).bitfield.toString() } : {}),
      ...(announceIn !== 'en' ? { language: announceIn } : {}),
    };
    if (sub === 'subscribe') {
      const missing = missingPermissions(interaction, t);
      if (missing.length) {
        await interaction.reply(renderNotice(replies.missingPermissions(missing), { ephemeral: true }));
        return;
      }
    }

    // The store may do I/O: take Discord's 15-minute window instead of racing its 3-second one.
    await interaction.deferReply();
    const text = await orPaused(async () => {
      if (sub === 'subscribe') {
        const outcome = await store.subscribe(target, interaction.user.id, { keepLanguage: !asked });
        ctx.logger.info('discord subscribe', { guildId: target.workspaceId, channelId: target.channelId, userId: interaction.user.id, outcome, language: announceIn });
        if (outcome === 'subscribed') return replies.subscribed(announceIn);
        if (outcome === 'language-changed') return replies.languageChanged(announceIn);
        if (outcome === 'fixed') return replies.fixedSubscribe;
        const current = (await store.list('discord', interaction.guildId)).find((c) => c.channelId === interaction.channelId)?.language ?? 'en';
        return replies.already(current);
      }
      const outcome = await store.unsubscribe(target);
      ctx.logger.info('discord unsubscribe', { guildId: target.workspaceId, channelId: target.channelId, userId: interaction.user.id, outcome });
      return outcome === 'unsubscribed' ? replies.unsubscribed : outcome === 'not-subscribed' ? replies.notSubscribed : replies.fixedUnsubscribe;
    });
    const { content, allowedMentions } = renderNotice(text);
    await interaction.editReply({ content, allowedMentions });
  },
};
