import { describe, it } from 'vitest';

import { freshPostgres } from '../support/postgres.js';
import { repositoryContract } from './repository.contract.js';

const url = process.env['DATABASE_URL'];

if (url) {
  repositoryContract('PostgreSQL', () => freshPostgres(url, 'consilium_test'));
} else {
  describe('repositories on PostgreSQL', () => {
    it.skip('needs DATABASE_URL (postgres://…); .ci/run sets it', () => undefined);
  });
}
