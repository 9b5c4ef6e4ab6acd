// `npm run build`: compiles the crate to wasm and writes the npm package into pkg/.
// Test variants: `node scripts/build.mjs --features panic-probe --out target/pkg-panic-probe`
// builds the same package with cargo features on, into another directory.
//
// One wasm binary serves every way of loading the package. Its bytes are inlined
// (scripts/inline-wasm.mjs) and instantiated synchronously at their first use (`ready`,
// src/facade/core.js), so the classes work right after `import` or the <script> tag, with
// no bundler configuration and no async init, and loading the package runs no wasm.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync, rmSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

import { wasmBytesSource } from './inline-wasm.mjs';
import { shortenNames } from './short-names.mjs';
import { codeStreamsTool, reorderFunctions } from './reorder-functions.mjs';
import { pruneExports, pruneTable } from './prune-table.mjs';
import { minifiedScript } from './minify-script.mjs';

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
  // `cargo rustc` so the link argument and `--cfg shipped` (the `no_std` build, see
  // src/lib.rs) reach our crate only (dependencies stay cached).
  // The exported stack pointer lets the JS entry reset the shadow stack after a panic
  // (see src/js/panic.rs).
  // A 512 KiB shadow stack instead of rustc's 1 MiB: the static data (placed after the
  // stack) then sits below 1 MiB, where each address the code embeds is a 3-byte LEB128
  // constant instead of 4. The stack still comes first, so an overflow traps instead of
  // overwriting data; sign-ins and JSON nested to the parser's limit ran in 32 KiB.
  // `relocation-model=pic` (our crate, where the LTO code generation happens): the link is
  // still a plain one (no `-pie`), so wasm-ld turns the GOT entries into constants and the
  // module needs no `__memory_base` import; LLVM's code for it came out smaller after
  // wasm-opt and gzip (measured, not explained: revisit if a toolchain update reverses it).
  run('cargo', ['rustc', '--release', '--target', 'wasm32-unknown-unknown', '--lib', ...features, '--', '--cfg', 'shipped', '-C', 'link-arg=--export=__stack_pointer', '-C', 'link-arg=-zstack-size=524288', '-C', 'relocation-model=pic'], remapRegistry);
  const wasm = join(root, 'target', 'wasm32-unknown-unknown', 'release', `${crate}.wasm`);
  // `--encode-into always`: TextEncoder's encodeInto is in every browser that runs the wasm
  // (its features need Safari 15 and newer), so the glue needs no fallback for it.
  for (const target of ['web', 'no-modules']) {
    run('wasm-bindgen', ['--target', target, '--omit-default-module-path', '--encode-into', 'always', '--out-dir', join(work, target), wasm]);
  }
  // wasm-opt from the npm package `binaryen` (Debian's wasm-opt 108 breaks wasm-bindgen output).
  // -Oz, then the control flow rebuilt by binaryen's relooper (--flatten --rereloop: smaller
  // here than LLVM's structure), then -Oz twice: the second pass finds more (a third, or
  // --converge, nothing further).
  // --low-memory-unused lets it fold constant offsets into loads and stores: true here,
  // the shadow stack takes the first 1 MB and grows down from its top (data follows it).
  // The producers and target-features sections are for tools, not for browsers.
  // `--one-caller-inline-max-function-size`: a function called from one place is inlined
  // there only when small. Unlimited (binaryen's default), the big single-caller bodies
  // (each export's steps, the sign-in's stages) merge into their callers: fewer bytes
  // before compression, but more after gzip, whose matches the merged bodies break up.
  // Any limit from 5 to 100 gzipped smaller here, 25 the smallest.
  const bg = join(work, 'web', `${crate}_bg.wasm`);
  const opt = join(work, `${crate}.opt.wasm`);
  // The function table's entries nothing can call (wasm-bindgen's closure shims) leave it
  // first, so wasm-opt removes their code (scripts/prune-table.mjs says why that is safe).
  // Written to a file of its own: the bench's breakdown reads wasm-bindgen's output with
  // twiggy, which follows the table only in its plain (function index) form.
  const glue = readFileSync(join(work, 'web', `${crate}.js`), 'utf8');
  const pruned = pruneTable(readFileSync(bg), glue);
  if (!pruned.pruned) throw new Error(`scripts/prune-table.mjs pruned nothing: ${pruned.why}`);
  // The exports nothing reads go too: what the glue reads once edited as it ships (both
  // targets read the same), and the shadow stack pointer, which src/facade/core.js reads
  // from the instance.
  const { wasm: trimmed } = pruneExports(pruned.wasm, edited(glue, GLUE_EDITS, 'web'), ['__stack_pointer']);
  const prunedPath = join(work, `${crate}.pruned.wasm`);
  writeFileSync(prunedPath, trimmed);
  run(join(root, 'node_modules', '.bin', 'wasm-opt'), [
    '--one-caller-inline-max-function-size', '25', '-Oz', '--flatten', '--rereloop', '-Oz', '-Oz', '--low-memory-unused', '--strip-producers', '--strip-target-features',
    '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', prunedPath, '-o', opt,
  ]);
  // crates/code-streams' build tool: reorders the functions (below) and splits the code.
  run('cargo', ['build', '--release', '--quiet', '-p', 'code-streams', '--bin', 'code-streams']);
  const shortened = shortenNames(readFileSync(opt));
  shortened.wasm = reorderFunctions(shortened.wasm);
  writeFileSync(opt, shortened.wasm); // the module the browser compiles, for measuring
  return { ...shortened, ...codeStreams(shortened.wasm) };
}

