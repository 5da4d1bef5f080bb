/**
 * Throwaway copies of the fixture record for tests that edit one file on purpose: `copy()` makes
 * one, `edit()` changes a file and fails loudly when the change did not apply, `removeCopies()`
 * (in an afterEach) deletes them.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURE = join(import.meta.dirname, '../fixtures/kb-minimal');
const dirs: string[] = [];

/** A copy of the fixture record, or of another record folder (`knowledge` for the real one). */
export function copy(from = FIXTURE): string {
  const dir = mkdtempSync(join(tmpdir(), 'sma-kb-'));
  cpSync(from, dir, { recursive: true });
  dirs.push(dir);
  return dir;
}

export function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`fixture edit did not apply to ${file}: ${from}`);
  writeFileSync(path, next);
}

export function removeCopies(): void {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
}
