#!/usr/bin/env node
// Strict local Cognito emulator (HTTP front end): user pools
// (AWSCognitoIdentityProviderService.*) and identity pools
// (AWSCognitoIdentityService.*) on the same endpoint.
//   node tests/emulator/server.mjs [--port 4599] [--host 127.0.0.1]
// or in-process: const emu = await startEmulator({ port: 0 }); ... await emu.close();
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { CognitoError, InternalError, Serialization, UnknownOperation } from './errors.mjs';
import { answerFault, takeFault, truncate } from './faults.mjs';
import { IDENTITY_OPERATIONS } from './identity/index.mjs';
import { OPERATIONS } from './ops/index.mjs';
import { Store } from './store.mjs';
import { handleTestRoute } from './control-routes.mjs';

// Both services speak x-amz-json-1.1 with the same error shape; operation
// names do not overlap, so the request log and faults use the bare name.
const SERVICES = [
  ['AWSCognitoIdentityProviderService.', OPERATIONS],
  ['AWSCognitoIdentityService.', IDENTITY_OPERATIONS],
];
const JSON_11 = 'application/x-amz-json-1.1';
const MAX_BODY = 1 << 20;

// A fixed allow-list (not an echo of the preflight) so a client that starts
// sending an unexpected header fails here the way it could against AWS.
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': [
    'content-type', 'x-amz-target', 'x-amz-user-agent', 'cache-control', 'authorization',
    'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256', 'amz-sdk-invocation-id', 'amz-sdk-request',
  ].join(', '),
  'Access-Control-Expose-Headers': 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date',
};

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) reject(Serialization('Request body too large.'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const errorBody = (e) =>
  JSON.stringify({ __type: e.type, message: e.message, ...(e.detail ? { emulatorDetail: e.detail } : {}) });

/** Run one Cognito operation; returns {status, body, headers} without writing anything. */
function runOperation(store, req, op, table, raw) {
  try {
    const ctype = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (ctype !== JSON_11) throw UnknownOperation(`Expected Content-Type ${JSON_11}, got ${ctype || 'none'}.`);
    const handler = op && table && Object.hasOwn(table, op) ? table[op] : null;
    if (!handler) throw UnknownOperation(`Unknown operation ${req.headers['x-amz-target'] ?? '(no X-Amz-Target)'}.`);
    let input;
    try {
      input = JSON.parse(raw);
    } catch {
      throw Serialization('Request body is not valid JSON.');
    }
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw Serialization('Request body must be a JSON object.');
    const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
    const ctx = { store, issuer: (poolId) => `http://${host}/${poolId}`, headers: req.headers };
    return { status: 200, body: JSON.stringify(handler(ctx, input)), headers: {} };
  } catch (err) {
    const e = err instanceof CognitoError ? err : InternalError('Internal server error.');
    if (!(err instanceof CognitoError)) console.error('[cognito emulator]', err);
    return { status: e.status, body: errorBody(e), headers: { 'x-amzn-ErrorType': `${e.type}:` } };
  }
}

async function handleCognito(store, req, send, res) {
  let raw;
  try {
    raw = await readBody(req);
  } catch (e) {
    return send(400, JSON_11, errorBody(e), { 'x-amzn-ErrorType': `${e.type}:` });
  }
  const target = req.headers['x-amz-target'];
  const service = typeof target === 'string' ? SERVICES.find(([prefix]) => target.startsWith(prefix)) : undefined;
  const op = service ? target.slice(service[0].length) : null;
  const fault = takeFault(store, op);
  store.logRequest({ operation: op ?? target ?? null, headers: { ...req.headers }, body: raw, time: new Date().toISOString(), fault: fault?.kind ?? null });
  if (fault && answerFault(fault, res, send)) return;
  if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
  const out = runOperation(store, req, op, service?.[1], raw);
  if (fault?.kind === 'truncated') return send(200, JSON_11, truncate(out.body));
  send(out.status, JSON_11, out.body, out.headers);
}

function handleWellKnown(store, req, url, send) {
  const m = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(url.pathname);
  if (!m) return false;
  const pool = store.pools.get(m[1]);
  if (!pool) {
    send(404, 'application/json', JSON.stringify({ message: `User pool ${m[1]} does not exist.` }));
  } else if (m[2] === 'jwks.json') {
    send(200, 'application/json', JSON.stringify(store.keys.jwks()));
  } else {
    const iss = `http://${req.headers.host}/${pool.id}`;
    send(200, 'application/json', JSON.stringify({
      issuer: iss,
      jwks_uri: `${iss}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
    }));
  }
  return true;
}

// No keep-alive, on purpose: Chromium silently resends a request whose
// *reused* connection dies without an answer (which would swallow a "drop"
// fault), and a client racing a server-closed idle socket fails spuriously.
// One fresh connection per request makes faults deterministic for every client.
const NO_KEEPALIVE = { Connection: 'close' };

export function createEmulatorServer(store = new Store()) {
  const server = http.createServer(async (req, res) => {
    const send = (status, type, text, extra = {}) => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(status, {
        ...CORS_HEADERS,
        ...NO_KEEPALIVE,
        'Content-Type': type,
        'Content-Length': Buffer.byteLength(text),
        'x-amzn-RequestId': randomUUID(),
        ...extra,
      });
      res.end(text);
    };
    try {
      const url = new URL(req.url, 'http://emulator');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...CORS_HEADERS, ...NO_KEEPALIVE });
        return res.end();
      }
      if (url.pathname.startsWith('/_test/')) {
        const raw = await readBody(req);
        let body = {};
        if (raw.trim()) {
          try {
            body = JSON.parse(raw);
          } catch {
            return send(400, 'application/json', JSON.stringify({ error: 'body is not valid JSON' }));
          }
        }
        const [status, out] = handleTestRoute(store, req.method, url, body ?? {});
        return send(status, 'application/json', JSON.stringify(out));
      }
      if (req.method === 'GET' && handleWellKnown(store, req, url, send)) return;
      if (req.method === 'POST' && url.pathname === '/') return await handleCognito(store, req, send, res);
      send(404, 'application/json', JSON.stringify({ message: `No route for ${req.method} ${url.pathname}` }));
    } catch (err) {
      console.error('[cognito emulator]', err);
      send(500, JSON_11, errorBody(InternalError('Internal server error.')), { 'x-amzn-ErrorType': 'InternalErrorException:' });
    }
  });
  return { server, store };
}

/** Start in-process. port 0 picks a free port. Resolves to {url, port, host, store, close()}. */
export async function startEmulator({ port = 0, host = '127.0.0.1' } = {}) {
  const { server, store } = createEmulatorServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actual}`,
    port: actual,
    host,
    store,
    server,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // in-flight (e.g. delayed) requests would otherwise hold close() open
      }),
  };
}

function parseArgs(argv) {
  const opts = { port: 4599, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.split('=', 2);
    if (flag !== '--port' && flag !== '--host') throw new Error(`unknown argument ${arg} (use --port N --host H)`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--port') opts.port = Number(value);
    else opts.host = value;
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port must be 0-65535');
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  const emu = await startEmulator(opts);
  console.log(`cognito emulator listening on ${emu.url}`);
  const stop = () => emu.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
