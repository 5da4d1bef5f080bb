/**
 * The one configuration schema: every environment variable the bot reads, parsed once at
 * start-up (after dotenv), with messages that name the variable and what it should be.
 */
import dotenv from 'dotenv';
import { z } from 'zod';
import { DISCORD_SNOWFLAKE, SLACK_CHANNEL_ID, SLACK_USER_ID } from './adapters/ids.js';
import { ConfigError, type ConfigName, DEFAULT_KNOWLEDGE_DIR, isSet } from './configBasics.js';

export { ConfigError };

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const prefixed = (prefix: string, what: string) => optionalText.refine((v) => v === undefined || v.startsWith(prefix), `must be ${what} (it starts with "${prefix}")`);

const url = optionalText.refine((v) => v === undefined || /^https?:\/\/\S+$/.test(v), 'must be an http(s) URL');
const snowflake = optionalText.refine((v) => v === undefined || DISCORD_SNOWFLAKE.test(v), 'must be a Discord id (15–21 digits)');

const idList = (pattern: RegExp, what: string) =>
  optionalText
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .refine((ids) => ids.every((id) => pattern.test(id)), `must be a comma-separated list of ${what}`);

export const configSchema = z
  .object({
    KNOWLEDGE_DIR: z.string().trim().min(1).default(DEFAULT_KNOWLEDGE_DIR),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    /** Postgres shared by several instances (unset: the SQLite file in DATA_DIR). */
    DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v), 'must be a postgres:// URL (postgres://user:password@host:5432/database)'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /**
     * Voters' (and the question log's askers') platform ids are kept only as HMAC-SHA-256 with this
     * secret (src/curation/hashId.ts); the same on every instance. Unset: the store keeps a random one.
     */
    CURATION_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters (e.g. openssl rand -base64 32), the same on every instance'),
    /** The bot's clock, for demos and tests: answers as if today were this date. */
    SMA_NOW: optionalText.refine((v) => v === undefined || /^\d{4}-\d{2}-\d{2}$/.test(v), 'must be a date as YYYY-MM-DD'),

    SLACK_BOT_TOKEN: prefixed('xoxb-', 'a Slack bot token'),
    SLACK_SIGNING_SECRET: optionalText.refine(
      (v) => v === undefined || /^[0-9a-f]{16,}$/i.test(v),
      "must be the hexadecimal signing secret from the Slack app's Basic Information page",
    ),
    SLACK_APP_TOKEN: prefixed('xapp-', 'a Slack app-level token for Socket Mode'),
    SLACK_API_URL: url,
    /** Slack distribution (OAuth, many workspaces): the app's client id and secret (Basic Information). */
    SLACK_CLIENT_ID: optionalText.refine(
      (v) => v === undefined || /^\d+\.\d+$/.test(v),
      "must be the Slack app's client id (digits, a dot, digits: Basic Information > App Credentials)",
    ),
    SLACK_CLIENT_SECRET: optionalText.refine(
      (v) => v === undefined || /^[0-9a-f]{16,}$/i.test(v),
      "must be the hexadecimal client secret from the Slack app's Basic Information page",
    ),
    /** Signs the OAuth `state`: the same value on every instance, so any instance can finish an install another began. */
    SLACK_STATE_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters (e.g. openssl rand -base64 32), the same on every instance'),
    /** AES-256-GCM key for the workspaces' tokens at rest: 32 bytes, base64 (openssl rand -base64 32). */
    SLACK_TOKEN_KEY: optionalText.refine(
      (v) => v === undefined || (/^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32),
      'must be 32 random bytes in base64 (openssl rand -base64 32)',
    ),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** The bot's own HTTP endpoints: /healthz, /readyz, and Discord's interactions endpoint (unset: none). */
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Seconds /readyz answers 503 before a stopping instance closes its listeners (the load balancer's notice). */
    DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(5),

    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: snowflake,
    DISCORD_API_URL: url,
    /** Discord HTTP interactions: the application's public key (Developer Portal > General Information). */
    DISCORD_PUBLIC_KEY: optionalText.refine(
      (v) => v === undefined || /^[0-9a-f]{64}$/i.test(v),
      'must be the 64-hexadecimal-character public key from the Discord Developer Portal',
    ),

    ANNOUNCE_SLACK_CHANNELS: idList(SLACK_CHANNEL_ID, 'Slack channel ids such as C0123456789'),
    ANNOUNCE_DISCORD_CHANNELS: idList(DISCORD_SNOWFLAKE, 'Discord channel ids (15–21 digits)'),
    /** Hours before a scheduled round's start at which the reminder goes out. */
    ANNOUNCE_REMINDER_HOURS: z.coerce
      .number()
      .min(0)
      .max(24 * 30)
      .default(24),

    /** Slack users who may ask `/sma report` (the curators' report), comma-separated. */
    SLACK_ADMIN_USERS: idList(SLACK_USER_ID, 'Slack user ids such as U0123456789 (the Slack profile menu: Copy member ID)'),
    /** The question log: `on` keeps the words of unanswered questions and the hashed asker; `off` (default) keeps counts only. */
    QUESTION_LOG: z
      .string()
      .trim()
      .toLowerCase()
      .default('off')
      .refine((v) => v === 'on' || v === 'off', 'must be on or off (off, the default, keeps counts only: no question text, no asker)')
      .transform((v) => v === 'on'),
    /** Days the question log keeps an event; older ones are deleted at start and daily. */
    QUESTION_LOG_RETENTION_DAYS: z.coerce
      .number({ message: 'must be a whole number of days, e.g. 90' })
      .int('must be a whole number of days, e.g. 90')
      .min(1, 'must be at least 1 day')
      .max(3650, 'must be at most 3650 days (ten years)')
      .default(90),
  } satisfies Record<ConfigName, z.ZodType>)
  .superRefine((c, ctx) => {
    if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)' });
    }
    const oauth = c.SLACK_CLIENT_ID || c.SLACK_CLIENT_SECRET || c.SLACK_STATE_SECRET || c.SLACK_TOKEN_KEY;
    if (oauth) {
      // Distribution: every workspace's token comes from its installation, kept in Postgres.
      const required = {
        SLACK_CLIENT_ID: c.SLACK_CLIENT_ID,
        SLACK_CLIENT_SECRET: c.SLACK_CLIENT_SECRET,
        SLACK_STATE_SECRET: c.SLACK_STATE_SECRET,
        SLACK_TOKEN_KEY: c.SLACK_TOKEN_KEY,
        SLACK_SIGNING_SECRET: c.SLACK_SIGNING_SECRET,
        DATABASE_URL: c.DATABASE_URL,
      };
      for (const [name, value] of Object.entries(required)) {
        if (!value)
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message:
              'is required for Slack distribution (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_TOKEN_KEY, SLACK_SIGNING_SECRET and DATABASE_URL go together)',
          });
      }
      if (c.SLACK_BOT_TOKEN)
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_BOT_TOKEN'],
          message: "must not be set with SLACK_CLIENT_ID: distribution uses each workspace's own token (unset SLACK_CLIENT_ID for the single-workspace mode)",
        });
      if (c.SLACK_APP_TOKEN)
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_APP_TOKEN'],
          message: 'must not be set with SLACK_CLIENT_ID: distribution runs over HTTP (Socket Mode is for development with SLACK_BOT_TOKEN)',
        });
      if (c.ANNOUNCE_SLACK_CHANNELS.length)
        ctx.addIssue({
          code: 'custom',
          path: ['ANNOUNCE_SLACK_CHANNELS'],
          message: "cannot be used with SLACK_CLIENT_ID: a channel id alone does not say which workspace's token posts there; subscribe the channels with /sma subscribe",
        });
    } else if ((c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN) && !c.SLACK_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when other Slack variables are set' });
    }
    if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_APPLICATION_ID'], message: 'is required with DISCORD_TOKEN' });
    }
    if (c.DISCORD_PUBLIC_KEY && c.HTTP_PORT === undefined) {
      ctx.addIssue({ code: 'custom', path: ['HTTP_PORT'], message: 'is required with DISCORD_PUBLIC_KEY (the interactions endpoint listens there)' });
    }
    if (c.QUESTION_LOG && !c.CURATION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['CURATION_SECRET'],
        message: 'is required with QUESTION_LOG=on: askers are kept only as a hash of their id under this secret (openssl rand -base64 32), or set QUESTION_LOG=off',
      });
    }
    if (c.DISCORD_APPLICATION_ID && !c.DISCORD_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_TOKEN'], message: 'is required with DISCORD_APPLICATION_ID' });
    }
  });

export type Config = z.infer<typeof configSchema>;

/**
 * Parses the environment once; throws a ConfigError listing every bad variable. Values are never
 * echoed (they may be secrets). A variable set to nothing (`PORT=` in `.env`) is unset: it gets its
 * default, never 0 or "off".
 */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => isSet(v)));
  const result = configSchema.safeParse(set);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${String(i.path[0] ?? 'config')} ${i.message}`));
}

/** Slack distribution: many workspaces install the app through OAuth (`/slack/install`). */
export const slackOAuthEnabled = (c: Pick<Config, 'SLACK_CLIENT_ID' | 'SLACK_SIGNING_SECRET'>) => Boolean(c.SLACK_CLIENT_ID && c.SLACK_SIGNING_SECRET);
export const slackEnabled = (c: Config) => Boolean((c.SLACK_BOT_TOKEN && (c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN)) || slackOAuthEnabled(c));
export const discordEnabled = (c: Config) => Boolean(c.DISCORD_TOKEN && c.DISCORD_APPLICATION_ID);

/** `.env` (if present; real environment variables win) and then the schema. Quiet: stdout is the CLI's. */
export function loadConfig(): Config {
  dotenv.config({ quiet: true });
  return parseConfig(process.env);
}
