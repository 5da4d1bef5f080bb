/**
 * Where a Discord reply is rendered: the core's platform-neutral `Answer` becomes one embed
 * (title, answer, sources, as-of date) plus buttons for suggested and "did you mean…" questions.
 * Pure functions, no discord.js client needed: unit-tested against Discord's documented limits.
 *
 * Nothing here decides *what* to say: every word comes from the `Answer`; this file only lays it
 * out within Discord's limits and makes sure nothing in it can ping anyone.
 */
import { ButtonStyle, ComponentType, embedLength, escapeMarkdown, MessageFlags } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from 'discord.js';
import type { Answer, Language, Suggestion } from '../core/answer.js';
import { answerView, cite, distinctSuggestions, fitList, truncate, type SourceView } from '../core/view.js';
import { platformMessages } from '../adapters/i18n/index.js';
import { encodeVote } from '../adapters/payload.js';
import { answerRefOf, votable } from '../curation/answerRef.js';
import { customIdFor } from './customId.js';

export { truncate } from '../core/view.js';

/** Discord's documented limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  /** Title, description, footer, author and every field name and value together, per message. */
  embedTotal: 6000,
  content: 2000,
  buttonsPerRow: 5,
  actionRows: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Embed colours by kind: an answer, a "did you mean…", an "I don't know". */
export const COLOURS = { answer: 0x2b6cb0, clarify: 0xd69e2e, unknown: 0x718096, error: 0xc53030 } as const;

/** Never send `allowed_mentions` other than this: no @everyone, @here, role or user pings. */
export const NO_MENTIONS = { parse: [] as [] };

export interface DiscordReply {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowedMentions: typeof NO_MENTIONS;
  flags?: MessageFlags.Ephemeral;
}

export interface RenderOptions {
  /** Only the person who asked sees the reply (Discord's "Only you can see this"). */
  ephemeral?: boolean;
  /** Adapter-level fields appended after the sources (e.g. the command list in `/sma help`). */
  extraFields?: APIEmbedField[];
  /** Adds the 👍/👎 row under an answer from the record (when the bot records votes). */
  votes?: boolean;
}

/**
 * `allowed_mentions: { parse: [] }` already stops every ping; this also keeps "@everyone" and
 * "@here" from *looking* like a mass mention (and from pinging if the text is ever copied into a
 * plain message) by putting a zero-width space after the "@".
 */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, '@\u200b$1');
}

/** Text shown as it was written: no mention, no markdown (headings, lists and masked links included). */
const ESCAPE = { heading: true, bulletedList: true, numberedList: true, maskedLink: true } as const;
export const escapeText = (text: string) => defuseMentions(escapeMarkdown(text.trim(), ESCAPE));

/** Titles, footers, labels: Discord shows them without markdown, so only mentions are defused. */
export const clean = (text: string, max: number) => truncate(defuseMentions(text.trim()), max);

