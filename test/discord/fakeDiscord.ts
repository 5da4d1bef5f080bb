/**
 * A loopback fake of the parts of Discord the adapter talks to: the REST API (interaction
 * callbacks, webhook edits and follow-ups, command registration, gateway discovery) and a
 * gateway WebSocket (HELLO, IDENTIFY, READY, dispatch). One `node:http` server on 127.0.0.1,
 * port 0; nothing leaves the machine.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

export interface Call {
  method: string;
  /** Decoded path after `/api/v10` (`/interactions/1/tok/callback`, `.../messages/@original`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: any;
  /** The body as sent (a multipart upload's bytes survive here, not in `body`). */
  raw: Buffer;
}

export interface GatewayFrame {
  op: number;
  d: any;
  s?: number | null;
  t?: string | null;
}

/** A message created through POST /channels/:id/messages. */
export interface ChannelMessage {
  id: string;
  channelId: string;
  nonce?: string;
  body: any;
  crossposted: boolean;
}

export interface FailOptions {
  headers?: Record<string, string>;
  /** Create the message first, then answer the failure (an ambiguous failure: did it post?). */
  afterCreate?: boolean;
}

export interface FakeDiscord {
  /** REST base for discord.js (`rest.api`): REST appends `/v10`. */
  api: string;
  gatewayUrl: string;
  calls: Call[];
  /** Frames the client sent over the gateway. */
  frames: GatewayFrame[];
  /** Sends a DISPATCH over the most recent gateway connection. */
  dispatch(t: string, d: unknown): void;
  /** Answer the next request matching `method path` with this status and body instead. */
  failNext(method: string, pathPrefix: string, status: number, body: unknown, options?: FailOptions): void;
  /** Messages in channels (nonce-deduplicated like Discord's `enforce_nonce`). */
  messages: ChannelMessage[];
  /** Channel types for GET /channels/:id (default 0, a text channel; 5 = announcement). */
  channelTypes: Map<string, number>;
  close(): Promise<void>;
}

const BOT_USER = { id: '150000000000000015', username: 'sma-bot', discriminator: '0', avatar: null, bot: true, global_name: null };

/** A message of the bot as Discord's API returns it (REST replies, a gateway interaction's `message`). */
export function apiBotMessage(m: {
  id: string;
  channelId: string;
  timestamp: string;
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  type?: number;
  flags?: number;
}) {
  return {
    id: m.id,
    channel_id: m.channelId,
    author: BOT_USER,
    content: m.content ?? '',
    timestamp: m.timestamp,
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: m.embeds ?? [],
    components: m.components ?? [],
    pinned: false,
    type: m.type ?? 0,
    flags: m.flags ?? 0,
  };
}

