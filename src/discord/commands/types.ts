import type { AutocompleteInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Knowledge } from '../../knowledge/schema.js';
import type { DiscordContext } from '../context.js';

/** What a command's definition may draw on from the record (the agreements offered as choices). */
export type CommandKnowledge = Pick<Knowledge, 'agreements'>;

/**
 * A slash command module in the discord.js guide's shape: `data` to register, `execute` to run.
 * `data.name` routes interactions; `data.build(kb)` is the definition registered with Discord,
 * built from the loaded record at registration time (`sma discord register`).
 */
export interface SlashCommand {
  data: { readonly name: string; build(kb: CommandKnowledge): { toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody } };
  execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: DiscordContext): Promise<void>;
}
