/**
 * Where a Slack reply is rendered: the core's platform-neutral `Answer` → Block Kit blocks plus
 * the plain `text` fallback (notifications, screen readers, old clients). Nothing here decides
 * content; it only lays out the fields of `Answer` and keeps every message safe and within limits:
 *
 * - `&`, `<`, `>` from users and knowledge are escaped, so `<!channel>`, `<!here>`, `<!everyone>`,
 *   `<@U…>` and `<url|…>` from input show as typed and never notify or link;
 * - the plain words `@here`, `@channel`, `@everyone` get an invisible zero-width space after the `@`;
 * - Block Kit limits hold: ≤ 50 blocks, section text ≤ 3000 chars (long answers are split into
 *   several sections, then trimmed), button text ≤ 75, button value ≤ 2000.
 */
import type { types } from '@slack/bolt';
import { isSlackUserId } from '../adapters/ids.js';
import { platformMessages } from '../adapters/i18n/index.js';
import { encodeSuggestion, encodeVote } from '../adapters/payload.js';
import { answerRefOf, votable } from '../curation/answerRef.js';
import type { Answer, Language, Suggestion } from '../core/answer.js';
import { answerView, cite, fitList, truncate as cutText, type AnswerView, type SourceView } from '../core/view.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;
type MrkdwnElement = types.MrkdwnElement;

/** A message as chat.postMessage and respond() take it: blocks plus the fallback text. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  contextText: 3000,
  buttonText: 75,
  actionValue: 2000,
  actionsElements: 25,
  /**
   * Total answer text across sections. Slack rejects some messages with `msg_blocks_too_long`
   * below the documented per-block limits, so the whole answer stays well under 12,000 chars.
   */
  answerText: 11000,
  /** The notification fallback: long enough to read, short enough to never be cut by Slack. */
  fallbackText: 3000,
} as const;

/**
 * Suggestion and "did you mean…" buttons: `sma_ask_0`, `sma_ask_1`, …; the value is the button's
 * payload (`r:<request>`, `f:<factId>` or `q:<question>`, see `src/adapters/payload.ts`).
 */
export const ASK_ACTION_PREFIX = 'sma_ask_';
export const ASK_ACTION_ID = /^sma_ask_\d+$/;
/** The "Share in channel" button on an ephemeral answer. */
export const SHARE_ACTION_ID = 'sma_share';
/**
 * block_id of the buttons row, telling the button listener where a click's answer goes:
 * privately to the clicker (everywhere), or as a normal message in the user's DM with the bot.
 */
export const ACTIONS_BLOCK_ID = 'sma_actions';
export const DM_ACTIONS_BLOCK_ID = 'sma_actions_dm';
/**
 * 👍/👎 on an answer from the record, in a row of their own after the other buttons: one action
 * id each, the value what the answer was (`v:u:…`/`v:d:…`, see `encodeVote`); the answer itself
 * is the message they sit in, known when they are clicked.
 */
export const VOTE_BLOCK_ID = 'sma_votes';
export const VOTE_UP_ACTION_ID = 'sma_vote_up';
export const VOTE_DOWN_ACTION_ID = 'sma_vote_down';

const ZWSP = '\u200b';

const ELLIPSIS = '…';

/** Breaks `@here`, `@channel`, `@everyone` typed as plain words (they may notify with link_names). */
export function neutraliseBroadcasts(text: string): string {
  return text.replace(/@(here|channel|everyone)\b/gi, `@${ZWSP}$1`);
}

