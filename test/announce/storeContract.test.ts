/**
 * One contract, two stores: the SQLite file of a single instance and the Postgres database that
 * several instances share (skipped without TEST_DATABASE_URL, mandatory under CI=true).
 */
import { join } from 'node:path';
import { PostgresStore } from '../../src/announce/postgresStore.js';
import { openSqliteStore } from '../../src/announce/sqliteStore.js';
import { describePostgres, dropSchema, freshSchema } from '../support/postgres.js';
import { tempDir } from './helpers.js';
import { storeContract } from './storeContract.js';

storeContract('SQLite', async () => {
  const tmp = tempDir();
  return { open: async () => openSqliteStore(join(tmp.dir, 'data')), remove: async () => tmp.remove() };
});

describePostgres('Postgres store', (url) => {
  storeContract('Postgres', async () => {
    const schema = freshSchema('contract');
    return { open: () => PostgresStore.open(url, { schema, max: 3 }), remove: () => dropSchema(url, schema) };
  });
});
