// Token refresh: InitiateAuth REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken,
// with refresh token rotation per app client (RefreshTokenRotation).
// With rotation ENABLED, each refresh returns a new refresh token and the
// submitted one stops working RetryGracePeriodSeconds later (0 = at once);
// using it after that is a RefreshTokenReuseException.
import { timingSafeEqual } from 'node:crypto';
import { NotAuthorized, RefreshTokenReuse, missing } from '../errors.mjs';
import { findUserBySub, getClient, optStr, reqStr, stringMap } from './common.mjs';
import { issueTokens } from './tokens.mjs';

export const rotationEnabled = (client) => client.rotation?.feature === 'ENABLED';

/**
 * Shared checks and issuance. `checkSecret(user)` applies the caller's client
 * secret rule (SECRET_HASH for InitiateAuth, ClientSecret for GetTokens...).
 */
export function refreshTokens(ctx, pool, client, { token, member, deviceKey, checkSecret }) {
  const { store } = ctx;
  if (!token) throw missing(member);
  const rec = store.refreshTokens.get(token);
  if (!rec || rec.clientId !== client.id) throw NotAuthorized('Invalid Refresh Token');
  const user = findUserBySub(pool, rec.sub);
  checkSecret(user);
  const now = store.now();
  // Rotated tokens share their lineage: revoking any of them revokes all.
  if (rec.revoked || store.revokedOrigins.has(rec.originJti)) throw NotAuthorized('Refresh Token has been revoked');
  if (rec.graceUntil !== undefined && rec.graceUntil <= now) {
    throw RefreshTokenReuse('Refresh token has been invalidated by refresh token rotation.');
  }
  if (rec.expiresAt <= now) throw NotAuthorized('Refresh Token has expired');
  if (!user) throw NotAuthorized('User does not exist.');
  if (!user.enabled) throw NotAuthorized('User is disabled.');
  // Tokens issued to a tracked device only refresh on that device, once confirmed
  // (the "Invalid Refresh Token" that clients omitting DEVICE_KEY get from Cognito).
  if (rec.deviceKey && (deviceKey !== rec.deviceKey || !user.devices?.get(rec.deviceKey)?.confirmed)) {
    const e = NotAuthorized('Invalid Refresh Token');
    e.detail = deviceKey === rec.deviceKey
      ? 'the device this refresh token belongs to is not confirmed (ConfirmDevice) or was forgotten'
      : `this refresh token belongs to device ${rec.deviceKey}; send it as DEVICE_KEY`;
    throw e;
  }
  const rotate = rotationEnabled(client);
  const result = issueTokens(ctx, { pool, client, user, lineage: rec, rotate });
  if (rotate && rec.graceUntil === undefined) rec.graceUntil = now + client.rotation.graceSeconds * 1000;
  return result;
}

function GetTokensFromRefreshToken(ctx, input) {
  const { client, pool } = getClient(ctx.store, reqStr(input, 'ClientId', 'clientId'));
  const secret = optStr(input, 'ClientSecret', 'clientSecret');
  stringMap(input, 'ClientMetadata', 'clientMetadata'); // shape check; no triggers run here
  const result = refreshTokens(ctx, pool, client, {
    token: reqStr(input, 'RefreshToken', 'refreshToken'),
    member: 'refreshToken',
    deviceKey: optStr(input, 'DeviceKey', 'deviceKey'),
    checkSecret: () => {
      if (!client.secret) return;
      const ok = secret !== undefined && secret.length === client.secret.length &&
        timingSafeEqual(Buffer.from(secret), Buffer.from(client.secret));
      if (!ok) throw NotAuthorized(`Unable to verify secret for client ${client.id}`);
    },
  });
  return { AuthenticationResult: result };
}

export default { GetTokensFromRefreshToken };
