/**
 * Test doubles for the Slack adapter: a fake core (Responder), a loopback fake of the Slack Web API
 * and response_url endpoint, the request-signing helper, a capturing logger and a poller.
 * Nothing here reaches the network beyond 127.0.0.1.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Answer, AskOptions, AskRequest, Responder, Suggestion } from '../../src/core/answer.js';
import { createLogger, type Logger } from '../../src/log.js';
import { inputLabel, sampleAnswer } from '../support/sampleAnswer.js';

export const BOT_TOKEN = 'xoxb-test-1234-abcdef';
export const SIGNING_SECRET = '0123456789abcdef0123456789abcdef';
export const APP_TOKEN = 'xapp-1-A1-test-abcdef';
export const BOT_USER_ID = 'UBOT';

/** A knowledge answer as the core shapes it; the title is the question. */
export function answerFor(question: string, overrides: Partial<Answer> = {}): Answer {
  return sampleAnswer(
    question,
    { factId: 'f1', relatedFactId: 'f2', linked: { title: 'S. Korea, US open defense cost talks', url: 'https://en.yna.co.kr/view/AEN20180307000351315?a=1&b=2' } },
    overrides,
  );
}

/** The facts the fake core knows (what `complete` lists): a fact button is asked by its question. */
export const FAKE_FACTS: Suggestion[] = [
  { question: 'Who leads the talks?', factId: 'f1' },
  { question: 'How long does a round last?', factId: 'f2' },
];

export interface FakeResponder extends Responder {
  asked: { question: string | AskRequest; options: AskOptions | undefined }[];
  /** Per-question overrides of the answer (a request by its JSON, see `inputLabel`). */
  special: Map<string, Partial<Answer>>;
  /** Questions (or requests' JSON) that make `ask` throw. */
  failOn: Set<string>;
}

export function fakeResponder(): FakeResponder {
  const r: FakeResponder = {
    asked: [],
    special: new Map(),
    failOn: new Set(),
    ask(question, options) {
      r.asked.push({ question, options });
      const label = inputLabel(question);
      if (r.failOn.has(label)) throw new Error(`responder exploded on "${label}"`);
      if (typeof question !== 'string' && question.intent === 'help') {
        return answerFor(label, {
          matched: false,
          intent: 'help',
          title: 'What I can answer',
          text: 'I answer questions about the SMA talks.',
          sources: [],
          asOf: undefined,
          suggestions: [
            { question: 'When is the next round?', request: { intent: 'next-round' } },
            { question: 'How long does a round last?', factId: 'f2' },
          ],
        });
      }
      return answerFor(label, r.special.get(label));
    },
    complete: (partial, limit = 10) => FAKE_FACTS.filter((f) => f.question.toLowerCase().includes(partial.trim().toLowerCase())).slice(0, limit),
  };
  return r;
}

export interface CapturedLogger {
  logger: Logger;
  lines: Record<string, unknown>[];
  /** Everything logged, as written (to check that no secret leaks). */
  text(): string;
  find(msg: string): Record<string, unknown> | undefined;
}

export function captureLogger(): CapturedLogger {
  const raw: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', (line) => {
    raw.push(line);
    lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { logger, lines, text: () => raw.join('\n'), find: (msg) => lines.find((l) => l.msg === msg) };
}

export interface ApiCall {
  method: string;
  /** Form fields, with JSON-looking values (blocks) parsed. */
  body: Record<string, any>;
  headers: IncomingHttpHeaders;
}

