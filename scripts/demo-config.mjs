// Creates a user pool + app client on a local Cognito (ministack) and writes the demo's
// runtime config, www/dist/config.json: { UserPoolId, ClientId, endpoint, confirmationCodeHint }.
//   node scripts/demo-config.mjs [outDir]      (endpoint: $COGNITO_ENDPOINT or ministack's URL)
// Also importable: writeDemoConfig(outDir, { endpoint }).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPoolAndClient } from '../tests/support/admin.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MINISTACK_ENDPOINT = `http://127.0.0.1:${process.env.MINISTACK_PORT || 4566}`;
/** ministack (started with AUTH=true) accepts only this confirmation code. */
export const MINISTACK_CODE = '123456';

export async function writeDemoConfig(outDir = join(root, 'www', 'dist'), { endpoint } = {}) {
  endpoint = endpoint || process.env.COGNITO_ENDPOINT || MINISTACK_ENDPOINT;
  const { UserPoolId, ClientId } = await createPoolAndClient(endpoint, { poolName: 'cognito-wasm-demo' });
  const config = { UserPoolId, ClientId, endpoint };
  if (endpoint === MINISTACK_ENDPOINT) config.confirmationCodeHint = MINISTACK_CODE;
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
  return { file, config };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const { file, config } = await writeDemoConfig(outDir);
  console.log(`pool ${config.UserPoolId}, client ${config.ClientId} on ${config.endpoint} → ${file}`);
}
