import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { customIdFor, parseCustomId } from '../../src/discord/customId.js';
import { LIMITS, defuseMentions, embedLength, renderAnswer, renderButtons, renderChoices, renderEmbed, truncate } from '../../src/discord/render.js';
import { answerFor, LONG_QUESTION, QUESTIONS } from './fakeResponder.js';

const huge = (n: number, word = 'talks ') => word.repeat(Math.ceil(n / word.length)).slice(0, n);

describe('render: an Answer as a Discord embed', () => {
  it('puts the question answered in the title, the answer in the description, the sources in a field, the as-of date in the footer, the first source link as url', () => {
    const embed = renderEmbed(answerFor('How long does a round last?'));
    expect(embed.title).toBe('How long does a round last?');
    expect(embed.description).toBe('Answer to: How long does a round last?');
    // The same date style as the answer's own text and every other platform.
    expect(embed.footer?.text).toBe('as of March 8, 2019');
    expect(embed.url).toBe('https://en.yna.co.kr/view/AEN20180307000351315');
    // the sources field links what has a URL and names what has none
    expect(embed.fields?.[0]?.name).toBe('Sources');
    expect(embed.fields?.[0]?.value).toBe(
      'Yonhap, "[S. Korea, US open talks on defense cost](https://en.yna.co.kr/view/AEN20180307000351315)" (March 7, 2018)\nMinistry of Foreign Affairs, "10th SMA signed" (March 8, 2019)',
    );
  });

  it('never links a javascript: or mailto: source, marks approximate dates and shows notes', () => {
    const embed = renderEmbed(
      answerFor('q', {
        sources: [
          { id: 'a', publisher: 'Evil', title: 'click', url: 'javascript:alert(1)', date: '2019' },
          { id: 'b', publisher: 'Mail', title: 'write', url: 'mailto:a@example.org', date: '2019-03-08' },
          { id: 'c', publisher: 'AP', title: 'Wire', date: '2019-03', approximate: true, note: 'Contains an error.' },
        ],
      }),
    );
    expect(embed.url).toBeUndefined();
    expect(embed.fields?.[0]?.value).toBe('Evil, "click" (2019)\nMail, "write" (March 8, 2019)\nAP, "Wire" (March 2019, approximate; Contains an error)');
  });

  it('escapes markdown from the record, so text shows as written', () => {
    const embed = renderEmbed(
      answerFor('q', {
        text: 'A *bold* claim, [a link](https://evil.example) and # not a heading',
        sources: [{ id: 'a', publisher: 'P_Q', title: 'T [x]', url: 'https://example.org/a(b)', date: '2019' }],
      }),
    );
    expect(embed.description).toBe('A \\*bold\\* claim, \\[a link](https://evil.example) and # not a heading');
    expect(embed.fields?.[0]?.value).toBe('P\\_Q, "[T \\[x\\]](https://example.org/a%28b%29)" (2019)');
  });

  it('a Korean answer gets Korean labels and dates', () => {
    const embed = renderEmbed(answerFor('q', { language: 'ko', clockDay: '2019-01-15' }));
    expect(embed.fields?.[0]?.name).toBe('출처');
    expect(embed.fields?.[0]?.value).toMatch(/\(2018년 3월 7일\)\n/);
    expect(embed.footer?.text).toBe('2019년 3월 8일 기준(2019년 1월 15일 이후)');
  });

  it('never drops sources silently: whole lines within 1,024 characters, then "and N more"', () => {
    const sources = Array.from({ length: 40 }, (_, i) => ({
      id: `s${i}`,
      publisher: `Publisher ${i}`,
      title: 'A long title about the cost-sharing talks',
      url: `https://example.org/${i}`,
      date: '2019-03-08',
    }));
    const field = renderEmbed(answerFor('q', { sources })).fields![0]!;
    expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    const lines = field.value.split('\n');
    expect(lines.at(-1)).toBe(`and ${40 - (lines.length - 1)} more`);
    expect(lines.length).toBeGreaterThan(5);
  });

  it('has no url, no sources field and no footer when the answer has no sources and no date (help, "I don\'t know")', () => {
    const embed = renderEmbed(answerFor('help', { kind: 'unknown', sources: [], asOf: undefined }));
    expect(embed.url).toBeUndefined();
    expect(embed.fields).toBeUndefined();
    expect(embed.footer).toBeUndefined();
  });

  it('keeps title ≤ 256, description ≤ 4096, footer ≤ 2048, ending in "…" where cut', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ id: `s${i}`, publisher: `Publisher number ${i}`, title: 't', date: '2020' }));
    const embed = renderEmbed(answerFor(huge(1000), { text: huge(10000), sources: many, asOf: huge(3000, '2020 ') }));
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.title!.length).toBeGreaterThan(240); // cut at a word near the limit
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(embed.footer!.text.length).toBeLessThanOrEqual(2048);
    expect(embed.footer!.text.endsWith('…')).toBe(true);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('keeps the whole embed within 6000 characters when every part is at its own limit', () => {
    const sources = Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, publisher: huge(90, 'Yonhap '), title: huge(190), url: `https://example.org/${i}`, date: '2019-03-08' }));
    const embed = renderEmbed(answerFor(huge(400), { text: huge(5000), sources }), [{ name: 'Commands', value: huge(2000) }]);
    expect(embedLength(embed)).toBeLessThanOrEqual(6000);
    expect(embedLength(embed)).toBeGreaterThan(5000); // trimmed to the limit, not emptied
    for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
    // whole source lines only, no half link, and the count of the rest
    const lines = embed.fields?.[0]?.value.split('\n') ?? [];
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^Yonhap .*, "\[.*\]\(https:\/\/example\.org\/\d+\)" \(March 8, 2019\)$/);
    expect(lines.at(-1)).toMatch(/^and \d+ more$/);
  });

  it('never cuts a surrogate pair (emoji, rare CJK) in half', () => {
    const cut = truncate('🇰🇷'.repeat(100), 11);
    expect(cut.length).toBeLessThanOrEqual(11);
    expect(cut).toBe('🇰🇷🇰🇷🇰…'.slice(0, cut.length)); // whole code points, then the ellipsis
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut)).toBe(false);
  });

  it('breaks @everyone and @here so they cannot ping or look like a mass mention', () => {
    const embed = renderEmbed(answerFor('@everyone when is the round?', { text: 'Ping @here and @everyone' }));
    expect(embed.title).toBe('@\u200beveryone when is the round?');
    expect(embed.description).toBe('Ping @\u200bhere and @\u200beveryone');
    expect(defuseMentions('mail me at a@herenergy.kr')).toBe('mail me at a@herenergy.kr'); // not a mention
  });
});