/**
 * The module as the package carries it: its code section split into streams of like values
 * (gzip packs them tighter), and the small wasm module that merges them back in the browser
 * before the module is compiled (crates/code-streams, scripts/inline-wasm.mjs).
 * `{ split, merger }`; target/bindgen/cognito_identity_wasm.split.wasm holds the split.
 */
function codeStreams(wasm) {
  const split = execFileSync(codeStreamsTool, ['split'], { input: wasm, maxBuffer: 1 << 28 });
  writeFileSync(join(work, `${crate}.split.wasm`), split);
  // Its stack: a few words (the streams' positions); the memory the JS grows for its input and output.
  run('cargo', ['rustc', '--release', '--quiet', '-p', 'code-streams', '--lib', '--target', 'wasm32-unknown-unknown', '--crate-type', 'cdylib', '--', '-C', 'link-arg=-zstack-size=4096'], remapRegistry);
  // Its exports: `merge` and its memory (not rustc's `__data_end` and `__heap_base`).
  const mergerPath = join(work, 'code-streams.wasm');
  writeFileSync(mergerPath, pruneExports(readFileSync(join(root, 'target', 'wasm32-unknown-unknown', 'release', 'code_streams.wasm')), '', ['memory', 'merge']).wasm);
  run(join(root, 'node_modules', '.bin', 'wasm-opt'), [
    '-Oz', '--strip-debug', '--strip-producers', '--strip-target-features', '--enable-bulk-memory', '--enable-sign-ext',
    '--enable-mutable-globals', mergerPath, '-o', mergerPath,
  ]);
  return { split, merger: readFileSync(mergerPath) };
}

/**
 * The public API is the JS classes of src/facade. They call the wasm through `wasm`
 * (wasm-bindgen's exports) and share one scope: the files are concatenated into each entry.
 * What runs at load needs only what comes before it (start.js, last, uses core.js's `host`;
 * CognitoUser.js's method loop, core.js's `hidden`, a function declaration); the rest of
 * the order is the one the script tag gzips smallest in (-50 B against the order of
 * dependence: text near the wasm literal's data section, which the JS refers back to).
 */
const FACADE = [
  'UserAgent.js', 'misc.js', 'WordArray.js', 'AuthenticationHelper.js', 'CognitoUserPool.js', 'core.js',
  'CognitoUser.js', 'CookieStorage.js', 'CognitoIdentityCredentials.js', 'tokens.js', 'start.js',
];

/** The names the package exports: the facade's classes, and the wasm-bindgen exports
 * not yet behind a facade class. */
const PUBLIC = [
  'CognitoUserPool', 'CognitoUser', 'CognitoUserSession', 'CognitoIdToken', 'CognitoAccessToken',
  'CognitoRefreshToken', 'CognitoUserAttribute', 'AuthenticationDetails', 'DateHelper', 'MemoryStorage',
  'AuthenticationHelper', 'WordArray', 'UserAgent', 'appendToCognitoUserAgent',
  // The `/internals` entry's two, re-exported from here so that both change one UserAgent.
  'addAuthCategoryToCognitoUserAgent', 'addFrameworkToCognitoUserAgent',
  'CookieStorage', 'CognitoIdentityCredentials',
];
const PASSTHROUGH = ['armPanicProbe'];

