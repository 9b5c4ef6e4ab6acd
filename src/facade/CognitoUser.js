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
    return runFor(this, 'authenticateUser', signInArgs(authDetails), callback);
  }

  /** CUSTOM_AUTH without SRP, with the app's own AuthParameters. */
  initiateAuth(authDetails, callback) {
    const args = signInArgs(authDetails);
    args.authParameters = authDetails && typeof authDetails.getAuthParameters === 'function' ? authDetails.getAuthParameters() : undefined;
    return runFor(this, 'initiateAuth', args, callback);
  }

  completeNewPasswordChallenge(newPassword, requiredAttributeData, callback, clientMetadata) {
    const args = { newPassword: text(newPassword), attributes: requiredAttributeData, clientMetadata };
    return runFor(this, 'completeNewPasswordChallenge', args, callback);
  }

  sendCustomChallengeAnswer(answerChallenge, callback, clientMetadata) {
    return runFor(this, 'sendCustomChallengeAnswer', { answer: text(answerChallenge), clientMetadata }, callback);
  }

  /** `mfaType`: SMS_MFA (default), SOFTWARE_TOKEN_MFA, or ours: EMAIL_OTP, SMS_OTP. */
  sendMFACode(confirmationCode, callback, mfaType, clientMetadata) {
    const args = { code: text(confirmationCode), mfaType: text(mfaType), clientMetadata };
    return runFor(this, 'sendMFACode', args, callback);
  }

  sendMFASelectionAnswer(answerChallenge, callback) {
    return runFor(this, 'sendMFASelectionAnswer', { answer: text(answerChallenge) }, callback);
  }

  /** Ours, USER_AUTH: answers `selectChallenge` with the first factor picked. */
  sendSelectChallengeAnswer(answer, callback) {
    return runFor(this, 'sendSelectChallengeAnswer', { answer: text(answer) }, callback);
  }

  associateSoftwareToken(callback) {
    return runFor(this, 'associateSoftwareToken', {}, callback);
  }

  verifySoftwareToken(totpCode, friendlyDeviceName, callback) {
    const args = { code: text(totpCode), friendlyDeviceName: text(friendlyDeviceName) };
    return runFor(this, 'verifySoftwareToken', args, callback);
  }

  // ----- registration -------------------------------------------------------------

  confirmRegistration(confirmationCode, forceAliasCreation, callback, clientMetadata) {
    const args = { code: text(confirmationCode), forceAliasCreation: Boolean(forceAliasCreation), clientMetadata };
    return runFor(this, 'confirmRegistration', args, callback);
  }

  resendConfirmationCode(callback, clientMetadata) {
    return runFor(this, 'resendConfirmationCode', { clientMetadata }, callback);
  }

  forgotPassword(callback, clientMetadata) {
    return runFor(this, 'forgotPassword', { clientMetadata }, callback);
  }

  confirmPassword(verificationCode, newPassword, callback, clientMetadata) {
    const args = { code: text(verificationCode), newPassword: text(newPassword), clientMetadata };
    return runFor(this, 'confirmPassword', args, callback);
  }

  // ----- sessions -----------------------------------------------------------------

  /** The valid session, refreshed when expired. As in the SDK, when no request is needed
   * the callback runs before this returns. */
  getSession(callback, options = {}) {
    const args = { clientMetadata: options ? options.clientMetadata : undefined };
    let answer;
    try {
      answer = coreNow('getSession', userInput(this, args), this.storage);
    } catch (err) {
      const target = new Target(callback);
      target.fail(err);
      return target.returned;
    }
    if (!answer.reply.pending) {
      const target = new Target(callback);
      deliverTo(this, target, answer);
      return target.returned;
    }
    return runFor(this, 'getSession', args, refreshCallback(this, callback));
  }

  refreshSession(refreshToken, callback, clientMetadata) {
    const token = refreshToken && typeof refreshToken.getToken === 'function' ? refreshToken.getToken() : refreshToken;
    return runFor(this, 'refreshSession', { refreshToken: text(token), clientMetadata }, refreshCallback(this, callback));
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
    runFor(this, 'signOut', {}, new Target(errorOnly(revokeTokenCallback)));
  }

  globalSignOut(callback) {
    return runFor(this, 'globalSignOut', {}, callback);
  }

  revokeTokens(revokeTokenCallback = () => {}) {
    if (typeof revokeTokenCallback !== 'function') {
      throw new Error('Invalid revokeTokenCallback. It should be a function.');
    }
    runFor(this, 'revokeTokens', {}, new Target(errorOnly(revokeTokenCallback)));
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
    nowFor(this, 'signOutLocal', {});
  }

  // ----- what storage holds -------------------------------------------------------

  cacheTokens() {
    nowFor(this, 'cacheTokens', {});
  }

  cacheUserData(userData) {
    nowFor(this, 'cacheUserData', { userData });
  }

  clearCachedUserData() {
    nowFor(this, 'clearCachedUserData', {});
  }

  clearCachedUser() {
    nowFor(this, 'clearCachedUser', {});
  }

  clearCachedTokens() {
    nowFor(this, 'clearCachedTokens', {});
  }

  cacheDeviceKeyAndPassword() {
    nowFor(this, 'cacheDeviceKeyAndPassword', {});
  }

  getCachedDeviceKeyAndPassword() {
    nowFor(this, 'getCachedDeviceKeyAndPassword', {});
  }

  clearCachedDeviceKeyAndPassword() {
    nowFor(this, 'clearCachedDeviceKeyAndPassword', {});
  }

  getUserContextData() {
    return this.pool.getUserContextData(this.username);
  }

  // ----- the account --------------------------------------------------------------

  getUserAttributes(callback) {
    return runFor(this, 'getUserAttributes', {}, callback);
  }

  getUserData(callback, params) {
    const { bypassCache, clientMetadata } = params || {};
    return runFor(this, 'getUserData', { bypassCache: Boolean(bypassCache), clientMetadata }, callback);
  }

  getMFAOptions(callback) {
    return runFor(this, 'getMFAOptions', {}, callback);
  }

  updateAttributes(attributes, callback, clientMetadata) {
    return runFor(this, 'updateAttributes', { attributes: attributeList(attributes), clientMetadata }, callback);
  }

  deleteAttributes(attributeList, callback) {
    return runFor(this, 'deleteAttributes', { names: attributeList }, callback);
  }

  getAttributeVerificationCode(attributeName, callback, clientMetadata) {
    return runFor(this, 'getAttributeVerificationCode', { name: text(attributeName), clientMetadata }, callback);
  }

  verifyAttribute(attributeName, confirmationCode, callback) {
    return runFor(this, 'verifyAttribute', { name: text(attributeName), code: text(confirmationCode) }, callback);
  }

  changePassword(oldUserPassword, newUserPassword, callback, clientMetadata) {
    const args = { oldPassword: text(oldUserPassword), newPassword: text(newUserPassword), clientMetadata };
    return runFor(this, 'changePassword', args, callback);
  }

  deleteUser(callback, clientMetadata) {
    return runFor(this, 'deleteUser', { clientMetadata }, callback);
  }

  enableMFA(callback) {
    return runFor(this, 'enableMFA', {}, callback);
  }

  disableMFA(callback) {
    return runFor(this, 'disableMFA', {}, callback);
  }

  /** The fourth argument (email MFA) is ours: the JS SDK predates email MFA. */
  setUserMfaPreference(smsMfaSettings, softwareTokenMfaSettings, callback, emailMfaSettings = undefined) {
    const args = { sms: smsMfaSettings, totp: softwareTokenMfaSettings, email: emailMfaSettings };
    return runFor(this, 'setUserMfaPreference', args, callback);
  }

  // ----- devices ------------------------------------------------------------------

  getDevice(callback) {
    return runFor(this, 'getDevice', {}, callback);
  }

  listDevices(limit, paginationToken, callback) {
    return runFor(this, 'listDevices', { limit, paginationToken: text(paginationToken) }, callback);
  }

  setDeviceStatusRemembered(callback) {
    return runFor(this, 'setDeviceStatusRemembered', {}, callback);
  }

  setDeviceStatusNotRemembered(callback) {
    return runFor(this, 'setDeviceStatusNotRemembered', {}, callback);
  }

  forgetDevice(callback) {
    return runFor(this, 'forgetDevice', {}, callback);
  }

  forgetSpecificDevice(deviceKey, callback) {
    return runFor(this, 'forgetSpecificDevice', { deviceKey: text(deviceKey) }, callback);
  }

  // ----- passkeys (ours) ----------------------------------------------------------

  registerPasskey(callback) {
    return runFor(this, 'registerPasskey', {}, callback);
  }

  listPasskeys(callback, params) {
    const { maxResults, nextToken } = params || {};
    return runFor(this, 'listPasskeys', { maxResults, nextToken: text(nextToken) }, callback);
  }

  deletePasskey(credentialId, callback) {
    return runFor(this, 'deletePasskey', { credentialId: text(credentialId) }, callback);
  }
}

