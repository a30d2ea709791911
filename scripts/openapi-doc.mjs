#!/usr/bin/env node
// Writes the OpenAPI document the application serves at /api/docs-json to a file, so it can be
// linted (npx redocly lint <file>) or published.
//   npm run build && node scripts/openapi-doc.mjs openapi.json
// The app is started on a throw-away SQLite database (no demo data) in a temporary directory.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const out = process.argv[2];
if (!out) {
  process.stderr.write('Cách dùng: node scripts/openapi-doc.mjs <tệp-đầu-ra.json>\n');
  process.exit(2);
}

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(join(root, 'package.json'));
require('reflect-metadata');
const { createApp } = require(join(root, 'dist/src/bootstrap.js'));
const { loadConfig } = require(join(root, 'dist/src/config/app-config.js'));

const dataDir = mkdtempSync(join(tmpdir(), 'thidua-openapi-'));
let app;
try {
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      SQLITE_PATH: join(dataDir, 'openapi.sqlite'),
      LOG_LEVEL: 'error',
      JWT_SECRET: randomBytes(36).toString('base64url'),
      SEED_DEMO: 'false',
      PORT: '0',
    },
    root,
  );
  app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  const res = await fetch(`http://127.0.0.1:${port}/api/docs-json`);
  if (!res.ok) throw new Error(`GET /api/docs-json → ${res.status}`);
  const document = await res.json();
  writeFileSync(resolve(process.cwd(), out), `${JSON.stringify(document, null, 2)}\n`);
  const operations = Object.values(document.paths ?? {}).reduce((n, item) => n + Object.keys(item).length, 0);
  process.stdout.write(`${out}: ${Object.keys(document.paths ?? {}).length} paths, ${operations} operations\n`);
} finally {
  if (app) await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
