// The one rule written twice: `new CognitoUserPool` checks the pool id in JS
// (src/facade/CognitoUserPool.js, so that making a pool runs no wasm) and the core checks
// it again on every call's pool data (src/flows/pool.rs, `PoolConfig::new`). One corpus of
// ids (valid, invalid, and the edges of the SDK's /^[\w-]+_[0-9a-zA-Z]+$/ and 55-character
// limit) goes through ours' constructor (pkg/index.cjs), the core (the built wasm's
// `now('pool')`, through the glue pkg/index.js uses, and the URL of its requests) and the JS SDK's constructor: the
// three give the same error message, or the same endpoint. Ours' constructor decides
// without the wasm. Needs `npm run build` first.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'pkg');
const require = createRequire(import.meta.url);
const sdk = require('amazon-cognito-identity-js');

const long = (n) => `us-east-1_${'a'.repeat(n - 'us-east-1_'.length)}`;

/** [UserPoolId, ClientId, endpoint?]: text (or absent) ids, which the three read alike. */
const CORPUS = [
  // src/flows/pool.rs's tests
  [undefined, 'c'],
  ['us-east-1_x', ''],
  ['nounderscore', 'c'],
  ['_abc', 'c'],
  ['us-east-1_', 'c'],
  ['us-east-1_ab-c', 'c'],
  ['us east_1', 'c'],
  [`us-east-1_${'a'.repeat(50)}`, 'c'],
  ['us-east-1_Ab12', 'c'],
  ['a_b_C9', 'c'],
  // missing and empty
  [undefined, undefined],
  ['', ''],
  ['us-east-1_abc', undefined],
  ['', 'c'],
  // the 55-character limit
  [long(54), 'c'],
  [long(55), 'c'],
  [long(56), 'c'],
  // `\w` includes `_`: the split is at the last underscore
  ['__a', 'c'],
  ['a__b', 'c'],
  ['a_b_', 'c'],
  ['_', 'c'],
  ['__', 'c'],
  ['-_a', 'c'],
  ['a-_b', 'c'],
  ['a_-b', 'c'],
  // what `\w` and `$` do not match
  ['us-east-1_ab\n', 'c'],
  ['\nus-east-1_ab', 'c'],
  ['us-east-1_a c', 'c'],
  ['us-east-1_\u00e9', 'c'],
  ['\u00e9u-west-1_abc', 'c'],
  ['us-east-1_ab\u0000', 'c'],
  ['us.east.1_abc', 'c'],
  ['US-EAST-1_ABC', 'c'],
  // the endpoint: given, empty, or the region's
  ['eu-west-1_AbC123', 'c', ''],
  ['eu-west-1_AbC123', 'c', 'http://127.0.0.1:4566'],
  ['a_b_C9', 'c', 'https://example.com/cognito/'],
];

/** Ids that are not text: the JS SDK reads them as it happens to (`.length`, `.test`
 * coerces), the core as missing; ours' constructor reads them as the core does (what it
 * did when the core checked them). */
const NOT_TEXT = [
  [5, 'c'],
  ['us-east-1_abc', 5],
  [null, 'c'],
  [['us-east-1_abc'], 'c'],
  [{ toString: () => 'us-east-1_abc' }, 'c'],
  ['us-east-1_abc', 'c', 5],
];

const describeCase = (c) => JSON.stringify(c.map((v) => (v === undefined ? '<absent>' : typeof v === 'object' && v ? String(v) : v)));

/** `{ error }` (its message) or `{ endpoint }` of a constructor call. */
function outcomeOf(make) {
  try {
    return { endpoint: make().client.endpoint };
  } catch (e) {
    return { error: e.message };
  }
}

const data = ([UserPoolId, ClientId, endpoint], Storage) => ({ UserPoolId, ClientId, endpoint, Storage });

let ours;
let core;
/** Ours' outcomes, by case. */
const oursOutcome = new Map();
/** The byte lengths of the WebAssembly modules compiled while ours' constructor ran. */
let compiled;

before(async () => {
  for (const f of ['index.cjs', 'cognito_identity_wasm.js', 'wasm-bytes.js']) assert.ok(existsSync(join(PKG, f)), `pkg/${f} is missing: run \`npm run build\` first`);
  ours = require(join(PKG, 'index.cjs'));
  // Every case through ours' constructor at once, in the task that loaded it: the
  // idle-time instantiation (a timer in Node) cannot come first.
  const Module = WebAssembly.Module;
  compiled = [];
  WebAssembly.Module = function (bytes) {
    compiled.push(bytes.byteLength);
    return new Module(bytes);
  };
  try {
    for (const c of [...CORPUS, ...NOT_TEXT]) oursOutcome.set(c, outcomeOf(() => new ours.CognitoUserPool(data(c, new ours.MemoryStorage()))));
  } finally {
    WebAssembly.Module = Module;
  }
  // The core on its own instance: the glue and bytes pkg/index.js is built from, with a
  // host that schedules nothing (the `pool` call asks for idle time) and keeps the answer.
  const glue = await import(pathToFileURL(join(PKG, 'cognito_identity_wasm.js')).href);
  const { wasmBytes } = await import(pathToFileURL(join(PKG, 'wasm-bytes.js')).href);
  let answer;
  glue.initSync({ module: wasmBytes() }, { idle: () => false, userAgent: () => undefined, settle: (id, text) => (answer = text) });
  core = async (c) => {
    glue.call('pool', JSON.stringify({ pool: { UserPoolId: c[0], ClientId: c[1], endpoint: c[2] } }), undefined, 0);
    const { reply } = JSON.parse(answer);
    return reply.err ? { error: reply.err.message } : { endpoint: await requestedEndpoint(c) };
  };
});

/** Where the core sends a request of a pool made of `c` (its `pool` call answers nothing
 * on success): the URL of ours' first fetch of a `signUp`, which never answers. */
async function requestedEndpoint(c) {
  const fetch = globalThis.fetch;
  const requested = new Promise((resolve) => {
    globalThis.fetch = (url) => {
      resolve(url);
      return new Promise(() => {});
    };
  });
  try {
    new ours.CognitoUserPool(data(c, new ours.MemoryStorage())).signUp('someone', 'Passw0rd!', [], [], () => {});
    return await requested;
  } finally {
    globalThis.fetch = fetch;
  }
}

describe('pool ids: ours\' constructor, the core and the JS SDK agree', () => {
  it('on every id of the corpus: the same message, or the same endpoint', async () => {
    for (const c of CORPUS) {
      const expected = outcomeOf(() => new sdk.CognitoUserPool(data(c, new ours.MemoryStorage())));
      assert.deepEqual(oursOutcome.get(c), expected, `ours, ${describeCase(c)}`);
      assert.deepEqual(await core(c), expected, `core, ${describeCase(c)}`);
    }
  });

  it('the corpus has valid and invalid ids of both kinds', () => {
    const outcomes = CORPUS.map((c) => outcomeOf(() => new sdk.CognitoUserPool(data(c, new ours.MemoryStorage()))));
    assert.ok(outcomes.some((o) => o.endpoint));
    assert.ok(outcomes.some((o) => o.error === 'Both UserPoolId and ClientId are required.'));
    assert.ok(outcomes.some((o) => o.error === 'Invalid UserPoolId format.'));
  });

  it('ids that are not text: ours\' constructor and the core agree', async () => {
    for (const c of NOT_TEXT) {
      assert.deepEqual(oursOutcome.get(c), await core(c), describeCase(c));
    }
  });

  it('ours\' constructor decides without compiling the wasm', () => {
    assert.deepEqual(compiled, []);
  });
});
