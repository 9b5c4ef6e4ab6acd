// `CognitoIdentityCredentials` (ours): temporary AWS credentials from an identity pool, for
// a signed-in user (their ID token in `Logins`) or a guest, without the AWS SDK. Shaped
// like the AWS SDK's class of that name: `get`, `refresh`, `needsRefresh`, `clearCachedId`,
// and `identityId` / `accessKeyId` / `secretAccessKey` / `sessionToken` / `expiration` /
// `params`. The object holds its settings and what it knows (non-enumerable), and hands them to
// the core on each call (src/js/entry/identity.rs), which decides when to fetch and what.

class CognitoIdentityCredentials {
  /** `new CognitoIdentityCredentials({ IdentityPoolId, Logins?, user?, endpoint?, Storage? })`.
   * With `user` its ID token is used and kept fresh; with neither `Logins` nor `user`, a
   * guest (unauthenticated) identity. */
  constructor(data) {
    const { IdentityPoolId, Logins, endpoint, user, Storage } = data || {};
    const answer = coreNow('identityCredentials', { IdentityPoolId, Logins, endpoint });
    okOrThrow(answer);
    // Non-enumerable (core.js, hidden): `_held`, what the core holds on this object and
    // reads back on each call: `config` (IdentityPoolId, Logins, endpoint as the core keeps
    // them) and `known` (GetCredentialsForIdentity's answer, `{ IdentityId?, Credentials?:
    // { AccessKeyId, SecretKey, SessionToken, Expiration (seconds) } }`, or `{}`);
    // `_user`, a CognitoUser whose session supplies (and refreshes) the ID token;
    // `_storage`, where the identity id is cached.
    hidden(this, '_held', { ...answer.user, known: {} });
    hidden(this, '_user', user);
    hidden(this, '_storage', Storage !== null && typeof Storage === 'object' ? Storage : defaultStorage());
  }

  /** `get(callback)`: the credentials, fetched only when missing or about to expire. */
  get(callback) {
    return obtainCredentials(this, false, callback);
  }

  /** `refresh(callback)`: new credentials now. */
  refresh(callback) {
    return obtainCredentials(this, true, callback);
  }

  /** Whether `get` would fetch (no credentials, or expiring within five minutes). */
  needsRefresh() {
    return identityNow(this, 'identityNeedsRefresh');
  }

  /** Forgets the credentials and the cached identity id (e.g. on sign-out). */
  clearCachedId() {
    identityNow(this, 'identityClearCachedId');
  }

  get identityId() {
    return this._held.known.IdentityId;
  }

  get accessKeyId() {
    return heldCredentials(this).AccessKeyId;
  }

  get secretAccessKey() {
    return heldCredentials(this).SecretKey;
  }

  get sessionToken() {
    return heldCredentials(this).SessionToken;
  }

  /** A Date, or null before the first `get`. */
  get expiration() {
    const { Expiration } = heldCredentials(this);
    return Expiration === undefined ? null : expirationDate(Expiration);
  }

  /** The pool and the Logins the app gave (a copy). */
  get params() {
    const { IdentityPoolId, Logins } = this._held.config;
    return JSON.parse(JSON.stringify({ IdentityPoolId, Logins }));
  }
}

/** The credentials the object holds, as the wire gave them (`{}` without). */
function heldCredentials(self) {
  return self._held.known.Credentials || {};
}

/** A Date of `seconds` since the epoch, to the millisecond. */
function expirationDate(seconds) {
  return new Date(Math.round(seconds * 1000));
}

function identityInput(self, more) {
  return { ...self._held, userAgent: getAmplifyUserAgent(), ...more };
}

/** A sync operation: holds what it answers and gives its value, or throws its error. */
function identityNow(self, op) {
  return nowHeld(op, identityInput(self), self._storage, (held) => Object.assign(self._held, held));
}

/** Each object's fetch in flight: its concurrent `get`s share it, and what it leaves. */
const identityFetches = new WeakMap();

/** Fresh credentials at once, else (or when `force`d) the user's ID token, then a fetch
 * (the one in flight for this object, if any). */
function obtainCredentials(self, force, callback) {
  const target = targetOf(callback, (reply) => identityCredentialsResult(reply.ok), (held) => Object.assign(self._held, held));
  const input = (user) => identityInput(self, { force, user });
  return nowOrLater(target, 'identityGet', input, self._storage, () => {
    userLogin(self._user)
      .then((user) => sharedRun(identityFetches, self, () => coreRun('identityGet', input(user), self._storage)))
      .then(target.deliver, target.fail);
    return target.returned;
  });
}

/** What the user gives for this call, as data for the core: null without a user,
 * `{ idToken }`, `{ failed }` with getSession's error, or `{ unusable }`. */
function userLogin(user) {
  return new Promise((resolve) => {
    const unusable = { unusable: true };
    if (user === undefined || user === null) return resolve(null);
    try {
      user.getSession((err, session) => {
        if (err) return resolve({ failed: { code: err.code, message: err.message } });
        try {
          const token = session.getIdToken().getJwtToken();
          resolve(typeof token === 'string' ? { idToken: token } : unusable);
        } catch {
          resolve(unusable);
        }
      });
    } catch {
      resolve(unusable);
    }
  });
}

/** The credentials a `get` gives: what the object holds, the expiration as a Date. */
function identityCredentialsResult(known) {
  const c = known.Credentials;
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretKey,
    sessionToken: c.SessionToken,
    expiration: expirationDate(c.Expiration),
    identityId: known.IdentityId ?? null,
  };
}