// ----- the plumbing ---------------------------------------------------------------
// Plain functions of the user object, not private (#) members: apps hand the SDK's users
// around as ordinary objects (Vue's reactive() Proxy, lodash's _.clone keeping the
// prototype, Object.assign onto Object.create(CognitoUser.prototype)), and the SDK's
// methods work on those; a private member would throw "Receiver must be an instance".

/** What the core reads of `user`, with the method's arguments. */
function userInput(user, args, to) {
  const session = sessionData(user.signInUserSession);
  const device = { deviceKey: user.deviceKey, deviceGroupKey: user.deviceGroupKey, randomPassword: user.randomPassword };
  const data = { username: text(user.username), flow: text(user.authenticationFlowType), Session: text(user.Session), session, ...device };
  return { pool: poolData(user.pool), user: data, args, to };
}

/** The properties the core's answers may set on a CognitoUser (`user` of an answer). */
const HELD = ['username', 'userDataKey', 'Session', 'deviceKey', 'deviceGroupKey', 'randomPassword', 'verifierDevices'];

/** Holds on `user` what the core says it now holds, in the order it says it (the order
 * new own properties appear in, as on the SDK's object). */
function holdOn(user, held) {
  if (!held) return;
  for (const [key, value] of Object.entries(held)) {
    if (key === 'session') {
      user.signInUserSession = value === null ? null : sameSession(user.signInUserSession, value);
    } else if (key === 'unset') {
      for (const name of value) user[name] = undefined;
    } else if (HELD.includes(key)) {
      user[key] = value;
    }
  }
}

