/**
 * `sma announce --dry-run` as an operator runs it (in-process, through the CLI's `main`): its
 * output and exit code, against a real SQLite store written by the announcement engine, which
 * the command must not change.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Announcer } from '../../src/announce/announcer.js';
import { openSqliteStore } from '../../src/announce/sqliteStore.js';
import { silentLogger } from '../../src/log.js';
import { sma as runCli } from '../support/cli.js';
import { copyFixture, fixtureKb, round, slackChannel, tempDir, withRound } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
let knowledgeDir: string;
let dataDir: string;

const sma = (args: string[]) => runCli(args, { env: { KNOWLEDGE_DIR: knowledgeDir, DATA_DIR: dataDir, ANNOUNCE_SLACK_CHANNELS: 'CFIXED01', ANNOUNCE_DISCORD_CHANNELS: '' } });

beforeAll(() => {
  tmp = tempDir('sma-cli-announce-');
  knowledgeDir = copyFixture(tmp.dir);
  dataDir = join(tmp.dir, 'data');
});
afterAll(() => tmp.remove());

describe('sma announce', () => {
  it('without --dry-run: a usage error that says the running bot announces', async () => {
    const r = await sma(['announce']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/sma announce only previews: add --dry-run\. The running bot \(npm start\) announces by itself/);
    expect(r.out).toBe('');
  });

  it('--dry-run before the bot ever ran: explains the baseline', async () => {
    const r = await sma(['announce', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^No announcement state yet \(.*sma-bot\.sqlite does not exist\)\./);
    expect(r.out).toMatch(/first start takes the current knowledge as the baseline/);
  });

  it('--dry-run: the events the knowledge would announce, the channels, and the outbox; nothing written', async () => {
    const now = new Date('2018-04-20T12:00:00Z');
    const store = openSqliteStore(dataDir);
    const announcer = new Announcer({ store, logger: silentLogger, fixedChannels: [slackChannel('CFIXED01', '')], now: () => now });
    await announcer.knowledgeChanged(fixtureKb());
    await store.subscribe(slackChannel('C0TALKS1'));
    // An earlier change, still in the outbox: one delivery retrying, one failed for good.
    await announcer.knowledgeChanged(
      withRound(fixtureKb(), round({ id: 'sma10-r4', round: 4, start: '2018-06-26', end: '2018-06-27', place: 'Seoul', sources: ['kbs-2018-04-08'] })),
    );
    const [a, b] = await store.due(now.getTime(), 0, 10, ['slack']);
    await store.claim(a!, now.getTime(), 0);
    await store.markFailed(a!, { error: 'Slack: internal_error', retryAt: now.getTime() + 60_000, uncertain: true }, now.getTime());
    await store.claim(b!, now.getTime(), 0);
    await store.markFailed(b!, { error: 'Slack: not_in_channel', uncertain: false }, now.getTime());
    store.close();

    // The curator's edit the bot has not seen yet: round 3, as in rounds.yaml. (Round 4 stays, as announced.)
    appendFileSync(
      join(knowledgeDir, 'rounds.yaml'),
      [
        '  - id: sma10-r3',
        '    agreement: sma-10',
        '    round: 3',
        '    start: 2018-05-14',
        '    end: 2018-05-15',
        '    place: Washington',
        '    status: scheduled',
        '    sources: [kbs-2018-04-08]',
        '  - id: sma10-r4',
        '    agreement: sma-10',
        '    round: 4',
        '    start: 2018-06-26',
        '    end: 2018-06-27',
        '    place: Seoul',
        '    status: scheduled',
        '    sources: [kbs-2018-04-08]',
        '',
      ].join('\n'),
    );

    const r = await sma(['announce', '--dry-run', '--now', '2018-04-20']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('last announced revision 2.');
    expect(r.out).toContain('Channels: 2 Slack, 0 Discord (1 of them from ANNOUNCE_*_CHANNELS).');
    expect(r.out).toMatch(/Would announce 1 event \(2 deliveries\):\n {2}round-scheduled +Round 3 of the 10th SMA talks: May 14–15, 2018, Washington\n/);
    expect(r.out).toContain('Source: KBS World, "Second round report" (April 8, 2018) http://world.kbs.co.kr/');
    expect(r.out).toContain('Outbox: 1 pending, 0 sending, 1 failed, 0 expired (0 sent).');
    expect(r.out).toMatch(/pending +slack +\S+ +round-scheduled:sma10-r4@2 \(attempts 1, next try 2018-04-20T12:01:00\.000Z, uncertain\) — Slack: internal_error/);
    expect(r.out).toMatch(/failed +slack +\S+ +round-scheduled:sma10-r4@2 \(attempts 1\) — Slack: not_in_channel/);

    const after = openSqliteStore(dataDir);
    expect((await after.lastAnnounced())?.revision).toBe(2);
    expect(after.countsSync()).toMatchObject({ pending: 1, failed: 1 });
    after.close();
  });
});
