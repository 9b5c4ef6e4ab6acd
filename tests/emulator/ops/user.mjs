// Operations authorised by a token: GetUser, GlobalSignOut, RevokeToken.
import { timingSafeEqual } from 'node:crypto';
import { Unauthorized, UnsupportedOperation, UnsupportedTokenType } from '../errors.mjs';
import { attributeList, getClient, optStr, reqStr } from './common.mjs';
import { mfaShape } from './mfa-settings.mjs';
import { authenticateAccessToken, revokeAllForUser } from './tokens.mjs';

function GetUser(ctx, input) {
  const { user } = authenticateAccessToken(ctx, input.AccessToken);
  return { Username: user.username, UserAttributes: attributeList(user), ...mfaShape(user) };
}

function GlobalSignOut(ctx, input) {
  const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
  revokeAllForUser(ctx.store, pool, user);
  return {};
}

function RevokeToken({ store }, input) {
  const token = reqStr(input, 'Token', 'token');
  const { client } = getClient(store, reqStr(input, 'ClientId', 'clientId'));
  const secret = optStr(input, 'ClientSecret', 'clientSecret');
  if (client.secret) {
    const ok = secret !== undefined && secret.length === client.secret.length &&
      timingSafeEqual(Buffer.from(secret), Buffer.from(client.secret));
    if (!ok) throw Unauthorized('Unable to verify secret for client.');
  }
  if (!client.enableTokenRevocation) throw UnsupportedOperation('Token revocation is not enabled for this client.');
  // Only refresh tokens are revocable; access/id tokens are three-part JWTs.
  if (token.split('.').length === 3) throw UnsupportedTokenType('Unsupported token type.');
  const rec = store.refreshTokens.get(token);
  if (!rec) return {}; // RFC 7009: revoking an unknown token is not an error
  if (rec.clientId !== client.id) throw Unauthorized('The token was not issued to this client.');
  rec.revoked = true;
  store.revokedOrigins.add(rec.originJti);
  return {};
}

export default { GetUser, GlobalSignOut, RevokeToken };
