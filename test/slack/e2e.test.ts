/**
 * End to end with the real core: knowledge files → createResponder → the Slack app over loopback
 * HTTP → what the user would see. Uses the small fixture record so the expectations stay stable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatRange } from '../../src/core/format.js';
import { createResponder } from '../../src/core/responder.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { startSlack, type SlackHandle } from '../../src/slack/index.js';
import { BOT_TOKEN, buttonsOf, captureLogger, contextTexts, sectionTexts, SIGNING_SECRET, slackSignature, startFakeSlack, waitFor, type FakeSlack } from './helpers.js';

let fake: FakeSlack;
let slack: SlackHandle;
let base: string;
let knowledge: Knowledge;
const NOW = new Date('2018-03-20T09:00:00Z');

beforeAll(async () => {
  const loaded = loadKnowledge('test/fixtures/kb-minimal');
  if (!loaded.ok) throw new Error(`fixture knowledge does not load: ${JSON.stringify(loaded.problems)}`);
  knowledge = loaded.knowledge;
  fake = await startFakeSlack();
  slack = await startSlack(
    { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: fake.apiUrl, PORT: 0 },
    { responder: createResponder(knowledge, { clock: () => NOW }), logger: captureLogger().logger },
    { host: '127.0.0.1', retryConfig: { retries: 0 } },
  );
  base = `http://127.0.0.1:${slack.port}`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

const post = (raw: string, contentType: string) =>
  fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...slackSignature(SIGNING_SECRET, raw) }, body: raw });
const command = (text: string, id: string) =>
  new URLSearchParams({
    command: '/sma',
    text,
    team_id: 'T1',
    channel_id: 'C1',
    user_id: 'U1',
    api_app_id: 'A1',
    trigger_id: 't',
    response_url: `${fake.url}/response/${id}`,
  }).toString();

describe('Slack with the real core', () => {
  it('/sma next-round tells when the next round is, with its source and as-of date', async () => {
    await post(command('next-round', 'e2e-next'), 'application/x-www-form-urlencoded');
    const r = await waitFor(() => fake.responses.find((x) => x.id === 'e2e-next'));
    // Round 2 of the fixture record: 9–15 April 2018, written the way the core writes dates.
    const when = formatRange('2018-04-09', '2018-04-15');
    expect(sectionTexts(r.body)[0]).toContain(when);
    const [context] = contextTexts(r.body);
    expect(context).toMatch(/^Sources?: Yonhap, ".+" \(.+\).* · as of .+$/);
    expect(context).toContain(`as of ${formatDate('2018-03-12')}`);
    expect(r.body.text).toContain(when);
  });

  it("/sma help shows the core's help and the Slack commands", async () => {
    await post(command('help', 'e2e-help'), 'application/x-www-form-urlencoded');
    const r = await waitFor(() => fake.responses.find((x) => x.id === 'e2e-help'));
    const all = sectionTexts(r.body).join('\n');
    expect(all).toContain('I answer questions about the South Korea–US defense cost-sharing talks');
    expect(all).toContain('/sma next-round');
    const next = buttonsOf(r.body).find((b) => b.text.text === 'When is the next round?');
    expect(next.value).toBe('r:{"i":"next-round"}');
  });

  it('/sma rounds 10 lists the rounds of the 10th SMA talks', async () => {
    await post(command('rounds 10', 'e2e-rounds'), 'application/x-www-form-urlencoded');
    const r = await waitFor(() => fake.responses.find((x) => x.id === 'e2e-rounds'));
    expect(sectionTexts(r.body)[0]).toMatch(/^\*Rounds of the 10th SMA talks\*/);
  });

  it('after a restart, the help\'s "When is the next round?" button still answers the next round', async () => {
    await post(command('help', 'e2e-help-2'), 'application/x-www-form-urlencoded');
    const help = (await waitFor(() => fake.responses.find((x) => x.id === 'e2e-help-2'))).body;
    const next = buttonsOf(help).find((b) => b.text.text === 'When is the next round?');
    await post(command('next-round', 'e2e-next-2'), 'application/x-www-form-urlencoded');
    const typed = (await waitFor(() => fake.responses.find((x) => x.id === 'e2e-next-2'))).body;

    const restarted = await startSlack(
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: fake.apiUrl, PORT: 0 },
      { responder: createResponder(knowledge, { clock: () => NOW }), logger: captureLogger().logger },
      { host: '127.0.0.1', retryConfig: { retries: 0 } },
    );
    try {
      const payload = {
        type: 'block_actions',
        team: { id: 'T1', domain: 'x' },
        user: { id: 'U1', username: 'ana' },
        api_app_id: 'A1',
        token: 't',
        trigger_id: 't',
        container: { type: 'message', message_ts: '8.1', channel_id: 'C1', is_ephemeral: true },
        channel: { id: 'C1', name: 'x' },
        response_url: `${fake.url}/response/e2e-restart-click`,
        actions: [{ ...next, block_id: 'sma_actions', action_ts: '8.2' }],
      };
      const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      await fetch(`http://127.0.0.1:${restarted.port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(SIGNING_SECRET, raw) },
        body: raw,
      });
      const r = await waitFor(() => fake.responses.find((x) => x.id === 'e2e-restart-click'));
      expect(sectionTexts(r.body)).toEqual(sectionTexts(typed));
    } finally {
      await restarted.stop();
    }
  });

  it('a mention the core cannot place gets choices as buttons in the thread; clicking one answers it', async () => {
    const event = { type: 'app_mention', user: 'U1', text: '<@UBOT> who lead the tallks?', ts: '9.1', channel: 'C-E2E', event_ts: '9.1' };
    await post(JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'EvE2E', event_time: 1, event }), 'application/json');
    const call = await waitFor(() => fake.calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === 'C-E2E'));
    expect(call.body.thread_ts).toBe('9.1');
    // "Did you mean…" (or "I don't know" with suggestions): no heading, the choices as buttons.
    expect(sectionTexts(call.body)[0]).not.toMatch(/^\*/);
    const [choice] = buttonsOf(call.body);
    expect(choice).toMatchObject({ action_id: 'sma_ask_0', value: expect.any(String) });

    const payload = {
      type: 'block_actions',
      team: { id: 'T1', domain: 'x' },
      user: { id: 'U2', username: 'bo' },
      api_app_id: 'A1',
      token: 't',
      trigger_id: 't',
      container: { type: 'message', message_ts: call.body.ts ?? '9.2', channel_id: 'C-E2E', thread_ts: '9.1', is_ephemeral: false },
      channel: { id: 'C-E2E', name: 'x' },
      response_url: `${fake.url}/response/e2e-click`,
      actions: [{ ...choice, block_id: 'sma_actions', action_ts: '9.3' }],
    };
    await post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
    const r = await waitFor(() => fake.responses.find((x) => x.id === 'e2e-click'));
    expect(r.body.response_type).toBe('ephemeral');
    // A knowledge answer this time: a heading, and its sources in the context line.
    expect(sectionTexts(r.body)[0]).toMatch(/^\*.+\*\n./);
    expect(contextTexts(r.body)[0]).toMatch(/^Sources?: /);
    expect(buttonsOf(r.body).at(-1).action_id).toBe('sma_share');
  });
});
