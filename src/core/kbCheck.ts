/**
 * The curator's "test all": every fact's question and phrasings, asked as they are, must come
 * back to that fact; and no two facts may share a phrasing once normalised. Returns what fails,
 * so a curator can reword a phrasing or move it to the right fact. `only` limits the check to some
 * facts (the ones a curator just edited): their phrasings are asked, and a collision counts when
 * either side is one of them.
 */
import type { Knowledge } from '../knowledge/schema.js';
import { createResponder, type RecordResponder } from './responder.js';
import { hasHangul } from './understand/korean.js';

export interface CheckFailure {
  factId: string;
  phrasing: string;
  problem: string;
}

export interface CheckOptions {
  /** Check only these facts' phrasings (and any other fact's that collides with them). */
  only?: ReadonlySet<string>;
  /** A responder already built from `kb` with this clock (building one costs more than asking). */
  responder?: RecordResponder;
}

export function checkRouting(
  kb: Knowledge,
  now = new Date(),
  { only, responder = createResponder(kb, { clock: () => now }) }: CheckOptions = {},
): { checked: number; failures: CheckFailure[] } {
  const wanted = (factId: string) => !only || only.has(factId);
  const failures: CheckFailure[] = [];
  const owner = new Map<string, { factId: string; phrasing: string }>();
  let checked = 0;
  for (const fact of kb.facts) {
    // English and Korean alike: each language's phrasings must route back in that language.
    for (const phrasing of [fact.question, ...fact.phrasings, ...(fact.ko ? [fact.ko.question, ...fact.ko.phrasings] : [])]) {
      const key = `${hasHangul(phrasing) ? 'ko' : 'en'}:${responder.normaliser.contentOf(phrasing).join(' ')}`;
      const prev = owner.get(key);
      const collides = prev && prev.factId !== fact.id;
      if (!collides) owner.set(key, { factId: fact.id, phrasing });
      // Another fact's phrasing that collides with a wanted one is checked too, and fails.
      if (!wanted(fact.id) && !(collides && wanted(prev.factId))) continue;
      checked++;
      if (collides) failures.push({ factId: fact.id, phrasing, problem: `collides with "${prev.phrasing}" of fact "${prev.factId}"` });
      if (!wanted(fact.id)) continue;
      const a = responder.ask(phrasing);
      if (a.kind === 'answer' && a.factIds[0] === fact.id) continue;
      const problem =
        a.kind === 'answer' && a.intent === 'fact'
          ? `routes to fact "${a.factIds[0]}" instead`
          : a.kind === 'answer'
            ? `routes to the ${a.intent} table answer instead`
            : a.kind === 'clarify'
              ? `asks "did you mean…" between ${a.suggestions.map((s) => `"${s.factId ?? s.question}"`).join(', ')}`
              : `is not understood (confidence ${a.confidence})`;
      failures.push({ factId: fact.id, phrasing, problem });
    }
  }
  return { checked, failures };
}
