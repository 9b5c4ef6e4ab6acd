// What the oracle scripts share: the JS SDK's modules (and its dependencies) resolved
// from the crate's node_modules whatever the cwd is, and the `[cases] [seed]` arguments
// of the scripts that draw seeded cases (the seed is printed so a failure can be replayed).
'use strict';

const path = require('path');
const nodeCrypto = require('crypto');

const root = path.resolve(__dirname, '..', '..');

/** `require` from the crate's root. */
const req = (m) => require(require.resolve(m, { paths: [root] }));

/** The default export of the JS SDK's `lib/<name>` module. */
const sdk = (name) => req(`amazon-cognito-identity-js/lib/${name}`).default;

/** `{ cases, seed }` from `argv` (`[cases=defaultCases] [seed=random]`). */
function caseArgs(argv, defaultCases) {
  const cases = Number.parseInt(argv[2] || String(defaultCases), 10);
  const seed = (argv[3] !== undefined ? Number(argv[3]) : nodeCrypto.randomBytes(4).readUInt32LE(0)) >>> 0;
  if (!Number.isInteger(cases) || cases < 0) throw new Error(`bad case count: ${argv[2]}`);
  return { cases, seed };
}

module.exports = { req, sdk, caseArgs };
