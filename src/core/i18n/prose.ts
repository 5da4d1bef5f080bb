/** Small text helpers shared by the catalogues: full stops and capitals on sentences built from parts. */

/** The text with a closing full stop unless it already ends a sentence (curated texts often omit it). */
export function sentence(s: string): string {
  const t = s.trim();
  return /[.!?)"]$/.test(t) ? t : `${t}.`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
