/** A fixed clock from `SMA_NOW` / `--now` (YYYY-MM-DD, noon UTC), else the real one. */
export function clockFrom(date: string | undefined): () => Date {
  if (!date) return () => new Date();
  const fixed = new Date(`${date}T12:00:00Z`);
  return () => fixed;
}
