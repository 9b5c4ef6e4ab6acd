// The package's TypeScript declarations (types/index.d.ts, copied by the build to
// pkg/index.d.ts and pkg/index.d.cts; types/internals.d.ts to pkg/internals/): never
// narrower than amazon-cognito-identity-js's (the type corpus, compiled against both under
// `strict`, uses every declaration of the JS SDK's), every README snippet of the JS SDK
// compiles with `strict`, the Promise forms are typed, mistakes are rejected (the types are
// not `any`), `import` and `require` find their declarations through package.json
// "exports", and the declarations match what the built package really exports.
// Needs `npm run build` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { unusedSdkDeclarations } from './type-corpus/coverage.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const PKG = join(ROOT, 'pkg');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CORPUS = join(HERE, 'type-corpus');

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
  for (const f of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'internals/index.d.ts', 'internals/index.d.cts', 'package.json']) {
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
  runs.corpusSdk = tsc('-p', join(CORPUS, 'tsconfig.sdk.json'), '--listFiles');
  runs.corpusOurs = tsc('-p', join(CORPUS, 'tsconfig.ours.json'), '--listFiles');
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

  it('pkg/internals/index.d.ts and index.d.cts are types/internals.d.ts', () => {
    const source = readFileSync(join(ROOT, 'types', 'internals.d.ts'), 'utf8');
    for (const f of ['index.d.ts', 'index.d.cts']) {
      assert.equal(readFileSync(join(PKG, 'internals', f), 'utf8'), source, `pkg/internals/${f} is stale: run \`npm run build\``);
    }
  });

  it('package.json: "exports" gives import index.d.ts and require index.d.cts (also for /internals), and "files" ships them', () => {
    const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
    const dot = manifest.exports['.'];
    assert.deepEqual(dot.import, { types: './index.d.ts', default: './index.js' });
    assert.deepEqual(dot.require, { types: './index.d.cts', default: './index.cjs' });
    assert.equal(manifest.types, 'index.d.ts');
    for (const f of ['index.d.ts', 'index.d.cts', 'internals/']) assert.ok(manifest.files.includes(f), `"files" lacks ${f}`);
    const internals = manifest.exports['./internals'];
    assert.equal(internals.import.types, './internals/index.d.ts');
    assert.equal(internals.require.types, './internals/index.d.cts');
  });

  it('declare exactly what the package exports: every class, member and function', async () => {
    const { missing, undeclared } = await compareWithBuild();
    assert.deepEqual(undeclared, [], 'built but not declared');
    assert.deepEqual(missing, [], 'declared but not built');
  });
});

/** wasm-bindgen plumbing, on purpose not part of the API. */
const PLUMBING = new Set(['constructor', 'free', '__destroy_into_raw', '__wbg_ptr']);

/** A JWT whose payload decodes (the signature is not checked). */
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT = `${b64url({ alg: 'none' })}.${b64url({ sub: 'sub', exp: 4102444800, iat: 1700000000 })}.c2ln`;

/** A live instance of each declared class: declared properties are looked for on it. */
const INSTANCES = {
  CognitoUserPool: (api) => new api.CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: 'client', Storage: new api.MemoryStorage() }),
  CognitoUser: (api) => new api.CognitoUser({ Username: 'alice', Pool: INSTANCES.CognitoUserPool(api) }),
  AuthenticationDetails: (api) => new api.AuthenticationDetails({ Username: 'alice' }),
  CognitoUserAttribute: (api) => new api.CognitoUserAttribute({ Name: 'email', Value: 'a@example.com' }),
  CognitoAccessToken: (api) => new api.CognitoAccessToken({ AccessToken: JWT }),
  CognitoIdToken: (api) => new api.CognitoIdToken({ IdToken: JWT }),
  CognitoRefreshToken: (api) => new api.CognitoRefreshToken({ RefreshToken: 'refresh' }),
  CognitoUserSession: (api) => new api.CognitoUserSession({
    IdToken: INSTANCES.CognitoIdToken(api), AccessToken: INSTANCES.CognitoAccessToken(api), RefreshToken: INSTANCES.CognitoRefreshToken(api),
  }),
  CookieStorage: (api) => new api.CookieStorage({ domain: 'example.com' }),
  MemoryStorage: (api) => new api.MemoryStorage(),
  DateHelper: (api) => new api.DateHelper(),
  CognitoIdentityCredentials: (api) => new api.CognitoIdentityCredentials({
    IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000', Storage: new api.MemoryStorage(),
  }),
  AuthenticationHelper: (api) => new api.AuthenticationHelper('aB12cDe34'),
  WordArray: (api) => new api.WordArray(),
  UserAgent: (api) => new api.UserAgent(),
};

/**
 * The declarations against the built package (the entry and /internals): `missing` names
 * what is declared but not built (an export, a method not a function on a live instance, a
 * required property not on it), `undeclared` what is built but not declared (an export, a
 * prototype member, an own property of a fresh instance).
 */
