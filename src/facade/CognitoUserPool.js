// `CognitoUserPool`: the SDK's object (userPoolId, clientId, client, storage, ...),
// whose settings the core checks and reads on every call.

/** The SDK's pool id rule (its regex, at most 55 characters). The one rule written twice:
 * the core's is `PoolConfig::new` (src/flows/pool.rs), which checks every call's pool data;
 * tests/packaging/pool-ids.test.mjs holds both, and the JS SDK, to one corpus of ids. */
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;

/** The SDK's `Client`: where requests go. The core sends them. */
class Client {
  constructor(endpoint, fetchOptions) {
    this.endpoint = endpoint;
    this.fetchOptions = fetchOptions || {};
  }
}

class CognitoUserPool {
  constructor(data, wrapRefreshSessionCallback) {
    const { UserPoolId, ClientId, endpoint, fetchOptions, AdvancedSecurityDataCollectionFlag, ClientSecret, refreshTokenRotation, Storage } = data || {};
    // The SDK's checks and messages, here rather than in the core so that making a pool
    // runs no wasm (core.js, `ready`). Ids that are not text are missing, as the core
    // reads them.
    if (typeof UserPoolId !== 'string' || !UserPoolId || typeof ClientId !== 'string' || !ClientId) throw new Error('Both UserPoolId and ClientId are required.');
    if (UserPoolId.length > 55 || !USER_POOL_ID.test(UserPoolId)) throw new Error('Invalid UserPoolId format.');
    // Ours, kept off the SDK's own enumerable properties (so Object.keys, spread and JSON
    // stay the SDK's) but on the object itself, not in private fields or a WeakMap keyed
    // by it, which a Proxy of the pool (Vue's reactive()) cannot reach: app clients with a
    // secret (server-side use) and refresh token rotation.
    hidden(this, '_clientSecret', ClientSecret);
    hidden(this, '_refreshTokenRotation', Boolean(refreshTokenRotation));
    const storage = Storage || defaultStorage();
    poolMade({ pool: { UserPoolId, ClientId, endpoint } }, storage);
    this.userPoolId = UserPoolId;
    this.clientId = ClientId;
    // The SDK's Client's endpoint: the one given, else the region's (as the core's
    // `endpoint_for`, src/protocol/mod.rs, which sends the requests; an endpoint that is
    // not text is none there).
    this.client = new Client((typeof endpoint === 'string' && endpoint) || `https://cognito-idp.${UserPoolId.split('_')[0]}.amazonaws.com/`, fetchOptions);
    this.advancedSecurityDataCollectionFlag = AdvancedSecurityDataCollectionFlag !== false;
    this.storage = storage;
    if (wrapRefreshSessionCallback) this.wrapRefreshSessionCallback = wrapRefreshSessionCallback;
  }

  /** Ours: whether refreshes go through GetTokensFromRefreshToken (app clients with
   * refresh token rotation). On the prototype, so the object's own keys stay the SDK's. */
  get refreshTokenRotation() {
    return this._refreshTokenRotation;
  }

  /** Ours (earlier releases): the endpoint and fetch options, which the SDK keeps on `client`. */
  get endpoint() {
    return this.client.endpoint;
  }

  get fetchOptions() {
    return this.client.fetchOptions;
  }

  /** Ours: the app client's secret, when given (server-side use only). */
  get clientSecret() {
    return this._clientSecret;
  }

  getUserPoolId() {
    return this.userPoolId;
  }

  getUserPoolName() {
    return this.getUserPoolId().split('_')[1];
  }

  getClientId() {
    return this.clientId;
  }

  signUp(username, password, userAttributes, validationData, callback, clientMetadata) {
    const args = { username: text(username), password: text(password), userAttributes, validationData, clientMetadata };
    const target = targetOf(callback, ({ ok }) => ({
      user: new CognitoUser({ Username: ok.username, Pool: this, Storage: this.storage }),
      userConfirmed: ok.userConfirmed,
      userSub: ok.userSub,
      codeDeliveryDetails: ok.codeDeliveryDetails,
    }));
    return runInto(target, 'signUp', () => ({ pool: poolData(this), args, to: target.to }), this.storage);
  }

  getCurrentUser() {
    const username = nowOk('getCurrentUser', { pool: poolData(this) }, this.storage);
    return username === null ? null : new CognitoUser({ Username: username, Pool: this, Storage: this.storage });
  }

  getUserContextData(username) {
    return coreNow('getUserContextData', { pool: poolData(this), args: { username: text(username) } }).reply.ok;
  }

  /** Ours: `listener({ type: 'signIn' | 'refresh' | 'signOut', username, otherTab })` on
   * every session change of this app client, in this tab or another. Returns the
   * function that removes the listener. */
  onSessionChange(listener) {
    return host.onSessionChange(this.clientId, listener);
  }
}
