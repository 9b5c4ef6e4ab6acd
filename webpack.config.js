// Builds the demo app (www/) into www/dist/: `npx webpack --config webpack.config.js`.
// `cognito-identity-wasm` resolves to the locally built package in pkg/ (`npm run build`);
// the app imports it exactly as a user would. The package instantiates its inlined wasm
// synchronously on import, so no wasm-specific webpack configuration is needed.
// www/dist/config.json (written by scripts/demo-config.mjs) is kept across builds.

const fs = require('node:fs');
const path = require('node:path');
const { Compilation, EvalSourceMapDevToolPlugin, SourceMapDevToolPlugin, sources } = require('webpack');

const WWW = path.resolve(__dirname, 'www');
const PKG = path.resolve(__dirname, 'pkg');
const STATIC_FILES = ['index.html', 'style.css'];

/** Emits www/index.html and www/style.css next to the bundle. */
class StaticFilesPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('StaticFilesPlugin', compilation => {
      compilation.hooks.processAssets.tap(
        { name: 'StaticFilesPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const name of STATIC_FILES) {
            const file = path.join(WWW, name);
            compilation.fileDependencies.add(file);
            compilation.emitAsset(name, new sources.RawSource(fs.readFileSync(file)));
          }
        },
      );
    });
  }
}

module.exports = (env, argv) => {
  if (!fs.existsSync(path.join(PKG, 'index.js'))) {
    throw new Error('pkg/index.js is missing: run `npm run build` first');
  }
  const production = (argv.mode || 'production') === 'production';
  return {
    mode: production ? 'production' : 'development',
    context: __dirname,
    entry: { app: './www/src/main.js' },
    output: {
      path: path.join(WWW, 'dist'),
      filename: '[name].js',
      clean: { keep: /^config\.json$/ },
    },
    resolve: {
      // The trailing separator makes webpack read pkg/package.json (else it would pick
      // the repository's pkg.json, the package manifest template, as `pkg` + '.json').
      alias: { 'cognito-identity-wasm$': PKG + path.sep },
    },
    // Source maps for the bundle only (not for the copied style.css).
    devtool: false,
    plugins: [
      new StaticFilesPlugin(),
      production
        ? new SourceMapDevToolPlugin({ test: /\.js$/, filename: '[file].map' })
        : new EvalSourceMapDevToolPlugin({ test: /\.js$/ }),
    ],
    // The package carries its wasm inline (~450 KB of base64): above webpack's default hint.
    performance: { maxAssetSize: 1024 * 1024, maxEntrypointSize: 1024 * 1024 },
    stats: 'errors-warnings',
  };
};
