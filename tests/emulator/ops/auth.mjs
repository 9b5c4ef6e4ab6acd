// Sign-in entry points: InitiateAuth (USER_SRP_AUTH, USER_PASSWORD_AUTH,
// CUSTOM_AUTH, USER_AUTH, REFRESH_TOKEN_AUTH) and RespondToAuthChallenge,
// whose PASSWORD_VERIFIER step lives here; the first factors are in
// first-factor.mjs / user-auth.mjs / webauthn.mjs, later steps in
// challenges.mjs / custom-auth.mjs.
import { InvalidParameter, NotAuthorized, UserNotConfirmed, missing } from '../errors.mjs';
import * as srp from '../srp-server.mjs';
import { checkSecretHash, findUser, findUserBySub, flowAllowed, getClient, reqStr, stringMap } from './common.mjs';
import { CHALLENGE_HANDLERS, rejectProof } from './challenges.mjs';
import { customConfig, issueCustomChallenge, respondCustomChallenge } from './custom-auth.mjs';
import { checkDeviceKey } from './device-store.mjs';
import { passwordAuth, startSrp, unknownUser } from './first-factor.mjs';
import { afterPassword } from './flow.mjs';
import { refreshTokens, rotationEnabled } from './refresh.mjs';
import { respondSelectChallenge, userAuth } from './user-auth.mjs';
import { respondWebAuthn } from './webauthn.mjs';

const TIMESTAMP_SKEW_MS = 5 * 60 * 1000;
const AUTH_FLOWS = [
  'USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH',
];

function requireFlow(client, flow) {
  if (!flowAllowed(client, flow)) {
    throw InvalidParameter(flow === 'USER_SRP_AUTH' ? 'USER_SRP_AUTH is not enabled for the client.' : `${flow} flow not enabled for this client`);
  }
}

/**
 * CUSTOM_AUTH: with `srpFirst` the client must open with SRP_A and
 * CHALLENGE_NAME "SRP_A" (what the SDK sends for CUSTOM_AUTH), and the
 * custom challenges follow the password proof; otherwise they start at once.
 */
function customAuth(ctx, pool, client, params) {
  const cfg = customConfig(ctx.store, pool);
  if (!params.USERNAME) throw missing('authParameters.USERNAME');
  if (cfg.srpFirst) {
    if (params.SRP_A === undefined || params.CHALLENGE_NAME !== 'SRP_A') {
      throw InvalidParameter('This custom auth flow starts with SRP: send SRP_A and CHALLENGE_NAME "SRP_A".');
    }
    return startSrp(ctx, pool, client, params, { custom: true });
  }
  const user = findUser(pool, params.USERNAME);
  checkSecretHash(client, params.SECRET_HASH, [params.USERNAME, user?.username]);
  if (!user) throw unknownUser(client);
  if (!user.enabled) throw NotAuthorized('User is disabled.');
  if (user.status === 'UNCONFIRMED') throw UserNotConfirmed('User is not confirmed.');
  checkDeviceKey(pool, user, params.DEVICE_KEY);
  return issueCustomChallenge(ctx, { pool, client, user, deviceKey: params.DEVICE_KEY, custom: true }, 0);
}

function InitiateAuth(ctx, input) {
  const flow = reqStr(input, 'AuthFlow', 'authFlow');
  if (!AUTH_FLOWS.includes(flow)) {
    throw InvalidParameter(`1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${AUTH_FLOWS.join(', ')}]`);
  }
  const { client, pool } = getClient(ctx.store, reqStr(input, 'ClientId', 'clientId'));
  const params = stringMap(input, 'AuthParameters', 'authParameters');
  switch (flow) {
    case 'USER_SRP_AUTH':
      requireFlow(client, 'USER_SRP_AUTH');
      return startSrp(ctx, pool, client, params);
    case 'USER_PASSWORD_AUTH':
      requireFlow(client, 'USER_PASSWORD_AUTH');
      return passwordAuth(ctx, pool, client, params);
    case 'CUSTOM_AUTH':
      requireFlow(client, 'CUSTOM_AUTH');
      return customAuth(ctx, pool, client, params);
    case 'USER_AUTH':
      requireFlow(client, 'USER_AUTH');
      return userAuth(ctx, pool, client, params);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      // AWS: "You can't authenticate with REFRESH_TOKEN_AUTH in app clients
      // with refresh token rotation enabled."
      if (rotationEnabled(client)) {
        throw InvalidParameter('Refresh token rotation is enabled for this app client: use GetTokensFromRefreshToken instead of REFRESH_TOKEN_AUTH.');
      }
      requireFlow(client, 'REFRESH_TOKEN_AUTH');
      return {
        AuthenticationResult: refreshTokens(ctx, pool, client, {
          token: params.REFRESH_TOKEN,
          member: 'authParameters.REFRESH_TOKEN',
          deviceKey: params.DEVICE_KEY,
          // The SECRET_HASH of a refresh is over the stored username (the access
          // token's `username`, the sub in pools with UsernameAttributes): the
          // token names the user, whatever USERNAME the client adds.
          checkSecret: (user) => checkSecretHash(client, params.SECRET_HASH, [user?.username]),
        }),
        ChallengeParameters: {},
      };
    case 'ADMIN_NO_SRP_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
      throw InvalidParameter('Initiate Auth method not supported.');
    default:
      throw InvalidParameter(`${flow} is not supported by the emulator.`);
  }
}