/** A source as the view cites it, its title linked: `Yonhap, "[Title](https://…)" (March 7, 2018)`. */
export function renderSource(s: SourceView, lang: Language): string {
  // Brackets in the text and parentheses in the URL would end the masked link early.
  const link = (title: string, url: string) => `[${title.replace(/(?<!\\)([[\]])/g, '\\$1')}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
  return cite({ ...s, title: truncate(s.title, 200), publisher: truncate(s.publisher, 100) }, lang, { escape: escapeText, link });
}

/** Every source, one per line, within a field's 1,024 characters: whole lines, then "and N more". */
export function sourcesField(sources: SourceView[], lang: Language, label: string, more: (n: number) => string): APIEmbedField | undefined {
  if (!sources.length) return undefined;
  return {
    name: label,
    value: fitList(
      sources.map((s) => renderSource(s, lang)),
      LIMITS.fieldValue,
      '\n',
      more,
    ),
  };
}

export { embedLength } from 'discord.js';

/**
 * Keeps an embed within the per-message total: drops trailing fields first (never the first `keep`,
 * the answer's own), then shortens the description.
 */
export function fitEmbed(embed: APIEmbed, keep = 0): APIEmbed {
  const out: APIEmbed = { ...embed, fields: embed.fields ? [...embed.fields] : undefined };
  while (embedLength(out) > LIMITS.embedTotal && out.fields && out.fields.length > keep) out.fields.pop();
  if (out.fields && out.fields.length === 0) delete out.fields;
  const over = embedLength(out) - LIMITS.embedTotal;
  if (over > 0 && out.description) out.description = truncate(out.description, Math.max(1, out.description.length - over));
  return out;
}

/** The answer as an embed, laid out from the shared view: heading as title, body, sources field, as-of footer. */
export function renderEmbed(answer: Answer, extraFields: APIEmbedField[] = []): APIEmbed {
  const v = answerView(answer);
  const embed: APIEmbed = { color: COLOURS[v.kind], description: truncate(escapeText(v.body || v.labels.noAnswer), LIMITS.embedDescription) };
  if (v.heading) embed.title = clean(v.heading, LIMITS.embedTitle);
  const link = v.sources.find((s) => s.url)?.url;
  if (link) embed.url = link;
  if (v.asOf) embed.footer = { text: clean(v.asOf, LIMITS.embedFooter) };
  const sources = sourcesField(v.sources, v.language, v.labels.sources(v.sources.length), v.labels.more);
  const fields = [...(sources ? [sources] : []), ...extraFields]
    .slice(0, LIMITS.embedFields)
    .map((f) => ({ ...f, name: clean(f.name, LIMITS.fieldName), value: clean(f.value, LIMITS.fieldValue) }));
  if (fields.length) embed.fields = fields;
  return fitEmbed(embed, sources ? 1 : 0);
}

/**
 * Suggested and "did you mean…" questions as buttons (label = the question). One row of at most
 * five; the custom id carries the request, the fact or the question, so a click answers it. A
 * suggestion whose id would not fit gets no button (a cut id would ask something else).
 */
export function renderButtons(answer: Pick<Answer, 'kind' | 'suggestions'>): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const seen = new Set<string>();
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const s of distinctSuggestions(answer.suggestions)) {
    const customId = customIdFor(s);
    if (!customId || seen.has(customId)) continue; // custom ids must be unique within a message
    seen.add(customId);
    buttons.push({ type: ComponentType.Button, style: answer.kind === 'clarify' ? ButtonStyle.Primary : ButtonStyle.Secondary, label: buttonLabel(s), custom_id: customId });
    if (buttons.length === LIMITS.buttonsPerRow) break;
  }
  return buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

export const buttonLabel = (s: Suggestion) => clean(s.question, LIMITS.buttonLabel);

/** Vote buttons' custom ids: `sma:` and the vote payload (`votes.ts` reads them). */
export const VOTE_PREFIX = 'sma:';

/** The 👍/👎 row of an answer from the record; none for any other reply, or when an id would not fit. */
export function voteRow(answer: Answer): APIActionRowComponent<APIButtonComponentWithCustomId> | undefined {
  if (!votable(answer)) return undefined;
  const t = platformMessages(answer.language).feedback;
  const ref = answerRefOf(answer);
  const button = (value: 'up' | 'down', emoji: string, label: string): APIButtonComponentWithCustomId | undefined => {
    const customId = `${VOTE_PREFIX}${encodeVote({ value, answer: ref })}`;
    if (customId.length > LIMITS.customId) return undefined;
    return { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: emoji }, label: clean(label, LIMITS.buttonLabel), custom_id: customId };
  };
  const up = button('up', '👍', t.up);
  const down = button('down', '👎', t.down);
  return up && down ? { type: ComponentType.ActionRow, components: [up, down] } : undefined;
}

/** The whole reply: embed, buttons, no mentions, and the ephemeral flag when asked for. */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): DiscordReply {
  const votes = options.votes ? voteRow(answer) : undefined;
  const reply: DiscordReply = {
    embeds: [renderEmbed(answer, options.extraFields)],
    components: [...renderButtons(answer), ...(votes ? [votes] : [])],
    allowedMentions: NO_MENTIONS,
  };
  if (options.ephemeral) reply.flags = MessageFlags.Ephemeral;
  return reply;
}

/** A short adapter message (permissions, expired buttons, the apology): plain content, never pings. */
export function renderNotice(text: string, options: { ephemeral?: boolean } = {}): { content: string; allowedMentions: typeof NO_MENTIONS; flags?: MessageFlags.Ephemeral } {
  const notice: { content: string; allowedMentions: typeof NO_MENTIONS; flags?: MessageFlags.Ephemeral } = {
    content: clean(text, LIMITS.content),
    allowedMentions: NO_MENTIONS,
  };
  if (options.ephemeral) notice.flags = MessageFlags.Ephemeral;
  return notice;
}

/** Autocomplete choices: at most 25, names and values within 100 characters, no duplicates. */
export function renderChoices(suggestions: Suggestion[]): { name: string; value: string }[] {
  const seen = new Set<string>();
  const out: { name: string; value: string }[] = [];
  for (const s of suggestions) {
    const question = s.question.trim();
    if (!question) continue;
    const value = truncate(question, LIMITS.choiceValue);
    if (seen.has(value)) continue;
    seen.add(value);
    out.push({ name: truncate(question, LIMITS.choiceName), value });
    if (out.length === LIMITS.autocompleteChoices) break;
  }
  return out;
}
