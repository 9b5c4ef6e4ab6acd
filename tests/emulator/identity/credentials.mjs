// Cognito Identity, client side: GetId and GetCredentialsForIdentity.
// Logins map "cognito-idp.<region>.amazonaws.com/<userPoolId>" to an ID token
// of that user pool. The provider name maps to the pool by its last path
// segment; the token must carry the emulator's issuer for that pool,
// http://<host>/<userPoolId> (any host: a browser may reach the emulator as
// localhost where Node used 127.0.0.1), so `iss` must end in "/<userPoolId>".
// An authenticated identity is keyed by (provider, sub): the same user always
// gets the same IdentityId.
import { randomBytes, randomUUID } from 'node:crypto';
import { InvalidParameter, NotAuthorized, ResourceNotFound, missing } from '../errors.mjs';
import { findUserBySub, reqStr } from '../ops/common.mjs';
import { getIdentityPool } from './pools.mjs';

const IDENTITY_ID = /^[\w-]+:[0-9a-f-]+$/;
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const DEFAULT_CREDENTIALS_SECONDS = 3600;

const invalidToken = (why) => NotAuthorized(`Invalid login token. ${why}`);

/** Logins: a map of provider name -> token (at most 10, as in AWS). */
function parseLogins(input) {
  const v = input.Logins;
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((t) => typeof t !== 'string')) {
    throw InvalidParameter("Value at 'logins' must be a map of provider names to token strings.");
  }
  const entries = Object.entries(v);
  if (entries.length > 10) throw InvalidParameter("Value at 'logins' failed to satisfy constraint: Member must have length less than or equal to 10");
  return entries.length ? entries : null;
}

/** Verify one login the way Cognito Identity checks a user-pool ID token; returns its index key. */
function verifyLogin(ctx, idPool, providerName, token) {
  const provider = idPool.providers.find((p) => p.ProviderName === providerName);
  if (!provider) throw NotAuthorized('Token is not from a supported provider of this identity pool.');
  const userPoolId = providerName.split('/').pop();
  const claims = ctx.store.keys.verify(token);
  if (!claims) throw invalidToken('Not a valid OpenId Connect identity token.');
  let issPath = null;
  try {
    issPath = new URL(claims.iss).pathname;
  } catch {
    // not a URL: no match below
  }
  if (issPath !== `/${userPoolId}`) throw invalidToken("Issuer doesn't match providerName");
  if (claims.aud === undefined) throw invalidToken('Missing a required claim: aud');
  const clientIds = idPool.providers.filter((p) => p.ProviderName === providerName).map((p) => p.ClientId);
  if (!clientIds.includes(claims.aud)) throw invalidToken('Incorrect token audience.');
  if (claims.token_use !== 'id') throw invalidToken('Not an ID token.');
  const now = Math.floor(ctx.store.now() / 1000);
  if (claims.exp <= now) throw invalidToken(`Token expired: ${now} >= ${claims.exp}`);
  // ServerSideTokenCheck asks the user pool whether the session still stands.
  if (provider.ServerSideTokenCheck) {
    const pool = ctx.store.pools.get(userPoolId);
    const user = pool && findUserBySub(pool, claims.sub);
    if (!user || !user.enabled || ctx.store.revokedOrigins.has(claims.origin_jti)) throw invalidToken('The token has been revoked or its user no longer signs in.');
  }
  return `${idPool.id}|${providerName}|${claims.sub}`;
}

const verifyLogins = (ctx, idPool, logins) => logins.map(([provider, token]) => verifyLogin(ctx, idPool, provider, token));

function newIdentity(store, idPool, authenticated) {
  const identity = { id: `${idPool.id.split(':')[0]}:${randomUUID()}`, poolId: idPool.id, authenticated, logins: new Set() };
  store.identities.set(identity.id, identity);
  return identity;
}

/**
 * With Logins: the identity of that user (created on first use). Without:
 * a new unauthenticated identity per call, if the pool allows them.
 */
function GetId(ctx, input) {
  const { store } = ctx;
  const idPool = getIdentityPool(store, reqStr(input, 'IdentityPoolId', 'identityPoolId'));
  const logins = parseLogins(input);
  if (!logins) {
    if (!idPool.allowUnauthenticated) throw NotAuthorized('Unauthenticated access is not supported for this identity pool.');
    return { IdentityId: newIdentity(store, idPool, false).id };
  }
  const keys = verifyLogins(ctx, idPool, logins);
  const known = keys.map((k) => store.identityLogins.get(k)).filter(Boolean);
  if (new Set(known).size > 1) {
    throw NotAuthorized('Logins belong to different identities; the emulator does not merge identities.');
  }
  const identity = known.length ? store.identities.get(known[0]) : newIdentity(store, idPool, true);
  for (const k of keys) {
    store.identityLogins.set(k, identity.id);
    identity.logins.add(k);
  }
  return { IdentityId: identity.id };
}

const randomFrom = (alphabet, n) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');

/**
 * An authenticated identity needs one of its own logins; an unauthenticated
 * one takes none (Logins there would need identity linking, which the
 * emulator refuses: call GetId with the Logins first).
 */
function GetCredentialsForIdentity(ctx, input) {
  const { store } = ctx;
  const id = reqStr(input, 'IdentityId', 'identityId');
  if (!IDENTITY_ID.test(id) || id.length > 55) {
    throw InvalidParameter(`1 validation error detected: Value '${id}' at 'identityId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`);
  }
  const identity = store.identities.get(id);
  const idPool = identity && store.identityPools.get(identity.poolId);
  if (!identity || !idPool) throw ResourceNotFound(`Identity '${id}' not found.`);
  const logins = parseLogins(input);
  if (identity.authenticated) {
    if (!logins) throw NotAuthorized(`Access to Identity '${id}' is forbidden.`);
    if (!verifyLogins(ctx, idPool, logins).some((k) => identity.logins.has(k))) {
      throw NotAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");
    }
  } else {
    if (!idPool.allowUnauthenticated) throw NotAuthorized('Unauthenticated access is not supported for this identity pool.');
    if (logins) {
      verifyLogins(ctx, idPool, logins);
      throw NotAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");
    }
  }
  const seconds = store.identityCredentialsSeconds ?? DEFAULT_CREDENTIALS_SECONDS;
  const creds = {
    AccessKeyId: `ASIA${randomFrom(UPPER_ALNUM, 16)}`,
    SecretKey: randomBytes(30).toString('base64'),
    SessionToken: randomBytes(600).toString('base64'),
    Expiration: Math.floor(store.now() / 1000) + seconds,
  };
  store.identityCredentials.set(creds.AccessKeyId, { identityId: id, identityPoolId: idPool.id, authenticated: identity.authenticated, expiration: creds.Expiration });
  return { IdentityId: id, Credentials: creds };
}

export default { GetId, GetCredentialsForIdentity };
