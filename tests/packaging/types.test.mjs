// The package's TypeScript declarations (types/index.d.ts, copied by the build to
// pkg/index.d.ts and pkg/index.d.cts): every README snippet of amazon-cognito-identity-js
// compiles with `strict`, the Promise forms are typed, mistakes are rejected (the types are
// not `any`), `import` and `require` find their declarations through package.json
// "exports", and the declarations match what the built package really exports.
// Needs `npm run build` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const PKG = join(ROOT, 'pkg');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const lanes = [{ tail: Promise.resolve(), n: 0 }, { tail: Promise.resolve(), n: 0 }];

/** Runs tsc (at most two at a time); resolves to { status, output }. */
function tsc(...args) {
  const go = () => new Promise((resolve) => {
    execFile(process.execPath, [TSC, '--pretty', 'false', ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ status: err ? (err.code ?? 1) : 0, output: `${stdout}${stderr}`.trim() });
    });
  });
  const chosen = lanes.reduce((a, b) => (b.n < a.n ? b : a));
  chosen.n += 1;
  const result = chosen.tail.then(go);
  chosen.tail = result;
  return result;
}

// Each tsc run takes a couple of seconds: they all start in before(), the tests await their own.
const runs = {};
let resolutionDir;

before(() => {
  for (const f of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'package.json']) {
    assert.ok(existsSync(join(PKG, f)), `pkg/${f} is missing: run \`npm run build\` first`);
  }
  // A project with the package installed: node_modules/cognito-identity-wasm → pkg/.
  resolutionDir = mkdtempSync(join(tmpdir(), 'ciw-types-'));
  cpSync(join(HERE, 'resolution'), resolutionDir, { recursive: true });
  mkdirSync(join(resolutionDir, 'node_modules'));
  symlinkSync(PKG, join(resolutionDir, 'node_modules', 'cognito-identity-wasm'), 'dir');
  runs.snippets = tsc('-p', join(HERE, 'readme-snippets'));
  runs.typeError = tsc('-p', join(HERE, 'type-error'));
  runs.unsupported = tsc('-p', join(HERE, 'readme-snippets-unsupported'));
  runs.node16 = tsc('-p', join(resolutionDir, 'tsconfig.node16.json'), '--traceResolution');
  runs.bundler = tsc('-p', join(resolutionDir, 'tsconfig.bundler.json'));
});

after(async () => {
  await Promise.all(Object.values(runs));
  if (resolutionDir) rmSync(resolutionDir, { recursive: true, force: true });
});

describe('declarations in the built package', () => {
  it('pkg/index.d.ts and pkg/index.d.cts are types/index.d.ts', () => {
    const source = readFileSync(join(ROOT, 'types', 'index.d.ts'), 'utf8');
    assert.equal(readFileSync(join(PKG, 'index.d.ts'), 'utf8'), source, 'pkg/index.d.ts is stale: run `npm run build`');
    assert.equal(readFileSync(join(PKG, 'index.d.cts'), 'utf8'), source, 'pkg/index.d.cts is stale: run `npm run build`');
  });

  it('package.json: "exports" gives import index.d.ts and require index.d.cts, and "files" ships both', () => {
    const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
    const dot = manifest.exports['.'];
    assert.deepEqual(dot.import, { types: './index.d.ts', default: './index.js' });
    assert.deepEqual(dot.require, { types: './index.d.cts', default: './index.cjs' });
    assert.equal(manifest.types, 'index.d.ts');
    for (const f of ['index.d.ts', 'index.d.cts']) assert.ok(manifest.files.includes(f), `"files" lacks ${f}`);
  });

  it('declare exactly what the package exports: every class, member and function', async () => {
    const declared = declaredApi(join(PKG, 'index.d.ts'));
    const runtime = await import(pathToFileURL(join(PKG, 'index.js')).href);
    // wasm-bindgen plumbing, on purpose not part of the API.
    const internal = new Set(['constructor', 'free', '__destroy_into_raw']);
    assert.deepEqual(Object.keys(runtime).sort(), [...declared.keys()].sort(), 'exported names');
    for (const [name, members] of declared) {
      if (members === null) {
        assert.equal(typeof runtime[name], 'function', `${name} is a function`);
        continue;
      }
      const actual = Object.getOwnPropertyNames(runtime[name].prototype).filter((m) => !internal.has(m)).sort();
      assert.deepEqual([...members].sort(), actual, `members of ${name} (declared vs. built)`);
    }
  });
});

/** Map of exported name → set of instance member names (classes) or null (functions), from the .d.ts. */
function declaredApi(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const api = new Map();
  const exported = (node) => node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const node of source.statements) {
    if (ts.isClassDeclaration(node) && exported(node)) {
      const members = new Set();
      for (const m of node.members) {
        if (ts.isConstructorDeclaration(m) || !m.name) continue;
        members.add(m.name.getText(source));
      }
      api.set(node.name.text, members);
    } else if (ts.isFunctionDeclaration(node) && exported(node)) {
      api.set(node.name.text, null);
    }
  }
  return api;
}

describe('TypeScript (tsc, strict)', () => {
  it('every README snippet, the Promise forms and the SDK-era annotations compile', async () => {
    const { status, output } = await runs.snippets;
    assert.equal(status, 0, `tsc -p tests/packaging/readme-snippets failed:\n${output}`);
  });

  it('a deliberate type error fails to compile: the declarations are not any', async () => {
    const { status, output } = await runs.typeError;
    assert.notEqual(status, 0, 'the deliberate error compiled');
    assert.match(output, /deliberate-error\.ts\(7,19\): error TS2339: Property 'isValid' does not exist on type 'Promise<CognitoUserSession>'/);
    assert.equal(output.split('\n').filter((l) => / error TS/.test(l)).length, 1, output);
  });

  it('the README snippets for what is not provided (React Native storage sync) fail on exactly that', async () => {
    const { status, output } = await runs.unsupported;
    assert.notEqual(status, 0);
    const missing = [...output.matchAll(/error TS2339: Property '(\w+)' does not exist on type '(\w+)'/g)].map((m) => `${m[2]}.${m[1]}`).sort();
    assert.deepEqual(missing, ['ICognitoStorage.sync']);
    // Anything else reported is only the fallout (callback parameters of the missing methods).
    const other = output.split('\n').filter((l) => / error TS/.test(l) && !/TS2339|TS7006/.test(l));
    assert.deepEqual(other, []);
  });

  describe('resolution through package.json "exports", the package installed in node_modules', () => {
    it('Node16: import → index.d.ts, require (a .cts and the README\'s plain-JS require) → index.d.cts', async () => {
      const { status, output } = await runs.node16;
      const errors = output.split('\n').filter((l) => / error TS/.test(l));
      assert.equal(status, 0, errors.join('\n') || output.slice(-2000));
      const resolved = [...output.matchAll(/Resolving module 'cognito-identity-wasm' from '[^']*\/([^'/]+)'\. =+\n(?:.*\n)*?=+ Module name 'cognito-identity-wasm' was successfully resolved to '[^']*\/(index\.d\.c?ts)'/g)]
        .map((m) => `${m[1]} → ${m[2]}`).sort();
      assert.deepEqual(resolved, ['cjs.cts → index.d.cts', 'esm.mts → index.d.ts', 'usage-2-require.cjs → index.d.cts']);
    });

    it('Bundler resolution (Vite, webpack + ts-loader) → index.d.ts', async () => {
      const { status, output } = await runs.bundler;
      assert.equal(status, 0, output);
    });
  });
});