describe('render: buttons for suggested questions', () => {
  it('renders one button per suggestion whose click asks it, the three the view offers, labels ≤ 80 and custom ids ≤ 100', () => {
    const suggestions = [QUESTIONS[0]!, QUESTIONS[1]!, QUESTIONS[3]!, ...QUESTIONS.slice(4, 8), { question: huge(300) }];
    const rows = renderButtons({ kind: 'answer', suggestions });
    expect(rows).toHaveLength(1);
    const buttons = rows[0]!.components;
    expect(buttons).toHaveLength(3);
    for (const b of buttons) {
      expect(b.label!.length).toBeLessThanOrEqual(80);
      expect(b.custom_id.length).toBeLessThanOrEqual(100);
    }
    expect(buttons[0]).toMatchObject({ type: 2, style: 2, label: 'When is the next round?', custom_id: 'sma:r:{"i":"next-round"}' });
    expect(buttons[1]).toMatchObject({ label: 'How long does a round last?', custom_id: 'sma:f:round-length' });
    expect(buttons[2]!.label).toBe(`${LONG_QUESTION.slice(0, 78).replace(/\s+\S*$/, '')}…`);
  });

  it('shows "did you mean…" choices as primary buttons and no row at all without suggestions', () => {
    expect(renderButtons({ kind: 'clarify', suggestions: QUESTIONS.slice(1, 3) })[0]!.components.map((b) => b.style)).toEqual([1, 1]);
    expect(renderButtons({ kind: 'answer', suggestions: [] })).toEqual([]);
  });

  it('a custom id carries the request, else the fact, else the words, and parses back to it', () => {
    const request = { question: 'Rounds of the 11th SMA talks', request: { intent: 'rounds' as const, agreement: 11 }, factId: 'rounds-11' };
    expect(customIdFor(request)).toBe('sma:r:{"i":"rounds","a":11}');
    expect(parseCustomId(customIdFor(request)!)).toEqual({ kind: 'request', request: { intent: 'rounds', agreement: 11 } });
    expect(customIdFor({ question: LONG_QUESTION, factId: 'deal-2019-terms' })).toBe('sma:f:deal-2019-terms');
    expect(parseCustomId('sma:f:deal-2019-terms')).toEqual({ kind: 'fact', factId: 'deal-2019-terms' });
    expect(parseCustomId('sma:q:When is the next round?')).toEqual({ kind: 'question', question: 'When is the next round?' });
    // Buttons posted before this format still name their fact.
    expect(parseCustomId('sma:ask:round-length')).toEqual({ kind: 'fact', factId: 'round-length' });
  });

  it('a suggestion whose id would not fit in 100 characters gets no button (a cut id would ask something else)', () => {
    const long = { question: huge(150) };
    expect(customIdFor(long)).toBeUndefined();
    const rows = renderButtons({ kind: 'answer', suggestions: [long, QUESTIONS[1]!] });
    expect(rows[0]!.components.map((b) => b.custom_id)).toEqual(['sma:f:round-length']);
  });

  it.each([
    ["another bot's id", 'other-bot:thing'],
    ['an unknown kind', 'sma:h:AAAAAAAAAAAAAAAAAAAAAA'],
    ['broken JSON', 'sma:r:{"i":"next-round"'],
    ['an unknown intent', 'sma:r:{"i":"weather"}'],
    ['an unknown slot', 'sma:r:{"i":"rounds","a":11,"admin":true}'],
    ['a slot out of bounds', 'sma:r:{"i":"rounds","a":1000000}'],
    ['a fact id that is no id', 'sma:f:../../etc'],
    ['an empty question', 'sma:q:  '],
    ['more than 100 characters', `sma:q:${huge(120)}`],
  ])('parses %s to nothing', (_name, id) => {
    expect(parseCustomId(id)).toBeUndefined();
  });

  it('drops a duplicate suggestion (Discord rejects repeated custom ids in one message)', () => {
    const rows = renderButtons({ kind: 'answer', suggestions: [QUESTIONS[1]!, QUESTIONS[1]!, QUESTIONS[2]!] });
    expect(rows[0]!.components.map((b) => b.custom_id)).toEqual(['sma:f:round-length', 'sma:f:korean-negotiator']);
  });
});

