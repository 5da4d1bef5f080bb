/**
 * Discord over HTTP interactions, beside the gateway mode: Discord POSTs each interaction to the
 * Interactions Endpoint URL (`POST /discord/interactions` on PORT), so any instance behind the load
 * balancer can answer it and no instance needs a gateway connection. Announcements then go over
 * REST only (the Discord poster needs no gateway either).
 *
 * - Every request's Ed25519 signature is checked first (verify.ts); a bad or missing one is 401.
 * - PING (type 1) is answered with PONG: Discord's check when the URL is saved.
 * - `/sma` commands are answered in the HTTP response itself (type 4), which Discord must get
 *   within 3 s. The answer takes about a millisecond; the previous answer of the conversation
 *   (for follow-ups) is read from the shared conversation state, which is I/O: when the whole
 *   takes longer than `deferAfterMs` the response is a deferral (type 5) and the answer follows through the
 *   interaction's webhook (PATCH /webhooks/{application}/{token}/messages/@original), which
 *   stays valid for 15 minutes.
 * - A body over 64 KB, a body that is not JSON, or an interaction this endpoint does not serve
 *   (components, autocomplete, `/sma-admin`: those need the gateway mode for now) get a clear
 *   status or an ephemeral notice, and a log line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { Responder } from '../../core/answer.js';
import { conversationKey } from '../../conversation/keys.js';
import { ConversationService } from '../../conversation/service.js';
import type { Logger } from '../../log.js';
import { renderAnswer, renderNotice, type DiscordReply } from '../render.js';
import { verifyDiscordRequest } from './verify.js';
import { answerLanguage } from '../../adapters/answerLanguage.js';

export const INTERACTIONS_PATH = '/discord/interactions';
const MAX_BODY = 64 * 1024;

/** What each fixed subcommand asks (the gateway mode's /sma asks the same). */
const SUBCOMMAND_QUESTIONS: Record<string, string> = {
  'next-round': 'When is the next round?',
  rounds: 'What rounds have been held so far?',
  summary: 'What is the status of the negotiations?',
  help: 'help',
};

interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: RawOption[];
}

interface RawInteraction {
  id?: string;
  type?: number;
  token?: string;
  application_id?: string;
  guild_id?: string;
  channel_id?: string;
  member?: { user?: { id?: string } };
  user?: { id?: string };
  /** The user's Discord client language. */
  locale?: string;
  data?: { name?: string; options?: RawOption[] };
}

export interface DiscordHttpOptions {
  publicKey: KeyObject;
  responder: Responder;
  logger: Logger;
  clock?: () => Date;
  /** REST base for follow-ups (DISCORD_API_URL; default https://discord.com/api). */
  apiUrl?: string;
  /** The conversations, shared by the instances (Postgres) or in memory; absent: its own in memory. */
  conversations?: ConversationService;
  /** Answer in the response unless it takes longer than this (default 2 s; Discord allows 3 s). */
  deferAfterMs?: number;
  fetch?: typeof fetch;
}

/** The reply as Discord's REST JSON (message create/edit body). */
export function replyJson(reply: DiscordReply | ReturnType<typeof renderNotice>): Record<string, unknown> {
  const { allowedMentions, ...rest } = reply;
  return { ...rest, allowed_mentions: allowedMentions };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** The question a `/sma` interaction asks, or why it cannot be answered here. */
function questionOf(i: RawInteraction): string | undefined {
  if (i.data?.name !== 'sma') return undefined;
  const sub = i.data.options?.find((o) => o.type === 1);
  if (!sub) return undefined;
  if (sub.name === 'ask') {
    const q = sub.options?.find((o) => o.name === 'question')?.value;
    return typeof q === 'string' && q.trim() ? q : undefined;
  }
  return SUBCOMMAND_QUESTIONS[sub.name];
}

export function createDiscordHttpHandler(o: DiscordHttpOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const logger = o.logger.child({ component: 'discord-http' });
  const deferAfterMs = o.deferAfterMs ?? 2000;
  const api = (o.apiUrl ?? 'https://discord.com/api').replace(/\/$/, '');
  const doFetch = o.fetch ?? fetch;
  const conversations = o.conversations ?? new ConversationService(o.responder, { logger });

  const followUp = async (i: RawInteraction, body: Record<string, unknown>) => {
    const url = `${api}/v10/webhooks/${i.application_id}/${i.token}/messages/@original`;
    const r = await doFetch(url, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`Discord answered HTTP ${r.status} to the follow-up`);
  };

  return async (req, res) => {
    const body = await readBody(req);
    if (!body) return send(res, 413, { error: 'request body too large' });
    const signature = req.headers['x-signature-ed25519'];
    const timestamp = req.headers['x-signature-timestamp'];
    if (!verifyDiscordRequest(o.publicKey, typeof signature === 'string' ? signature : undefined, typeof timestamp === 'string' ? timestamp : undefined, body)) {
      logger.warn('discord: interaction refused: bad or missing signature', { remote: req.socket.remoteAddress });
      return send(res, 401, { error: 'invalid request signature' });
    }
    let i: RawInteraction;
    try {
      i = JSON.parse(body.toString('utf8')) as RawInteraction;
    } catch {
      logger.warn('discord: signed interaction is not JSON; dropped');
      return send(res, 400, { error: 'body is not JSON' });
    }
    if (i.type === 1) return send(res, 200, { type: 1 });
    if (i.type !== 2) {
      logger.info('discord: interaction type not served over HTTP; answered with a notice', { type: i.type, id: i.id });
      if (i.type === 4) return send(res, 200, { type: 8, data: { choices: [] } }); // autocomplete: no suggestions
      return send(res, 200, { type: 4, data: replyJson(renderNotice('This button or command works in the gateway mode only for now.', { ephemeral: true })) });
    }
    const question = questionOf(i);
    if (!question) {
      logger.info('discord: command not served over HTTP', { command: i.data?.name, id: i.id });
      return send(res, 200, { type: 4, data: replyJson(renderNotice('This command is not available here.', { ephemeral: true })) });
    }
    const userId = i.member?.user?.id ?? i.user?.id ?? '';
    const key = conversationKey.discord(i.guild_id, i.channel_id, userId);
    const answering = (async () => {
      // The question's language, else the client's (the fixed subcommands' sentences are not the user's words).
      const typed = i.data?.options?.find((x) => x.type === 1)?.name === 'ask';
      const language = answerLanguage({ ...(typed ? { question } : {}), ...(i.locale ? { locale: i.locale } : {}) });
      // The previous turn ("what is the source for this?") may have been answered by another instance.
      const from = { platform: 'discord' as const, ...(userId ? { userId } : {}) };
      const answer = await conversations.ask(key, question, { ...(o.clock ? { now: o.clock() } : {}), ...(language ? { language } : {}), from });
      return replyJson(renderAnswer(answer));
    })();
    let timer: NodeJS.Timeout | undefined;
    const deferred = new Promise<'defer'>((resolve) => (timer = setTimeout(() => resolve('defer'), deferAfterMs)));
    try {
      const first = await Promise.race([answering, deferred]);
      if (first !== 'defer') return send(res, 200, { type: 4, data: first });
      send(res, 200, { type: 5 });
      await followUp(i, await answering);
    } catch (error) {
      logger.error('discord: answering an HTTP interaction failed', { error, id: i.id, channel: i.channel_id, user: userId });
      if (!res.headersSent)
        send(res, 200, { type: 4, data: replyJson(renderNotice('Sorry, something went wrong while answering. Please try again in a moment.', { ephemeral: true })) });
    } finally {
      clearTimeout(timer);
    }
  };
}
