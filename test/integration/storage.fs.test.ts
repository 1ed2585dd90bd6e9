import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { FsBlobStore } from '../../coordinator/persistence/blob-store.js';
import { PartialUploads } from '../../coordinator/persistence/partial-uploads.js';
import { blobStoreContract, uploadStoreContract } from './storage.contract.js';

blobStoreContract('filesystem', async () => new FsBlobStore(mkdtempSync(path.join(tmpdir(), 'consilium-blobs-'))));
uploadStoreContract('filesystem', async () => new PartialUploads(mkdtempSync(path.join(tmpdir(), 'consilium-uploads-'))));
