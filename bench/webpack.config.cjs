// Two production builds of the same tiny sign-in app (bench/app/): one importing
// cognito-identity-wasm (aliased to the local pkg/, with the trailing separator as in
// the root webpack.config.js), one importing amazon-cognito-identity-js. Output goes to
// target/bench/webpack/<name>/app.js. Used by bench/run.mjs.
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PKG = path.join(ROOT, 'pkg');

const build = name => ({
  name,
  mode: 'production',
  context: ROOT,
  entry: { app: path.join(__dirname, 'app', `${name}.js`) },
  output: { path: path.join(ROOT, 'target', 'bench', 'webpack', name), filename: '[name].js', clean: true },
  resolve: { alias: { 'cognito-identity-wasm$': PKG + path.sep } },
  devtool: false,
  performance: { hints: false },
  stats: 'errors-warnings',
});

module.exports = [build('ours'), build('sdk')];
