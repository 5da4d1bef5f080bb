/**
 * Raw INTERACTION_CREATE payloads as Discord sends them (API v10), minimal but complete enough
 * for discord.js to build real ChatInput/Autocomplete/Button interactions.
 */
import { apiBotMessage } from './fakeDiscord.js';

export const APP_ID = '100000000000000001';
export const GUILD_ID = '200000000000000002';
export const CHANNEL_ID = '300000000000000003';
export const USER_ID = '400000000000000004';
export const COMMAND_ID = '500000000000000005';
/** View Channel + Send Messages + Embed Links. */
export const ANNOUNCE_PERMS = String(1024 + 2048 + 16384);

const DEFAULT_CHANNEL_ID = CHANNEL_ID;
let seq = 0;
const nextId = () => String(1200000000000000000n + BigInt(++seq));

export interface Option {
  type: number;
  name: string;
  value?: string | number | boolean;
  focused?: boolean;
  options?: Option[];
}

export const str = (name: string, value: string, focused?: boolean): Option => ({ type: 3, name, value, ...(focused ? { focused } : {}) });
export const int = (name: string, value: number): Option => ({ type: 4, name, value });
export const bool = (name: string, value: boolean): Option => ({ type: 5, name, value });

interface BaseOptions {
  guild?: boolean;
  appPermissions?: string;
  userId?: string;
  /** The user's Discord client language (default en-US). */
  locale?: string;
  channelId?: string;
}

function base(type: number, data: unknown, opts: BaseOptions = {}) {
  const id = nextId();
  const user = { id: opts.userId ?? USER_ID, username: 'minji', discriminator: '0', avatar: null, global_name: 'Minji' };
  const guild = opts.guild ?? true;
  const CHANNEL_ID = opts.channelId ?? DEFAULT_CHANNEL_ID;
  return {
    id,
    application_id: APP_ID,
    type,
    token: `interaction-token-${id}`,
    version: 1,
    ...(guild
      ? {
          guild_id: GUILD_ID,
          channel_id: CHANNEL_ID,
          channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'sma-talks' },
          member: { user, roles: [], permissions: '2147483647', joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
          context: 0,
        }
      : {
          channel_id: CHANNEL_ID,
          channel: { id: CHANNEL_ID, type: 1, recipients: [user] },
          user,
          context: 1,
        }),
    app_permissions: opts.appPermissions ?? ANNOUNCE_PERMS,
    locale: opts.locale ?? 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    data,
  };
}

/** `/sma <sub> …options` (type 2, APPLICATION_COMMAND). */
export function slash(sub: string, options: Option[] = [], opts: BaseOptions & { command?: string } = {}) {
  return base(2, { id: COMMAND_ID, name: opts.command ?? 'sma', type: 1, options: [{ type: 1, name: sub, options }] }, opts);
}

/** Autocomplete for `/sma ask question:<partial>` (type 4). */
export function autocomplete(partial: string, opts: BaseOptions = {}) {
  return base(4, { id: COMMAND_ID, name: 'sma', type: 1, options: [{ type: 1, name: 'ask', options: [str('question', partial, true)] }] }, opts);
}

/** A click on a button of an earlier bot message (type 3, MESSAGE_COMPONENT), with that message. */
export function buttonPayload(customId: string, opts: BaseOptions & { label?: string; ephemeral?: boolean; components?: unknown[]; messageId?: string } = {}) {
  const raw = base(3, { custom_id: customId, component_type: 2 }, opts);
  const components = opts.components ?? [{ type: 1, components: [{ type: 2, style: 2, custom_id: customId, label: opts.label ?? 'A question' }] }];
  return { ...raw, message: botMessage(components, opts) };
}

/**
 * The submission of a modal that a button of the message `messageId` opened (type 5,
 * MODAL_SUBMIT): Discord sends that message with it. `values`: text input custom id → what was typed.
 */
export function modalSubmitPayload(customId: string, values: Record<string, string>, opts: BaseOptions & { messageId?: string; ephemeral?: boolean } = {}) {
  const components = Object.entries(values).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] }));
  return { ...base(5, { custom_id: customId, components }, opts), message: botMessage([], opts) };
}

function botMessage(components: unknown[], opts: { messageId?: string; ephemeral?: boolean }) {
  return apiBotMessage({
    id: opts.messageId ?? nextId(),
    channelId: CHANNEL_ID,
    timestamp: '2025-01-01T00:00:00.000Z',
    embeds: [{ title: 'Earlier answer', description: 'text' }],
    components,
    type: 20,
    flags: opts.ephemeral ? 64 : 0,
  });
}
