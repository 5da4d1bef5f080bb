/**
 * `/sma report` through the real Bolt app over signed loopback HTTP, with the real core, the
 * conversation service logging into a real SQLite file: questions asked with `/sma` are in the
 * report an admin (SLACK_ADMIN_USERS) gets privately; anyone else is refused politely and sees
 * nothing of it; the users' words are escaped (they can never ping a channel).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/announce/sqliteStore.js';
import { ConversationService } from '../../src/conversation/service.js';
import { reportProvider } from '../../src/curation/chatReport.js';
import { QuestionLog } from '../../src/curation/questionLog.js';
import { startSlack, type SlackHandle } from '../../src/slack/index.js';
import { tempDir } from '../announce/helpers.js';
import { BOT_TOKEN, captureLogger, sectionTexts, SIGNING_SECRET, slackSignature, slashCommandForm, startFakeSlack, waitFor, type FakeSlack } from './helpers.js';
import { recordKnowledge, recordResponder } from '../support/record.js';

const kb = recordKnowledge();
const ADMIN = 'U0ADMIN01';
let fake: FakeSlack;
let slack: SlackHandle;
let store: SqliteStore;
let log: QuestionLog;
const tmp = tempDir('sma-slack-report-');

beforeAll(async () => {
  fake = await startFakeSlack();
  store = openSqliteStore(join(tmp.dir, 'data'));
  const responder = recordResponder(new Date('2026-01-24T12:00:00Z'));
  log = new QuestionLog({ store, keepQuestions: true, secret: 'a-curation-secret-of-at-least-32-characters' });
  slack = await startSlack(
    { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: fake.apiUrl, PORT: 0 },
    {
      responder,
      logger: captureLogger().logger,
      conversations: new ConversationService(responder, { questionLog: log }),
      admins: [ADMIN],
      report: reportProvider({ questions: store, deliveries: store }, { retentionDays: 90, questionLog: true, knowledge: () => kb }),
    },
    { host: '127.0.0.1', retryConfig: { retries: 0 } },
  );
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
  await store?.close();
  tmp.remove();
});

async function command(text: string, user: string, id: string) {
  const raw = slashCommandForm(text, user, `${fake.url}/response/${id}`);
  const res = await fetch(`http://127.0.0.1:${slack.port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(SIGNING_SECRET, raw) },
    body: raw,
  });
  expect(res.status).toBe(200);
  return (await waitFor(() => fake.responses.find((r) => r.id === id), 10_000)).body;
}

describe('/sma report in Slack', () => {
  it('an admin gets the report privately, with what /sma could not answer; another user is refused and sees none of it', async () => {
    await command('what is the weather in busan today <!channel>', 'U0ASKER1', 'q1');
    await command('troops', 'U0ASKER2', 'q2');
    await command('how much did korea pay in 2024?', 'U0ASKER2', 'q3');
    await log.flush();

    const report = await command('report', ADMIN, 'admin');
    expect(report.response_type).toBe('ephemeral');
    const text = sectionTexts(report).join('\n');
    expect(text).toContain("Top unanswered (I don't know, the record lacks):");
    // The words as asked, with the channel mention defused.
    expect(text).toMatch(/1× "what is the weather in busan today @\u200bchannel"/);
    expect(text).toContain('Top clarified ("did you mean"):\n  1× "troops"');
    expect(text).toContain('Announcement deliveries:');
    expect(text).not.toMatch(/<!channel>|@channel/);
    for (const section of sectionTexts(report)) expect(section.length).toBeLessThanOrEqual(3000);

    const refused = await command('report', 'U0ASKER1', 'other');
    expect(refused.response_type).toBe('ephemeral');
    expect(sectionTexts(refused).join('\n')).toBe('Sorry, the report is only for the admins the operator named (SLACK_ADMIN_USERS). Ask them, or the operator, for it.');
    expect(JSON.stringify(refused)).not.toMatch(/busan|troops|Turns:/);
  });
});