/** A message chat.postMessage created, as conversations.history returns it. */
export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: any[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** An HTTP-level answer instead of the normal one; `afterPost`: the message is created first (an ambiguous failure). */
export interface HttpFailure {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  afterPost?: boolean;
}

export interface FakeSlack {
  /** http://127.0.0.1:PORT */
  url: string;
  /** What SLACK_API_URL is set to. */
  apiUrl: string;
  calls: ApiCall[];
  /** JSON payloads POSTed to response_urls (`${url}/response/<id>`). */
  responses: { id: string; body: any }[];
  /** Web API method → Slack error code it answers with (`{ok:false,error}`), e.g. for one channel. */
  failWhen: ((call: ApiCall) => string | undefined)[];
  /** HTTP failures (429 with Retry-After, 500…): the first function that returns one wins. */
  httpFailWhen: ((call: ApiCall) => HttpFailure | undefined)[];
  /** Messages chat.postMessage created, in order (conversations.history reads them). */
  messages: PostedMessage[];
  /** response_url ids that answer HTTP 500. */
  brokenResponseUrls: Set<string>;
  /** chat.postMessage takes this long to answer (the message exists from the start, as in Slack). */
  postDelayMs: number;
  /** Web API methods answered by the test instead (their JSON body, or a promise of it): oauth.v2.access, a per-token auth.test. */
  methods: Map<string, (call: ApiCall) => unknown>;
  /** What apps.connections.open returns (Socket Mode). */
  wsUrl?: string;
  close(): Promise<void>;
}

function parseValue(v: string): unknown {
  if (/^[[{]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const fake: FakeSlack = {
    url: '',
    apiUrl: '',
    calls: [],
    responses: [],
    failWhen: [],
    httpFailWhen: [],
    messages: [],
    brokenResponseUrls: new Set(),
    postDelayMs: 0,
    methods: new Map(),
    close: async () => {},
  };
  let ts = 1000;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (path.startsWith('/response/')) {
        const id = path.slice('/response/'.length);
        fake.responses.push({ id, body: JSON.parse(raw || '{}') });
        if (fake.brokenResponseUrls.has(id)) return json(500, { ok: false });
        return json(200, { ok: true });
      }
      if (path.startsWith('/api/')) {
        const method = path.slice('/api/'.length).split('?')[0]!;
        const isJson = (req.headers['content-type'] ?? '').includes('json');
        const fields: Record<string, any> = isJson
          ? (JSON.parse(raw || '{}') as Record<string, any>)
          : Object.fromEntries([...new URLSearchParams(raw)].map(([k, v]) => [k, parseValue(v)]));
        const call: ApiCall = { method, body: fields, headers: req.headers };
        fake.calls.push(call);
        const post = (): PostedMessage => {
          // Real-looking ts (epoch seconds): conversations.history filters on it.
          const m: PostedMessage = {
            channel: String(fields.channel),
            ts: `${Math.floor(Date.now() / 1000)}.${String(++ts).padStart(6, '0')}`,
            text: String(fields.text ?? ''),
            blocks: fields.blocks,
            ...(fields.metadata ? { metadata: fields.metadata } : {}),
          };
          fake.messages.push(m);
          return m;
        };
        const httpFailure = fake.httpFailWhen.map((f) => f(call)).find(Boolean);
        if (httpFailure) {
          if (httpFailure.afterPost && method === 'chat.postMessage') post();
          return json(httpFailure.status, httpFailure.body ?? { ok: false, error: 'http_error' }, httpFailure.headers);
        }
        const error = fake.failWhen.map((f) => f(call)).find(Boolean);
        if (error) return json(200, { ok: false, error });
        const custom = fake.methods.get(method);
        if (custom) return void Promise.resolve(custom(call)).then((body) => json(200, body));
        switch (method) {
          case 'auth.test':
            return json(200, { ok: true, user_id: BOT_USER_ID, bot_id: 'BBOT', team_id: 'T1', user: 'sma' });
          case 'chat.postMessage': {
            const m = post();
            const answer = () => json(200, { ok: true, channel: m.channel, ts: m.ts, message: { ts: m.ts, text: m.text, bot_id: 'BBOT' } });
            if (fake.postDelayMs) return void setTimeout(answer, fake.postDelayMs);
            return answer();
          }
          case 'conversations.history': {
            // Newest first, as Slack returns them; metadata only when asked for.
            const oldest = Number(fields.oldest ?? 0);
            const messages = fake.messages
              .filter((m) => m.channel === fields.channel && Number(m.ts) >= oldest)
              .reverse()
              .map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: 'BBOT', ...(fields.include_all_metadata === 'true' && m.metadata ? { metadata: m.metadata } : {}) }));
            return json(200, { ok: true, messages, has_more: false });
          }
          case 'views.open':
            // The modal as Slack would show it; its id is what a later view_submission names.
            return json(200, { ok: true, view: { id: `V${++ts}`, ...(typeof fields.view === 'object' ? fields.view : {}) } });
          case 'apps.connections.open':
            return fake.wsUrl ? json(200, { ok: true, url: fake.wsUrl }) : json(200, { ok: false, error: 'no_ws' });
          default:
            // A platform error: never retried by the Web API client.
            return json(200, { ok: false, error: 'unknown_method' });
        }
      }
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  fake.apiUrl = `${fake.url}/api/`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** Slack's request signature (v0) over the raw body, as Slack sends it. */
export function slackSignature(secret: string, rawBody: string, ts = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${rawBody}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

/** Polls until `fn` returns something truthy (listeners run after the HTTP ack). */
/** The form Slack posts for `/sma <text>` from `user`, its private answer going to `responseUrl`. */
export function slashCommandForm(text: string, user: string, responseUrl: string): string {
  return new URLSearchParams({
    command: '/sma',
    text,
    team_id: 'T1',
    channel_id: 'C1',
    user_id: user,
    api_app_id: 'A1',
    trigger_id: 't',
    response_url: responseUrl,
  }).toString();
}

export async function waitFor<T>(fn: () => T | undefined | null | false, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every text a user could see in a message: fallback text, section/context text, button labels. */
export function visibleTexts(message: { text?: string; blocks?: any[] }): string[] {
  const out: string[] = [];
  if (message.text) out.push(message.text);
  for (const b of message.blocks ?? []) {
    if (b.text?.text) out.push(b.text.text);
    for (const e of b.elements ?? []) {
      if (typeof e.text === 'string') out.push(e.text);
      else if (e.text?.text) out.push(e.text.text);
    }
  }
  return out;
}

export const sectionTexts = (message: { blocks?: any[] }): string[] => (message.blocks ?? []).filter((b) => b.type === 'section').map((b) => b.text.text as string);

export const buttonsOf = (message: { blocks?: any[] }): any[] => (message.blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements as any[]);

export const contextTexts = (message: { blocks?: any[] }): string[] =>
  (message.blocks ?? []).filter((b) => b.type === 'context').flatMap((b) => (b.elements as any[]).map((e) => e.text as string));