/** The facade's code, after `CORE_USER_AGENT` (src/facade/UserAgent.js). */
function facadeSource(glue, userAgent) {
  const files = FACADE.map((f) => readFileSync(join(root, 'src', 'facade', f), 'utf8'));
  const passthrough = PASSTHROUGH.filter((n) => new RegExp(`^export (?:class|function) ${n}\\b`, 'm').test(glue));
  const code = [`const CORE_USER_AGENT = ${JSON.stringify(userAgent)};`, ...files].join('\n');
  return { code, names: [...PUBLIC, ...passthrough], passthrough };
}

/** The passthrough exports, each instantiating the wasm first (`ready`, core.js). */
const passthroughs = (facade, declare) => facade.passthrough.map((n) => `${declare} ${n} = (...args) => (ready(), wasm.${n}(...args));`).join('\n');

/**
 * The core's user agent (`now('userAgent')`: the wasm's `call` with id 0, answered through `host.settle`), read from the wasm just built, through the
 * glue the package carries: the entries hold it as a literal (src/facade/UserAgent.js), so
 * the text has one source, the core's, and loading the package runs no wasm for it.
 */
async function coreUserAgent(glue, wasm) {
  const built = await import(`data:text/javascript,${encodeURIComponent(glue)}`);
  let answer;
  built.initSync({ module: wasm }, { settle: (id, text) => (answer = text) });
  built.call('userAgent', '{}', undefined, 0);
  const { reply } = JSON.parse(answer);
  if (typeof reply.ok !== 'string' || !reply.ok) throw new Error(`the wasm's user agent is ${JSON.stringify(reply)}`);
  return reply.ok;
}

/** The ES module entry. wasm-bytes.js is imported first: a bundler then puts the wasm's
 * literal before the glue and the classes, whose JS stays one stretch for gzip's window
 * (webpack: −270 B gzip). */
function moduleEntry(facade) {
  return `// cognito-identity-wasm: ES module entry. Instantiates the inlined wasm synchronously, at its first use.
import { wasmBytes } from './wasm-bytes.js';
import { initSync } from './${crate}.js';
import * as wasm from './${crate}.js';

const instantiate = () => initSync({ module: wasmBytes() }, host);
${passthroughs(facade, 'const')}
${facade.code}
export { ${facade.names.join(', ')} };
`;
}

/**
 * wasm-bindgen's glue, edited where it has code for what this package never does (both
 * targets). Each edit's lines match whatever their indentation (the no-modules glue is
 * indented inside its IIFE); an edit that no longer matches fails the build.
 */
const GLUE_EDITS = [
  // The package's one call, `initSync({ module: bytes })`, never takes a second call, the
  // deprecated bare argument or a compiled Module.
  [`if (wasm !== undefined) return wasm;


if (module !== undefined) {
if (Object.getPrototypeOf(module) === Object.prototype) {
({module} = module)
} else {
console.warn('using deprecated parameters for \`initSync()\`; pass a single object instead')
}
}
`, '({module} = module);\n'],
  [`if (!(module instanceof WebAssembly.Module)) {
module = new WebAssembly.Module(module);
}
`, 'module = new WebAssembly.Module(module);\n'],
  // A string goes in encoded whole, then copied into one malloc'd buffer: wasm-bindgen's
  // ASCII loop, then encodeInto with reallocs (faster for long text), is several times the
  // code, and what passes here is short (operation names, JSON inputs, stored values).
  // The same bytes (both encoders write a lone surrogate as U+FFFD).
  [/^([ \t]*)function passStringToWasm0\(arg, malloc, realloc\) \{\n[^]*?\n\1\}$/m, (_, indent) => [
    'function passStringToWasm0(arg, malloc) {',
    '    const buf = cachedTextEncoder.encode(arg);',
    '    const ptr = malloc(buf.length, 1) >>> 0;',
    '    getUint8ArrayMemory0().set(buf, ptr);',
    '    WASM_VECTOR_LEN = buf.length;',
    '    return ptr;',
    '}',
  ].map((line) => indent + line).join('\n')],
  // A detached buffer is never the memory's current one: the one comparison says both.
  ['cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)',
    'cachedDataViewMemory0.buffer !== wasm.memory.buffer'],
  // Kept by the glue, read by nothing.
  ['let wasmModule, wasmInstance, wasm;', 'let wasm;'],
  ['wasmInstance = instance;\n', ''],
  ['wasmModule = module;\n', ''],
  // The wasm's imports call the JS side's functions (`host`, src/facade/core.js) as
  // `host.name(...)` (src/js/host.rs): the host is handed to `initSync` (`instantiate`),
  // which hands it to the imports; no JS object is passed through the wasm's table.
  ['function __wbg_get_imports() {', 'function __wbg_get_imports(host) {'],
  ['function initSync(module) {', 'function initSync(module, host) {'],
  ['const imports = __wbg_get_imports();', 'const imports = __wbg_get_imports(host);'],
  // Byte arrays: the division by the element size 1 is no division.
  ['subarray(ptr / 1, ptr / 1 + len)', 'subarray(ptr, ptr + len)'],
  // An export that takes two strings frees the first when passing the second throws: that
  // is a trap in malloc (the strings are the facade's own: an op name and JSON text, or a
  // client id and JSON text), after which the wasm has failed the call anyway. Each
  // string is passed, and the call made, without that bookkeeping.
  [/let ptr0, len0, ptr1, len1;\n([ \t]*)try \{\n[ \t]*ptr0 = (passStringToWasm0\([^;\n]*\));\n[ \t]*len0 = WASM_VECTOR_LEN;\n[ \t]*ptr1 = (passStringToWasm0\([^;\n]*\));\n[ \t]*len1 = WASM_VECTOR_LEN;\n[ \t]*\} catch \(e\) \{\n[^\n]*\n[^\n]*\n[ \t]*throw e;\n[ \t]*\}/g,
    (_, indent, first, second) => ['const ptr0 = ' + first + ';', 'const len0 = WASM_VECTOR_LEN;', 'const ptr1 = ' + second + ';', 'const len1 = WASM_VECTOR_LEN;'].join('\n' + indent)],
  ...optionalStringReturns(),
  // No string needs realloc now.
  [/passStringToWasm0\(([^,()\n]+), (wasm\.[\w$]+), wasm\.[\w$]+\)/g, 'passStringToWasm0($1, $2)'],
];

