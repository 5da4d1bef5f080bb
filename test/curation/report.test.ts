/**
 * `sma report` on a store filled by a scripted session: questions asked through the conversation
 * service over a real SQLite file (a "did you mean" and its picks, near-duplicate unanswered
 * questions, "the record has no …", answers, on Slack and Discord) and announcements delivered,
 * retried and failed; then the command run in-process prints every section, `--json` parses,
 * `--phrasings` prints YAML that, pasted into a copy of the record, keeps `sma kb check` passing.
 * With the log off the report says so and lists no words; nothing older than the retention shows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AnnouncementEvent } from '../../src/announce/events.js';
import { openSqliteStore, type SqliteStore } from '../../src/announce/sqliteStore.js';
import { loadOrThrow } from '../../src/boot.js';
import { ConversationService } from '../../src/conversation/service.js';
import { createResponder } from '../../src/core/responder.js';
import { DAY_MS, QuestionLog } from '../../src/curation/questionLog.js';
import { buildReport, type Report } from '../../src/curation/report.js';
import { reportText } from '../../src/curation/reportText.js';
import type { FeedbackStore, Vote } from '../../src/curation/types.js';
import { discordChannel, slackChannel, tempDir } from '../announce/helpers.js';
import { sma } from '../support/cli.js';
import { copy, removeCopies } from '../support/kbCopy.js';
import { recordKnowledge, recordResponder } from '../support/record.js';

const kb = recordKnowledge();
const responder = recordResponder(new Date('2026-01-24T12:00:00Z'));
const SECRET = 'a-curation-secret-of-at-least-32-characters';
const SECTIONS = [
  "Top unanswered (I don't know, the record lacks):",
  'Top clarified ("did you mean"):',
  '👎 by fact, with the reasons:',
  'Answers per fact:',
  'Answers per intent:',
  'Picks from "did you mean" (candidate phrasings: sma report --phrasings):',
  'Announcement deliveries:',
];

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  removeCopies();
});

/** A DATA_DIR with the store the scripted session filled, closed again as the bot leaves it. */
async function scriptedStore(keepQuestions: boolean): Promise<{ dataDir: string; env: Record<string, string> }> {
  const tmp = tempDir('sma-report-');
  cleanups.push(() => tmp.remove());
  const dataDir = join(tmp.dir, 'data');
  const store = openSqliteStore(dataDir);
  const log = new QuestionLog({ store, keepQuestions, ...(keepQuestions ? { secret: SECRET } : {}) });
  const service = new ConversationService(responder, { questionLog: log });
  const turn = (user: string, q: string, platform: 'slack' | 'discord' = 'slack') => service.ask(`${platform}:${user}`, q, { from: { platform, userId: user } });
  await turn('U1', 'troops');
  await turn('U1', 'yes'); // picks usfk-troop-numbers
  await turn('U2', 'troops');
  await turn('U2', '1');
  await turn('U3', 'what is the weather in busan today');
  await turn('U4', 'What is the weather in Busan today?');
  await turn('U5', 'weather in busan today', 'discord');
  await turn('U6', 'how much did korea pay in 2024?');
  await turn('U7', 'who negotiated the 13th sma');
  await turn('U8', 'usfk troop count');
  await turn('U8', 'when was the 12th SMA signed?');
  await log.flush();
  // Readers' votes on answers, as the feedback buttons store them (a changed vote counts once, the last value).
  const answer = { intent: 'fact' as const, factId: 'usfk-troop-numbers' };
  const at = new Date();
  await store.recordVote({ answer, answerKey: 'slack:T1:C1:1.1', platform: 'slack', voter: 'h1', value: 'down', reason: 'the figure is from 2021', at });
  await store.recordVote({ answer, answerKey: 'slack:T1:C1:1.1', platform: 'slack', voter: 'h2', value: 'up', at });
  await store.recordVote({ answer, answerKey: 'discord:9', platform: 'discord', voter: 'h3', value: 'up', at });
  await store.recordVote({ answer, answerKey: 'discord:9', platform: 'discord', voter: 'h3', value: 'down', at });
  await deliveries(store);
  await store.close();
  const env = { DATA_DIR: dataDir, QUESTION_LOG: keepQuestions ? 'on' : 'off', ...(keepQuestions ? { CURATION_SECRET: SECRET } : {}) };
  return { dataDir, env };
}

