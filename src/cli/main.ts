/**
 * The `sma` command line: `npm run --silent sma -- <command>`. Each command lives in
 * `commands/`; this file only dispatches, prints usage, and maps failures to exit codes
 * (0 fine, 1 a problem found, 2 a usage error).
 */
import { ConfigError, loadConfig, type Config } from '../config.js';
import { KnowledgeError } from '../boot.js';
import { runAsk } from './commands/ask.js';
import { runChat } from './commands/chat.js';
import { runEval } from './commands/eval.js';
import { runKbCheck, runKbValidate } from './commands/kb.js';
import { runDiscordRegister } from './commands/discordRegister.js';
import { runAnnounce } from './commands/announce.js';
import { runChart } from './commands/chart.js';
import { runKbLinks } from './commands/kbLinks.js';
import { UsageError } from './args.js';

export const USAGE = `sma — answers about the Korea–US defense cost-sharing talks (SMA)

Usage: npm run --silent sma -- <command> [options]

  chat [--now YYYY-MM-DD]                 interactive local chat (one question per line when piped)
  ask [--json] [--now YYYY-MM-DD] [q…]    answer a question, or one per stdin line
  eval FILE [--json]                      run a question set (JSONL, see shared/eval/README.md)
  kb validate                             check the knowledge files; problems as file:line path: problem
  kb check                                every phrasing must route back to its own fact
  discord register [--guild ID] [--unregister]
                                          register the /sma commands (a guild: instant; none: global)
  announce --dry-run [--now YYYY-MM-DD]   show what would be announced and the pending outbox
  chart [contributions | rounds N] --out FILE.png
                                          draw Korea's yearly contribution, or the rounds of the Nth SMA talks
  kb links [--timeout MS] [--concurrency N]
                                          check every source URL; lists the dead ones (always exit code 0)
  help                                    this text

Environment: KNOWLEDGE_DIR (default ./knowledge), DATA_DIR (default ./data), see .env.example.`;

type Command = (args: string[], config: Config) => Promise<number> | number;

const COMMANDS: Record<string, Command> = {
  chat: runChat,
  ask: runAsk,
  eval: runEval,
  'kb validate': runKbValidate,
  'kb check': runKbCheck,
  'discord register': runDiscordRegister,
  announce: runAnnounce,
  chart: runChart,
  'kb links': runKbLinks,
};

export async function main(argv: string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  if (!first || first === 'help' || first === '--help' || first === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return first ? 0 : 2;
  }
  const twoWord = second !== undefined ? COMMANDS[`${first} ${second}`] : undefined;
  const command = twoWord ?? COMMANDS[first];
  const args = twoWord ? rest : argv.slice(1);
  if (!command) {
    process.stderr.write(`Unknown command "${[first, second].filter(Boolean).join(' ')}".\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command(args, loadConfig());
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof KnowledgeError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`sma: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
