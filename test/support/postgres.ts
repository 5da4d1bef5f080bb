/**
 * Postgres for the tests: TEST_DATABASE_URL names a server (`.ci/run` and
 * `scripts/test-postgres.sh` start a throwaway one). Each suite gets its own schema, dropped
 * afterwards, so suites and test files never see each other's rows, even in parallel.
 *
 * Without TEST_DATABASE_URL the Postgres suites are skipped with one line saying so; under
 * CI=true they fail instead, so CI can never pass without having run them.
 */
import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { connectPostgres } from '../../src/announce/postgresStore.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** `describe` for a suite that needs Postgres: skipped (with a line saying so) or, in CI, failed without a server. */
export function describePostgres(name: string, body: (url: string) => void): void {
  if (TEST_DATABASE_URL) {
    describe(name, () => body(TEST_DATABASE_URL));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs a Postgres server (TEST_DATABASE_URL), mandatory under CI=true', () => {
        throw new Error('TEST_DATABASE_URL is not set: CI must start Postgres (see .ci/run)');
      });
    });
    return;
  }
  process.stdout.write(`skipped: ${name} (no Postgres: set TEST_DATABASE_URL or run scripts/test-postgres.sh)\n`);
  describe.skip(name, () => body(''));
}

/** A fresh schema name; `dropSchema` removes it with everything in it. */
export const freshSchema = (prefix = 't') => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;

export async function dropSchema(url: string, schema: string): Promise<void> {
  const sql = connectPostgres(url, { max: 1 });
  try {
    await sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
