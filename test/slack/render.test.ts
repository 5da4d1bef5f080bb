import { describe, expect, it } from 'vitest';
import {
  ACTIONS_BLOCK_ID,
  DM_ACTIONS_BLOCK_ID,
  escapeMrkdwn,
  LIMITS,
  renderAnswer,
  renderHelp,
  renderNotice,
  renderSource,
  SHARE_ACTION_ID,
  splitMrkdwn,
  truncate,
} from '../../src/slack/render.js';
import { formatDate } from '../../src/core/format.js';
import { sourceView } from '../../src/core/view.js';
import { slackTextToPlain } from '../../src/slack/input.js';
import { answerFor, buttonsOf, contextTexts, sectionTexts, visibleTexts } from './helpers.js';

const HOSTILE = 'Ping <!channel> <!here> <!everyone> <@U123> & <#C999|general> <https://evil.example|click> @here @channel @everyone';

/** True when some visible text could notify people or read as Slack markup from input. */
function leaks(texts: string[]): string[] {
  const bad = [/<!channel>/, /<!here>/, /<!everyone>/, /<@U123>/, /<#C999/, /<https:\/\/evil/, /(^|[^\u200b])@(here|channel|everyone)\b/];
  return texts.filter((t) => bad.some((re) => re.test(t)));
}

describe('escaping', () => {
  it('escapes &, < and > and breaks broadcast words, leaving other text alone', () => {
    expect(escapeMrkdwn('R&D <b> "quoted" ’s @here')).toBe('R&amp;D &lt;b&gt; "quoted" ’s @\u200bhere');
  });

  it('renders hostile text from knowledge and users harmlessly in every visible field', () => {
    const answer = answerFor(HOSTILE, {
      text: `${HOSTILE}\nsecond line`,
      sources: [{ id: 's', publisher: '<!channel> & Co', title: '<@U123> report', url: 'https://example.org/a?x=1&y=<2>|z', date: '2019-03' }],
      suggestions: [{ question: `${HOSTILE} ?` }],
    });
    const message = renderAnswer(answer, { shareValue: '{"id":"1","q":"x"}' });
    const texts = visibleTexts(message);
    expect(leaks(texts)).toEqual([]);
    // What the user sees is the text as typed, not something else:
    expect(sectionTexts(message)[0]).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123&gt; &amp;');
    expect(message.text).toContain('&lt;!channel&gt;');
    // The source link stays one link: `|`, `<`, `>` and `&` of the URL cannot break out of it.
    expect(contextTexts(message)[0]).toContain('&lt;!channel&gt; &amp; Co, "<https://example.org/a?x=1&amp;y=%3C2%3E%7Cz|&lt;@U123&gt; report>"');
    // Button labels are plain text: shown verbatim, with a zero-width space defusing the markup.
    const label = buttonsOf(message)[0].text.text as string;
    expect(label.startsWith('Ping <\u200b!channel>')).toBe(true);
  });

  it('does not link a source whose URL is not http(s), and cites every source the same way', () => {
    for (const url of ['javascript:alert(1)', 'mailto:press@example.org', 'data:text/html,x', 'not a url']) {
      expect(renderSource(sourceView({ id: 's', publisher: 'Evil', title: 'x', url, date: '2019' }, 'en'))).toBe('Evil, "x" (2019)');
    }
    expect(renderSource(sourceView({ id: 's', publisher: 'Yonhap', title: 'T', url: 'https://yna.co.kr/a', date: '2018-03-07' }, 'en'))).toBe(
      `Yonhap, "<https://yna.co.kr/a|T>" (${formatDate('2018-03-07')})`,
    );
  });

  it('marks an approximate date and shows the source note', () => {
    const s = sourceView(
      { id: 's', publisher: 'AP', title: 'Wire', date: '2019-03', approximate: true, note: 'Contains an error (says the SMA is signed every four years).' },
      'en',
    );
    expect(renderSource(s)).toBe('AP, "Wire" (March 2019, approximate; Contains an error (says the SMA is signed every four years))');
    expect(renderSource(sourceView({ id: 's', publisher: 'AP', title: 'Wire', date: '2019', approximate: true }, 'ko'), 'ko')).toBe('AP, "Wire"(2019년경)');
  });

  it('Slack input becomes the plain question the user saw', () => {
    expect(slackTextToPlain('<@UBOT> how much &amp; when? &lt;3 <!here> <@U9|ana> <#C1|general> <https://x.org|the deal>', 'UBOT')).toBe(
      'how much & when? <3 @here @ana #general the deal',
    );
    expect(slackTextToPlain('  <@UBOT|sma>   next\n round  ', 'UBOT')).toBe('next round');
    expect(slackTextToPlain('<@UOTHER> question', undefined)).toBe('question');
    expect(slackTextToPlain(undefined)).toBe('');
  });
});

describe('answer layout', () => {
  it('shows the answer, a context line with linked sources and the as-of date, and buttons', () => {
    const message = renderAnswer(answerFor('When is the next round?'), { shareValue: 'v' });
    expect(sectionTexts(message)).toEqual(['*When is the next round?*\nAnswer to: When is the next round?']);
    const [context] = contextTexts(message);
    expect(context).toBe(
      `Sources: Yonhap, "<https://en.yna.co.kr/view/AEN20180307000351315?a=1&amp;b=2|S. Korea, US open defense cost talks>" (March 7, 2018), ` +
        `Ministry of Foreign Affairs, "10th SMA signed" (March 8, 2019) · as of March 8, 2019`,
    );
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      // The value says what to ask: the fact, the words, the structured request (src/adapters/payload.ts).
      ['sma_ask_0', 'How long does a round last?', 'f:f2'],
      ['sma_ask_1', 'What rounds have been held so far?', 'q:What rounds have been held so far?'],
      ['sma_ask_2', 'Rounds of the 11th SMA talks', 'r:{"i":"rounds","a":11}'],
      [SHARE_ACTION_ID, 'Share in channel', 'v'],
    ]);
    expect(message.text).toBe('When is the next round?: Answer to: When is the next round? (as of March 8, 2019)');
  });

  it('a "did you mean" reply shows the choices as buttons, no heading, no share button', () => {
    const message = renderAnswer(
      answerFor('x', {
        kind: 'clarify',
        matched: false,
        title: 'Did you mean…',
        text: 'Did you mean: "When was the 10th SMA signed?", or "When was the 11th SMA signed?"?',
        sources: [],
        asOf: undefined,
        suggestions: [{ question: 'When was the 10th SMA signed?' }, { question: 'When was the 11th SMA signed?' }, { question: 'When was the 10th SMA signed?' }],
      }),
    );
    expect(sectionTexts(message)[0]).toBe('Did you mean: "When was the 10th SMA signed?", or "When was the 11th SMA signed?"?');
    expect(contextTexts(message)).toEqual([]);
    expect(buttonsOf(message).map((b) => b.value)).toEqual(['q:When was the 10th SMA signed?', 'q:When was the 11th SMA signed?']);
    expect(message.text.length).toBeGreaterThan(0);
  });

  it('answers in the bot DM mark their buttons so clicks answer in the DM', () => {
    const dm = renderAnswer(answerFor('q'), { inDirectMessage: true });
    expect(dm.blocks.find((b) => b.type === 'actions')?.block_id).toBe(DM_ACTIONS_BLOCK_ID);
    expect(renderAnswer(answerFor('q')).blocks.find((b) => b.type === 'actions')?.block_id).toBe(ACTIONS_BLOCK_ID);
  });

  it('names who shared an answer, only for a real user id', () => {
    expect(contextTexts(renderAnswer(answerFor('q'), { sharedBy: 'U0ABC' }))).toContain('Shared by <@U0ABC>');
    expect(contextTexts(renderAnswer(answerFor('q'), { sharedBy: '<!channel>' })).join()).not.toContain('Shared by');
  });

  it('always has a fallback text, even for an empty answer', () => {
    const message = renderAnswer(answerFor('', { text: '', title: '', sources: [], asOf: undefined, suggestions: [] }));
    expect(message.text).toBe('(no answer)');
    expect(sectionTexts(message)).toEqual(['(no answer)']);
  });
});

