/**
 * `sma discord register [--guild ID]`: the PUT Discord receives (path, auth, body) and what the
 * CLI prints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../src/knowledge/schema.js';
import { ordinal } from '../../src/core/format.js';
import { formatRegistration, registerCommands, unregisterCommands } from '../../src/discord/register.js';
import { startFakeDiscord } from './fakeDiscord.js';
import type { FakeDiscord } from './fakeDiscord.js';
import { APP_ID, GUILD_ID } from './payloads.js';
import { recordKnowledge } from '../support/record.js';

const TOKEN = 'fake-bot-token';
const knowledge = recordKnowledge();
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake.close();
});

const lastPut = () => fake.calls.filter((c) => c.method === 'PUT').at(-1)!;

describe('registerCommands', () => {
  it('guild: PUTs /sma and /sma-admin to the guild route with the bot token', async () => {
    const result = await registerCommands({ token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, apiUrl: fake.api, rest: { retries: 0 } }, knowledge);
    const put = lastPut();
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);

    const [sma, admin] = put.body as any[];
    expect(put.body).toHaveLength(2);

    // /sma: everyone, in servers and DMs with the bot
    expect(sma).toMatchObject({ name: 'sma', type: 1, contexts: [0, 1] });
    expect(sma.default_member_permissions ?? null).toBeNull();
    expect(sma.options.map((o: any) => [o.type, o.name])).toEqual([
      [1, 'ask'],
      [1, 'next-round'],
      [1, 'rounds'],
      [1, 'summary'],
      [1, 'help'],
      [1, 'chart'],
      [1, 'language'],
    ]);
    const ask = sma.options[0];
    expect(ask.options[0]).toMatchObject({ type: 3, name: 'question', required: true, autocomplete: true, max_length: 500 });
    // Every subcommand that answers can answer privately; `language` always answers its asker privately.
    for (const sub of sma.options.filter((o: any) => o.name !== 'language')) {
      expect(sub.options.find((o: any) => o.name === 'private')).toMatchObject({ type: 5, required: false });
    }
    const agreement = sma.options[2].options[0];
    expect(agreement).toMatchObject({ type: 4, name: 'agreement', required: false });
    // The record's agreements, newest first, named with their years.
    const numbers = knowledge.agreements.map((a) => a.number).sort((a, b) => b - a);
    expect(agreement.choices.map((c: any) => c.value)).toEqual(numbers);
    const newest = knowledge.agreements.find((a) => a.number === numbers[0])!;
    expect(agreement.choices[0]).toEqual({
      name: `${ordinal(numbers[0]!)} SMA (${newest.period.from}–${newest.period.to})`,
      name_localizations: { ko: `제${numbers[0]}차 SMA(${newest.period.from}~${newest.period.to}년)` },
      value: numbers[0],
    });
    expect(agreement.choices.at(-1).name).toMatch(/^1st SMA \(\d{4}–\d{4}\)$/);
    for (const o of [sma, ...sma.options]) expect(o.description.length).toBeLessThanOrEqual(100);

    // /sma-admin: hidden from members without Manage Channels (1 << 4 = 16), servers only
    expect(admin).toMatchObject({ name: 'sma-admin', default_member_permissions: '16', contexts: [0] });
    expect(admin.options.map((o: any) => o.name)).toEqual(['subscribe', 'unsubscribe', 'subscriptions', 'report']);

    expect(result).toMatchObject({ scope: 'guild', guildId: GUILD_ID, applicationId: APP_ID });
    expect(result.commands.map((c) => [c.name, c.subcommands, c.defaultMemberPermissions])).toEqual([
      ['sma', ['ask', 'next-round', 'rounds', 'summary', 'help', 'chart', 'language'], null],
      ['sma-admin', ['subscribe', 'unsubscribe', 'subscriptions', 'report'], '16'],
    ]);
    expect(result.commands.every((c) => /^\d+$/.test(c.id))).toBe(true);

    const printed = formatRegistration(result);
    expect(printed).toContain(`Registered 2 commands in server ${GUILD_ID}`);
    expect(printed).toContain('/sma ask, next-round, rounds, summary, help');
    expect(printed).toMatch(/\/sma-admin subscribe, unsubscribe, subscriptions, report .*Manage Channels/);
  });

  it('global: the same body to the application route', async () => {
    const result = await registerCommands({ token: TOKEN, applicationId: APP_ID, apiUrl: `${fake.api}/`, rest: { retries: 0 } }, knowledge);
    const put = lastPut();
    expect(put.path).toBe(`/applications/${APP_ID}/commands`);
    expect((put.body as any[]).map((c) => c.name)).toEqual(['sma', 'sma-admin']);
    expect(result.scope).toBe('global');
    expect(formatRegistration(result)).toMatch(/^Registered 2 commands globally/);
  });

  it('the agreement choices follow the record: a new agreement appears at the next registration; at most 25, newest first', async () => {
    const base = knowledge.agreements[0]!;
    const agreements: Agreement[] = Array.from({ length: 30 }, (_, i) => ({ ...base, id: `sma-${i + 1}`, number: i + 1, period: { from: 1991 + i, to: 1992 + i } }));
    await registerCommands({ token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, apiUrl: fake.api, rest: { retries: 0 } }, { agreements });
    const choices = (lastPut().body as any[])[0].options[2].options[0].choices as { name: string; value: number }[];
    expect(choices).toHaveLength(25);
    expect(choices[0]).toMatchObject({ name: '30th SMA (2020–2021)', value: 30 });
    expect(choices.at(-1)).toMatchObject({ name: '6th SMA (1996–1997)', value: 6 });
    expect(choices.map((c) => c.name)).toContain('21st SMA (2011–2012)');
  });

  it('Korean localizations: every command, subcommand, option and choice has a `ko` name and description Discord accepts', async () => {
    await registerCommands({ token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, apiUrl: fake.api, rest: { retries: 0 } }, knowledge);
    // Discord's rule for chat-input names: 1–32 characters, lower case where a script has case, no spaces.
    const NAME = /^[-_\p{Ll}\p{Lm}\p{Lo}\p{N}]{1,32}$/u;
    const seen: string[] = [];
    const walk = (o: any, path: string) => {
      expect(o.name_localizations?.ko, `${path}: Korean name`).toMatch(NAME);
      expect(o.name_localizations.ko).toMatch(/\p{Script=Hangul}/u);
      expect(o.description_localizations?.ko, `${path}: Korean description`).toMatch(/\p{Script=Hangul}/u);
      expect(o.description_localizations.ko.length).toBeLessThanOrEqual(100);
      seen.push(`${path} → ${o.name_localizations.ko}`);
      for (const c of o.choices ?? []) expect(c.name_localizations?.ko, `${path} choice ${c.value}`).toMatch(/\p{Script=Hangul}|SMA/u);
      for (const child of o.options ?? []) walk(child, `${path} ${child.name}`);
    };
    for (const command of lastPut().body as any[]) walk(command, `/${command.name}`);
    // Options of one subcommand must have distinct localized names too, or Discord refuses the command.
    for (const command of lastPut().body as any[]) {
      for (const sub of command.options) {
        const names = (sub.options ?? []).map((o: any) => o.name_localizations.ko);
        expect(new Set(names).size).toBe(names.length);
      }
    }
    expect(seen).toContain('/sma → 방위비');
    expect(seen).toContain('/sma ask → 질문');
    expect(seen).toContain('/sma language language → 언어');
    expect(seen).toContain('/sma-admin subscribe language → 언어');
  });

  it('unregister: an empty PUT clears a test guild (so it does not show each command twice next to the global ones)', async () => {
    const result = await unregisterCommands({ token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, apiUrl: fake.api, rest: { retries: 0 } });
    const put = lastPut();
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.body).toEqual([]);
    expect(formatRegistration(result)).toBe(`Removed all commands from server ${GUILD_ID}.`);
  });

  it('rejects a malformed guild id before any request', async () => {
    const before = fake.calls.length;
    await expect(registerCommands({ token: TOKEN, applicationId: APP_ID, guildId: 'my-server', apiUrl: fake.api }, knowledge)).rejects.toThrow(/--guild/);
    expect(fake.calls.length).toBe(before);
  });

  it('surfaces Discord refusing the token as an error', async () => {
    fake.failNext('PUT', `/applications/${APP_ID}/`, 401, { message: '401: Unauthorized', code: 0 });
    await expect(registerCommands({ token: TOKEN, applicationId: APP_ID, apiUrl: fake.api, rest: { retries: 0 } }, knowledge)).rejects.toThrow(/Unauthorized/);
  });
});
