// Sign-in: InitiateAuth (USER_SRP_AUTH, USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH)
// and RespondToAuthChallenge (PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED).
import { randomBytes } from 'node:crypto';
import { InvalidParameter, NotAuthorized, UserNotConfirmed, UserNotFound, WRONG_PASSWORD, missing } from '../errors.mjs';
import * as srp from '../srp-server.mjs';
import {
  checkPasswordPolicy,
  checkSecretHash,
  findUser,
  findUserBySub,
  flowAllowed,
  getClient,
  parseAttributes,
  reqStr,
  stringMap,
} from './common.mjs';
import { issueTokens } from './tokens.mjs';

const SESSION_TTL_MS = 3 * 60 * 1000; // Cognito's default AuthSessionValidity
const TIMESTAMP_SKEW_MS = 5 * 60 * 1000;
const AUTH_FLOWS = [
  'USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH',
];

/** NotAuthorized with Cognito's deliberately vague message and an emulator-only hint for debugging. */
const rejectProof = (detail) => {
  const e = NotAuthorized(WRONG_PASSWORD);
  e.detail = detail;
  return e;
};

function requireFlow(client, flow) {
  if (!flowAllowed(client, flow)) {
    throw InvalidParameter(flow === 'USER_SRP_AUTH' ? 'USER_SRP_AUTH is not enabled for the client.' : `${flow} flow not enabled for this client`);
  }
}

function unknownUser(client) {
  // PreventUserExistenceErrors hides whether the user exists.
  return client.preventUserExistenceErrors ? NotAuthorized(WRONG_PASSWORD) : UserNotFound('User does not exist.');
}

/** Shared tail of every successful password proof: status decides tokens vs. a further challenge. */
function completeSignIn(ctx, pool, client, user) {
  if (!user.enabled) throw NotAuthorized('User is disabled.');
  if (user.status === 'UNCONFIRMED') throw UserNotConfirmed('User is not confirmed.');
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const session = randomBytes(192).toString('base64');
    pruneExpired(ctx.store.challengeSessions, ctx.store.now());
    ctx.store.challengeSessions.set(session, {
      poolId: pool.id,
      clientId: client.id,
      sub: user.sub,
      expiresAt: ctx.store.now() + SESSION_TTL_MS,
    });
    const attrs = Object.fromEntries(user.attributes);
    const missingRequired = pool.requiredAttributes.filter((a) => !user.attributes.get(a)).map((a) => `userAttributes.${a}`);
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: session,
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.username,
        requiredAttributes: JSON.stringify(missingRequired),
        userAttributes: JSON.stringify(attrs),
      },
    };
  }
  return { AuthenticationResult: issueTokens(ctx, { pool, client, user }), ChallengeParameters: {} };
}

/** Abandoned challenges would pile up in a long browser run; drop the expired ones. */
function pruneExpired(map, now) {
  if (map.size < 256) return;
  for (const [k, v] of map) if (v.expiresAt <= now) map.delete(k);
}

function startSrp(ctx, pool, client, params) {
  const typed = params.USERNAME;
  if (!typed) throw missing('authParameters.USERNAME');
  if (params.SRP_A === undefined) throw missing('authParameters.SRP_A');
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
  pruneExpired(ctx.store.srpSessions, ctx.store.now());
  ctx.store.srpSessions.set(secretBlock, {
    poolId: pool.id,
    clientId: client.id,
    sub: user.sub,
    userId: user.username,
    decoy,
    A,
    B,
    b,
    v,
    expiresAt: ctx.store.now() + SESSION_TTL_MS,
  });
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: saltHex,
      SECRET_BLOCK: secretBlock,
      SRP_B: B.toString(16),
      USERNAME: user.username,
      USER_ID_FOR_SRP: user.username,
    },
  };
}

function passwordAuth(ctx, pool, client, params) {
  if (!params.USERNAME) throw missing('authParameters.USERNAME');
  if (params.PASSWORD === undefined) throw missing('authParameters.PASSWORD');
  const user = findUser(pool, params.USERNAME);
  checkSecretHash(client, params.SECRET_HASH, [params.USERNAME, user?.username]);
  if (!user) throw unknownUser(client);
  if (!srp.checkPassword(user.verifier, pool.name, user.username, params.PASSWORD)) throw NotAuthorized(WRONG_PASSWORD);
  return completeSignIn(ctx, pool, client, user);
}