let messageSeq = 0;
const message = (body: any, channelId = '300000000000000003') =>
  apiBotMessage({
    id: String(1300000000000000000n + BigInt(++messageSeq)),
    channelId,
    timestamp: new Date().toISOString(),
    content: body?.content,
    embeds: body?.embeds,
    components: body?.components,
    flags: body?.flags,
  });

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const calls: Call[] = [];
  const frames: GatewayFrame[] = [];
  const failures: { method: string; pathPrefix: string; status: number; body: unknown; options: FailOptions }[] = [];
  const messages: ChannelMessage[] = [];
  const channelTypes = new Map<string, number>();
  /** Discord's enforce_nonce: the same nonce within a few minutes returns the first message. */
  const createMessage = (channelId: string, body: any): { message: ChannelMessage; created: boolean } => {
    const nonce = body?.enforce_nonce && body?.nonce !== undefined ? String(body.nonce) : undefined;
    const earlier = nonce ? messages.find((m) => m.channelId === channelId && m.nonce === nonce) : undefined;
    if (earlier) return { message: earlier, created: false };
    const m: ChannelMessage = { id: String(1300000000000000000n + BigInt(++messageSeq)), channelId, ...(nonce ? { nonce } : {}), body, crossposted: false };
    messages.push(m);
    return { message: m, created: true };
  };
  const messageJson = (m: ChannelMessage) => ({ ...message(m.body, m.channelId), id: m.id, ...(m.nonce ? { nonce: m.nonce } : {}), flags: m.crossposted ? 2 : 0 });
  let socket: WebSocket | undefined;
  let seq = 0;
  let gatewayUrl = '';

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        /* keep the raw text */
      }
      const method = req.method ?? 'GET';
      calls.push({ method, path, query: url.searchParams, headers: req.headers, body, raw: Buffer.concat(chunks) });

      const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
        if (json === undefined) {
          res.writeHead(status, headers).end();
          return;
        }
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
      };

      const failure = failures.findIndex((f) => f.method === method && path.startsWith(f.pathPrefix));
      if (failure >= 0) {
        const [f] = failures.splice(failure, 1);
        const created = /^\/channels\/(\d+)\/messages$/.exec(path);
        if (f!.options.afterCreate && method === 'POST' && created) createMessage(created[1]!, body);
        send(f!.status, f!.body, f!.options.headers);
        return;
      }

      let m: RegExpExecArray | null;
      if (method === 'GET' && path === '/gateway/bot') {
        send(200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
      } else if (method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(path)) {
        if (url.searchParams.get('with_response') === 'true') {
          send(200, { interaction: { id: path.split('/')[2], type: 2 }, resource: { type: body?.type, message: message(body?.data) } });
        } else send(204);
      } else if (method === 'PATCH' && /^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(path)) {
        send(200, message(body));
      } else if (method === 'POST' && /^\/webhooks\/[^/]+\/[^/]+$/.test(path)) {
        send(200, message(body));
      } else if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
        send(200, messageJson(createMessage(m[1]!, body).message));
      } else if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/crosspost$/.exec(path))) {
        const target = messages.find((x) => x.channelId === m![1] && x.id === m![2]);
        if (!target) send(404, { message: 'Unknown Message', code: 10008 });
        else if (target.crossposted) send(400, { message: 'This message has already been crossposted.', code: 40033 });
        else {
          target.crossposted = true;
          send(200, messageJson(target));
        }
      } else if (method === 'GET' && (m = /^\/channels\/(\d+)$/.exec(path))) {
        send(200, { id: m[1], type: channelTypes.get(m[1]!) ?? 0, guild_id: '200000000000000002', name: `channel-${m[1]}` });
      } else if (method === 'PUT' && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
        const [, app, guild] = m;
        send(
          200,
          (body as any[]).map((c, i) => ({
            ...c,
            id: String(1400000000000000000n + BigInt(i)),
            application_id: app,
            version: '1',
            type: c.type ?? 1,
            ...(guild ? { guild_id: guild } : {}),
            default_member_permissions: c.default_member_permissions ?? null,
          })),
        );
      } else {
        send(404, { message: '404: Not Found', code: 0 });
      }
    });
  });

  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => {
    socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null })); // HELLO
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as GatewayFrame;
      frames.push(frame);
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null })); // heartbeat ACK
      if (frame.op === 2) {
        // IDENTIFY → READY (no guilds, so discord.js is ready at once)
        dispatch('READY', {
          v: 10,
          user: BOT_USER,
          guilds: [],
          session_id: 'fake-session',
          resume_gateway_url: gatewayUrl,
          application: { id: '100000000000000001', flags: 0 },
        });
      }
    });
  });

  const dispatch = (t: string, d: unknown) => {
    if (!socket) throw new Error('no gateway connection');
    socket.send(JSON.stringify({ op: 0, t, s: ++seq, d }));
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  gatewayUrl = `ws://127.0.0.1:${port}`;

  return {
    api: `http://127.0.0.1:${port}/api`,
    gatewayUrl,
    calls,
    frames,
    dispatch,
    failNext: (method, pathPrefix, status, body, options = {}) => failures.push({ method, pathPrefix, status, body, options }),
    messages,
    channelTypes,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls until `fn` returns something truthy (listeners run after the event is emitted). */
export async function waitFor<T>(fn: () => T | undefined | null | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
