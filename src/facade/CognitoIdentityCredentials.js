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
    // Non-enumerable (core.js, hidden): `_config`, IdentityPoolId, Logins, endpoint as the
    // core keeps them; `_flight`, the name concurrent `get`s of this object share one fetch
    // under; `_user`, a CognitoUser whose session supplies (and refreshes) the ID token;
    // `_storage`, where the identity id is cached; `_known`, `{ identityId?, accessKeyId?,
    // secretAccessKey?, sessionToken?, expiration? (ms) }`.
    hidden(this, '_config', answer.user.config);
    hidden(this, '_flight', answer.user.flight);
    hidden(this, '_user', user);
    hidden(this, '_storage', Storage !== null && typeof Storage === 'object' ? Storage : defaultStorage());
    hidden(this, '_known', {});
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
    return nowOk('identityNeedsRefresh', identityInput(this), this._storage);
  }

  /** Forgets the credentials and the cached identity id (e.g. on sign-out). */
  clearCachedId() {
    const answer = coreNow('identityClearCachedId', identityInput(this), this._storage);
    holdIdentity(this, answer.user);
    okOrThrow(answer);
  }

  get identityId() {
    return this._known.identityId;
  }

  get accessKeyId() {
    return this._known.accessKeyId;
  }

  get secretAccessKey() {
    return this._known.secretAccessKey;
  }

  get sessionToken() {
    return this._known.sessionToken;
  }

  /** A Date, or null before the first `get`. */
  get expiration() {
    return this._known.expiration === undefined ? null : new Date(this._known.expiration);
  }

  /** The pool and the Logins the app gave (a copy). */
  get params() {
    return JSON.parse(JSON.stringify({ IdentityPoolId: this._config.IdentityPoolId, Logins: this._config.Logins }));
  }
}

function identityInput(self, more) {
  return { config: self._config, flight: self._flight, known: self._known, userAgent: getAmplifyUserAgent(), ...more };
}

function holdIdentity(self, held) {
  if (held && held.known) self._known = held.known;
}

function deliverIdentity(self, target, answer) {
  holdIdentity(self, answer.user);
  target.deliver(answer.reply, (reply) => identityCredentialsResult(reply.ok));
}

/** Fresh credentials at once, else (or when `force`d) the user's ID token, then a fetch. */
function obtainCredentials(self, force, callback) {
  const target = new Target(callback);
  const input = (user) => identityInput(self, { force, user });
  const answer = attempt(target, () => coreNow('identityGet', input(), self._storage));
  if (answer && !answer.reply.pending) deliverIdentity(self, target, answer);
  else if (answer) {
    userLogin(self._user)
      .then((user) => coreRun('identityGet', input(user), self._storage))
      .then((fetched) => deliverIdentity(self, target, fetched), target.fail);
  }
  return target.returned;
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
  return {
    accessKeyId: known.accessKeyId,
    secretAccessKey: known.secretAccessKey,
    sessionToken: known.sessionToken,
    expiration: new Date(known.expiration),
    identityId: known.identityId ?? null,
  };
}
