/**
 * Where a Discord reply is rendered: the core's platform-neutral `Answer` becomes one embed
 * (title, answer, sources, as-of date) plus buttons for suggested and "did you mean…" questions.
 * Pure functions, no discord.js client needed: unit-tested against Discord's documented limits.
 *
 * Nothing here decides *what* to say: every word comes from the `Answer`; this file only lays it
 * out within Discord's limits and makes sure nothing in it can ping anyone.
 */
import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from 'discord.js';
import { platformMessages } from '../adapters/i18n/index.js';
import type { Answer, Language, SourceRef, Suggestion } from '../core/answer.js';
import { formatDate as formatKoreanStyle } from '../core/format.js';
import { customIdFor } from './customId.js';

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
}

const ELLIPSIS = '…';

/**
 * Shortens `text` to at most `max` UTF-16 units (Discord counts characters; UTF-16 length is never
 * smaller), ending in "…", without splitting a surrogate pair and preferring a word boundary.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let cut = '';
  for (const ch of text) {
    if (cut.length + ch.length > max - 1) break;
    cut += ch;
  }
  const space = cut.lastIndexOf(' ');
  if (space >= Math.floor((max - 1) * 0.6)) cut = cut.slice(0, space);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/**
 * `allowed_mentions: { parse: [] }` already stops every ping; this also keeps "@everyone" and
 * "@here" from *looking* like a mass mention (and from pinging if the text is ever copied into a
 * plain message) by putting a zero-width space after the "@".
 */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, '@\u200b$1');
}

const clean = (text: string, max: number) => truncate(defuseMentions(text.trim()), max);

/** "2019-03-08" → "8 March 2019"; partial dates ("2019-03", "2019") are spelled as far as given. */
export function formatDate(date: string, lang: Language = 'en'): string {
  if (lang === 'ko') return formatKoreanStyle(date, 'ko');
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return date;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const [, y, mo, d] = m;
  const month = mo ? months[Number(mo) - 1] : undefined;
  if (!month) return y!;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/** Footer: "Sources: Yonhap, Ministry of Foreign Affairs · as of 8 March 2019". */
export function footerText(answer: Pick<Answer, 'sources' | 'asOf' | 'language'>): string | undefined {
  const t = platformMessages(answer.language).discord;
  const publishers = [...new Set(answer.sources.map((s) => s.publisher.trim()).filter(Boolean))];
  const parts: string[] = [];
  if (publishers.length) parts.push(`${t.sourcesLabel(publishers.length)}: ${publishers.join(', ')}`);
  if (answer.asOf) parts.push(t.asOf(formatDate(answer.asOf, answer.language)));
  return parts.length ? clean(parts.join(' · '), LIMITS.embedFooter) : undefined;
}

const escapeLinkText = (text: string) => text.replace(/([\\[\]])/g, '\\$1');
const safeUrl = (url: string) => url.replace(/[()\s]/g, (c) => encodeURIComponent(c));

/** One line per source, as links where a URL is known; whole lines only, within a field's 1024. */
export function sourcesField(sources: SourceRef[], lang: Language = 'en'): APIEmbedField | undefined {
  if (!sources.some((s) => s.url)) return undefined;
  const lines: string[] = [];
  let length = 0;
  for (const s of sources) {
    const title = clean(s.title, 200);
    const label = s.url ? `[${escapeLinkText(title)}](${safeUrl(s.url)})` : title;
    const line = `${label} — ${clean(s.publisher, 100)}, ${formatDate(s.date, lang)}`;
    const extra = line.length + (lines.length ? 1 : 0);
    if (length + extra > LIMITS.fieldValue) break;
    lines.push(line);
    length += extra;
  }
  if (!lines.length) return undefined;
  return { name: platformMessages(lang).discord.sourcesLabel(sources.length), value: lines.join('\n') };
}

/** Characters Discord counts towards the 6000 per message. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Keeps an embed within the per-message total: drops trailing fields first, then shortens the description. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed, fields: embed.fields ? [...embed.fields] : undefined };
  while (embedLength(out) > LIMITS.embedTotal && out.fields && out.fields.length > 0) out.fields.pop();
  if (out.fields && out.fields.length === 0) delete out.fields;
  const over = embedLength(out) - LIMITS.embedTotal;
  if (over > 0 && out.description) out.description = truncate(out.description, Math.max(1, out.description.length - over));
  return out;
}

/** The answer as an embed. */
export function renderEmbed(answer: Answer, extraFields: APIEmbedField[] = []): APIEmbed {
  const embed: APIEmbed = {
    color: COLOURS[answer.kind],
    title: clean(answer.title || platformMessages(answer.language).discord.defaultTitle, LIMITS.embedTitle),
    description: clean(answer.text || '…', LIMITS.embedDescription),
  };
  const link = answer.sources.find((s) => s.url)?.url;
  if (link) embed.url = link;
  const footer = footerText(answer);
  if (footer) embed.footer = { text: footer };
  const fields = [sourcesField(answer.sources, answer.language), ...extraFields]
    .filter((f): f is APIEmbedField => Boolean(f))
    .slice(0, LIMITS.embedFields)
    .map((f) => ({ ...f, name: clean(f.name, LIMITS.fieldName), value: clean(f.value, LIMITS.fieldValue) }));
  if (fields.length) embed.fields = fields;
  return fitEmbed(embed);
}

/**
 * Suggested and "did you mean…" questions as buttons (label = the question). One row of at most
 * five; the custom id carries the request, the fact or the question, so a click answers it. A
 * suggestion whose id would not fit gets no button (a cut id would ask something else).
 */
export function renderButtons(answer: Pick<Answer, 'kind' | 'suggestions'>): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const seen = new Set<string>();
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const s of answer.suggestions) {
    if (!s.question.trim()) continue;
    const customId = customIdFor(s);
    if (!customId || seen.has(customId)) continue; // custom ids must be unique within a message
    seen.add(customId);
    buttons.push({
      type: ComponentType.Button,
      style: answer.kind === 'clarify' ? ButtonStyle.Primary : ButtonStyle.Secondary,
      label: buttonLabel(s),
      custom_id: customId,
    });
    if (buttons.length === LIMITS.buttonsPerRow) break;
  }
  return buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

export const buttonLabel = (s: Suggestion) => clean(s.question, LIMITS.buttonLabel);

/** The whole reply: embed, buttons, no mentions, and the ephemeral flag when asked for. */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): DiscordReply {
  const reply: DiscordReply = {
    embeds: [renderEmbed(answer, options.extraFields)],
    components: renderButtons(answer),
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
