/**
 * Loopback fakes of Slack and Discord that enforce the platforms' published rate limits, for the
 * fan-out benchmark. They answer like the platforms do when a limit is exceeded, so the clients'
 * own rate-limit handling runs exactly as in production:
 *
 * - Slack chat.postMessage: one message per second per channel; faster → HTTP 429 with
 *   `Retry-After` in whole seconds (https://docs.slack.dev/apis/web-api/rate-limits).
 * - Discord: 50 requests per second globally per bot, and POST /channels/:id/messages limited to
 *   5 per 5 s per channel; every answer carries X-RateLimit-Limit/Remaining/Reset-After/Bucket
 *   (so discord.js paces itself), and a 429 carries `Retry-After`, `retry_after` and, for the
 *   global limit, `X-RateLimit-Global` (https://discord.com/developers/docs/topics/rate-limits).
 *   Publishing (crosspost) is limited to 10 per hour per channel. Nonces are enforced.
 *
 * Each records every accepted message, so the benchmark can check "exactly once".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface FakeStats {
  /** Accepted messages per "channel|delivery key". */
  messages: Map<string, number>;
  accepted: number;
  rejected429: number;
  /** performance.now() of the first and last accepted message. */
  firstAt?: number;
  lastAt?: number;
  /** performance.now() of every request counted against the platform's limit (the aggregate rate). */
  times: number[];
}

const newStats = (): FakeStats => ({ messages: new Map(), accepted: 0, rejected429: 0, times: [] });

/** The most requests in any window of `ms` (sorted times): the aggregate rate the platform saw. */
export function maxInWindow(times: readonly number[], ms = 1000): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= ms) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function accept(stats: FakeStats, key: string): void {
  const t = performance.now();
  stats.messages.set(key, (stats.messages.get(key) ?? 0) + 1);
  stats.accepted++;
  stats.firstAt ??= t;
  stats.lastAt = t;
}

export interface RateLimitedSlack {
  apiUrl: string;
  stats: FakeStats;
  close(): Promise<void>;
}

export async function startRateLimitedSlack(): Promise<RateLimitedSlack> {
  const stats = newStats();
  const lastPost = new Map<string, number>();
  /** Per channel, the messages posted (newest last), for conversations.history. */
  const history = new Map<string, { ts: string; metadata: unknown }[]>();
  let ts = 0;
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const form = new URLSearchParams(raw);
    // Bolt verifies its token at start (several instances run the real app in the multi-instance run).
    if (req.url === '/api/auth.test')
      return json(res, 200, { ok: true, url: 'https://bench.slack.com/', team: 'Bench', user: 'sma-bot', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' });
    // An uncertain delivery (its poster died mid-post) is looked for here before it is posted again.
    if (req.url === '/api/conversations.history') {
      const messages = [...(history.get(form.get('channel') ?? '') ?? [])].reverse().map((m) => ({ type: 'message', ...m }));
      return json(res, 200, { ok: true, messages, has_more: false });
    }
    if (req.url !== '/api/chat.postMessage') return json(res, 200, { ok: false, error: 'unknown_method' });
    const channel = form.get('channel') ?? '';
    const now = performance.now();
    const last = lastPost.get(channel);
    if (last !== undefined && now - last < 1000) {
      stats.rejected429++;
      return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.ceil((1000 - (now - last)) / 1000)) });
    }
    lastPost.set(channel, now);
    stats.times.push(now);
    const metadata = JSON.parse(form.get('metadata') ?? '{}') as { event_payload?: { key?: string } };
    accept(stats, `${channel}|${metadata.event_payload?.key ?? ''}`);
    const messageTs = `${Math.floor(Date.now() / 1000)}.${String(++ts).padStart(6, '0')}`;
    history.set(channel, [...(history.get(channel) ?? []), { ts: messageTs, metadata }]);
    json(res, 200, { ok: true, channel, ts: messageTs });
  });
  const port = await listen(server);
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    stats,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

export interface RateLimitedDiscord {
  api: string;
  stats: FakeStats;
  crossposts: number;
  /** Requests answered (including 429s), all routes. */
  requests: number;
  close(): Promise<void>;
}

export const BENCH_GUILD = '200000000000000002';
const BOT_USER = { id: '150000000000000015', username: 'sma-bot', discriminator: '0', avatar: null, bot: true, global_name: null };

