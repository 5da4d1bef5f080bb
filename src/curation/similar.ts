/**
 * Near-duplicate questions grouped, so a report shows "how many troops are in korea" once with
 * "+3 similar" rather than four lines. Two questions are alike when their content tokens (the
 * project's normaliser: synonyms folded, stop words dropped, stems) overlap by a Jaccard index of
 * at least 0.5: "usfk troops?" and "how many usfk troops" meet, "troops" and "troop cuts" do not.
 * Greedy over the most asked first, so each group's representative is its most asked wording.
 */

export const SIMILARITY = 0.5;

export interface TextCount {
  text: string;
  count: number;
  /** Distinct hashed askers who asked it (0 when the log keeps none). */
  askers: Set<string>;
}

export interface QuestionGroup {
  /** The most asked wording of the group. */
  representative: string;
  /** Turns in the group. */
  count: number;
  /** Distinct askers over the group. */
  askers: number;
  /** The other wordings, most asked first. */
  similar: string[];
}

export function groupSimilar(texts: readonly TextCount[], tokensOf: (text: string) => string[]): QuestionGroup[] {
  const sorted = [...texts].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  const groups: { tokens: Set<string>; members: TextCount[] }[] = [];
  for (const t of sorted) {
    const tokens = new Set(tokensOf(t.text));
    const home = groups.find((g) => jaccard(g.tokens, tokens) >= SIMILARITY);
    if (home) home.members.push(t);
    else groups.push({ tokens, members: [t] });
  }
  return groups
    .map(({ members }) => ({
      representative: members[0]!.text,
      count: members.reduce((n, m) => n + m.count, 0),
      askers: new Set(members.flatMap((m) => [...m.askers])).size,
      similar: members.slice(1).map((m) => m.text),
    }))
    .sort((a, b) => b.count - a.count || a.representative.localeCompare(b.representative));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
