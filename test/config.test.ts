/** Configuration and logging as an operator meets them: clear errors, and no secret in any log line. */
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, discordEnabled, parseConfig, slackEnabled, slackOAuthEnabled } from '../src/config.js';
import { CONFIG_NAMES, recordSettingsWithoutSchema } from '../src/configBasics.js';
import { createLogger } from '../src/log.js';

describe('the record settings without the schema (sma ask)', () => {
  it('lists exactly the variables the schema reads', () => {
    expect([...CONFIG_NAMES].sort()).toEqual(Object.keys(configSchema.shape).sort());
  });

  it('read KNOWLEDGE_DIR as the schema does: unset, blank, padded', () => {
    for (const env of [{}, { KNOWLEDGE_DIR: '' }, { KNOWLEDGE_DIR: '   ' }, { KNOWLEDGE_DIR: '  ./elsewhere  ' }, { KNOWLEDGE_DIR: '/abs/kb' }, { HOME: '/root', PATH: '/bin' }]) {
      const full = parseConfig(env);
      expect(recordSettingsWithoutSchema(env)).toEqual({ KNOWLEDGE_DIR: full.KNOWLEDGE_DIR });
    }
  });

  it('give way to the whole schema as soon as any other variable is set, valid or not', () => {
    for (const name of CONFIG_NAMES.filter((n) => n !== 'KNOWLEDGE_DIR')) {
      expect(recordSettingsWithoutSchema({ [name]: 'x' }), name).toBeUndefined();
      expect(recordSettingsWithoutSchema({ [name]: '  ' }), name).toBeDefined();
    }
  });
});

