/**
 * `/sma chart` on the real discord.js stack: raw INTERACTION_CREATE payloads through the client's
 * own handler, REST on the loopback fake, which keeps the multipart body of the reply so the test
 * reads the attachment (the PNG and its description) exactly as Discord would receive it. The
 * language choices are in a real SQLite store: a Korean chart for a Korean client or choice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import { openAnnouncements, type AnnouncementState } from '../../src/announce/runtime.js';
import { createDiscordClient } from '../../src/discord/index.js';
import { DESCRIPTION_MAX } from '../../src/discord/commands/chart.js';
import { createLogger } from '../../src/log.js';
import { tempDir } from '../announce/helpers.js';
import { pngSize } from '../support/png.js';
import { fakeResponder } from './fakeResponder.js';
import { startFakeDiscord, waitFor, type Call, type FakeDiscord } from './fakeDiscord.js';
import { APP_ID, bool, int, slash, str } from './payloads.js';
import { recordKnowledge } from '../support/record.js';

let fake: FakeDiscord;
let client: Client;
let tmp: ReturnType<typeof tempDir>;
let state: AnnouncementState;
const kb = recordKnowledge();

beforeAll(async () => {
  fake = await startFakeDiscord();
  const logger = createLogger('error', () => {});
  tmp = tempDir('sma-discord-chart-');
  state = openAnnouncements({ DATA_DIR: tmp.dir, ANNOUNCE_SLACK_CHANNELS: [], ANNOUNCE_DISCORD_CHANNELS: [] }, { logger });
  ({ client } = createDiscordClient(
    { DISCORD_API_URL: fake.api },
    { responder: fakeResponder(), logger, knowledge: () => kb, languages: state.languages },
    { rest: { retries: 0 } },
  ));
});

afterAll(async () => {
  await client?.destroy();
  await state?.store.close();
  await fake?.close();
  tmp?.remove();
});

interface Sent {
  payload: any;
  files: { field: string; name: string; type: string; data: Buffer }[];
}

/** The reply edit's multipart body: payload_json and the files, as Discord parses it. */
async function multipart(call: Call): Promise<Sent> {
  const form = await new Response(new Uint8Array(call.raw), { headers: { 'content-type': String(call.headers['content-type']) } }).formData();
  const files: Sent['files'] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value !== 'string') files.push({ field, name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) });
  }
  return { payload: JSON.parse(String(form.get('payload_json'))), files };
}

