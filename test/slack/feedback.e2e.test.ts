/**
 * 👍/👎 through the real Bolt stack: signed requests over loopback HTTP, the real core on the
 * fixture record, the Web API and response_urls on the loopback fake, votes in a real SQLite file.
 * A vote, the same vote again, a changed vote, a 👎 with a reason through the modal, a second
 * person, a click after a restart (a new app and a new store over the same file), and a store
 * that cannot be used.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ResilientStore, type BotStore } from '../../src/announce/resilientStore.js';
import { openCheckedSqliteStore } from '../../src/announce/sqliteStore.js';
import { StoreUnavailableError, type AnnouncementStore } from '../../src/announce/store.js';
import { createResponder } from '../../src/core/responder.js';
import { Feedback } from '../../src/curation/feedback.js';
import { hashUserId } from '../../src/curation/hashId.js';
import { loadOrThrow } from '../../src/boot.js';
import { startSlack, type SlackHandle } from '../../src/slack/index.js';
import { tempDir } from '../announce/helpers.js';
import { BOT_TOKEN, buttonsOf, captureLogger, SIGNING_SECRET, slackSignature, slashCommandForm, startFakeSlack, waitFor, type FakeSlack } from './helpers.js';

const NOW = new Date('2018-03-20T09:00:00Z');
const responder = createResponder(loadOrThrow('test/fixtures/kb-minimal'), { clock: () => NOW });
const MESSAGE_TS = '1700000000.000100';

let fake: FakeSlack;
let tmp: ReturnType<typeof tempDir>;
const running: { slack: SlackHandle; store: AnnouncementStore }[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.slack.stop();
    await r.store.close();
  }
  tmp?.remove();
});

/** A bot over the store in `dir` (as `npm start` opens it: checked SQLite behind the resilient store). */
async function startBot(dir: string, open: () => Promise<BotStore> = () => openCheckedSqliteStore(dir)) {
  const log = captureLogger();
  const store = new ResilientStore({ location: dir, open, logger: log.logger });
  const feedback = new Feedback({ store, logger: log.logger });
  const slack = await startSlack(
    { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: fake.apiUrl, PORT: 0 },
    { responder, logger: log.logger, clock: () => NOW, feedback },
    { host: '127.0.0.1', retryConfig: { retries: 0 } },
  );
  running.push({ slack, store });
  const post = (raw: string, contentType: string) =>
    fetch(`http://127.0.0.1:${slack.port}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...slackSignature(SIGNING_SECRET, raw) }, body: raw });
  const interact = (payload: object) => post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
  let clicks = 0;
  return {
    store,
    log,
    /** `/sma <text>`: the private answer as posted to its response_url. */
    async ask(text: string, user = 'U1') {
      const id = `ask-${Math.random().toString(36).slice(2)}`;
      await post(slashCommandForm(text, user, `${fake.url}/response/${id}`), 'application/x-www-form-urlencoded');
      return (await waitFor(() => fake.responses.find((r) => r.id === id))).body;
    },
    /** A click on `button` of the message `messageTs`; resolves with what the response_url got, if anything is awaited. */
    async click(button: any, user = 'U1', messageTs = MESSAGE_TS) {
      const id = `click-${++clicks}-${Math.random().toString(36).slice(2)}`;
      const trigger = `trigger-${id}`;
      await interact({
        type: 'block_actions',
        team: { id: 'T1', domain: 'x' },
        user: { id: user, username: user.toLowerCase() },
        api_app_id: 'A1',
        token: 't',
        trigger_id: trigger,
        container: { type: 'message', message_ts: messageTs, channel_id: 'C1', is_ephemeral: true },
        channel: { id: 'C1', name: 'x' },
        response_url: `${fake.url}/response/${id}`,
        actions: [{ ...button, block_id: 'sma_votes', action_ts: '1.2' }],
      });
      return { responseId: id, trigger };
    },
    /** Submits the modal that views.open showed for `trigger`, with this reason typed. */
    async submit(trigger: string, reason: string | null, user = 'U1') {
      const opened = await waitFor(() => fake.calls.find((c) => c.method === 'views.open' && c.body.trigger_id === trigger));
      const view = opened.body.view;
      const res = await interact({
        type: 'view_submission',
        team: { id: 'T1', domain: 'x' },
        user: { id: user, username: user.toLowerCase() },
        api_app_id: 'A1',
        token: 't',
        trigger_id: 't2',
        view: {
          id: 'V1',
          type: 'modal',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          state: { values: { sma_reason: { reason: { type: 'plain_text_input', value: reason } } } },
        },
      });
      return { view, status: res.status, body: (await res.text()) || '{}' };
    },
  };
}

const reply = async (id: string) => (await waitFor(() => fake.responses.find((r) => r.id === id))).body;
const voteButtons = (message: any) =>
  Object.fromEntries(
    buttonsOf(message)
      .filter((b) => b.action_id.startsWith('sma_vote_'))
      .map((b) => [b.action_id, b]),
  );

describe('Slack 👍/👎', () => {
  it('an answer from the record carries 👍/👎 that name its fact; "did you mean…" and help carry none', async () => {
    tmp = tempDir();
    const bot = await startBot(tmp.dir);
    const answer = await bot.ask('how big is usfk');
    const buttons = voteButtons(answer);
    expect(buttons.sma_vote_up).toMatchObject({ text: { text: '👍 Helpful' }, accessibility_label: 'Helpful' });
    expect(buttons.sma_vote_up.value).toMatch(/^v:u:f:[a-z0-9-]+$/);
    expect(buttons.sma_vote_down.value).toBe(buttons.sma_vote_up.value.replace('v:u:', 'v:d:'));
    expect(answer.blocks.at(-1).block_id).toBe('sma_votes');
    expect(voteButtons(await bot.ask('help'))).toEqual({});
    const choices = await bot.ask('who lead the tallks?');
    expect(buttonsOf(choices).some((b) => b.action_id.startsWith('sma_ask_'))).toBe(true); // "did you mean…" options…
    expect(voteButtons(choices)).toEqual({}); // …and nothing to vote on
  });

  it('a vote, the same again, a 👎 with a reason (modal), a second person, then after a restart a click on the old message', async () => {
    tmp = tempDir();
    let bot = await startBot(tmp.dir);
    const { sma_vote_up: up, sma_vote_down: down } = voteButtons(await bot.ask('how big is usfk'));
    const factId = up.value.slice('v:u:f:'.length);

    const first = await bot.click(up);
    expect((await reply(first.responseId)).text).toBe('Thanks — recorded 👍.');
    expect((await reply(first.responseId)).response_type).toBe('ephemeral');
    const again = await bot.click(up);
    expect((await reply(again.responseId)).text).toBe('You had already voted 👍 on this answer.');

    // 👎 opens the modal (nothing recorded yet); its submission records the 👎 with the reason.
    const clickDown = await bot.click(down);
    const submitted = await bot.submit(clickDown.trigger, '  Stale since\nQ3 <!channel>  ');
    expect(submitted.view).toMatchObject({ type: 'modal', title: { text: 'What was wrong?' }, submit: { text: 'Send 👎' } });
    expect(submitted.view.blocks[0]).toMatchObject({ type: 'input', optional: true, element: { type: 'plain_text_input', max_length: 200 } });
    expect(submitted.status).toBe(200);
    const done = JSON.parse(submitted.body);
    expect(done.response_action).toBe('update');
    expect(done.view.blocks[0].text.text).toBe('Thanks — your vote is changed to 👎 with your reason.');
    expect(JSON.stringify(done)).not.toContain('channel>'); // the reason is never shown back
    expect(fake.responses.find((r) => r.id === clickDown.responseId)).toBeUndefined();

    const second = await bot.click(up, 'U2');
    expect((await reply(second.responseId)).text).toBe('Thanks — recorded 👍.');

    const secret = await bot.store.curationSecret();
    const votes = await bot.store.votes(new Date(0));
    expect(votes.map((v) => [v.voter, v.value, v.reason])).toEqual([
      [hashUserId(secret, 'slack', 'U1'), 'down', 'Stale since Q3 <!channel>'],
      [hashUserId(secret, 'slack', 'U2'), 'up', undefined],
    ]);
    expect(votes[0]).toMatchObject({ answer: { intent: 'fact', factId, language: 'en' }, answerKey: `slack:T1:C1:${MESSAGE_TS}`, platform: 'slack' });
    expect(JSON.stringify(votes)).not.toMatch(/"U1"|"U2"/);
    expect(bot.log.text()).not.toContain('Stale since'); // nor is it logged

    // Restart: a new app and a new store over the same file; a click on the old message's 👍.
    for (const r of running.splice(0)) {
      await r.slack.stop();
      await r.store.close();
    }
    bot = await startBot(tmp.dir);
    const afterRestart = await bot.click(up);
    expect((await reply(afterRestart.responseId)).text).toBe('Thanks — your vote is changed to 👍.');
    expect((await bot.store.votes(new Date(0))).map((v) => [v.voter, v.value, v.reason])).toEqual([
      [hashUserId(secret, 'slack', 'U2'), 'up', undefined],
      [hashUserId(secret, 'slack', 'U1'), 'up', undefined],
    ]);
    // Another answer (another message) is voted on apart.
    const other = await bot.click(up, 'U1', '1700000000.000200');
    expect((await reply(other.responseId)).text).toBe('Thanks — recorded 👍.');
    expect(await bot.store.votes(new Date(0))).toHaveLength(3);
  });

  it('a Korean answer is thanked in Korean; an unreadable vote gets a note and records nothing', async () => {
    tmp = tempDir();
    const bot = await startBot(tmp.dir);
    const { sma_vote_up: up } = voteButtons(await bot.ask('주한미군 규모는?'));
    expect(up.value).toMatch(/^v:u:ko:f:/);
    expect(up.text.text).toBe('👍 도움이 됐어요');
    const click = await bot.click(up);
    expect((await reply(click.responseId)).text).toBe('감사합니다. 👍 평가를 기록했습니다.');
    const bad = await bot.click({ ...up, value: 'v:u:f:../../etc' });
    expect((await reply(bad.responseId)).text).toBe('I could not tell which answer that vote was for. Please ask again and vote on the new answer.');
    expect(await bot.store.votes(new Date(0))).toHaveLength(1);
  });

  it('a store that cannot be used: the click and the modal say to try again, the modal keeps the reason, nothing crashes', async () => {
    tmp = tempDir();
    const bot = await startBot(tmp.dir, async () => {
      throw new StoreUnavailableError(tmp.dir, 'the disk is full (SQLITE_FULL: test)');
    });
    const { sma_vote_up: up, sma_vote_down: down } = voteButtons(await bot.ask('how big is usfk'));
    const click = await bot.click(up);
    expect((await reply(click.responseId)).text).toBe('Sorry, I could not record your vote just now. Please try again in a moment.');
    const clickDown = await bot.click(down);
    const submitted = await bot.submit(clickDown.trigger, 'stale figure');
    expect(JSON.parse(submitted.body)).toEqual({
      response_action: 'errors',
      errors: { sma_reason: 'Sorry, I could not record your vote just now. Please try again in a moment.' },
    });
    expect(bot.log.find('feedback vote not recorded; the voter was asked to try again')).toMatchObject({ reason: 'the disk is full (SQLITE_FULL: test)' });
  });
});