/** `channels`: id → type (0 text, 5 announcement), sent to the client in GUILD_CREATE as Discord does. */
export async function startRateLimitedDiscord(channels: Map<string, number>): Promise<RateLimitedDiscord> {
  const stats = newStats();
  const fake = { stats, crossposts: 0, requests: 0 };
  const global = { start: 0, count: 0 };
  const buckets = new Map<string, { start: number; count: number }>();
  const published = new Map<string, number[]>();
  const byNonce = new Map<string, { id: string; crossposted: boolean }>();
  let seq = 0;

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/api\/v10/, '');
    fake.requests++;
    const now = performance.now();
    if (req.method === 'GET' && path === '/gateway/bot') {
      return json(res, 200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    // Global: 50 requests per second per bot.
    if (now - global.start >= 1000) Object.assign(global, { start: now, count: 0 });
    if (global.count >= 50) {
      stats.rejected429++;
      const wait = (global.start + 1000 - now) / 1000;
      return json(
        res,
        429,
        { message: 'You are being rate limited.', retry_after: wait, global: true },
        { 'retry-after': String(Math.ceil(wait)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
      );
    }
    global.count++;
    stats.times.push(now);

    let m: RegExpExecArray | null;
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const channel = m[1]!;
      let b = buckets.get(channel);
      if (!b || now - b.start >= 5000) buckets.set(channel, (b = { start: now, count: 0 }));
      const resetAfter = (b.start + 5000 - now) / 1000;
      const headers = { 'x-ratelimit-limit': '5', 'x-ratelimit-bucket': 'channel-messages', 'x-ratelimit-reset-after': resetAfter.toFixed(3) };
      if (b.count >= 5) {
        stats.rejected429++;
        return json(
          res,
          429,
          { message: 'You are being rate limited.', retry_after: resetAfter, global: false },
          { ...headers, 'x-ratelimit-remaining': '0', 'retry-after': String(Math.ceil(resetAfter)), 'x-ratelimit-scope': 'user' },
        );
      }
      b.count++;
      const body = JSON.parse(raw) as { nonce?: string; enforce_nonce?: boolean };
      const nonceKey = body.enforce_nonce && body.nonce ? `${channel}|${body.nonce}` : undefined;
      let message = nonceKey ? byNonce.get(nonceKey) : undefined;
      if (!message) {
        message = { id: String(1300000000000000000n + BigInt(++seq)), crossposted: false };
        if (nonceKey) byNonce.set(nonceKey, message);
        accept(stats, `${channel}|${body.nonce ?? message.id}`);
      }
      return json(
        res,
        200,
        { id: message.id, channel_id: channel, author: BOT_USER, content: '', embeds: [], flags: message.crossposted ? 2 : 0, type: 0 },
        { ...headers, 'x-ratelimit-remaining': String(5 - b.count) },
      );
    }
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/crosspost$/.exec(path))) {
      const times = (published.get(m[1]!) ?? []).filter((t) => now - t < 3_600_000);
      if (times.length >= 10) {
        stats.rejected429++;
        return json(res, 429, { message: 'You are being rate limited.', retry_after: 3600, global: false }, { 'retry-after': '3600', 'x-ratelimit-scope': 'user' });
      }
      published.set(m[1]!, [...times, now]);
      fake.crossposts++;
      return json(res, 200, { id: m[2], channel_id: m[1], author: BOT_USER, content: '', embeds: [], flags: 2, type: 0 });
    }
    json(res, 404, { message: '404: Not Found', code: 0 });
  });

  // The gateway: HELLO, IDENTIFY → READY (one guild, unavailable) → GUILD_CREATE with every channel.
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => {
    let s = 0;
    const dispatch = (t: string, d: unknown) => ws.send(JSON.stringify({ op: 0, t, s: ++s, d }));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null }));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { op: number };
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (frame.op !== 2) return;
      dispatch('READY', {
        v: 10,
        user: BOT_USER,
        guilds: [{ id: BENCH_GUILD, unavailable: true }],
        session_id: 'bench',
        resume_gateway_url: gatewayUrl,
        application: { id: '100000000000000001', flags: 0 },
      });
      dispatch('GUILD_CREATE', {
        id: BENCH_GUILD,
        name: 'Fan-out bench',
        unavailable: false,
        member_count: 1,
        roles: [],
        members: [],
        emojis: [],
        channels: [...channels].map(([id, type], i) => ({ id, type, name: `channel-${i}`, position: i, guild_id: BENCH_GUILD, permission_overwrites: [] })),
      });
    });
  });

  const port = await listen(server);
  const gatewayUrl = `ws://127.0.0.1:${port}`;
  return {
    api: `http://127.0.0.1:${port}/api`,
    stats,
    get crossposts() {
      return fake.crossposts;
    },
    get requests() {
      return fake.requests;
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
