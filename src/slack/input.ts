/**
 * Slack's message format → the plain question the core expects. Slack sends user text with `&`, `<`,
 * `>` escaped and with mentions, channels and links as `<…>` sequences; the core must see what the
 * user saw ("@here", "#general", "the link label"), never markup.
 */

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Turns Slack text into plain text: removes the bot's own mention (anywhere; or, when the bot's id is
 * unknown, a leading user mention), renders other `<…>` sequences as readable words, decodes the three
 * entities Slack escapes and collapses whitespace.
 */
export function slackTextToPlain(text: string | undefined, botUserId?: string): string {
  let s = text ?? '';
  if (botUserId) s = s.replace(new RegExp(`<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`, 'g'), ' ');
  else s = s.replace(/^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/, ' ');
  s = s.replace(/<([^<>]*)>/g, (_match, inner: string) => readable(inner));
  s = s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return s.replace(/\s+/g, ' ').trim();
}

function readable(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? inner.slice(bar + 1) : '';
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target; // <@U123> or <@U123|ana>
  if (target.startsWith('#')) return label ? `#${label.replace(/^#/, '')}` : target; // <#C123|general>
  if (target.startsWith('!')) {
    const command = target.slice(1);
    if (/^(here|channel|everyone)$/.test(command)) return `@${command}`;
    if (command.startsWith('subteam^')) return label || '@group';
    return label || ''; // <!date^…|fallback> and anything new: its fallback text
  }
  return label || target; // <https://…|label> or <https://…>
}
