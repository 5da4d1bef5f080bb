/**
 * `/sma chart` through the real Bolt app over signed loopback HTTP, with the Web API on a loopback
 * fake of Slack's three-step upload: files.getUploadURLExternal hands out an upload URL on the
 * fake, the client POSTs the file there, files.completeUploadExternal shares it in the channel.
 * The fake keeps the uploaded bytes, so the test reads the PNG Slack would show. The language
 * choices are in a real SQLite store, as in production: a Korean chart for `/sma 차트` or for a
 * user who chose Korean.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAnnouncements, type AnnouncementState } from '../../src/announce/runtime.js';
import { ALT_TEXT_MAX } from '../../src/chart/index.js';
import { startSlack, type SlackHandle } from '../../src/slack/index.js';
import { INVITE_FOR_CHART } from '../../src/slack/listeners/commands/chart.js';
import { tempDir } from '../announce/helpers.js';
import { pngSize } from '../support/png.js';
import { BOT_TOKEN, captureLogger, fakeResponder, sectionTexts, SIGNING_SECRET, slackSignature, waitFor } from './helpers.js';
import { recordKnowledge } from '../support/record.js';

interface ApiCall {
  method: string;
  body: Record<string, any>;
  headers: IncomingHttpHeaders;
}
interface Upload {
  fileId: string;
  contentType: string;
  /** The file as the client sent it (the multipart part's bytes, or the raw body). */
  data: Buffer;
}

interface FakeSlackFiles {
  url: string;
  calls: ApiCall[];
  uploads: Upload[];
  responses: { id: string; body: any }[];
  /** Channel ids whose completeUploadExternal answers not_in_channel. */
  notInChannel: Set<string>;
  close(): Promise<void>;
}

async function fileOf(raw: Buffer, contentType: string): Promise<Buffer> {
  if (!contentType.startsWith('multipart/form-data')) return raw;
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const file = [...form.values()].find((v) => typeof v !== 'string');
  if (!file || typeof file === 'string') throw new Error('multipart upload without a file part');
  return Buffer.from(await file.arrayBuffer());
}

