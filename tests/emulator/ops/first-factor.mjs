// Password first factors shared by the client-chosen flows (USER_SRP_AUTH,
// USER_PASSWORD_AUTH, the SRP step of CUSTOM_AUTH) and choice-based USER_AUTH
// (PASSWORD / PASSWORD_SRP, preferred or selected).
import { randomBytes } from 'node:crypto';
import { InvalidParameter, NotAuthorized, UserNotFound, WRONG_PASSWORD, missing } from '../errors.mjs';
import * as srp from '../srp-server.mjs';
import { checkSecretHash, findUser } from './common.mjs';
import { checkDeviceKey } from './device-store.mjs';
import { afterPassword } from './flow.mjs';
import { SESSION_TTL_MS, pruneExpired } from './sessions.mjs';

export function unknownUser(client) {
  // PreventUserExistenceErrors hides whether the user exists.
  return client.preventUserExistenceErrors ? NotAuthorized(WRONG_PASSWORD) : UserNotFound('User does not exist.');
}

/**
 * PASSWORD_VERIFIER challenge. `custom` marks the SRP step of a CUSTOM_AUTH
 * flow; `userAuth` one of USER_AUTH, which (unlike USER_SRP_AUTH) carries a
 * Session that the PASSWORD_VERIFIER answer must send back. `member` names
 * the map the parameters came in, for validation messages.
 */
export function startSrp(ctx, pool, client, params, { custom = false, userAuth = false, member = 'authParameters' } = {}) {
  const typed = params.USERNAME;
  if (!typed) throw missing(`${member}.USERNAME`);
  if (params.SRP_A === undefined) throw missing(`${member}.SRP_A`);
  const A = srp.parseA(params.SRP_A);
  if (A === null) throw InvalidParameter('Invalid SRP_A: it must be hex for a value in [1, N) with A mod N != 0.');
  let user = findUser(pool, typed);
  checkSecretHash(client, params.SECRET_HASH, [typed, user?.username]);
  let decoy = false;
  if (!user) {
    if (!client.preventUserExistenceErrors) throw unknownUser(client);
    // Hide non-existence: run a normal-looking exchange that can never verify.
    decoy = true;
    user = { username: typed, sub: null, verifier: srp.makeVerifier(pool.name, typed, randomBytes(16).toString('hex')) };
  }
  const { saltHex, v } = user.verifier;
  const { b, B } = srp.serverEphemeral(v);
  // Opaque, single-use, and the only handle to the server's SRP state.
  const secretBlock = randomBytes(768).toString('base64');
  const session = userAuth ? randomBytes(600).toString('base64url') : undefined;
  pruneExpired(ctx.store.srpSessions, ctx.store.now());
  ctx.store.srpSessions.set(secretBlock, {
    poolId: pool.id,
    clientId: client.id,
    sub: user.sub,
    userId: user.username,
    decoy,
    custom,
    userAuthSession: session,
    deviceKey: params.DEVICE_KEY ?? null,
    A,
    B,
    b,
    v,
    expiresAt: ctx.store.now() + SESSION_TTL_MS,
  });
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ...(session ? { Session: session } : {}),
    ChallengeParameters: {
      SALT: saltHex,
      SECRET_BLOCK: secretBlock,
      SRP_B: B.toString(16),
      USERNAME: user.username,
      USER_ID_FOR_SRP: user.username,
    },
  };
}

/** Plain password check (USER_PASSWORD_AUTH, USER_AUTH PASSWORD), then the steps after the password. */
export function passwordAuth(ctx, pool, client, params, member = 'authParameters') {
  if (!params.USERNAME) throw missing(`${member}.USERNAME`);
  if (params.PASSWORD === undefined) throw missing(`${member}.PASSWORD`);
  const user = findUser(pool, params.USERNAME);
  checkSecretHash(client, params.SECRET_HASH, [params.USERNAME, user?.username]);
  if (!user) throw unknownUser(client);
  if (!srp.checkPassword(user.verifier, pool.name, user.username, params.PASSWORD)) throw NotAuthorized(WRONG_PASSWORD);
  checkDeviceKey(pool, user, params.DEVICE_KEY);
  return afterPassword(ctx, { pool, client, user, deviceKey: params.DEVICE_KEY });
}
