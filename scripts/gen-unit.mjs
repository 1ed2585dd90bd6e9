#!/usr/bin/env node
// Regenerates deploy/site/consilium-site.service: the site agent's systemd
// unit for the default layout (the bundle in /opt/consilium, the config in
// /etc/consilium/site.yaml), from the same function `consilium site
// install-service` renders a site's own unit with. Needs `npm run build`.
// test/integration/install-service.test.ts fails when the committed file differs.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { DEFAULT_LAYOUT, systemdUnit, UNIT_HEADER } = await import(path.join(root, 'dist/site-agent/service/systemd-unit.js'));
writeFileSync(path.join(root, 'deploy/site/consilium-site.service'), UNIT_HEADER + systemdUnit(DEFAULT_LAYOUT));
