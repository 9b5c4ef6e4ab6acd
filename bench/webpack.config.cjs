// Production builds of the same tiny sign-in app (bench/app/): `ours` imports
// cognito-identity-wasm (aliased to the local pkg/, with the trailing separator as in the
// root webpack.config.js), `sdk` imports amazon-cognito-identity-js. Each goes to
// <out>/<name>/app.js, <out> being target/bench/webpack unless `--env out=DIR` (or the
// `out` of bench/bundle.mjs, which bench/run.mjs and tests/packaging/size-budget.test.mjs
// build through) says otherwise; `--env only=ours` builds one of them.
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PKG = path.join(ROOT, 'pkg');
const APPS = ['ours', 'sdk'];

const build = (name, out) => ({
  name,
  mode: 'production',
  context: ROOT,
  entry: { app: path.join(__dirname, 'app', `${name}.js`) },
  output: { path: path.join(out, name), filename: '[name].js', clean: true },
  resolve: { alias: { 'cognito-identity-wasm$': PKG + path.sep } },
  devtool: false,
  performance: { hints: false },
  stats: 'errors-warnings',
});

module.exports = (env = {}) => {
  const out = path.resolve(ROOT, env.out || path.join('target', 'bench', 'webpack'));
  const names = env.only ? String(env.only).split(',') : APPS;
  return names.map((name) => build(name, out));
};
