// The download, held to a byte budget (issue #16): gzip -9 of the script-tag file and of a
// webpack 5 production bundle of the bench's sign-in app may not exceed the budgets in
// size-budget.json next to this file. Bytes are exact, so this is a check, not a timing.
// Brotli is printed alongside for comparison, not budgeted. Measured with the same code as
// `npm run bench` (bench/compress.mjs, bench/bundle.mjs). Needs `npm run build` first.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { buildSignInBundles } from '../../bench/bundle.mjs';
import { compressed } from '../../bench/compress.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const SCRIPT = join(ROOT, 'pkg', 'amazon-cognito-identity.min.js');
const budget = JSON.parse(readFileSync(join(HERE, 'size-budget.json'), 'utf8'));

const fmt = (n) => n.toLocaleString('en-US');

/** Reports the sizes, then fails if the gzip bytes exceed `limit`. */
function holdTo(t, what, bytes, limit) {
  assert.ok(Number.isInteger(limit) && limit > 0, `size-budget.json has no budget for ${what}`);
  const size = compressed(bytes);
  t.diagnostic(`${what}: ${fmt(size.gzip)} B gzip -9 (budget ${fmt(limit)}, ${fmt(limit - size.gzip)} to spare); ${fmt(size.brotli)} B brotli q11; ${fmt(size.raw)} B raw`);
  assert.ok(size.gzip <= limit, `${what} is ${fmt(size.gzip)} bytes gzip, over its budget of ${fmt(limit)} (tests/packaging/size-budget.json) by ${fmt(size.gzip - limit)}`);
}

test('the script-tag file stays within its gzip budget', (t) => {
  assert.ok(existsSync(SCRIPT), `${SCRIPT} is missing: run \`npm run build\` first`);
  holdTo(t, 'script tag (pkg/amazon-cognito-identity.min.js)', readFileSync(SCRIPT), budget.scriptTagGzip);
});

test('a webpack 5 production bundle of the sign-in app stays within its gzip budget', async (t) => {
  assert.ok(existsSync(join(ROOT, 'pkg', 'index.js')), 'pkg/index.js is missing: run `npm run build` first');
  const { ours } = await buildSignInBundles({ out: join(ROOT, 'target', 'size-budget', 'webpack'), names: ['ours'] });
  holdTo(t, 'webpack bundle (bench/app/ours.js)', ours.bytes, budget.webpackBundleGzip);
});