async function run(raw: { id: string; token: string }) {
  (client as any).actions.InteractionCreate.handle(raw);
  const defer = await waitFor(() => fake.calls.find((c) => c.method === 'POST' && c.path === `/interactions/${raw.id}/${raw.token}/callback`));
  const edit = await waitFor(() => fake.calls.find((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${raw.token}/messages/@original`), 10_000);
  return { defer, edit };
}

describe('/sma chart in Discord', () => {
  it('defers, then edits the reply with the chart as a PNG attachment whose description states the figures', async () => {
    const { defer, edit } = await run(slash('chart'));
    expect(defer.body).toEqual({ type: 5, data: { flags: 0 } }); // public, deferred
    expect(String(edit.headers['content-type'])).toMatch(/^multipart\/form-data/);
    const { payload, files } = await multipart(edit);
    expect(files).toHaveLength(1);
    expect(files[0]!.name).toBe('sma-contributions.png');
    const size = pngSize(files[0]!.data);
    expect(size.width).toBeGreaterThan(1500);
    expect(size.height).toBeGreaterThan(600);
    expect(payload.content).toBe("**Korea's yearly contribution under the SMA, 1991–2026**");
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    const [attachment] = payload.attachments;
    expect(attachment.id).toBe('0');
    expect(files[0]!.field).toBe('files[0]'); // the part the attachment's id points at
    expect(attachment.description.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    expect(attachment.description).toContain('2026 1,519.2');
    expect(attachment.description).toContain('No sourced figure for 2023 and 2024.');
  });

  it('kind: rounds, agreement: 12 (private) attaches the 12th talks’ timeline, only for the asker', async () => {
    const { defer, edit } = await run(slash('chart', [str('kind', 'rounds'), int('agreement', 12), bool('private', true)]));
    expect(defer.body).toEqual({ type: 5, data: { flags: 64 } });
    const { payload, files } = await multipart(edit);
    expect(files[0]!.name).toBe('sma-rounds-12.png');
    pngSize(files[0]!.data);
    expect(payload.attachments[0].description).toContain('Round 1: April 23–25, 2024 · Honolulu, Hawaii');
  });

  it('uploads when another copy of undici set the process-wide dispatcher first (Slack’s, which npm start loads before Discord’s)', async () => {
    // undici keeps one global dispatcher for all its copies, set by the first to load. The hoisted
    // copy is @slack/socket-mode's (undici 7), which cannot send discord.js's FormData.
    const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
    const global = globalThis as Record<symbol, unknown>;
    const before = global[GLOBAL_DISPATCHER];
    const { Agent } = await import('undici');
    const slacks = new Agent();
    global[GLOBAL_DISPATCHER] = slacks;
    try {
      const { edit } = await run(slash('chart', [str('kind', 'rounds'), int('agreement', 12)]));
      const { files } = await multipart(edit);
      expect(files[0]!.name).toBe('sma-rounds-12.png');
      pngSize(files[0]!.data);
    } finally {
      global[GLOBAL_DISPATCHER] = before;
      await slacks.close();
    }
  });

  it('talks the record has no rounds for get a plain message, no file', async () => {
    const { edit } = await run(slash('chart', [int('agreement', 3)]));
    expect(String(edit.headers['content-type'])).toMatch(/json/);
    expect(edit.body.content).toBe('The record has no rounds of the 3rd SMA talks; it has the rounds of the 10th, 11th and 12th SMA talks.');
    expect(edit.body.attachments ?? []).toEqual([]);
  });
});

describe('/sma chart in Discord, in Korean', () => {
  it('a Korean client (/방위비 차트) gets the Korean chart: a valid PNG, the Korean title, a description stating the figures', async () => {
    const { edit } = await run(slash('chart', [], { locale: 'ko' }));
    const { payload, files } = await multipart(edit);
    expect(files[0]!.name).toBe('sma-contributions.png');
    const size = pngSize(files[0]!.data);
    expect(size.width).toBeGreaterThan(1500);
    expect(size.height).toBeGreaterThan(600);
    expect(payload.content).toBe('**한국의 연도별 방위비 분담금(1991~2026년)**');
    const { description } = payload.attachments[0];
    expect(description.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    expect(description).toContain('2026년 1조 5,192억 원');
    expect(description).toContain('출처가 있는 수치가 없는 해: 2023년과 2024년.');
  });

  it('a user who chose Korean (/sma language, in the store) gets the Korean timeline on an English client', async () => {
    const userId = '200000000000000077';
    await run(slash('language', [str('language', 'ko')], { userId }));
    const { edit } = await run(slash('chart', [str('kind', 'rounds'), int('agreement', 12)], { userId }));
    const { payload, files } = await multipart(edit);
    pngSize(files[0]!.data);
    expect(payload.content).toBe('**제12차 SMA 협상: 8차례 회의, 2024년 4월 23일~9월 27일**');
    expect(payload.attachments[0].description).toContain('1차 회의: 2024년 4월 23일~25일 · 하와이 호놀룰루');
  });

  it('talks without rounds: the Korean message, no file', async () => {
    const { edit } = await run(slash('chart', [int('agreement', 3)], { locale: 'ko' }));
    expect(edit.body.content).toBe('기록에 제3차 SMA 협상의 회의가 없습니다. 회의 기록이 있는 협상: 제10차·제11차·제12차 SMA.');
    expect(edit.body.attachments ?? []).toEqual([]);
  });
});
