import path from 'node:path';

import { Clock } from '../common/clock.js';
import type { CoordinatorConfig } from './config/coordinator-config.js';
import { openDataSource } from './persistence/data-source.js';
import { PkiStore } from './persistence/pki-store.js';
import { Repositories } from './persistence/repositories/index.js';
import { AccessTokens } from './services/access-tokens.js';
import { loadOrCreateSigningKey, signingKeyFile } from './services/audit-log.js';

export interface Initialised {
  caCreated: boolean;
  caFile: string;
  caSha256: string;
  /** The audit signing key (kept if present): with the CA, what every coordinator process of the federation shares. */
  signingKeyFile: string;
  signingKeyId: string;
  /** The first admin token; shown once, stored only as its hash. */
  adminToken: string;
}

/**
 * `consilium coordinator init`: the federation CA and the audit signing key
 * (each kept if present), the database schema, and the first admin token.
 * Refuses a second admin token: after the first, admins create tokens
 * through the API.
 */
export async function initCoordinator(config: CoordinatorConfig): Promise<Initialised> {
  const { created, store } = await PkiStore.init(config.stateDir);
  const signingKey = loadOrCreateSigningKey(config.stateDir);
  const dataSource = await openDataSource({ url: config.databaseUrl, sqlitePath: path.join(config.stateDir, 'coordinator.sqlite') });
  try {
    const { token } = await new AccessTokens(new Repositories(dataSource), new Clock()).bootstrapAdmin();
    return {
      caCreated: created,
      caFile: store.caFile,
      caSha256: store.caSha256,
      signingKeyFile: signingKeyFile(config.stateDir),
      signingKeyId: signingKey.keyId,
      adminToken: token,
    };
  } finally {
    await dataSource.destroy();
  }
}
