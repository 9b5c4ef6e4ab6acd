// Test-only control plane under /_test/. Plain JSON in and out; errors are
// {"error": "..."} with 400/404 so a mistake in a test is loud.
import { addFault } from './faults.mjs';
import { findUser } from './ops/common.mjs';
import { describeClient } from './ops/clients.mjs';
import { setRelyingParty, webauthnConfig } from './ops/sign-in-config.mjs';
import { base32Decode, totp } from './totp.mjs';

class RouteError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function userFor(store, userPoolId, username) {
  if (typeof username !== 'string' || !username) throw new RouteError(400, 'username is required');
  const pools = userPoolId ? [store.pools.get(userPoolId)].filter(Boolean) : [...store.pools.values()];
  if (userPoolId && !pools.length) throw new RouteError(404, `no user pool ${userPoolId}`);
  const hits = pools.map((pool) => findUser(pool, username)).filter(Boolean);
  if (!hits.length) throw new RouteError(404, `no user ${username}`);
  if (hits.length > 1) throw new RouteError(400, `username ${username} exists in several pools; pass userPoolId`);
  return hits[0];
}

function setLifetimes(store, body) {
  const out = {};
  for (const key of ['accessSeconds', 'idSeconds', 'refreshSeconds']) {
    if (body[key] === undefined) continue;
    if (!Number.isInteger(body[key]) || body[key] < 1) throw new RouteError(400, `${key} must be a positive integer`);
    out[key] = body[key];
  }
  let scope;
  let target;
  if (body.clientId) {
    if (!store.clients.has(body.clientId)) throw new RouteError(404, `no client ${body.clientId}`);
    scope = 'client';
    target = store.lifetimes.clients;
  } else if (body.userPoolId) {
    if (!store.pools.has(body.userPoolId)) throw new RouteError(404, `no user pool ${body.userPoolId}`);
    scope = 'pool';
    target = store.lifetimes.pools;
  }
  if (target) {
    const id = body.clientId ?? body.userPoolId;
    target.set(id, { ...(target.get(id) ?? {}), ...out });
    return { ok: true, scope, lifetimes: target.get(id) };
  }
  Object.assign(store.lifetimes.global, out);
  return { ok: true, scope: 'global', lifetimes: store.lifetimes.global };
}

/** Flip refresh token rotation on a client; ALLOW_REFRESH_TOKEN_AUTH goes (or comes back) with it. */
function setRotation(store, body) {
  const client = store.clients.get(body.clientId);
  if (!client) throw new RouteError(404, `no client ${body.clientId}`);
  if (typeof body.enabled !== 'boolean') throw new RouteError(400, 'enabled must be a boolean');
  const grace = body.graceSeconds ?? 0;
  if (!Number.isInteger(grace) || grace < 0 || grace > 60) throw new RouteError(400, 'graceSeconds must be an integer 0..60');
  client.rotation = { feature: body.enabled ? 'ENABLED' : 'DISABLED', graceSeconds: body.enabled ? grace : 0 };
  const flows = client.explicitAuthFlows.filter((f) => f !== 'ALLOW_REFRESH_TOKEN_AUTH');
  const usesAllow = client.explicitAuthFlows.some((f) => f.startsWith('ALLOW_'));
  client.explicitAuthFlows = !body.enabled && usesAllow ? [...flows, 'ALLOW_REFRESH_TOKEN_AUTH'] : body.enabled ? flows : client.explicitAuthFlows;
  const d = describeClient(client);
  return { ok: true, RefreshTokenRotation: d.RefreshTokenRotation, ExplicitAuthFlows: d.ExplicitAuthFlows };
}

/** What an authenticator app shows now (emulator clock) for a SecretCode. */
function totpCode(store, body) {
  if (typeof body.secret !== 'string' || !base32Decode(body.secret)?.length) throw new RouteError(400, 'secret must be base32');
  const steps = body.offsetSteps ?? 0;
  if (!Number.isInteger(steps)) throw new RouteError(400, 'offsetSteps must be an integer');
  return { code: totp(body.secret, store.now(), steps) };
}

/** Stand-in for the Define/Create/Verify Auth Challenge triggers of one pool. */
function setCustomAuth(store, body) {
  if (!store.pools.has(body.userPoolId)) throw new RouteError(404, `no user pool ${body.userPoolId}`);
  const { challenges = [], srpFirst = false } = body;
  if (!Array.isArray(challenges)) throw new RouteError(400, 'challenges must be a list');
  if (typeof srpFirst !== 'boolean') throw new RouteError(400, 'srpFirst must be a boolean');
  const clean = challenges.map((c, i) => {
    if (typeof c?.answer !== 'string' || !c.answer) throw new RouteError(400, `challenges[${i}].answer must be a non-empty string`);
    const params = c.publicChallengeParameters ?? {};
    if (typeof params !== 'object' || Array.isArray(params) || Object.values(params).some((v) => typeof v !== 'string')) {
      throw new RouteError(400, `challenges[${i}].publicChallengeParameters must map names to strings`);
    }
    return { answer: c.answer, publicChallengeParameters: { ...params } };
  });
  if (!clean.length && !srpFirst) throw new RouteError(400, 'give at least one challenge or srpFirst');
  store.customAuth.set(body.userPoolId, { challenges: clean, srpFirst });
  return { ok: true, challenges: clean.length, srpFirst };
}

