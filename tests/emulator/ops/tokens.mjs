// Token issuance and checking. Every sign-in starts a lineage identified by
// origin_jti; refreshes keep it, so revoking a refresh token (RevokeToken) or
// all of a user's (GlobalSignOut) kills every access token of the lineage.
import { randomBytes, randomUUID } from 'node:crypto';
import { NotAuthorized, UserNotFound, missing } from '../errors.mjs';
import { findUserBySub } from './common.mjs';

const DEFAULTS = { accessSeconds: 3600, idSeconds: 3600, refreshSeconds: 30 * 86400 };

/** Test overrides (client > pool > global) win over the client's configured validity. */
export function resolveLifetimes(store, pool, client) {
  return {
    ...DEFAULTS,
    ...client.validity,
    ...store.lifetimes.global,
    ...(store.lifetimes.pools.get(pool.id) ?? {}),
    ...(store.lifetimes.clients.get(client.id) ?? {}),
  };
}

// Real refresh tokens are JWEs; mimic the five-part shape so clients that
// wrongly try to decode them as JWTs fail here too.
const JWE_HEADER = Buffer.from(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })).toString('base64url');
const newRefreshToken = () =>
  [JWE_HEADER, randomBytes(256), randomBytes(12), randomBytes(600), randomBytes(16)]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');

function idClaims(user) {
  const claims = {};
  for (const [name, value] of user.attributes) {
    // Cognito puts *_verified into the id token as JSON booleans, everything else as strings.
    claims[name] = name.endsWith('_verified') ? value === 'true' : value;
  }
  return claims;
}

/**
 * Build an AuthenticationResult. `lineage` is given on refresh (keeps
 * origin_jti, auth_time and the device; no new refresh token unless
 * `rotate`, whose new token keeps the old one's expiry) and absent on
 * sign-in. `deviceKey` binds the sign-in's tokens to a tracked device.
 */
export function issueTokens(ctx, { pool, client, user, lineage, rotate = false, deviceKey }) {
  const { store } = ctx;
  const life = resolveLifetimes(store, pool, client);
  const nowMs = store.now();
  const iat = Math.floor(nowMs / 1000);
  const originJti = lineage?.originJti ?? randomUUID();
  const authTime = lineage?.authTime ?? iat;
  const eventId = lineage?.eventId ?? randomUUID();
  const device = lineage ? lineage.deviceKey : deviceKey ?? null;
  const iss = ctx.issuer(pool.id);

  const access = store.keys.sign({
    sub: user.sub,
    iss,
    client_id: client.id,
    origin_jti: originJti,
    event_id: eventId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: authTime,
    exp: iat + life.accessSeconds,
    iat,
    jti: randomUUID(),
    username: user.username,
    ...(device ? { device_key: device } : {}),
  });
  const id = store.keys.sign({
    sub: user.sub,
    ...idClaims(user),
    iss,
    'cognito:username': user.username,
    origin_jti: originJti,
    aud: client.id,
    event_id: eventId,
    token_use: 'id',
    auth_time: authTime,
    exp: iat + life.idSeconds,
    iat,
    jti: randomUUID(),
  });

  const result = { AccessToken: access, ExpiresIn: life.accessSeconds, IdToken: id, TokenType: 'Bearer' };
  if (!lineage || rotate) {
    const token = newRefreshToken();
    store.refreshTokens.set(token, {
      poolId: pool.id,
      clientId: client.id,
      sub: user.sub,
      originJti,
      authTime,
      eventId,
      deviceKey: device,
      // A rotated token does not extend the session: it runs out when the one it replaces would have.
      expiresAt: lineage ? lineage.expiresAt : nowMs + life.refreshSeconds * 1000,
      revoked: false,
    });
    result.RefreshToken = token;
  }
  return result;
}

/** Check an access token the way Cognito's protected operations do. */
export function authenticateAccessToken(ctx, token) {
  const { store } = ctx;
  if (token === undefined || token === null) throw missing('accessToken');
  const claims = store.keys.verify(token);
  if (!claims || claims.token_use !== 'access' || typeof claims.iss !== 'string') {
    throw NotAuthorized('Invalid Access Token');
  }
  const pool = store.pools.get(claims.iss.split('/').pop());
  const client = store.clients.get(claims.client_id);
  if (!pool || !client || client.poolId !== pool.id) throw NotAuthorized('Invalid Access Token');
  if (claims.exp * 1000 <= store.now()) throw NotAuthorized('Access Token has expired');
  if (store.revokedOrigins.has(claims.origin_jti)) throw NotAuthorized('Access Token has been revoked');
  const user = findUserBySub(pool, claims.sub);
  if (!user) throw UserNotFound('User does not exist.');
  if (!user.enabled) throw NotAuthorized('User is disabled.');
  return { pool, client, user, claims };
}

/** Revoke every lineage of a user (GlobalSignOut, AdminDeleteUser). */
export function revokeAllForUser(store, pool, user) {
  for (const rec of store.refreshTokens.values()) {
    if (rec.poolId === pool.id && rec.sub === user.sub) {
      rec.revoked = true;
      store.revokedOrigins.add(rec.originJti);
    }
  }
}
