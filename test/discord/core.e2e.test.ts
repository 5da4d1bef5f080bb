/**
 * End to end with the real core and the real knowledge base: discord.js Client → adapter →
 * `createResponder(loadKnowledge('knowledge'))` → embed on the loopback fake. The clock is fixed
 * on 1 April 2018 (between rounds 1 and 2 of the 10th SMA talks) so relative answers are stable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import type { AskRequest, Responder } from '../../src/core/answer.js';
import { createResponder } from '../../src/core/responder.js';
import { SUBCOMMAND_REQUESTS } from '../../src/discord/commands/sma.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { INTENT_NAMES } from '../../src/knowledge/schema.js';
import { silentLogger } from '../../src/log.js';
import { createDiscordClient } from '../../src/discord/index.js';
import { LIMITS, embedLength, renderAnswer } from '../../src/discord/render.js';
import { startFakeDiscord, waitFor } from './fakeDiscord.js';
import type { Call, FakeDiscord } from './fakeDiscord.js';
import { autocomplete, buttonPayload, int, slash, str } from './payloads.js';

const NOW = new Date('2018-04-01T00:00:00Z');
let fake: FakeDiscord;
const loaded = loadKnowledge('knowledge');
if (!loaded.ok) throw new Error(`knowledge/ does not load: ${JSON.stringify(loaded.problems.slice(0, 3))}`);
const knowledge = loaded.knowledge;
const responder: Responder = createResponder(knowledge, { clock: () => NOW });
/** Everything the adapter handed the real core, in order (words or structured requests). */
const asked: (string | AskRequest)[] = [];
const recording: Responder = {
  ask: (q, o) => (asked.push(q), responder.ask(q, o)),
  complete: (p, limit) => responder.complete(p, limit),
};
/**
 * A fact whose question, and whose first related fact's question, the core routes back to them
 * (the core's own contract, checked by `sma kb check`), so this test isolates what the adapter
 * adds: the related fact as a `sma:f:<id>` button that still works after a restart.
 */
const routesToItself = (id: string) => {
  const f = knowledge.facts.find((x) => x.id === id);
  return !!f && responder.ask(f.question, { now: NOW }).factIds.includes(id);
};
const factWithRelated = knowledge.facts.find((f) => f.related.length > 0 && routesToItself(f.id) && routesToItself(f.related[0]!));
const clients: Client[] = [];

function newBot() {
  const { client } = createDiscordClient({ DISCORD_API_URL: fake.api }, { responder: recording, logger: silentLogger, clock: () => NOW }, { rest: { retries: 0 } });
  clients.push(client);
  return async (raw: { id: string; token: string }): Promise<Call> => {
    (client as any).actions.InteractionCreate.handle(raw);
    return waitFor(() => fake.calls.find((c) => c.path === `/interactions/${raw.id}/${raw.token}/callback`));
  };
}

beforeAll(async () => {
  fake = await startFakeDiscord();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.destroy()));
  await fake.close();
});

describe('Discord with the real core', () => {
  it('/sma next-round on 1 April 2018: round 2 of the 10th SMA talks, with its source link, date and follow-up buttons', async () => {
    const send = newBot();
    asked.length = 0;
    const call = await send(slash('next-round'));
    expect(asked).toEqual([{ intent: 'next-round' }]); // by intent: no sentence for the router to re-parse
    expect(call.body.type).toBe(4);
    const embed = call.body.data.embeds[0];
    expect(embed.title).toBe('When is the next round?');
    expect(embed.description).toContain('round 2 of the 10th SMA talks');
    expect(embed.description).toContain('April 11–12, 2018');
    expect(embed.url).toMatch(/^https?:\/\//);
    expect(embed.fields[0].name).toMatch(/^Sources?$/);
    // The round's sources include later reports: the footer says they are after the clock's day.
    expect(embed.footer.text).toMatch(/^as of \w+ \d{1,2}, \d{4}, after April 1, 2018$/);
    expect(call.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(call.body.data.components[0].components.length).toBeGreaterThan(0);
  });

  it('/sma rounds agreement:11 asks for the 11th SMA talks by slot', async () => {
    asked.length = 0;
    const call = await newBot()(slash('rounds', [int('agreement', 11)]));
    expect(asked).toEqual([{ intent: 'rounds', agreement: 11 }]);
    expect(call.body.data.embeds[0].title).toBe('Rounds of the 11th SMA talks');
    expect(call.body.data.embeds[0].description).toContain('11th SMA talks');
  });

  it("after a restart, each follow-up button asks the core's suggested request itself and answers what that request answers", async () => {
    const first = await newBot()(slash('next-round'));
    const row = first.body.data.components[0];
    const suggestions = responder.ask({ intent: 'next-round' }, { now: NOW }).suggestions;
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((s) => s.request)).toBe(true);
    expect(row.components.map((b: { label: string }) => b.label)).toEqual(suggestions.map((s) => s.question));
    for (const [i, button] of (row.components as { custom_id: string; label: string }[]).entries()) {
      const afterRestart = newBot();
      asked.length = 0;
      const call = await afterRestart(buttonPayload(button.custom_id, { label: button.label, components: [row] }));
      expect(asked).toEqual([suggestions[i]!.request]);
      expect(call.body.data.embeds[0].title).toBe(responder.ask(suggestions[i]!.request!, { now: NOW }).title);
    }
  });

  it.skipIf(!factWithRelated)("a fact's related-question button still answers that fact after a restart", async () => {
    const fact = factWithRelated;
    const call = await newBot()(slash('ask', [str('question', fact!.question)]));
    expect(call.body.data.embeds[0].title).toBe(fact!.question);
    const related = knowledge.facts.find((f) => f.id === fact!.related[0])!;
    const row = call.body.data.components[0];
    const button = row.components.find((b: { custom_id: string }) => b.custom_id === `sma:f:${related.id}`);
    expect(button).toBeDefined();
    const afterRestart = newBot();
    const click = await afterRestart(buttonPayload(button.custom_id, { label: button.label, components: [row] }));
    expect(click.body.data.embeds[0].title).toBe(related.question);
  });

  it("autocomplete offers the core's questions for empty and partial input, within Discord's limits", async () => {
    const send = newBot();
    const empty = (await send(autocomplete(''))).body.data.choices as { name: string; value: string }[];
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.length).toBeLessThanOrEqual(25);
    expect(empty.map((c) => c.value)).toContain('When is the next round?');
    const partial = (await send(autocomplete('negotiat'))).body.data.choices as { name: string; value: string }[];
    expect(partial.map((c) => c.value)).toContain('Who are the negotiators?');
    for (const c of [...empty, ...partial]) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it("every intent, every agreement's timeline and every fact renders within Discord's limits, every button included", () => {
    const questions: (string | AskRequest)[] = [
      ...INTENT_NAMES.map((intent) => ({ intent })),
      ...knowledge.agreements.map((a) => SUBCOMMAND_REQUESTS.rounds(a.number)),
      ...knowledge.facts.map((f) => f.question),
    ];
    expect(questions.length).toBeGreaterThanOrEqual(10 + 12);
    for (const question of questions) {
      const answer = responder.ask(question, { now: NOW });
      const reply = renderAnswer(answer);
      // No suggestion lost for want of room in a custom id.
      expect(reply.components.flatMap((r) => r.components)).toHaveLength(new Set(answer.suggestions.map((s) => s.question)).size);
      const embed = reply.embeds[0]!;
      expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
      expect((embed.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
      for (const b of reply.components.flatMap((r) => r.components)) {
        expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
        expect(b.label!.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
      }
    }
  }, 30_000); // ~100 questions through the real core: seconds on a loaded machine
});
