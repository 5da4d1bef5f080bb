/**
 * The command list under `/sma help`, written from the command definitions themselves (names,
 * options, descriptions and who may use them), so it cannot fall behind what is registered. In
 * Korean the descriptions are the definitions' Korean localizations; the names stay as typed.
 */
import { ApplicationCommandOptionType, PermissionsBitField } from 'discord.js';
import type { APIApplicationCommandOption, APIEmbedField, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { platformMessages } from '../../adapters/i18n/index.js';
import type { Language } from '../../core/answer.js';

/** The option every answering subcommand has; said once, at the end, rather than on every line. */
export const PRIVATE_OPTION = 'private';

/** "Manage Channels" from discord.js's flag names ("ManageChannels"); no bits at all means administrators only. */
export function describePermissions(bits: string): string {
  if (bits === '0') return 'Administrator only';
  const names = new PermissionsBitField(BigInt(bits)).toArray().map((name) => name.replace(/(?<=[a-z])(?=[A-Z])/g, ' '));
  return names.length ? names.join(', ') : bits;
}

/** "question:" for a required option, "[agreement]" for an optional one. */
function usage(options: readonly APIApplicationCommandOption[] = []): string {
  return options
    .filter((o) => o.name !== PRIVATE_OPTION)
    .map((o) => (o.required ? ` ${o.name}:` : ` [${o.name}]`))
    .join('');
}

export function helpField(definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[], lang: Language = 'en'): APIEmbedField {
  const t = platformMessages(lang).discord;
  const described = (o: { description: string; description_localizations?: Partial<Record<string, string | null>> | null }) =>
    (lang === 'ko' ? o.description_localizations?.ko : undefined) ?? o.description;
  const lines = definitions.flatMap((c) => {
    const gate = c.default_member_permissions ? ` ${t.helpGate(describePermissions(c.default_member_permissions))}` : '';
    return (c.options ?? [])
      .filter((o) => o.type === ApplicationCommandOptionType.Subcommand)
      .map((s) => `\`/${c.name} ${s.name}${usage('options' in s ? s.options : [])}\` ${described(s)}${gate}`);
  });
  return { name: t.helpCommands, value: [...lines, t.helpPrivate(PRIVATE_OPTION)].join('\n') };
}
