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
    // channels:/groups:history only serve the announcement outbox's check after a crash (src/slack/announce.ts).
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'files:write', 'groups:history', 'im:history']);
    // Distribution's "Add to Slack" asks for the same ones.
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_uninstalled', 'tokens_revoked']));
  });

  it('states the Socket Mode flag explicitly', () => {
    expect(typeof manifest.settings.socket_mode_enabled).toBe('boolean');
  });
});