async function compareWithBuild() {
  const missing = [];
  const undeclared = [];
  const compare = (declared, runtime, prefix) => {
    for (const name of Object.keys(runtime)) if (!declared.has(name)) undeclared.push(`${prefix}${name}`);
    for (const [name, shape] of declared) {
      if (!(name in runtime)) {
        missing.push(`${prefix}${name}`);
        continue;
      }
      if (shape === null) {
        if (typeof runtime[name] !== 'function') missing.push(`${prefix}${name}`);
        continue;
      }
      assert.ok(INSTANCES[name], `types.test.mjs: add a way to build a ${name} to INSTANCES`);
      const instance = INSTANCES[name](runtime);
      for (const m of shape.methods) if (typeof instance[m] !== 'function') missing.push(`${prefix}${name}.${m}`);
      for (const p of shape.properties) if (!(p in instance)) missing.push(`${prefix}${name}.${p}`);
      const known = new Set([...shape.methods, ...shape.properties, ...shape.optional]);
      for (const m of [...Object.getOwnPropertyNames(runtime[name].prototype), ...Object.keys(instance)]) {
        if (!PLUMBING.has(m) && !known.has(m)) undeclared.push(`${prefix}${name}.${m}`);
      }
    }
  };
  compare(declaredApi(join(PKG, 'index.d.ts')), await import(pathToFileURL(join(PKG, 'index.js')).href), '');
  const internals = join(PKG, 'internals', 'index.js');
  compare(declaredApi(join(PKG, 'internals', 'index.d.ts')), existsSync(internals) ? await import(pathToFileURL(internals).href) : {}, 'internals/');
  return { missing: missing.sort(), undeclared: undeclared.sort() };
}

/** The `error TS` lines of tsc's output. */
function typeErrors(output) {
  return output.split('\n').filter((l) => / error TS/.test(l));
}

/** The declaration files (other than TypeScript's own lib files) in tsc's `--listFiles` output. */
function declarationFiles(output) {
  return output.split('\n').filter((l) => l.endsWith('.d.ts') && !l.includes('/typescript/lib/'))
    .map((l) => (l.includes('/node_modules/') ? l.slice(l.indexOf('node_modules/')) : relative(ROOT, l)));
}

/**
 * Map of exported name → null (a function) or, for a class, its instance `methods`,
 * required `properties` and `optional` properties, from a .d.ts.
 */
function declaredApi(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const api = new Map();
  const exported = (node) => node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isStatic = (node) => node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  for (const node of source.statements) {
    if (ts.isClassDeclaration(node) && exported(node)) {
      const shape = { methods: new Set(), properties: new Set(), optional: new Set() };
      for (const m of node.members) {
        if (ts.isConstructorDeclaration(m) || !m.name || isStatic(m)) continue;
        const name = m.name.getText(source);
        if (ts.isMethodDeclaration(m)) shape.methods.add(name);
        else if (m.questionToken) shape.optional.add(name);
        else shape.properties.add(name);
      }
      api.set(node.name.text, shape);
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
    assert.deepEqual(missing, ['CognitoStorageLike.sync']);
    // Anything else reported is only the fallout (callback parameters of the missing methods).
    const other = output.split('\n').filter((l) => / error TS/.test(l) && !/TS2339|TS7006/.test(l));
    assert.deepEqual(other, []);
  });

  describe('the type corpus (tests/packaging/type-corpus): never narrower than amazon-cognito-identity-js', () => {
    it('compiles with 0 errors against the JS SDK itself: its index.d.ts and internals/index.d.ts', async () => {
      const { status, output } = await runs.corpusSdk;
      assert.deepEqual(typeErrors(output), [], 'tsc -p tests/packaging/type-corpus/tsconfig.sdk.json');
      assert.equal(status, 0, output.slice(-2000));
      assert.deepEqual(declarationFiles(output), [
        'node_modules/amazon-cognito-identity-js/index.d.ts',
        'node_modules/amazon-cognito-identity-js/internals/index.d.ts',
      ]);
    });

    it('compiles with 0 errors against ours (pkg/), with the members the JS SDK has but does not declare', async () => {
      const { status, output } = await runs.corpusOurs;
      assert.deepEqual(typeErrors(output), [], 'tsc -p tests/packaging/type-corpus/tsconfig.ours.json');
      assert.equal(status, 0, output.slice(-2000));
      assert.deepEqual(declarationFiles(output), ['pkg/index.d.ts', 'pkg/internals/index.d.ts']);
    });

    it("uses every declaration of the JS SDK's index.d.ts and internals/index.d.ts", () => {
      assert.deepEqual(unusedSdkDeclarations(join(CORPUS, 'tsconfig.sdk.json')), []);
    });
  });

  describe('resolution through package.json "exports", the package installed in node_modules', () => {
    it('Node16: import → index.d.ts, require (a .cts and the README\'s plain-JS require) → index.d.cts; the same for /internals', async () => {
      const { status, output } = await runs.node16;
      const errors = output.split('\n').filter((l) => / error TS/.test(l));
      assert.equal(status, 0, errors.join('\n') || output.slice(-2000));
      const resolved = [...output.matchAll(/Resolving module 'cognito-identity-wasm' from '[^']*\/([^'/]+)'\. =+\n(?:.*\n)*?=+ Module name 'cognito-identity-wasm' was successfully resolved to '[^']*\/(index\.d\.c?ts)'/g)]
        .map((m) => `${m[1]} → ${m[2]}`).sort();
      assert.deepEqual(resolved, ['cjs.cts → index.d.cts', 'esm.mts → index.d.ts', 'usage-2-require.cjs → index.d.cts']);
      const internals = [...output.matchAll(/Resolving module 'cognito-identity-wasm\/internals' from '[^']*\/([^'/]+)'\. =+\n(?:.*\n)*?=+ Module name 'cognito-identity-wasm\/internals' was successfully resolved to '[^']*\/(internals\/index\.d\.c?ts)'/g)]
        .map((m) => `${m[1]} → ${m[2]}`).sort();
      assert.deepEqual(internals, ['cjs.cts → internals/index.d.cts', 'esm.mts → internals/index.d.ts']);
    });

    it('Bundler resolution (Vite, webpack + ts-loader) → index.d.ts', async () => {
      const { status, output } = await runs.bundler;
      assert.equal(status, 0, output);
    });
  });
});
