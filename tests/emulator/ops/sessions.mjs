// Challenge sessions: the opaque `Session` strings that chain InitiateAuth,
// RespondToAuthChallenge, AssociateSoftwareToken and VerifySoftwareToken.
// Each is bound to one user, one app client and one expected step, lives
// 3 minutes (Cognito's default AuthSessionValidity) and is consumed by the
// step that uses it, so a replayed or cross-step session is refused the way
// Cognito refuses it.
import { randomBytes } from 'node:crypto';
import { NotAuthorized, missing } from '../errors.mjs';
import { findUserBySub } from './common.mjs';

export const SESSION_TTL_MS = 3 * 60 * 1000;
const INVALID = 'Invalid session for the user.';

/** Abandoned challenges would pile up in a long browser run; drop the expired ones. */
export function pruneExpired(map, now) {
  if (map.size < 256) return;
  for (const [k, v] of map) if (v.expiresAt <= now) map.delete(k);
}

/**
 * Open a session for `step` (a ChallengeName, or a sub-step such as
 * "MFA_SETUP:verified"). `data` carries what the next step needs
 * (deviceKey, the MFA code sent, custom-challenge index...).
 */
export function openSession(store, { pool, client, user, step, data = {}, alias }) {
  // Real sessions are long KMS-wrapped blobs; length and alphabet resemble them.
  const session = randomBytes(600).toString('base64url');
  pruneExpired(store.authSessions, store.now());
  const rec = {
    poolId: pool.id,
    clientId: client.id,
    sub: user.sub,
    step,
    attempts: 0,
    expiresAt: store.now() + SESSION_TTL_MS,
    ...data,
    keys: [session],
  };
  store.authSessions.set(session, rec);
  // `alias`: a just-consumed Session that may also answer this step (see finishSignIn).
  if (alias) {
    rec.keys.push(alias);
    store.authSessions.set(alias, rec);
  }
  return session;
}

/** Spend a session under every name it has. */
export function consumeSession(store, rec) {
  for (const k of rec.keys ?? []) store.authSessions.delete(k);
}

/**
 * Look up a session for one of `steps` without consuming it. Unknown,
 * expired, another client's or another step's session: NotAuthorizedException.
 */
export function peekSession(store, session, { client, steps }) {
  if (session === undefined || session === null) throw missing('session');
  if (typeof session !== 'string') throw NotAuthorized(INVALID);
  const rec = store.authSessions.get(session);
  if (!rec || (client && rec.clientId !== client.id) || !steps.includes(rec.step)) {
    const e = NotAuthorized(INVALID);
    e.detail = !rec ? 'unknown or already used Session' : rec.step && !steps.includes(rec.step)
      ? `Session was issued for ${rec.step}, not ${steps.join('/')}` : 'Session belongs to another app client';
    throw e;
  }
  if (rec.expiresAt <= store.now()) {
    store.authSessions.delete(session);
    throw NotAuthorized('Invalid session for the user, session is expired.');
  }
  const pool = store.pools.get(rec.poolId);
  const user = pool && findUserBySub(pool, rec.sub);
  if (!user) throw NotAuthorized(INVALID);
  return { rec, pool, user };
}

/** peekSession, then consume: a session answers exactly one successful step. */
export function takeSession(store, session, opts) {
  const out = peekSession(store, session, opts);
  consumeSession(store, out.rec);
  return out;
}

/** Count a wrong answer; after `max` the session dies and the sign-in must restart. */
export function failAttempt(store, session, rec, max = 3) {
  rec.attempts += 1;
  if (rec.attempts >= max) consumeSession(store, rec);
}