/** The success value of a reply, as the SDK's objects. */
function userValue(user, reply) {
  if (reply.session !== undefined) return sameSession(user.signInUserSession, reply.session);
  if (reply.attributes !== undefined) return reply.attributes.map((a) => new CognitoUserAttribute(a));
  return reply.ok;
}

function deliverTo(user, target, answer) {
  holdOn(user, answer.user);
  target.deliver(answer.reply, (reply) => userValue(user, reply));
}

/** Runs `op` in the core for `user` and reports to `callback` (or the returned Promise). */
function runFor(user, op, args, callback) {
  const target = callback instanceof Target ? callback : new Target(callback);
  const input = () => userInput(user, args, target.to);
  return runInto(target, op, input, user.storage, (answer) => deliverTo(user, target, answer));
}

/** A sync operation: holds what it answers and gives its value, or throws its error. */
function nowFor(user, op, args) {
  const answer = coreNow(op, userInput(user, args), user.storage);
  holdOn(user, answer.user);
  return okOrThrow(answer);
}

/** The pool's `wrapRefreshSessionCallback` wraps the callback of every refresh. */
function refreshCallback(user, callback) {
  const wrap = user.pool.wrapRefreshSessionCallback;
  return typeof wrap === 'function' && typeof callback === 'function' ? wrap(callback) : callback;
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
