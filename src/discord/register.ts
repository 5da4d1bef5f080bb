/**
 * Registration is a separate step from running the bot (discord.js guide's deploy script):
 * `sma discord register --guild ID` puts the commands in one server (instant, for testing);
 * without `--guild` it registers them globally (every server the bot is in, for production).
 * A PUT replaces the whole set, so commands removed from the code disappear from Discord too.
 * The definitions are built from the record at this point (the agreements `/sma rounds` offers),
 * so after adding an agreement to the knowledge, register again.
 */
import { REST, Routes } from 'discord.js';
import { isDiscordSnowflake } from '../adapters/ids.js';
import type { APIApplicationCommand, RESTOptions, RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import { describePermissions } from './commands/help.js';
import { buildCommands, type CommandKnowledge } from './commands/index.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register in this guild only (instant); omit for global commands. */
  guildId?: string;
  /** REST base URL (DISCORD_API_URL), e.g. for a proxy; REST appends `/v10`. */
  apiUrl?: string;
  /** Extra REST options (tests pass `{ retries: 0 }`). */
  rest?: Partial<RESTOptions>;
}

export interface RegisteredCommand {
  id: string;
  name: string;
  description: string;
  subcommands: string[];
  /** Permission bits a member needs to see the command by default; null = everyone. */
  defaultMemberPermissions: string | null;
}

export interface RegistrationResult {
  scope: 'guild' | 'global';
  guildId?: string;
  applicationId: string;
  commands: RegisteredCommand[];
}

export async function registerCommands(options: RegisterOptions, kb: CommandKnowledge): Promise<RegistrationResult> {
  return putCommands(options, buildCommands(kb));
}

/**
 * Removes every command of this bot from a guild (or globally): PUT of an empty list. Useful after
 * testing in a guild and then registering globally, when the server would show each command twice.
 */
export async function unregisterCommands(options: RegisterOptions): Promise<RegistrationResult> {
  return putCommands(options, []);
}

async function putCommands(options: RegisterOptions, body: RESTPutAPIApplicationCommandsJSONBody): Promise<RegistrationResult> {
  const { token, applicationId, guildId } = options;
  if (!token) throw new Error('DISCORD_TOKEN is required to register commands');
  if (!isDiscordSnowflake(applicationId)) throw new Error('DISCORD_APPLICATION_ID must be a Discord id (15–21 digits)');
  if (guildId !== undefined && !isDiscordSnowflake(guildId)) throw new Error('--guild must be a Discord server id (15–21 digits)');

  const rest = new REST({ ...options.rest, ...(options.apiUrl ? { api: options.apiUrl.replace(/\/+$/, '') } : {}) }).setToken(token);
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body })) as APIApplicationCommand[];

  return {
    scope: guildId ? 'guild' : 'global',
    ...(guildId ? { guildId } : {}),
    applicationId,
    commands: registered.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      subcommands: (c.options ?? []).filter((o) => o.type === 1).map((o) => o.name),
      defaultMemberPermissions: c.default_member_permissions ?? null,
    })),
  };
}

/** Human-readable lines for the CLI, e.g. "/sma  ask, next-round, …". */
export function formatRegistration(result: RegistrationResult): string {
  const where =
    result.scope === 'guild'
      ? `in server ${result.guildId} (available there now)`
      : 'globally (every server the bot is in; changes can take up to an hour to reach every Discord client)';
  if (!result.commands.length) return `Removed all commands ${result.scope === 'guild' ? `from server ${result.guildId}` : 'registered globally'}.`;
  const lines = [`Registered ${result.commands.length} command${result.commands.length === 1 ? '' : 's'} ${where}:`];
  for (const c of result.commands) {
    const gate = c.defaultMemberPermissions ? `  [members need permissions ${describePermissions(c.defaultMemberPermissions)}]` : '';
    lines.push(`  /${c.name} ${c.subcommands.join(', ')}  (id ${c.id})${gate}`);
  }
  return lines.join('\n');
}
