// All mutable emulator state in one object, so /_test/reset is a single call
// and in-process tests can inspect it. The signing key survives resets on
// purpose: tokens from before a reset still fail (their pool is gone), and
// test helpers that cached the JWKS keep working.
import { randomInt } from 'node:crypto';
import { KeyRing } from './jwt.mjs';

const REQUEST_LOG_CAP = 5000;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomString(alphabet, length) {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

export class Store {
  constructor() {
    this.keys = new KeyRing();
    this.reset();
  }

  reset() {
    this.pools = new Map(); // poolId -> pool (pool.users: Map<key, user>)
    this.clients = new Map(); // clientId -> client
    this.srpSessions = new Map(); // SECRET_BLOCK (base64) -> pending PASSWORD_VERIFIER state
    this.authSessions = new Map(); // Session -> pending challenge state (ops/sessions.mjs)
    this.customAuth = new Map(); // poolId -> simulated custom-auth triggers (POST /_test/custom-auth)
    this.refreshTokens = new Map(); // opaque token -> record
    this.revokedOrigins = new Set(); // origin_jti of revoked sign-in lineages
    this.lifetimes = { global: {}, pools: new Map(), clients: new Map() };
    this.clockOffsetMs = 0;
    this.identityPools = new Map(); // IdentityPoolId -> identity pool (identity/pools.mjs)
    this.identities = new Map(); // IdentityId -> {poolId, authenticated, logins}
    this.identityLogins = new Map(); // "<poolId>|<provider>|<sub>" -> IdentityId
    this.identityCredentials = new Map(); // AccessKeyId -> what it was issued for (GET /_test/identity-credentials)
    this.identityCredentialsSeconds = null; // POST /_test/identity-credentials-lifetime; null: 3600
    this.faults = [];
    this.requestLog = [];
  }

  /** Emulator clock; /_test/clock can skew it to exercise client clock-drift handling. */
  now() {
    return Date.now() + this.clockOffsetMs;
  }

  newPoolId(region = 'us-east-1') {
    for (;;) {
      const id = `${region}_${randomString(ALNUM, 9)}`;
      if (!this.pools.has(id)) return id;
    }
  }

  newClientId() {
    for (;;) {
      const id = randomString(LOWER_ALNUM, 26);
      if (!this.clients.has(id)) return id;
    }
  }

  logRequest(entry) {
    this.requestLog.push(entry);
    if (this.requestLog.length > REQUEST_LOG_CAP) this.requestLog.shift();
  }
}
