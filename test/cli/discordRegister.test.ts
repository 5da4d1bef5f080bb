/**
 * `sma discord register` as an operator runs it (in-process, through the CLI's `main`), with
 * discord.js's REST client against a loopback fake of Discord's REST API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../discord/fakeDiscord.js';
import { sma as runCli } from '../support/cli.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.fake01.register-token-not-real-0000000';
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(() => fake.close());

const sma = (args: string[], env: Record<string, string>) => runCli(['discord', 'register', ...args], { env }).then((r) => ({ code: r.code, stdout: r.out, stderr: r.err }));

describe('sma discord register', () => {
  it('PUTs the commands to the guild given and prints them', async () => {
    const r = await sma(['--guild', '200000000000000002'], { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_URL: fake.api });
    expect(r.code).toBe(0);
    const put = fake.calls.find((c) => c.method === 'PUT');
    expect(put?.path).toBe('/applications/100000000000000001/guilds/200000000000000002/commands');
    expect((put!.body as { name: string }[]).map((c) => c.name)).toEqual(['sma', 'sma-admin']);
    expect(r.stdout).toMatch(/\/sma/);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('offers the agreements of the record in KNOWLEDGE_DIR, newest first', async () => {
    const r = await sma(['--guild', '200000000000000002'], {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: '100000000000000001',
      DISCORD_API_URL: fake.api,
      KNOWLEDGE_DIR: 'test/fixtures/kb-minimal',
    });
    expect(r.code).toBe(0);
    const [sma_] = fake.calls.filter((c) => c.method === 'PUT').at(-1)!.body as any[];
    const agreement = sma_.options.find((o: any) => o.name === 'rounds').options.find((o: any) => o.name === 'agreement');
    expect(agreement.choices).toEqual([
      { name: '10th SMA (2019)', name_localizations: { ko: '제10차 SMA(2019년)' }, value: 10 },
      { name: '9th SMA (2014–2018)', name_localizations: { ko: '제9차 SMA(2014~2018년)' }, value: 9 },
    ]);
  });

  it('a broken record stops registration with its problems, before any request', async () => {
    const before = fake.calls.length;
    const r = await sma(['--guild', '200000000000000002'], {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: '100000000000000001',
      DISCORD_API_URL: fake.api,
      KNOWLEDGE_DIR: 'test/fixtures/no-such-record',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/knowledge base has/i);
    expect(fake.calls.length).toBe(before);
  });

  it("--unregister clears the guild's commands with an empty PUT", async () => {
    const r = await sma(['--guild', '200000000000000002', '--unregister'], { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_URL: fake.api });
    expect(r.code).toBe(0);
    const put = fake.calls.filter((c) => c.method === 'PUT').at(-1);
    expect(put?.path).toBe('/applications/100000000000000001/guilds/200000000000000002/commands');
    expect(put?.body).toEqual([]);
  });

  it('without credentials it explains what is missing and exits 2', async () => {
    const r = await sma([], { DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
  });
});
