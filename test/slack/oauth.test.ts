/**
 * Slack distribution across instances: three real Bolt apps (HTTP mode, OAuth) in this process,
 * sharing one Postgres schema, against the loopback fake Slack Web API (which answers
 * oauth.v2.access and a per-token auth.test). Installed through A, the redirect handled by B,
 * events answered by C with that workspace's own token (the Authorization header the fake
 * receives); announcements posted with each workspace's token; token rotation refreshed once
 * however many instances ask; an uninstall removes the installation, the workspace's
 * subscriptions and its deliveries not yet sent. Never slack.com.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AnnouncementEvent } from '../../src/announce/events.js';
import { connectPostgres, PostgresStore, type Sql } from '../../src/announce/postgresStore.js';
import { PostError } from '../../src/announce/delivery.js';
import { createSubscriptions } from '../../src/announce/subscriptions.js';
import { createSlackPoster } from '../../src/slack/announce.js';
import { startSlack, type SlackHandle } from '../../src/slack/index.js';
import { BOT_SCOPES, openSlackOAuth, type SlackOAuth } from '../../src/slack/oauth/index.js';
import { PostgresConversationState } from '../../src/state/conversationState.js';
import { describePostgres, dropSchema, freshSchema } from '../support/postgres.js';
import {
  buttonsOf,
  captureLogger,
  fakeResponder,
  SIGNING_SECRET,
  slackSignature,
  startFakeSlack,
  waitFor,
  type ApiCall,
  type CapturedLogger,
  type FakeResponder,
  type FakeSlack,
} from './helpers.js';

const CLIENT_ID = '1111.2222';
const CLIENT_SECRET = 'c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6';
const STATE_SECRET = 'state-secret-shared-by-every-instance-0123';
const TOKEN_KEY = randomBytes(32).toString('base64');

describePostgres('Slack distribution: OAuth across instances on one Postgres', (url) => {
  const schema = freshSchema('oauth');
  let fake: FakeSlack;
  let store: PostgresStore;
  let sql: Sql;
  let responder: FakeResponder;
  let log: CapturedLogger;
  const names = ['A', 'B', 'C'] as const;
  const instances: Record<(typeof names)[number], { slack: SlackHandle; oauth: SlackOAuth; base: string }> = {} as never;

  /** Workspace → the token it was issued; refresh tokens still unspent; every oauth.v2.access call. */
  const issued = new Map<string, string>();
  const liveRefresh = new Map<string, string>();
  const tokenCalls: ApiCall[] = [];
  let rotation = 0;
  /** Workspaces whose install gives a token expiring within the refresh window (token rotation). */
  const expiringSoon = new Set<string>();

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.methods.set('oauth.v2.access', async (call) => {
      tokenCalls.push(call);
      const b = call.body;
      if (b.client_id !== CLIENT_ID || b.client_secret !== CLIENT_SECRET) return { ok: false, error: 'invalid_client_id' };
      if (b.grant_type === 'refresh_token') {
        const team = liveRefresh.get(String(b.refresh_token));
        // As Slack: a refresh token works once; a second concurrent refresh is refused.
        await new Promise((r) => setTimeout(r, 150));
        if (!team || !liveRefresh.delete(String(b.refresh_token))) return { ok: false, error: 'invalid_refresh_token' };
        const token = `xoxe.xoxb-${team}-rotated-${++rotation}`;
        const refresh = `xoxe-1-${team}-r${rotation}`;
        issued.set(team, token);
        liveRefresh.set(refresh, team);
        return { ok: true, token_type: 'bot', access_token: token, refresh_token: refresh, expires_in: 43_200 };
      }
      const team = /^code-(T\w+)$/.exec(String(b.code))?.[1];
      if (!team) return { ok: false, error: 'invalid_code' };
      const token = `xoxe.xoxb-${team}-${randomBytes(4).toString('hex')}`;
      const refresh = `xoxe-1-${team}-r0`;
      issued.set(team, token);
      liveRefresh.set(refresh, team);
      return {
        ok: true,
        app_id: 'A1',
        authed_user: { id: 'UADMIN' },
        scope: BOT_SCOPES.join(','),
        token_type: 'bot',
        access_token: token,
        bot_user_id: 'UBOT',
        refresh_token: refresh,
        expires_in: expiringSoon.has(team) ? 3600 : 43_200,
        team: { id: team, name: `Newsroom ${team}` },
        enterprise: null,
        is_enterprise_install: false,
      };
    });
    // auth.test answers for whichever workspace the token belongs to.
    fake.methods.set('auth.test', (call) => {
      const token = String(call.headers.authorization ?? '').replace(/^Bearer /, '');
      const team = [...issued].find(([, t]) => t === token)?.[0];
      return team ? { ok: true, team_id: team, user_id: 'UBOT', bot_id: 'BBOT' } : { ok: false, error: 'invalid_auth' };
    });

    store = await PostgresStore.open(url, { schema });
    sql = connectPostgres(url, { max: 2, schema });
    responder = fakeResponder();
    log = captureLogger();
    const config = {
      SLACK_CLIENT_ID: CLIENT_ID,
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
      SLACK_STATE_SECRET: STATE_SECRET,
      SLACK_TOKEN_KEY: TOKEN_KEY,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: url,
    };
    for (const name of names) {
      const logger = log.logger.child({ instance: name });
      const oauth = openSlackOAuth(config, { logger, schema });
      const slack = await startSlack(
        { SLACK_CLIENT_ID: CLIENT_ID, SLACK_BOT_TOKEN: undefined, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: fake.apiUrl, PORT: 0 },
        { responder, logger, subscriptions: createSubscriptions(store, []), conversationState: new PostgresConversationState(sql) },
        { host: '127.0.0.1', retryConfig: { retries: 0 }, oauth },
      );
      instances[name] = { slack, oauth, base: `http://127.0.0.1:${slack.port}` };
    }
  });

  afterAll(async () => {
    for (const i of Object.values(instances)) {
      await i.slack.stop();
      await i.oauth.close();
    }
    await sql?.end({ timeout: 1 });
    await store?.close();
    await fake?.close();
    await dropSchema(url, schema);
  });

  /** The install page of one instance, then Slack sending the browser back to another with a code. */
  async function install(team: string, via: { page: string; redirect: string }, cookieOverride?: string): Promise<Response> {
    const pageRes = await fetch(`${via.page}/slack/install`);
    expect(pageRes.status).toBe(200);
    const href = /id="add-to-slack" href="([^"]+)"/.exec(await pageRes.text())?.[1]?.replace(/&#38;/g, '&');
    const authorize = new URL(href!);
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(authorize.searchParams.get('scope')?.split(',')).toEqual(BOT_SCOPES);
    const state = authorize.searchParams.get('state')!;
    const cookie = pageRes.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('slack-app-oauth-state='));
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
    return fetch(`${via.redirect}/slack/oauth_redirect?code=code-${team}&state=${encodeURIComponent(state)}`, { headers: { cookie: cookieOverride ?? cookie! } });
  }

  let n = 0;
  const sendEvent = (base: string, team: string, event: Record<string, unknown>) => {
    const raw = JSON.stringify({ type: 'event_callback', team_id: team, api_app_id: 'A1', event_id: `Ev${++n}`, event_time: 1, event });
    return fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...slackSignature(SIGNING_SECRET, raw) }, body: raw });
  };
  const mention = (base: string, team: string, channel: string, text = 'when is the next round?') =>
    sendEvent(base, team, { type: 'app_mention', user: 'U1', text: `<@UBOT> ${text}`, channel, ts: `${1700000000 + ++n}.000100`, team });
  const postsTo = (channel: string) => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel);

  it("installed through A, the redirect handled by B, an event answered by C with that workspace's token", async () => {
    const done = await install('T9', { page: instances.A.base, redirect: instances.B.base });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('SMA bot is now in Newsroom T9');
    expect((await install('T8', { page: instances.C.base, redirect: instances.A.base })).status).toBe(200);

    // At rest: sealed, no token in clear.
    const rows = await sql<{ installation_key: string; sealed: string }[]>`SELECT installation_key, sealed FROM slack_installations ORDER BY installation_key`;
    expect(rows.map((r) => r.installation_key)).toEqual(['T:T8', 'T:T9']);
    const secrets = [...issued.values(), ...liveRefresh.keys()];
    expect(secrets.length).toBe(4);
    for (const r of rows) for (const secret of secrets) expect(r.sealed).not.toContain(secret);
    expect(rows[0]!.sealed).toMatch(/^v1\.[0-9a-f]{8}\./);

    expect((await mention(instances.C.base, 'T9', 'C9')).status).toBe(200);
    const post = await waitFor(() => postsTo('C9')[0]);
    expect(post.headers.authorization).toBe(`Bearer ${issued.get('T9')}`);
    expect(post.body.thread_ts).toMatch(/^\d+\.\d+$/);

    await mention(instances.B.base, 'T8', 'C8');
    expect((await waitFor(() => postsTo('C8')[0])).headers.authorization).toBe(`Bearer ${issued.get('T8')}`);
    expect(issued.get('T8')).not.toBe(issued.get('T9'));
    expect(log.text()).not.toMatch(/xoxe[.-]/);
  });

  it("refuses a redirect whose state is not the browser's own (CSRF), without exchanging the code", async () => {
    const before = tokenCalls.length;
    const res = await install('T5', { page: instances.A.base, redirect: instances.B.base }, 'slack-app-oauth-state=someone-elses');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('was not installed');
    expect(tokenCalls.length).toBe(before);
    expect((await sql`SELECT 1 FROM slack_installations WHERE team_id = 'T5'`).length).toBe(0);
  });

  it('a Share click handled by another instance shares the answer the first one gave, once', async () => {
    const responseId = `share-${++n}`;
    const raw = new URLSearchParams({
      command: '/sma',
      text: 'who leads the talks?',
      team_id: 'T9',
      channel_id: 'C9',
      user_id: 'U1',
      user_name: 'ana',
      api_app_id: 'A1',
      trigger_id: 't',
      token: 'x',
      response_url: `${fake.url}/response/${responseId}`,
    }).toString();
    await fetch(`${instances.A.base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(SIGNING_SECRET, raw) },
      body: raw,
    });
    const privateAnswer = await waitFor(() => fake.responses.find((r) => r.id === responseId));
    const share = buttonsOf(privateAnswer.body).find((b) => b.action_id === 'sma_share');
    expect(share).toBeDefined();
    const asked = responder.asked.length;

    const click = (base: string, id: string) => {
      const payload = JSON.stringify({
        type: 'block_actions',
        team: { id: 'T9', domain: 'x' },
        user: { id: 'U2', username: 'bo', team_id: 'T9' },
        api_app_id: 'A1',
        token: 'x',
        container: { type: 'message', message_ts: '1700000000.000200', channel_id: 'C9', is_ephemeral: true },
        channel: { id: 'C9', name: 'talks' },
        response_url: `${fake.url}/response/${id}`,
        actions: [{ ...share, type: 'button', block_id: 'b', action_ts: '1' }],
      });
      const body = new URLSearchParams({ payload }).toString();
      return fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(SIGNING_SECRET, body) }, body });
    };
    await click(instances.B.base, `${responseId}-click1`);
    const shared = await waitFor(() => fake.responses.find((r) => r.id === `${responseId}-click1` && r.body.response_type === 'in_channel'));
    expect(JSON.stringify(shared.body.blocks)).toContain('who leads the talks?');
    expect(responder.asked.length).toBe(asked); // B shared A's answer: nothing asked again

    // A double click landing on C: posted once.
    await click(instances.C.base, `${responseId}-click2`);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responses.filter((r) => r.id === `${responseId}-click2`)).toEqual([]);
  });

  it("announcements post with each workspace's own token; a workspace without an installation fails for good", async () => {
    const poster = createSlackPoster((channel) => instances.C.oauth.announcementClient(channel), { logger: log.logger });
    const event: AnnouncementEvent = { id: 'e-tokens', kind: 'round-scheduled', subject: 'r', headline: 'Round 3 on June 26', detail: '' };
    await poster.post({ platform: 'slack', workspaceId: 'T8', channelId: 'CNEWS8' }, event, { key: 'k8', uncertain: false, since: Date.now() });
    await poster.post({ platform: 'slack', workspaceId: 'T9', channelId: 'CNEWS9' }, event, { key: 'k9', uncertain: false, since: Date.now() });
    expect(postsTo('CNEWS8')[0]!.headers.authorization).toBe(`Bearer ${issued.get('T8')}`);
    expect(postsTo('CNEWS9')[0]!.headers.authorization).toBe(`Bearer ${issued.get('T9')}`);
    const error = await poster
      .post({ platform: 'slack', workspaceId: 'TNONE', channelId: 'CX' }, event, { key: 'kx', uncertain: false, since: Date.now() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect((error as PostError).options.permanent).toBe(true);
    expect((error as PostError).message).toMatch(/no Slack installation for workspace TNONE/);
  });

  it('a rotating token about to expire is refreshed once, however many instances need it at the same moment', async () => {
    expiringSoon.add('T7');
    expect((await install('T7', { page: instances.B.base, redirect: instances.C.base })).status).toBe(200);
    const first = issued.get('T7');
    const refreshesBefore = tokenCalls.filter((c) => c.body.grant_type === 'refresh_token').length;

    // Two instances' posters and a third instance's event, all at once.
    const tokens = await Promise.all([instances.A.oauth.installations.botToken('T7'), instances.B.oauth.installations.botToken('T7')]);
    const [, answered] = await Promise.all([mention(instances.C.base, 'T7', 'C7'), waitFor(() => postsTo('C7')[0], 5000)]);

    const refreshes = tokenCalls.filter((c) => c.body.grant_type === 'refresh_token').length - refreshesBefore;
    expect(refreshes).toBe(1);
    const rotated = issued.get('T7')!;
    expect(rotated).toMatch(/rotated/);
    expect(rotated).not.toBe(first);
    expect(tokens).toEqual([rotated, rotated]);
    expect(answered.headers.authorization).toBe(`Bearer ${rotated}`);
    expect(log.text()).not.toContain('invalid_refresh_token');
    // Fresh for hours now: nobody refreshes again.
    await instances.C.oauth.installations.botToken('T7');
    expect(tokenCalls.filter((c) => c.body.grant_type === 'refresh_token').length - refreshesBefore).toBe(1);
  });

  it("app_uninstalled (and tokens_revoked for the bot) remove the installation, the workspace's subscriptions and its pending deliveries", async () => {
    const ch = (workspaceId: string, channelId: string) => ({ platform: 'slack' as const, workspaceId, channelId });
    await store.subscribe(ch('T9', 'C9'), 'U1');
    await store.subscribe(ch('T8', 'C8'), 'U1');
    await store.subscribe({ platform: 'discord', workspaceId: '200000000000000002', channelId: '300000000000000001' });
    await store.enqueue([{ id: 'e-uninstall', kind: 'round-scheduled', subject: 'r', headline: 'h', detail: '' }], await store.subscriptions(), Date.now());
    const pending = async () =>
      (await store.outbox())
        .filter((d) => d.event.id === 'e-uninstall')
        .map((d) => d.channel.channelId)
        .sort();
    expect(await pending()).toEqual(['300000000000000001', 'C8', 'C9']);

    expect((await sendEvent(instances.A.base, 'T9', { type: 'app_uninstalled' })).status).toBe(200);
    await until(async () => (await sql`SELECT 1 FROM slack_installations WHERE team_id = 'T9'`).length === 0);
    expect((await store.subscriptions('slack')).map((c) => c.channelId)).toEqual(['C8']);
    expect(await pending()).toEqual(['300000000000000001', 'C8']);
    expect(log.find("slack app uninstalled: installation and the workspace's announcements removed")).toMatchObject({
      team: 'T9',
      installations: 1,
      subscriptions: 1,
      deliveries: 1,
    });

    // Events from the uninstalled workspace are no longer answered (nothing to authorize them with).
    const before = fake.calls.length;
    await mention(instances.C.base, 'T9', 'C9');
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toEqual([]);

    // Revoking the bot's token is the same end; revoking user tokens only changes nothing.
    await sendEvent(instances.B.base, 'T8', { type: 'tokens_revoked', tokens: { oauth: ['UADMIN'] } });
    await new Promise((r) => setTimeout(r, 200));
    expect((await sql`SELECT 1 FROM slack_installations WHERE team_id = 'T8'`).length).toBe(1);
    await sendEvent(instances.B.base, 'T8', { type: 'tokens_revoked', tokens: { bot: ['UBOT'] } });
    await until(async () => (await sql`SELECT 1 FROM slack_installations WHERE team_id = 'T8'`).length === 0);
    expect(await store.subscriptions('slack')).toEqual([]);
    expect(await pending()).toEqual(['300000000000000001']);
  });
});

async function until(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('until: timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