/**
 * The pool's WebAuthn relying party: rpId (null: back to "localhost"),
 * origins (exact list; null: any https origin on the RP ID or below it, and
 * http://localhost), userVerification.
 */
function setWebAuthn(store, body) {
  const pool = store.pools.get(body.userPoolId);
  if (!pool) throw new RouteError(404, `no user pool ${body.userPoolId}`);
  try {
    setRelyingParty(pool, { rpId: body.rpId, origins: body.origins, userVerification: body.userVerification });
  } catch (e) {
    throw new RouteError(400, e.message);
  }
  return { ok: true, ...webauthnConfig(pool) };
}

function setCredentialsLifetime(store, body) {
  const s = body.seconds;
  if (s !== null && (!Number.isInteger(s) || s < 1)) throw new RouteError(400, 'seconds must be a positive integer (or null for the default 3600)');
  store.identityCredentialsSeconds = s;
  return { ok: true, seconds: s ?? 3600 };
}

const publicFault = ({ operation, kind, remaining, ms }) => ({ operation, kind, remaining, ...(kind === 'delay' ? { ms } : {}) });

/** Returns [status, body] for a /_test/ route. */
export function handleTestRoute(store, method, url, body) {
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  const q = url.searchParams;
  try {
    switch (route) {
      case 'GET /_test/health':
        return [200, { ok: true }];
      case 'POST /_test/reset':
        store.reset();
        return [200, { ok: true }];
      case 'GET /_test/codes': {
        const user = userFor(store, q.get('userPoolId'), q.get('username'));
        const out = {};
        for (const [purpose, c] of Object.entries(user.codes)) out[purpose] = c.code;
        if (user.temporaryPassword) out.temporaryPassword = user.temporaryPassword;
        return [200, out];
      }
      case 'POST /_test/codes/expire': {
        const user = userFor(store, body.userPoolId, body.username);
        for (const c of Object.values(user.codes)) c.expiresAt = 0;
        return [200, { ok: true }];
      }
      case 'POST /_test/token-lifetime':
        return [200, setLifetimes(store, body)];
      case 'DELETE /_test/token-lifetime':
        store.lifetimes = { global: {}, pools: new Map(), clients: new Map() };
        return [200, { ok: true }];
      case 'POST /_test/refresh-rotation':
        return [200, setRotation(store, body)];
      case 'POST /_test/totp':
        return [200, totpCode(store, body)];
      case 'POST /_test/webauthn':
        return [200, setWebAuthn(store, body)];
      case 'POST /_test/identity-credentials-lifetime':
        return [200, setCredentialsLifetime(store, body)];
      case 'GET /_test/identity-credentials': {
        const c = store.identityCredentials.get(q.get('accessKeyId'));
        if (!c) throw new RouteError(404, `no credentials with AccessKeyId ${q.get('accessKeyId')}`);
        return [200, c];
      }
      case 'POST /_test/custom-auth':
        return [200, setCustomAuth(store, body)];
      case 'DELETE /_test/custom-auth':
        store.customAuth.delete(q.get('userPoolId'));
        return [200, { ok: true }];
      case 'GET /_test/faults':
        return [200, { faults: store.faults.map(publicFault) }];
      case 'POST /_test/faults':
        try {
          addFault(store, body);
        } catch (e) {
          throw new RouteError(400, e.message);
        }
        return [200, { ok: true, faults: store.faults.map(publicFault) }];
      case 'DELETE /_test/faults':
        store.faults = [];
        return [200, { ok: true }];
      case 'GET /_test/requests': {
        const op = q.get('operation');
        return [200, store.requestLog.filter((r) => !op || r.operation === op)];
      }
      case 'POST /_test/requests/clear':
      case 'DELETE /_test/requests':
        store.requestLog = [];
        return [200, { ok: true }];
      case 'POST /_test/clock': {
        const s = body.offsetSeconds;
        if (typeof s !== 'number' || !Number.isFinite(s)) throw new RouteError(400, 'offsetSeconds must be a number');
        store.clockOffsetMs = s * 1000;
        return [200, { ok: true, now: new Date(store.now()).toISOString() }];
      }
      default:
        return [404, { error: `no test route ${route}` }];
    }
  } catch (e) {
    if (e instanceof RouteError) return [e.status, { error: e.message }];
    throw e;
  }
}