async function startFakeSlackFiles(): Promise<FakeSlackFiles> {
  const fake: FakeSlackFiles = { url: '', calls: [], uploads: [], responses: [], notInChannel: new Set(), close: async () => {} };
  let fileSeq = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? '';
      const json = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (path.startsWith('/response/')) {
        fake.responses.push({ id: path.slice('/response/'.length), body: JSON.parse(raw.toString('utf8') || '{}') });
        return json({ ok: true });
      }
      if (path.startsWith('/upload/')) {
        const contentType = req.headers['content-type'] ?? '';
        fake.uploads.push({ fileId: path.slice('/upload/'.length), contentType, data: await fileOf(raw, contentType) });
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('OK - 1');
      }
      const method = path.replace(/^\/api\//, '').split('?')[0]!;
      const text = raw.toString('utf8');
      const body = (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(text || '{}') : Object.fromEntries(new URLSearchParams(text));
      if (typeof body.files === 'string') body.files = JSON.parse(body.files);
      fake.calls.push({ method, body, headers: req.headers });
      switch (method) {
        case 'auth.test':
          return json({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
        case 'files.getUploadURLExternal': {
          const fileId = `F${++fileSeq}`;
          return json({ ok: true, file_id: fileId, upload_url: `${fake.url}/upload/${fileId}` });
        }
        case 'files.completeUploadExternal':
          if (fake.notInChannel.has(body.channel_id)) return json({ ok: false, error: 'not_in_channel' });
          return json({ ok: true, files: body.files.map((f: { id: string; title: string }) => ({ id: f.id, title: f.title })) });
        default:
          return json({ ok: false, error: 'unknown_method' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

let fake: FakeSlackFiles;
let slack: SlackHandle;
let base: string;
let tmp: ReturnType<typeof tempDir>;
let state: AnnouncementState;
const kb = recordKnowledge();

beforeAll(async () => {
  fake = await startFakeSlackFiles();
  tmp = tempDir('sma-slack-chart-');
  const logger = captureLogger().logger;
  state = openAnnouncements({ DATA_DIR: tmp.dir, ANNOUNCE_SLACK_CHANNELS: [], ANNOUNCE_DISCORD_CHANNELS: [] }, { logger });
  slack = await startSlack(
    { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: `${fake.url}/api/`, PORT: 0 },
    { responder: fakeResponder(), logger, knowledge: () => kb, languages: state.languages },
    { host: '127.0.0.1', retryConfig: { retries: 0 } },
  );
  base = `http://127.0.0.1:${slack.port}`;
});

afterAll(async () => {
  await slack?.stop();
  await state?.store.close();
  await fake?.close();
  tmp?.remove();
});

const command = (text: string, id: string, channel = 'C1', user = 'U1') => {
  const raw = new URLSearchParams({
    command: '/sma',
    text,
    team_id: 'T1',
    channel_id: channel,
    user_id: user,
    api_app_id: 'A1',
    trigger_id: 't',
    response_url: `${fake.url}/response/${id}`,
  }).toString();
  return fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(SIGNING_SECRET, raw) }, body: raw });
};
const callsFor = (method: string) => fake.calls.filter((c) => c.method === method);

describe('/sma chart in Slack', () => {
  it('uploads the contribution chart to the channel: a valid PNG, its alt text with the figures, shared in C1', async () => {
    const res = await command('chart', 'chart-1');
    expect(res.status).toBe(200);
    const complete = await waitFor(() => callsFor('files.completeUploadExternal')[0], 10_000);
    const [getUrl] = callsFor('files.getUploadURLExternal');
    expect(getUrl!.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(getUrl!.body.filename).toBe('sma-contributions.png');
    const alt = String(getUrl!.body.alt_text);
    expect(alt.length).toBeLessThanOrEqual(ALT_TEXT_MAX);
    expect(alt).toContain('2019 1,038.9');
    expect(alt).toContain('No sourced figure for 2023 and 2024.');

    const [upload] = fake.uploads;
    expect(upload!.fileId).toBe(complete.body.files[0].id);
    expect(upload!.data.length).toBe(Number(getUrl!.body.length));
    const size = pngSize(upload!.data);
    expect(size.width).toBeGreaterThan(1500);
    expect(size.height).toBeGreaterThan(600);

    expect(complete.body.channel_id).toBe('C1');
    expect(complete.body.files[0].title).toBe("Korea's yearly contribution under the SMA, 1991–2026");
    // The file is the reply: nothing else is said through the response_url.
    expect(fake.responses.filter((r) => r.id === 'chart-1')).toEqual([]);
  });

  it('/sma chart rounds 12 uploads the timeline of the 12th SMA talks', async () => {
    const before = fake.uploads.length;
    await command('chart rounds 12', 'chart-2');
    await waitFor(() => callsFor('files.completeUploadExternal').find((c) => c.body.files[0].title.startsWith('The 12th SMA talks')), 10_000);
    const getUrl = callsFor('files.getUploadURLExternal').at(-1)!;
    expect(getUrl.body.filename).toBe('sma-rounds-12.png');
    expect(String(getUrl.body.alt_text)).toContain('Round 1: April 23–25, 2024 · Honolulu, Hawaii');
    pngSize(fake.uploads[before]!.data);
  });

  it('a channel the bot is not in gets a private note saying to invite it', async () => {
    fake.notInChannel.add('C-NOT-IN');
    await command('chart', 'chart-3', 'C-NOT-IN');
    const r = await waitFor(() => fake.responses.find((x) => x.id === 'chart-3'), 10_000);
    expect(r.body.response_type).toBe('ephemeral');
    expect(sectionTexts(r.body).join('\n')).toContain(INVITE_FOR_CHART.slice(0, 40));
  });

  it('a request the record cannot draw is answered privately, and nothing is uploaded', async () => {
    const uploads = callsFor('files.getUploadURLExternal').length;
    await command('chart rounds 3', 'chart-4');
    const r = await waitFor(() => fake.responses.find((x) => x.id === 'chart-4'), 10_000);
    expect(r.body.response_type).toBe('ephemeral');
    expect(sectionTexts(r.body).join('\n')).toContain('no rounds of the 3rd SMA talks');
    await command('chart pie', 'chart-5');
    const bad = await waitFor(() => fake.responses.find((x) => x.id === 'chart-5'), 10_000);
    expect(sectionTexts(bad.body).join('\n')).toContain('/sma chart rounds 12');
    expect(callsFor('files.getUploadURLExternal')).toHaveLength(uploads);
  });
});

describe('/sma chart in Slack, in Korean', () => {
  const HANGUL = /\p{Script=Hangul}/u;
  /** The upload whose title starts with `title`: its getUploadURLExternal call, its bytes, its share. */
  async function uploaded(title: string) {
    const complete = await waitFor(() => callsFor('files.completeUploadExternal').find((c) => c.body.files[0].title.startsWith(title)), 10_000);
    const fileId = complete.body.files[0].id;
    const upload = fake.uploads.find((u) => u.fileId === fileId)!;
    // The fake hands out F1, F2, … in the order of the getUploadURLExternal calls.
    const getUrl = callsFor('files.getUploadURLExternal')[Number(fileId.slice(1)) - 1]!;
    expect(Number(getUrl.body.length)).toBe(upload.data.length);
    return { complete, upload, getUrl };
  }

  it('/sma 차트 uploads the Korean contribution chart: a valid PNG, Korean title and alt text with the figures', async () => {
    await command('차트', 'ko-chart-1', 'C-KO');
    const { complete, upload, getUrl } = await uploaded('한국의 연도별 방위비 분담금');
    expect(complete.body.channel_id).toBe('C-KO');
    expect(complete.body.files[0].title).toBe('한국의 연도별 방위비 분담금(1991~2026년)');
    const size = pngSize(upload.data);
    expect(size.width).toBeGreaterThan(1500);
    expect(size.height).toBeGreaterThan(600);
    expect(getUrl.body.filename).toBe('sma-contributions.png');
    const alt = String(getUrl.body.alt_text);
    expect(alt.length).toBeLessThanOrEqual(ALT_TEXT_MAX);
    expect(alt).toContain('2019년 1조 389억 원');
    expect(alt).toContain('출처가 있는 수치가 없는 해: 2023년과 2024년.');
    expect(fake.responses.filter((r) => r.id === 'ko-chart-1')).toEqual([]);
  });

  it('a user who chose Korean (/sma language ko, kept in the store) gets /sma chart rounds 12 in Korean; others still get English', async () => {
    await command('language ko', 'ko-chart-2', 'C-KO', 'U-KO');
    await waitFor(() => fake.responses.find((r) => r.id === 'ko-chart-2'), 10_000);
    await command('chart rounds 12', 'ko-chart-3', 'C-KO', 'U-KO');
    const { getUrl, upload } = await uploaded('제12차 SMA 협상');
    expect(String(getUrl.body.alt_text)).toContain('1차 회의: 2024년 4월 23일~25일 · 하와이 호놀룰루');
    pngSize(upload.data);
    await command('chart rounds 12', 'ko-chart-4', 'C-KO', 'U-EN');
    const english = await waitFor(
      () =>
        callsFor('files.completeUploadExternal')
          .filter((c) => c.body.files[0].title.startsWith('The 12th SMA talks'))
          .at(-1),
      10_000,
    );
    expect(HANGUL.test(english.body.files[0].title)).toBe(false);
  });

  it('what it cannot draw is said in Korean, privately, with the Korean way to ask', async () => {
    await command('차트 회의 3', 'ko-chart-5', 'C-KO');
    const none = await waitFor(() => fake.responses.find((x) => x.id === 'ko-chart-5'), 10_000);
    expect(none.body.response_type).toBe('ephemeral');
    expect(sectionTexts(none.body).join('\n')).toContain('기록에 제3차 SMA 협상의 회의가 없습니다.');
    await command('차트 원형', 'ko-chart-6', 'C-KO');
    const bad = await waitFor(() => fake.responses.find((x) => x.id === 'ko-chart-6'), 10_000);
    expect(sectionTexts(bad.body).join('\n')).toContain('/sma 차트 회의 12');
  });
});