/** For mrkdwn fields and the `text` fallback: escapes `&`, `<`, `>` and neutralises broadcast words. */
export function escapeMrkdwn(text: string): string {
  return neutraliseBroadcasts(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/**
 * For plain_text fields (button labels): Slack shows them verbatim (no entity decoding), so instead of
 * escaping, a zero-width space keeps `<!…>`, `<@…>`, `<#…>` from ever reading as a control sequence.
 */
export function safePlainText(text: string): string {
  return neutraliseBroadcasts(text.replace(/<(?=[!@#])/g, `<${ZWSP}`));
}

/** Cuts to at most `max` UTF-16 units, ending with "…", never inside a surrogate pair or an `&…;` entity. */
export function truncate(text: string, max: number): string {
  return cutText(text, max, safeCut);
}

/** The largest index ≤ `at` where `text` may be cut without splitting a surrogate pair or an entity. */
function safeCut(text: string, at: number): number {
  let cut = Math.min(at, text.length);
  const code = text.charCodeAt(cut);
  if (cut > 0 && code >= 0xdc00 && code <= 0xdfff) cut -= 1; // low surrogate: keep the pair together
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 6 && !text.slice(amp, cut).includes(';') && /^&(amp|lt|gt);/.test(text.slice(amp, amp + 5))) {
    cut = amp;
  }
  return cut;
}

/**
 * Splits already-escaped mrkdwn into chunks of at most `max` chars, preferring paragraph breaks,
 * then line breaks, then sentence ends, then spaces; a word longer than `max` is cut hard.
 */
export function splitMrkdwn(text: string, max: number = LIMITS.sectionText): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = -1;
    for (const sep of ['\n\n', '\n', '. ', ' ']) {
      const at = window.lastIndexOf(sep, max - (sep === '. ' ? 1 : 0));
      if (at > max / 3) {
        cut = sep === '. ' ? at + 1 : at;
        break;
      }
    }
    if (cut <= 0) cut = safeCut(rest, max);
    if (cut <= 0) cut = max; // cannot happen with max ≥ 6; guards against an endless loop
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) chunks.push(rest);
  return chunks;
}

/**
 * A source as the view cites it, escaped, its title a link where it has an http(s) URL:
 * `Yonhap, "<https://…|Title>" (March 12, 2018)`.
 */
export function renderSource(source: SourceView, lang: Language = 'en'): string {
  return cite({ ...source, title: truncate(source.title, 200) }, lang, { escape: escapeMrkdwn, link: (title, url) => `<${linkTarget(url)}|${title.replace(/\|/g, '¦')}>` });
}

/** The view's http(s) URL as the target of `<url|label>`: `|`, `&`, `<` and `>` cannot end it early. */
function linkTarget(url: string): string {
  return url.replace(/\|/g, '%7C').replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E');
}

function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text };
}

/** A button, or nothing when its value would not fit (a truncated question would ask something else). */
function button(actionId: string, label: string, value: string | undefined, style?: 'primary', accessibilityLabel?: string): Button | undefined {
  if (!value || value.length > LIMITS.actionValue) return undefined;
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(safePlainText(label), LIMITS.buttonText), emoji: true },
    value,
    ...(style ? { style } : {}),
    ...(accessibilityLabel ? { accessibility_label: truncate(accessibilityLabel, LIMITS.buttonText) } : {}),
  };
}

/** The 👍/👎 row of an answer from the record; none for any other reply. */
export function voteBlock(answer: Answer): KnownBlock | undefined {
  if (!votable(answer)) return undefined;
  const t = platformMessages(answer.language).feedback;
  const ref = answerRefOf(answer);
  const up = button(VOTE_UP_ACTION_ID, `👍 ${t.up}`, encodeVote({ value: 'up', answer: ref }), undefined, t.up);
  const down = button(VOTE_DOWN_ACTION_ID, `👎 ${t.down}`, encodeVote({ value: 'down', answer: ref }), undefined, t.down);
  return up && down ? { type: 'actions', block_id: VOTE_BLOCK_ID, elements: [up, down] } : undefined;
}

/** The view's suggestions as `sma_ask_N` buttons; one whose payload would not fit gets none. */
export function suggestionButtons(suggestions: readonly Suggestion[]): Button[] {
  const buttons: Button[] = [];
  for (const s of suggestions) {
    const b = button(`${ASK_ACTION_PREFIX}${buttons.length}`, s.question, encodeSuggestion(s, LIMITS.actionValue));
    if (b) buttons.push(b);
  }
  return buttons;
}

export interface RenderOptions {
  /** Adds the "Share in channel" button carrying this value (ephemeral answers only). */
  shareValue?: string;
  /** A shared answer names who shared it (a Slack user id from the signed payload). */
  sharedBy?: string;
  /** Answers in the user's DM with the bot: button clicks answer in the DM instead of privately. */
  inDirectMessage?: boolean;
  /** Adds 👍/👎 under an answer from the record (when the bot records votes). */
  votes?: boolean;
}