function refreshAuth(ctx, pool, client, params) {
  const { store } = ctx;
  const token = params.REFRESH_TOKEN;
  if (!token) throw missing('authParameters.REFRESH_TOKEN');
  const rec = store.refreshTokens.get(token);
  if (!rec || rec.clientId !== client.id) throw NotAuthorized('Invalid Refresh Token');
  const user = findUserBySub(pool, rec.sub);
  checkSecretHash(client, params.SECRET_HASH, [user?.username, params.USERNAME]);
  if (rec.revoked) throw NotAuthorized('Refresh Token has been revoked');
  if (rec.expiresAt <= store.now()) throw NotAuthorized('Refresh Token has expired');
  if (!user) throw NotAuthorized('User does not exist.');
  if (!user.enabled) throw NotAuthorized('User is disabled.');
  return {
    AuthenticationResult: issueTokens(ctx, { pool, client, user, lineage: rec }),
    ChallengeParameters: {},
  };
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
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      requireFlow(client, 'REFRESH_TOKEN_AUTH');
      return refreshAuth(ctx, pool, client, params);
    case 'ADMIN_NO_SRP_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
      throw InvalidParameter('Initiate Auth method not supported.');
    default:
      throw InvalidParameter(`${flow} is not supported by the emulator.`);
  }
}

function passwordVerifier(ctx, pool, client, cr) {
  const { store } = ctx;
  for (const k of ['USERNAME', 'PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP']) {
    if (cr[k] === undefined) throw missing(`challengeResponses.${k}`);
  }
  const block = cr.PASSWORD_CLAIM_SECRET_BLOCK;
  const sess = store.srpSessions.get(block);
  store.srpSessions.delete(block); // single use, whatever the outcome
  if (!sess || sess.clientId !== client.id) throw NotAuthorized('Invalid session for the user.');
  if (sess.expiresAt <= store.now()) throw NotAuthorized('Invalid session for the user, session is expired.');
  const user = sess.decoy ? null : findUserBySub(pool, sess.sub);
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
  return completeSignIn(ctx, pool, client, user);
}

function newPasswordRequired(ctx, pool, client, input, cr) {
  const { store } = ctx;
  const session = input.Session;
  if (typeof session !== 'string') throw missing('session');
  const cs = store.challengeSessions.get(session);
  if (!cs || cs.clientId !== client.id) throw NotAuthorized('Invalid session for the user.');
  if (cs.expiresAt <= store.now()) throw NotAuthorized('Invalid session for the user, session is expired.');
  if (cr.USERNAME === undefined) throw missing('challengeResponses.USERNAME');
  if (cr.NEW_PASSWORD === undefined) throw missing('challengeResponses.NEW_PASSWORD');
  const user = findUserBySub(pool, cs.sub);
  checkSecretHash(client, cr.SECRET_HASH, [cr.USERNAME, user?.username]);
  if (!user || findUser(pool, cr.USERNAME) !== user) throw NotAuthorized(WRONG_PASSWORD);
  const updates = Object.entries(cr)
    .filter(([k]) => k.startsWith('userAttributes.'))
    .map(([k, v]) => ({ Name: k.slice('userAttributes.'.length), Value: v }));
  const attrs = parseAttributes(pool, updates, 'challengeResponses');
  const merged = new Map([...user.attributes, ...attrs]);
  const stillMissing = pool.requiredAttributes.filter((a) => !merged.get(a));
  if (stillMissing.length) throw InvalidParameter(`Missing required attribute: ${stillMissing.join(', ')}`);
  checkPasswordPolicy(pool, cr.NEW_PASSWORD);
  store.challengeSessions.delete(session);
  user.attributes = merged;
  user.verifier = srp.makeVerifier(pool.name, user.username, cr.NEW_PASSWORD);
  user.status = 'CONFIRMED';
  delete user.temporaryPassword;
  user.modifiedAt = store.now();
  return completeSignIn(ctx, pool, client, user);
}

function RespondToAuthChallenge(ctx, input) {
  const name = reqStr(input, 'ChallengeName', 'challengeName');
  const { client, pool } = getClient(ctx.store, reqStr(input, 'ClientId', 'clientId'));
  const cr = stringMap(input, 'ChallengeResponses', 'challengeResponses');
  switch (name) {
    case 'PASSWORD_VERIFIER':
      return passwordVerifier(ctx, pool, client, cr);
    case 'NEW_PASSWORD_REQUIRED':
      return newPasswordRequired(ctx, pool, client, input, cr);
    default:
      throw InvalidParameter(`ChallengeName ${name} is not supported by the emulator.`);
  }
}

export default { InitiateAuth, RespondToAuthChallenge };
