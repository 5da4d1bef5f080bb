/**
 * `sma kb links` and its checker against a loopback HTTP server only: live, dead, redirecting,
 * HEAD-refusing, hanging and redirect-looping URLs. The command runs in-process (test/support/cli.ts).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkLinks } from '../../src/knowledge/linkCheck.js';
import type { Source } from '../../src/knowledge/schema.js';
import { sma } from '../support/cli.js';

let server: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    switch (req.url) {
      case '/live':
        return res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
      case '/dead':
        return res.writeHead(404).end('gone');
      case '/moved':
        return res.writeHead(301, { location: '/live' }).end();
      case '/moved-to-dead':
        return res.writeHead(302, { location: `${base}/dead` }).end();
      case '/loop':
        return res.writeHead(302, { location: '/loop' }).end();
      case '/no-head':
        if (req.method === 'HEAD') return res.writeHead(405).end();
        return res.writeHead(200).end('<p>ok for GET</p>');
      case '/hang':
        return; // never answers
      default:
        return res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const source = (id: string, path?: string): Source => ({ id, publisher: 'P', title: 'T', published: '2024', ...(path ? { url: `${base}${path}` } : {}) });
const OPTIONS = { timeoutMs: 300, concurrency: 4, maxRedirects: 3 };

describe('checkLinks', () => {
  it('tells live from dead, follows redirects, falls back to GET, and times out', async () => {
    const started = Date.now();
    const results = await checkLinks(
      [
        source('live', '/live'),
        source('dead', '/dead'),
        source('moved', '/moved'),
        source('moved-dead', '/moved-to-dead'),
        source('loop', '/loop'),
        source('no-head', '/no-head'),
        source('hang', '/hang'),
        source('no-url'),
      ],
      OPTIONS,
    );
    const by = Object.fromEntries(results.map((r) => [r.sourceId, r]));
    expect(results.map((r) => r.sourceId)).toEqual(['live', 'dead', 'moved', 'moved-dead', 'loop', 'no-head', 'hang']); // no URL: not checked
    expect(by.live).toMatchObject({ ok: true, status: 200, method: 'HEAD' });
    expect(by.live!.finalUrl).toBeUndefined();
    expect(by.dead).toMatchObject({ ok: false, status: 404, method: 'GET' }); // HEAD said 404, GET confirmed it
    expect(by.moved).toMatchObject({ ok: true, status: 200, finalUrl: `${base}/live` });
    expect(by['moved-dead']).toMatchObject({ ok: false, status: 404, finalUrl: `${base}/dead` });
    expect(by.loop).toMatchObject({ ok: false, status: 302, error: 'more than 3 redirects' });
    expect(by['no-head']).toMatchObject({ ok: true, status: 200, method: 'GET' });
    expect(by.hang).toMatchObject({ ok: false, error: 'no answer within 300 ms' });
    expect(by.hang!.status).toBeUndefined();
    expect(seen).toEqual(expect.arrayContaining(['HEAD /no-head', 'GET /no-head', 'HEAD /hang', 'GET /hang']));
    // Concurrent: the hanging URL's two timeouts do not hold up the rest.
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a refused connection is dead with the network error, not a crash', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const [r] = await checkLinks([{ id: 'x', publisher: 'P', title: 'T', published: '2024', url: `http://127.0.0.1:${port}/` }], OPTIONS);
    expect(r).toMatchObject({ ok: false, error: 'ECONNREFUSED' });
  });
});

describe('sma kb links', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sma-links-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('lists the dead links with their status and where redirects ended, and exits 0', async () => {
    const dir = join(tmp, 'kb');
    cpSync('test/fixtures/kb-minimal', dir, { recursive: true });
    const file = join(dir, 'sources.yaml');
    const doc = parse(readFileSync(file, 'utf8')) as { sources: Source[] };
    expect(doc.sources.length).toBeGreaterThanOrEqual(2);
    doc.sources[0]!.url = `${base}/moved-to-dead`;
    doc.sources[1]!.url = `${base}/moved`;
    writeFileSync(file, stringify(doc));
    const { code, out: stdout } = await sma(['kb', 'links', '--timeout', '2000', '--concurrency', '2'], { env: { KNOWLEDGE_DIR: dir } });
    expect(code).toBe(0);
    const [first, second] = doc.sources;
    expect(stdout).toContain(`dead  ${first!.id}  ${base}/moved-to-dead  (HTTP 404, ended at ${base}/dead)`);
    expect(stdout).toContain(`moved ${second!.id}  ${base}/moved  → ${base}/live`);
    expect(stdout).toMatch(/2 source URLs checked: 1 live \(1 redirected\), 1 dead/);
  });

  it('a bad --timeout is a usage error (exit code 2)', async () => {
    const r = await sma(['kb', 'links', '--timeout', 'soon'], { env: { KNOWLEDGE_DIR: 'test/fixtures/kb-minimal' } });
    expect(r).toMatchObject({ code: 2, out: '', err: expect.stringContaining('--timeout expects a whole number') });
  });
});