function passwordVerifier(ctx, pool, client, input, cr) {
  const { store } = ctx;
  for (const k of ['USERNAME', 'PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP']) {
    if (cr[k] === undefined) throw missing(`challengeResponses.${k}`);
  }
  const block = cr.PASSWORD_CLAIM_SECRET_BLOCK;
  const sess = store.srpSessions.get(block);
  const user = sess && !sess.decoy && sess.clientId === client.id ? findUserBySub(pool, sess.sub) : null;
  // An unknown DEVICE_KEY is refused *before* the SECRET_BLOCK is spent: the SDK
  // answers this error by resending the same proof without its device.
  checkDeviceKey(pool, user, cr.DEVICE_KEY);
  store.srpSessions.delete(block); // single use, whatever the outcome
  if (!sess || sess.clientId !== client.id) throw NotAuthorized('Invalid session for the user.');
  if (sess.expiresAt <= store.now()) throw NotAuthorized('Invalid session for the user, session is expired.');
  if (sess.userAuthSession && input.Session !== sess.userAuthSession) {
    const e = NotAuthorized('Invalid session for the user.');
    e.detail = 'in USER_AUTH the PASSWORD_VERIFIER answer must carry the Session that came with the challenge';
    throw e;
  }
  checkSecretHash(client, cr.SECRET_HASH, [cr.USERNAME, sess.userId]);
  if (!sess.decoy && (!user || findUser(pool, cr.USERNAME) !== user)) {
    throw rejectProof('USERNAME does not name the user the SECRET_BLOCK was issued for');
  }
  const ts = srp.parseTimestamp(cr.TIMESTAMP);
  if (ts === null) {
    throw rejectProof(`TIMESTAMP ${JSON.stringify(cr.TIMESTAMP)} is not in the form "Tue Sep 3 08:04:05 UTC 2024"`);
  }
  if (Math.abs(ts - store.now()) > TIMESTAMP_SKEW_MS) throw rejectProof('TIMESTAMP is more than 5 minutes from the server clock');
  const key = srp.sessionKey(sess);
  const expected = key && srp.expectedSignature(key, pool.name, sess.userId, block, cr.TIMESTAMP);
  if (!expected || !srp.signatureMatches(expected, cr.PASSWORD_CLAIM_SIGNATURE) || sess.decoy) {
    throw rejectProof('PASSWORD_CLAIM_SIGNATURE does not verify');
  }
  const deviceKey = cr.DEVICE_KEY ?? sess.deviceKey;
  checkDeviceKey(pool, user, deviceKey);
  return afterPassword(ctx, { pool, client, user, deviceKey, custom: sess.custom });
}

function RespondToAuthChallenge(ctx, input) {
  const name = reqStr(input, 'ChallengeName', 'challengeName');
  const { client, pool } = getClient(ctx.store, reqStr(input, 'ClientId', 'clientId'));
  const cr = stringMap(input, 'ChallengeResponses', 'challengeResponses');
  if (name === 'PASSWORD_VERIFIER') return passwordVerifier(ctx, pool, client, input, cr);
  if (name === 'CUSTOM_CHALLENGE') return respondCustomChallenge(ctx, pool, client, input, cr);
  if (name === 'SELECT_CHALLENGE') return respondSelectChallenge(ctx, pool, client, input, cr);
  if (name === 'WEB_AUTHN') return respondWebAuthn(ctx, pool, client, input, cr);
  const handler = Object.hasOwn(CHALLENGE_HANDLERS, name) ? CHALLENGE_HANDLERS[name] : null;
  if (!handler) throw InvalidParameter(`ChallengeName ${name} is not supported by the emulator.`);
  return handler(ctx, pool, client, input, cr);
}

export default { InitiateAuth, RespondToAuthChallenge };
