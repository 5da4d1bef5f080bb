/**
 * The bot's own HTTP endpoints for a load balancer, on HTTP_PORT (Slack keeps PORT):
 *
 * - `GET /healthz`: the process runs and its event loop answers (liveness: restart it if not);
 * - `GET /readyz`: send it traffic — the knowledge is loaded and the store answers a check
 *   within a second; 503 with the reason otherwise, and from the moment a drain begins
 *   (SIGTERM), so the load balancer stops sending requests before the instance stops;
 * - `POST /discord/interactions` when DISCORD_PUBLIC_KEY is set (src/discord/http/server.ts).
 *
 * Answers never depend on the store, but a load balancer should prefer an instance whose store
 * works: subscriptions and follow-ups need it. Both bodies are small JSON documents.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';

/** Resolves when ready; rejects (or returns a reason) when not. */
export type ReadinessProbe = () => Promise<string | undefined>;

export interface OpsServerOptions {
  port: number;
  host?: string;
  logger: Logger;
  /** Why the instance is not ready (undefined = ready): the knowledge, the store. */
  ready: ReadinessProbe;
  /** Extra routes: path → handler (POST /discord/interactions). */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>>;
  /** Longest wait for the readiness probe (default 1 s). */
  probeTimeoutMs?: number;
}

export interface OpsServer {
  port: number;
  /** From now on /readyz answers 503 "draining". */
  drain(): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

export async function startOpsServer(o: OpsServerOptions): Promise<OpsServer> {
  const logger = o.logger.child({ component: 'http' });
  let draining = false;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'GET' && path === '/healthz') return json(res, 200, { ok: true });
    if (req.method === 'GET' && path === '/readyz') {
      if (draining) return json(res, 503, { ready: false, reason: 'draining: the instance is shutting down' });
      const timeout = new Promise<string>((r) => setTimeout(() => r(`the readiness check took longer than ${o.probeTimeoutMs ?? 1000} ms`), o.probeTimeoutMs ?? 1000).unref());
      void Promise.race([o.ready().catch((e: unknown) => (e instanceof Error ? e.message : String(e))), timeout]).then((reason) =>
        reason ? json(res, 503, { ready: false, reason }) : json(res, 200, { ready: true }),
      );
      return;
    }
    const route = req.method === 'POST' ? o.routes?.[path] : undefined;
    if (route) {
      route(req, res).catch((error: unknown) => {
        logger.error('http route failed', { path, error });
        if (!res.headersSent) json(res, 500, { error: 'internal error' });
      });
      return;
    }
    json(res, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  logger.info('http endpoints listening', { port, paths: ['/healthz', '/readyz', ...Object.keys(o.routes ?? {})] });
  return {
    port,
    drain: () => void (draining = true),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