describe('configuration', () => {
  it('has working defaults with no variables set', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ KNOWLEDGE_DIR: './knowledge', DATA_DIR: './data', PORT: 3000, ANNOUNCE_REMINDER_HOURS: 24 });
  });

  it('a variable set to nothing in .env is unset: its default, not 0 or off', () => {
    const c = parseConfig({ PORT: '', ANNOUNCE_REMINDER_HOURS: '  ', DRAIN_SECONDS: '', KNOWLEDGE_DIR: '', HTTP_PORT: '', ANNOUNCE_SLACK_CHANNELS: '' });
    expect(c).toMatchObject({ PORT: 3000, ANNOUNCE_REMINDER_HOURS: 24, DRAIN_SECONDS: 5, KNOWLEDGE_DIR: './knowledge', ANNOUNCE_SLACK_CHANNELS: [] });
    expect(c.HTTP_PORT).toBeUndefined();
    expect(slackEnabled(c) || discordEnabled(c)).toBe(false);
  });

  it('names every wrong variable and what it expects, without echoing values', () => {
    try {
      parseConfig({ PORT: 'eighty', SLACK_BOT_TOKEN: 'xoxp-user-token-secret', LOG_LEVEL: 'loud', ANNOUNCE_SLACK_CHANNELS: 'general' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toMatch(/PORT /);
      expect(msg).toMatch(/SLACK_BOT_TOKEN must be a Slack bot token \(it starts with "xoxb-"\)/);
      expect(msg).toMatch(/LOG_LEVEL /);
      expect(msg).toMatch(/ANNOUNCE_SLACK_CHANNELS must be a comma-separated list of Slack channel ids/);
      expect(msg).not.toContain('xoxp-user-token-secret');
    }
  });

  it('requires the partner variable of a platform credential', () => {
    expect(() => parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN/);
    expect(() => parseConfig({ DISCORD_TOKEN: 'abc' })).toThrow(/DISCORD_APPLICATION_ID is required with DISCORD_TOKEN/);
    expect(slackEnabled(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toBe(true);
  });

  it('Slack distribution: all its variables together, Postgres, and no single-workspace token', () => {
    const oauth = {
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6',
      SLACK_STATE_SECRET: 'a-state-secret-of-at-least-32-characters',
      SLACK_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64'),
      SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
      DATABASE_URL: 'postgres://sma@db/sma',
    };
    const c = parseConfig(oauth);
    expect(slackEnabled(c) && slackOAuthEnabled(c)).toBe(true);
    expect(() => parseConfig({ ...oauth, DATABASE_URL: undefined })).toThrow(/DATABASE_URL is required for Slack distribution/);
    expect(() => parseConfig({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_BOT_TOKEN must not be set with SLACK_CLIENT_ID/);
    expect(() => parseConfig({ ...oauth, ANNOUNCE_SLACK_CHANNELS: 'C0123456' })).toThrow(/ANNOUNCE_SLACK_CHANNELS cannot be used with SLACK_CLIENT_ID/);
    expect(() => parseConfig({ ...oauth, SLACK_TOKEN_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/SLACK_TOKEN_KEY must be 32 random bytes in base64/);
    expect(() => parseConfig({ ...oauth, SLACK_STATE_SECRET: 'short' })).toThrow(/SLACK_STATE_SECRET must be at least 32 characters/);
    try {
      parseConfig({ ...oauth, SLACK_CLIENT_SECRET: undefined, SLACK_TOKEN_KEY: 'not base64 at all!' });
    } catch (err) {
      expect((err as Error).message).not.toContain('a-state-secret');
      expect((err as Error).message).toMatch(/SLACK_CLIENT_SECRET is required/);
    }
  });
});

describe('the question log and the report', () => {
  const secret = 'a-curation-secret-of-at-least-32-characters';
  it('is off by default, kept 90 days, with no admins', () => {
    expect(parseConfig({})).toMatchObject({ QUESTION_LOG: false, QUESTION_LOG_RETENTION_DAYS: 90, SLACK_ADMIN_USERS: [] });
    expect(parseConfig({ QUESTION_LOG: 'ON', CURATION_SECRET: secret, QUESTION_LOG_RETENTION_DAYS: '30', SLACK_ADMIN_USERS: 'U0123ABC, W0456DEF' })).toMatchObject({
      QUESTION_LOG: true,
      QUESTION_LOG_RETENTION_DAYS: 30,
      SLACK_ADMIN_USERS: ['U0123ABC', 'W0456DEF'],
    });
  });

  it('says what each variable expects, never echoing the secret', () => {
    expect(() => parseConfig({ QUESTION_LOG: 'yes' })).toThrow(/QUESTION_LOG must be on or off/);
    expect(() => parseConfig({ QUESTION_LOG: 'on' })).toThrow(/CURATION_SECRET is required with QUESTION_LOG=on: askers are kept only as a hash/);
    expect(() => parseConfig({ QUESTION_LOG_RETENTION_DAYS: '0' })).toThrow(/QUESTION_LOG_RETENTION_DAYS must be at least 1 day/);
    expect(() => parseConfig({ QUESTION_LOG_RETENTION_DAYS: 'ninety' })).toThrow(/QUESTION_LOG_RETENTION_DAYS must be a whole number of days/);
    expect(() => parseConfig({ SLACK_ADMIN_USERS: 'C0123ABC' })).toThrow(/SLACK_ADMIN_USERS must be a comma-separated list of Slack user ids/);
    try {
      parseConfig({ CURATION_SECRET: 'short-secret-value' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toMatch(/CURATION_SECRET must be at least 32 characters/);
      expect((err as Error).message).not.toContain('short-secret-value');
    }
  });
});

describe('logs', () => {
  it('are JSON lines with secrets masked in fields, messages and errors', () => {
    const lines: string[] = [];
    const log = createLogger('debug', (l) => lines.push(l)).child({ platform: 'slack' });
    log.error('request failed with Bearer xoxb-12345-abcdef-secret', {
      token: 'anything',
      headers: { authorization: 'Bot abc' },
      error: new Error('bad token xapp-1-A111-secret'),
      discord: 'MTAwMDAwMDAwMDAwMDAwMDAw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB',
    });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'error', platform: 'slack', token: '[redacted]', headers: { authorization: '[redacted]' } });
    expect(lines[0]).not.toMatch(/xoxb-12345|xapp-1-A111|abcdefghijklmnopqrstuvwxyz0123456789AB/);
  });

  it('respect the level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    log.info('quiet');
    log.warn('loud');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['loud']);
  });
});
