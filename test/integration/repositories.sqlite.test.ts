import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { openDataSource } from '../../coordinator/persistence/data-source.js';
import { repositoryContract } from './repository.contract.js';

repositoryContract('SQLite', () => openDataSource({ sqlitePath: path.join(mkdtempSync(path.join(tmpdir(), 'consilium-sqlite-')), 'test.sqlite') }));