/** The core's answer as a Slack message, laid out from the shared view. */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const v = answerView(answer);
  const blocks: KnownBlock[] = [];
  const heading = v.heading ? `*${escapeMrkdwn(v.heading)}*` : '';
  const full = [heading, escapeMrkdwn(v.body)].filter(Boolean).join('\n') || escapeMrkdwn(v.labels.noAnswer);

  // Room for the context, actions and votes blocks after the answer sections.
  const maxSections = LIMITS.blocks - 3;
  let sections = splitMrkdwn(truncate(full, LIMITS.answerText), LIMITS.sectionText);
  if (sections.length > maxSections) {
    sections = sections.slice(0, maxSections);
    sections[maxSections - 1] = truncate(`${sections[maxSections - 1]}${ELLIPSIS}`, LIMITS.sectionText);
  }
  for (const text of sections) blocks.push({ type: 'section', text: mrkdwn(text) });

  const context = contextLine(v);
  const shared = options.sharedBy && isSlackUserId(options.sharedBy) ? v.labels.sharedBy(`<@${options.sharedBy}>`) : '';
  const contextElements = [context, shared].filter(Boolean).map(mrkdwn);
  if (contextElements.length) blocks.push({ type: 'context', elements: contextElements });

  const buttons = suggestionButtons(v.suggestions);
  if (options.shareValue) {
    const share = button(SHARE_ACTION_ID, v.labels.share, options.shareValue, 'primary');
    if (share) buttons.push(share);
  }
  if (buttons.length) {
    blocks.push({
      type: 'actions',
      block_id: options.inDirectMessage ? DM_ACTIONS_BLOCK_ID : ACTIONS_BLOCK_ID,
      elements: buttons.slice(0, LIMITS.actionsElements),
    });
  }
  const votes = options.votes ? voteBlock(answer) : undefined;
  if (votes) blocks.push(votes);

  return { text: fallbackText(v), blocks };
}

/** "Sources: Yonhap, "<url|Title>" (March 12, 2018), … and 3 more · as of March 12, 2018", within the context text limit. */
function contextLine(v: AnswerView): string {
  const asOf = v.asOf ? escapeMrkdwn(v.asOf) : '';
  const parts: string[] = [];
  if (v.sources.length) {
    const label = `${v.labels.sources(v.sources.length)}: `;
    const budget = LIMITS.contextText - label.length - asOf.length - 3;
    parts.push(
      `${label}${fitList(
        v.sources.map((s) => renderSource(s, v.language)),
        budget,
        ', ',
        v.labels.more,
      )}`,
    );
  }
  if (asOf) parts.push(asOf);
  return parts.join(' · ');
}

/** The plain fallback: what a notification or an old client shows. Always set, never empty. */
function fallbackText(v: AnswerView): string {
  const core = v.heading && v.body ? `${v.heading}: ${v.body}` : v.heading || v.body || v.labels.noAnswer;
  return truncate(escapeMrkdwn(v.asOf ? `${core} (${v.asOf})` : core), LIMITS.fallbackText);
}

/** A short adapter message (not an answer from the core): "not available yet", "something went wrong". */
export function renderNotice(text: string): SlackMessage {
  const safe = escapeMrkdwn(text);
  return {
    text: truncate(safe, LIMITS.fallbackText),
    blocks: splitMrkdwn(truncate(safe, LIMITS.answerText)).map((t) => ({ type: 'section', text: mrkdwn(t) }) as KnownBlock),
  };
}

export interface HelpLine {
  /** What to type, e.g. `/sma next-round`. */
  usage: string;
  description: string;
}

/**
 * `/sma help` and an empty `/sma`: what the bot answers (the core's help text), the subcommands (from
 * the command's dispatch table), how to ask in channels and DMs, and example questions as buttons.
 */
export function renderHelp(
  intro: string,
  lines: readonly HelpLine[],
  examples: readonly Suggestion[],
  options: Pick<RenderOptions, 'inDirectMessage'> & { language?: Language } = {},
): SlackMessage {
  const t = platformMessages(options.language).slack;
  const list = lines.map((l) => `• \`${escapeMrkdwn(l.usage)}\` ${escapeMrkdwn(l.description)}`).join('\n');
  const blocks: KnownBlock[] = [
    ...splitMrkdwn(truncate(escapeMrkdwn(intro.trim() || t.helpIntro), LIMITS.answerText)).map((section): KnownBlock => ({ type: 'section', text: mrkdwn(section) })),
    { type: 'section', text: mrkdwn(truncate(`*${t.helpCommands}*\n${list}`, LIMITS.sectionText)) },
    { type: 'context', elements: [mrkdwn(t.helpElsewhere)] },
  ];
  const buttons = suggestionButtons(examples);
  if (buttons.length) {
    blocks.push({ type: 'actions', block_id: options.inDirectMessage ? DM_ACTIONS_BLOCK_ID : ACTIONS_BLOCK_ID, elements: buttons });
  }
  const text = truncate(escapeMrkdwn(t.helpFallback(lines.map((l) => l.usage))), LIMITS.fallbackText);
  return { text, blocks };
}
