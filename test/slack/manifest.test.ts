/** The shipped manifest must match what the code listens for, or installing it gives a bot that stays silent. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SMA_COMMAND } from '../../src/slack/listeners/commands/index.js';
import { BOT_SCOPES } from '../../src/slack/oauth/index.js';

const manifest = parse(readFileSync('slack/manifest.yaml', 'utf8'));

describe('slack/manifest.yaml', () => {
  it('declares the /sma command, the events and the interactivity the listeners need', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([SMA_COMMAND]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_mention', 'message.im']));
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true); // users can DM the bot
  });

  it('asks for exactly the bot scopes those features need', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'chat:write', 'commands', 'files:write', 'im:history']);
    // Distribution's "Add to Slack" asks for the same ones.
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_uninstalled', 'tokens_revoked']));
  });

  it('asks for the history scopes only as optional: the bot works without them', () => {
    // They only serve the announcement outbox's check after a crash (src/slack/announce.ts), which
    // posts anyway, and logs why, when it cannot read the channel.
    expect([...manifest.oauth_config.scopes.bot_optional].sort()).toEqual(['channels:history', 'groups:history']);
  });

  it('states the Socket Mode flag explicitly', () => {
    expect(typeof manifest.settings.socket_mode_enabled).toBe('boolean');
  });
});
