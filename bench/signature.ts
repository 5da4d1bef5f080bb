/**
 * The Discord HTTP interactions signature check (src/discord/http/verify.ts: Ed25519 with
 * node:crypto) timed one call at a time. On a shared machine the scheduler preempts some calls,
 * which then measure the other processes, so every sample taken across an involuntary context
 * switch (getrusage) is set aside and counted: `own` is the check's own latency, `wall` all of
 * them. `npm run bench:signature`; used by test/discord/http.test.ts.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { discordPublicKey, verifyDiscordRequest } from '../src/discord/http/verify.js';

export interface SignatureTiming {
  samples: number;
  preempted: number;
  own: { p50: number; p99: number; max: number };
  wall: { p50: number; p99: number };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

export function timeSignatureCheck(samples = 5000, bodyBytes = 600): SignatureTiming {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const key = discordPublicKey((publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex'));
  const body = Buffer.from(
    JSON.stringify({ type: 2, data: { name: 'sma', options: [{ type: 1, name: 'ask', options: [{ type: 3, name: 'question', value: 'x'.repeat(bodyBytes) }] }] } }),
  );
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('hex');
  for (let i = 0; i < 500; i++) if (!verifyDiscordRequest(key, signature, timestamp, body)) throw new Error('the signature does not verify');
  const own: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < samples; i++) {
    const switches = process.resourceUsage().involuntaryContextSwitches;
    const t = performance.now();
    verifyDiscordRequest(key, signature, timestamp, body);
    const ms = performance.now() - t;
    wall.push(ms);
    if (process.resourceUsage().involuntaryContextSwitches === switches) own.push(ms);
  }
  own.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  return {
    samples,
    preempted: samples - own.length,
    own: { p50: pct(own, 0.5), p99: pct(own, 0.99), max: own.at(-1) ?? NaN },
    wall: { p50: pct(wall, 0.5), p99: pct(wall, 0.99) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = timeSignatureCheck();
  const ms = (x: number) => `${(x * 1000).toFixed(0)} µs`;
  process.stdout.write(
    `Discord signature check (Ed25519, node:crypto), ${r.samples} calls: p50 ${ms(r.own.p50)}, p99 ${ms(r.own.p99)}, max ${ms(r.own.max)} ` +
      `(${r.preempted} calls preempted by the scheduler set aside; with them p50 ${ms(r.wall.p50)}, p99 ${ms(r.wall.p99)})\n`,
  );
}
