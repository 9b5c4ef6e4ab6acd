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
  let answer;
  try {
    answer = coreNow('identityGet', identityInput(self, { force }), self._storage);
  } catch (err) {
    target.fail(err);
    return target.returned;
  }
  if (!answer.reply.pending) {
    deliverIdentity(self, target, answer);
    return target.returned;
  }
  userLogin(self._user)
    .then((user) => coreRun('identityGet', identityInput(self, { force, user }), self._storage))
    .then(
      (fetched) => deliverIdentity(self, target, fetched),
      (err) => target.fail(err),
    );
  return target.returned;
}

/** What the user gives for this call, as data for the core: null without a user,
 * `{ idToken }`, `{ failed }` with getSession's error, or `{ unusable }`. */
function userLogin(user) {
  if (user === undefined || user === null) return Promise.resolve(null);
  return new Promise((resolve) => {
    const idToken = (session) => {
      try {
        const token = session.getIdToken().getJwtToken();
        return typeof token === 'string' ? { idToken: token } : { unusable: true };
      } catch {
        return { unusable: true };
      }
    };
    try {
      if (typeof user.getSession !== 'function') throw new TypeError('no getSession');
      user.getSession((err, session) => resolve(err ? { failed: { code: err.code, message: err.message } } : idToken(session)));
    } catch {
      resolve({ unusable: true });
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
