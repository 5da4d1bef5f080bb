import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import { sma } from './sma.js';
import { smaAdmin } from './smaAdmin.js';
import type { CommandKnowledge, SlashCommand } from './types.js';

export type { CommandKnowledge, SlashCommand } from './types.js';

/** Every slash command the bot registers and answers. */
export const commands: readonly SlashCommand[] = [sma, smaAdmin];

/** The body of the registration PUT, built from the record: what Discord shows in the command picker. */
export const buildCommands = (kb: CommandKnowledge): RESTPutAPIApplicationCommandsJSONBody => commands.map((c) => c.data.build(kb).toJSON());
