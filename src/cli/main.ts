/**
 * The `sma` command line: `npm run --silent sma -- <command>`. Each command lives in
 * `commands/` and is imported only when it runs, so `sma ask` never loads discord.js or SQLite;
 * this file only dispatches, prints usage, and maps failures to exit codes (0 fine, 1 a problem
 * found, 2 a usage error). `main(argv, io)` runs in-process too (tests give it their own streams
 * and environment); the process entry is at the bottom.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import type { Config } from '../config.js';
import { ConfigError, type RecordSettings, recordSettingsWithoutSchema } from '../configBasics.js';
import { UsageError, type CliIO } from './args.js';

export const USAGE = `sma — answers about the Korea–US defense cost-sharing talks (SMA)

Usage: npm run --silent sma -- <command> [options]

  chat [--now YYYY-MM-DD] [--language en|ko|auto]
                                          interactive local chat (one question per line when piped);
                                          answers in the language of each question unless told
  ask [--json] [--now YYYY-MM-DD] [q…]    answer a question, or one per stdin line
  ask --conversation [--json] [--now D]   stdin lines are the turns of one conversation (an empty
                                          line starts a new one)
  eval FILE… [--json] [--split tune|validate|all] [--now YYYY-MM-DD]
       [--min-accuracy P] [--min-abstention P] [--max-wrong P] [--min-dialogues P]
                                          score question sets and dialogues (JSONL, see shared/eval/README.md);
                                          exit code 1 when a gate (percent) fails
  eval FILE… --sweep [--max-wrong P]      sweep the router's bars on the tuning split, report the
                                          chosen point on the validation split
  eval --kfold K                          hold out each fact's phrasings, K folds
  kb validate                             check the knowledge files; problems as file:line path: problem
  kb check [--fact ID]…                   every phrasing must route back to its own fact (--fact: only
                                          those facts', and collisions with them)
  discord register [--guild ID] [--unregister]
                                          register the /sma commands (a guild: instant; none: global)
  announce --dry-run [--now YYYY-MM-DD]   show what would be announced and the pending outbox
  store check                             check the announcement store (PRAGMA quick_check, schema)
  store backup FILE                       a consistent copy of the store (safe while the bot runs)
  report [--since 30d|YYYY-MM-DD] [--json] [--phrasings]
                                          the curators' report: unanswered and clarified questions,
                                          votes, answers per fact and intent, picks, deliveries
  chart [contributions | rounds N] [--language en|ko|auto] --out FILE.png
                                          draw Korea's yearly contribution, or the rounds of the Nth SMA talks
                                          (labels in the language given, else that of the words: 차트 회의 12)
  kb links [--timeout MS] [--concurrency N]
                                          check every source URL; lists the dead ones (always exit code 0)
  help                                    this text

Environment: KNOWLEDGE_DIR (default ./knowledge), DATA_DIR (default ./data), see .env.example.`;

export type Command = (args: string[], config: Config, io: CliIO) => Promise<number> | number;
/** A command that reads only where the record is and the clock. */
type RecordCommand = (args: string[], config: RecordSettings, io: CliIO) => Promise<number> | number;

/**
 * Commands that need only the record settings: they start without the configuration schema (and
 * zod) when the environment sets nothing else to validate. One question should start fast.
 */
const RECORD_COMMANDS: Record<string, () => Promise<RecordCommand>> = {
  ask: async () => (await import('./commands/ask.js')).runAsk,
};

/** One line a command, loaded when it runs. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  chat: async () => (await import('./commands/chat.js')).runChat,
  eval: async () => (await import('./commands/eval.js')).runEval,
  'kb validate': async () => (await import('./commands/kb.js')).runKbValidate,
  'kb check': async () => (await import('./commands/kb.js')).runKbCheck,
  'discord register': async () => (await import('./commands/discordRegister.js')).runDiscordRegister,
  announce: async () => (await import('./commands/announce.js')).runAnnounce,
  'store check': async () => (await import('./commands/store.js')).runStoreCheck,
  'store backup': async () => (await import('./commands/store.js')).runStoreBackup,
  report: async () => (await import('./commands/report.js')).runReport,
  chart: async () => (await import('./commands/chart.js')).runChart,
  'kb links': async () => (await import('./commands/kbLinks.js')).runKbLinks,
};

export interface MainOptions extends Partial<CliIO> {
  /** The environment to configure from; default `.env` and then process.env. */
  env?: NodeJS.ProcessEnv;
}

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const io: CliIO = { stdout: options.stdout ?? process.stdout, stderr: options.stderr ?? process.stderr, stdin: options.stdin ?? process.stdin };
  const [first, second, ...rest] = argv;
  if (!first || first === 'help' || first === '--help' || first === '-h') {
    io.stdout.write(`${USAGE}\n`);
    return first ? 0 : 2;
  }
  const twoWord = second !== undefined ? COMMANDS[`${first} ${second}`] : undefined;
  const load = twoWord ?? COMMANDS[first];
  const loadRecordCommand = RECORD_COMMANDS[first];
  const args = twoWord ? rest : argv.slice(1);
  if (!load && !loadRecordCommand) {
    io.stderr.write(`Unknown command "${[first, second].filter(Boolean).join(' ')}".\n\n${USAGE}\n`);
    return 2;
  }
  try {
    // `.env` first (real environment variables win); quiet, as stdout is the command's.
    const env = options.env ?? (dotenv.config({ quiet: true }), process.env);
    const fullConfig = async () => (await import('../config.js')).parseConfig(env);
    if (loadRecordCommand) return await (await loadRecordCommand())(args, recordSettingsWithoutSchema(env) ?? (await fullConfig()), io);
    return await (await load!())(args, await fullConfig(), io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    // Imported here, not at the top: it brings the whole core, which `help` and usage errors do not need.
    const { KnowledgeError } = await import('../boot.js');
    if (err instanceof ConfigError || err instanceof KnowledgeError) {
      io.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

/** Run only as the process entry (`tsx src/cli/main.ts`), not when imported. */
function isEntry(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
if (isEntry()) {
  // `sma kb validate | head`: a reader that stops early is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`sma: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
