/**
 * Shared test doubles for the announcement engine: the small fixture record (cloned per test so
 * edits never leak), rounds and milestones to add to it, temporary folders, a capturing logger, a
 * settable clock and a Poster that records what it was asked to post.
 */
import { closeSync, cpSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostContext, Poster } from '../../src/announce/delivery.js';
import type { AnnouncementEvent } from '../../src/announce/events.js';
import type { ChannelRef } from '../../src/announce/store.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Knowledge, Milestone, Round } from '../../src/knowledge/schema.js';
import { createLogger, type Logger } from '../../src/log.js';

export const FIXTURE_DIR = 'test/fixtures/kb-minimal';

const fixture = (() => {
  const loaded = loadKnowledge(FIXTURE_DIR);
  if (!loaded.ok) throw new Error(`fixture knowledge does not load: ${JSON.stringify(loaded.problems)}`);
  return loaded.knowledge;
})();

/** A fresh copy of the fixture record (rounds 1–2 of the 10th SMA talks, agreements 9 and 10). */
export const fixtureKb = (): Knowledge => structuredClone(fixture);

export function round(overrides: Partial<Round> & Pick<Round, 'id' | 'round'>): Round {
  return { agreement: 'sma-10', start: '2018-05-14', end: '2018-05-15', place: 'Washington', status: 'scheduled', sources: ['kbs-2018-04-08'], ...overrides };
}

export const milestone = (date: string, extra: Partial<Milestone> = {}): Milestone => ({ date, sources: ['yonhap-2018-03-12'], ...extra });

/** The record with one more round (or a changed one: same id replaces it). */
export function withRound(kb: Knowledge, r: Round): Knowledge {
  const next = structuredClone(kb);
  next.rounds = [...next.rounds.filter((x) => x.id !== r.id), r];
  return next;
}

export function tempDir(prefix = 'sma-announce-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the fixture knowledge folder that a test may edit. */
export function copyFixture(to: string): string {
  const dir = join(to, 'knowledge');
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

export interface Captured {
  logger: Logger;
  lines: Record<string, any>[];
  find(msg: string): Record<string, any> | undefined;
}

export function captureLogger(): Captured {
  const lines: Record<string, any>[] = [];
  return { logger: createLogger('debug', (l) => lines.push(JSON.parse(l))), lines, find: (msg) => lines.find((l) => l.msg === msg) };
}

/** A clock the test moves by hand. */
export function manualClock(start: string | number): { now: () => number; date: () => Date; set(t: string | number): void; advance(ms: number): void } {
  let t = typeof start === 'string' ? Date.parse(start) : start;
  return {
    now: () => t,
    date: () => new Date(t),
    set: (v) => void (t = typeof v === 'string' ? Date.parse(v) : v),
    advance: (ms) => void (t += ms),
  };
}

export interface PostCall {
  channel: ChannelRef;
  event: AnnouncementEvent;
  ctx: PostContext;
}

/** A poster that records every call; `behave` may throw to fail a call. */
export function recordingPoster(behave: (call: PostCall, n: number) => void | Promise<void> = () => {}, perChannelIntervalMs = 0): Poster & { calls: PostCall[] } {
  const calls: PostCall[] = [];
  return {
    calls,
    perChannelIntervalMs,
    async post(channel, event, ctx) {
      const call = { channel, event, ctx };
      calls.push(call);
      await behave(call, calls.length);
      return { messageId: `m${calls.length}` };
    },
  };
}

export const slackChannel = (channelId: string, workspaceId = 'T1'): ChannelRef => ({ platform: 'slack', workspaceId, channelId });
export const discordChannel = (channelId: string, workspaceId = '200000000000000002'): ChannelRef => ({ platform: 'discord', workspaceId, channelId });

/**
 * Damages a closed SQLite file the way a bad disk or a stray write does: the header, the schema and
 * the first tables' pages stay readable (so it opens and its version is read), the data pages from
 * page 10 on are overwritten. `PRAGMA quick_check` then reports them.
 */
export function corruptPages(path: string, fromPage = 10): void {
  const fd = openSync(path, 'r+');
  try {
    const header = Buffer.alloc(100);
    readSync(fd, header, 0, 100, 0);
    const raw = header.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    const pages = Math.floor(fstatSync(fd).size / pageSize);
    const junk = Buffer.alloc(pageSize, 0x5a);
    for (let p = fromPage - 1; p < pages; p++) writeSync(fd, junk, 0, pageSize, p * pageSize + (p % 2 ? 0 : 8));
  } finally {
    closeSync(fd);
  }
}

/** Overwrites the 100-byte header: SQLite then says "file is not a database". */
export function corruptHeader(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(100, 0x42), 0, 100, 0);
  } finally {
    closeSync(fd);
  }
}
