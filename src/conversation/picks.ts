/**
 * A reply that picks one of the options the bot offered: "2", "#2", "option 2", "the first one",
 * "the last one", "yes" (after "did you mean…?": the first option), "2번", "첫 번째", "네". Only a
 * whole message counts: "when was the first one held?" is a question, not a pick.
 */

export type Pick =
  /** A number as typed, 1-based: valid for any options shown (the console numbers its suggestions). */
  | { kind: 'number'; n: number }
  /** Words ("the second one", "yes"): valid only right after the bot asked with options. */
  | { kind: 'words'; n: number | 'last' };

const ORDINAL: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, 첫: 1, 두: 2, 세: 3 };

export function pickOf(text: string): Pick | undefined {
  const t = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[.!?,。？！]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let m = /^(?:#|number |option |no )?(\d)$/.exec(t) ?? /^(\d) ?번(?:째)?(?: ?(?:거|것|이요|요))?$/.exec(t);
  if (m) return { kind: 'number', n: Number(m[1]) };
  m = /^(?:the )?(first|second|third|1st|2nd|3rd|last)(?: one)?(?: please)?$/.exec(t) ?? /^(첫|두|세) ?번째(?: ?(?:거|것|요|거요|것요))?$/.exec(t);
  if (m) return { kind: 'words', n: m[1] === 'last' ? 'last' : ORDINAL[m[1]!]! };
  if (/^(?:yes|yeah|yep|yup|sure|y|ok|okay|correct|right|that one)(?: please| thanks)?$/.test(t) || /^(?:네|예|응|어|맞아|맞아요|그래|그거|그거요)$/.test(t)) {
    return { kind: 'words', n: 1 };
  }
  return undefined;
}

/** The 0-based option a pick names among `count` options, or undefined when it names none. */
export function pickIndex(pick: Pick, count: number, asked: boolean): number | undefined {
  if (pick.kind === 'words' && !asked) return undefined;
  const n = pick.n === 'last' ? count : pick.n;
  return n >= 1 && n <= count ? n - 1 : undefined;
}
