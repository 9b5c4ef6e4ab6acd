// `CognitoUser`: the SDK's object. It holds what the SDK's holds (username, pool,
// Session, client, signInUserSession, authenticationFlowType, storage, keyPrefix,
// userDataKey, and the remembered device's deviceKey, deviceGroupKey, randomPassword),
// hands it to the core with each call, and holds what the core answers. Every method also
// returns a Promise when given no callback.

class CognitoUser {
  constructor(data) {
    if (data == null || data.Username == null || data.Pool == null) {
      throw new Error('Username and Pool information are required.');
    }
    this.username = data.Username || '';
    this.pool = data.Pool;
    this.Session = null;
    this.client = data.Pool.client;
    this.signInUserSession = null;
    const names = coreNow('newUser', { pool: poolData(this.pool), user: { username: String(this.username) } });
    this.authenticationFlowType = names.user.flow;
    // Ours: a user made without Storage uses its pool's (the JS SDK's used localStorage,
    // whatever the pool's storage; README, "differs on purpose").
    this.storage = data.Storage || data.Pool.storage || defaultStorage();
    this.keyPrefix = names.user.keyPrefix;
    this.userDataKey = names.user.userDataKey;
  }

  // ----- the plumbing -------------------------------------------------------------

  /** What the core reads of this object, with the method's arguments. */
  #input(args, to) {
    const session = sessionData(this.signInUserSession);
    const device = { deviceKey: this.deviceKey, deviceGroupKey: this.deviceGroupKey, randomPassword: this.randomPassword };
    const user = { username: text(this.username), flow: text(this.authenticationFlowType), Session: text(this.Session), session, ...device };
    return { pool: poolData(this.pool), user, args, to };
  }

  /** Holds what the core says this object now holds. */
  #hold(held) {
    if (!held) return;
    for (const key of ['username', 'userDataKey', 'Session', 'deviceKey', 'deviceGroupKey', 'randomPassword', 'verifierDevices']) {
      if (key in held) this[key] = held[key];
    }
    for (const key of held.unset || []) this[key] = undefined;
    if ('session' in held) {
      this.signInUserSession = held.session === null ? null : sameSession(this.signInUserSession, held.session);
    }
  }

  /** The success value of a reply, as the SDK's objects. */
  #value(reply) {
    if (reply.session !== undefined) return sameSession(this.signInUserSession, reply.session);
    if (reply.attributes !== undefined) return reply.attributes.map((a) => new CognitoUserAttribute(a));
    return reply.ok;
  }

  #deliver(target, answer) {
    this.#hold(answer.user);
    target.deliver(answer.reply, (reply) => this.#value(reply));
  }

  /** Runs `op` in the core and reports to `callback` (or the returned Promise). */
  #run(op, args, callback) {
    const target = callback instanceof Target ? callback : new Target(callback);
    let running;
    try {
      running = coreRun(op, this.#input(args, target.to), this.storage);
    } catch (err) {
      target.fail(err);
      return target.returned;
    }
    running.then(
      (answer) => this.#deliver(target, answer),
      (err) => target.fail(err),
    );
    return target.returned;
  }

  /** A sync operation: holds what it answers and gives its value, or throws its error. */
  #now(op, args) {
    const answer = coreNow(op, this.#input(args), this.storage);
    this.#hold(answer.user);
    return okOrThrow(answer);
  }

  // ----- properties ---------------------------------------------------------------

  setSignInUserSession(signInUserSession) {
    this.clearCachedUserData();
    this.signInUserSession = signInUserSession;
    this.cacheTokens();
  }

  getSignInUserSession() {
    return this.signInUserSession;
  }

  getUsername() {
    return this.username;
  }

  getAuthenticationFlowType() {
    return this.authenticationFlowType;
  }

  setAuthenticationFlowType(authenticationFlowType) {
    this.authenticationFlowType = authenticationFlowType;
  }

  // ----- sign-in ------------------------------------------------------------------

  /** `authenticateUser(authDetails, { onSuccess, onFailure, mfaRequired, ... })`. */
  authenticateUser(authDetails, callback) {
    return this.#run('authenticateUser', signInArgs(authDetails), callback);
  }

  /** CUSTOM_AUTH without SRP, with the app's own AuthParameters. */
  initiateAuth(authDetails, callback) {
    const args = signInArgs(authDetails);
    args.authParameters = authDetails && typeof authDetails.getAuthParameters === 'function' ? authDetails.getAuthParameters() : undefined;
    return this.#run('initiateAuth', args, callback);
  }

  completeNewPasswordChallenge(newPassword, requiredAttributeData, callback, clientMetadata) {
    const args = { newPassword: text(newPassword), attributes: requiredAttributeData, clientMetadata };
    return this.#run('completeNewPasswordChallenge', args, callback);
  }

  sendCustomChallengeAnswer(answerChallenge, callback, clientMetadata) {
    return this.#run('sendCustomChallengeAnswer', { answer: text(answerChallenge), clientMetadata }, callback);
  }

  /** `mfaType`: SMS_MFA (default), SOFTWARE_TOKEN_MFA, or ours: EMAIL_OTP, SMS_OTP. */
  sendMFACode(confirmationCode, callback, mfaType, clientMetadata) {
    const args = { code: text(confirmationCode), mfaType: text(mfaType), clientMetadata };
    return this.#run('sendMFACode', args, callback);
  }

  sendMFASelectionAnswer(answerChallenge, callback) {
    return this.#run('sendMFASelectionAnswer', { answer: text(answerChallenge) }, callback);
  }

  /** Ours, USER_AUTH: answers `selectChallenge` with the first factor picked. */
  sendSelectChallengeAnswer(answer, callback) {
    return this.#run('sendSelectChallengeAnswer', { answer: text(answer) }, callback);
  }

  associateSoftwareToken(callback) {
    return this.#run('associateSoftwareToken', {}, callback);
  }

  verifySoftwareToken(totpCode, friendlyDeviceName, callback) {
    const args = { code: text(totpCode), friendlyDeviceName: text(friendlyDeviceName) };
    return this.#run('verifySoftwareToken', args, callback);
  }

  // ----- registration -------------------------------------------------------------

  confirmRegistration(confirmationCode, forceAliasCreation, callback, clientMetadata) {
    const args = { code: text(confirmationCode), forceAliasCreation: Boolean(forceAliasCreation), clientMetadata };
    return this.#run('confirmRegistration', args, callback);
  }

  resendConfirmationCode(callback, clientMetadata) {
    return this.#run('resendConfirmationCode', { clientMetadata }, callback);
  }

  forgotPassword(callback, clientMetadata) {
    return this.#run('forgotPassword', { clientMetadata }, callback);
  }

  confirmPassword(verificationCode, newPassword, callback, clientMetadata) {
    const args = { code: text(verificationCode), newPassword: text(newPassword), clientMetadata };
    return this.#run('confirmPassword', args, callback);
  }

  // ----- sessions -----------------------------------------------------------------

  /** The valid session, refreshed when expired. As in the SDK, when no request is needed
   * the callback runs before this returns. */
  getSession(callback, options = {}) {
    const args = { clientMetadata: options ? options.clientMetadata : undefined };
    let answer;
    try {
      answer = coreNow('getSession', this.#input(args), this.storage);
    } catch (err) {
      const target = new Target(callback);
      target.fail(err);
      return target.returned;
    }
    if (!answer.reply.pending) {
      const target = new Target(callback);
      this.#deliver(target, answer);
      return target.returned;
    }
    return this.#run('getSession', args, this.#refreshCallback(callback));
  }

  refreshSession(refreshToken, callback, clientMetadata) {
    const token = refreshToken && typeof refreshToken.getToken === 'function' ? refreshToken.getToken() : refreshToken;
    return this.#run('refreshSession', { refreshToken: text(token), clientMetadata }, this.#refreshCallback(callback));
  }

  /** The pool's `wrapRefreshSessionCallback` wraps the callback of every refresh. */
  #refreshCallback(callback) {
    const wrap = this.pool.wrapRefreshSessionCallback;
    return typeof wrap === 'function' && typeof callback === 'function' ? wrap(callback) : callback;
  }

  getCognitoUserSession(authResult) {
    return new CognitoUserSession({
      IdToken: new CognitoIdToken(authResult),
      AccessToken: new CognitoAccessToken(authResult),
      RefreshToken: new CognitoRefreshToken(authResult),
    });
  }

  /** `signOut()` clears this user's tokens from storage at once; `signOut(callback)`
   * also revokes the refresh token first and calls `callback(err?)` when done. */
  signOut(revokeTokenCallback) {
    if (typeof revokeTokenCallback !== 'function') {
      this.cleanClientData();
      return Promise.resolve();
    }
    this.#run('signOut', {}, new Target(errorOnly(revokeTokenCallback)));
  }

  globalSignOut(callback) {
    return this.#run('globalSignOut', {}, callback);
  }

  revokeTokens(revokeTokenCallback = () => {}) {
    if (typeof revokeTokenCallback !== 'function') {
      throw new Error('Invalid revokeTokenCallback. It should be a function.');
    }
    this.#run('revokeTokens', {}, new Target(errorOnly(revokeTokenCallback)));
  }

  isSessionRevocable(token) {
    if (token && typeof token.decodePayload === 'function') {
      try {
        return Boolean(token.decodePayload().origin_jti);
      } catch (err) {
        // no origin_jti claim
      }
    }
    return false;
  }

  /** Also tells `onSessionChange` listeners of the sign-out (ours). */
  cleanClientData() {
    this.signInUserSession = null;
    this.#now('signOutLocal', {});
  }

  // ----- what storage holds -------------------------------------------------------

  cacheTokens() {
    this.#now('cacheTokens', {});
  }

  cacheUserData(userData) {
    this.#now('cacheUserData', { userData });
  }

  clearCachedUserData() {
    this.#now('clearCachedUserData', {});
  }

  clearCachedUser() {
    this.#now('clearCachedUser', {});
  }

  clearCachedTokens() {
    this.#now('clearCachedTokens', {});
  }

  cacheDeviceKeyAndPassword() {
    this.#now('cacheDeviceKeyAndPassword', {});
  }

  getCachedDeviceKeyAndPassword() {
    this.#now('getCachedDeviceKeyAndPassword', {});
  }

  clearCachedDeviceKeyAndPassword() {
    this.#now('clearCachedDeviceKeyAndPassword', {});
  }

  getUserContextData() {
    return this.pool.getUserContextData(this.username);
  }

  // ----- the account --------------------------------------------------------------

  getUserAttributes(callback) {
    return this.#run('getUserAttributes', {}, callback);
  }

  getUserData(callback, params) {
    const { bypassCache, clientMetadata } = params || {};
    return this.#run('getUserData', { bypassCache: Boolean(bypassCache), clientMetadata }, callback);
  }

  getMFAOptions(callback) {
    return this.#run('getMFAOptions', {}, callback);
  }

  updateAttributes(attributes, callback, clientMetadata) {
    return this.#run('updateAttributes', { attributes: attributeList(attributes), clientMetadata }, callback);
  }

  deleteAttributes(attributeList, callback) {
    return this.#run('deleteAttributes', { names: attributeList }, callback);
  }

  getAttributeVerificationCode(attributeName, callback, clientMetadata) {
    return this.#run('getAttributeVerificationCode', { name: text(attributeName), clientMetadata }, callback);
  }

  verifyAttribute(attributeName, confirmationCode, callback) {
    return this.#run('verifyAttribute', { name: text(attributeName), code: text(confirmationCode) }, callback);
  }

  changePassword(oldUserPassword, newUserPassword, callback, clientMetadata) {
    const args = { oldPassword: text(oldUserPassword), newPassword: text(newUserPassword), clientMetadata };
    return this.#run('changePassword', args, callback);
  }

  deleteUser(callback, clientMetadata) {
    return this.#run('deleteUser', { clientMetadata }, callback);
  }

  enableMFA(callback) {
    return this.#run('enableMFA', {}, callback);
  }

  disableMFA(callback) {
    return this.#run('disableMFA', {}, callback);
  }

  /** The fourth argument (email MFA) is ours: the JS SDK predates email MFA. */
  setUserMfaPreference(smsMfaSettings, softwareTokenMfaSettings, callback, emailMfaSettings = undefined) {
    const args = { sms: smsMfaSettings, totp: softwareTokenMfaSettings, email: emailMfaSettings };
    return this.#run('setUserMfaPreference', args, callback);
  }

  // ----- devices ------------------------------------------------------------------

  getDevice(callback) {
    return this.#run('getDevice', {}, callback);
  }

  listDevices(limit, paginationToken, callback) {
    return this.#run('listDevices', { limit, paginationToken: text(paginationToken) }, callback);
  }

  setDeviceStatusRemembered(callback) {
    return this.#run('setDeviceStatusRemembered', {}, callback);
  }

  setDeviceStatusNotRemembered(callback) {
    return this.#run('setDeviceStatusNotRemembered', {}, callback);
  }

  forgetDevice(callback) {
    return this.#run('forgetDevice', {}, callback);
  }

  forgetSpecificDevice(deviceKey, callback) {
    return this.#run('forgetSpecificDevice', { deviceKey: text(deviceKey) }, callback);
  }

  // ----- passkeys (ours) ----------------------------------------------------------

  registerPasskey(callback) {
    return this.#run('registerPasskey', {}, callback);
  }

  listPasskeys(callback, params) {
    const { maxResults, nextToken } = params || {};
    return this.#run('listPasskeys', { maxResults, nextToken: text(nextToken) }, callback);
  }

  deletePasskey(credentialId, callback) {
    return this.#run('deletePasskey', { credentialId: text(credentialId) }, callback);
  }
}

/** What a sign-in reads of the AuthenticationDetails (ours, the SDK's, or a plain object). */
function signInArgs(details) {
  const call = (name) => (details && typeof details[name] === 'function' ? details[name]() : undefined);
  const field = (name) => (details ? details[name] : undefined);
  const password = call('getPassword');
  const validationData = call('getValidationData');
  const hasValidationData = validationData && Object.keys(validationData).length > 0;
  return {
    password: text(password === undefined ? field('Password') : password),
    // The SDK sends ValidationData as ClientMetadata when there is any.
    clientMetadata: hasValidationData ? validationData : call('getClientMetadata'),
    preferredChallenge: text(call('getPreferredChallenge') || field('PreferredChallenge')),
  };
}

/** signOut's and revokeTokens' callback: `callback(err)`, or `callback()` on success. */
function errorOnly(callback) {
  return (err) => (err ? callback(err) : callback());
}

/** Attributes as data: CognitoUserAttribute objects or `{ Name, Value }`. */
function attributeList(list) {
  return Array.isArray(list) ? list.map((a) => (a && typeof a.toJSON === 'function' ? a.toJSON() : a)) : list;
}
