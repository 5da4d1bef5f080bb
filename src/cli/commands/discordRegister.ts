/**
 * `sma discord register [--guild ID] [--unregister]`: puts the /sma commands on Discord through
 * REST (a guild: instant, for testing; none: global, for production) and prints what was registered.
 * The definitions come from the knowledge in KNOWLEDGE_DIR (the agreements `/sma rounds` offers): a
 * broken record stops registration with its problems listed, before any request.
 */
import { loadRecord } from '../responder.js';
import type { Config } from '../../config.js';
import { formatRegistration, registerCommands, unregisterCommands } from '../../discord/register.js';
import { parse, UsageError, type CliIO } from '../args.js';

export async function runDiscordRegister(args: string[], config: Config, io: CliIO): Promise<number> {
  const { values } = parse(args, { guild: { type: 'string' }, unregister: { type: 'boolean' } }, false);
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new UsageError('discord register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (in .env or the environment)');
  }
  const options = { token: config.DISCORD_TOKEN, applicationId: config.DISCORD_APPLICATION_ID, guildId: values.guild, apiUrl: config.DISCORD_API_URL };
  const knowledge = values.unregister ? undefined : await loadRecord(config.KNOWLEDGE_DIR);
  try {
    const result = knowledge ? await registerCommands(options, knowledge) : await unregisterCommands(options);
    io.stdout.write(`${formatRegistration(result)}\n`);
    return 0;
  } catch (err) {
    io.stderr.write(`Registration failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
