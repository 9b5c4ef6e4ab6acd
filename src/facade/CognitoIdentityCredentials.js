// `CognitoIdentityCredentials` (ours): temporary AWS credentials from an identity pool, for
// a signed-in user (their ID token in `Logins`) or a guest, without the AWS SDK. Shaped
// like the AWS SDK's class of that name: `get`, `refresh`, `needsRefresh`, `clearCachedId`,
// and `identityId` / `accessKeyId` / `secretAccessKey` / `sessionToken` / `expiration` /
// `params`. The object holds its settings and what it knows, privately, and hands them to
// the core on each call (src/js/entry/identity.rs), which decides when to fetch and what.

class CognitoIdentityCredentials {
  /** `IdentityPoolId`, `Logins`, `endpoint`, as the core keeps them. */
  #config;
  /** The name concurrent `get`s of this object share one fetch under. */
  #flight;
  /** A CognitoUser whose session supplies (and refreshes) the ID token. */
  #user;
  /** Where the identity id is cached. */
  #storage;
  /** `{ identityId?, accessKeyId?, secretAccessKey?, sessionToken?, expiration? (ms) }`. */
  #known = {};

  /** `new CognitoIdentityCredentials({ IdentityPoolId, Logins?, user?, endpoint?, Storage? })`.
   * With `user` its ID token is used and kept fresh; with neither `Logins` nor `user`, a
   * guest (unauthenticated) identity. */
  constructor(data) {
    const { IdentityPoolId, Logins, endpoint, user, Storage } = data || {};
    const answer = coreNow('identityCredentials', { IdentityPoolId, Logins, endpoint });
    okOrThrow(answer);
    this.#config = answer.user.config;
    this.#flight = answer.user.flight;
    this.#user = user;
    this.#storage = Storage !== null && typeof Storage === 'object' ? Storage : defaultStorage();
  }

  /** `get(callback)`: the credentials, fetched only when missing or about to expire. */
  get(callback) {
    return this.#obtain(false, callback);
  }

  /** `refresh(callback)`: new credentials now. */
  refresh(callback) {
    return this.#obtain(true, callback);
  }

  /** Whether `get` would fetch (no credentials, or expiring within five minutes). */
  needsRefresh() {
    return okOrThrow(coreNow('identityNeedsRefresh', this.#input(), this.#storage));
  }

  /** Forgets the credentials and the cached identity id (e.g. on sign-out). */
  clearCachedId() {
    const answer = coreNow('identityClearCachedId', this.#input(), this.#storage);
    this.#hold(answer.user);
    okOrThrow(answer);
  }

  get identityId() {
    return this.#known.identityId;
  }

  get accessKeyId() {
    return this.#known.accessKeyId;
  }

  get secretAccessKey() {
    return this.#known.secretAccessKey;
  }

  get sessionToken() {
    return this.#known.sessionToken;
  }

  /** A Date, or null before the first `get`. */
  get expiration() {
    return this.#known.expiration === undefined ? null : new Date(this.#known.expiration);
  }

  /** The pool and the Logins the app gave (a copy). */
  get params() {
    return JSON.parse(JSON.stringify({ IdentityPoolId: this.#config.IdentityPoolId, Logins: this.#config.Logins }));
  }

  // ----- the plumbing -------------------------------------------------------------

  #input(more) {
    return { config: this.#config, flight: this.#flight, known: this.#known, userAgent: getAmplifyUserAgent(), ...more };
  }

  #hold(held) {
    if (held && held.known) this.#known = held.known;
  }

  #deliver(target, answer) {
    this.#hold(answer.user);
    target.deliver(answer.reply, (reply) => identityCredentialsResult(reply.ok));
  }

  /** Fresh credentials at once, else (or when `force`d) the user's ID token, then a fetch. */
  #obtain(force, callback) {
    const target = new Target(callback);
    let answer;
    try {
      answer = coreNow('identityGet', this.#input({ force }), this.#storage);
    } catch (err) {
      target.fail(err);
      return target.returned;
    }
    if (!answer.reply.pending) {
      this.#deliver(target, answer);
      return target.returned;
    }
    this.#userLogin()
      .then((user) => coreRun('identityGet', this.#input({ force, user }), this.#storage))
      .then(
        (fetched) => this.#deliver(target, fetched),
        (err) => target.fail(err),
      );
    return target.returned;
  }

  /** What the user gives for this call, as data for the core: null without a user,
   * `{ idToken }`, `{ failed }` with getSession's error, or `{ unusable }`. */
  #userLogin() {
    const user = this.#user;
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