describe('Block Kit limits', () => {
  it('splits a long answer into sections of at most 3000 chars at paragraph or sentence ends', () => {
    const paragraph = 'The cost-sharing talks resumed in Seoul. '.repeat(60).trim(); // ≈ 2460 chars
    const text = [paragraph, paragraph, paragraph].join('\n\n');
    const sections = sectionTexts(renderAnswer(answerFor('q', { text })));
    expect(sections.length).toBe(3);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(sections[1]).toBe(paragraph);
    expect(sections.join('')).not.toContain('…');
  });

  it('trims an enormous answer and stays within 50 blocks and the total size Slack accepts', () => {
    const text = 'Won & dollars <figures> '.repeat(5000); // 120,000 chars, escaping makes it longer
    const message = renderAnswer(answerFor('q', { text, suggestions: Array.from({ length: 10 }, (_, i) => ({ question: `Question ${i}?` })) }), {
      shareValue: 'v',
    });
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    const sections = sectionTexts(message);
    for (const s of sections) {
      expect(s.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(s).not.toMatch(/&(?!amp;|lt;|gt;)/); // no entity cut in half
    }
    expect(sections.join('').length).toBeLessThanOrEqual(LIMITS.answerText);
    expect(sections.at(-1)!.endsWith('…')).toBe(true);
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(buttonsOf(message).filter((b) => b.action_id.startsWith('sma_ask_'))).toHaveLength(3);
  });

  it('cuts a 20,000-char word hard, without splitting an emoji', () => {
    const chunks = splitMrkdwn('😀'.repeat(10000), 3000);
    expect(chunks.length).toBe(7);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(3000);
      expect(c).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    expect(truncate('😀😀😀', 4)).toBe('😀…');
  });

  it('keeps button labels within 75 chars and drops a button whose value would not fit or could not be asked', () => {
    const longQuestion = `How much did Korea pay ${'in the years after the agreement '.repeat(3)}?`;
    const message = renderAnswer(answerFor('q', { suggestions: [{ question: longQuestion }, { question: 'x'.repeat(2001) }, { question: 'y'.repeat(600) }] }));
    const buttons = buttonsOf(message);
    expect(buttons).toHaveLength(1);
    expect(buttons[0].text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
    expect(buttons[0].text.text.endsWith('…')).toBe(true);
    expect(buttons[0].value).toBe(`q:${longQuestion}`); // clicking asks the whole question
  });

  it('lists many sources within the context limit and says how many more there are', () => {
    const sources = Array.from({ length: 80 }, (_, i) => ({
      id: `s${i}`,
      publisher: `Publisher number ${i}`,
      title: 'A rather long article title about the talks',
      url: `https://example.org/${i}`,
      date: '2020-01-01',
    }));
    const [context] = contextTexts(renderAnswer(answerFor('q', { sources })));
    expect(context!.length).toBeLessThanOrEqual(LIMITS.contextText);
    const shown = context!.match(/Publisher number \d+/g)!.length;
    expect(shown).toBeGreaterThan(10);
    expect(context).toMatch(new RegExp(`and ${80 - shown} more · as of March 8, 2019$`));
  });
});

describe('the view in Slack', () => {
  it('a Korean answer gets Korean labels and dates', () => {
    const message = renderAnswer(answerFor('다음 회의는 언제인가요?', { language: 'ko' }), { shareValue: 'v', sharedBy: 'U0ABC' });
    expect(contextTexts(message)[0]).toMatch(/^출처: Yonhap, .*\(2018년 3월 7일\).* · 2019년 3월 8일 기준$/);
    expect(contextTexts(message)[1]).toBe('<@U0ABC> 님이 공유함');
    expect(buttonsOf(message).at(-1)!.text.text).toBe('채널에 공유');
  });

  it("says when the as-of date is after the clock's day", () => {
    const message = renderAnswer(answerFor('q', { clockDay: '2019-01-15' }));
    expect(contextTexts(message)[0]).toMatch(/ · as of March 8, 2019, after January 15, 2019$/);
  });
});

describe('help and notices', () => {
  it('help lists the commands and offers example questions as buttons', () => {
    const message = renderHelp(
      'I answer <questions> & more.',
      [{ usage: '/sma next-round', description: 'when the next round is' }],
      [{ question: 'When is the next round?', request: { intent: 'next-round' } }],
    );
    const texts = sectionTexts(message);
    expect(texts[0]).toBe('I answer &lt;questions&gt; &amp; more.');
    expect(texts[1]).toContain('`/sma next-round` when the next round is');
    expect(buttonsOf(message).map((b) => [b.text.text, b.value])).toEqual([['When is the next round?', 'r:{"i":"next-round"}']]);
    expect(message.text).toContain('/sma next-round');
  });

  it('a notice is escaped and has its fallback', () => {
    const message = renderNotice('Not yet <!here> & soon');
    expect(message.text).toBe('Not yet &lt;!here&gt; &amp; soon');
    expect(sectionTexts(message)).toEqual([message.text]);
  });
});
