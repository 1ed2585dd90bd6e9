import path from 'node:path';

import type { CoordinatorConfig } from '../config/coordinator-config.js';
import { FsBlobStore } from './blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';
import type { BlobStore } from './storage.port.js';

/** The blob store the coordinator's config names: stateDir/blobs, or an S3-compatible bucket with a local read cache. */
export function blobStoreFor(config: Pick<CoordinatorConfig, 'stateDir' | 'blobStore'>): BlobStore {
  const store = config.blobStore;
  if (store.kind === 'filesystem') return new FsBlobStore(path.join(config.stateDir, 'blobs'));
  return new S3BlobStore({ ...store, cacheDir: path.join(config.stateDir, 'blob-cache') });
}