/** Slack: one sent first time, one sent after a retry, one failed; Discord: one sent. */
async function deliveries(store: SqliteStore): Promise<void> {
  const now = Date.now();
  const event: AnnouncementEvent = { id: 'e1', kind: 'round-scheduled', subject: 'r', headline: 'Round 3 scheduled', detail: '' };
  await store.enqueue([event], [slackChannel('C1'), slackChannel('C2'), slackChannel('C3'), discordChannel('300000000000000001')], now);
  const due = await store.due(now, now - 60_000, 10, ['slack', 'discord']);
  const at = (id: string) => due.find((d) => d.channel.channelId === id)!;
  for (const d of due) await store.claim(d, now, now - 60_000);
  await store.markSent(at('C1'), 'ts', now);
  await store.markSent(at('300000000000000001'), 'm', now);
  await store.markFailed(at('C2'), { error: 'ratelimited', retryAt: now, uncertain: false }, now);
  await store.claim(at('C2'), now, now - 60_000);
  await store.markSent(at('C2'), 'ts2', now);
  await store.markFailed(at('C3'), { error: 'channel_not_found', uncertain: false }, now);
}

describe('sma report', () => {
  it('prints every section from a scripted session: grouped unanswered and clarified questions, 👎 with reasons, answers, picks, deliveries', async () => {
    const { env } = await scriptedStore(true);
    const run = await sma(['report'], { env });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    for (const title of SECTIONS) expect(run.out).toContain(title);
    expect(run.out).toContain('Question log: on');
    expect(run.out).toMatch(/Turns: 11 \(2 answered, 2 did you mean, 2 picked from did you mean, 3 I don't know, 2 the record lacks\)/);
    // The three weather questions are one group, asked by three people (the first wording of a tie stands for it).
    expect(run.out).toMatch(/3× "weather in busan today" \(\+2 similar\), 3 askers/);
    expect(run.out).toMatch(/1× "how much did korea pay in 2024\?"/);
    expect(run.out).toMatch(/2× "troops", 2 askers/);
    expect(run.out).toMatch(/usfk-troop-numbers: 3/); // two picks and one answer
    expect(run.out).toMatch(/usfk-troop-numbers: picked 2×, after "troops" ×2/);
    expect(run.out).toContain('slack: 2 sent, 1 retried, 1 failed (0 expired, 0 pending)');
    expect(run.out).toContain('discord: 1 sent, 0 retried, 0 failed');
    expect(run.out).toContain('usfk-troop-numbers: 2 👎, 1 👍 ("the figure is from 2021")');
    // Hashes are the store's business, not the report's.
    expect(run.out).not.toMatch(/[0-9a-f]{64}/);
  });

  it('--json prints the report object as documented', async () => {
    const { env } = await scriptedStore(true);
    const run = await sma(['report', '--json', '--since', '7d'], { env });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out) as Report;
    expect(Object.keys(report)).toEqual(['period', 'questionLog', 'turns', 'unanswered', 'clarified', 'untexted', 'votes', 'answers', 'picks', 'deliveries']);
    expect(report.period.days).toBe(7);
    expect(report.turns).toEqual({ total: 11, answer: 2, clarify: 2, unknown: 3, lacks: 2, pick: 2 });
    expect(report.unanswered[0]).toEqual({
      representative: 'weather in busan today',
      count: 3,
      askers: 3,
      similar: ['what is the weather in busan today', 'What is the weather in Busan today?'],
    });
    expect(report.answers.byIntent).toContainEqual({ key: 'agreement', count: 1 });
    expect(report.picks).toEqual([{ factId: 'usfk-troop-numbers', picks: 2, questions: [{ text: 'troops', count: 2 }] }]);
    expect(report.deliveries).toEqual([
      { platform: 'discord', sent: 1, retried: 0, failed: 0, expired: 0, pending: 0 },
      { platform: 'slack', sent: 2, retried: 1, failed: 1, expired: 0, pending: 0 },
    ]);
  });

  it('--phrasings prints YAML that, pasted under the fact in a copy of the record, keeps kb check passing', async () => {
    const { env } = await scriptedStore(true);
    const run = await sma(['report', '--phrasings'], { env });
    expect(run.code).toBe(0);
    const yaml = parse(run.out) as Record<string, { phrasings?: string[] }>;
    expect(yaml['usfk-troop-numbers']?.phrasings).toEqual(['troops']);
    // Paste: the printed '- ' lines go right under the fact's own phrasings: line.
    const record = copy('knowledge');
    const lines = run.out.split('\n');
    const pasted = lines.slice(lines.indexOf('usfk-troop-numbers:') + 2).filter((l) => l.startsWith('  - '));
    const file = join(record, 'facts/troops-and-thaad.yaml');
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('- id: usfk-troop-numbers');
    expect(at).toBeGreaterThanOrEqual(0);
    const phrasings = text.indexOf('\n  phrasings:\n', at) + '\n  phrasings:\n'.length;
    writeFileSync(file, `${text.slice(0, phrasings)}${pasted.join('\n')}\n${text.slice(phrasings)}`);
    const pastedRecord = loadOrThrow(record);
    expect(pastedRecord.facts.find((f) => f.id === 'usfk-troop-numbers')!.phrasings).toContain('troops');
    // The pasted lines, checked where they can fail (that fact's phrasings, and any other fact's
    // that collides with them); `report --phrasings` itself ran the whole record's check with them.
    const check = await sma(['kb', 'check', '--fact', 'usfk-troop-numbers'], { env: { KNOWLEDGE_DIR: record } });
    expect(check.out).toMatch(/^(\d+)\/\1 phrasings of usfk-troop-numbers route back/m);
    expect(check.out).not.toMatch(/: ".*" (routes|asks|is not|collides)/);
    expect(check.code).toBe(0);
    // And the question that was ambiguous now answers from the fact picked.
    expect(createResponder(pastedRecord).ask('troops').factIds).toEqual(['usfk-troop-numbers']);
  });

  it('with QUESTION_LOG=off the report says so: counts are there, no question texts', async () => {
    const { env } = await scriptedStore(false);
    const run = await sma(['report'], { env });
    expect(run.code).toBe(0);
    expect(run.out).toContain('Question log: off (QUESTION_LOG=off): counts only, no question texts.');
    expect(run.out).toMatch(/Turns: 11 /);
    expect(run.out).toContain('5 without their words (QUESTION_LOG=off)');
    expect(run.out).toContain('usfk-troop-numbers: picked 2×');
    expect(run.out).not.toMatch(/busan|troops"|2024\?/);
    expect((await sma(['report', '--phrasings'], { env })).out).toContain('# No candidates in this period.');
  });

  it('never shows an event older than the retention period, whatever --since says', async () => {
    const { dataDir, env } = await scriptedStore(true);
    const store = openSqliteStore(dataDir);
    await store.logQuestion({
      at: new Date(Date.now() - 100 * DAY_MS),
      platform: 'slack',
      outcome: 'unknown',
      answer: { intent: 'none' },
      confidence: 0,
      question: 'a question from long ago',
    });
    await store.close();
    const old = await sma(['report', '--since', '2020-01-01', '--json'], { env: { ...env, QUESTION_LOG_RETENTION_DAYS: '90' } });
    const report = JSON.parse(old.out) as Report;
    expect(report.period).toMatchObject({ days: 90, retentionDays: 90, clippedToRetention: true });
    expect(JSON.stringify(report)).not.toContain('long ago');
    const longer = JSON.parse((await sma(['report', '--since', '2020-01-01', '--json'], { env: { ...env, QUESTION_LOG_RETENTION_DAYS: '365' } })).out) as Report;
    expect(longer.unanswered.map((g) => g.representative)).toContain('a question from long ago');
  });

  it('bad flags get usage and exit code 2; a missing store says where it looked', async () => {
    expect((await sma(['report', '--since', 'last week'])).code).toBe(2);
    expect((await sma(['report', '--since', '2026-02-30'])).err).toMatch(/--since expects a number of days such as 30d, or a date as YYYY-MM-DD/);
    expect((await sma(['report', '--json', '--phrasings'])).code).toBe(2);
    const tmp = tempDir('sma-report-none-');
    cleanups.push(() => tmp.remove());
    const none = await sma(['report'], { env: { DATA_DIR: join(tmp.dir, 'data') } });
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/sma-bot\.sqlite does not exist/);
  });
});

describe('the report with votes, and compact for a chat message', () => {
  const votes: Vote[] = [
    { answer: { intent: 'fact', factId: 'usfk-troop-numbers' }, answerKey: 'a1', platform: 'slack', voter: 'v1', value: 'down', reason: 'the figure is from 2018', at: new Date() },
    { answer: { intent: 'fact', factId: 'usfk-troop-numbers' }, answerKey: 'a1', platform: 'discord', voter: 'v2', value: 'down', at: new Date() },
    { answer: { intent: 'fact', factId: 'usfk-troop-numbers' }, answerKey: 'a1', platform: 'slack', voter: 'v3', value: 'up', at: new Date() },
    {
      answer: { intent: 'contribution', request: { intent: 'contribution', year: 2024 } },
      answerKey: 'a2',
      platform: 'slack',
      voter: 'v1',
      value: 'down',
      reason: 'no figure?',
      at: new Date(),
    },
    { answer: { intent: 'fact', factId: 'sma-definition' }, answerKey: 'a3', platform: 'slack', voter: 'v1', value: 'up', at: new Date() },
  ];
  const feedback: FeedbackStore = { recordVote: async () => 'new', votes: async (since) => votes.filter((v) => v.at >= since) };

  async function report(): Promise<Report> {
    const { dataDir } = await scriptedStore(true);
    const store = openSqliteStore(dataDir);
    cleanups.push(() => store.close());
    return buildReport(
      { questions: store, deliveries: store, feedback },
      { since: new Date(Date.now() - 30 * DAY_MS), now: new Date(), retentionDays: 90, questionLog: true, knowledge: kb },
    );
  }

  it('👎 by fact with their reasons, most down-voted first; a fact with only 👍 is not listed', async () => {
    const r = await report();
    expect(r.votes.byFact).toEqual([
      { factId: 'usfk-troop-numbers', intent: 'fact', down: 2, up: 1, reasons: ['the figure is from 2018'] },
      { intent: 'contribution', down: 1, up: 0, reasons: ['no figure?'] },
    ]);
    const text = reportText(r);
    expect(text).toContain('usfk-troop-numbers: 2 👎, 1 👍 ("the figure is from 2018")');
    expect(text).toContain('the contribution table: 1 👎, 0 👍 ("no figure?")');
  });

  it('compact: every section within the limit, lists cut with "and N more", then lines cut with a note', async () => {
    const r = await report();
    for (const limit of [3000, 2000]) {
      const text = reportText(r, { limit });
      expect(text.length).toBeLessThanOrEqual(limit);
      for (const title of SECTIONS) expect(text).toContain(title);
    }
    const many = { ...r, unanswered: Array.from({ length: 40 }, (_, i) => ({ representative: `question number ${i} ${'x'.repeat(60)}`, count: 1, askers: 1, similar: [] })) };
    const fitted = reportText(many, { limit: 2000 });
    expect(fitted.length).toBeLessThanOrEqual(2000);
    expect(fitted).toMatch(/… and (39|37|35) more/);
    const tiny = reportText(many, { limit: 400 });
    expect(tiny.length).toBeLessThanOrEqual(400);
    expect(tiny).toMatch(/cut to fit this message: `sma report` shows it all\)$/);
  });
});
