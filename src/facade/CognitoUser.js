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
    return runFor(this, 'initiateAuth', signInArgs(authDetails, true), callback);
  }

  // ----- sessions -----------------------------------------------------------------

  /** The valid session, refreshed when expired. As in the SDK, when no request is needed
   * the callback runs before this returns. */
  getSession(callback, options = {}) {
    const args = { clientMetadata: options ? options.clientMetadata : undefined };
    const later = (key) => runFor(this, 'getSession', args, refreshCallback(this, callback), key);
    return nowOrLater(userTarget(this, callback), 'getSession', () => userInput(this, args), this.storage, later);
  }

  refreshSession(refreshToken, callback, clientMetadata) {
    const token = refreshToken && typeof refreshToken.getToken === 'function' ? refreshToken.getToken() : refreshToken;
    return runFor(this, 'refreshSession', { refreshToken: text(token), clientMetadata }, refreshCallback(this, callback));
  }

  getCognitoUserSession(authResult) {
    return sessionOf(authResult);
  }

  /** `signOut()` clears this user's tokens from storage at once; `signOut(callback)`
   * also revokes the refresh token first and calls `callback(err?)` when done. */
  signOut(revokeTokenCallback) {
    if (typeof revokeTokenCallback !== 'function') {
      this.cleanClientData();
      return Promise.resolve();
    }
    revoke(this, 'signOut', revokeTokenCallback);
  }

  revokeTokens(revokeTokenCallback = () => {}) {
    if (typeof revokeTokenCallback !== 'function') {
      throw new Error('Invalid revokeTokenCallback. It should be a function.');
    }
    revoke(this, 'revokeTokens', revokeTokenCallback);
  }

  /** Whether the token has an origin_jti claim (false for anything that is not a token). */
  isSessionRevocable(token) {
    try {
      return Boolean(token.decodePayload().origin_jti);
    } catch {
      return false;
    }
  }

  /** Also tells `onSessionChange` listeners of the sign-out (ours). */
  cleanClientData() {
    this.signInUserSession = null;
    nowFor(this, 'signOutLocal', {});
  }

  getUserContextData() {
    return this.pool.getUserContextData(this.username);
  }

  // ----- the account --------------------------------------------------------------

  getUserData(callback, params) {
    const { bypassCache, clientMetadata } = params || {};
    return runFor(this, 'getUserData', { bypassCache: Boolean(bypassCache), clientMetadata }, callback);
  }

  /** The fourth argument (email MFA) is ours: the JS SDK predates email MFA. */
  setUserMfaPreference(smsMfaSettings, softwareTokenMfaSettings, callback, emailMfaSettings = undefined) {
    const args = { sms: smsMfaSettings, totp: softwareTokenMfaSettings, email: emailMfaSettings };
    return runFor(this, 'setUserMfaPreference', args, callback);
  }

  /** Ours (passkeys). */
  listPasskeys(callback, params) {
    const { maxResults, nextToken } = params || {};
    return runFor(this, 'listPasskeys', { maxResults, nextToken: text(nextToken) }, callback);
  }
}

/**
 * The rest of CognitoUser's methods: each is the core's operation of its name. Each
 * parameter, in order, goes into the operation's arguments under its key (`key:t` as
 * text, `key:b` as a Boolean, `key:a` as attributes); `@` is the callback. A method
 * without one is sync (what storage holds) and returns nothing.
 */
const USER_OPERATIONS = {
  // sign-in challenges (sendSelectChallengeAnswer, USER_AUTH's first factor, is ours;
  // sendMFACode's mfaType may also be EMAIL_OTP or SMS_OTP)
  completeNewPasswordChallenge: 'newPassword:t attributes @ clientMetadata',
  sendCustomChallengeAnswer: 'answer:t @ clientMetadata',
  sendMFACode: 'code:t @ mfaType:t clientMetadata',
  sendMFASelectionAnswer: 'answer:t @',
  sendSelectChallengeAnswer: 'answer:t @',
  associateSoftwareToken: '@',
  verifySoftwareToken: 'code:t friendlyDeviceName:t @',
  // registration
  confirmRegistration: 'code:t forceAliasCreation:b @ clientMetadata',
  resendConfirmationCode: '@ clientMetadata',
  forgotPassword: '@ clientMetadata',
  confirmPassword: 'code:t newPassword:t @ clientMetadata',
  globalSignOut: '@',
  // what storage holds
  cacheTokens: '',
  cacheUserData: 'userData',
  clearCachedUserData: '',
  clearCachedUser: '',
  clearCachedTokens: '',
  cacheDeviceKeyAndPassword: '',
  getCachedDeviceKeyAndPassword: '',
  clearCachedDeviceKeyAndPassword: '',
  // the account
  getUserAttributes: '@',
  getMFAOptions: '@',
  updateAttributes: 'attributes:a @ clientMetadata',
  deleteAttributes: 'names @',
  getAttributeVerificationCode: 'name:t @ clientMetadata',
  verifyAttribute: 'name:t code:t @',
  changePassword: 'oldPassword:t newPassword:t @ clientMetadata',
  deleteUser: '@ clientMetadata',
  enableMFA: '@',
  disableMFA: '@',
  // devices
  getDevice: '@',
  listDevices: 'limit paginationToken:t @',
  setDeviceStatusRemembered: '@',
  setDeviceStatusNotRemembered: '@',
  forgetDevice: '@',
  forgetSpecificDevice: 'deviceKey:t @',
  // passkeys (ours)
  registerPasskey: '@',
  deletePasskey: 'credentialId:t @',
};

