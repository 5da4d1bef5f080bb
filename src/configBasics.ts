/**
 * What of the configuration is known without its schema (`config.ts`, which brings zod: 95 modules
 * and about a fifth of `sma ask`'s start-up): the names of the variables the schema reads, the
 * record's default folder, what counts as set, and the error a bad value raises. The schema is typed
 * by these names, so a variable added to it and not here, or the reverse, does not compile.
 */
export const CONFIG_NAMES = [
  'KNOWLEDGE_DIR',
  'DATA_DIR',
  'DATABASE_URL',
  'LOG_LEVEL',
  'CURATION_SECRET',
  'SMA_NOW',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_TOKEN_KEY',
  'PORT',
  'HTTP_PORT',
  'DRAIN_SECONDS',
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_API_URL',
  'DISCORD_PUBLIC_KEY',
  'ANNOUNCE_SLACK_CHANNELS',
  'ANNOUNCE_DISCORD_CHANNELS',
  'ANNOUNCE_REMINDER_HOURS',
  'SLACK_ADMIN_USERS',
  'QUESTION_LOG',
  'QUESTION_LOG_RETENTION_DAYS',
] as const;
export type ConfigName = (typeof CONFIG_NAMES)[number];

export const DEFAULT_KNOWLEDGE_DIR = './knowledge';

/** A variable set to nothing but blanks (`PORT=` in `.env`) is unset: it gets its default, never 0 or "off". */
export const isSet = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable and its meaning.`);
  }
}

/** What `sma ask` reads of the configuration: where the record is, and the clock. */
export interface RecordSettings {
  KNOWLEDGE_DIR: string;
  SMA_NOW?: string;
}

/**
 * The record settings without the schema, when there is nothing to validate: the environment sets
 * no configuration variable but KNOWLEDGE_DIR, which the schema only trims. Otherwise undefined,
 * and the caller parses the whole configuration as every other command does, so a bad value
 * anywhere (an unused LOG_LEVEL too) still stops the command with its message.
 */
export function recordSettingsWithoutSchema(env: NodeJS.ProcessEnv): RecordSettings | undefined {
  if (CONFIG_NAMES.some((name) => name !== 'KNOWLEDGE_DIR' && isSet(env[name]))) return undefined;
  const dir = env.KNOWLEDGE_DIR;
  return { KNOWLEDGE_DIR: isSet(dir) ? dir.trim() : DEFAULT_KNOWLEDGE_DIR };
}
