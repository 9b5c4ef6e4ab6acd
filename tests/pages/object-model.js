// In-page half of tests/e2e/object-model.test.mjs: records the object model of the library
// loaded as window.AC (the JS SDK's browser bundle or ours), as plain data the test compares.
//
//   objectModel.walkLibrary()  every export; for each class its prototype members (up the
//                              prototype chain: the JS SDK's token classes inherit theirs),
//                              with kind (method / accessor / value) and arity, and its statics.
//   objectModel.step(name, ctx) runs one step of a flow against the emulator and describes
//                              every live object it touches: own properties (names,
//                              enumerability, data or accessor, what the value is), the
//                              enumerable keys, and what JSON.stringify and structuredClone make
//                              of it. Recorded where the app would look: inside the challenge
//                              callback (the user mid-flow), after onSuccess, and so on.
//
// Values are reduced to what does not change from run to run: a string is null, empty or
// non-empty; an object is named by the library export whose prototype it has, a built-in
// (Object, Array, localStorage, Uint8Array…) or 'internal' (a class the library does not
// export, e.g. the JS SDK's Client and BigInteger).
(function () {
  const lib = () => window.AC;
  const STEP_TIMEOUT_MS = 25000;

  function classOf(v) {
    const AC = lib();
    for (const name of Object.getOwnPropertyNames(AC)) {
      const C = AC[name];
      if (typeof C === 'function' && C.prototype && Object.getPrototypeOf(v) === C.prototype) return name;
    }
    if (v === window.localStorage) return 'localStorage';
    if (v === window.sessionStorage) return 'sessionStorage';
    if (Array.isArray(v)) return 'Array';
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype) return 'Object';
    if (proto === null) return 'Object(null prototype)';
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    return tag !== 'Object' ? tag : 'internal';
  }

  /** What a value is, without the parts that differ from run to run. */
  function valueInfo(v) {
    if (v === null) return { type: 'null' };
    const type = typeof v;
    if (type === 'string') return { type, string: v === '' ? 'empty' : 'non-empty' };
    if (type === 'boolean') return { type, value: v };
    if (type === 'function') return { type, arity: v.length };
    if (type === 'object') return { type, class: classOf(v) };
    return { type };
  }

  /** The shape of a JSON value (or of a structured clone): keys kept, leaves reduced to their type. */
  function shapeOf(v, key) {
    // The storage is localStorage (or an app's object): its contents are the page's, not the model.
    if (key === 'storage') return 'opaque:storage';
    if (v === null) return 'null';
    if (v === undefined) return 'undefined';
    if (Array.isArray(v)) {
      const kinds = [...new Set(v.map((x) => JSON.stringify(shapeOf(x))))].sort();
      return { '[]': kinds.map((s) => JSON.parse(s)) };
    }
    if (typeof v === 'object') {
      const out = {};
      for (const k of Object.keys(v).sort()) out[k] = shapeOf(v[k], k);
      return out;
    }
    if (typeof v === 'string') return v === '' ? 'string:empty' : 'string';
    return typeof v;
  }

  function jsonOutcome(obj) {
    try {
      const text = JSON.stringify(obj);
      return text === undefined ? { ok: true, shape: 'undefined' } : { ok: true, shape: shapeOf(JSON.parse(text)) };
    } catch (e) {
      return { ok: false, error: e.name };
    }
  }

  function cloneOutcome(obj) {
    try {
      return { ok: true, shape: shapeOf(structuredClone(obj)) };
    } catch (e) {
      return { ok: false, error: e.name };
    }
  }

  /** Own properties of a live object, its enumerable keys, and JSON / structuredClone of it. */
  function describe(obj, { serialise = true } = {}) {
    if (obj === null || typeof obj !== 'object') return { notAnObject: valueInfo(obj) };
    const own = {};
    for (const key of Reflect.ownKeys(obj)) {
      const d = Object.getOwnPropertyDescriptor(obj, key);
      own[typeof key === 'symbol' ? key.toString() : key] = d.get || d.set
        ? { enumerable: d.enumerable, kind: 'accessor', get: !!d.get, set: !!d.set }
        : { enumerable: d.enumerable, kind: 'data', writable: d.writable, ...valueInfo(d.value) };
    }
    const out = { class: classOf(obj), own, keys: Object.keys(obj) };
    if (serialise) Object.assign(out, { json: jsonOutcome(obj), clone: cloneOutcome(obj) });
    return out;
  }

  function describeMember(d) {
    if (d.get || d.set) return { kind: 'accessor', get: !!d.get, set: !!d.set };
    if (typeof d.value === 'function') return { kind: 'method', arity: d.value.length };
    return { kind: 'value', ...valueInfo(d.value) };
  }

  /** Prototype members (nearest definition up the chain, below Object.prototype) and statics. */
  function walkClass(C) {
    const members = {};
    for (let proto = C.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const key of Reflect.ownKeys(proto)) {
        const name = typeof key === 'symbol' ? key.toString() : key;
        if (!(name in members)) members[name] = describeMember(Object.getOwnPropertyDescriptor(proto, key));
      }
    }
    const statics = {};
    for (let f = C; f && f !== Function.prototype; f = Object.getPrototypeOf(f)) {
      for (const key of Reflect.ownKeys(f)) {
        const name = typeof key === 'symbol' ? key.toString() : key;
        if (['length', 'name', 'prototype'].includes(name) || name in statics) continue;
        statics[name] = describeMember(Object.getOwnPropertyDescriptor(f, key));
      }
    }
    return { arity: C.length, members, statics };
  }

  /** Every export of the library (names starting with __ are module plumbing) and every class in it. */
  function walkLibrary() {
    const AC = lib();
    const exports = {};
    const classes = {};
    for (const name of Object.getOwnPropertyNames(AC)) {
      if (name.startsWith('__')) continue;
      const v = AC[name];
      exports[name] = valueInfo(v);
      if (typeof v === 'function' && v.prototype) classes[name] = walkClass(v);
    }
    return { exports, classes };
  }

  // ---- flows -------------------------------------------------------------------------

  function withTimeout(promise, ms, what) {
    let timer;
    return Promise.race([
      promise,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  /** A Node-style callback call as a Promise. */
  const nodeCallback = (invoke) => new Promise((resolve, reject) => {
    invoke((err, result) => (err ? reject(err) : resolve(result)));
  });

  /**
   * An authenticateUser-style flow: `start(cb)` with a callback object whose challenge
   * methods are `handlers` (run synchronously, with `this` the callback object, as the
   * README's); resolves { session, confirmationNecessary } on onSuccess, rejects on onFailure.
   */
  function authFlow(start, handlers = {}) {
    return new Promise((resolve, reject) => {
      const cb = {
        onSuccess(session, confirmationNecessary) {
          resolve({ session, confirmationNecessary });
        },
        onFailure: reject,
      };
      for (const [name, fn] of Object.entries(handlers)) {
        cb[name] = function (...args) {
          try {
            const r = fn.apply(this, args);
            if (r && typeof r.then === 'function') r.catch(reject);
          } catch (e) {
            reject(e);
          }
        };
      }
      try {
        start(cb);
      } catch (e) {
        reject(e);
      }
    });
  }

  const errText = (e) => (e && typeof e === 'object' ? `${e.code || e.name}: ${e.message}` : String(e));
  const newPool = (poolData, ...rest) => new (lib().CognitoUserPool)(poolData, ...rest);
  const newUser = (poolData, username) => new (lib().CognitoUser)({ Username: username, Pool: newPool(poolData) });
  const details = (username, password) => new (lib().AuthenticationDetails)({ Username: username, Password: password });

  /** A storage object an app could pass as Storage (plain object, in memory). */
  function memoryStorage() {
    const items = {};
    return {
      setItem: (k, v) => { items[k] = String(v); },
      getItem: (k) => (k in items ? items[k] : null),
      removeItem: (k) => { delete items[k]; },
      clear: () => { for (const k of Object.keys(items)) delete items[k]; },
    };
  }

  /** An unsigned JWT with the claims the token classes read (iat, exp). */
  function fakeJwt(claims) {
    const b64url = (o) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const now = Math.floor(Date.now() / 1000);
    return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'abc', iat: now, exp: now + 3600, ...claims })}.c2ln`;
  }

  /** State handed from one step to the next within a page (the signed-in user, its session). */
  const memo = {};

  const STEPS = {
    /** Every class constructed directly, no request. */
    async constructed(ctx, rec) {
      const AC = lib();
      const pool = newPool(ctx.plain.poolData);
      rec.make('pool', () => pool);
      rec.make('pool with wrapRefreshSessionCallback, Storage, AdvancedSecurityDataCollectionFlag false', () =>
        newPool({ ...ctx.plain.poolData, Storage: memoryStorage(), AdvancedSecurityDataCollectionFlag: false }, (callback) => callback));
      rec.make('user', () => new AC.CognitoUser({ Username: 'someone', Pool: pool }));
      rec.make('user with Storage', () => new AC.CognitoUser({ Username: 'someone', Pool: pool, Storage: memoryStorage() }));
      rec.make('authenticationDetails', () => details('someone', 'Passw0rd!'));
      rec.make('authenticationDetails, username only', () => new AC.AuthenticationDetails({ Username: 'someone' }));
      rec.make('authenticationDetails with ValidationData, AuthParameters, ClientMetadata', () => new AC.AuthenticationDetails({
        Username: 'someone', Password: 'Passw0rd!', ValidationData: { k: 'v' }, AuthParameters: { A: 'b' }, ClientMetadata: { c: 'd' },
      }));
      rec.make('attribute', () => new AC.CognitoUserAttribute({ Name: 'email', Value: 'someone@example.com' }));
      rec.make('attribute, no argument', () => new AC.CognitoUserAttribute());
      rec.make('attribute after setName/setValue', () => new AC.CognitoUserAttribute({ Name: 'a', Value: 'b' }).setName('email').setValue('x@example.com'));
      rec.make('cookieStorage', () => new AC.CookieStorage({ domain: location.hostname }));
      rec.make('cookieStorage with every option', () => new AC.CookieStorage({ domain: location.hostname, path: '/p', expires: 7, secure: true, sameSite: 'lax' }));
      rec.make('dateHelper', () => new AC.DateHelper());
      rec.make('wordArray', () => new AC.WordArray());
      rec.make('wordArray.random(16)', () => new AC.WordArray().random(16));
      // BigInteger limbs vary run to run: the helper's own properties, not its JSON.
      rec.make('authenticationHelper', () => new AC.AuthenticationHelper('AbCdEf123'), { serialise: false });
      const IdToken = new AC.CognitoIdToken({ IdToken: fakeJwt({ token_use: 'id' }) });
      const AccessToken = new AC.CognitoAccessToken({ AccessToken: fakeJwt({ token_use: 'access' }) });
      const RefreshToken = new AC.CognitoRefreshToken({ RefreshToken: 'opaque-refresh-token' });
      rec.make('idToken', () => IdToken);
      rec.make('accessToken', () => AccessToken);
      rec.make('refreshToken', () => RefreshToken);
      rec.make('idToken, no argument', () => new AC.CognitoIdToken());
      rec.make('refreshToken, no argument', () => new AC.CognitoRefreshToken());
      rec.make('session', () => new AC.CognitoUserSession({ IdToken, AccessToken, RefreshToken }));
      rec.make('session with ClockDrift', () => new AC.CognitoUserSession({ IdToken, AccessToken, RefreshToken, ClockDrift: 0 }));
      rec.make('session without RefreshToken', () => new AC.CognitoUserSession({ IdToken, AccessToken }));
    },

    /** pool.signUp → result and result.user; confirmRegistration on that user. */
    async signUp(ctx, rec) {
      const AC = lib();
      const { poolData, username, password } = ctx.plain;
      const pool = newPool(poolData);
      const attrs = [new AC.CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` })];
      const result = await nodeCallback((cb) => pool.signUp(username, password, attrs, null, cb));
      rec.record('result', result);
      rec.record('result.user', result.user);
      const code = (await emuCodes(poolData.UserPoolId, username)).signUp;
      await nodeCallback((cb) => result.user.confirmRegistration(code, true, cb));
      rec.record('result.user after confirmRegistration', result.user);
    },

    /** SRP sign-in with no challenge; the session and its tokens. */
    async signIn(ctx, rec) {
      const { poolData, username, password } = ctx.plain;
      const user = newUser(poolData, username);
      const { session } = await authFlow((cb) => user.authenticateUser(details(username, password), cb));
      rec.record('user after onSuccess', user);
      rec.record('session (onSuccess argument)', session);
      rec.record('idToken', session.getIdToken());
      rec.record('accessToken', session.getAccessToken());
      rec.record('refreshToken', session.getRefreshToken());
    },

    /** A later page visit: pool.getCurrentUser() from storage, then getSession. */
    async getSession(ctx, rec) {
      const user = newPool(ctx.plain.poolData).getCurrentUser();
      rec.record('pool.getCurrentUser()', user);
      const session = await nodeCallback((cb) => user.getSession(cb));
      rec.record('user after getSession', user);
      rec.record('session (getSession result)', session);
      memo.current = { user, session };
    },

    /** refreshSession on the signed-in user, and on a brand-new user given only the refresh token. */
    async refreshSession(ctx, rec) {
      const AC = lib();
      const { user, session } = memo.current;
      const refreshed = await nodeCallback((cb) => user.refreshSession(session.getRefreshToken(), cb));
      rec.record('user after refreshSession', user);
      rec.record('session (refreshSession result)', refreshed);
      const fresh = newUser(ctx.plain.poolData, user.getUsername());
      const token = new AC.CognitoRefreshToken({ RefreshToken: session.getRefreshToken().getToken() });
      const got = await nodeCallback((cb) => fresh.refreshSession(token, cb));
      rec.record('new CognitoUser after refreshSession', fresh);
      rec.record('session (refreshSession result, new CognitoUser)', got);
    },

    /** USER_PASSWORD_AUTH: the flow type set, then a sign-in. */
    async passwordAuth(ctx, rec) {
      const { poolData, username, password } = ctx.plain;
      const user = newUser(poolData, username);
      user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
      rec.record('user after setAuthenticationFlowType', user);
      await authFlow((cb) => user.authenticateUser(details(username, password), cb));
      rec.record('user after onSuccess', user);
    },

    /** signOut() (no callback: nothing revoked) right after. */
    async signOut(ctx, rec) {
      const { user } = memo.current;
      user.signOut();
      rec.record('user after signOut()', user);
    },

    async smsMfa(ctx, rec) {
      const { poolData, sms: { username, password } } = ctx.mfa;
      const user = newUser(poolData, username);
      await authFlow((cb) => user.authenticateUser(details(username, password), cb), {
        async mfaRequired() {
          rec.record('user in mfaRequired', user);
          const { mfa } = await emuCodes(poolData.UserPoolId, username);
          user.sendMFACode(mfa, this);
        },
      });
      rec.record('user after onSuccess', user);
    },

    async totp(ctx, rec) {
      const { poolData, totp: { username, password, secret } } = ctx.mfa;
      const user = newUser(poolData, username);
      await authFlow((cb) => user.authenticateUser(details(username, password), cb), {
        async totpRequired() {
          rec.record('user in totpRequired', user);
          user.sendMFACode(await totpNow(secret), this, 'SOFTWARE_TOKEN_MFA');
        },
      });
      rec.record('user after onSuccess', user);
    },

    async selectMfa(ctx, rec) {
      const { poolData, select: { username, password, secret } } = ctx.mfa;
      const user = newUser(poolData, username);
      await authFlow((cb) => user.authenticateUser(details(username, password), cb), {
        selectMFAType() {
          rec.record('user in selectMFAType', user);
          user.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', this);
        },
        async totpRequired() {
          rec.record('user in totpRequired (after selectMFAType)', user);
          user.sendMFACode(await totpNow(secret), this, 'SOFTWARE_TOKEN_MFA');
        },
      });
      rec.record('user after onSuccess', user);
    },

    async newPassword(ctx, rec) {
      const { poolData, username, password, newPassword } = ctx.newPassword;
      const user = newUser(poolData, username);
      await authFlow((cb) => user.authenticateUser(details(username, password), cb), {
        newPasswordRequired() {
          rec.record('user in newPasswordRequired', user);
          user.completeNewPasswordChallenge(newPassword, {}, this);
        },
      });
      rec.record('user after onSuccess', user);
    },

    /** CUSTOM_AUTH after SRP (authenticateUser). */
    async customChallenge(ctx, rec) {
      const { poolData, username, password, answer } = ctx.custom;
      const user = newUser(poolData, username);
      user.setAuthenticationFlowType('CUSTOM_AUTH');
      await authFlow((cb) => user.authenticateUser(details(username, password), cb), {
        customChallenge() {
          rec.record('user in customChallenge', user);
          user.sendCustomChallengeAnswer(answer, this);
        },
      });
      rec.record('user after onSuccess', user);
    },

    /** CUSTOM_AUTH without SRP (initiateAuth). */
    async customChallengeInitiateAuth(ctx, rec) {
      const AC = lib();
      const { poolData, username, answer } = ctx.customPlain;
      const user = newUser(poolData, username);
      await authFlow((cb) => user.initiateAuth(new AC.AuthenticationDetails({ Username: username }), cb), {
        customChallenge() {
          rec.record('user in customChallenge', user);
          user.sendCustomChallengeAnswer(answer, this);
        },
      });
      rec.record('user after onSuccess', user);
    },

    /** MFA_SETUP: associateSoftwareToken and verifySoftwareToken on the challenge session. */
    async mfaSetup(ctx, rec) {
      const { poolData, username, password } = ctx.mfaOn;
      const user = newUser(poolData, username);
      await authFlow((cb) => user.authenticateUser(details(username, password), cb), {
        mfaSetup() {
          rec.record('user in mfaSetup', user);
          user.associateSoftwareToken(this);
        },
        async associateSecretCode(secret) {
          rec.record('user in associateSecretCode', user);
          user.verifySoftwareToken(await totpNow(secret), 'My TOTP device', this);
        },
      });
      rec.record('user after onSuccess', user);
    },

    /** A remembered device: confirmed at sign-in, read back from storage, used by the next sign-in. */
    async device(ctx, rec) {
      const { poolData, username, password } = ctx.device;
      const user = newUser(poolData, username);
      await authFlow((cb) => user.authenticateUser(details(username, password), cb));
      rec.record('user after onSuccess (device confirmed)', user);
      const later = newPool(poolData).getCurrentUser();
      rec.record('pool.getCurrentUser()', later);
      rec.attempt('getCachedDeviceKeyAndPassword()', () => later.getCachedDeviceKeyAndPassword());
      rec.record('user after getCachedDeviceKeyAndPassword()', later);
      await nodeCallback((cb) => later.getSession(cb));
      rec.record('user after getSession', later);
      const again = newUser(poolData, username);
      await authFlow((cb) => again.authenticateUser(details(username, password), cb));
      rec.record('user after onSuccess (device SRP)', again);
    },
  };

  /** Runs one step; resolves { instances: { label: description }, errors: { what: text } }. */
  async function step(name, ctx) {
    const instances = {};
    const errors = {};
    const rec = {
      record(label, obj, options) {
        instances[label] = describe(obj, options);
      },
      /** Records what `make()` builds, or that it threw. */
      make(label, make, options) {
        try {
          instances[label] = describe(make(), options);
        } catch (e) {
          instances[label] = { threw: e && e.name ? e.name : String(e) };
        }
      },
      /** Calls `fn`; a throw is recorded and the step goes on. */
      attempt(what, fn) {
        try {
          fn();
        } catch (e) {
          errors[what] = errText(e);
        }
      },
    };
    try {
      await withTimeout(STEPS[name](ctx, rec), STEP_TIMEOUT_MS, name);
    } catch (e) {
      errors.step = errText(e);
    }
    return { instances, errors };
  }

  window.objectModel = { walkLibrary, step, steps: Object.keys(STEPS), describe };
})();