/** How a `key:x` parameter is read. */
const USER_ARGUMENT = { t: text, b: Boolean, a: attributeList };

for (const [op, spec] of Object.entries(USER_OPERATIONS)) {
  const params = spec ? spec.split(' ') : [];
  // A class's method, as the ones above: strict, named, not a constructor.
  const method = class {
    [op](...values) {
      const args = {};
      let callback;
      params.forEach((param, i) => {
        const [key, as] = param.split(':');
        if (key === '@') callback = values[i];
        else args[key] = as ? USER_ARGUMENT[as](values[i]) : values[i];
      });
      if (spec.includes('@')) return runFor(this, op, args, callback);
      nowFor(this, op, args);
    }
  }.prototype[op];
  Object.defineProperty(method, 'length', { value: params.length });
  hidden(CognitoUser.prototype, op, method);
}

// ----- the plumbing ---------------------------------------------------------------
// Plain functions of the user object, not private (#) members: apps hand the SDK's users
// around as ordinary objects (Vue's reactive() Proxy, lodash's _.clone keeping the
// prototype, Object.assign onto Object.create(CognitoUser.prototype)), and the SDK's
// methods work on those; a private member would throw "Receiver must be an instance".

/** What the core reads of `user`, with the method's arguments. */
function userInput(user, args, to) {
  const session = sessionData(user.signInUserSession);
  const data = {
    username: text(user.username),
    flow: text(user.authenticationFlowType),
    Session: text(user.Session),
    session,
    deviceKey: user.deviceKey,
    deviceGroupKey: user.deviceGroupKey,
    randomPassword: user.randomPassword,
  };
  return { pool: poolData(user.pool), user: data, args, to };
}

/** Holds on `user` what the core says it now holds (src/js/entry/user: username,
 * userDataKey, Session, the device's keys, `session` as a session object, `unset` ones set
 * to undefined), in the order it says it (the order new own properties appear in, as on
 * the SDK's object); getSession's `change` is told to the pool's listeners instead (by
 * each call that shares its answer). */
function holdOn(user, held) {
  if (!held) return;
  for (const [key, value] of Object.entries(held)) {
    if (key === 'session') {
      user.signInUserSession = value === null ? null : sameSession(user.signInUserSession, value);
    } else if (key === 'change') {
      host.emit(user.pool.getClientId(), value, text(user.username) ?? '', false);
    } else if (key === 'unset') {
      for (const name of value) user[name] = undefined;
    } else {
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

/** Where a call of `user`'s reports (`targetOf`): what it answers is held on `user`. */
function userTarget(user, callback) {
  return targetOf(callback, (reply) => userValue(user, reply), (held) => holdOn(user, held));
}

/** Runs `op` in the core for `user` and reports to `callback` (or the returned Promise);
 * given a `key`, shares the run in flight under it (`runInto`). */
function runFor(user, op, args, callback, key) {
  const target = userTarget(user, callback);
  return runInto(target, op, () => userInput(user, args, target.to), user.storage, key);
}

/** A sync operation: holds what it answers and gives its value, or throws its error. */
function nowFor(user, op, args) {
  return nowHeld(op, userInput(user, args), user.storage, (held) => holdOn(user, held));
}

/** The pool's `wrapRefreshSessionCallback` wraps the callback of every refresh. */
function refreshCallback(user, callback) {
  const wrap = user.pool.wrapRefreshSessionCallback;
  return typeof wrap === 'function' && typeof callback === 'function' ? wrap(callback) : callback;
}

/** What a sign-in reads of the AuthenticationDetails (ours, the SDK's, or a plain object);
 * initiateAuth's also the AuthParameters. */
function signInArgs(details, withAuthParameters) {
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
    authParameters: withAuthParameters ? call('getAuthParameters') : undefined,
  };
}

/** signOut's and revokeTokens' request: `callback(err)`, or `callback()` on success. */
function revoke(user, op, callback) {
  runFor(user, op, {}, (err) => (err ? callback(err) : callback()));
}

/** Attributes as data: CognitoUserAttribute objects or `{ Name, Value }`. */
function attributeList(list) {
  return Array.isArray(list) ? list.map((a) => (a && typeof a.toJSON === 'function' ? a.toJSON() : a)) : list;
}
