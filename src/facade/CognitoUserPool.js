// `CognitoUserPool`: the SDK's object (userPoolId, clientId, client, storage, ...),
// whose settings the core checks and reads on every call.

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
    // Ours, kept off the SDK's own enumerable properties (so Object.keys, spread and JSON
    // stay the SDK's) but on the object itself, not in private fields or a WeakMap keyed
    // by it, which a Proxy of the pool (Vue's reactive()) cannot reach: app clients with a
    // secret (server-side use) and refresh token rotation.
    hidden(this, '_clientSecret', ClientSecret);
    hidden(this, '_refreshTokenRotation', Boolean(refreshTokenRotation));
    const storage = Storage || defaultStorage();
    const checked = nowOk('pool', { pool: { UserPoolId, ClientId, endpoint } }, storage);
    this.userPoolId = UserPoolId;
    this.clientId = ClientId;
    this.client = new Client(checked.endpoint, fetchOptions);
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
    const target = targetOf(callback);
    const args = { username: text(username), password: text(password), userAttributes, validationData, clientMetadata };
    const input = () => ({ pool: poolData(this), args, to: target.to });
    const result = ({ ok }) => ({
      user: new CognitoUser({ Username: ok.username, Pool: this, Storage: this.storage }),
      userConfirmed: ok.userConfirmed,
      userSub: ok.userSub,
      codeDeliveryDetails: ok.codeDeliveryDetails,
    });
    return runInto(target, 'signUp', input, this.storage, (answer) => target.deliver(answer.reply, result));
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
