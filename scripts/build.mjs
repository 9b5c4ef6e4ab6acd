// `npm run build`: compiles the crate to wasm and writes the npm package into pkg/.
// Test variants: `node scripts/build.mjs --features panic-probe --out target/pkg-panic-probe`
// builds the same package with cargo features on, into another directory.
//
// One wasm binary serves every way of loading the package. Its bytes are inlined
// (scripts/inline-wasm.mjs) and instantiated synchronously, so the classes work right
// after `import` or the <script> tag, with no bundler configuration and no async init.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync, rmSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

import { wasmBytesSource } from './inline-wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { features: { type: 'string' }, out: { type: 'string' } } });
const out = resolve(root, options.out ?? 'pkg');
const work = join(root, 'target', options.features ? `bindgen-${options.features.replace(/\W+/g, '-')}` : 'bindgen');
const crate = 'cognito_identity_wasm';
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

// Panic locations name source files; without this the shipped wasm carries the build
// machine's home directory (/root/.cargo/registry/src/index.crates.io-…/) for every
// dependency. Set for the wasm target only, so native builds and tests keep their cache.
const cargoHome = process.env.CARGO_HOME ?? join(homedir(), '.cargo');
const remapRegistry = { CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: `--remap-path-prefix=${join(cargoHome, 'registry', 'src')}=crates` };

function compile() {
  const features = options.features ? ['--features', options.features] : [];
  // `cargo rustc` so the link argument reaches our crate only (dependencies stay cached).
  // The exported stack pointer lets the JS entry reset the shadow stack after a panic
  // (see src/js/panic.rs).
  run('cargo', ['rustc', '--release', '--target', 'wasm32-unknown-unknown', '--lib', ...features, '--', '-C', 'link-arg=--export=__stack_pointer'], remapRegistry);
  const wasm = join(root, 'target', 'wasm32-unknown-unknown', 'release', `${crate}.wasm`);
  for (const target of ['web', 'no-modules']) {
    run('wasm-bindgen', ['--target', target, '--out-dir', join(work, target), wasm]);
  }
  // wasm-opt from the npm package `binaryen` (Debian's wasm-opt 108 breaks wasm-bindgen output).
  const bg = join(work, 'web', `${crate}_bg.wasm`);
  const opt = join(work, `${crate}.opt.wasm`);
  run(join(root, 'node_modules', '.bin', 'wasm-opt'), [
    '-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', bg, '-o', opt,
  ]);
  return readFileSync(opt);
}

/** Names the glue exports (classes and functions), minus the init plumbing and the
 * `__`-prefixed functions only the entry's patches use. */
function exportedNames(glue) {
  const names = [...glue.matchAll(/^export (?:class|function) (\w+)/gm)].map(m => m[1]);
  return names.filter(n => n !== 'initSync' && !n.startsWith('__'));
}

function moduleEntry(names, patches) {
  return `// cognito-identity-wasm: ES module entry. Instantiates the inlined wasm synchronously.
import { initSync } from './${crate}.js';
import * as api from './${crate}.js';
import { wasmBytes } from './wasm-bytes.js';

const instanceExports = initSync({ module: wasmBytes() });
${patches}
applyPatches(api, api, instanceExports);

export { ${names.join(', ')} } from './${crate}.js';
`;
}

/**
 * A classic script (no import/export) that instantiates the wasm and hands the API object
 * to `publish`: the script tag assigns a global, the CommonJS entry `module.exports`.
 */
function classicScript(banner, noModulesGlue, bytesFn, names, patches, publish) {
  return `${banner}
(function () {
${noModulesGlue}
${bytesFn}
${patches}
var instanceExports = wasm_bindgen.initSync({ module: wasmBytes() });
var api = {};
${names.map(n => `api.${n} = wasm_bindgen.${n};`).join('\n')}
applyPatches(api, wasm_bindgen, instanceExports);
${publish}
})();
`;
}

/**
 * The script-tag file is minified (the module entries are left readable: bundlers
 * minify them). ascii_only keeps the file ASCII, like the inlined wasm literal;
 * wrap_iife parenthesises the decoder so V8 compiles it eagerly (scripts/inline-wasm.mjs).
 */
async function minified(source) {
  const { code } = await minify(source, { compress: true, mangle: true, format: { ascii_only: true, comments: /^!/, wrap_iife: true } });
  return code;
}

function manifest() {
  const template = JSON.parse(readFileSync(join(root, 'pkg.json'), 'utf8'));
  const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
  return JSON.stringify({ ...template, version }, null, 2) + '\n';
}

const wasm = compile();
const patches = readFileSync(join(root, 'scripts', 'entry-patches.js'), 'utf8');
// The default async init refers to a .wasm file next to the glue; bundlers would try to
// resolve it. We never ship that file (the bytes are inlined), so drop the reference.
const webGlue = readFileSync(join(work, 'web', `${crate}.js`), 'utf8').replace(
  `new URL('${crate}_bg.wasm', import.meta.url)`,
  `undefined /* inlined: see wasm-bytes.js */`,
);
const names = exportedNames(webGlue);

if (existsSync(out)) rmSync(out, { recursive: true });
mkdirSync(out);
writeFileSync(join(out, `${crate}.js`), webGlue);
copyFileSync(join(work, 'web', `${crate}.d.ts`), join(out, `${crate}.d.ts`));
writeFileSync(join(out, 'wasm-bytes.js'), `${wasmBytesSource(wasm, { exported: true })}\n`);
const bytesSource = wasmBytesSource(wasm); // for the two classic scripts
writeFileSync(join(out, 'wasm-bytes.d.ts'), 'export function wasmBytes(): Uint8Array;\n');
writeFileSync(join(out, 'index.js'), moduleEntry(names, patches));
for (const d of ['index.d.ts', 'index.d.cts']) copyFileSync(join(root, 'types', 'index.d.ts'), join(out, d)); // hand-written types: import, require
// The `/internals` subpath's hand-written types (import, require); see "./internals" in pkg.json.
mkdirSync(join(out, 'internals'), { recursive: true });
for (const d of ['index.d.ts', 'index.d.cts']) copyFileSync(join(root, 'types', 'internals.d.ts'), join(out, 'internals', d));
const noModulesGlue = readFileSync(join(work, 'no-modules', `${crate}.js`), 'utf8');
const classic = (banner, publish) => classicScript(banner, noModulesGlue, bytesSource, names, patches, publish);
writeFileSync(join(out, 'amazon-cognito-identity.min.js'), await minified(classic(
  '/*! cognito-identity-wasm: defines the global AmazonCognitoIdentity, usable right after this tag. */',
  'globalThis.AmazonCognitoIdentity = api;')));
writeFileSync(join(out, 'index.cjs'), classic("'use strict';\n// cognito-identity-wasm: CommonJS entry (require).", 'module.exports = api;'));
writeFileSync(join(out, 'package.json'), manifest());
copyFileSync(join(root, 'README.md'), join(out, 'README.md'));
console.log(`${out} written: ${names.length} exports, wasm ${wasm.length} bytes`);
