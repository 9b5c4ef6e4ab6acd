// Webpack 5 production bundles of the bench's sign-in app (bench/app/, configured by
// bench/webpack.config.cjs), built in this process. One function for bench/run.mjs, which
// times and opens them, and tests/packaging/size-budget.test.mjs, which holds ours to a
// byte budget, so both measure the same bundle.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import webpack from 'webpack';

const require = createRequire(import.meta.url);
const configFor = require('./webpack.config.cjs');

/**
 * Builds the app for each of `names` ('ours' imports pkg/, 'sdk' the JS SDK) into
 * `<out>/<name>/app.js` and returns `{ [name]: { file, bytes } }` with the file's contents.
 * Needs `npm run build` first for 'ours'. Rejects with webpack's errors if a build fails.
 */
export async function buildSignInBundles({ out, names = ['ours', 'sdk'] }) {
  const configs = configFor({ out, only: names.join(',') });
  const compiler = webpack(configs);
  const stats = await new Promise((resolve, reject) => compiler.run((e, s) => (e ? reject(e) : resolve(s))));
  await new Promise((resolve) => compiler.close(resolve));
  if (stats.hasErrors()) throw new Error(`webpack failed:\n${stats.toString('errors-only')}`);
  return Object.fromEntries(configs.map((c) => {
    const file = join(c.output.path, 'app.js');
    return [c.name, { file, bytes: readFileSync(file) }];
  }));
}