describe('render: the whole reply and autocomplete choices', () => {
  it('never lets a reply parse mentions, and marks private replies ephemeral (64)', () => {
    const a: Answer = answerFor('q');
    expect(renderAnswer(a).allowedMentions).toEqual({ parse: [] });
    expect(renderAnswer(a).flags).toBeUndefined();
    expect(renderAnswer(a, { ephemeral: true }).flags).toBe(64);
  });

  it('returns at most 25 choices with names and values ≤ 100 characters, no duplicates', () => {
    const choices = renderChoices([...QUESTIONS, ...QUESTIONS]);
    expect(choices).toHaveLength(25);
    expect(new Set(choices.map((c) => c.value)).size).toBe(25);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    const long = choices.find((c) => c.name.startsWith('What exactly'))!;
    expect(long.name.endsWith('…')).toBe(true);
  });

  it('spells the as-of date and partial dates as answers do', () => {
    expect(renderEmbed(answerFor('q', { sources: [], asOf: '2026-01-05' })).footer?.text).toBe('as of January 5, 2026');
    expect(renderEmbed(answerFor('q', { sources: [{ id: 'a', publisher: 'KBS', title: 't', date: '2018-11' }], asOf: undefined })).fields?.[0]?.value).toBe(
      'KBS, "t" (November 2018)',
    );
  });
});
