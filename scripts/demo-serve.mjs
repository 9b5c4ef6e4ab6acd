// Serves the built demo (www/dist) on 127.0.0.1:${DEMO_PORT:-8080} until Ctrl-C.
//   node scripts/demo-serve.mjs [dir]
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../tests/support/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] ? resolve(process.argv[2]) : join(root, 'www', 'dist');
for (const file of ['index.html', 'app.js', 'config.json']) {
  if (!existsSync(join(dir, file))) {
    console.error(`${join(dir, file)} is missing: run \`npm run demo\` (or build the demo first)`);
    process.exit(1);
  }
}
const port = Number(process.env.DEMO_PORT || 8080);
process.on('uncaughtException', e => {
  if (e.code === 'EADDRINUSE') console.error(`127.0.0.1:${port} is in use: set DEMO_PORT to use another port`);
  else console.error(e);
  process.exit(1);
});
const server = await startStaticServer({ '/': dir }, { port });
console.log(`Demo: ${server.url}/`);
console.log('Press Ctrl-C to stop.');
// Browsers keep connections alive, so do not wait for server.close() to drain them.
const stop = () => process.exit(0);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
