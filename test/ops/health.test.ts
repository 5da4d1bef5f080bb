/**
 * /healthz and /readyz on a real loopback server: ready with knowledge and a working store; 503
 * with the reason when the store fails or the check hangs; 503 "draining" once a drain begins,
 * while /healthz still says the process lives.
 */
import { afterEach, expect, it } from 'vitest';
import { startOpsServer, type OpsServer } from '../../src/ops/health.js';
import { silentLogger } from '../../src/log.js';

let server: OpsServer | undefined;
afterEach(async () => {
  await server?.close();
});

const get = async (path: string) => {
  const r = await fetch(`http://127.0.0.1:${server!.port}${path}`);
  return { status: r.status, body: (await r.json()) as unknown };
};

it('ready while the probe passes; 503 with the reason, or after a second of waiting; draining; liveness throughout', async () => {
  let probe: () => Promise<string | undefined> = async () => undefined;
  server = await startOpsServer({ port: 0, host: '127.0.0.1', logger: silentLogger, ready: () => probe(), probeTimeoutMs: 200 });
  expect(await get('/readyz')).toEqual({ status: 200, body: { ready: true } });
  probe = async () => 'the store cannot be used: postgres://sma@db:5432/sma: the database server cannot be reached';
  expect(await get('/readyz')).toEqual({
    status: 503,
    body: { ready: false, reason: 'the store cannot be used: postgres://sma@db:5432/sma: the database server cannot be reached' },
  });
  probe = () => new Promise(() => {});
  expect(await get('/readyz')).toEqual({ status: 503, body: { ready: false, reason: 'the readiness check took longer than 200 ms' } });
  probe = async () => undefined;
  server.drain();
  expect(await get('/readyz')).toEqual({ status: 503, body: { ready: false, reason: 'draining: the instance is shutting down' } });
  expect(await get('/healthz')).toEqual({ status: 200, body: { ok: true } });
  expect((await get('/nothing')).status).toBe(404);
});