/**
 * The imports that give the wasm an optional string (its pointer and length written to the
 * wasm's return area) spell the same four lines each: one function, put before
 * `isLikeNone`, passes the string and writes them.
 */
function optionalStringReturns() {
  let pass; // the glue's passStringToWasm0 call, with the names of its malloc and realloc
  return [
    [/var ptr1 = isLikeNone\(ret\) \? 0 : (passStringToWasm0\(ret, [^;\n]*\));\n[ \t]*var len1 = WASM_VECTOR_LEN;\n[ \t]*getDataViewMemory0\(\)\.setInt32\(\(arg0 >>> 0\) \+ 4 \* 1, len1, true\);\n[ \t]*getDataViewMemory0\(\)\.setInt32\(\(arg0 >>> 0\) \+ 4 \* 0, ptr1, true\);/g,
      (_, call) => {
        pass = call;
        return 'returnString(arg0, ret);';
      }],
    [/^([ \t]*)function isLikeNone\(x\) \{/m, (found, indent) => [
      'function returnString(retptr, ret) {',
      `    const ptr = isLikeNone(ret) ? 0 : ${pass};`,
      '    const view = getDataViewMemory0();',
      '    view.setInt32((retptr >>> 0) + 4, WASM_VECTOR_LEN, true);',
      '    view.setInt32(retptr >>> 0, ptr, true);',
      '}',
      '',
    ].map((line) => (line ? indent + line : line)).join('\n') + '\n' + found],
  ];
}

/**
 * The classic scripts call `initSync` only. With the async init no longer the namespace
 * object, the minifier drops it with its fetch / instantiateStreaming code; and the URL of
 * the current script, which only that init would use, is not computed on every load.
 */
const ASYNC_INIT_EDITS = [
  ['return Object.assign(__wbg_init, { initSync }, exports);', 'return Object.assign({ initSync }, exports);'],
  [`let script_src;
if (typeof document !== 'undefined' && document.currentScript !== null) {
script_src = new URL(document.currentScript.src, location.href).toString();
}
`, ''],
];

/** `glue` with `edits` made; `what` names the glue in the error when one does not match.
 * An edit is text to replace once, or a global RegExp and its replacer, for every match. */
function edited(glue, edits, what) {
  const anyIndent = (from) => new RegExp(from.split('\n').map((line) => (line ? `[ \\t]*${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` : '')).join('\n'));
  return edits.reduce((text, [from, to]) => {
    if (from instanceof RegExp) {
      if (text.search(from) < 0) throw new Error(`wasm-bindgen's ${what} glue changed: no ${from}`);
      return text.replace(from, to);
    }
    const at = text.match(anyIndent(from));
    if (!at) throw new Error(`wasm-bindgen's ${what} glue changed: no ${JSON.stringify(from)}`);
    const indent = at[0].match(/^[ \t]*/)[0];
    const indented = to.split('\n').map((line) => (line ? indent + line : line)).join('\n');
    return text.slice(0, at.index) + indented + text.slice(at.index + at[0].length);
  }, glue);
}
function syncOnly(noModulesGlue) {
  return edited(edited(noModulesGlue, GLUE_EDITS, 'no-modules'), ASYNC_INIT_EDITS, 'no-modules');
}

/**
 * A classic script (no import/export) that hands the API object to \`publish\` (the script
 * tag assigns a global, the CommonJS entry \`module.exports\`) and instantiates the wasm at
 * its first use. The wasm's literal comes first, so that the JS after it is one stretch
 * (scripts/minify-script.mjs).
 */
function classicScript(banner, noModulesGlue, bytesFn, facade, publish) {
  return `${banner}
(function () {
${bytesFn}
${noModulesGlue}
var instantiate = function () { return wasm_bindgen.initSync({ module: wasmBytes() }, host); };
var wasm = wasm_bindgen;
${passthroughs(facade, 'var')}
${facade.code}
var api = { ${facade.names.join(', ')} };
${publish}
})();
`;
}

function manifest() {
  const template = JSON.parse(readFileSync(join(root, 'pkg.json'), 'utf8'));
  const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
  return JSON.stringify({ ...template, version }, null, 2) + '\n';
}

/**
 * The `/internals` subpath (the JS SDK's `amazon-cognito-identity-js/internals`): the main
 * entry's own functions re-exported, never a second copy. A folder with its own
 * package.json too, for TypeScript's older resolution, as the JS SDK ships it.
 */
function writeInternals() {
  const dir = join(out, 'internals');
  mkdirSync(dir, { recursive: true });
  const names = 'addAuthCategoryToCognitoUserAgent, addFrameworkToCognitoUserAgent';
  writeFileSync(join(dir, 'index.js'), `export { ${names} } from '../index.js';\n`);
  writeFileSync(join(dir, 'index.cjs'), `'use strict';\nconst { ${names} } = require('../index.cjs');\nmodule.exports = { ${names} };\n`);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', main: 'index.cjs', module: 'index.js', types: 'index.d.ts' }, null, 2) + '\n');
  for (const d of ['index.d.ts', 'index.d.cts']) copyFileSync(join(root, 'types', 'internals.d.ts'), join(dir, d));
}

const { wasm, split, merger, rename } = compile();
const glue = (target, ext) => rename(readFileSync(join(work, target, `${crate}${ext}`), 'utf8'));
// `--omit-default-module-path` (above): the glue's async init would otherwise refer to a
// .wasm file next to it, which bundlers try to resolve; we never ship that file.
const webGlue = edited(glue('web', '.js'), GLUE_EDITS, 'web');
const facade = facadeSource(webGlue, await coreUserAgent(webGlue, wasm));

if (existsSync(out)) rmSync(out, { recursive: true });
mkdirSync(out);
writeFileSync(join(out, `${crate}.js`), webGlue);
writeFileSync(join(out, `${crate}.d.ts`), glue('web', '.d.ts'));
writeFileSync(join(out, 'wasm-bytes.js'), `${wasmBytesSource(split, { exported: true, merger })}\n`);
const bytesSource = wasmBytesSource(split, { merger }); // for the two classic scripts
writeFileSync(join(out, 'wasm-bytes.d.ts'), 'export function wasmBytes(): Uint8Array;\n');
writeFileSync(join(out, 'index.js'), moduleEntry(facade));
for (const d of ['index.d.ts', 'index.d.cts']) copyFileSync(join(root, 'types', 'index.d.ts'), join(out, d)); // hand-written types: import, require
const syncGlue = syncOnly(glue('no-modules', '.js'));
// The glue as the classic scripts carry it, for the bench's split of the script tag (bench/script-parts.mjs).
writeFileSync(join(work, 'no-modules', 'classic-glue.js'), syncGlue);
const classic = (banner, publish) => classicScript(banner, syncGlue, bytesSource, facade, publish);
// The banner names the package, no more: at the file's start gzip has nothing to refer back
// to, and a sentence there cost 100 B.
writeFileSync(join(out, 'amazon-cognito-identity.min.js'), await minifiedScript(classic(
  '/*! cognito-identity-wasm */',
  'globalThis.AmazonCognitoIdentity = api;')));
writeFileSync(join(out, 'index.cjs'), classic("'use strict';\n// cognito-identity-wasm: CommonJS entry (require).", 'module.exports = api;'));
writeInternals();
writeFileSync(join(out, 'package.json'), manifest());
copyFileSync(join(root, 'README.md'), join(out, 'README.md'));
console.log(`${out} written: ${facade.names.length} exports, wasm ${wasm.length} bytes`);
