/** `util.parseArgs` with errors a user can act on (a UsageError becomes usage help and exit code 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** `--now` must be a real calendar date. */
export function checkDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!ok) throw new UsageError(`--now expects a date as YYYY-MM-DD, got "${value}"`);
  return value;
}

/** Where a command reads and writes: the process's streams, or a test's. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

/** A percentage flag (`--min-accuracy 97`, `97%` also accepted), 0 to 100. */
export function checkPercent(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/%$/, ''));
  if (!value.trim() || !Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--${flag} expects a percentage from 0 to 100, got "${value}"`);
  return n;
}
