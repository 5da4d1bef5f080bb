import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import { sma } from './sma.js';
import { smaAdmin } from './smaAdmin.js';
import type { SlashCommand } from './types.js';

export type { SlashCommand } from './types.js';

/** Every slash command the bot registers and answers. */
export const commands: readonly SlashCommand[] = [sma, smaAdmin];

/** The body of the registration PUT: what Discord shows in the command picker. */
export const commandsJSON = (): RESTPutAPIApplicationCommandsJSONBody => commands.map((c) => c.data.toJSON());
